// The page's UI state, apart from the document and its annotation model: what
// is selected or picked, where the caret is, the mode, the hint, the status
// pieces, the open in progress, a conflict with another tab. Commands return
// patches for it; views are told of a change by subscribing (through the
// presenter, controllers/present.js), never by reading it themselves.

/** The state of a page with no document open. */
export const INITIAL = Object.freeze({
  // The pending selection: a span in both units (anchor.js), with the caret ends it was made from
  // (`anchor`, `focus`, code points) when made by keyboard.
  selection: null,
  picked: null, // id of the picked annotation
  relation: null, // id of the picked relation
  linking: null, // {from}: r pressed, waiting for the other end
  caret: null, // keyboard caret, a code point position
  caretShown: false, // whether the caret's word is marked
  cycle: null, // {cp, index}: repeated clicks at one place step through the spans there
  exact: false, // drags keep exact characters instead of snapping to words
  hint: '',
  status: null, // {characters, words, paragraphs, sentences, dictionary, encoding} (see controllers/documents.js)
  saved: '',
  opening: null, // {cancelled}: the open in progress, which Cancel stops
  conflict: false, // another tab saved this document: stop saving until the person chooses
});

export class Store {
  #state;
  #listeners = new Set();

  constructor(initial = INITIAL) {
    this.#state = initial;
  }

  get state() {
    return this.#state;
  }

  /**
   * Applies `patch` (fields to replace) and tells every subscriber, in order,
   * `(state, before, changed)`; `changed` is the set of keys whose value changed.
   * Nothing is told when nothing changed.
   */
  set(patch) {
    if (!patch) return;
    const before = this.#state;
    const changed = new Set(Object.keys(patch).filter((k) => !Object.is(before[k], patch[k])));
    if (!changed.size) return;
    this.#state = Object.freeze({ ...before, ...patch });
    for (const fn of this.#listeners) fn(this.#state, before, changed);
  }

  /** Calls `fn(state, before, changed)` on every change; returns the function that stops it. */
  subscribe(fn) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}
