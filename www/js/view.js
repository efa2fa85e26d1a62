// Rendering and event wiring. The view holds no application state: it draws
// what the controller hands it and reports what the person did through the
// `bind*` hooks. What it keeps (paragraph offsets, which pages are drawn, and
// per-paragraph signatures of the marks drawn there) is a cache of what it
// last drew, so that a change redraws only what it touches. Text reaches the
// DOM only as text nodes.
//
// A long text costs little because only its visible part is drawn: the
// paragraphs are laid out in pages that the browser renders only near the
// viewport (content-visibility), and annotations (highlights, bars, tags) and
// word tints exist only for the paragraphs in view and a margin around them.
// The side list holds only the rows in view.

import { dragSelect } from './drag-select.js';

const $ = (id) => document.getElementById(id);
const HEX = /^#[0-9a-f]{6}$/i;
/** Overlapping spans stack on this many levels below the text. */
const MAX_LEVEL = 5;
/** A page of layout ends after this many UTF-16 units or this many paragraphs (see `buildText`). */
const PAGE_U16 = 10_000;
const PAGE_PARAS = 200;
/** Paragraphs this many viewport heights above and below the view are drawn too, so that scrolling meets them drawn. */
const MARGIN = 0.5;
/** List rows drawn beyond the visible ones, above and below. */
const OVERSCAN = 6;

/** `#rrggbb` to `rgb(r g b / a)`; anything else becomes grey (colours are validated values). */
export function tint(color, alpha) {
  const c = HEX.test(color) ? color : '#999999';
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}

