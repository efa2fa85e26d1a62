// The undo and redo stacks, their saved form (`toHistory()`), and reading it back.

import { frozenCopy, invert, plain, refusal, sameValue } from './change.js';
import { changeWithKind } from './repair.js';
import { noteIdsOf } from './ids.js';
/** @typedef {import('./ids.js').IdCounter} IdCounter */

/**
 * How many changes the undo history keeps; the oldest are dropped beyond this.
 * Ten thousand edits is days of work, while it keeps the autosaved history to a
 * few megabytes.
 */
export const HISTORY_LIMIT = 10_000;

/** Version of the `toHistory()` format, so a later format can read this one. */
export const HISTORY_VERSION = 1;

/** The changes that can be undone (`done`, the last on top) and redone (`undone`). */
export class History {
  done = [];
  undone = [];

  /** Notes a change just made: it is the next to undo, and nothing is left to redo. */
  record(change) {
    this.done.push(change);
    if (this.done.length > HISTORY_LIMIT) this.done.splice(0, this.done.length - HISTORY_LIMIT);
    this.undone = [];
  }

  /** Notes that the last change was undone. */
  undid() {
    this.undone.push(this.done.pop());
  }

  /** Notes that the last undone change was redone. */
  redid() {
    this.done.push(this.undone.pop());
  }

  /**
   * Throws unless `change` is what an undo (or a redo) would apply now: a saved
   * log replayed on another state or history must stop, not go astray.
   */
  checkReplay(change, how) {
    const top = (how === 'undo' ? this.done : this.undone).at(-1);
    if (!top || !sameValue(how === 'undo' ? invert(top) : top, change)) {
      throw new Error(`Cannot replay this ${how}: the history holds no such change.`);
    }
  }

  /**
   * Takes the stacks of a saved history: frozen copies of its changes, with
   * relations named `kind` (an older page named it `label`), at most
   * `HISTORY_LIMIT` to undo.
   * The id counters `ids` (model/ids.js) count past its ids, saved and seen:
   * ids that only live in the history (deleted, or undone) must not be handed
   * out again.
   * @param {object} saved What `toHistory()` gave.
   * @param {{annotations: IdCounter, relations: IdCounter}} ids
   * @throws {RangeError} when it is not a history this version can read.
   */
  restore(saved, ids) {
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.done) || !Array.isArray(saved.undone)) {
      throw refusal('bad-history', 'The saved undo history is not in a form this version understands.');
    }
    if (saved.version !== undefined && saved.version > HISTORY_VERSION) {
      throw refusal('bad-history', `The saved undo history is from a newer version (${saved.version}) of biaozhu.`);
    }
    const read = (what) => (c) => frozenCopy(changeWithKind(c), what);
    this.done = saved.done.slice(-HISTORY_LIMIT).map(read('The undo history'));
    this.undone = saved.undone.map(read('The redo history'));
    ids.annotations.raise(saved.nextId);
    ids.relations.raise(saved.nextRelationId);
    for (const change of [...this.done, ...this.undone]) noteIdsOf(change, ids);
  }

  /** The saved form, with the id counters `{nextId, nextRelationId}`. */
  toJSON(counters) {
    return plain({ version: HISTORY_VERSION, done: this.done, undone: this.undone, ...counters });
  }
}
