// The annotations' layer over the text (see views/text-view.js): a highlight
// per label, and under the text a bar per line of each annotation with its
// label's tag at its start. Only the paragraphs in view are drawn, and a
// paragraph whose annotations are the same as when it was last drawn (its
// signature) is not drawn again, so a change redraws only what it touches.
import { inkOn, tint } from '../tint.js';

/** Overlapping spans stack on this many levels below the text. */
const MAX_LEVEL = 5;

export class MarksLayer {
  constructor() {
    this.host = null; // the text view
    this.drawn = new Map(); // paragraph index -> {sig, ranges: [[Highlight, StaticRange]], marks}
    this.source = () => []; // (su, eu) -> annotation pieces there (see setSource)
    this.sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
  }

  attach(host) {
    this.host = host;
  }
  reset() {
    this.drawn.clear();
  }
  /** Forgets where marks were placed, for them to be placed again. */
  invalidate() {
    for (const d of this.drawn.values()) d.sig = null;
  }

  /** Colours for each label's highlight, from validated `#rrggbb` values. */
  setLabelStyles(labels) {
    const css = labels.map((l, i) => `::highlight(lb${i}) { background-color: ${tint(l.color, 0.3)}; }`).join('\n');
    // A changed sheet restyles every element of the page (thousands with a project's list): only when it differs.
    if (css === this.css) return;
    this.css = css;
    this.sheet.replaceSync(css);
  }

  /**
   * Where annotations come from: `source(su, eu)` returns the pieces of the
   * annotations that overlap UTF-16 `[su, eu)`, as `{id, su, eu, labelIndex,
   * color, tag, picked}` (a discontinuous annotation gives one piece per
   * fragment, its tag on the first). The layer asks for the paragraphs it draws.
   */
  setSource(source) {
    this.source = source;
  }

  /**
   * Redraws what a change touched: `spans` holds UTF-16 `start, end` pairs;
   * the paragraphs they cover are drawn again where they are drawn at all
   * (the others are drawn when they come into view).
   */
  redrawU16(spans) {
    const host = this.host;
    const [from, to] = host.live;
    const todo = new Set();
    for (let k = 0; k < spans.length; k += 2) {
      const first = Math.max(from, host.paraAt(spans[k]));
      const last = Math.min(to - 1, host.paraAt(Math.max(spans[k], spans[k + 1] - 1)));
      for (let p = first; p <= last; p++) todo.add(p);
    }
    // Neighbouring paragraphs are asked for together: one question per run.
    const sorted = [...todo].sort((x, y) => x - y);
    for (let k = 0; k < sorted.length; ) {
      let e = k + 1;
      while (e < sorted.length && sorted[e] === sorted[e - 1] + 1) e++;
      this.drawParagraphs(sorted[k], sorted[e - 1] + 1);
      k = e;
    }
  }

  clearParagraph(p) {
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
  drawParagraphs(p0, p1) {
    const [su, eu] = [this.host.paraU16[p0 * 2], this.host.paraU16[(p1 - 1) * 2 + 1]];
    const groups = new Map();
    for (const it of su < eu ? this.source(su, eu) : []) {
      const first = Math.max(p0, this.host.paraAt(it.su));
      const last = Math.min(p1 - 1, this.host.paraAt(Math.max(it.su, it.eu - 1)));
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
      this.clearParagraph(p);
      if (plan) this.drawn.set(p, { sig, ...this.#writeMarks(p, plan) });
    }
  }

  /**
   * Where the bars and tags of paragraph `p` go (reads layout, writes
   * nothing): overlapping spans stack on separate levels, so each stays
   * visible and clickable.
   */
  #placeMarks(p, group) {
    const para = this.host.paras[p];
    const [ps, pe] = [this.host.paraU16[p * 2], this.host.paraU16[p * 2 + 1]];
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
      const rects =
        level > MAX_LEVEL
          ? []
          : [...this.host.rangeU16(su, eu).getClientRects()]
              .filter((r) => r.width > 0)
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
      if (this.host.highlights) {
        const r = this.host.staticRange(su, eu);
        for (const name of it.picked ? [`lb${it.labelIndex}`, 'picked'] : [`lb${it.labelIndex}`]) {
          const h = this.host.highlight(name);
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
        tag.style.color = inkOn(it.color, 0.85);
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
    this.host.paras[p].append(marks);
    return { ranges, marks };
  }
}
