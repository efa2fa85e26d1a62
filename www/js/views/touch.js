// Selecting text with a finger, snapped to words as a mouse drag is
// (drag-select.js, commands/select.js). A press held still on the text (a
// long-press) selects the word under it, the segmentation's word, not the
// browser's own guess; then, as the selection's handles are dragged, the
// selection is snapped to whole words once they stop moving. A tap is left to
// the browser, whose click reaches the page as a mouse click does (pick an
// annotation, place the caret), and a finger that moves scrolls.

/** How long a finger must rest to be a long-press, and how far it may wander meanwhile (px). */
const LONG_PRESS_MS = 450;
const SLOP = 10;
/** Handles are snapped once the selection has stopped changing for this long. */
const SETTLE_MS = 200;

/**
 * Binds touch selection on the text of `view` (a TextView) to `pointer`'s
 * handlers (controllers/pointer.js): `doubleClick(u16)` for a long-press,
 * `mouseUp({selectionU16})` for a selection adjusted by its handles.
 */
export function bindTouch(view, pointer) {
  const box = view.text;
  let timer = 0;
  let start = null;
  let touching = false; // the last selection was made by touch: its changes are the handles'
  let settle = 0;
  let snapped = null; // the selection as last snapped: its own selectionchange is not a move of the handles

  const cancel = () => {
    clearTimeout(timer);
    timer = 0;
  };

  box.addEventListener(
    'touchstart',
    (e) => {
      touching = true;
      cancel();
      if (e.touches.length !== 1 || e.target.closest?.('.bar, .tag')) return;
      const t = e.touches[0];
      start = { x: t.clientX, y: t.clientY };
      timer = setTimeout(() => {
        timer = 0;
        const at = view.pointU16(start.x, start.y);
        if (at === null) return;
        pointer.doubleClick(at);
        snapped = view.selectionU16();
      }, LONG_PRESS_MS);
    },
    { passive: true },
  );
  box.addEventListener(
    'touchmove',
    (e) => {
      const t = e.touches[0];
      if (timer && t && Math.hypot(t.clientX - start.x, t.clientY - start.y) > SLOP) cancel();
    },
    { passive: true },
  );
  box.addEventListener('touchend', cancel, { passive: true });
  box.addEventListener('touchcancel', cancel, { passive: true });
  // The long-press is the page's: no context menu over the text.
  box.addEventListener('contextmenu', (e) => {
    if (touching) e.preventDefault();
  });
  // A mouse (not the clicks a touch makes) ends the touch mode.
  box.addEventListener('mousedown', (e) => {
    if (!e.sourceCapabilities?.firesTouchEvents) touching = false;
  });

  document.addEventListener('selectionchange', () => {
    if (!touching) return;
    clearTimeout(settle);
    settle = setTimeout(() => {
      const now = view.selectionU16();
      if (!now || (snapped && now[0] === snapped[0] && now[1] === snapped[1])) return;
      pointer.mouseUp({ altKey: false, markId: null, selectionU16: now, pointU16: null });
      snapped = view.selectionU16();
    }, SETTLE_MS);
  });
}
