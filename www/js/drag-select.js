// Selecting text with a mouse drag, done by the page instead of the browser.
//
// Why: while the button is held in a scrolling box, Chromium runs its
// selection autoscroll on every frame, even with the pointer at rest inside
// the box. The release then reaches the page in the middle of that frame
// stream and waits for the next frame slot: about 15 ms median between
// mouseup and the frame that shows it, against 5 ms with this module
// (scripts/bench/page.mjs measures it). Here a frame is asked for only when the
// selection changes, or while the pointer is past the box's top or bottom edge
// and the text has to scroll.
//
// A drag selects by characters, not by caret positions: from the character
// pressed on to the one released on, both whole, whichever half of them the
// pointer was over. By caret positions, a drag from the right half of 普 to
// the left half of 京 is one position, an empty selection, and the release
// would be taken for a click on whatever annotation is there. The press
// becomes a drag once the pointer has moved a few pixels or onto another
// character; until then the release is a click.
//
// Only the plain press is taken over. A double or triple click (word and
// paragraph selection), a press on the scrollbar, a press in a touch gesture,
// and a press on an element the caller excludes keep the browser's behaviour.

/** Pixels scrolled per frame for each pixel the pointer is past the edge, and the most per frame. */
const SCROLL_PER_PX = 0.35;
const SCROLL_MAX = 48;
/** Pixels the pointer may move, within the character pressed on, and still make a click. */
const CLICK_SLOP = 4;

/**
 * Makes drags in `box` select text. `accepts(node)` says whether a caret
 * position in `node` may end a selection (the caller's text, not decorations
 * drawn over it); `skip(target)` says whether a press on `target` is not a
 * selection (a click on a decoration). Returns `{dragging}`: whether a drag
 * is in progress, so that a mouseup listener on `box` leaves the release to
 * `onRelease(event)`, which is called once per drag wherever the button comes up.
 */
