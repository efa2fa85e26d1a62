// A long text is segmented a piece at a time, cut after line breaks (words
// never cross one): many short calls let the engine optimise the segmenter,
// where one long call would run unoptimised for the whole text. Shared by the
// worker and the segmentation benchmark, so the benchmark times the page's code.

/** UTF-16 units per piece: a long text is cut at line breaks into pieces about this long. */
export const PIECE = 1 << 16;

/** `text` as `{at, piece}` pieces of about `PIECE` UTF-16 units, each ending after a line break. */
export function cutPieces(text) {
  const out = [];
  for (let at = 0; at < text.length; ) {
    const end = at + PIECE >= text.length ? text.length : text.indexOf('\n', at + PIECE) + 1 || text.length;
    out.push({ at, piece: text.slice(at, end) });
    at = end;
  }
  return out;
}

/**
 * Segments the pieces with `segmenter` and gives the words of the whole text:
 * `{wordsCp, wordsU16, kinds, subwordsCp, wordCount}`. The core appends each
 * piece's words, moved to the whole text, to the words before it, so that
 * JS copies each array once, out of wasm memory.
 */
export function segmentPieces(segmenter, pieces) {
  const seg = segmenter.segment(pieces[0]?.piece ?? '');
  try {
    for (let i = 1; i < pieces.length; i++) segmenter.segmentNext(seg, pieces[i].piece);
    return { wordsCp: seg.wordsCp, wordsU16: seg.wordsU16, kinds: seg.kinds, subwordsCp: seg.subwordsCp, wordCount: seg.wordCount };
  } finally {
    seg.free();
  }
}
