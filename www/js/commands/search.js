// Commands of the search: going to one match, and labelling every match. Pure
// functions as in select.js; the matches come as `{u16, cp}`, the same
// `start, end` pairs in both units (anchor.js `find`).
import { t } from '../i18n/index.js';

/** The pattern for `query`: the regular expression typed, or the text itself. Throws a SyntaxError for a bad one. */
export function searchPattern(query, regex) {
  // `u`: a character outside the BMP is one character to `.` and to a class, as it is to the model.
  return new RegExp(regex ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu');
}

/**
 * The label a key press names: the key the label is on, read from the key's place for
 * a letter or a digit, so that Shift+3 (which types “#”) names the label on 3.
 */
export function labelOfKey(labels, key, code = '') {
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  const letter = /^Key([A-Z])$/.exec(code);
  const k = digit ? digit[1] : letter ? letter[1].toLowerCase() : key.length === 1 ? key.toLowerCase() : key;
  return labels.find((l) => l.key === k) ?? null;
}

/** Match `index` becomes the selection, so that a plain label key labels it alone. */
export function goTo(_state, doc, _model, { matches, index }) {
  const [startCp, endCp] = [matches.cp[index * 2], matches.cp[index * 2 + 1]];
  const span = { startCp, endCp, startU16: matches.u16[index * 2], endU16: matches.u16[index * 2 + 1] };
  const n = matches.u16.length / 2;
  return {
    patch: { picked: null, cycle: null, selection: { ...span, anchor: startCp, focus: endCp } },
    hint: t('hint.match', { at: index + 1, n, quote: doc.slice(startCp, endCp) }),
  };
}

/**
 * Shift and a label key: every match not already an annotation of that label
 * (the same span) is labelled, as one change (one undo takes them all back).
 */
export function labelAll(_state, _doc, model, { matches, labelId }) {
  const label = model.labelById(labelId);
  if (!label) return null;
  const labelled = new Set();
  for (const a of model.annotations) if (a.label === labelId && !a.fragments?.length) labelled.add(`${a.start},${a.end}`);
  const { cp } = matches;
  const specs = [];
  for (let i = 0; i < cp.length; i += 2) {
    if (!labelled.has(`${cp[i]},${cp[i + 1]}`)) specs.push({ start: cp[i], end: cp[i + 1], label: labelId });
  }
  const n = cp.length / 2;
  if (!specs.length) return { hint: t('hint.allLabelled', { n, label: label.name }) };
  const already = n - specs.length;
  return {
    // The selection goes first, as for one label: drawing the new marks under it would lay the page out twice.
    patch: { selection: null, picked: null },
    ops: [['createMany', specs]],
    hint: t(already ? 'hint.labelledSome' : 'hint.labelledAll', { n: specs.length, label: label.name, already }),
  };
}
