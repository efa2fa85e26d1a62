// Changes: the plain values the model records, how one is undone, and how one
// is applied to the model's stores. No DOM and no wasm.
//
// A change looks like this (sections that nothing touched are left out):
//   {
//     op: 'create',                       // which method made it (kept by `invert`)
//     annotations: {created: [ann], deleted: [ann], updated: [[before, after]]},
//     labels:      {created, deleted, updated, order?: {before: [ids], after: [ids]}},
//     relations:   {created, deleted, updated},
//     docLabels:   {before: [...], after: [...]},
//     scheme:      {before: {...}, after: {...}},   // relation types, attributes, document labels (scheme.js)
//   }
// When a section is present its three lists are always there (possibly empty).
// Applying a section deletes first, then creates, then updates, then reorders;
// its inverse does the same, which is why one undo restores the exact state.

/** The sections of a change that hold id-keyed values. */
const SECTIONS = Object.freeze(['annotations', 'labels', 'relations']);

/**
 * A RangeError with a `code` a caller can branch on (the message is for people).
 * @param {string} code
 * @param {string} message
 * @returns {RangeError}
 */
export function refusal(code, message) {
  const err = new RangeError(message);
  err.code = code;
  return err;
}

/**
 * A deep copy that is exactly what `JSON.stringify` would keep. Everything the
 * model stores goes through it, so a saved and reloaded history equals the live
 * one (no `undefined` fields, no Dates, no shared references with the caller).
 */
export function plain(value, what) {
  let json;
  try {
    json = JSON.stringify(value);
  } catch (err) {
    throw refusal('malformed', `${what} cannot be stored: ${err.message}`);
  }
  return json === undefined ? undefined : JSON.parse(json);
}

