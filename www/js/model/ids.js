// Ids the model hands out: 'a' + base 36 for annotations, 'r' + base 36 for
// relations, counting up and never reusing one this document has seen (in its
// state or its history), so that an undone id cannot come back meaning another.

/** Number of the generated id `prefix` + base 36, or -1 when `id` is not one. */
function counterOf(id, prefix) {
  if (typeof id !== 'string' || !id.startsWith(prefix)) return -1;
  const rest = id.slice(prefix.length);
  if (!/^[0-9a-z]{1,10}$/.test(rest)) return -1;
  return parseInt(rest, 36);
}

/** Id order where generated ids sort in creation order: shorter first. */
export function compareIds(a, b) {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The counter of one kind of id. */
export class IdCounter {
  #prefix;
  /** The number the next id is made from; saved in the history (`nextId`, `nextRelationId`). */
  next = 1;

  constructor(prefix) {
    this.#prefix = prefix;
  }

  /** A new id that `taken` (a Map or Set of ids) does not hold. */
  fresh(taken) {
    let id;
    do id = `${this.#prefix}${(this.next++).toString(36)}`;
    while (taken.has(id));
    return id;
  }

  /** Counts past `id` when it is one of this counter's. */
  note(id) {
    const n = counterOf(id, this.#prefix);
    if (n >= this.next) this.next = n + 1;
  }

  /** Counts from at least `n` (a saved `next`), when it is a whole number. */
  raise(n) {
    if (Number.isSafeInteger(n)) this.next = Math.max(this.next, n);
  }
}

/** Notes the ids a change creates or deletes with the counters of their sections. */
export function noteIdsOf(change, counters) {
  for (const [name, counter] of Object.entries(counters)) {
    const s = change[name];
    if (!s) continue;
    for (const x of [...(s.created ?? []), ...(s.deleted ?? [])]) counter.note(x.id);
  }
}
