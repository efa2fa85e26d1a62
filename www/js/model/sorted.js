// The annotations in reading order, and the search for those over a stretch of
// text. Kept as a cache beside the model's id map: rebuilt on first use, and
// patched in place of a sort after a small change.

import { refusal, shown } from './change.js';

/** Annotation order: start ascending, end descending (outer before inner), then id. */
export function compareAnnotations(a, b) {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** `out[i]` = the greatest end among `sorted[0..i]`: non-decreasing, so it can be binary-searched. */
function runningMaxEnd(sorted) {
  const out = new Array(sorted.length);
  let m = -Infinity;
  for (let i = 0; i < sorted.length; i += 1) out[i] = m = Math.max(m, sorted[i].end);
  return out;
}

/** The first index in `0..hi` where `before(i)` is false, for a `before` that is true up to some index. */
function firstNot(hi, before) {
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The sorted view of one model's annotations. */
export class SortedAnnotations {
  #all;
  #sorted = null;
  #maxEnd = null; // #maxEnd[i] = greatest end among #sorted[0..i]; makes overlapping() a binary search

  /** @param {Map<string, object>} all The model's annotations by id; read when the cache is rebuilt. */
  constructor(all) {
    this.#all = all;
  }

  /** The annotations in `compareAnnotations` order, frozen; the same array until the next change. */
  /** How many annotations there are, without sorting them. */
  get size() {
    return this.#all.size;
  }

  get list() {
    this.#sorted ??= Object.freeze([...this.#all.values()].sort(compareAnnotations));
    return this.#sorted;
  }

  /**
   * The annotations that share at least one code point with `[start, end)`, in
   * list order (with `start === end`, those that strictly enclose that boundary).
   */
  overlapping(start, end) {
    if (typeof start !== 'number' || typeof end !== 'number' || Number.isNaN(start) || Number.isNaN(end)) {
      throw refusal('malformed', `overlapping() needs two numbers (got ${shown(start)} and ${shown(end)}).`);
    }
    const sorted = this.list;
    this.#maxEnd ??= runningMaxEnd(sorted);
    const maxEnd = this.#maxEnd;
    // Candidates have a.start < end: a prefix of the sorted array.
    const stop = firstNot(sorted.length, (i) => sorted[i].start < end);
    // Before the first index whose running maximum end passes `start`, nothing can reach it.
    const from = firstNot(stop, (i) => maxEnd[i] <= start);
    const out = [];
    for (let i = from; i < stop; i += 1) if (sorted[i].end > start) out.push(sorted[i]);
    return out;
  }

  /** The annotations that cover code point `cp`, innermost (shortest) first, then by start, then id. */
  at(cp) {
    return this.overlapping(cp, cp + 1).sort(
      (a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  /**
   * Follows a change's annotation section (already applied to the id map) by
   * splicing (O(n) copy) instead of sorting again (O(n log n)): on a book with
   * tens of thousands of annotations that is the difference a keypress feels.
   * Large changes (imports) just drop the cache. Either way `list` is a new
   * array after a change.
   */
  patch({ created, deleted, updated }) {
    const sorted = this.#sorted;
    if (!sorted || created.length + deleted.length + 2 * updated.length > 64) {
      this.#sorted = this.#maxEnd = null;
      return;
    }
    const next = [...sorted];
    const lowerBound = (a) => firstNot(next.length, (i) => compareAnnotations(next[i], a) < 0);
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
        // Cannot happen while changes are checked before they apply; rebuilding is the safe answer if it does.
        this.#sorted = this.#maxEnd = null;
        return;
      }
      next.splice(i, 1);
    }
    for (const a of [...created, ...moved.map(([, after]) => after)]) next.splice(lowerBound(a), 0, a);
    this.#sorted = Object.freeze(next);
    if (!maxEndStays) this.#maxEnd = null; // rebuilt by overlapping() when it is next needed
  }
}
