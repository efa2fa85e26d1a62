// The document controller: opening a text (indexed by the core and laid out
// in slices, with a progress line and Cancel for a long one), swapping it in
// with its restored model, and handing it its words from the segmentation
// worker. The open document is `session`: `{doc, model, name, encoding,
// bytes, words, sha}` (`doc` is its adapter, anchor.js). No DOM.
import { Anchor } from '../anchor.js';
import { t } from '../i18n/index.js';

class Cancelled extends Error {}

/** Lets the browser paint and handle input between slices of long work. */
export function yieldToUI() {
  return globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((ok) => setTimeout(ok, 0));
}

/** UTF-16 units per slice handed to the core: small enough to stay well under 50 ms. */
export const SLICE_U16 = 1 << 18;

export class Documents {
  /** `views`: `{text, words, chrome}`; `present`: the presenter; `persistence`: see persistence.js. */
  constructor({ store, session, views, present, persistence, segmenter }) {
    Object.assign(this, { store, session, views, present, persistence, segmenter });
    this.core = null;
    this.seq = 0; // which open is the latest: an older one stops at its next await
    this.unsubscribe = null;
  }

  /** Builds the core's Document of `text` a slice at a time (see `DocumentBuilder`). */
  async #build(text, pause) {
    if (text.length <= SLICE_U16) return new this.core.Document(text);
    const builder = new this.core.DocumentBuilder();
    try {
      for (let at = 0; at < text.length; ) {
        let end = Math.min(text.length, at + SLICE_U16);
        const last = text.charCodeAt(end - 1);
        if (end < text.length && last >= 0xd800 && last < 0xdc00) end -= 1; // never split a surrogate pair
        builder.push(text.slice(at, end));
        at = end;
        await pause(at / text.length);
      }
    } catch (e) {
      builder.free();
      throw e;
    }
    return builder.finish();
  }

  /** Starts a job that Cancel stops (cancelling the one before); see `store.opening`. */
  begin() {
    const before = this.store.state.opening;
    if (before) before.cancelled = true;
    const job = { cancelled: false };
    this.store.set({ opening: job });
    return job;
  }

  cancel() {
    const job = this.store.state.opening;
    if (job) job.cancelled = true;
  }

  /**
   * Opens a text: indexes it in the core and lays it out off-screen, in slices
   * with a progress line for a long text (Cancel leaves the open document as it
   * was), then swaps it in, restores its saved annotations, and asks the worker
   * for its words. Resolves to whether it was opened.
   */
  async open({ name, text, encoding = 'UTF-8', bytes = null, state = null, history = null }) {
    const { chrome, text: textView } = this.views;
    // Changes of this tab that no version holds yet (another tab saved meanwhile) are not dropped without asking.
    if (!this.persistence.mayLeave()) {
      this.store.set({ hint: t('open.chooseVersion', { name }) });
      return false;
    }
    const job = this.begin();
    const big = text.length > SLICE_U16;
    let last = performance.now();
    const pause = (what) => async (done) => {
      if (done < 1 && performance.now() - last < 25) return;
      if (big) chrome.progress(what, done);
      await yieldToUI();
      last = performance.now();
      if (job.cancelled) throw new Cancelled();
    };
    let doc = null;
    let built;
    try {
      if (big) chrome.progress(t('progress.reading', { name }), 0);
      doc = await this.#build(text, pause(t('progress.indexing', { name })));
      const paraU16 = doc.paragraphsU16();
      // The sample's text is on screen already when index.html held it (scripts/prerender.mjs).
      built = textView.adoptText(text, paraU16) ?? (await textView.buildText(text, paraU16, pause(t('progress.layout', { name }))));
    } catch (e) {
      doc?.free();
      const current = this.store.state.opening === job;
      if (current) chrome.progress(null);
      if (e instanceof Cancelled) {
        if (current) this.store.set({ hint: t('files.openCancelled', { name }) });
        return false;
      }
      chrome.showBanner(t('open.failed', { name, message: e.message }));
      return false;
    }
    chrome.progress(null);
    const seq = ++this.seq;
    this.#swap(new Anchor(doc, text), { name, encoding, bytes });
    chrome.setState('segmenting');
    textView.showText(built);
    chrome.setDocName(name);
    performance.mark('biaozhu:text-visible');
    const restored = await this.persistence.restore({ state, history, stale: () => seq !== this.seq });
    if (!restored) return false;
    this.#adopt(restored.model);
    // Text shown and the annotations in view drawn: where scripts/bench/page.mjs stops timing an open.
    performance.mark('biaozhu:opened');
    // Words first: the storage writes below need nothing from them.
    this.#segment(seq);
    await this.persistence.stored(restored);
    return true;
  }

  /** The new document in place of the old; until its model exists nothing may draw the old model over it. */
  #swap(doc, { name, encoding, bytes }) {
    const { session } = this;
    this.unsubscribe?.();
    this.unsubscribe = null;
    session.model = null;
    this.present.forgetList();
    if (session.doc) this.onLeave?.();
    session.doc?.free();
    Object.assign(session, { doc, name, encoding, bytes, sha: doc.sha, words: null });
    this.store.set({ opening: null, selection: null, picked: null, cycle: null, caret: null, caretMark: null, conflict: false, hint: '' });
    // A question about the old document's versions goes with it.
    this.views.chrome.answered();
  }

  /** Draws the restored `model` and follows its changes (drawn, then autosaved). */
  #adopt(model) {
    const { session, present, persistence } = this;
    session.model = model;
    this.unsubscribe = model.onChange((change, how) => {
      present.modelChanged(change);
      persistence.save(change, how);
    });
    present.drawLabels();
    present.draw();
    this.updateStatus();
  }

  /** The status line's pieces of the open document, with `more` (say, its encoding). */
  updateStatus(more = {}) {
    const { doc, words, encoding } = this.session;
    if (!doc) return;
    this.store.set({
      status: {
        ...this.store.state.status,
        characters: doc.lengthCp,
        words: words ? words.wordCount : null,
        paragraphs: doc.nonblankParagraphs(),
        sentences: doc.sentenceCount,
        encoding,
        ...more,
      },
    });
  }

  /** The status line's words, said again in the language now chosen. */
  relocalise() {
    this.dictionaryState();
  }

  /** The dictionary's state, as the worker reports it. */
  dictionaryState(s = this.dictionary) {
    if (!s) return;
    // Kept, to be said again in another language (`relocalise`).
    this.dictionary = s;
    let dictionary;
    if (s.state !== 'dictionary') dictionary = t('dictionary.failed', { message: s.message });
    else if (s.whole) dictionary = t('dictionary.ready', { ms: Math.round(s.buildMs) });
    else dictionary = t('dictionary.partial', { ms: Math.round(s.buildMs) });
    this.store.set({ status: { ...this.store.state.status, dictionary } });
  }

  async #segment(seq) {
    const { chrome, words: wordsLayer } = this.views;
    try {
      const words = await this.segmenter.segment(this.session.doc.text);
      if (seq !== this.seq) return;
      await this.#handWords(words, seq);
      if (seq !== this.seq) return;
      this.session.words = words;
      // Tinting every other word doubles the cost of painting the text: kept
      // for texts a person reads through; a long one shows the word under the
      // pointer only.
      if (words.wordCount < 150_000) wordsLayer.showWords(words.wordsU16);
      this.updateStatus();
      chrome.setState('ready');
      performance.mark('biaozhu:ready');
    } catch (e) {
      if (seq !== this.seq) return;
      chrome.showBanner(t('segment.failed', { message: e.message }), 'warn');
      chrome.setState('ready-without-words');
    }
  }

  /** Gives the worker's words to the core's Document in slices, so no task runs long on a long text. */
  async #handWords(words, seq) {
    const SLICE = 1 << 17;
    const n = words.kinds.length;
    const subs = words.subwordsCp;
    const { doc } = this.session;
    let s = 0;
    for (let i = 0; i < n || s < subs.length; i += SLICE) {
      const j = Math.min(n, i + SLICE);
      // Sub-word boundaries go with the words they fall in.
      const upTo = j < n ? words.wordsCp[j * 2] : Infinity;
      let t = s;
      while (t < subs.length && subs[t] <= upTo) t++;
      doc.appendWords(words.wordsCp.subarray(i * 2, j * 2), words.kinds.subarray(i, j), subs.subarray(s, t));
      s = t;
      if (j < n) {
        await yieldToUI();
        if (seq !== this.seq) return;
      }
      if (j >= n && s >= subs.length) break;
    }
    doc.finishWords();
  }
}
