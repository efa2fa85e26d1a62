// The anchoring adapter: the one module that asks the core's Document to
// convert between code points (the model's offsets, every file format's) and
// UTF-16 units (the DOM's), to snap a selection, or to find a word. A span
// leaves it carrying both units, `{startCp, endCp, startU16, endU16}`, so that
// nothing downstream converts it again; drawing asks for many pieces in one
// call. It also stands for the open document towards the commands (its
// length, paragraphs, slices, steps) and towards export (the live handle
// holds the text, its hash and its words: the state sent is without text).

/** The core's answer for "nothing there" (`undefined`) as null, the one absent value of the page. */
const orNull = (span) => span ?? null;

export class Anchor {
  /** `doc`: the wasm Document of `text` (the text is kept for the views and for storage). */
  constructor(doc, text) {
    this.doc = doc;
    this.text = text;
    this.paras = null;
  }

  free() {
    this.doc.free();
  }
  get sha() {
    return this.doc.sha256;
  }
  get lengthCp() {
    return this.doc.lengthCp;
  }
  get lengthU16() {
    return this.doc.lengthU16;
  }
  get hasWords() {
    return this.doc.hasWords;
  }
  get sentenceCount() {
    return this.doc.sentenceCount;
  }
  nonblankParagraphs() {
    return this.doc.nonblankParagraphs();
  }
  paragraphsU16() {
    return this.doc.paragraphsU16();
  }
  /** The paragraphs' code point `start, end` pairs, fetched once, when first needed. */
  paragraphsCp() {
    this.paras ??= this.doc.paragraphsCp();
    return this.paras;
  }
  slice(startCp, endCp) {
    return this.doc.sliceCp(startCp, endCp);
  }
  step(cp, forward, byChar) {
    return this.doc.step(cp, forward, byChar);
  }

  // ---- units -----------------------------------------------------------------

  /** Code point `start, end` pairs (a Uint32Array) to UTF-16, in one call however many. */
  toU16(cps) {
    return this.doc.cpToU16(cps);
  }
  /** UTF-16 positions (a Uint32Array) to code points, in one call. */
  toCp(us) {
    return this.doc.u16ToCp(us);
  }
  /** The UTF-16 `start, end` pairs of spans that hold code point `start` and `end` (annotations, say). */
  spansU16(spans) {
    const cps = new Uint32Array(spans.length * 2);
    spans.forEach((s, i) => {
      cps[i * 2] = s.start;
      cps[i * 2 + 1] = s.end;
    });
    return this.doc.cpToU16(cps);
  }
  /** Code point `[startCp, endCp)` with its UTF-16 ends. */
  span(startCp, endCp) {
    const [startU16, endU16] = this.doc.cpToU16(Uint32Array.of(startCp, endCp));
    return { startCp, endCp, startU16, endU16 };
  }
  cpAt(u16) {
    return this.doc.u16ToCp(Uint32Array.of(u16))[0];
  }
  u16At(cp) {
    return this.doc.cpToU16(Uint32Array.of(cp))[0];
  }

  // ---- snapping and words ------------------------------------------------------

  /**
   * A dragged selection (UTF-16, either order) snapped to words (or trimmed, `exact`):
   * a span with `cut` (it crossed a paragraph break), or null when only whitespace was selected.
   */
  snapDrag(startU16, endU16, exact) {
    return orNull(this.doc.snap(startU16, endU16, exact));
  }

  /** The same for code point ends (the keyboard's). */
  snapKeys(startCp, endCp, exact) {
    return orNull(this.doc.snapCp(startCp, endCp, exact));
  }

  /** The next wider unit around `[startCp, endCp)`: word, sentence, paragraph. */
  wider(startCp, endCp) {
    return this.doc.widen(startCp, endCp);
  }

  /** The word at UTF-16 `u16`, or null (between words, or before the words arrive). */
  wordUnder(u16) {
    return orNull(this.doc.wordAt(u16));
  }

  /**
   * The pieces of `annotations` overlapping UTF-16 `[su, eu)` with their
   * UTF-16 ends, for drawing: a discontinuous annotation gives one piece per
   * fragment, `first` on its first. Two calls into the core however many pieces.
   */
  piecesInU16(model, su, eu) {
    if (su >= eu) return [];
    const [cs, ce] = this.doc.u16ToCp(Uint32Array.of(su, eu));
    const pieces = [];
    for (const a of model.overlapping(cs, ce)) {
      if (a.fragments?.length)
        a.fragments.forEach(([s, e], i) => {
          if (s < ce && e > cs) pieces.push({ a, s, e, first: i === 0 });
        });
      else pieces.push({ a, s: a.start, e: a.end, first: true });
    }
    const cps = new Uint32Array(pieces.length * 2);
    pieces.forEach((p, i) => {
      cps[i * 2] = p.s;
      cps[i * 2 + 1] = p.e;
    });
    const u16 = this.doc.cpToU16(cps);
    pieces.forEach((p, i) => {
      p.su = u16[i * 2];
      p.eu = u16[i * 2 + 1];
    });
    return pieces;
  }

  // ---- search ------------------------------------------------------------------

  /**
   * Where `pattern` (a RegExp with the `g` flag) matches the text, empty
   * matches left out: `{u16, cp}`, the same `start, end` pairs in both units
   * (Uint32Arrays), in text order. With `wholeWords`, only the matches that
   * begin and end where the segmentation's words do (none before the words
   * arrive). One conversion into code points however many matches.
   */
  find(pattern, wholeWords) {
    const text = this.text;
    const found = [];
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (end > start && (!wholeWords || this.#onWordEdges(start, end))) found.push(start, end);
    }
    const u16 = Uint32Array.from(found);
    return { u16, cp: u16.length ? this.doc.u16ToCp(u16) : new Uint32Array(0) };
  }

  /** Whether UTF-16 `[start, end)` begins at a word's start and ends at a word's end. */
  #onWordEdges(start, end) {
    const first = this.doc.wordAt(start);
    if (!first || first.startU16 !== start) return false;
    if (first.endU16 >= end) return first.endU16 === end;
    // The last character's first unit: a word is asked for at a character, never inside a surrogate pair.
    const low = this.text.charCodeAt(end - 1);
    const last = this.doc.wordAt(end - (low >= 0xdc00 && low < 0xe000 && end - 2 >= start ? 2 : 1));
    return Boolean(last) && last.endU16 === end;
  }

  // ---- words and export ------------------------------------------------------

  /** Hands the worker's words to the Document, a slice per call (see controllers/documents.js). */
  appendWords(wordsCp, kinds, subwordsCp) {
    this.doc.appendWords(wordsCp, kinds, subwordsCp);
  }
  finishWords() {
    this.doc.finishWords();
  }

  /**
   * `state` (`{name, encoding, labels, annotations, relations, docLabels}`,
   * no text) in `format`: `{files: [{name, content}], leftOut}`. The live
   * handle has the text, its hash and its words.
   */
  exportFiles(format, state) {
    return this.doc.exportAs(format, JSON.stringify(state));
  }

  /** The native JSON of `state`. */
  exportNativeJson(state) {
    return this.doc.exportNative(JSON.stringify(state));
  }
}