export class View {
  constructor() {
    this.text = $('text');
    this.side = document.querySelector('.side');
    // The page's dialogs are all in index.html. Asked on every key press:
    // a query of the document would walk every element of a long text.
    this.dialogs = [...document.getElementsByTagName('dialog')];
    this.paraU16 = new Uint32Array(0); // interleaved start, end per paragraph
    this.paras = [];
    this.pages = []; // page elements; pageFirst[i] is the first paragraph of page i
    this.pageFirst = new Uint32Array(1);
    this.appended = 0; // pages in the DOM so far (a long text is appended in batches)
    this.live = [0, 0]; // the paragraphs [from, to) whose annotations and word tints are drawn
    this.drawn = new Map(); // paragraph index -> {sig, ranges: [[Highlight, StaticRange]], marks}
    this.wordRanges = new Map(); // paragraph index -> the word-tint ranges drawn there
    this.words = null; // the words' UTF-16 start, end pairs, once known
    this.source = () => []; // (su, eu) -> annotation pieces there (see setAnnotationSource)
    this.named = new Map(); // highlight name -> Highlight
    this.list = { count: 0, rowAt: null, picked: -1, first: -1, last: -1 };
    this.rowOf = new WeakMap(); // list row element -> the row it shows
    this.listBox = null; // {top, height, scroll} of the list in the side panel (see #listGeometry)
    this.shown = 0; // which showText call is filling the text in
    this.sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    this.highlights = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
    // Scroll events come once per frame, before it is drawn: pages coming
    // into the margin are drawn in the same frame.
    this.text.addEventListener('scroll', () => this.#updateLive(), { passive: true });
    this.side.addEventListener('scroll', () => {
      if (this.listBox) this.listBox.scroll = this.side.scrollTop;
      this.#renderRows(false);
    }, { passive: true });
    // The list's place and the side's height, read when they may have changed rather than on every change of the list.
    new ResizeObserver(() => { this.listBox = null; this.#renderRows(true); }).observe(this.side);
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
    const close = () => { if (page) page.style.containIntrinsicSize = `auto ${Math.round(lines * 46)}px`; };
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
    for (const page of pages) { pageFirst.push(p); p += page.children.length; }
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
    this.drawn.clear();
    this.wordRanges.clear();
    this.live = [0, 0];
    this.words = null;
    this.named.clear();
    this.highlights?.clear();
    const shown = ++this.shown;
    // Pages up to the one that holds paragraph `p`.
    const upTo = (p) => { let i = 0; while (i < this.pages.length && pageFirst[i] < p) i++; return i; };
    if (pages) {
      this.appended = pages.length;
    } else {
      this.appended = upTo(4000);
      this.text.replaceChildren(...this.pages.slice(0, this.appended));
      this.text.scrollTop = 0;
    }
    this.#updateLive();
    const rest = async () => {
      while (this.appended < this.pages.length && shown === this.shown) {
        await new Promise((ok) => setTimeout(ok, 0));
        if (shown !== this.shown) return;
        const to = upTo(pageFirst[this.appended] + 12000);
        // Only when the view reaches the pages just added is anything there drawn (and the layout read).
        const reached = this.live[1] >= pageFirst[this.appended];
        this.text.append(...this.pages.slice(this.appended, to));
        this.appended = to;
        if (reached) this.#updateLive();
      }
    };
    rest();
  }

  /** Shows or hides the progress line; `what` says what is happening, `done` is 0–1. */
  progress(what, done = 0) {
    const el = $('progress');
    el.hidden = what === null;
    if (what !== null) {
      $('progress-what').textContent = what;
      $('progress-bar').value = done;
    }
  }

  bindCancel(handler) { $('progress-cancel').addEventListener('click', handler); }

  renderEncodings(choices) {
    const make = (value, text) => Object.assign(document.createElement('option'), { value, textContent: text });
    $('encoding').replaceChildren(make('', 'encoding: detect'), ...choices.map((c) => make(c.label, `${c.name} · ${c.description}`)));
  }

  encodingChoice() { return $('encoding').value; }
  bindEncoding(handler) { $('encoding').addEventListener('change', (e) => handler(e.target.value)); }

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
    this.#updateLive();
  }

  // ---- words ---------------------------------------------------------------

  /**
   * Tints every other word faintly, so word boundaries show without clutter
   * (in the paragraphs drawn: a range per word would cost a long text dearly).
   */
  showWords(wordsU16) {
    if (!this.highlights) return;
    this.words = wordsU16;
    for (let p = this.live[0]; p < this.live[1]; p++) this.#tintWords(p);
  }

  #tintWords(p) {
    const words = this.words;
    if (!words || this.wordRanges.has(p)) return;
    const h = this.#highlight('words-alt');
    const [su, eu] = [this.paraU16[p * 2], this.paraU16[p * 2 + 1]];
    // The first word starting in the paragraph, by binary search; then every other word, counted from the text's first.
    let lo = 0;
    let hi = words.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid * 2] < su) lo = mid + 1;
      else hi = mid;
    }
    const ranges = [];
    for (let w = lo + (lo % 2); w * 2 < words.length && words[w * 2] < eu; w += 2) {
      const r = this.#staticRange(words[w * 2], words[w * 2 + 1]);
      if (r) { h.add(r); ranges.push(r); }
    }
    this.wordRanges.set(p, ranges);
  }

  /** The keyboard caret: the word (or character) after it is marked; null hides it. */
  showCaret(span) {
    if (!this.highlights) return;
    if (!span) { this.highlights.delete('caret'); return; }
    const r = this.rangeU16(span[0], span[1]);
    this.highlights.set('caret', new Highlight(r));
    const para = this.paras[this.paraAt(span[0])];
    const box = para.getBoundingClientRect();
    const view = this.text.getBoundingClientRect();
    if (box.bottom < view.top || box.top > view.bottom) {
      para.scrollIntoView({ block: 'center', behavior: 'instant' });
      this.#updateLive();
    }
  }

  hoverWord(span) {
    if (!this.highlights) return;
    if (!span) this.highlights.delete('hover-word');
    else this.highlights.set('hover-word', new Highlight(this.rangeU16(span[0], span[1])));
  }

  // ---- annotations ---------------------------------------------------------

  /** Colours for each label's highlight, from validated `#rrggbb` values. */
  setLabelStyles(labels) {
    this.sheet.replaceSync(labels.map((l, i) => `::highlight(lb${i}) { background-color: ${tint(l.color, 0.3)}; }`).join('\n'));
  }

  /**
   * Where annotations come from: `source(su, eu)` returns the pieces of the
   * annotations that overlap UTF-16 `[su, eu)`, as `{id, su, eu, labelIndex,
   * color, tag, picked}` (a discontinuous annotation gives one piece per
   * fragment, its tag on the first). The view asks for the paragraphs it draws.
   */
  setAnnotationSource(source) {
    this.source = source;
  }

  /** Redraws the annotations of every paragraph drawn (after an open, a label change). */
  redrawAll() {
    this.#updateLive();
    if (this.live[0] < this.live[1]) this.#drawParagraphs(...this.live);
  }

  /**
   * Redraws what a change touched: `spans` holds UTF-16 `start, end` pairs;
   * the paragraphs they cover are drawn again where they are drawn at all
   * (the others are drawn when they come into view).
   */
  redrawU16(spans) {
    const [from, to] = this.live;
    const todo = new Set();
    for (let k = 0; k < spans.length; k += 2) {
      const first = Math.max(from, this.paraAt(spans[k]));
      const last = Math.min(to - 1, this.paraAt(Math.max(spans[k], spans[k + 1] - 1)));
      for (let p = first; p <= last; p++) todo.add(p);
    }
    // Neighbouring paragraphs are asked for together: one question per run.
    const sorted = [...todo].sort((x, y) => x - y);
    for (let k = 0; k < sorted.length;) {
      let e = k + 1;
      while (e < sorted.length && sorted[e] === sorted[e - 1] + 1) e++;
      this.#drawParagraphs(sorted[k], sorted[e - 1] + 1);
      k = e;
    }
  }

  /** Forgets where marks were placed and draws them again (after a resize). */
  invalidateLayout() {
    for (const d of this.drawn.values()) d.sig = null;
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
  #updateLive() {
    const [from, to] = this.#paragraphsInView();
    const [was, wasTo] = this.live;
    for (let p = was; p < wasTo; p++) {
      if (p >= from && p < to) { p = to - 1; continue; }
      this.#clearParagraph(p);
      for (const r of this.wordRanges.get(p) ?? []) this.named.get('words-alt')?.delete(r);
      this.wordRanges.delete(p);
    }
    this.live = [from, to];
    // The paragraphs new in view: before the old range, and after it.
    const fresh = was >= wasTo || to <= was || from >= wasTo ? [[from, to]] : [[from, Math.min(to, was)], [Math.max(from, wasTo), to]];
    for (const [a, b] of fresh) {
      if (a >= b) continue;
      this.#drawParagraphs(a, b);
      for (let p = a; p < b; p++) this.#tintWords(p);
    }
  }

  /** The highlight registered under `name`, made on first use. */
  #highlight(name) {
    let h = this.named.get(name);
    if (!h) {
      h = new Highlight();
      this.named.set(name, h);
      this.highlights.set(name, h);
    }
    return h;
  }

  /** A StaticRange over UTF-16 `[su, eu)` inside one paragraph (the highlights' ranges never change). */
  #staticRange(su, eu) {
    if (su >= eu) return null;
    const [startContainer, startOffset] = this.u16ToDom(su);
    const [endContainer, endOffset] = this.u16ToDom(eu);
    return new StaticRange({ startContainer, startOffset, endContainer, endOffset });
  }

  #clearParagraph(p) {
    const d = this.drawn.get(p);
    if (!d) return;
    for (const [h, r] of d.ranges) h.delete(r);
    d.marks?.remove();
    this.drawn.delete(p);
  }

  /**
   * Draws paragraphs `[p0, p1)`: those whose annotations differ from what was
   * drawn there. All positions are read first and the marks written after,
   * so the layout is computed once, not once per paragraph.
   */
  #drawParagraphs(p0, p1) {
    const [su, eu] = [this.paraU16[p0 * 2], this.paraU16[(p1 - 1) * 2 + 1]];
    const groups = new Map();
    for (const it of su < eu ? this.source(su, eu) : []) {
      const first = Math.max(p0, this.paraAt(it.su));
      const last = Math.min(p1 - 1, this.paraAt(Math.max(it.su, it.eu - 1)));
      for (let p = first; p <= last; p++) {
        if (!groups.has(p)) groups.set(p, []);
        groups.get(p).push(it);
      }
    }
    const plans = [];
    for (let p = p0; p < p1; p++) {
      const group = groups.get(p) ?? [];
      const sig = group.map((g) => `${g.id}:${g.su}:${g.eu}:${g.labelIndex}:${g.color}:${g.tag}:${g.picked}`).join('|');
      if ((this.drawn.get(p)?.sig ?? '') === sig) continue;
      plans.push([p, sig, group.length ? this.#placeMarks(p, group) : null]);
    }
    for (const [p, sig, plan] of plans) {
      this.#clearParagraph(p);
      if (plan) this.drawn.set(p, { sig, ...this.#writeMarks(p, plan) });
    }
  }

  /**
   * Where the bars and tags of paragraph `p` go (reads layout, writes
   * nothing): overlapping spans stack on separate levels, so each stays
   * visible and clickable.
   */
  #placeMarks(p, group) {
    const para = this.paras[p];
    const [ps, pe] = [this.paraU16[p * 2], this.paraU16[p * 2 + 1]];
    const box = para.getBoundingClientRect();
    const sorted = [...group].sort((a, b) => a.su - b.su || b.eu - a.eu);
    const levelEnds = [];
    const placed = [];
    for (const it of sorted) {
      const su = Math.max(it.su, ps);
      const eu = Math.min(it.eu, pe);
      if (su >= eu) continue;
      let level = levelEnds.findIndex((end) => end <= su);
      if (level < 0) level = levelEnds.length;
      levelEnds[level] = eu;
      // Past a few levels bars would only pile up on the last one; deeper
      // spans stay visible in the list and are picked by clicking the text.
      const rects = level > MAX_LEVEL ? [] : [...this.rangeU16(su, eu).getClientRects()].filter((r) => r.width > 0)
        .map((r) => ({ left: r.left - box.left, width: r.width, top: r.top - box.top, bottom: r.bottom - box.top }));
      placed.push({ it, su, eu, level, rects, named: it.su >= ps });
    }
    return placed;
  }

  /** Writes what `#placeMarks` planned: highlight ranges, bars and tags. */
  #writeMarks(p, placed) {
    const ranges = [];
    const marks = document.createElement('div');
    marks.className = 'marks';
    const tagsAt = new Map();
    for (const { it, su, eu, level, rects, named } of placed) {
      if (this.highlights) {
        const r = this.#staticRange(su, eu);
        for (const name of it.picked ? [`lb${it.labelIndex}`, 'picked'] : [`lb${it.labelIndex}`]) {
          const h = this.#highlight(name);
          h.add(r);
          ranges.push([h, r]);
        }
      }
      const cls = it.picked ? ' picked' : '';
      for (const r of rects) {
        const bar = document.createElement('div');
        bar.className = `bar${cls}`;
        bar.dataset.id = it.id;
        bar.style.left = `${r.left}px`;
        bar.style.width = `${r.width}px`;
        bar.style.top = `${r.bottom + 1 + level * 5}px`;
        bar.style.backgroundColor = tint(it.color, 1);
        marks.append(bar);
      }
      if (rects.length && named && it.tag) {
        const r = rects[0];
        const tag = document.createElement('span');
        tag.className = `tag${cls}`;
        tag.dataset.id = it.id;
        tag.textContent = it.tag;
        tag.style.backgroundColor = tint(it.color, 0.85);
        // Tags are wider than short words: on each line, a tag that would
        // cover the one before it moves right, so every name stays readable.
        const line = Math.round(r.top);
        const left = Math.max(r.left, tagsAt.get(line) ?? -Infinity);
        tag.style.left = `${left}px`;
        tag.style.top = `${r.top - 11}px`;
        marks.append(tag);
        // Estimated rather than measured: reading offsetWidth would lay the page out once per tag.
        tagsAt.set(line, left + 8 + [...it.tag].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 10 : 6), 0));
      }
    }
    this.paras[p].append(marks);
    return { ranges, marks };
  }

  /**
   * The side list, of which only the rows in view exist: `count` rows,
   * `rowAt(i)` giving row i as `{id, tag, color, quote, start, end, extra}`
   * (code points), `picked` the index of the picked row (-1: none), which is
   * scrolled into view.
   */
  renderList(count, rowAt, picked = -1) {
    const list = $('annlist');
    this.rowHeight ??= parseFloat(getComputedStyle(list).getPropertyValue('--row')) || 26;
    this.list = { count, rowAt, picked, first: -1, last: -1 };
    list.style.height = `${count * this.rowHeight}px`;
    $('count').textContent = String(count);
    if (picked >= 0) {
      const box = this.#listGeometry();
      const top = box.top + picked * this.rowHeight;
      let to = null;
      if (top < box.scroll) to = top;
      else if (top + this.rowHeight > box.scroll + box.height) to = top + this.rowHeight - box.height;
      if (to !== null) box.scroll = this.side.scrollTop = to;
    }
    this.#renderRows(true);
  }

  /**
   * Where the list is: reading layout after the marks of a change are drawn
   * would lay the page out once more, so it is read once and kept until the
   * side panel scrolls, resizes, or what is above the list changes.
   */
  #listGeometry() {
    return (this.listBox ??= { top: $('annlist').offsetTop, height: this.side.clientHeight, scroll: this.side.scrollTop });
  }

  /**
   * Draws the list rows in view (again when `changed`, else only when the
   * window moved). A row handed again (the same object) keeps its element,
   * so that one new annotation costs one new row, not a new list.
   */
  #renderRows(changed) {
    const { count, rowAt, picked } = this.list;
    if (!rowAt) return;
    const list = $('annlist');
    const h = this.rowHeight;
    const box = this.#listGeometry();
    const top = box.scroll - box.top;
    const first = Math.max(0, Math.floor(top / h) - OVERSCAN);
    const last = Math.min(count, Math.ceil((top + box.height) / h) + OVERSCAN);
    if (!changed && first === this.list.first && last === this.list.last) return;
    this.list.first = first;
    this.list.last = last;
    const old = new Map([...list.children].map((li) => [li.dataset.id, li]));
    const rows = [];
    for (let i = first; i < last; i++) {
      const it = rowAt(i);
      let li = old.get(it.id);
      if (li && this.rowOf.get(li) === it) {
        old.delete(it.id);
        if (li.classList.contains('picked') !== (i === picked)) li.classList.toggle('picked');
      } else li = this.#row(it, i === picked);
      rows.push(li);
    }
    // The rows flow after a padding as tall as the rows above them: a new
    // row moves the ones below it without a style change for each.
    const pad = `${first * h}px`;
    if (list.style.paddingTop !== pad) list.style.paddingTop = pad;
    for (const li of old.values()) li.remove();
    // In list order, moving only what is out of place.
    let at = list.firstElementChild;
    for (const li of rows) {
      if (li === at) at = at.nextElementSibling;
      else list.insertBefore(li, at);
    }
  }

  #row(it, picked) {
    const li = document.createElement('li');
    li.dataset.id = it.id;
    if (picked) li.className = 'picked';
    const lab = document.createElement('span');
    lab.className = 'lab';
    lab.style.backgroundColor = tint(it.color, 0.6);
    lab.textContent = it.tag;
    const quote = document.createElement('span');
    quote.className = 'quote';
    quote.textContent = it.quote;
    quote.title = it.quote;
    li.append(lab, quote);
    if (it.extra) {
      const extra = document.createElement('span');
      extra.className = 'extra';
      extra.textContent = it.extra;
      extra.title = it.extra;
      li.append(extra);
    }
    const pos = document.createElement('span');
    pos.className = 'pos';
    pos.textContent = `${it.start}–${it.end}`;
    li.append(pos);
    this.rowOf.set(li, it);
    return li;
  }

  /** Relations between annotations: `{id, from, to, text}`; a click picks the source. */
  renderRelations(items) {
    const list = $('rellist');
    list.replaceChildren(...items.map((r) => {
      const li = document.createElement('li');
      li.dataset.id = r.from;
      li.textContent = r.text;
      return li;
    }));
    $('relations-title').hidden = items.length === 0;
    $('relcount').textContent = String(items.length);
  }

  renderDocLabels(labels) {
    this.listBox = null; // they are above the list
    const p = $('doclabels');
    p.replaceChildren(document.createTextNode('Document: '), ...labels.map((l) => {
      const span = document.createElement('span');
      span.textContent = String(l);
      return span;
    }));
    p.hidden = labels.length === 0;
  }

  renderFormats(formats) {
    const make = (value, text) => Object.assign(document.createElement('option'), { value, textContent: text });
    $('export-format').replaceChildren(...formats.map(([v, t]) => make(v, t)));
    $('import-format').replaceChildren(make('', 'format: detect'), ...formats.map(([v, t]) => make(v, `format: ${t}`)));
  }

  exportFormat() { return $('export-format').value; }
  importFormat() { return $('import-format').value; }

  /** Shows what an export leaves out; resolves true when the person downloads anyway. */
  confirmLeftOut(format, leftOut) {
    const d = $('export-dialog');
    $('export-title').textContent = `${format} cannot carry everything`;
    $('export-left-out').replaceChildren(...leftOut.map((t) => Object.assign(document.createElement('li'), { textContent: t })));
    d.returnValue = '';
    d.showModal();
    return new Promise((ok) => d.addEventListener('close', () => ok(d.returnValue === 'export'), { once: true }));
  }

  renderLabels(labels) {
    const bar = $('labelbar');
    const frag = document.createDocumentFragment();
    for (const l of labels) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'label';
      b.dataset.label = l.id;
      b.title = `Label the selection as ${l.name} (${l.key})`;
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.backgroundColor = tint(l.color, 1);
      const k = document.createElement('kbd');
      k.textContent = l.key ?? '';
      b.append(sw, document.createTextNode(l.name), k);
      frag.append(b);
    }
    const edit = document.createElement('button');
    edit.type = 'button';
    edit.id = 'edit-labels';
    edit.textContent = 'Edit labels…';
    frag.append(edit);
    bar.replaceChildren(frag);
  }

  /** The label editor's rows. */
  renderLabelRows(labels) {
    const rows = document.createDocumentFragment();
    for (const l of labels) {
      const tr = document.createElement('tr');
      tr.dataset.label = l.id;
      const name = Object.assign(document.createElement('input'), { type: 'text', value: l.name, name: 'name' });
      name.setAttribute('aria-label', 'Label name');
      const color = Object.assign(document.createElement('input'), { type: 'color', value: l.color, name: 'color' });
      color.setAttribute('aria-label', 'Label colour');
      const key = Object.assign(document.createElement('input'), { type: 'text', value: l.key ?? '', name: 'key', maxLength: 1, className: 'key' });
      key.setAttribute('aria-label', 'Label key');
      const del = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Delete', className: 'delete' });
      for (const el of [name, color, key, del]) {
        const td = document.createElement('td');
        td.append(el);
        tr.append(td);
      }
      rows.append(tr);
    }
    $('label-rows').replaceChildren(rows);
  }

  // ---- status ----------------------------------------------------------------

  setStatus(text) { $('status').textContent = text; }
  setHint(text) { $('hint').textContent = text; }
  setSaved(text) { $('saved').textContent = text; }
  setDocName(text) { $('docname').textContent = text; $('docname').title = text; document.title = `${text} · biaozhu 标注`; }
  setState(state) { document.documentElement.dataset.state = state; }
  setUndoRedo(canUndo, canRedo) { $('undo').disabled = !canUndo; $('redo').disabled = !canRedo; }
  setExact(on) { $('exact').setAttribute('aria-pressed', String(on)); }
  setLabelError(text) { $('label-error').textContent = text; }

  /** A banner: `kind` 'warn' or 'error'; `actions` optional `{text, run}` buttons. */
  showBanner(message, kind = 'error', ...actions) {
    const b = $('banner');
    const msg = document.createElement('span');
    msg.textContent = message;
    const parts = [msg];
    for (const action of actions.filter(Boolean)) {
      const btn = Object.assign(document.createElement('button'), { type: 'button', textContent: action.text, className: 'action' });
      btn.addEventListener('click', action.run);
      parts.push(btn);
    }
    const close = Object.assign(document.createElement('button'), { type: 'button', textContent: '×', title: 'Dismiss' });
    close.addEventListener('click', () => { b.hidden = true; });
    parts.push(close);
    b.replaceChildren(...parts);
    b.className = `banner ${kind}`;
    b.hidden = false;
  }

  hideBanner() { $('banner').hidden = true; }

  renderRecent(items, currentSha) {
    const sel = $('recent');
    const opts = [Object.assign(document.createElement('option'), { value: '', textContent: `Recent (${items.length})…` })];
    for (const it of items) {
      const o = document.createElement('option');
      o.value = it.sha;
      o.textContent = `${it.name} · ${it.count} annotations${it.sha === currentSha ? ' (open)' : ''}`;
      opts.push(o);
    }
    sel.replaceChildren(...opts);
    sel.value = '';
  }

  // ---- events ------------------------------------------------------------------

  bindTextMouseUp(handler) {
    const release = (e) => handler({ altKey: e.altKey, x: e.clientX, y: e.clientY, target: e.target, detail: e.detail });
    const drag = dragSelect(this.text, {
      accepts: (node) => !(node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest('.marks'),
      skip: (target) => Boolean(target.closest?.('.bar, .tag')),
      onRelease: release,
    });
    this.text.addEventListener('mouseup', (e) => {
      if (e.button === 0 && !drag.dragging) release(e);
    });
  }
  bindDoubleClick(handler) { this.text.addEventListener('dblclick', (e) => handler(this.pointU16(e.clientX, e.clientY))); }
  bindHover(handler) {
    let frame = 0;
    this.text.addEventListener('mousemove', (e) => {
      if (frame || e.buttons) return;
      frame = requestAnimationFrame(() => { frame = 0; handler(this.pointU16(e.clientX, e.clientY)); });
    });
    this.text.addEventListener('mouseleave', () => handler(null));
  }
  bindKeys(handler) { document.addEventListener('keydown', handler); }
  bindLabelBar(handler) {
    $('labelbar').addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (b?.id === 'edit-labels') handler({ edit: true });
      else if (b?.dataset.label) handler({ label: b.dataset.label });
    });
  }
  bindList(handler) {
    for (const id of ['annlist', 'rellist']) $(id).addEventListener('click', (e) => { const li = e.target.closest('li'); if (li) handler(li.dataset.id); });
  }
  bindButton(id, handler) { $(id).addEventListener('click', handler); }
  bindOpen(handler) {
    const input = $('open-file');
    input.addEventListener('change', () => { if (input.files?.length) handler([...input.files]); input.value = ''; });
  }
  bindRecent(handler) { $('recent').addEventListener('change', (e) => { if (e.target.value) handler(e.target.value); }); }
  bindDrop(handler) {
    const zone = $('dropzone');
    let depth = 0;
    const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    document.addEventListener('dragenter', (e) => { if (hasFiles(e)) { depth++; zone.hidden = false; } });
    document.addEventListener('dragleave', (e) => { if (hasFiles(e) && --depth <= 0) { depth = 0; zone.hidden = true; } });
    document.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
    document.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      zone.hidden = true;
      const files = [...(e.dataTransfer.files ?? [])];
      if (files.length) handler(files);
    });
  }
  bindPaste(handler) {
    document.addEventListener('paste', (e) => {
      if (e.target.closest?.('input, textarea, dialog')) return;
      const text = e.clipboardData?.getData('text/plain');
      if (text) { e.preventDefault(); handler(text); }
    });
  }
  bindLabelEditor(handlers) {
    const rows = $('label-rows');
    rows.addEventListener('change', (e) => {
      const tr = e.target.closest('tr');
      if (tr && e.target.name) handlers.update(tr.dataset.label, { [e.target.name]: e.target.value });
    });
    rows.addEventListener('click', (e) => {
      if (e.target.classList.contains('delete')) handlers.remove(e.target.closest('tr').dataset.label);
    });
    $('label-add').addEventListener('click', handlers.add);
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

  openDialog(id) { const d = $(id); if (!d.open) d.showModal(); }
  isDialogOpen() { return this.dialogs.some((d) => d.open); }

  /** Offers `content` as a file download named `name`. */
  download(name, content, type = 'application/json') {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
