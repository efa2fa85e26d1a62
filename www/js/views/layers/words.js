// The words' layer over the text (see views/text-view.js): every other word
// tinted faintly, so word boundaries show without clutter, in the paragraphs
// drawn only (a range per word would cost a long text dearly).

export class WordsLayer {
  constructor() {
    this.host = null;
    this.words = null; // the words' UTF-16 start, end pairs, once known
    this.wordRanges = new Map(); // paragraph index -> the word-tint ranges drawn there
  }

  attach(host) {
    this.host = host;
  }

  reset() {
    this.words = null;
    this.wordRanges.clear();
  }

  /** Tints the words (their UTF-16 `start, end` pairs) in the paragraphs drawn. */
  showWords(wordsU16) {
    const host = this.host;
    if (!host.highlights) return;
    this.words = wordsU16;
    this.drawParagraphs(...host.live);
  }

  drawParagraphs(p0, p1) {
    for (let p = p0; p < p1; p++) this.#tintWords(p);
  }

  clearParagraph(p) {
    for (const r of this.wordRanges.get(p) ?? []) this.host.named.get('words-alt')?.delete(r);
    this.wordRanges.delete(p);
  }

  #tintWords(p) {
    const words = this.words;
    if (!words || this.wordRanges.has(p)) return;
    const h = this.host.highlight('words-alt');
    const [su, eu] = [this.host.paraU16[p * 2], this.host.paraU16[p * 2 + 1]];
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
      const r = this.host.staticRange(words[w * 2], words[w * 2 + 1]);
      if (r) {
        h.add(r);
        ranges.push(r);
      }
    }
    this.wordRanges.set(p, ranges);
  }
}
