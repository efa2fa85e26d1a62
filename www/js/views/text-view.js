// The text: its paragraphs laid out in pages, positions between the DOM and
// UTF-16 units, the DOM selection, the caret and the word under the pointer,
// and the layers drawn over the paragraphs in view. It holds no application
// state: what it keeps (paragraph offsets, which paragraphs are drawn) is a
// cache of what it last drew. It reports what the person did with plain
// values (UTF-16 positions, an annotation id), never a DOM node.
//
// A long text costs little because only its visible part is drawn: the
// paragraphs are laid out in pages that the browser renders only near the
// viewport (content-visibility), and the layers (views/layers/) draw only in
// the paragraphs in view and a margin around them. A layer is an object with
// `attach(textView)`, `drawParagraphs(p0, p1)`, `clearParagraph(p)`, `reset()`
// and optionally `invalidate()` and `shifted()` (a page above changed height:
// what is placed in the text's own coordinates has moved): a new layer
// (relation arcs, search hits) is one more file handed to `addLayer`, and
// this one does not change.

import { dragSelect } from '../drag-select.js';

/** A page of layout ends after this many UTF-16 units or this many paragraphs (see `buildText`). */
const PAGE_U16 = 10_000;
const PAGE_PARAS = 200;
/** Paragraphs this many viewport heights above and below the view are drawn too, so that scrolling meets them drawn. */
const MARGIN = 0.5;

