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
// Offsets are Unicode code points, half-open `[start, end)`.
//
// This file is the model's one entry point; its parts are in model/:
//   change.js   plain values, the shape of a change, `invert`, applying one, listeners
//   rules.js    what is valid (the Rust core's rules, with error codes) and the resize rule
//   edits.js    the change each edit of spans and labels makes
//   links.js    the same for relations, notes, attributes, document labels, the scheme
//   sorted.js   reading order and the search for overlapping annotations
//   history.js  the undo and redo stacks and their saved form
//   ids.js      the ids the model hands out
//   repair.js   work saved by older pages (`repairSaved`)

import { DEFAULT_LABELS } from './labels.js';
import { DEFAULT_SCHEME } from './scheme.js';
import { applyChange, deepFreeze, frozenCopy, invert, Listeners, plain, refusal, replacement, sameValue, shown } from './model/change.js';
import { checkLabelRef, checkMadeBy, checkState, resized } from './model/rules.js';
import * as edits from './model/edits.js';
import * as links from './model/links.js';
import { SortedAnnotations } from './model/sorted.js';
import { History } from './model/history.js';
import { IdCounter, compareIds, noteIdsOf } from './model/ids.js';
import { changeWithKind } from './model/repair.js';

export { invert } from './model/change.js';
export { HISTORY_LIMIT, HISTORY_VERSION } from './model/history.js';
export { repairSaved } from './model/repair.js';

