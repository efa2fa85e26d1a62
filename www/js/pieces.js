// A long text is segmented a piece at a time, cut after line breaks (words
// never cross one): many short calls let the engine optimise the segmenter,
// where one long call would run unoptimised for the whole text. Shared by the
// worker and the segmentation benchmark, so the benchmark times the page's code.

/** UTF-16 units per piece: a long text is cut at line breaks into pieces about this long. */
export const PIECE = 1 << 16;

/** `text` as `{at, piece}` pieces of about `PIECE` UTF-16 units, each ending after a line break. */
export function cutPieces(text) {
  const out = [];
  for (let at = 0; at < text.length;) {
    const end = at + PIECE >= text.length ? text.length : text.indexOf('\n', at + PIECE) + 1 || text.length;
    out.push({ at, piece: text.slice(at, end) });
    at = end;
  }
  return out;
}

/**
 * Segments the pieces with `segmenter` and gives the words of the whole text:
 * `{wordsCp, wordsU16, kinds, subwordsCp, wordCount}`, each piece's offsets
 * moved to the whole text.
 */
export function segmentPieces(segmenter, pieces) {
  const parts = [];
  let total = 0;
  let cp = 0;
  for (const { at, piece } of pieces) {
    const seg = segmenter.segment(piece);
    const kinds = seg.kinds; // a getter copies out of wasm memory: read once
    parts.push({ at, cp, wordsCp: seg.wordsCp, wordsU16: seg.wordsU16, kinds, subwordsCp: seg.subwordsCp, wordCount: seg.wordCount });
    total += kinds.length;
    cp += seg.lengthCp; // the core counts; the next piece's offsets shift by this
    seg.free();
  }
  if (parts.length === 1) {
    const { wordsCp, wordsU16, kinds, subwordsCp, wordCount } = parts[0];
    return { wordsCp, wordsU16, kinds, subwordsCp, wordCount };
  }
  const out = { wordsCp: new Uint32Array(total * 2), wordsU16: new Uint32Array(total * 2), kinds: new Uint8Array(total), subwordsCp: null, wordCount: 0 };
  const subs = [];
  let w = 0;
  for (const p of parts) {
    for (let i = 0; i < p.wordsCp.length; i++) {
      out.wordsCp[w * 2 + i] = p.wordsCp[i] + p.cp;
      out.wordsU16[w * 2 + i] = p.wordsU16[i] + p.at;
    }
    out.kinds.set(p.kinds, w);
    w += p.kinds.length;
    out.wordCount += p.wordCount;
    // A piece's last boundary is the next piece's first one: keep it once.
    const from = subs.length && p.subwordsCp.length && p.subwordsCp[0] + p.cp === subs[subs.length - 1] ? 1 : 0;
    for (let i = from; i < p.subwordsCp.length; i++) subs.push(p.subwordsCp[i] + p.cp);
  }
  out.subwordsCp = Uint32Array.from(subs);
  return out;
}