export class TextView {
  constructor(text = document.getElementById('text')) {
    this.text = text;
    this.paraU16 = new Uint32Array(0); // interleaved start, end per paragraph
    this.paras = [];
    this.pages = []; // page elements; pageFirst[i] is the first paragraph of page i
    this.pageFirst = new Uint32Array(1);
    this.appended = 0; // pages in the DOM so far (a long text is appended in batches)
    this.live = [0, 0]; // the paragraphs [from, to) the layers have drawn
    this.layers = [];
    this.named = new Map(); // highlight name -> Highlight
    this.shown = 0; // which showText call is filling the text in
    this.highlights = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
    // Scroll events come once per frame, before it is drawn: pages coming
    // into the margin are drawn in the same frame.
    this.text.addEventListener('scroll', () => this.updateLive(), { passive: true });
    // A page's height is an estimate until the browser first lays it out
    // (content-visibility), which it does when the page nears the view, in a
    // frame of its own: everything below moves, while nothing scrolls.
    this.pageSizes =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (this.live[0] < this.live[1]) for (const layer of this.layers) layer.shifted?.();
          });
  }

  /** Adds a layer drawn over the paragraphs in view (see the top of this file). */
  addLayer(layer) {
    this.layers.push(layer);
    layer.attach(this);
    return layer;
  }

  /** Tells the layers when one of pages `[from, to)` changes height (see the constructor). */
  #watch(from, to) {
    for (let i = from; i < to; i++) this.pageSizes?.observe(this.pages[i]);
  }

  // ---- text and positions ------------------------------------------------

  /**
   * Builds the paragraphs of `text` off-screen, `paraU16` holding their UTF-16
   * `start, end` pairs, a slice at a time: between slices it awaits
   * `pause(done)`, which reports progress and may throw to cancel. Nothing on
   * screen changes until `showText` swaps the result in.
   */
  async buildText(text, paraU16, pause) {
    const frag = document.createDocumentFragment();
    const paras = [];
    const pageFirst = [];
    const n = paraU16.length / 2;
    const SLICE = 4000;
    let page = null;
    let size = 0;
    let lines = 0;
    let timed = false;
    // Until a page has been laid out once, the browser takes its height from
    // this estimate (17 px type, 2.7 line height, about 50 characters a line),
    // so that the scroll bar is about right for text not yet laid out.
    const close = () => {
      if (page) page.style.containIntrinsicSize = `auto ${Math.round(lines * 46)}px`;
    };
    for (let p = 0; p < n; p++) {
      // Paragraphs go in pages that the browser lays out only near the
      // viewport (content-visibility), so a long text costs little to show.
      // Not too small: the browser checks every page's place on each frame.
      if (!page || size >= PAGE_U16 || p - pageFirst[pageFirst.length - 1] >= PAGE_PARAS) {
        close();
        page = document.createElement('div');
        page.className = 'page';
        pageFirst.push(p);
        frag.append(page);
        size = 0;
        lines = 0;
      }
      const div = document.createElement('div');
      const body = text.slice(paraU16[p * 2], paraU16[p * 2 + 1]);
      const blank = body.trim() === '';
      div.className = blank ? 'para blank' : 'para';
      div.dataset.i = String(p);
      // Element Timing reports when the first line of text is painted (scripts/bench/startup.mjs).
      if (!blank && !timed) {
        div.setAttribute('elementtiming', 'text');
        timed = true;
      }
      div.append(document.createTextNode(body));
      page.append(div);
      paras.push(div);
      size += body.length;
      lines += blank ? 0.4 : Math.max(1, Math.ceil(body.length / 50));
      if (p % SLICE === SLICE - 1) await pause((p + 1) / n);
    }
    close();
    pageFirst.push(n);
    return { frag, paras, paraU16, pageFirst: Uint32Array.from(pageFirst) };
  }

  /**
   * What `buildText` would build, made of the text already on screen when it
   * is `text` cut at `paraU16`, paragraph for paragraph: the sample article
   * index.html holds for the first paint (scripts/prerender.mjs). Kept, it
   * is not laid out and painted again, and stays where it was scrolled to.
   * Null when the text on screen is another.
   */
  adoptText(text, paraU16) {
    const pages = [...this.text.querySelectorAll(':scope > .page.pre')];
    const paras = pages.flatMap((page) => [...page.children]);
    const n = paraU16.length / 2;
    if (!pages.length || paras.length !== n) return null;
    for (let p = 0; p < n; p++) {
      if (paras[p].textContent !== text.slice(paraU16[p * 2], paraU16[p * 2 + 1])) return null;
    }
    // Every paragraph holds one text node, an empty line too (ranges are set in it).
    for (const div of paras) if (!div.firstChild) div.append(document.createTextNode(''));
    // Now the page's own: shown whatever first-view.js decided, and never adopted again.
    for (const page of pages) page.classList.remove('pre');
    const pageFirst = [];
    let p = 0;
    for (const page of pages) {
      pageFirst.push(p);
      p += page.children.length;
    }
    pageFirst.push(n);
    return { pages, paras, paraU16, pageFirst: Uint32Array.from(pageFirst) };
  }

  /**
   * Shows what `buildText` built (or `adoptText` found), in place of the text shown before: the
   * first pages at once, the rest a batch per task (inserting a long text's
   * nodes in one go would hold the page for a noticeable time).
   */
  showText({ frag = null, pages = null, paras, paraU16, pageFirst }) {
    this.paraU16 = paraU16;
    this.paras = paras;
    this.pageFirst = pageFirst;
    this.pages = pages ?? [...frag.children];
    this.pageSizes?.disconnect();
    for (const layer of this.layers) layer.reset();
    this.live = [0, 0];
    this.named.clear();
    this.highlights?.clear();
    const shown = ++this.shown;
    // Pages up to the one that holds paragraph `p`.
    const upTo = (p) => {
      let i = 0;
      while (i < this.pages.length && pageFirst[i] < p) i++;
      return i;
    };
    if (pages) {
      this.appended = pages.length;
    } else {
      this.appended = upTo(4000);
      this.text.replaceChildren(...this.pages.slice(0, this.appended));
      this.text.scrollTop = 0;
    }
    this.#watch(0, this.appended);
    this.updateLive();
    const rest = async () => {
      while (this.appended < this.pages.length && shown === this.shown) {
        await new Promise((ok) => setTimeout(ok, 0));
        if (shown !== this.shown) return;
        const to = upTo(pageFirst[this.appended] + 12000);
        // Only when the view reaches the pages just added is anything there drawn (and the layout read).
        const reached = this.live[1] >= pageFirst[this.appended];
        this.text.append(...this.pages.slice(this.appended, to));
        this.#watch(this.appended, to);
        this.appended = to;
        if (reached) this.updateLive();
      }
    };
    rest();
  }

  /** The paragraph holding UTF-16 position `u` (a line break belongs to the paragraph before it). */
  paraAt(u) {
    const p = this.paraU16;
    let lo = 0;
    let hi = p.length / 2 - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid * 2 + 1] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A DOM (node, offset) inside the text to a UTF-16 position, or null outside it. */
  domToU16(node, offset) {
    if (!node || !this.text.contains(node)) return null;
    if (node === this.text || node.classList?.contains('page')) {
      // Between pages or paragraphs: the start of the one after, or the end of the last.
      const next = node.childNodes[offset];
      const para = next && (next.classList.contains('para') ? next : next.querySelector('.para'));
      if (para) return this.paraU16[Number(para.dataset.i) * 2];
      const last = node.classList?.contains('page') ? node.lastElementChild : this.paras[this.paras.length - 1];
      return last ? this.paraU16[Number(last.dataset.i) * 2 + 1] : 0;
    }
    const para = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest('.para');
    if (!para) return null;
    const i = Number(para.dataset.i);
    const [start, end] = [this.paraU16[i * 2], this.paraU16[i * 2 + 1]];
    if (node === para.firstChild) return start + Math.min(offset, end - start);
    if (node === para) return offset === 0 ? start : end;
    return end; // inside the marks layer
  }

  /** A UTF-16 position to a DOM (node, offset). */
  u16ToDom(u) {
    const i = this.paraAt(u);
    const node = this.paras[i].firstChild;
    return [node, Math.max(0, Math.min(u - this.paraU16[i * 2], node.length))];
  }

  rangeU16(su, eu) {
    const r = document.createRange();
    r.setStart(...this.u16ToDom(su));
    r.setEnd(...this.u16ToDom(eu));
    return r;
  }

  /** The current selection as UTF-16 `[start, end]` (anchor order kept), or null. */
  selectionU16() {
    const sel = getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const a = this.domToU16(sel.anchorNode, sel.anchorOffset);
    const f = this.domToU16(sel.focusNode, sel.focusOffset);
    if (a === null || f === null) return null;
    return [a, f];
  }

  setSelectionU16(su, eu) {
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(this.rangeU16(su, eu));
  }

  clearSelection() {
    getSelection()?.removeAllRanges();
  }

  /** The UTF-16 position under a mouse event, or null. */
  pointU16(x, y) {
    const pos = document.caretPositionFromPoint?.(x, y);
    if (pos) return this.domToU16(pos.offsetNode, pos.offset);
    const range = document.caretRangeFromPoint?.(x, y);
    return range ? this.domToU16(range.startContainer, range.startOffset) : null;
  }

  scrollToU16(u) {
    this.paras[this.paraAt(u)]?.scrollIntoView({ block: 'center', behavior: 'instant' });
    this.updateLive();
  }

  /** The keyboard caret: the word (or character) after it is marked; null hides it. */
  showCaret(span) {
    if (!this.highlights) return;
    if (!span) {
      this.highlights.delete('caret');
      return;
    }
    const r = this.rangeU16(span[0], span[1]);
    this.highlights.set('caret', new Highlight(r));
    const para = this.paras[this.paraAt(span[0])];
    const box = para.getBoundingClientRect();
    const view = this.text.getBoundingClientRect();
    if (box.bottom < view.top || box.top > view.bottom) {
      para.scrollIntoView({ block: 'center', behavior: 'instant' });
      this.updateLive();
    }
  }

  hoverWord(span) {
    if (!this.highlights) return;
    if (!span) this.highlights.delete('hover-word');
    else this.highlights.set('hover-word', new Highlight(this.rangeU16(span[0], span[1])));
  }

  // ---- layers ----------------------------------------------------------------

  /** Draws every layer in every paragraph in view again (after an open, a label change). */
  redrawAll() {
    this.updateLive();
    if (this.live[0] < this.live[1]) for (const layer of this.layers) layer.drawParagraphs(...this.live);
  }

  /** Forgets where marks were placed and draws them again (after a resize). */
  invalidateLayout() {
    for (const layer of this.layers) layer.invalidate?.();
    this.redrawAll();
  }

  /**
   * The paragraphs `[from, to)` within the view and its margin (of the pages
   * appended so far): pages by binary search, then paragraphs in the first
   * and last of them.
   */
  #paragraphsInView() {
    const n = this.appended;
    if (!n) return [0, 0];
    const view = this.text.getBoundingClientRect();
    const top = view.top - view.height * MARGIN;
    const bottom = view.bottom + view.height * MARGIN;
    const firstWhere = (lo, hi, rectOf, test) => {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (test(rectOf(mid))) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    const pageRect = (i) => this.pages[i].getBoundingClientRect();
    const paraRect = (p) => this.paras[p].getBoundingClientRect();
    const below = (r) => r.bottom > top;
    const after = (r) => r.top >= bottom;
    const p0 = Math.min(firstWhere(0, n, pageRect, below), n - 1);
    const p1 = Math.max(firstWhere(p0, n, pageRect, after) - 1, p0);
    const from = firstWhere(this.pageFirst[p0], this.pageFirst[p0 + 1], paraRect, below);
    const to = firstWhere(Math.max(from, this.pageFirst[p1]), this.pageFirst[p1 + 1], paraRect, after);
    return [from, to];
  }

  /** Draws the paragraphs that came into view and drops what was drawn in those that left it. */
  updateLive() {
    const [from, to] = this.#paragraphsInView();
    const [was, wasTo] = this.live;
    for (let p = was; p < wasTo; p++) {
      if (p >= from && p < to) {
        p = to - 1;
        continue;
      }
      for (const layer of this.layers) layer.clearParagraph(p);
    }
    this.live = [from, to];
    // The paragraphs new in view: before the old range, and after it.
    const fresh =
      was >= wasTo || to <= was || from >= wasTo
        ? [[from, to]]
        : [
            [from, Math.min(to, was)],
            [Math.max(from, wasTo), to],
          ];
    for (const [a, b] of fresh) {
      if (a >= b) continue;
      for (const layer of this.layers) layer.drawParagraphs(a, b);
    }
  }

  /** The highlight registered under `name`, made on first use. */
  highlight(name) {
    let h = this.named.get(name);
    if (!h) {
      h = new Highlight();
      this.named.set(name, h);
      this.highlights.set(name, h);
    }
    return h;
  }

  /** A StaticRange over UTF-16 `[su, eu)` inside one paragraph (the highlights' ranges never change). */
  staticRange(su, eu) {
    if (su >= eu) return null;
    const [startContainer, startOffset] = this.u16ToDom(su);
    const [endContainer, endOffset] = this.u16ToDom(eu);
    return new StaticRange({ startContainer, startOffset, endContainer, endOffset });
  }

  // ---- what the person does ------------------------------------------------------

  /**
   * Calls `handler({altKey, markId, selectionU16, pointU16})` when a mouse
   * button is released over the text: `markId` the annotation whose bar or
   * tag was clicked, `selectionU16` the selection's `[anchor, focus]`, and
   * when there is none, `pointU16` the position under the pointer.
   */
  bindTextMouseUp(handler) {
    const release = (e) => {
      const mark = e.target.closest?.('.bar, .tag');
      const selection = mark ? null : this.selectionU16();
      const point = mark || selection ? null : this.pointU16(e.clientX, e.clientY);
      handler({ altKey: e.altKey, x: e.clientX, y: e.clientY, markId: mark?.dataset.id ?? null, selectionU16: selection, pointU16: point });
    };
    const drag = dragSelect(this.text, {
      accepts: (node) => !(node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest('.marks'),
      skip: (target) => Boolean(target.closest?.('.bar, .tag')),
      onRelease: release,
    });
    this.text.addEventListener('mouseup', (e) => {
      if (e.button === 0 && !drag.dragging) release(e);
    });
  }
  bindDoubleClick(handler) {
    this.text.addEventListener('dblclick', (e) => handler(this.pointU16(e.clientX, e.clientY)));
  }
  bindHover(handler) {
    let frame = 0;
    this.text.addEventListener('mousemove', (e) => {
      if (frame || e.buttons) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        handler(this.pointU16(e.clientX, e.clientY));
      });
    });
    this.text.addEventListener('mouseleave', () => handler(null));
  }
  /** Calls `handler` when the text's width changes (its line breaks move); a change of height moves nothing. */
  bindResize(handler) {
    let frame = 0;
    let width = null;
    new ResizeObserver(([entry]) => {
      if (entry.contentRect.width === width) return;
      const first = width === null;
      width = entry.contentRect.width;
      if (first) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(handler);
    }).observe(this.text);
  }
}
