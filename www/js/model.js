// The annotation model: labels, annotations, relations and document labels of one
// text, with undo and redo. No DOM and no wasm: it is pure data, so it is tested
// with `node --test` and the view can be swapped without touching it.
//
// As in ProseMirror and Recogito, an annotation is an immutable plain value
// (frozen); every edit is one *change*, a plain JSON-able object that says what
// was created, deleted and updated, so that
//   - undo applies `invert(change)` and redo applies the change again;
//   - the history survives `JSON.stringify` (autosave) and a reload;
//   - listeners re-render only what a change names.
//
// Offsets are Unicode code points, half-open `[start, end)`.
//
// A change looks like this (sections that nothing touched are left out):
//   {
//     op: 'create',                       // which method made it (kept by `invert`)
//     annotations: {created: [ann], deleted: [ann], updated: [[before, after]]},
//     labels:      {created, deleted, updated, order?: {before: [ids], after: [ids]}},
//     relations:   {created, deleted, updated},
//     docLabels:   {before: [...], after: [...]},
//   }
// When a section is present its three lists are always there (possibly empty).
// Applying a section deletes first, then creates, then updates, then reorders;
// its inverse does the same, which is why one undo restores the exact state.

import { DEFAULT_LABELS, validateLabel, newLabelId, nextFreeKey, nextFreeColor } from './labels.js';

/**
 * How many changes the undo history keeps; the oldest are dropped beyond this.
 * Ten thousand edits is days of work, while it keeps the autosaved history to a
 * few megabytes.
 */
export const HISTORY_LIMIT = 10_000;

/** Version of the `toHistory()` format, so a later format can read this one. */
export const HISTORY_VERSION = 1;

const SECTIONS = ['annotations', 'labels', 'relations'];

// ---------------------------------------------------------------------------
// Plain-value helpers

/**
 * A deep copy that is exactly what `JSON.stringify` would keep. Everything the
 * model stores goes through it, so a saved and reloaded history equals the live
 * one (no `undefined` fields, no Dates, no shared references with the caller).
 */
function plain(value, what) {
  let json;
  try {
    json = JSON.stringify(value);
  } catch (err) {
    throw new RangeError(`${what} cannot be stored: ${err.message}`);
  }
  return json === undefined ? undefined : JSON.parse(json);
}

