// Commands that select and pick: pure functions from (UI state, the document
// adapter of anchor.js, the annotation model, what the person did) to
// `{patch, ops, hint}` (see commands/run.js). They read the model, never change it.
import { pickedHint, selectedHint } from './hints.js';
import { t } from '../i18n/index.js';

/** Picks annotation `id` (null: none), dropping any selection. */
export function pick(_state, doc, model, id) {
  const a = id ? model.byId(id) : null;
  if (id && !a) return null;
  // The caret goes to it, so that Enter there (pickAtCaret) and ← → go on from the annotation picked.
  const caret = a ? { caret: a.start, cycle: null } : {};
  return { patch: { selection: null, picked: id ?? null, ...caret }, hint: a ? pickedHint(doc, model, a) : undefined };
}

/**
 * A drag was released over UTF-16 `[anchorU16, focusU16]` (either order):
 * snapped to words, or to exact characters with `alt` or in exact mode.
 */
export function dragged(state, doc, _model, { anchorU16, focusU16, alt }) {
  let span;
  try {
    span = doc.snapDrag(anchorU16, focusU16, state.exact || alt);
  } catch (e) {
    return { hint: e.message };
  }
  if (!span) return { patch: { selection: null }, hint: t('hint.onlySpace') };
  return {
    patch: { picked: null, cycle: null, selection: { ...span, anchor: span.startCp, focus: span.endCp } },
    hint: selectedHint(doc, span, span.cut ? 'crossed' : null),
  };
}

/**
 * A click at UTF-16 `atU16` with nothing selected: places the caret there and
 * picks the annotation under it; clicking again on the same character steps
 * to the next annotation there.
 */
export function clicked(state, doc, model, atU16) {
  if (atU16 === null) return { patch: { selection: null } };
  return pickAt(state, doc, model, doc.cpAt(atU16), { caretMark: null });
}

/**
 * Enter with the caret on an annotation: it is picked, as a click there picks it
 * (again: the next of those overlapping there), so the keyboard relabels,
 * deletes, notes and relates it too.
 */
export function pickAtCaret(state, doc, model) {
  const cp = state.caret;
  if (cp === null || cp === undefined) return { hint: t('hint.pickNothing') };
  if (!model.at(cp).length) return { hint: t('hint.pickNothing') };
  // A relation picked lets go, as a click in the text lets go of it: the keys then act on the annotation.
  return pickAt(state, doc, model, cp, { caretMark: cp, relation: null });
}

/** The annotation at code point `cp` picked, the next one of those there when one of them is picked already. */
function pickAt(state, doc, model, cp, mark) {
  const base = { selection: null, caret: cp, ...mark };
  const here = model.at(cp);
  if (!here.length) return { patch: { ...base, picked: null, cycle: null }, hint: '' };
  const same = state.cycle && state.cycle.cp === cp && here.some((a) => a.id === state.picked);
  const index = same ? (state.cycle.index + 1) % here.length : 0;
  const a = here[index];
  return {
    patch: { ...base, cycle: { cp, index }, picked: a.id },
    hint: here.length > 1 ? t('hint.cycle', { at: index + 1, n: here.length }) : pickedHint(doc, model, a),
  };
}

/** A double click at UTF-16 `atU16`: the word there is selected (once the words have arrived). */
export function doubleClicked(_state, doc, _model, atU16) {
  if (atU16 === null) return null;
  const w = doc.wordUnder(atU16);
  if (!w) return null;
  return { patch: { picked: null, selection: { ...w, anchor: w.startCp, focus: w.endCp } }, hint: selectedHint(doc, w) };
}

/** Widens the selection (or the picked annotation's span) to the next unit: word, sentence, paragraph. */
export function widen(state, doc, model) {
  const a = state.picked ? model.byId(state.picked) : null;
  const s = state.selection ? { start: state.selection.startCp, end: state.selection.endCp } : a;
  if (!s) return { hint: t('hint.widenFirst') };
  const w = doc.wider(s.start, s.end);
  return { patch: { picked: null, selection: { ...w, anchor: w.startCp, focus: w.endCp } }, hint: selectedHint(doc, w) };
}

/** Esc: no selection, no pick, no caret mark, no hint. */
export function dismiss() {
  return { patch: { selection: null, picked: null, caretMark: null }, hint: '' };
}

export function toggleExact(state) {
  const exact = !state.exact;
  return {
    patch: { exact },
    hint: t(exact ? 'hint.exactOn' : 'hint.exactOff'),
  };
}
