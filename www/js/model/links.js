// The changes of the edits beyond spans and labels: relations, notes and
// attributes, document labels and the scheme (scheme.js). Each function takes
// the model's state as lists, `{labels, annotations, relations, docLabels,
// scheme}`, and gives `{change, value}`: the change to record (null when
// nothing differs) and what the model's method returns. A refusal is a
// RangeError with a `code`, thrown before anything changes.

import { schemeCovering } from '../scheme.js';
import { deepFreeze, frozenCopy, refusal, sameValue, shown } from './change.js';
import { checked, existingLabel } from './edits.js';
import { checkedScheme, withKind } from './rules.js';

function annotationOf(state, id) {
  const a = state.annotations.find((x) => x.id === id);
  if (!a) throw refusal('unknown-id', `There is no annotation with id "${id}".`);
  return a;
}

function relationOf(state, id) {
  const r = state.relations.find((x) => x.id === id);
  if (!r) throw refusal('unknown-id', `There is no relation with id "${id}".`);
  return r;
}

/** `change` with, in the same change, the scheme declaring the relation kinds and document labels of `used` it lacks. */
function declaring(change, scheme, used) {
  const after = schemeCovering(scheme, used);
  return after === scheme ? change : { ...change, scheme: { before: scheme, after: deepFreeze(after) } };
}

/**
 * Linking two annotations: ends checked, `id` and `created` from `make`, what
 * it means as `kind` (an older caller's `label` is taken as that), every other
 * field kept; an undeclared kind is declared in the same change.
 */
export function relationCreation(state, spec, make) {
  if (spec === null || typeof spec !== 'object') throw refusal('malformed', 'createRelation() needs {from, to}.');
  annotationOf(state, spec.from);
  annotationOf(state, spec.to);
  const { id: _id, created: _created, from, to, ...extra } = withKind(spec);
  const { id, created } = make();
  const value = frozenCopy({ id, from, to, ...extra, created }, 'The relation');
  const change = { op: 'createRelation', relations: { created: [value], deleted: [], updated: [] } };
  return { change: declaring(change, state.scheme, { relations: [value] }), value };
}

export function relationRemoval(state, id) {
  const value = relationOf(state, id);
  return { change: { op: 'removeRelation', relations: { created: [], deleted: [value], updated: [] } }, value };
}

/** Retyping (`kind`), reversing (`from`/`to` swapped), a note or attributes on a relation. */
export function relationUpdate(state, id, patch) {
  const before = relationOf(state, id);
  const after = patched(before, patch, ['kind', 'from', 'to'], 'updateRelation');
  for (const end of ['from', 'to']) annotationOf(state, after[end]);
  if (sameValue(before, after)) return { change: null, value: before };
  const change = { op: 'updateRelation', relations: { created: [], deleted: [], updated: [[before, after]] } };
  return { change: declaring(change, state.scheme, { relations: [after] }), value: after };
}

/** A note or attributes on an annotation (its span and label change by resize and relabel). */
export function annotationPatch(state, id, patch) {
  const before = annotationOf(state, id);
  const after = patched(before, patch, [], 'updateAnnotation');
  if (sameValue(before, after)) return { change: null, value: before };
  return { change: { op: 'updateAnnotation', annotations: { created: [], deleted: [], updated: [[before, after]] } }, value: after };
}

/** Replacing the document labels (their ids); an undeclared one is declared in the same change. */
export function docLabelsSetting(state, docLabels) {
  if (!Array.isArray(docLabels)) throw refusal('malformed', 'Document labels must be a list.');
  const after = frozenCopy(docLabels, 'The document labels');
  if (sameValue(after, state.docLabels)) return { change: null, value: after };
  const change = { op: 'setDocLabels', docLabels: { before: state.docLabels, after } };
  return { change: declaring(change, state.scheme, { docLabels: after }), value: after };
}

/** Replacing the scheme: `bad-scheme`, or `in-use` for an item dropped that the state still uses. */
export function schemeSetting(state, scheme) {
  return { change: schemeChange(state.scheme, scheme, state), value: undefined };
}

/** Renaming the id of a label ('labels') or scheme item and every use of it. */
export function renaming(state, list, id, newId) {
  return { change: idRenaming(state, list, id, newId), value: undefined };
}

/**
 * `before` with `patch` applied: the fields of `allowed` as given, `note` (a
 * string; null or '' removes it) and `attributes` (the whole map; a null or ''
 * value removes that attribute, and an empty map removes the field).
 */
