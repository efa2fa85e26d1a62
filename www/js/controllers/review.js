// The review controller: the open document compared with another annotator's
// file of the same text (figures, then each disagreement settled), and the
// settled annotations made the document's own as one undoable change. The
// core measures and settles (src/wasm/agree.rs); this only routes.
import { holdsSeveralDocuments, readFiles } from '../io.js';
import { importedState } from './files.js';
import { errorText, t } from '../i18n/index.js';

export class Review {
  /**
   * `decoder`: `{core, segmenter}` (io.js); `corpus`: controllers/corpus.js (reads a file of many documents);
   * `view`: views/review.js; `chrome`: views/chrome.js.
   */
  constructor({ store, session, decoder, corpus }, { view, chrome }) {
    Object.assign(this, { store, session, decoder, corpus, view, chrome });
    /** `{sides, report, choices, at}` while a comparison is shown, else null. */
    this.shown = null;
    view.bindOpen(() => this.open());
    view.bindHandlers({
      files: (list) => this.compare(list),
      step: (by) => this.step(by),
      go: (i) => this.go(i),
      choose: (choice) => this.choose(choice),
      apply: () => this.apply(),
    });
  }

  open() {
    if (!this.session.model) return;
    this.shown = null;
    this.view.render({ name: this.session.name, error: '', shown: null });
    this.chrome.openDialog('review-dialog');
  }

  /** The open document as the reference side. */
  #mine() {
    const { session } = this;
    return { name: session.name, state: { ...session.model.toState(), name: session.name, text: session.doc.text } };
  }

  async compare(list) {
    const { session } = this;
    const fail = (error) => this.view.render({ name: session.name, error, shown: this.shown });
    let theirs;
    try {
      const result = await this.#read(list);
      if (!result) return fail(t('review.notInFile', { name: list[0].name, doc: session.name }));
      if (result.kind !== 'state') return fail(t('review.noAnnotations', { name: list[0].name }));
      // Labels are compared by name: a file that names them by id alone (doccano, CoNLL) takes the page's names, as
      // an import would. A file of another text is left for the core to refuse by name.
      const same = result.state.text === session.doc.text;
      theirs = same ? importedState(session.model.labels, result.state, session.doc.lengthCp).state : result.state;
    } catch (e) {
      return fail(errorText(e));
    }
    const sides = [this.#mine(), { name: list.map((f) => f.name).join(' + '), state: theirs }];
    let report;
    try {
      report = JSON.parse(this.decoder.core.agreeStates(JSON.stringify(sides)));
    } catch (e) {
      return fail(errorText(e));
    }
    this.shown = { sides, report, choices: report.diff.map(() => 'mine'), at: 0 };
    this.#render();
  }

  /**
   * What `list` holds of the open text: readFiles' result, or, from a file of
   * several documents (a project's export, a JSONL), the one of this text as a
   * `state` result; null when none of them is.
   */
  async #read(list) {
    const { session } = this;
    try {
      return await readFiles(list, { ...this.decoder, openText: session.doc.text });
    } catch (e) {
      if (!(list.length === 1 && this.corpus && holdsSeveralDocuments(e))) throw e;
    }
    const { docs, failed } = await this.corpus.readDocuments(list);
    if (failed.length) throw new Error(failed.join(t('list.semicolon')));
    const doc = docs.find((d) => d.text === session.doc.text);
    return doc ? { kind: 'state', state: { ...doc.state, text: doc.text, name: doc.name } } : null;
  }

  #render(error = '') {
    this.view.render({ name: this.session.name, error, shown: this.shown });
  }

  step(by) {
    if (!this.shown?.choices.length) return;
    const n = this.shown.choices.length;
    this.go(Math.min(n - 1, Math.max(0, this.shown.at + by)));
  }

  go(i) {
    if (!this.shown) return;
    this.shown.at = i;
    this.#render();
  }

  /** Settles the current disagreement and moves to the next. */
  choose(choice) {
    const s = this.shown;
    if (!s?.choices.length) return;
    s.choices[s.at] = choice;
    s.at = Math.min(s.choices.length - 1, s.at + 1);
    this.#render();
  }

  /** The settled annotations become the document's, as one change Ctrl+Z undoes. */
  apply() {
    const { session, shown } = this;
    if (!shown || !session.model) return;
    let state;
    let notes;
    try {
      const gold = JSON.parse(this.decoder.core.goldState(JSON.stringify(shown.sides), JSON.stringify(shown.choices)));
      ({ state, notes } = importedState(session.model.labels, gold, session.doc.lengthCp));
      session.model.replaceAll({ ...session.model.toState(), ...state });
    } catch (e) {
      return this.#render(t('review.failed', { message: e.message }));
    }
    this.view.close();
    this.shown = null;
    const n = state.annotations.length;
    this.store.set({ hint: t('review.applied', { n }) });
    if (notes.length) this.chrome.showBanner(t('banner.notes', { name: session.name, list: notes.join(t('list.semicolon')) }), 'warn');
  }
}