/**
 * Annotations, labels, relations and document labels of one text, with an undo
 * history of invertible changes. Every method that edits either records exactly
 * one change (and tells the listeners) or throws a `RangeError` with a `code`
 * (model/rules.js lists them) and changes nothing.
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
  /** @type {{relations: Array, attributes: Array, docLabels: Array}} relation types, attributes, document labels (scheme.js) */
  #scheme;
  #length;
  #now;
  #history = new History();
  #ids = { annotations: new IdCounter('a'), relations: new IdCounter('r') };
  #listeners = new Listeners();
  #index = new SortedAnnotations(this.#annotations);
  // Views, dropped by #apply and made again on first use.
  #labelsView = null;
  #relationsView = null;

  /**
   * @param {object} [options]
   * @param {Array<object>} [options.labels] The label set, in display order.
   * @param {Array<object>} [options.annotations] `{id, start, end, label, created}`,
   *   optionally `fragments`, `attributes`, `note` and any other JSON fields, kept as given.
   * @param {Array<object>} [options.relations] `{id, from, to, kind?}` where `from`
   *   and `to` are annotation ids (an older page's `label` is read as `kind`).
   * @param {Array<unknown>} [options.docLabels] Labels of the whole document (their ids).
   * @param {object} [options.scheme] Relation types, attributes and document labels (scheme.js).
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
    scheme,
    history = null,
    length = Infinity,
    now = () => new Date(),
  } = {}) {
    if (!(length >= 0)) throw refusal('malformed', `The text length must be a number ≥ 0 (got ${length}).`);
    this.#length = length;
    this.#now = now;
    // A state given with its scheme comes back exactly; one without (saved before schemes) gets the default, covering it.
    const state = checkState({ labels, annotations, relations, docLabels, scheme: scheme ?? DEFAULT_SCHEME }, this.#length, !scheme);
    this.#labels = state.labels;
    this.#scheme = state.scheme;
    for (const a of state.annotations) this.#annotations.set(a.id, a);
    for (const r of state.relations) this.#relations.set(r.id, r);
    this.#docLabels = state.docLabels;
    this.#noteIds(state);
    if (history) this.#history.restore(history, this.#ids);
  }

  // -------------------------------------------------------------------------
  // Reading

  /** Length of the text in code points (`Infinity` when not given). */
  get length() {
    return this.#length;
  }

  /** The labels, in display order (frozen). */
  get labels() {
    this.#labelsView ??= Object.freeze([...this.#labels]);
    return this.#labelsView;
  }

  /**
   * All annotations sorted by start ascending, end descending (so an enclosing
   * annotation comes before the ones inside it), then id. Frozen; the same array
   * is returned until the next change.
   */
  get annotations() {
    return this.#index.list;
  }

  /** How many annotations there are (cheaper than `annotations.length`, which sorts them when they changed). */
  get annotationCount() {
    return this.#index.size;
  }

  /** The relations, ordered by id (generated ids in creation order). Frozen. */
  get relations() {
    this.#relationsView ??= Object.freeze([...this.#relations.values()].sort((a, b) => compareIds(a.id, b.id)));
    return this.#relationsView;
  }

  /** The document labels (frozen). */
  get docLabels() {
    return this.#docLabels;
  }

  /** Relation types, attributes and document labels the scheme declares (frozen; scheme.js). */
  get scheme() {
    return this.#scheme;
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
    return this.#index.at(cp);
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
    return this.#index.overlapping(start, end);
  }

  // -------------------------------------------------------------------------
  // Annotations

  /**
   * Creates an annotation with a new id ('a' + base 36, never reused in this document) and `created` now; other
   * fields of `spec` (`fragments`, `attributes`, `note`, …) are kept. A RangeError for bad offsets or fragments, an unknown label.
   */
  create(spec) {
    return this.#created([spec], 'create')[0];
  }

  /** `create()` for each of `specs`, as ONE change: one undo removes them all, and one refused refuses them all. */
  createMany(specs) {
    return this.#created(specs, 'createMany');
  }

  /** Deletes an annotation and the relations that point to it, in one change; gives the annotation. */
  remove(id) {
    const annotation = this.#existing(id);
    this.#do(edits.annotationRemoval([annotation], this.#state().relations, 'remove'));
    return annotation;
  }

  /** Deletes several annotations (and their relations) as ONE change; an unknown id refuses all. Gives them. */
  removeMany(ids) {
    if (typeof ids === 'string' || typeof ids?.[Symbol.iterator] !== 'function') {
      throw refusal('malformed', 'removeMany() needs a list of annotation ids.');
    }
    const annotations = [...new Set(ids)].map((id) => this.#existing(id));
    if (annotations.length) this.#do(edits.annotationRemoval(annotations, this.#state().relations, 'removeMany'));
    return annotations;
  }

  /** Gives an annotation another label (nothing is recorded when it has it); gives the annotation as it is now. */
  relabel(id, label) {
    const before = this.#existing(id);
    checkLabelRef(label, this.#labels);
    if (before.label === label) return before;
    const after = deepFreeze({ ...before, label });
    this.#do(edits.annotationUpdate('relabel', before, after));
    return after;
  }

  /**
   * Moves an annotation's boundaries to `[start, end)`. Of a discontinuous
   * annotation the start moves the first piece and the end the last; pieces
   * passed over are dropped, and one piece left is a plain span (model/rules.js
   * `resized`), so the result may start or end elsewhere than asked (at the
   * piece that remains). `attributes`, `note` and any other fields are kept.
   * Nothing is recorded when nothing changes.
   * @returns {object} the annotation as it is now.
   * @throws {RangeError} on an unknown annotation, or `reversed`, `out-of-range`
   *   or `empty` (also when the new span lies between its pieces).
   */
  resize(id, start, end) {
    const before = this.#existing(id);
    const after = deepFreeze(resized(before, start, end, this.#length));
    if (sameValue(before, after)) return before;
    this.#do(edits.annotationUpdate('resize', before, after));
    return after;
  }

  // -------------------------------------------------------------------------
  // Labels (model/edits.js says what each fills in and refuses)

  /** Adds a label at the end of the set; a missing id, key or colour is filled in. Gives the label as stored. */
  addLabel(label) {
    const { change, label: stored } = edits.labelAddition(this.#labels, label);
    this.#do(change);
    return stored;
  }

  /** Changes a label's name, colour or key (its id changes by `renameId`). Gives the label as it is now. */
  updateLabel(id, patch) {
    const { change, label } = edits.labelUpdate(this.#labels, id, patch);
    if (change) this.#do(change);
    return label;
  }

  /** Removes a label with every annotation that carries it (and their relations), as ONE change. Gives the label. */
  removeLabel(id) {
    const label = edits.existingLabel(this.#labels, id);
    const victims = [...this.#annotations.values()].filter((a) => a.label === id);
    const change = edits.annotationRemoval(victims, this.#state().relations, 'removeLabel');
    change.labels = edits.labelRemoval(this.#labels, label);
    this.#do(change);
    return label;
  }

  /** Moves a label to position `index` (0-based, clamped) of the display order. */
  moveLabel(id, index) {
    const change = edits.labelMove(this.#labels, id, index);
    if (change) this.#do(change);
  }

  // -------------------------------------------------------------------------
  // Relations, notes and attributes, document labels, the scheme (model/links.js)

  /** Links two annotations: `{from, to, kind}`; gives the relation, with an id 'r' + base 36 and `created`. */
  createRelation(spec) {
    return this.#record(links.relationCreation(this.#state(), spec, () => this.#fresh('relations')));
  }

  /** Deletes a relation; gives it. */
  removeRelation(id) {
    return this.#record(links.relationRemoval(this.#state(), id));
  }

  /** Retypes (`kind`), reverses (`from`/`to` swapped), notes or attributes a relation; gives it as it is now. */
  updateRelation(id, patch) {
    return this.#record(links.relationUpdate(this.#state(), id, patch));
  }

  /** Sets an annotation's `note` and `attributes` (a null value removes one); gives it as it is now. */
  updateAnnotation(id, patch) {
    return this.#record(links.annotationPatch(this.#state(), id, patch));
  }

  /** Replaces the document labels (their ids). Nothing is recorded when they are the same. */
  setDocLabels(docLabels) {
    this.#record(links.docLabelsSetting(this.#state(), docLabels));
  }

  /** Replaces the scheme: relation types, attributes, document labels (scheme.js). */
  setScheme(scheme) {
    this.#record(links.schemeSetting(this.#state(), scheme));
  }

  /** Renames the id of a label (`list` 'labels') or scheme item and every use of it, as ONE change. */
  renameId(list, id, newId) {
    this.#record(links.renaming(this.#state(), list, id, newId));
  }

  // -------------------------------------------------------------------------
  // Import

  /**
   * Replaces everything at once (an import) as ONE undoable change. Omitted
   * `labels` keep the current set (many formats carry no colours); omitted
   * `annotations`, `relations` and `docLabels` become empty; an omitted `scheme`
   * keeps the current one, with what the input uses added. The whole input is
   * validated first, so a refused import changes nothing. Annotations that are
   * the same before and after (same id, same value) are not in the change.
   * @param {{labels?: Array, annotations?: Array, relations?: Array, docLabels?: Array}} state
   * @throws {RangeError} naming the first problem found.
   */
  replaceAll({ labels = this.#labels, annotations = [], relations = [], docLabels = [], scheme = this.#scheme } = {}) {
    const next = checkState({ labels, annotations, relations, docLabels, scheme }, this.#length);
    const change = replacement(this.#state(), next);
    if (!change) return;
    this.#noteIds(next);
    this.#do(change);
  }

  // -------------------------------------------------------------------------
  // History

  /** Whether there is a change to undo; `undoable`: that change (frozen), or null. */
  get canUndo() {
    return this.#history.done.length > 0;
  }
  get undoable() {
    return this.#history.done.at(-1) ?? null;
  }

  /** Whether there is an undone change to redo. */
  get canRedo() {
    return this.#history.undone.length > 0;
  }

  /**
   * Undoes the last change.
   * @returns {object|null} the change applied (the inverse of the undone one), or null.
   */
  undo() {
    const change = this.#history.done.at(-1);
    if (!change) return null;
    const inverse = deepFreeze(invert(change));
    this.#apply(inverse); // throws before touching anything if the history does not fit the state
    this.#history.undid();
    this.#listeners.emit(inverse, 'undo');
    return inverse;
  }

  /**
   * Redoes the last undone change.
   * @returns {object|null} the change applied, or null.
   */
  redo() {
    const change = this.#history.undone.at(-1);
    if (!change) return null;
    this.#apply(change);
    this.#history.redid();
    this.#listeners.emit(change, 'redo');
    return change;
  }

  /**
   * Makes a change again as a listener was told of it (autosave logs those and
   * replays them on the last saved snapshot): the state, the undo and redo
   * stacks and the id counters end exactly as after the original, and listeners
   * hear it as they heard the original. A change saved by an older page has
   * its relations' `label` read as `kind`.
   * @param {object} saved The change `onChange` gave.
   * @param {'do'|'undo'|'redo'} how What `onChange` said it was.
   * @returns {object} the change applied.
   * @throws {Error} when it does not fit this state and history (a log of some
   *   other state), or a RangeError when an annotation it makes breaks the rules;
   *   nothing changes then.
   */
  replay(saved, how) {
    const change = changeWithKind(saved);
    if (how === 'do') {
      const copy = frozenCopy(change, 'The change');
      checkMadeBy(copy, this.#length);
      this.#do(copy);
      noteIdsOf(copy, this.#ids);
      return copy;
    }
    if (how !== 'undo' && how !== 'redo') throw refusal('malformed', `replay() needs 'do', 'undo' or 'redo' (got ${shown(how)}).`);
    this.#history.checkReplay(change, how);
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
    return this.#listeners.add(fn);
  }

  /**
   * The state as plain, JSON-able copies (safe to edit or store).
   * @returns {{labels: Array, annotations: Array, relations: Array, docLabels: Array, scheme: object}}
   */
  toState() {
    const { labels, annotations, relations, docLabels, scheme } = this;
    return plain({ labels, annotations, relations, docLabels, scheme });
  }

  /**
   * The undo and redo stacks and id counters, JSON-able. Give it back to the
   * constructor (with the state of the same moment) to restore the exact undo
   * and redo position after a reload.
   * @returns {{version: number, done: Array, undone: Array, nextId: number, nextRelationId: number}}
   */
  toHistory() {
    return this.#history.toJSON({ nextId: this.#ids.annotations.next, nextRelationId: this.#ids.relations.next });
  }

  // -------------------------------------------------------------------------
  // Internals

  #do(change) {
    deepFreeze(change);
    this.#apply(change);
    this.#history.record(change);
    this.#listeners.emit(change, 'do');
  }

  /** Applies a change (model/change.js `applyChange`), which throws before touching anything if it does not fit. */
  #apply(change) {
    const stores = {
      annotations: this.#annotations,
      relations: this.#relations,
      labels: this.#labels,
      docLabels: this.#docLabels,
      scheme: this.#scheme,
    };
    ({ labels: this.#labels, docLabels: this.#docLabels, scheme: this.#scheme } = applyChange(stores, change));
    if (change.annotations) this.#index.patch(change.annotations);
    if (change.labels) this.#labelsView = null;
    if (change.relations) this.#relationsView = null;
  }

  /** The state as lists, in no particular order (what the edits read). */
  #state() {
    const [annotations, relations] = [this.#annotations, this.#relations].map((m) => [...m.values()]);
    return { labels: this.#labels, annotations, relations, docLabels: this.#docLabels, scheme: this.#scheme };
  }

  #created(specs, op) {
    const make = () => this.#fresh('annotations');
    const change = edits.annotationCreation(specs, { length: this.#length, labels: this.#labels, make }, op);
    if (change) this.#do(change);
    return change?.annotations.created ?? [];
  }

  #record({ change, value }) {
    if (change) this.#do(change);
    return value;
  }

  /** A new id and creation time for an annotation or relation. */
  #fresh(kind) {
    const store = kind === 'relations' ? this.#relations : this.#annotations;
    return { id: this.#ids[kind].fresh(store), created: this.#now().toISOString() };
  }

  #existing(id) {
    const annotation = this.#annotations.get(id);
    if (!annotation) throw refusal('unknown-id', `There is no annotation with id "${id}".`);
    return annotation;
  }

  /** Counts past the ids of a whole state. */
  #noteIds({ annotations, relations }) {
    for (const a of annotations) this.#ids.annotations.note(a.id);
    for (const r of relations) this.#ids.relations.note(r.id);
  }
}