export function dragSelect(box, { accepts, skip, onRelease }) {
  let anchor = null; // {start, end}: the character pressed on, each end [node, offset] (one caret position for Shift)
  let origin = null; // where the button went down, client coordinates
  let moved = false; // whether the press has become a drag
  let pointer = null; // the last pointer position, client coordinates
  let frame = 0;

  const positionAt = (x, y) => {
    const pos = document.caretPositionFromPoint?.(x, y);
    const at = pos ? [pos.offsetNode, pos.offset] : caretRangeAt(x, y);
    return at && box.contains(at[0]) && accepts(at[0]) ? at : null;
  };

  /**
   * The character under the pointer as `{start, end}` positions; off the text (past a line's end, in a blank
   * line) the caret position there, as one.
   */
  const characterAt = (x, y) => {
    const at = positionAt(x, y);
    if (!at) return null;
    const [node, offset] = at;
    if (node.nodeType !== Node.TEXT_NODE) return { start: at, end: at };
    // The caret is at the nearer edge of the character under the pointer: the one after it, or the one before.
    const after = offset < node.length ? offset + unitsAt(node.data, offset) : offset;
    if (after > offset && covers(node, offset, after, x, y)) return { start: at, end: [node, after] };
    const before = offset > 0 ? offset - unitsBefore(node.data, offset) : offset;
    if (before < offset && covers(node, before, offset, x, y)) return { start: [node, before], end: at };
    return { start: at, end: at };
  };

  const extendTo = (x, y) => {
    const at = characterAt(x, y);
    if (!at) return;
    if (!moved) {
      const far = Math.hypot(x - origin.x, y - origin.y) > CLICK_SLOP;
      if (!far && samePosition(at.start, anchor.start)) return;
      moved = true;
    }
    // Both characters whole, whichever comes first: the selection keeps the drag's direction.
    const [base, extent] = precedes(at.start, anchor.start) ? [anchor.end, at.start] : [anchor.start, at.end];
    getSelection().setBaseAndExtent(base[0], base[1], extent[0], extent[1]);
  };

  // The inside of the box (without borders and scrollbar), client coordinates.
  const inner = () => {
    const r = box.getBoundingClientRect();
    const left = r.left + box.clientLeft;
    const top = r.top + box.clientTop;
    return { left, top, right: left + box.clientWidth, bottom: top + box.clientHeight };
  };

  const autoscroll = () => {
    frame = 0;
    if (!anchor) return;
    const r = inner();
    const past = pointer.y < r.top ? pointer.y - r.top : pointer.y > r.bottom ? pointer.y - r.bottom : 0;
    if (past === 0) return;
    const before = box.scrollTop;
    box.scrollTop += Math.sign(past) * Math.min(SCROLL_MAX, Math.ceil(Math.abs(past) * SCROLL_PER_PX));
    // The text moved under a pointer held still: the selection follows the
    // edge of the box, where the pointer would be if it were inside.
    extendTo(clamp(pointer.x, r.left + 1, r.right - 1), clamp(pointer.y, r.top + 1, r.bottom - 1));
    if (box.scrollTop !== before) frame = requestAnimationFrame(autoscroll);
  };

  box.addEventListener('mousedown', (e) => {
    if (e.button !== 0 || e.detail > 1 || e.ctrlKey || e.metaKey || e.sourceCapabilities?.firesTouchEvents) return;
    if (skip(e.target)) return;
    const r = inner();
    if (e.clientX >= r.right || e.clientY >= r.bottom) return; // the scrollbar
    const at = positionAt(e.clientX, e.clientY);
    if (!at) return;
    e.preventDefault(); // no native selection, so no autoscroll frames
    // What a press on text does natively: focus leaves the control that had it.
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    const sel = getSelection();
    const extend = e.shiftKey && sel.rangeCount > 0 && box.contains(sel.anchorNode) && accepts(sel.anchorNode);
    const from = extend ? [sel.anchorNode, sel.anchorOffset] : at;
    anchor = extend ? { start: from, end: from } : (characterAt(e.clientX, e.clientY) ?? { start: at, end: at });
    // Shift+click extends the selection as it is: a selection from the first, not a click.
    moved = extend;
    origin = pointer = { x: e.clientX, y: e.clientY };
    sel.setBaseAndExtent(from[0], from[1], at[0], at[1]);
  });

  document.addEventListener('mousemove', (e) => {
    if (!anchor) return;
    if (!(e.buttons & 1)) {
      // The release happened where this document could not hear it (outside the window).
      finish(e);
      return;
    }
    pointer = { x: e.clientX, y: e.clientY };
    const r = inner();
    if (pointer.y < r.top || pointer.y > r.bottom) {
      if (!frame) frame = requestAnimationFrame(autoscroll);
    } else {
      extendTo(clamp(pointer.x, r.left + 1, r.right - 1), pointer.y);
    }
  });

  // A wheel turned during a drag moves the text under the pointer, as the autoscroll does.
  box.addEventListener(
    'scroll',
    () => {
      if (!anchor || frame) return;
      const r = inner();
      extendTo(clamp(pointer.x, r.left + 1, r.right - 1), clamp(pointer.y, r.top + 1, r.bottom - 1));
    },
    { passive: true },
  );

  const finish = (e) => {
    anchor = null;
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    onRelease(e);
  };

  document.addEventListener('mouseup', (e) => {
    if (anchor && e.button === 0) finish(e);
  });

  return {
    get dragging() {
      return anchor !== null;
    },
  };
}

/**
 * Whether the character `[from, to)` of text `node` is drawn under client point `(x, y)`: within its width, on its
 * line (its box is the glyph's, shorter than the line, so a pointer a glyph's height above or below is on it too).
 */
function covers(node, from, to, x, y) {
  const range = document.createRange();
  range.setStart(node, from);
  range.setEnd(node, to);
  for (const r of range.getClientRects()) {
    if (x >= r.left && x < r.right && y >= r.top - r.height && y < r.bottom + r.height) return true;
  }
  return false;
}

const isHigh = (u) => u >= 0xd800 && u < 0xdc00;
const isLow = (u) => u >= 0xdc00 && u < 0xe000;
/** UTF-16 units of the character starting at `i` (a surrogate pair is one). */
const unitsAt = (s, i) => (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1)) ? 2 : 1);
/** UTF-16 units of the character ending at `i`. */
const unitsBefore = (s, i) => (isLow(s.charCodeAt(i - 1)) && isHigh(s.charCodeAt(i - 2)) ? 2 : 1);

const samePosition = (a, b) => a[0] === b[0] && a[1] === b[1];

/** Whether DOM position `a` comes before `b`. */
function precedes(a, b) {
  const range = document.createRange();
  range.setStart(b[0], b[1]);
  return range.comparePoint(a[0], a[1]) < 0;
}

function caretRangeAt(x, y) {
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? [range.startContainer, range.startOffset] : null;
}

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
