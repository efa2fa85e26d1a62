// The search controller: `/` opens the search bar; what is typed there is
// found in the open text (anchor.js `find`), highlighted by the search layer
// and counted; Enter and Shift+Enter go from match to match; Shift and a label
// key label every match. It keeps the matches of the open text, which never
// changes under them. No DOM: the bar and the layer are views.
import { run } from '../commands/run.js';
import { label } from '../commands/edit.js';
import { goTo, labelAll, labelOfKey, searchPattern } from '../commands/search.js';
import { errorText, t } from '../i18n/index.js';

export class Search {
  /**
   * `views`: `{text, layer, bar}` (views/text-view.js, views/layers/search.js, views/search-bar.js);
   * `project` the search of the other documents (controllers/project-search.js), `open(sha)` opens one.
   */
  constructor({ store, session, project, open }, { text, layer, bar }) {
    Object.assign(this, { store, session, project, text, layer, bar });
    this.query = { query: '', regex: false, wholeWords: false, project: false };
    this.elsewhere = null; // [{sha, name, count}]: the other documents' matches, when the search is of every document
    this.doc = null; // the document the matches are of
    this.matches = null; // {u16, cp}, or null
    this.current = -1;
    // Enter was pressed since the query last changed: in the box, a label key
    // then labels the match selected (with Shift, every match) rather than types.
    this.armed = false;
    this.waiting = false; // whole words were asked for before the text's words arrived
    bar.bindQuery((query) => this.find(query));
    bar.bindKeys((key) => this.boxKey(key));
    bar.bindClose(() => this.close());
    bar.bindDocs((sha) => open(sha));
    // The text was replaced: its matches are searched for again once it is laid out.
    layer.bindReset(() => setTimeout(() => this.bar.isOpen && this.find(this.query), 0));
  }

  /** Whether there are matches, of the open document, to go to or label. */
  get hasMatches() {
    return this.bar.isOpen && this.doc === this.session.doc && this.matches !== null;
  }

  /** `/`: the bar, focused; its query searched again when the document changed since. */
  show() {
    this.bar.open();
    if (this.doc !== this.session.doc || this.waiting) this.find(this.query);
  }

  close() {
    this.bar.close();
    this.layer.show(null);
    this.doc = null;
    this.matches = null;
    this.current = -1;
  }

  /** Finds `query` (`{query, regex, wholeWords}`) in the open document, and highlights and counts the matches. */
  find(query) {
    Object.assign(this, { query, doc: this.session.doc, matches: null, current: -1, armed: false, waiting: false });
    let problem = '';
    if (this.doc && query.query) {
      try {
        const found = this.doc.find(searchPattern(query.query, query.regex), query.wholeWords);
        if (found.u16.length) this.matches = found;
      } catch (e) {
        // The engine's own words are English whatever the page's language: they are the detail, after ours.
        problem =
          e instanceof SyntaxError ? t('search.badPattern', { detail: e.message.replace(/^Invalid regular expression: /, '') }) : e.message;
      }
      this.waiting = query.wholeWords && !this.doc.hasWords;
      if (this.waiting) problem = t('search.notSegmented');
    }
    this.layer.show(this.matches?.u16 ?? null);
    this.bar.setCount(problem || this.#count(), Boolean(problem));
    this.elsewhere = null;
    this.bar.setDocs(null);
    if (!problem && query.project && query.query && this.project.available) this.#findElsewhere(query);
  }

  /** The matches in the other documents of the project, listed under the bar and counted beside the open one's. */
  async #findElsewhere(query) {
    const rows = await this.project.preview(searchPattern(query.query, query.regex));
    if (!rows || query !== this.query) return; // a newer query is being searched
    this.elsewhere = rows;
    this.bar.setDocs(rows);
    this.bar.setCount(this.#count());
  }

  /** Enter (`forward`) or Shift+Enter: the next or previous match, scrolled to and selected. False when there is none. */
  step(forward) {
    if (this.waiting && this.bar.isOpen && this.session.doc?.hasWords) this.find(this.query);
    if (!this.hasMatches) {
      // None here but some in the other documents: Shift and a label key in the box now labels those.
      this.armed = Boolean(this.bar.isOpen && this.elsewhere?.length);
      return this.armed;
    }
    const n = this.matches.u16.length / 2;
    this.current = this.current < 0 ? (forward ? 0 : n - 1) : (this.current + (forward ? 1 : n - 1)) % n;
    this.armed = true;
    this.text.scrollToU16(this.matches.u16[this.current * 2]);
    this.layer.setCurrent(this.current);
    this.#exec(goTo, { matches: this.matches, index: this.current });
    this.bar.setCount(this.#count());
    return true;
  }

  /** Shift and the key of label `labelId`: every match labelled, as one change. False when there are no matches. */
  labelAll(labelId) {
    const elsewhere = this.bar.isOpen && this.query.project && this.elsewhere?.length;
    if (!this.hasMatches && !elsewhere) return false;
    if (this.hasMatches) this.#exec(labelAll, { matches: this.matches, labelId });
    if (elsewhere) this.#labelElsewhere(labelId);
    // Ctrl+Z next undoes the labels, not the typing in the box.
    this.bar.leave();
    return true;
  }

  /** Shift and a label key, searching every document: the other documents' matches labelled too, each document one change. */
  async #labelElsewhere(labelId) {
    const label = this.session.model.labelById(labelId);
    const here = this.store.state.hint;
    try {
      const { labelled, documents } = await this.project.labelEverywhere(searchPattern(this.query.query, this.query.regex), label);
      const before = this.hasMatches ? `${here} ` : '';
      this.store.set({ hint: t('search.labelledElsewhere', { here: before, n: labelled, documents, label: label.name }) });
    } catch (e) {
      this.store.set({ hint: t('search.labelFailed', { message: errorText(e) }) });
    }
  }

  /** A key pressed in the bar (see SearchBar.bindKeys); true keeps it from the box. */
  boxKey({ key, code, shiftKey, ctrlKey, altKey }) {
    if (key === 'Enter') {
      this.step(!shiftKey);
      return true;
    }
    if (key === 'Escape') {
      this.close();
      return true;
    }
    if (ctrlKey || altKey || !this.armed || !this.session.model) return false;
    const l = labelOfKey(this.session.model.labels, key, code);
    if (!l) return false;
    if (shiftKey) return this.labelAll(l.id);
    this.#exec(label, l.id);
    return true;
  }

  #count() {
    if (!this.query.query) return '';
    const n = this.matches ? this.matches.u16.length / 2 : 0;
    const here = !n ? t('search.none') : this.current < 0 ? t('search.count', { n }) : t('search.at', { at: this.current + 1, n });
    if (!this.elsewhere) return here;
    const total = this.elsewhere.reduce((sum, r) => sum + r.count, 0);
    const docs = this.elsewhere.length;
    // Whole words are the open document's segmentation: the other documents are counted by the text alone.
    return t(this.query.wholeWords ? 'search.elsewhereText' : 'search.elsewhere', { here, total, docs });
  }

  #exec(command, args) {
    const { model, doc } = this.session;
    if (model) run(this.store, model, command(this.store.state, doc, model, args));
  }
}
