// The scheme controller: the label-scheme editor's edits as model changes
// (each one undoable), a scheme file imported (native, brat annotation.conf,
// a Label Studio config: read by the core) and the scheme exported on its own.
import { ALLOWED_KEYS, checkLabel, mergeLabels, newLabelId, nextFreeColor, nextFreeKey } from '../labels.js';
import { errorText, t } from '../i18n/index.js';
import { leftOutText } from '../i18n/left-out.js';

const SCHEME_LISTS = ['relations', 'attributes', 'docLabels'];

/** The first allowed key none of `items` has, or null. */
const freeKey = (items) => ALLOWED_KEYS.find((k) => !items.some((x) => x.key === k)) ?? null;

/** An id for a new item of `items` from `base`: base, base2, … */
function freshId(items, base) {
  const taken = new Set(items.map((x) => x.id.toUpperCase()));
  if (!taken.has(base.toUpperCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`.toUpperCase())) return `${base}${n}`;
}

export class SchemeEditing {
  /** `views`: `{editor, chrome}` (views/scheme-editor.js, views/chrome.js); `decoder.core` the wasm core. */
  constructor({ session, decoder }, { editor, chrome }) {
    Object.assign(this, { session, decoder, editor, chrome });
    editor.bind({
      edit: (list, id, field, value) => this.#try((m) => this.#edit(m, list, id, field, value)),
      add: (list) => this.#try((m) => this.#add(m, list)),
      remove: (list, id) => this.#try((m) => this.#remove(m, list, id)),
      move: (list, id, step) => this.#try((m) => this.#move(m, list, id, step)),
      importFile: (file) => this.importFile(file),
      download: (format) => this.exportScheme(format),
    });
  }

  /** Opens the editor on the open document's scheme. */
  open() {
    if (!this.session.model) return;
    this.editor.setError('');
    this.refresh(true);
    this.chrome.openDialog('labels-dialog');
  }

  /** Draws the tables again (after a change of the model) when the editor is open, or `always`. */
  refresh(always = false) {
    const { model } = this.session;
    if (model && (always || this.editor.isOpen())) this.editor.render({ labels: model.labels, ...model.scheme });
  }

  /** Runs an edit; a refusal is said in the editor, whose tables show the scheme as it is. */
  #try(fn) {
    const { model } = this.session;
    if (!model) return;
    try {
      fn(model);
      this.editor.setError('');
    } catch (e) {
      this.editor.setError(e.message);
      this.refresh();
    }
  }

  #edit(model, list, id, field, value) {
    if (field === 'id') return model.renameId(list, id, value.trim());
    if (list === 'labels') return model.updateLabel(id, { [field]: field === 'key' ? value || null : value });
    let v = value;
    if (field === 'key') v = value || null;
    if (field === 'values')
      v = value
        .split(/[|,，、]/)
        .map((x) => x.trim())
        .filter(Boolean);
    const items = model.scheme[list].map((x) => (x.id === id ? { ...x, [field]: v } : x));
    model.setScheme({ ...model.scheme, [list]: items });
  }

  #add(model, list) {
    if (list === 'labels') {
      const labels = model.labels;
      const name = t('scheme.new.label', { n: labels.length + 1 });
      model.addLabel({ id: newLabelId(labels, name), name, color: nextFreeColor(labels), key: nextFreeKey(labels) });
      return;
    }
    const items = model.scheme[list];
    const n = items.length + 1;
    const made = {
      relations: () => {
        const id = freshId(items, 'REL');
        // A colour neither a label nor another relation type has, so arcs are told apart from marks.
        return {
          id,
          name: t('scheme.new.relation', { n }),
          color: nextFreeColor([...model.labels, ...items]),
          key: freeKey(items),
          directed: true,
        };
      },
      attributes: () => ({
        id: freshId(items, 'attr'),
        name: t('scheme.new.attribute', { n }),
        type: 'flag',
        values: [],
        key: null,
        on: 'span',
      }),
      docLabels: () => ({ id: freshId(items, 'doc'), name: t('scheme.new.docLabel', { n }), key: freeKey(items) }),
    }[list]();
    model.setScheme({ ...model.scheme, [list]: [...items, made] });
  }

  #remove(model, list, id) {
    if (list === 'labels') {
      const used = model.annotations.filter((a) => a.label === id).length;
      if (used && !this.chrome.confirm(t('scheme.confirmDelete', { n: used }))) return;
      model.removeLabel(id);
      return;
    }
    model.setScheme({ ...model.scheme, [list]: model.scheme[list].filter((x) => x.id !== id) });
  }

  #move(model, list, id, step) {
    if (list === 'labels') {
      model.moveLabel(id, model.labels.findIndex((l) => l.id === id) + step);
      return;
    }
    const items = [...model.scheme[list]];
    const at = items.findIndex((x) => x.id === id);
    const to = at + step;
    if (to < 0 || to >= items.length) return;
    [items[at], items[to]] = [items[to], items[at]];
    model.setScheme({ ...model.scheme, [list]: items });
  }

  /**
   * A scheme file in place of the scheme, as one undoable change: its labels
   * (a label the annotations use stays), relation types, attributes and
   * document labels; what the file does not give (colours, keys) is filled in.
   */
  async importFile(file) {
    const { model } = this.session;
    if (!model) return;
    try {
      const got = JSON.parse(this.decoder.core.importScheme(file.name, await file.text()));
      const labels = this.#labelsFrom(model, got.labels ?? []);
      const scheme = this.#schemeFrom(model, got);
      const { annotations, relations, docLabels } = model;
      model.replaceAll({ labels, annotations, relations, docLabels, scheme });
      this.editor.setError(t('scheme.imported', { name: file.name }));
    } catch (e) {
      this.editor.setError(t('scheme.refused', { message: errorText(e) }));
    }
  }

  /** The file's labels, made usable (as any import's: labels.js `mergeLabels`), with its names, colours and keys where they are valid; labels the annotations use stay. */
  #labelsFrom(model, fileLabels) {
    const used = new Set(model.annotations.map((a) => a.label));
    const { labels } = mergeLabels(model.labels, fileLabels);
    const given = new Map(fileLabels.map((l) => [l.id, l]));
    const out = [];
    for (const l of labels) {
      const f = given.get(l.id);
      if (!f && !used.has(l.id)) continue;
      // A new label's key is chosen below, among the labels kept (the merge chose it among those replaced).
      const had = model.labels.some((m) => m.id === l.id);
      let label = { id: l.id, name: l.name, color: l.color, key: had ? (l.key ?? null) : null };
      // A field the file does not give (brat has no keys) keeps what the label had.
      for (const field of ['name', 'color', 'key']) {
        const tried = { ...label, [field]: f?.[field] || label[field] };
        if (!checkLabel(tried, out)) label = tried;
      }
      if (checkLabel(label, out)) label = { ...label, key: null };
      if (!label.color) label.color = nextFreeColor(out);
      out.push(label);
    }
    // Then every label without a key takes the first free one, in order, so the keyboard labels with them all.
    for (const [i, l] of out.entries()) if (!l.key) out[i] = { ...l, key: nextFreeKey(out) };
    return out;
  }

  /** The scheme's lists as the file gives them, keys and colours filled in where it gives none. */
  #schemeFrom(model, got) {
    const scheme = {};
    for (const list of SCHEME_LISTS) {
      const items = [];
      for (const x of got[list] ?? []) {
        const item = { ...x, name: x.name || x.id, key: x.key && !items.some((y) => y.key === x.key) ? x.key : null };
        if (list === 'relations' && !/^#[0-9a-fA-F]{6}$/.test(item.color ?? '')) item.color = nextFreeColor([...model.labels, ...items]);
        items.push(item);
      }
      // A relation type or document label the file gives no key to (brat gives none) takes a free one:
      // typing a relation is a key press. Attributes are left as a new one is (Alt+letter may be the browser's).
      if (list !== 'attributes') for (const item of items) if (!item.key) item.key = freeKey(items);
      scheme[list] = items;
    }
    // What the document uses and the file lacks is declared by the model (scheme.js `schemeCovering`).
    for (const list of SCHEME_LISTS) {
      for (const x of model.scheme[list]) {
        const used =
          list === 'relations' ? model.relations.some((r) => r.kind === x.id) : list === 'docLabels' && model.docLabels.includes(x.id);
        if (!used || scheme[list].some((y) => y.id === x.id)) continue;
        // It keeps its key when the file's items leave it free, else takes a free one, as they did.
        const key = x.key && !scheme[list].some((y) => y.key === x.key) ? x.key : freeKey(scheme[list]);
        scheme[list].push({ ...x, key });
      }
    }
    return scheme;
  }

  /** Downloads the scheme as `format` ('biaozhu', 'brat', 'label-studio'), saying what the format cannot hold. */
  exportScheme(format) {
    const { model } = this.session;
    if (!model) return;
    try {
      const out = this.decoder.core.exportScheme(format, JSON.stringify({ labels: model.labels, ...model.scheme }));
      const type = format === 'label-studio' ? 'application/xml' : format === 'brat' ? 'text/plain' : 'application/json';
      this.chrome.download(out.name, out.content, type);
      const lost = out.leftOut.map((line) => leftOutText(line)).join(t('list.semicolon'));
      this.editor.setError(t(lost ? 'scheme.downloadedLeftOut' : 'scheme.downloaded', { name: out.name, lost }));
    } catch (e) {
      this.editor.setError(e.message);
    }
  }
}
