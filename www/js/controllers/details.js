// The details controller: what the details panel shows (the note and the
// attributes of the picked annotation, or of the picked relation), the
// document labels' toggles, and the edits and keys that change them.
import { run } from '../commands/run.js';
import * as notes from '../commands/notes.js';
import { appliesTo } from '../scheme.js';
import { t } from '../i18n/index.js';

export class Details {
  /** `view`: views/details.js. */
  constructor({ store, session }, view) {
    Object.assign(this, { store, session, view });
    const exec = (command, args) => this.#exec(command, args);
    view.bind({
      note: (text) => exec(notes.setNote, { text }),
      attribute: (id, value) => exec(notes.setAttribute, { id, value }),
      docLabel: (id) => exec(notes.toggleDocLabel, { id }),
    });
  }

  #exec(command, args) {
    const { model } = this.session;
    if (model) run(this.store, model, command(this.store.state, this.session.doc, model, args));
  }

  /** Draws the panel and the document labels again (after an open, a change of the model, a pick). */
  refresh() {
    const { model } = this.session;
    if (!model) return this.#draw(null, []);
    const on = new Set(model.docLabels);
    this.#draw(
      this.#target(),
      model.scheme.docLabels.map((d) => ({ ...d, on: on.has(d.id) })),
    );
  }

  /** Draws what differs from what was drawn last: a redraw lays out the side panel, whose lists can be long. */
  #draw(target, docLabels) {
    const [t, d] = [JSON.stringify(target), JSON.stringify(docLabels)];
    if (t !== this.shown?.t) this.view.render(target);
    if (d !== this.shown?.d) this.view.renderDocLabels(docLabels);
    this.shown = { t, d };
  }

  /** What the panel shows: the picked relation, else the picked annotation, else nothing. */
  #target() {
    const { model, doc } = this.session;
    const picked = notes.target(this.store.state, model);
    if (!picked) return null;
    const { item, what } = picked;
    const quote = (a) => (a ? doc.slice(a.start, a.end) : '?');
    let title;
    if (what === 'relation') {
      const type = model.scheme.relations.find((r) => r.id === item.kind);
      title = t('details.relation', { from: quote(model.byId(item.from)), type: type?.name ?? item.kind, to: quote(model.byId(item.to)) });
    } else {
      title = t('details.annotation', { label: model.labelById(item.label)?.name ?? item.label, quote: quote(item) });
    }
    const values = item.attributes ?? {};
    const declared = model.scheme.attributes.filter((a) => appliesTo(a, what));
    // An attribute the file brought that the scheme does not declare is shown as free text, so it is never hidden.
    const extra = Object.keys(values)
      .filter((k) => !declared.some((a) => a.id === k))
      .map((id) => ({ id, name: id, type: 'text', values: [], key: null }));
    const fields = [...declared, ...extra].map((a) => ({ ...a, value: values[a.id] }));
    return { title, note: item.note ?? '', fields };
  }

  /** The `n` key: the caret into the note of what is picked. */
  focusNote() {
    if (!notes.target(this.store.state, this.session.model)) {
      this.store.set({ hint: t('details.pickFirst') });
      return;
    }
    this.view.focusNote();
  }

  /** Alt and an attribute's key: a flag toggles, a choice steps on, a text attribute's field takes the caret. */
  attributeKey(key) {
    const { model } = this.session;
    const picked = notes.target(this.store.state, model);
    const attr = model.scheme.attributes.find((a) => a.key === key && (!picked || appliesTo(a, picked.what)));
    if (!attr) return false;
    if (attr.type === 'text' && picked) this.view.focusAttribute(attr.id);
    else this.#exec(notes.stepAttribute, { id: attr.id });
    return true;
  }

  /** Alt+Shift and a document label's key: toggles it. */
  docLabelKey(key) {
    const d = this.session.model.scheme.docLabels.find((x) => x.key === key);
    if (!d) return false;
    this.#exec(notes.toggleDocLabel, { id: d.id });
    return true;
  }
}