function patched(before, patch, allowed, op) {
  if (patch === null || typeof patch !== 'object') throw refusal('malformed', `${op}() needs a patch object.`);
  const after = { ...before };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (allowed.includes(field)) {
      if (typeof value !== 'string' || value === '') throw refusal('malformed', `${op}(): "${field}" must be a non-empty string.`);
      after[field] = value;
    } else if (field === 'note') {
      if (value !== null && typeof value !== 'string') throw refusal('malformed', `${op}(): a note must be text.`);
      if (value === null || value.trim() === '') delete after.note;
      else after.note = value;
    } else if (field === 'attributes') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw refusal('malformed', `${op}(): attributes must be a map of names to values.`);
      }
      const kept = Object.entries(value).filter(([, v]) => v !== null && v !== '');
      for (const [k, v] of kept) if (typeof v !== 'string') throw refusal('malformed', `${op}(): the attribute "${k}" must be text.`);
      if (kept.length) after.attributes = Object.fromEntries(kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      else delete after.attributes;
    } else {
      throw refusal('malformed', `${op}() cannot change "${field}".`);
    }
  }
  return frozenCopy(after, 'The change');
}

/** Where each list of the scheme is used in a state, for refusing to drop an id still in use. */
function uses(list, state, id) {
  if (list === 'relations') return state.relations.filter((r) => r.kind === id).length;
  if (list === 'docLabels') return state.docLabels.includes(id) ? 1 : 0;
  return [...state.annotations, ...state.relations].filter((x) => Object.hasOwn(x.attributes ?? {}, id)).length;
}

const SCHEME_WORDS = { relations: 'relation type', attributes: 'attribute', docLabels: 'document label' };

/** The change that makes `scheme` the scheme, or null when it is the same. */
function schemeChange(before, scheme, state) {
  const after = deepFreeze(checkedScheme(scheme));
  if (sameValue(before, after)) return null;
  for (const list of Object.keys(SCHEME_WORDS)) {
    for (const item of before[list]) {
      if (after[list].some((x) => x.id === item.id)) continue;
      const n = uses(list, state, item.id);
      if (n) {
        throw refusal(
          'in-use',
          `The ${SCHEME_WORDS[list]} "${item.name}" is still used ${n === 1 ? 'once' : `${n} times`}; remove those first, or rename it.`,
        );
      }
    }
  }
  return { op: 'setScheme', scheme: { before, after } };
}

/**
 * The change that renames `id` to `newId` in `list` ('labels' or a list of the
 * scheme) and everywhere the state uses it; null when the names are the same.
 */
function idRenaming(state, list, id, newId) {
  if (id === newId) return null;
  const rename = (x) => (x === id ? newId : x);
  if (list === 'labels') {
    const before = existingLabel(state.labels, id);
    const after = checked(
      frozenCopy({ ...before, id: newId }, 'The label'),
      state.labels.filter((l) => l.id !== id),
    );
    const ids = state.labels.map((l) => l.id);
    const change = {
      op: 'renameLabel',
      labels: { created: [after], deleted: [before], updated: [], order: { before: ids, after: ids.map(rename) } },
    };
    const touched = state.annotations.filter((a) => a.label === id);
    if (touched.length)
      change.annotations = { created: [], deleted: [], updated: touched.map((a) => [a, deepFreeze({ ...a, label: newId })]) };
    return change;
  }
  const what = SCHEME_WORDS[list];
  if (!what) throw refusal('malformed', `renameId() needs labels, relations, attributes or docLabels (got ${shown(list)}).`);
  const items = state.scheme[list];
  if (!items.some((x) => x.id === id)) throw refusal('unknown-id', `There is no ${what} with id "${id}".`);
  const after = deepFreeze(checkedScheme({ ...state.scheme, [list]: items.map((x) => (x.id === id ? { ...x, id: newId } : x)) }));
  const change = { op: 'renameId', scheme: { before: state.scheme, after } };
  if (list === 'relations') {
    const touched = state.relations.filter((r) => r.kind === id);
    if (touched.length)
      change.relations = { created: [], deleted: [], updated: touched.map((r) => [r, deepFreeze({ ...r, kind: newId })]) };
  } else if (list === 'docLabels') {
    if (state.docLabels.includes(id)) change.docLabels = { before: state.docLabels, after: deepFreeze(state.docLabels.map(rename)) };
  } else {
    const renamed = (x) => {
      const attributes = Object.fromEntries(Object.entries(x.attributes).map(([k, v]) => [rename(k), v]));
      return deepFreeze({ ...x, attributes });
    };
    for (const section of ['annotations', 'relations']) {
      const touched = state[section].filter((x) => Object.hasOwn(x.attributes ?? {}, id));
      if (touched.length) change[section] = { created: [], deleted: [], updated: touched.map((x) => [x, renamed(x)]) };
    }
  }
  return change;
}
