// The search bar above the text (index.html `#searchbar`): the search box, its
// two options (a regular expression; whole words by the segmentation) and the
// count. It shows what it is handed and reports what the person typed or
// pressed there as plain values.
import { t } from '../i18n/index.js';

const $ = (id) => document.getElementById(id);

export class SearchBar {
  constructor() {
    this.bar = $('searchbar');
    this.input = $('search');
    this.regex = $('search-regex');
    this.words = $('search-words');
    this.project = $('search-project');
    this.docs = $('search-docs');
    this.count = $('search-count');
  }

  get isOpen() {
    return !this.bar.hidden;
  }

  /** Shows the bar with the box focused and its text selected, to be typed over or searched again. */
  open() {
    this.bar.hidden = false;
    this.input.focus();
    this.input.select();
  }

  close() {
    this.leave();
    this.bar.hidden = true;
  }

  /** Gives the keyboard back to the text (keys there undo, label, move), the bar staying open. */
  leave() {
    if (this.bar.contains(document.activeElement)) document.activeElement.blur();
  }

  /** The count (“3 of 120”) or, with `problem`, why there is none (a bad regular expression). */
  setCount(text, problem = false) {
    this.count.textContent = text;
    this.count.classList.toggle('problem', problem);
  }

  /** Calls `handler({query, regex, wholeWords})` whenever the query or an option changes. */
  bindQuery(handler) {
    const report = () =>
      handler({ query: this.input.value, regex: this.regex.checked, wholeWords: this.words.checked, project: this.project.checked });
    // While an input method composes, the box holds its pinyin, not yet the text: searched for once committed.
    this.input.addEventListener('input', (e) => e.isComposing || report());
    this.input.addEventListener('compositionend', report);
    this.regex.addEventListener('change', report);
    this.words.addEventListener('change', report);
    this.project.addEventListener('change', report);
  }

  /**
   * Calls `handler({key, code, shiftKey, ctrlKey, altKey})` for a key pressed in the bar; a true answer
   * keeps the key from the box (and from the page's own keys, which leave a field's keys alone).
   */
  bindKeys(handler) {
    this.bar.addEventListener('keydown', (e) => {
      // The Enter that commits an input method's composition is not the search's.
      if (e.isComposing || e.keyCode === 229) return;
      const { key, code, shiftKey, altKey } = e;
      if (handler({ key, code, shiftKey, altKey, ctrlKey: e.ctrlKey || e.metaKey })) e.preventDefault();
    });
  }

  /** The other documents with matches, `[{sha, name, count}]`, or null to hide the list. */
  setDocs(rows) {
    this.docs.hidden = !rows;
    this.docs.replaceChildren(
      ...(rows ?? []).map((r) => {
        const li = document.createElement('li');
        li.dataset.sha = r.sha;
        li.title = t('search.openDoc', { name: r.name });
        const n = Object.assign(document.createElement('span'), { className: 'n', textContent: String(r.count) });
        li.append(document.createTextNode(r.name), n);
        return li;
      }),
    );
  }

  /** Calls `handler(sha)` when a document of the list is clicked. */
  bindDocs(handler) {
    this.docs.addEventListener('click', (e) => {
      const li = e.target.closest('li[data-sha]');
      if (li) handler(li.dataset.sha);
    });
  }

  bindClose(handler) {
    $('search-close').addEventListener('click', () => handler());
  }
}