/** Freezes a plain value all the way down, so no caller can edit the model behind its back. */
function deepFreeze(value) {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function frozenCopy(value, what) {
  return deepFreeze(plain(value, what));
}

/** Structural equality of JSON values (key order ignored). */
function sameValue(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
}

/** Annotation order: start ascending, end descending (outer before inner), then id. */
function compareAnnotations(a, b) {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** `out[i]` = the greatest end among `sorted[0..i]`: non-decreasing, so it can be binary-searched. */
function runningMaxEnd(sorted) {
  const out = new Array(sorted.length);
  let m = -Infinity;
  for (let i = 0; i < sorted.length; i += 1) out[i] = m = Math.max(m, sorted[i].end);
  return out;
}

/** Id order where generated ids ('r' + base 36) sort in creation order: shorter first. */
function compareIds(a, b) {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Number of the generated id `prefix` + base 36, or -1 when `id` is not one. */
function counterOf(id, prefix) {
  if (typeof id !== 'string' || !id.startsWith(prefix)) return -1;
  const rest = id.slice(prefix.length);
  if (!/^[0-9a-z]{1,10}$/.test(rest)) return -1;
  return parseInt(rest, 36);
}

/** A value as it should appear in a message: strings quoted, so "1" is not mistaken for 1. */
function shown(value) {
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
  if (change.docLabels) out.docLabels = { before: change.docLabels.after, after: change.docLabels.before };
  return out;
}

// ---------------------------------------------------------------------------

/**
 * Annotations, labels, relations and document labels of one text, with an undo
 * history of invertible changes. Every method that edits either records exactly
 * one change (and tells the listeners) or throws a `RangeError` and changes
 * nothing.
 */
export class AnnotationModel {
  /** @type {Array<object>} labels in display order */
  #labels = [];
  /** @type {Map<string, object>} annotation id → annotation */
  #annotations = new Map();
  /** @type {Map<string, object>} relation id → relation */
  #relations = new Map();
  /** @type {Array<unknown>} */
  #docLabels = [];
  #length;
  #now;
  #done = [];
  #undone = [];
  #nextId = 1;
  #nextRelationId = 1;
  #listeners = new Set();
  // Caches, dropped by #apply and rebuilt on first use.
  #sorted = null;
  #maxEnd = null; // #maxEnd[i] = greatest end among #sorted[0..i]; makes overlapping() a binary search
  #labelsView = null;
  #relationsView = null;

  /**
   * @param {object} [options]
   * @param {Array<object>} [options.labels] The label set, in display order.
   * @param {Array<object>} [options.annotations] `{id, start, end, label, created}`,
   *   optionally `fragments`, `attributes`, `note` and any other JSON fields, kept as given.
   * @param {Array<object>} [options.relations] `{id, from, to, label?}` where `from`
   *   and `to` are annotation ids.
   * @param {Array<unknown>} [options.docLabels] Labels of the whole document (opaque values).
   * @param {object|null} [options.history] What `toHistory()` returned, to restore the
   *   undo and redo stacks of the same state.
   * @param {number} [options.length] Length of the text in code points; offsets past it are refused.
   * @param {() => Date} [options.now] Clock for `created` (tests pass a fixed one).
   * @throws {RangeError} when the labels, annotations or relations are not valid.
   */
  constructor({
    labels = DEFAULT_LABELS,
    annotations = [],
    relations = [],
    docLabels = [],
    history = null,
    length = Infinity,
    now = () => new Date(),
  } = {}) {
    if (!(length >= 0)) throw new RangeError(`The text length must be a number ≥ 0 (got ${length}).`);
    this.#length = length;
    this.#now = now;
    const state = this.#checkState({ labels, annotations, relations, docLabels });
    this.#labels = state.labels;
    for (const a of state.annotations) this.#annotations.set(a.id, a);
    for (const r of state.relations) this.#relations.set(r.id, r);
    this.#docLabels = state.docLabels;
    for (const a of state.annotations) this.#noteAnnotationId(a.id);
    for (const r of state.relations) this.#noteRelationId(r.id);
    if (history) this.#restoreHistory(history);
  }

  // -------------------------------------------------------------------------
  // Reading

  /** Length of the text in code points (`Infinity` when not given). */
  get length() {
    return this.#length;
  }

  /** The labels, in display order (frozen). */
  get labels() {
    return (this.#labelsView ??= Object.freeze([...this.#labels]));
  }

  /**
   * All annotations sorted by start ascending, end descending (so an enclosing
   * annotation comes before the ones inside it), then id. Frozen; the same array
   * is returned until the next change.
   */
  get annotations() {
    this.#ensureSorted();
    return this.#sorted;
  }

  /** The relations, ordered by id (generated ids in creation order). Frozen. */
  get relations() {
    return (this.#relationsView ??= Object.freeze([...this.#relations.values()].sort((a, b) => compareIds(a.id, b.id))));
  }

  /** The document labels (frozen). */
  get docLabels() {
    return this.#docLabels;
  }

  /** @returns {object|undefined} the annotation with this id. */
  byId(id) {
    return this.#annotations.get(id);
  }

  /** @returns {object|undefined} the label with this id. */
  labelById(id) {
    return this.#labels.find((l) => l.id === id);
  }

  /** @returns {object|undefined} the relation with this id. */
  relationById(id) {
    return this.#relations.get(id);
  }

  /**
   * The annotations that cover code point `cp` (`start <= cp < end`), innermost
   * (shortest) first, then by start, then id: the first is the one a click means.
   * @param {number} cp
   * @returns {Array<object>}
   */
  at(cp) {
    return this.overlapping(cp, cp + 1).sort(
      (a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  /**
   * The annotations that share at least one code point with `[start, end)`, in
   * the order of `annotations`. With `start === end` it gives the annotations that
   * strictly enclose that boundary.
   * @param {number} start
   * @param {number} end
   * @returns {Array<object>}
   */
  overlapping(start, end) {
    if (typeof start !== 'number' || typeof end !== 'number' || Number.isNaN(start) || Number.isNaN(end)) {
      throw new RangeError(`overlapping() needs two numbers (got ${shown(start)} and ${shown(end)}).`);
    }
    this.#ensureSorted();
    const sorted = this.#sorted;
    const maxEnd = (this.#maxEnd ??= runningMaxEnd(sorted));
    // Candidates have a.start < end: a prefix of the sorted array.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid].start < end) lo = mid + 1;
      else hi = mid;
    }
    const stop = lo;
    // Before the first index whose running maximum end passes `start`, nothing can reach it.
    lo = 0;
    hi = stop;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (maxEnd[mid] > start) hi = mid;
      else lo = mid + 1;
    }
    const out = [];
    for (let i = lo; i < stop; i += 1) if (sorted[i].end > start) out.push(sorted[i]);
    return out;
  }

  // -------------------------------------------------------------------------
  // Annotations

  /**
   * Creates an annotation with a new id ('a' + base 36 counter, never reused in
   * this document) and `created` set to now.
   * @param {{start: number, end: number, label: string}} spec Other fields
   *   (`fragments`, `attributes`, `note`, …) are copied as given.
   * @returns {object} the new annotation.
   * @throws {RangeError} on bad offsets or an unknown label.
   */
  create(spec) {
    if (spec === null || typeof spec !== 'object') throw new RangeError('create() needs {start, end, label}.');
    const { start, end, label } = spec;
    this.#checkSpan(start, end);
    this.#checkLabelRef(label);
    const id = this.#newAnnotationId();
    // The model owns id and created; the other fields (fragments, attributes, note, …) are kept.
    const { id: _id, created: _created, start: _s, end: _e, label: _l, ...extra } = spec;
    const created = this.#now().toISOString();
    const annotation = frozenCopy({ id, start, end, label, created, ...extra }, 'The annotation');
    this.#do({ op: 'create', annotations: { created: [annotation], deleted: [], updated: [] } });
    return annotation;
  }

  /**
   * Deletes an annotation, and the relations that point to it, in one change.
   * @param {string} id
   * @returns {object} the deleted annotation.
   * @throws {RangeError} when there is no such annotation.
   */
  remove(id) {
    const annotation = this.#existing(id);
    this.#do(this.#removal([annotation], 'remove'));
    return annotation;
  }

  /**
   * Deletes several annotations (and their relations) as one change, so one
   * undo brings them all back. Unknown ids are refused before anything changes.
   * @param {Iterable<string>} ids
   * @returns {Array<object>} the deleted annotations.
   */
  removeMany(ids) {
    if (typeof ids === 'string' || typeof ids?.[Symbol.iterator] !== 'function') {
      throw new RangeError('removeMany() needs a list of annotation ids.');
    }
    const annotations = [...new Set(ids)].map((id) => this.#existing(id));
    if (annotations.length) this.#do(this.#removal(annotations, 'removeMany'));
    return annotations;
  }

  /**
   * Gives an annotation another label. Nothing is recorded when it already has it.
   * @returns {object} the annotation as it is now.
   * @throws {RangeError} on an unknown annotation or label.
   */
  relabel(id, label) {
    const before = this.#existing(id);
    this.#checkLabelRef(label);
    if (before.label === label) return before;
    const after = deepFreeze({ ...before, label });
    this.#do({ op: 'relabel', annotations: { created: [], deleted: [], updated: [[before, after]] } });
    return after;
  }

  /**
   * Moves an annotation's boundaries. `fragments`, `attributes`, `note` and any
   * other fields are kept as they are. Nothing is recorded when the span is the same.
   * @returns {object} the annotation as it is now.
   * @throws {RangeError} on an unknown annotation or bad offsets.
   */
  resize(id, start, end) {
    const before = this.#existing(id);
    this.#checkSpan(start, end);
    if (before.start === start && before.end === end) return before;
    const after = deepFreeze({ ...before, start, end });
    this.#do({ op: 'resize', annotations: { created: [], deleted: [], updated: [[before, after]] } });
    return after;
  }

  // -------------------------------------------------------------------------
  // Labels

  /**
   * Adds a label at the end of the set. A missing `id` is derived from the name,
   * a missing `key` is the next free one (or none), a missing `color` the next
   * unused colour; then the label is validated.
   * @param {{name: string, id?: string, color?: string, key?: string|null}} label
   * @returns {object} the label as stored.
   * @throws {RangeError} with the validation message.
   */
  addLabel(label) {
    if (label === null || typeof label !== 'object') throw new RangeError('addLabel() needs a label object.');
    const filled = { ...label };
    if (typeof filled.name === 'string') filled.name = filled.name.trim(); // typed in a form
    if (filled.id === undefined) filled.id = newLabelId(this.#labels, filled.name);
    if (filled.key === undefined) filled.key = nextFreeKey(this.#labels);
    if (filled.color === undefined) filled.color = nextFreeColor(this.#labels);
    const stored = frozenCopy(filled, 'The label');
    const problem = validateLabel(stored, this.#labels);
    if (problem) throw new RangeError(problem);
    const ids = this.#labels.map((l) => l.id);
    this.#do({
      op: 'addLabel',
      labels: { created: [stored], deleted: [], updated: [], order: { before: ids, after: [...ids, stored.id] } },
    });
    return stored;
  }

  /**
   * Changes a label's name, colour or key (its id is fixed: annotations refer to
   * it). Nothing is recorded when nothing differs.
   * @param {string} id
   * @param {{name?: string, color?: string, key?: string|null}} patch
   * @returns {object} the label as it is now.
   * @throws {RangeError} on an unknown label, an id in the patch, or a validation failure.
   */
  updateLabel(id, patch) {
    const before = this.#labels.find((l) => l.id === id);
    if (!before) throw new RangeError(`There is no label with id "${id}".`);
    if (patch === null || typeof patch !== 'object') throw new RangeError('updateLabel() needs a patch object.');
    if ('id' in patch && patch.id !== id) {
      throw new RangeError(`A label's id cannot change (annotations refer to "${id}"); add a new label instead.`);
    }
    // A field given as undefined means "not given", not "remove it".
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (typeof given.name === 'string') given.name = given.name.trim();
    const after = frozenCopy({ ...before, ...given, id }, 'The label');
    const problem = validateLabel(after, this.#labels.filter((l) => l.id !== id));
    if (problem) throw new RangeError(problem);
    if (sameValue(before, after)) return before;
    this.#do({ op: 'updateLabel', labels: { created: [], deleted: [], updated: [[before, after]] } });
    return after;
  }

  /**
   * Removes a label together with every annotation that carries it (and the
   * relations of those annotations), as ONE change: one undo brings all back.
   * @param {string} id
   * @returns {object} the removed label.
   * @throws {RangeError} on an unknown label.
   */
  removeLabel(id) {
    const label = this.#labels.find((l) => l.id === id);
    if (!label) throw new RangeError(`There is no label with id "${id}".`);
    const victims = [...this.#annotations.values()].filter((a) => a.label === id);
    const change = this.#removal(victims, 'removeLabel');
    const ids = this.#labels.map((l) => l.id);
    change.labels = { created: [], deleted: [label], updated: [], order: { before: ids, after: ids.filter((x) => x !== id) } };
    this.#do(change);
    return label;
  }

  /**
   * Moves a label to another place in the display order.
   * @param {string} id
   * @param {number} index New position, 0-based (clamped to the list).
   */
  moveLabel(id, index) {
    const ids = this.#labels.map((l) => l.id);
    const from = ids.indexOf(id);
    if (from < 0) throw new RangeError(`There is no label with id "${id}".`);
    if (!Number.isInteger(index)) throw new RangeError(`The new position must be a whole number (got ${shown(index)}).`);
    const to = Math.max(0, Math.min(ids.length - 1, index));
    if (from === to) return;
    const after = ids.filter((x) => x !== id);
    after.splice(to, 0, id);
    this.#do({ op: 'moveLabel', labels: { created: [], deleted: [], updated: [], order: { before: ids, after } } });
  }

  // -------------------------------------------------------------------------
  // Relations and document labels

  /**
   * Links two annotations. `label` and any other fields are kept as given.
   * @param {{from: string, to: string, label?: string}} spec
   * @returns {object} the new relation, with an id 'r' + base 36 and `created`.
   */
  createRelation(spec) {
    if (spec === null || typeof spec !== 'object') throw new RangeError('createRelation() needs {from, to}.');
    this.#existing(spec.from);
    this.#existing(spec.to);
    const { id: _id, created: _created, from, to, ...extra } = spec;
    let id;
    do id = `r${(this.#nextRelationId++).toString(36)}`;
    while (this.#relations.has(id));
    const relation = frozenCopy({ id, from, to, ...extra, created: this.#now().toISOString() }, 'The relation');
    this.#do({ op: 'createRelation', relations: { created: [relation], deleted: [], updated: [] } });
    return relation;
  }

  /**
   * Deletes a relation.
   * @returns {object} the deleted relation.
   */
  removeRelation(id) {
    const relation = this.#relations.get(id);
    if (!relation) throw new RangeError(`There is no relation with id "${id}".`);
    this.#do({ op: 'removeRelation', relations: { created: [], deleted: [relation], updated: [] } });
    return relation;
  }

  /**
   * Replaces the document labels. Nothing is recorded when they are the same.
   * @param {Array<unknown>} docLabels
   */
  setDocLabels(docLabels) {
    if (!Array.isArray(docLabels)) throw new RangeError('Document labels must be a list.');
    const after = frozenCopy(docLabels, 'The document labels');
    if (sameValue(after, this.#docLabels)) return;
    this.#do({ op: 'setDocLabels', docLabels: { before: this.#docLabels, after } });
  }

  // -------------------------------------------------------------------------
  // Import

  /**
   * Replaces everything at once (an import) as ONE undoable change. Omitted
   * `labels` keep the current set (many formats carry no colours); omitted
   * `annotations`, `relations` and `docLabels` become empty. The whole input is
   * validated first, so a refused import changes nothing. Annotations that are
   * the same before and after (same id, same value) are not in the change.
   * @param {{labels?: Array, annotations?: Array, relations?: Array, docLabels?: Array}} state
   * @throws {RangeError} naming the first problem found.
   */
  replaceAll({ labels = this.#labels, annotations = [], relations = [], docLabels = [] } = {}) {
    const next = this.#checkState({ labels, annotations, relations, docLabels });
    const change = { op: 'replaceAll' };
    const a = diffById([...this.#annotations.values()], next.annotations);
    if (a) change.annotations = a;
    const l = diffById(this.#labels, next.labels);
    const beforeIds = this.#labels.map((x) => x.id);
    const afterIds = next.labels.map((x) => x.id);
    if (l || !sameValue(beforeIds, afterIds)) {
      change.labels = { ...(l ?? emptySection()), order: { before: beforeIds, after: afterIds } };
    }
    const r = diffById([...this.#relations.values()], next.relations);
    if (r) change.relations = r;
    if (!sameValue(this.#docLabels, next.docLabels)) change.docLabels = { before: this.#docLabels, after: next.docLabels };
    if (Object.keys(change).length === 1) return;
    for (const x of next.annotations) this.#noteAnnotationId(x.id);
    for (const x of next.relations) this.#noteRelationId(x.id);
    this.#do(change);
  }

  // -------------------------------------------------------------------------
  // History

  /** Whether there is a change to undo. */
  get canUndo() {
    return this.#done.length > 0;
  }

  /** Whether there is an undone change to redo. */
  get canRedo() {
    return this.#undone.length > 0;
  }

  /**
   * Undoes the last change.
   * @returns {object|null} the change applied (the inverse of the undone one), or null.
   */
  undo() {
    const change = this.#done.at(-1);
    if (!change) return null;
    const inverse = deepFreeze(invert(change));
    this.#apply(inverse); // throws before touching anything if the history does not fit the state
    this.#done.pop();
    this.#undone.push(change);
    this.#emit(inverse, 'undo');
    return inverse;
  }

  /**
   * Redoes the last undone change.
   * @returns {object|null} the change applied, or null.
   */
  redo() {
    const change = this.#undone.at(-1);
    if (!change) return null;
    this.#apply(change);
    this.#undone.pop();
    this.#done.push(change);
    this.#emit(change, 'redo');
    return change;
  }

  /**
   * Makes a change again as a listener was told of it (autosave logs those and
   * replays them on the last saved snapshot): the state, the undo and redo
   * stacks and the id counters end exactly as after the original, and listeners
   * hear it as they heard the original.
   * @param {object} change The change `onChange` gave.
   * @param {'do'|'undo'|'redo'} how What `onChange` said it was.
   * @returns {object} the change applied.
   * @throws {Error} when it does not fit this state and history (a log of some
   *   other state); nothing changes then.
   */
  replay(change, how) {
    if (how === 'do') {
      const copy = frozenCopy(change, 'The change');
      this.#do(copy);
      this.#noteIdsOf(copy);
      return copy;
    }
    if (how !== 'undo' && how !== 'redo') throw new RangeError(`replay() needs 'do', 'undo' or 'redo' (got ${shown(how)}).`);
    const top = (how === 'undo' ? this.#done : this.#undone).at(-1);
    if (!top || !sameValue(how === 'undo' ? invert(top) : top, change)) {
      throw new Error(`Cannot replay this ${how}: the history holds no such change.`);
    }
    return how === 'undo' ? this.undo() : this.redo();
  }

  /**
   * Calls `fn(change, how)` after every change, with `how` one of 'do', 'undo',
   * 'redo'. `change` is the change just applied (for an undo, the inverse), so
   * its `annotations.created/deleted/updated` say exactly what to redraw. A
   * listener that throws does not stop the others; its error is rethrown later.
   * @param {(change: object, how: 'do'|'undo'|'redo') => void} fn
   * @returns {() => void} a function that removes the listener.
   */
  onChange(fn) {
    if (typeof fn !== 'function') throw new TypeError('onChange() needs a function.');
    const entry = (change, how) => fn(change, how); // a fresh entry, so the same fn may subscribe twice
    this.#listeners.add(entry);
    return () => this.#listeners.delete(entry);
  }

  /**
   * The state as plain, JSON-able copies (safe to edit or store).
   * @returns {{labels: Array, annotations: Array, relations: Array, docLabels: Array}}
   */
  toState() {
    return plain({
      labels: this.labels,
      annotations: this.annotations,
      relations: this.relations,
      docLabels: this.docLabels,
    });
  }

  /**
   * The undo and redo stacks and id counters, JSON-able. Give it back to the
   * constructor (with the state of the same moment) to restore the exact undo
   * and redo position after a reload.
   * @returns {{version: number, done: Array, undone: Array, nextId: number, nextRelationId: number}}
   */
  toHistory() {
    return plain({
      version: HISTORY_VERSION,
      done: this.#done,
      undone: this.#undone,
      nextId: this.#nextId,
      nextRelationId: this.#nextRelationId,
    });
  }

  // -------------------------------------------------------------------------
  // Internals

  #do(change) {
    deepFreeze(change);
    this.#apply(change);
    this.#done.push(change);
    if (this.#done.length > HISTORY_LIMIT) this.#done.splice(0, this.#done.length - HISTORY_LIMIT);
    this.#undone = [];
    this.#emit(change, 'do');
  }

  #emit(change, how) {
    for (const fn of [...this.#listeners]) {
      try {
        fn(change, how);
      } catch (err) {
        // The model has already changed; one broken listener must not hide it from the rest.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  /**
   * Applies a change. Checks first that it fits the current state (deleted and
   * updated items exist, created ones do not), so a stale or corrupt history
   * throws instead of leaving the model half-changed.
   */
  #apply(change) {
    const stores = { annotations: this.#annotations, relations: this.#relations };
    const labelIds = new Set(this.#labels.map((l) => l.id));
    const checks = [
      ['annotations', (id) => this.#annotations.has(id)],
      ['labels', (id) => labelIds.has(id)],
      ['relations', (id) => this.#relations.has(id)],
    ];
    for (const [name, has] of checks) {
      const s = change[name];
      if (!s) continue;
      const gone = new Set();
      for (const x of s.deleted) {
        if (!has(x.id)) throw new Error(`Cannot apply "${change.op}": ${name} "${x.id}" does not exist.`);
        gone.add(x.id);
      }
      for (const x of s.created) {
        if (has(x.id) && !gone.has(x.id)) throw new Error(`Cannot apply "${change.op}": ${name} "${x.id}" already exists.`);
      }
      for (const [b, a] of s.updated) {
        if (b.id !== a.id || !has(b.id)) throw new Error(`Cannot apply "${change.op}": ${name} "${b.id}" cannot be updated.`);
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
    const l = change.labels;
    if (l) {
      const deleted = new Set(l.deleted.map((x) => x.id));
      let labels = this.#labels.filter((x) => !deleted.has(x.id)).concat(l.created);
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
      this.#labels = labels;
    }
    if (change.docLabels) this.#docLabels = change.docLabels.after;

    if (change.annotations) this.#patchSorted(change.annotations);
    if (change.labels) this.#labelsView = null;
    if (change.relations) this.#relationsView = null;
  }

  /**
   * Keeps the sorted cache in step with a small change by splicing (O(n) copy)
   * instead of sorting again (O(n log n)): on a book with tens of thousands of
   * annotations that is the difference a keypress feels. Large changes (imports)
   * just drop the cache. Either way `annotations` is a new array after a change.
   */
  #patchSorted({ created, deleted, updated }) {
    const sorted = this.#sorted;
    if (!sorted || created.length + deleted.length + 2 * updated.length > 64) {
      this.#sorted = this.#maxEnd = null;
      return;
    }
    const next = [...sorted];
    const lowerBound = (a) => {
      let lo = 0;
      let hi = next.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareAnnotations(next[mid], a) < 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    // An update that keeps the span (relabel, a note) keeps its place, and the running maximum too.
    const moved = updated.filter(([before, after]) => {
      if (before.start !== after.start || before.end !== after.end) return true;
      const i = lowerBound(before);
      if (next[i]?.id !== before.id) return true;
      next[i] = after;
      return false;
    });
    const maxEndStays = created.length + deleted.length + moved.length === 0;
    for (const a of [...deleted, ...moved.map(([before]) => before)]) {
      const i = lowerBound(a);
      if (next[i]?.id !== a.id) {
        // Cannot happen while #apply checks changes; rebuilding is the safe answer if it does.
        this.#sorted = this.#maxEnd = null;
        return;
      }
      next.splice(i, 1);
    }
    for (const a of [...created, ...moved.map(([, after]) => after)]) next.splice(lowerBound(a), 0, a);
    this.#sorted = Object.freeze(next);
    if (!maxEndStays) this.#maxEnd = null; // rebuilt by overlapping() when it is next needed
  }

  #ensureSorted() {
    if (this.#sorted) return;
    const sorted = [...this.#annotations.values()].sort(compareAnnotations);
    this.#sorted = Object.freeze(sorted);
    this.#maxEnd = null;
  }

  /** The change that deletes these annotations and every relation touching them. */
  #removal(annotations, op) {
    const ids = new Set(annotations.map((a) => a.id));
    const change = { op };
    if (annotations.length) change.annotations = { created: [], deleted: annotations, updated: [] };
    const relations = [...this.#relations.values()].filter((r) => ids.has(r.from) || ids.has(r.to));
    if (relations.length) change.relations = { created: [], deleted: relations, updated: [] };
    return change;
  }

  #existing(id) {
    const annotation = this.#annotations.get(id);
    if (!annotation) throw new RangeError(`There is no annotation with id "${id}".`);
    return annotation;
  }

  #checkSpan(start, end, labelOf = 'The annotation') {
    if (!Number.isInteger(start) || start < 0) {
      throw new RangeError(`${labelOf} must start at a whole number ≥ 0 (got ${shown(start)}).`);
    }
    if (!Number.isInteger(end)) throw new RangeError(`${labelOf} must end at a whole number (got ${shown(end)}).`);
    if (end > this.#length) {
      throw new RangeError(`${labelOf} ends at ${end}, past the end of the text (${this.#length} characters).`);
    }
    if (start >= end) {
      throw new RangeError(`${labelOf} would be empty or reversed: start ${start} must be before end ${end}.`);
    }
  }

  #checkLabelRef(label, labels = this.#labels) {
    if (!labels.some((l) => l.id === label)) {
      const known = labels.map((l) => l.id).join(', ') || 'none';
      throw new RangeError(`There is no label "${label}" (labels: ${known}).`);
    }
  }

  /**
   * Validates a whole state (constructor and import) and returns frozen copies.
   * Nothing in the model changes, so a refusal leaves everything as it was.
   */
  #checkState({ labels, annotations, relations, docLabels }) {
    for (const [name, list] of Object.entries({ labels, annotations, relations, docLabels })) {
      if (!Array.isArray(list)) throw new RangeError(`The ${name} must be a list.`);
    }
    const outLabels = [];
    for (const label of labels) {
      const copy = frozenCopy(label, 'A label');
      const problem = validateLabel(copy, outLabels);
      if (problem) throw new RangeError(problem);
      outLabels.push(copy);
    }
    const outAnnotations = [];
    const seen = new Set();
    // One JSON copy of the whole list is several times faster than one per item on a big import.
    for (const [i, a] of plain(annotations, 'The annotations').entries()) {
      if (a === null || typeof a !== 'object') throw new RangeError(`Annotation ${i + 1} is not an object.`);
      const where = `Annotation "${a.id}"`;
      if (typeof a.id !== 'string' || a.id === '') throw new RangeError(`Annotation ${i + 1} has no id.`);
      if (seen.has(a.id)) throw new RangeError(`Two annotations have the id "${a.id}".`);
      seen.add(a.id);
      this.#checkSpan(a.start, a.end, where);
      if (!outLabels.some((l) => l.id === a.label)) {
        throw new RangeError(`${where} has the label "${a.label}", which is not in the label set.`);
      }
      outAnnotations.push(deepFreeze(a));
    }
    const outRelations = [];
    const seenRelations = new Set();
    for (const [i, r] of plain(relations, 'The relations').entries()) {
      if (r === null || typeof r !== 'object') throw new RangeError(`Relation ${i + 1} is not an object.`);
      if (typeof r.id !== 'string' || r.id === '') throw new RangeError(`Relation ${i + 1} has no id.`);
      if (seenRelations.has(r.id)) throw new RangeError(`Two relations have the id "${r.id}".`);
      seenRelations.add(r.id);
      for (const end of ['from', 'to']) {
        if (!seen.has(r[end])) {
          throw new RangeError(`Relation "${r.id}" points ${end} "${r[end]}", which is not an annotation.`);
        }
      }
      outRelations.push(deepFreeze(r));
    }
    return {
      labels: outLabels,
      annotations: outAnnotations,
      relations: outRelations,
      docLabels: frozenCopy(docLabels, 'The document labels'),
    };
  }

  #restoreHistory(history) {
    if (history === null || typeof history !== 'object' || !Array.isArray(history.done) || !Array.isArray(history.undone)) {
      throw new RangeError('The saved undo history is not in a form this version understands.');
    }
    if (history.version !== undefined && history.version > HISTORY_VERSION) {
      throw new RangeError(`The saved undo history is from a newer version (${history.version}) of biaozhu.`);
    }
    this.#done = history.done.map((c) => frozenCopy(c, 'The undo history')).slice(-HISTORY_LIMIT);
    this.#undone = history.undone.map((c) => frozenCopy(c, 'The redo history'));
    if (Number.isSafeInteger(history.nextId)) this.#nextId = Math.max(this.#nextId, history.nextId);
    if (Number.isSafeInteger(history.nextRelationId)) {
      this.#nextRelationId = Math.max(this.#nextRelationId, history.nextRelationId);
    }
    // Ids that only live in the history (deleted, or undone) must not be handed out again.
    for (const change of [...this.#done, ...this.#undone]) this.#noteIdsOf(change);
  }

  #noteIdsOf(change) {
    for (const [name, note] of [
      ['annotations', (id) => this.#noteAnnotationId(id)],
      ['relations', (id) => this.#noteRelationId(id)],
    ]) {
      const s = change[name];
      if (!s) continue;
      for (const x of [...(s.created ?? []), ...(s.deleted ?? [])]) note(x.id);
    }
  }

  #newAnnotationId() {
    let id;
    do id = `a${(this.#nextId++).toString(36)}`;
    while (this.#annotations.has(id));
    return id;
  }

  #noteAnnotationId(id) {
    const n = counterOf(id, 'a');
    if (n >= this.#nextId) this.#nextId = n + 1;
  }

  #noteRelationId(id) {
    const n = counterOf(id, 'r');
    if (n >= this.#nextRelationId) this.#nextRelationId = n + 1;
  }
}
