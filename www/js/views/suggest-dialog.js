// The "Suggestions…" dialog: which parts of speech are suggested as which
// labels, and the project's learnt words as jieba user dictionary lines, to
// view, edit, import and export. It reports what the person does; the
// suggestions controller decides.
const $ = (id) => document.getElementById(id);

const TEXT = {
  exportName: 'learnt-words.txt',
};

export class SuggestDialog {
  /** Shows the mapping and the learnt words, with no error. */
  render({ mapping, userDict }) {
    $('suggest-dialog').querySelector('input[name="mapping"]').value = mapping;
    $('suggest-dict').value = userDict;
    this.showError('');
  }

  open() {
    const d = $('suggest-dialog');
    if (!d.open) d.showModal();
  }

  showError(message) {
    const p = $('suggest-error');
    p.textContent = message;
    p.hidden = !message;
  }

  /** `apply({mapping, userDict})`: the person pressed Apply, or imported a file (applied at once). */
  bind({ open, apply }) {
    const values = () => ({ mapping: $('suggest-dialog').querySelector('input[name="mapping"]').value, userDict: $('suggest-dict').value });
    $('suggest-button').addEventListener('click', () => open());
    $('suggest-apply').addEventListener('click', () => apply(values()));
    const input = $('suggest-import');
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return;
      $('suggest-dict').value = await file.text();
      apply(values());
    });
    $('suggest-export').addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob([$('suggest-dict').value], { type: 'text/plain' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: TEXT.exportName });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
  }

  bindToggle(handler) {
    $('suggest-toggle').addEventListener('click', () => handler());
  }

  setShown(shown) {
    $('suggest-toggle').setAttribute('aria-pressed', String(shown));
  }

  /**
   * The buttons beside the hint for the suggestion at the caret (a finger has no Enter or x): `accept`,
   * `acceptAll` (its label's), `reject`. After one, the keys go on in the text.
   */
  bindActions({ accept, acceptAll, reject }) {
    for (const [id, run] of [
      ['suggest-accept', accept],
      ['suggest-accept-all', acceptAll],
      ['suggest-reject', reject],
    ]) {
      $(id).addEventListener('click', () => {
        run();
        $('text').focus({ preventScroll: true });
      });
    }
  }

  /** Shows the buttons while a suggestion is at the caret. */
  showActions(here) {
    $('suggest-actions').hidden = !here;
  }
}
