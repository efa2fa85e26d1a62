// The label-scheme editor (the labels dialog): one table each for the span
// labels, the relation types, the attributes and the document labels, with
// import and export of the scheme on its own. Drawn from what it is handed;
// every edit is reported to the handlers, which change the model, and the
// model's change draws the tables again.
import { t } from '../i18n/index.js';

const $ = (id) => document.getElementById(id);

/** The columns of each table: `[field, kind, label]`; kind 'text' | 'key' | 'color' | 'check' | a list of choices. */
const COLUMNS = {
  labels: [
    ['id', 'text', 'col.id'],
    ['name', 'text', 'scheme.labelName'],
    ['color', 'color', 'scheme.labelColour'],
    ['key', 'key', 'scheme.labelKey'],
  ],
  relations: [
    ['id', 'text', 'col.id'],
    ['name', 'text', 'col.name'],
    ['color', 'color', 'col.colour'],
    ['key', 'key', 'scheme.keyAfterR'],
    ['directed', 'check', 'col.directed'],
  ],
  attributes: [
    ['id', 'text', 'col.id'],
    ['name', 'text', 'col.name'],
    ['type', ['flag', 'choice', 'text'], 'col.type'],
    ['values', 'text', 'scheme.values'],
    ['on', ['span', 'relation', 'both'], 'col.on'],
    ['key', 'key', 'scheme.keyAlt'],
  ],
  docLabels: [
    ['id', 'text', 'col.id'],
    ['name', 'text', 'col.name'],
    ['key', 'key', 'scheme.keyAltShift'],
  ],
};
const BODIES = { labels: 'label-rows', relations: 'relation-rows', attributes: 'attribute-rows', docLabels: 'doclabel-rows' };

export class SchemeEditor {
  /** The dialog's tables: `lists` is `{labels, relations, attributes, docLabels}`, each a list of items. */
  render(lists) {
    // The field that has the caret keeps it across the redraw its own edit causes.
    const active = document.activeElement?.closest?.('#labels-dialog tr[data-id]') ? document.activeElement : null;
    const keep = active && { list: active.closest('tr').dataset.list, id: active.closest('tr').dataset.id, field: active.name };
    for (const [list, body] of Object.entries(BODIES)) {
      $(body).replaceChildren(...(lists[list] ?? []).map((item) => this.#row(list, item)));
    }
    if (keep) {
      const sel = `#${BODIES[keep.list]} tr[data-id="${CSS.escape(keep.id)}"] [name="${keep.field}"]`;
      document.querySelector(sel)?.focus();
    }
  }

  #row(list, item) {
    const tr = document.createElement('tr');
    tr.dataset.list = list;
    tr.dataset.id = item.id;
    if (list === 'labels') tr.dataset.label = item.id; // the name the label editor's rows always had
    for (const [field, kind, label] of COLUMNS[list]) {
      const td = document.createElement('td');
      td.append(this.#input(field, kind, label, item[field]));
      tr.append(td);
    }
    const td = document.createElement('td');
    td.className = 'row-actions';
    for (const [cls, text, title] of [
      ['move-up', '↑', 'scheme.moveUp'],
      ['move-down', '↓', 'scheme.moveDown'],
      ['delete', t('scheme.delete'), 'scheme.delete'],
    ]) {
      const b = Object.assign(document.createElement('button'), { type: 'button', textContent: text, className: cls, title: t(title) });
      td.append(b);
    }
    tr.append(td);
    return tr;
  }

  #input(field, kind, label, value) {
    let el;
    if (Array.isArray(kind)) {
      el = document.createElement('select');
      el.append(...kind.map((v) => Object.assign(document.createElement('option'), { value: v, textContent: t(`scheme.choice.${v}`) })));
      el.value = value;
    } else if (kind === 'check') {
      el = Object.assign(document.createElement('input'), { type: 'checkbox', checked: Boolean(value) });
    } else {
      const text = Array.isArray(value) ? value.join('|') : (value ?? '');
      el = Object.assign(document.createElement('input'), { type: kind === 'color' ? 'color' : 'text', value: text });
      if (kind === 'key') Object.assign(el, { maxLength: 1, className: 'key' });
    }
    el.name = field;
    el.setAttribute('aria-label', t(label));
    return el;
  }

  /** A refusal or a note, under the tables ('' clears it). */
  setError(text) {
    $('label-error').textContent = text;
  }

  isOpen() {
    return $('labels-dialog').open;
  }

  /**
   * `{edit(list, id, field, value), add(list), remove(list, id), move(list, id, step),
   * importFile(file), download(format)}`: what the dialog's controls report.
   */
  bind(handlers) {
    const dialog = $('labels-dialog');
    dialog.addEventListener('change', (e) => {
      const tr = e.target.closest('tr[data-id]');
      if (tr && e.target.name) {
        const value = e.target.type === 'checkbox' ? e.target.checked : e.target.value;
        handlers.edit(tr.dataset.list, tr.dataset.id, e.target.name, value);
      }
    });
    dialog.addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (!b) return;
      const tr = b.closest('tr[data-id]');
      if (tr && b.classList.contains('delete')) handlers.remove(tr.dataset.list, tr.dataset.id);
      else if (tr && (b.classList.contains('move-up') || b.classList.contains('move-down')))
        handlers.move(tr.dataset.list, tr.dataset.id, b.classList.contains('move-up') ? -1 : 1);
      else if (b.dataset.add) handlers.add(b.dataset.add);
      else if (b.id === 'scheme-export') handlers.download($('scheme-format').value);
    });
    const file = $('scheme-file');
    file.addEventListener('change', () => {
      if (file.files?.length) handlers.importFile(file.files[0]);
      file.value = '';
    });
  }
}
