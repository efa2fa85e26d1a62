// The search's layer over the text (see views/text-view.js): every match
// highlighted, in the paragraphs drawn only, so that thousands of matches in a
// long text cost only the few in view; the current match stands out.

export class SearchLayer {
  /**
   * `name`: the highlights' (`::highlight(name)` and `name-current` in style.css); `abutting`: in a run of
   * matches each starting where the one before ends, every other one goes to `name-abutting` (drawn apart,
   * or they would read as one).
   */
  constructor(name = 'search', { abutting = false } = {}) {
    this.name = name;
    this.abutting = abutting;
    this.host = null;
    this.hits = null; // the matches' UTF-16 start, end pairs, in text order
    this.current = -1;
    this.drawn = new Map(); // paragraph index -> the ranges drawn there
    this.onReset = null;
  }

  attach(host) {
    this.host = host;
  }

  /** Calls `handler()` when the text is replaced (the matches were of the text before). */
  bindReset(handler) {
    this.onReset = handler;
  }

  reset() {
    // The text view drops every highlight with the text; what was drawn is forgotten here.
    this.hits = null;
    this.current = -1;
    this.drawn.clear();
    this.onReset?.();
  }

  /** Highlights the matches `hitsU16` (UTF-16 `start, end` pairs; null: none) in place of those before. */
  show(hitsU16) {
    const host = this.host;
    if (!host.highlights) return;
    host.named.get(this.name)?.clear();
    host.named.get(`${this.name}-abutting`)?.clear();
    host.highlights.delete(`${this.name}-current`);
    this.drawn.clear();
    this.hits = hitsU16?.length ? hitsU16 : null;
    this.current = -1;
    this.drawParagraphs(...host.live);
  }

  /** Marks match `i` as the current one (-1: none). */
  setCurrent(i) {
    const host = this.host;
    if (!host.highlights) return;
    this.current = i;
    const range = i >= 0 ? this.rangeOf(i) : null;
    if (!range) {
      host.highlights.delete(`${this.name}-current`);
      return;
    }
    const h = new Highlight(host.rangeU16(...range));
    h.priority = 2; // over the other matches and the words' tint
    host.highlights.set(`${this.name}-current`, h);
  }

  /** Match `i`'s UTF-16 `[start, end]`, or null. */
  rangeOf(i) {
    return this.hits ? [this.hits[i * 2], this.hits[i * 2 + 1]] : null;
  }

  drawParagraphs(p0, p1) {
    for (let p = p0; p < p1; p++) this.#draw(p);
  }

  clearParagraph(p) {
    for (const r of this.drawn.get(p) ?? []) {
      this.host.named.get(this.name)?.delete(r);
      this.host.named.get(`${this.name}-abutting`)?.delete(r);
    }
    this.drawn.delete(p);
  }

  /** Whether match `m` is the second, fourth… of a run of matches each starting where the one before ends (中|日|韩). */
  #abutsOdd(m) {
    const hits = this.hits;
    let k = m;
    while (k > 0 && hits[k * 2] === hits[k * 2 - 1]) k--;
    return (m - k) % 2 === 1;
  }

  #draw(p) {
    const hits = this.hits;
    if (!hits || this.drawn.has(p)) return;
    const host = this.host;
    const h = host.highlight(this.name);
    h.priority = 1;
    const next = this.abutting ? host.highlight(`${this.name}-abutting`) : h;
    next.priority = 1;
    const [su, eu] = [host.paraU16[p * 2], host.paraU16[p * 2 + 1]];
    // The first match ending inside or after the paragraph, by binary search (matches do not overlap, so their ends are in order too).
    let lo = 0;
    let hi = hits.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hits[mid * 2 + 1] <= su) lo = mid + 1;
      else hi = mid;
    }
    const ranges = [];
    // A match across a line break is drawn in each paragraph it covers.
    // Whether match m is every other one of a run that abuts: walked back once, then flipped along (a run is not walked again per match).
    let odd = this.abutting && this.#abutsOdd(lo);
    for (let m = lo; m * 2 < hits.length && hits[m * 2] < eu; m++) {
      if (m > lo) odd = this.abutting && hits[m * 2] === hits[m * 2 - 1] && !odd;
      const r = host.staticRange(Math.max(hits[m * 2], su), Math.min(hits[m * 2 + 1], eu));
      if (r) {
        (odd ? next : h).add(r);
        ranges.push(r);
      }
    }
    this.drawn.set(p, ranges);
  }
}
