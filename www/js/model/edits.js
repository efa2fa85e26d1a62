// The changes the model's edits record, made from the model's state and what
// the person asked for. Each gives the change, or throws a RangeError with a
// `code` and changes nothing.

import { checkLabel, newLabelId, nextFreeColor, nextFreeKey } from '../labels.js';
import { frozenCopy, refusal, sameValue, shown } from './change.js';
import { checkLabelRef, checkPieces } from './rules.js';

// ---------------------------------------------------------------------------
// Annotations

/**
 * A new annotation from what `create()` was given: its offsets, fragments and
 * label checked first, then `id` and `created` taken from `make` (the model
 * owns them; a caller's are ignored) and every other field kept.
 * @param {object} spec
 * @param {{length: number, labels: Array<object>, make: () => {id: string, created: string}}} context
 * @returns {object} the annotation, frozen.
 */
export function newAnnotation(spec, { length, labels, make }) {
  if (spec === null || typeof spec !== 'object') throw refusal('malformed', 'create() needs {start, end, label}.');
  checkPieces(spec, length, 'The annotation');
  checkLabelRef(spec.label, labels);
  const { id: _id, created: _created, start, end, label, ...extra } = spec;
  const { id, created } = make();
  return frozenCopy({ id, start, end, label, created, ...extra }, 'The annotation');
}

/**
 * The change that creates an annotation for each of `specs` (see `newAnnotation`), or null for none.
 * A refused spec throws before the change exists; the ids handed out to the
 * ones before it are then never used, which is allowed (ids only count up).
 */
export function annotationCreation(specs, context, op) {
  if (!Array.isArray(specs)) throw refusal('malformed', `${op}() needs a list of {start, end, label}.`);
  if (!specs.length) return null;
  return { op, annotations: { created: specs.map((spec) => newAnnotation(spec, context)), deleted: [], updated: [] } };
}

/** The change that replaces the annotation `before` by `after`. */
export function annotationUpdate(op, before, after) {
  return { op, annotations: { created: [], deleted: [], updated: [[before, after]] } };
}

/** The change that deletes `annotations` and every one of `relations` touching them. */
export function annotationRemoval(annotations, relations, op) {
  const ids = new Set(annotations.map((a) => a.id));
  const change = { op };
  if (annotations.length) change.annotations = { created: [], deleted: annotations, updated: [] };
  const touching = relations.filter((r) => ids.has(r.from) || ids.has(r.to));
  if (touching.length) change.relations = { created: [], deleted: touching, updated: [] };
  return change;
}

// ---------------------------------------------------------------------------
// Labels

export function checked(label, others) {
  const problem = checkLabel(label, others);
  if (problem) throw refusal(problem.code, problem.message);
  return label;
}

/** The label with this id, or a refusal naming it. */
export function existingLabel(labels, id) {
  const label = labels.find((l) => l.id === id);
  if (!label) throw refusal('unknown-label', `There is no label with id "${id}".`);
  return label;
}

/**
 * Adding `label` at the end of `labels`: a missing `id` is derived from the
 * name, a missing `key` is the next free one (or none), a missing `color` the
 * next unused colour; then the label is validated (`bad-label`, `duplicate-id`).
 * @returns {{change: object, label: object}}
 */
export function labelAddition(labels, label) {
  if (label === null || typeof label !== 'object') throw refusal('malformed', 'addLabel() needs a label object.');
  const filled = { ...label };
  if (typeof filled.name === 'string') filled.name = filled.name.trim(); // typed in a form
  if (filled.id === undefined) filled.id = newLabelId(labels, filled.name);
  if (filled.key === undefined) filled.key = nextFreeKey(labels);
  if (filled.color === undefined) filled.color = nextFreeColor(labels);
  const stored = checked(frozenCopy(filled, 'The label'), labels);
  const ids = labels.map((l) => l.id);
  const order = { before: ids, after: [...ids, stored.id] };
  return { change: { op: 'addLabel', labels: { created: [stored], deleted: [], updated: [], order } }, label: stored };
}

/**
 * Patching the label `id` (name, colour, key; its id changes by renaming,
 * links.js, since annotations refer to it); `change` is null when nothing differs.
 * @returns {{change: object|null, label: object}}
 */
export function labelUpdate(labels, id, patch) {
  const before = existingLabel(labels, id);
  if (patch === null || typeof patch !== 'object') throw refusal('malformed', 'updateLabel() needs a patch object.');
  if ('id' in patch && patch.id !== id) {
    throw refusal('bad-label', `A label's id cannot change (annotations refer to "${id}"); add a new label instead.`);
  }
  // A field given as undefined means "not given", not "remove it".
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (typeof given.name === 'string') given.name = given.name.trim();
  const after = checked(
    frozenCopy({ ...before, ...given, id }, 'The label'),
    labels.filter((l) => l.id !== id),
  );
  if (sameValue(before, after)) return { change: null, label: before };
  return { change: { op: 'updateLabel', labels: { created: [], deleted: [], updated: [[before, after]] } }, label: after };
}

/** Moving the label `id` to `index` (clamped); null when it is there already. */
export function labelMove(labels, id, index) {
  const ids = labels.map((l) => l.id);
  existingLabel(labels, id);
  const from = ids.indexOf(id);
  if (!Number.isInteger(index)) throw refusal('malformed', `The new position must be a whole number (got ${shown(index)}).`);
  const to = Math.max(0, Math.min(ids.length - 1, index));
  if (from === to) return null;
  const after = ids.filter((x) => x !== id);
  after.splice(to, 0, id);
  return { op: 'moveLabel', labels: { created: [], deleted: [], updated: [], order: { before: ids, after } } };
}

/** The labels section of removing `label` (its annotations go in the same change). */
export function labelRemoval(labels, label) {
  const ids = labels.map((l) => l.id);
  return { created: [], deleted: [label], updated: [], order: { before: ids, after: ids.filter((x) => x !== label.id) } };
}