/** Freezes a plain value all the way down, so no caller can edit the model behind its back. */
export function deepFreeze(value) {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function frozenCopy(value, what) {
  return deepFreeze(plain(value, what));
}

/** Structural equality of JSON values (key order ignored). */
export function sameValue(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
}

/** A value as it should appear in a message: strings quoted, so "1" is not mistaken for 1. */
export function shown(value) {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function emptySection() {
  return { created: [], deleted: [], updated: [] };
}

/** Diff of two id-keyed collections as a change section, or null when equal. */
function diffById(beforeList, afterList) {
  const before = new Map(beforeList.map((x) => [x.id, x]));
  const after = new Map(afterList.map((x) => [x.id, x]));
  const section = emptySection();
  for (const [id, b] of before) {
    if (!after.has(id)) section.deleted.push(b);
    else if (!sameValue(b, after.get(id))) section.updated.push([b, after.get(id)]);
  }
  for (const [id, a] of after) if (!before.has(id)) section.created.push(a);
  const empty = !section.created.length && !section.deleted.length && !section.updated.length;
  return empty ? null : section;
}

/**
 * The change that turns the state `current` into `next` (an import), holding
 * only what differs, or null when nothing does. Each is `{labels, annotations,
 * relations, docLabels}` with lists.
 */
export function replacement(current, next) {
  const change = { op: 'replaceAll' };
  const a = diffById(current.annotations, next.annotations);
  if (a) change.annotations = a;
  const l = diffById(current.labels, next.labels);
  const beforeIds = current.labels.map((x) => x.id);
  const afterIds = next.labels.map((x) => x.id);
  if (l || !sameValue(beforeIds, afterIds)) {
    change.labels = { ...(l ?? emptySection()), order: { before: beforeIds, after: afterIds } };
  }
  const r = diffById(current.relations, next.relations);
  if (r) change.relations = r;
  if (!sameValue(current.docLabels, next.docLabels)) change.docLabels = { before: current.docLabels, after: next.docLabels };
  if (next.scheme && !sameValue(current.scheme, next.scheme)) change.scheme = { before: current.scheme, after: next.scheme };
  return Object.keys(change).length === 1 ? null : change;
}

/**
 * The change that undoes `change`: created and deleted swap, each `[before,
 * after]` pair turns round, and so do `order` and `docLabels`. Applying a change
 * and then its inverse restores the exact previous state.
 * @param {object} change A change as passed to `onChange` or kept in the history.
 * @returns {object} A new change; `change` is not modified.
 */
export function invert(change) {
  const out = { op: change.op };
  for (const name of SECTIONS) {
    const s = change[name];
    if (!s) continue;
    const inv = {
      created: s.deleted ?? [],
      deleted: s.created ?? [],
      updated: (s.updated ?? []).map(([before, after]) => [after, before]),
    };
    if (s.order) inv.order = { before: s.order.after, after: s.order.before };
    out[name] = inv;
  }
  for (const whole of ['docLabels', 'scheme']) {
    if (change[whole]) out[whole] = { before: change[whole].after, after: change[whole].before };
  }
  return out;
}

/**
 * Applies `change` to the model's stores: the annotation and relation maps are
 * edited in place, and the labels and document labels that result are
 * returned, with the scheme. It checks first that the change fits (deleted and updated items
 * exist, created ones do not), so a stale or corrupt history throws before
 * anything is touched instead of leaving the model half-changed.
 * @param {{annotations: Map<string, object>, relations: Map<string, object>, labels: Array<object>, docLabels: Array, scheme: object}} stores
 * @param {object} change
 * @returns {{labels: Array<object>, docLabels: Array, scheme: object}}
 */
export function applyChange(stores, change) {
  const labelIds = new Set(stores.labels.map((l) => l.id));
  const has = {
    annotations: (id) => stores.annotations.has(id),
    labels: (id) => labelIds.has(id),
    relations: (id) => stores.relations.has(id),
  };
  for (const name of SECTIONS) {
    const s = change[name];
    if (!s) continue;
    const gone = new Set();
    for (const x of s.deleted) {
      if (!has[name](x.id)) throw misfit(change, `${name} "${x.id}" does not exist.`);
      gone.add(x.id);
    }
    for (const x of s.created) {
      if (has[name](x.id) && !gone.has(x.id)) throw misfit(change, `${name} "${x.id}" already exists.`);
    }
    for (const [b, a] of s.updated) {
      if (b.id !== a.id || !has[name](b.id)) throw misfit(change, `${name} "${b.id}" cannot be updated.`);
    }
  }

  for (const name of ['annotations', 'relations']) {
    const s = change[name];
    if (!s) continue;
    const map = stores[name];
    for (const x of s.deleted) map.delete(x.id);
    for (const x of s.created) map.set(x.id, x);
    for (const [, after] of s.updated) map.set(after.id, after);
  }
  return {
    labels: change.labels ? applyLabels(stores.labels, change.labels) : stores.labels,
    docLabels: change.docLabels ? change.docLabels.after : stores.docLabels,
    scheme: change.scheme ? change.scheme.after : stores.scheme,
  };
}

function misfit(change, what) {
  const err = new Error(`Cannot apply "${change.op}": ${what}`);
  err.code = 'history-mismatch';
  return err;
}

function applyLabels(before, l) {
  const deleted = new Set(l.deleted.map((x) => x.id));
  let labels = before.filter((x) => !deleted.has(x.id)).concat(l.created);
  const updated = new Map(l.updated.map(([, after]) => [after.id, after]));
  labels = labels.map((x) => updated.get(x.id) ?? x);
  if (l.order) {
    const rank = new Map(l.order.after.map((id, i) => [id, i]));
    // Stable: anything the order does not name keeps its place after the named ones.
    labels = labels
      .map((x, i) => [rank.get(x.id) ?? l.order.after.length + i, x])
      .sort((p, q) => p[0] - q[0])
      .map(([, x]) => x);
  }
  return labels;
}

/**
 * The functions told of every change, in the order they subscribed. One that
 * throws does not stop the others: the model has already changed, and one
 * broken listener must not hide that from the rest. Its error is rethrown
 * later, so it is not lost.
 */
export class Listeners {
  #entries = new Set();

  /** Adds `fn`; gives the function that removes it. */
  add(fn) {
    if (typeof fn !== 'function') throw new TypeError('onChange() needs a function.');
    const entry = (change, how) => fn(change, how); // a fresh entry, so the same fn may subscribe twice
    this.#entries.add(entry);
    return () => this.#entries.delete(entry);
  }

  emit(change, how) {
    for (const fn of [...this.#entries]) {
      try {
        fn(change, how);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
