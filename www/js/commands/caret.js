// The keyboard way to select: a caret that moves by words (Alt: by
// characters) and from paragraph to paragraph; Shift extends a selection from
// where the caret was, snapped by the core as a drag is. Pure: see select.js.
import { caretHint, selectedHint } from './hints.js';

/** The caret placed at `cp` and marked, nothing selected or picked. */
function caretAt(doc, cp) {
  return { patch: { selection: null, picked: null, caret: cp, caretMark: cp }, hint: caretHint(doc, cp) };
}

/** ← → (Alt: by character; Shift: extend the selection). */
export function moveCaret(state, doc, model, { forward, extend, byChar }) {
  let caret = state.caret;
  let sel = state.selection;
  if (state.picked) {
    // From a picked annotation the caret starts at the end it moves past.
    const a = model.byId(state.picked);
    if (a) caret = forward ? a.end : a.start;
    if (!extend) return caretAt(doc, caret);
    sel = null;
  }
  if (extend) {
    const anchor = sel?.anchor ?? caret ?? 0;
    const focus = doc.step(sel?.focus ?? caret ?? 0, forward, byChar);
    const stay = { selection: null, picked: null, caret: focus };
    if (focus === anchor) return { ...caretAt(doc, focus), patch: { ...stay, caretMark: focus } };
    const span = doc.snapKeys(Math.min(anchor, focus), Math.max(anchor, focus), true);
    if (!span) return { ...caretAt(doc, focus), patch: { ...stay, caretMark: focus } };
    return { patch: { ...stay, selection: { ...span, anchor, focus } }, hint: selectedHint(doc, span, span.cut ? 'stops' : null) };
  }
  if (sel) caret = forward ? sel.endCp : sel.startCp;
  else caret = caret === null ? 0 : doc.step(caret, forward, byChar);
  return caretAt(doc, caret);
}

/**
 * ↓ ↑: the caret to the start of the next paragraph that holds text, or back
 * to the start of the one it is in (or the one before). Null at either end.
 */
export function caretToParagraph(state, doc, _model, { forward }) {
  const paras = doc.paragraphsCp();
  const n = paras.length / 2;
  const at = state.caret ?? -1;
  // The paragraph after (or before) the caret's, by binary search, then on past blank ones.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paras[mid * 2] <= at) lo = mid + 1;
    else hi = mid;
  }
  const blank = (i) => !doc.slice(paras[i * 2], paras[i * 2 + 1]).trim();
  let i = forward ? lo : lo - 1;
  if (!forward && i >= 0 && paras[i * 2] === at) i -= 1;
  while (i >= 0 && i < n && blank(i)) i += forward ? 1 : -1;
  if (i < 0 || i >= n) return null;
  return caretAt(doc, paras[i * 2]);
}
