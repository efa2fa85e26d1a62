// Commands that change annotations. The model operations come back as data,
// `[method, ...arguments]` pairs that commands/run.js applies in order, so
// that these functions stay pure (see select.js). A hint given as a function
// is asked of the model after the operations succeeded.
import { pickedHint } from './hints.js';
import { t } from '../i18n/index.js';

/** A label key or button: labels the selection, or relabels the picked annotation. */
export function label(state, doc, model, labelId) {
  if (state.selection) {
    const { startCp: start, endCp: end } = state.selection;
    const l = model.labels.find((x) => x.id === labelId);
    // The selection goes before the new marks are drawn: clearing it after would lay the page out twice.
    return {
      patch: { selection: null, picked: null },
      ops: [['create', { start, end, label: labelId }]],
      hint: t('hint.added', { label: l?.name ?? labelId, quote: doc.slice(start, end) }),
    };
  }
  // The hint names the label the annotation has now, not the one it was picked with.
  if (state.picked) return { ops: [['relabel', state.picked, labelId]], hint: (m) => pickedHint(doc, m, m.byId(state.picked)) };
  return { hint: t('hint.selectFirst') };
}

/** Shift+← → (Ctrl: the start; Alt: by character): moves one end of the picked annotation. */
export function resize(state, doc, model, { forward, byChar, edge }) {
  const a = state.picked ? model.byId(state.picked) : null;
  if (!a) return null;
  let { start, end } = a;
  if (edge === 'start') start = doc.step(start, forward, byChar);
  else end = doc.step(end, forward, byChar);
  if (start >= end) return { hint: t('hint.notEmpty') };
  return { ops: [['resize', a.id, start, end]], hint: (m) => pickedHint(doc, m, m.byId(a.id)) };
}

/** Delete, Backspace: deletes the picked annotation. */
export function remove(state) {
  if (!state.picked) return null;
  return { ops: [['remove', state.picked]], hint: t('hint.deleted') };
}

/** The annotations a change touched, as the undo hint names them: the one, by label and text, or how many. */
function touched(change, doc, model) {
  const a = change?.annotations;
  if (!a || !doc) return null;
  // An import that replaced 10 with 10 touched 10, a merge of 2 into 1 two.
  const n = Math.max(a.created.length, a.deleted.length) + a.updated.length;
  if (n !== 1) return n ? { n } : null;
  const [x] = [...a.created, ...a.deleted, ...a.updated.map(([, after]) => after)];
  return { label: model.labelById(x.label)?.name ?? x.label, quote: doc.slice(x.start, x.end) };
}

// The hint says what happened, so that the words of the action undone do not stay ("Accepted 25…"), and which
// annotation it gave back or took away: a Ctrl+Z after a change that is not the model's (Suggestions… applied) undoes
// the annotation before it.
export const undo = (_state, doc, model) => {
  if (model && !model.canUndo) return { ops: [['undo']], hint: t('hint.nothingToUndo') };
  const what = model && touched(model.undoable, doc, model);
  return { ops: [['undo']], hint: t(what?.quote !== undefined ? 'hint.undoneOne' : what ? 'hint.undoneMany' : 'hint.undone', what ?? {}) };
};
export const redo = (_state, _doc, model) => ({ ops: [['redo']], hint: t(model && !model.canRedo ? 'hint.nothingToRedo' : 'hint.redone') });
