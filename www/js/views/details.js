// The details of what is picked, in the side panel: the note and the
// attributes of the picked annotation or relation, and the document's own
// labels as toggles. Drawn from what it is handed; what a person types or
// toggles is reported to the handlers, never kept here.
import { t } from '../i18n/index.js';

const $ = (id) => document.getElementById(id);

export class DetailsPanel {
  constructor() {
    this.handlers = { note: () => {}, attribute: () => {}, docLabel: () => {} };
    this.shownNote = ''; // the note as drawn, to tell an edit from a redraw
    const note = $('note');
    note.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        this.#commitNote();
        this.release();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        note.value = this.shownNote; // Esc takes back what was typed
        this.release();
      }
    });
    note.addEventListener('change', () => this.#commitNote());
    $('attrs').addEventListener('change', (e) => {
      const field = e.target.closest('[data-attr]');
      if (!field) return;
      const value = field.type === 'checkbox' ? (field.checked ? 'true' : null) : field.value;
      this.handlers.attribute(field.dataset.attr, value === '' ? null : value);
    });
    $('attrs').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === 'Escape') {
        e.preventDefault();
        if (e.key === 'Enter') e.target.dispatchEvent(new Event('change', { bubbles: true }));
        this.release();
      }
    });
    $('doclabels').addEventListener('click', (e) => {
      const b = e.target.closest('button[data-doc-label]');
      if (b) this.handlers.docLabel(b.dataset.docLabel);
    });
  }

  /** `{note(text), attribute(id, value|null), docLabel(id)}`: what an edit here reports. */
  bind(handlers) {
    Object.assign(this.handlers, handlers);
  }

  #commitNote() {
    const value = $('note').value;
    if (value !== this.shownNote) {
      this.shownNote = value;
      this.handlers.note(value);
    }
  }

  /**
   * Shows `target`, or hides the panel for null: `{title, note, fields}`, each
   * field `{id, name, type ('flag'|'choice'|'text'), values, value, key}`.
   */
  render(target) {
    const box = $('details');
    box.hidden = !target;
    if (!target) return;
    $('details-title').textContent = target.title;
    const note = $('note');
    // A redraw while the note is being typed in keeps what is typed.
    if (document.activeElement !== note || note.value === this.shownNote) note.value = target.note;
    this.shownNote = target.note;
    $('attrs').replaceChildren(...target.fields.map((f) => this.#field(f)));
  }

  #field(f) {
    const row = document.createElement('label');
    row.className = 'attr';
    const name = document.createElement('span');
    name.textContent = f.key ? t('details.attrKey', { name: f.name, key: f.key }) : f.name;
    let input;
    if (f.type === 'flag') {
      input = document.createElement('input');
      input.type = 'checkbox';
      input.checked = f.value === 'true';
      row.append(input, name);
    } else if (f.type === 'choice') {
      input = document.createElement('select');
      const none = document.createElement('option');
      none.value = '';
      none.textContent = '—';
      input.append(
        none,
        ...f.values.map((v) => {
          const o = document.createElement('option');
          o.value = v;
          o.textContent = v;
          return o;
        }),
      );
      input.value = f.value ?? '';
      row.append(name, input);
    } else {
      input = document.createElement('input');
      input.type = 'text';
      input.value = f.value ?? '';
      row.append(name, input);
    }
    input.dataset.attr = f.id;
    return row;
  }

  /** The document's labels as toggles: `[{id, name, key, on}]`. */
  renderDocLabels(items) {
    const p = $('doclabels');
    p.replaceChildren(
      ...items.map((d) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.docLabel = d.id;
        b.setAttribute('aria-pressed', String(d.on));
        b.textContent = d.name;
        b.title = d.key ? t('doclabels.key', { key: d.key }) : d.name;
        return b;
      }),
    );
    p.hidden = items.length === 0;
  }

  /** Puts the caret in the note field (the `n` key). */
  focusNote() {
    const note = $('note');
    note.focus();
    note.select();
  }

  /** Puts the caret in the text field of attribute `id` (a text attribute's key). */
  focusAttribute(id) {
    const field = $('attrs').querySelector(`[data-attr="${CSS.escape(id)}"]`);
    field?.focus();
  }

  /** Gives the keyboard back to the text, so that the next key is a command again. */
  release() {
    document.activeElement?.blur();
    $('text').focus({ preventScroll: true });
  }
}
