// A stored document's model as it was last saved, and the matches of a search
// in a stored text: what the project-wide search and the project export read
// without opening the documents. No DOM.
import { AnnotationModel, repairSaved } from './model.js';

/**
 * The model of a stored record (storage `load`/`loadMany`): its snapshot with
 * the changes after it made again, and its undo history; a text saved without
 * annotations gives an empty model with `labels`.
 * @param {{state, history, deltas, text}} rec
 * @param {Array<object>} labels The label set for a document that has none saved.
 */
export function modelOfStored(rec, labels) {
  const length = [...rec.text].length;
  if (!rec.state) return new AnnotationModel({ labels, length });
  const r = repairSaved(rec);
  const model = new AnnotationModel({ ...r.state, history: r.history, length });
  for (const { change, how } of r.deltas ?? []) model.replay(change, how);
  return model;
}

/**
 * The matches of `pattern` (a global RegExp) in `text` as code point
 * `[start, end)` pairs, empty matches left out (as the open document's search
 * leaves them out). Counting code points as it goes keeps it one pass.
 * @returns {Array<[number, number]>}
 */
export function matchesIn(text, pattern) {
  const out = [];
  let cp = 0;
  let u16 = 0;
  const advance = (to) => {
    for (; u16 < to; u16++) {
      const c = text.charCodeAt(u16);
      // A high surrogate and its low one are one code point.
      if (c >= 0xd800 && c <= 0xdbff && u16 + 1 < text.length) u16++;
      cp++;
    }
  };
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    if (!m[0].length) continue;
    advance(m.index);
    const start = cp;
    advance(m.index + m[0].length);
    out.push([start, cp]);
  }
  return out;
}
