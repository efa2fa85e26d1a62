// Reading work saved by older versions of the page, so that none of it is lost.
//
// Two things older pages saved that the rules (rules.js) now refuse:
//   - an annotation with fragments whose start and end are not the hull of its
//     pieces: the old resize moved start and end and kept the pieces, so that
//     every export of the document then failed in the core;
//   - a relation that names what it means `label` where the core, the native
//     file and now the model say `kind`.
// `repairSaved` fixes both in a saved state, in its undo history and in the
// changes saved after it, in the same way everywhere, so that undo, redo and
// the replay of saved changes still fit the state they are applied to.

import { hullDiffers, resized, withKind } from './rules.js';

const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);

/** `list.map(fn)`, or `list` itself when `fn` gave back every item unchanged. */
function mapSame(list, fn) {
  let out = null;
  for (const [i, x] of list.entries()) {
    const y = fn(x);
    if (y === x) continue;
    out ??= [...list];
    out[i] = y;
  }
  return out ?? list;
}

/** `obj` with `key` set to `value`, or `obj` itself when it already holds exactly that value. */
function withField(obj, key, value) {
  return obj[key] === value ? obj : { ...obj, [key]: value };
}

/**
 * An annotation whose fragments do not match its start and end, repaired the
 * way the person's last resize meant: the resize rule applied to its pieces,
 * from their hull to the saved start and end. Where that leaves no piece (the
 * saved span lies in a gap between them), the pieces are kept with their hull
 * as start and end, which is what the page drew. Anything else comes back as
 * it is.
 */
function repairAnnotation(a) {
  if (!isObject(a) || !Number.isInteger(a.start) || !Number.isInteger(a.end) || !hullDiffers(a)) return a;
  const hull = { ...a, start: a.fragments[0][0], end: a.fragments.at(-1)[1] };
  if (a.start >= a.end) return hull;
  try {
    return resized(hull, a.start, a.end, Infinity);
  } catch {
    return hull;
  }
}

/**
 * `change` with `annotation` applied to every annotation value in it and
 * `relation` to every relation value; `change` itself when nothing differs.
 */
function mapChange(change, { annotation, relation }) {
  if (!isObject(change)) return change;
  let out = change;
  for (const [name, fn] of [
    ['annotations', annotation],
    ['relations', relation],
  ]) {
    const s = out[name];
    if (!isObject(s)) continue;
    let next = s;
    for (const list of ['created', 'deleted']) {
      if (Array.isArray(next[list])) next = withField(next, list, mapSame(next[list], fn));
    }
    if (Array.isArray(next.updated)) {
      const pair = (p) => (Array.isArray(p) && p.length === 2 ? withPair(p, fn(p[0]), fn(p[1])) : p);
      next = withField(next, 'updated', mapSame(next.updated, pair));
    }
    out = withField(out, name, next);
  }
  return out;
}

function withPair(p, before, after) {
  return before === p[0] && after === p[1] ? p : [before, after];
}

/** A change from the history or a saved delta with its relations named `kind`; itself when none said `label`. */
export function changeWithKind(change) {
  return mapChange(change, { annotation: (a) => a, relation: withKind });
}

/** `history` (the `toHistory()` form) with `fn` applied to every change of its undo and redo stacks. */
function mapHistory(history, fn) {
  if (!isObject(history)) return history;
  let out = history;
  for (const stack of ['done', 'undone']) {
    if (Array.isArray(out[stack])) out = withField(out, stack, mapSame(out[stack], fn));
  }
  return out;
}

/**
 * Repairs work saved by an older page before it is loaded; see the top of
 * this file for what it repairs. Pure: nothing given is changed, and what
 * needs no repair comes back as the same object (all three, when nothing
 * does). A shape it does not know is passed through, never thrown on.
 * @param {object} saved
 * @param {{labels, annotations, relations, docLabels}|null} [saved.state] As autosave saved it.
 * @param {{done: Array, undone: Array}|null} [saved.history] What `toHistory()` gave.
 * @param {Array<{how: string, change: object}>|null} [saved.deltas] The changes saved after
 *   the state, oldest first, as storage.js `load` gives them (other fields are kept).
 * @returns {{state, history, deltas, repaired: Array<{id: string, before: {start, end, fragments}, after: {start, end, fragments?}}>}}
 *   `repaired` names each annotation, as it stands once the deltas are replayed on
 *   the state, whose value was repaired: what was saved and what it is now.
 */
export function repairSaved({ state = null, history = null, deltas = null } = {}) {
  const from = new Map(); // a repaired annotation → the value it was made from
  const annotation = (a) => {
    const fixed = repairAnnotation(a);
    if (fixed !== a) from.set(fixed, a);
    return fixed;
  };
  const repairChange = (c) => mapChange(c, { annotation, relation: withKind });

  let outState = state;
  if (isObject(state)) {
    if (Array.isArray(state.annotations)) outState = withField(outState, 'annotations', mapSame(state.annotations, annotation));
    if (Array.isArray(state.relations)) outState = withField(outState, 'relations', mapSame(state.relations, withKind));
  }
  const outHistory = mapHistory(history, repairChange);
  const outDeltas = Array.isArray(deltas)
    ? mapSame(deltas, (d) => (isObject(d) ? withField(d, 'change', repairChange(d.change)) : d))
    : deltas;
  return { state: outState, history: outHistory, deltas: outDeltas, repaired: from.size ? repairedNow(outState, outDeltas, from) : [] };
}

/** The annotations as they stand after the deltas, those of them that were repaired, with what they were. */
function repairedNow(state, deltas, from) {
  const now = new Map();
  for (const a of isObject(state) && Array.isArray(state.annotations) ? state.annotations : []) if (isObject(a)) now.set(a.id, a);
  // A saved delta is the change as it was applied (for an undo, the inverse), so applying each in turn gives the state now.
  for (const d of Array.isArray(deltas) ? deltas : []) {
    const s = isObject(d) && isObject(d.change) ? d.change.annotations : null;
    if (!isObject(s)) continue;
    for (const a of Array.isArray(s.deleted) ? s.deleted : []) if (isObject(a)) now.delete(a.id);
    for (const a of Array.isArray(s.created) ? s.created : []) if (isObject(a)) now.set(a.id, a);
    for (const p of Array.isArray(s.updated) ? s.updated : []) if (Array.isArray(p) && isObject(p[1])) now.set(p[1].id, p[1]);
  }
  const span = ({ start, end, fragments }) => (fragments === undefined ? { start, end } : { start, end, fragments });
  return [...now.values()].filter((a) => from.has(a)).map((a) => ({ id: a.id, before: span(from.get(a)), after: span(a) }));
}
