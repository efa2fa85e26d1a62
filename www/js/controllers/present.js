// The presenter: draws the store's UI state and the open document's model
// through the views, converting spans through the anchoring adapter
// (anchor.js). It is told of store changes by subscribing, and of model
// changes by the document controller; it touches no DOM itself.

const GREY = '#999999';
// Numbers are formatted here rather than with toLocaleString: its first call
// loads the locale's formats (15–20 ms in Chromium), on the way to the first
// document being ready.
import { t } from '../i18n/index.js';
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The status line's text, from the store's `status` pieces (null before a document is open). */
export function statusText(s) {
  if (!s || s.characters === undefined) return null;
  const words = s.words === null || s.words === undefined;
  return t(words ? 'statusbar.segmenting' : 'statusbar.line', {
    characters: grouped(s.characters),
    words: words ? '' : grouped(s.words),
    paragraphs: grouped(s.paragraphs),
    sentences: grouped(s.sentences),
    dictionary: s.dictionary,
    encoding: s.encoding,
  });
}

export class Presenter {
  /** `session`: the open document (`doc`, the adapter; `model`); `views`: `{text, marks, arcs, side, chrome}`. */
  constructor(store, session, { text, marks, arcs, side, chrome }) {
    Object.assign(this, { store, session, text, marks, arcs, side, chrome });
    this.ends = null; // the relations with their ends in UTF-16, until the relations or the annotations change
    this.labelInfo = new Map(); // label id -> {index, color, tag}: how its annotations are drawn
    this.rows = new WeakMap(); // annotation -> its row in the side list, made once (see #listRow)
    this.changing = false; // within a model change, which draws the list itself
    this.followers = []; // functions that draw their own part after every open and change of the model
    marks.setSource((su, eu) => this.#annotationsInU16(su, eu));
    arcs?.setSource((su, eu) => this.#relationsInU16(su, eu));
    store.subscribe((state, before, changed) => this.#stateChanged(state, before, changed));
  }

  #stateChanged(state, before, changed) {
    if (changed.has('hint')) this.chrome.setHint(state.hint);
    if (changed.has('saved')) this.chrome.setSaved(state.saved);
    if (changed.has('exact')) this.chrome.setExact(state.exact);
    if (changed.has('status')) {
      const text = statusText(state.status);
      if (text !== null) this.chrome.setStatus(text);
    }
    if (changed.has('selection')) {
      const s = state.selection;
      if (s) this.text.setSelectionU16(s.startU16, s.endU16);
      else this.text.clearSelection();
    }
    // The details of the pick are above the list: drawn first, so that the list is drawn where it then is.
    if ((changed.has('picked') || changed.has('relation')) && !this.changing) this.#follow();
    if (changed.has('picked') && !this.changing) this.#pickChanged(before.picked, state.picked);
    if (changed.has('relation') && !this.changing) {
      this.arcs?.redraw();
      this.drawRelations();
    }
    if (changed.has('caretMark')) this.#showCaret(state.caretMark);
  }

  /** Tells the followers (the details panel, the scheme editor, the guide) to draw their part. */
  #follow() {
    for (const fn of this.followers) fn();
  }

  /** Redraws only the old and the new pick, and the list. */
  #pickChanged(was, now) {
    const { model } = this.session;
    if (!model) return;
    this.#redrawSpans([was && model.byId(was), now && model.byId(now)].filter(Boolean));
    this.drawList();
  }

  /** The caret's mark: the word starting at code point `cp`, or its character; null hides it. */
  #showCaret(cp) {
    const { doc } = this.session;
    if (cp === null || !doc) {
      this.text.showCaret(null);
      return;
    }
    const u = doc.u16At(cp);
    const w = doc.wordUnder(u);
    this.text.showCaret(w && w.startU16 === u ? [w.startU16, w.endU16] : [u, Math.min(u + 1, doc.lengthU16)]);
  }

  /** The annotations' pieces in UTF-16 `[su, eu)`, as the marks layer draws them. */
  #annotationsInU16(su, eu) {
    const { doc, model } = this.session;
    if (!model) return [];
    const picked = this.store.state.picked;
    return doc.piecesInU16(model, su, eu).map(({ a, su: s, eu: e, first }) => {
      const l = this.labelInfo.get(a.label) ?? { index: -1, color: GREY, tag: a.label };
      // A discontinuous annotation is named once, at its first piece.
      return { id: a.id, su: s, eu: e, labelIndex: l.index, color: l.color, tag: first ? l.tag : '', picked: a.id === picked };
    });
  }

  /** The relations with an end in UTF-16 `[su, eu)`, as the arcs layer draws them. */
  #relationsInU16(su, eu) {
    const { doc, model } = this.session;
    if (!model?.relations.length) return [];
    // Kept for one model (a text shown for a new document draws before the presenter hears of it).
    if (!this.ends || this.endsOf !== model) {
      this.endsOf = model;
      const ends = [];
      const spans = [];
      // An end is its annotation's first piece, where its tag is.
      const first = (a) => (a.fragments?.length ? { start: a.fragments[0][0], end: a.fragments[0][1] } : a);
      for (const r of model.relations) {
        const from = model.byId(r.from);
        const to = model.byId(r.to);
        if (!from || !to) continue;
        ends.push(r);
        spans.push(first(from), first(to));
      }
      const u = doc.spansU16(spans);
      this.ends = ends.map((r, i) => ({ r, from: [u[i * 4], u[i * 4 + 1]], to: [u[i * 4 + 2], u[i * 4 + 3]] }));
    }
    const types = new Map(model.scheme.relations.map((t) => [t.id, t]));
    const picked = this.store.state.relation;
    const out = [];
    for (const { r, from, to } of this.ends) {
      if (!(from[1] > su && from[0] < eu) && !(to[1] > su && to[0] < eu)) continue;
      const t = types.get(r.kind);
      out.push({
        id: r.id,
        from,
        to,
        color: t?.color ?? GREY,
        name: t?.name ?? r.kind ?? '',
        directed: t ? t.directed : true,
        picked: r.id === picked,
      });
    }
    return out;
  }

  /**
   * Row `i` of the side list: the `i`-th annotation in text order. Annotations
   * are immutable values, so a row made for one stays right until the labels
   * change; the view keeps the element of a row it is handed again.
   */
  #listRow(i) {
    const { doc, model } = this.session;
    const a = model.annotations[i];
    let row = this.rows.get(a);
    if (row) return row;
    const l = this.labelInfo.get(a.label) ?? { color: GREY, tag: a.label };
    const quote = a.fragments?.length ? a.fragments.map(([s, e]) => doc.slice(s, e)).join(' … ') : doc.slice(a.start, a.end);
    // Attributes by the names the scheme gives them (a flag by its name alone), the note in the page's words.
    const named = new Map(model.scheme.attributes.map((x) => [x.id, x.name || x.id]));
    const attr = ([k, v]) => (v === true || v === 'true' ? (named.get(k) ?? k) : `${named.get(k) ?? k}=${v}`);
    const extra = [a.note ? t('side.note', { note: a.note }) : '', ...Object.entries(a.attributes ?? {}).map(attr)]
      .filter(Boolean)
      .join(' · ');
    row = { id: a.id, tag: l.tag, color: l.color, quote, start: a.start, end: a.end, extra };
    this.rows.set(a, row);
    return row;
  }

  /** The old document's model is gone: its rows go with it, so that a resize before the new one draws nothing from it. */
  forgetList() {
    this.side.renderList(0, null);
  }

  drawList() {
    const anns = this.session.model.annotations;
    const id = this.store.state.picked;
    const picked = id ? anns.indexOf(this.session.model.byId(id)) : -1;
    this.side.renderList(anns.length, (i) => this.#listRow(i), picked);
  }

  drawRelations() {
    const { doc, model } = this.session;
    const types = new Map(model.scheme.relations.map((t) => [t.id, t]));
    const picked = this.store.state.relation;
    this.relRows ??= new WeakMap(); // relation -> {from, to, scheme, text}: kept while its ends and the scheme are the same
    const quoteOf = (a, id) => (a ? doc.slice(a.start, a.end) : id);
    this.side.renderRelations(
      model.relations.map((r) => {
        const from = model.byId(r.from);
        const to = model.byId(r.to);
        let row = this.relRows.get(r);
        if (!row || row.from !== from || row.to !== to || row.scheme !== model.scheme) {
          const t = types.get(r.kind);
          const arrow = t && !t.directed ? '—' : '→';
          const text = `${quoteOf(from, r.from)} ${arrow} ${t?.name ?? r.kind ?? r.label ?? ''} ${arrow} ${quoteOf(to, r.to)}`;
          row = { from, to, scheme: model.scheme, text };
          this.relRows.set(r, row);
        }
        return { id: r.id, from: r.from, to: r.to, picked: r.id === picked, text: row.text };
      }),
    );
  }

  /** Redraws the spans of `annotations` (before and after a change, or a pick), wherever they are in view. */
  #redrawSpans(annotations) {
    this.marks.redrawU16(this.session.doc.spansU16(annotations));
  }

  /** The labels' colours and names, for every mark and row (after an open or a label change). */
  drawLabels() {
    const { model } = this.session;
    this.labelInfo = new Map(model.labels.map((l, i) => [l.id, { index: i, color: l.color, tag: l.name }]));
    this.rows = new WeakMap();
    this.marks.setLabelStyles(model.labels);
    this.chrome.renderLabels(model.labels);
  }

  /** Draws everything of the open document (after an open or a label change). */
  draw() {
    const { model } = this.session;
    if (!model) return;
    this.ends = null;
    this.text.redrawAll();
    this.#follow();
    this.drawList();
    this.drawRelations();
    this.chrome.setUndoRedo(model.canUndo, model.canRedo);
  }

  /** Draws what one change of the model touched, and nothing else. */
  modelChanged(change) {
    const { model } = this.session;
    const { picked } = this.store.state;
    const { relation } = this.store.state;
    const gone = {};
    if (picked && !model.byId(picked)) gone.picked = null;
    if (relation && !model.relationById(relation)) gone.relation = null;
    if (Object.keys(gone).length) {
      // Gone with the change, which redraws its spans, its arcs and the lists.
      this.changing = true;
      try {
        this.store.set(gone);
      } finally {
        this.changing = false;
      }
    }
    const l = change.labels;
    if (l && (l.created?.length || l.deleted?.length || l.updated?.length || l.order)) {
      // Label indices, colours and names are in every mark: draw all that is in view.
      this.drawLabels();
      this.draw();
      return;
    }
    const s = change.annotations;
    if (s) this.#redrawSpans([...s.created, ...s.deleted, ...s.updated.flat()]);
    // An annotation change moves or renames a relation only when it is one of its ends.
    const ends = s && model.relations.length ? new Set([...s.created, ...s.deleted, ...s.updated.flat()].map((a) => a.id)) : null;
    const touched = Boolean(ends && model.relations.some((r) => ends.has(r.from) || ends.has(r.to)));
    if (change.relations || change.scheme || touched) {
      this.ends = null;
      this.arcs?.redraw();
    }
    this.#follow();
    this.drawList();
    // A relation shows the quotes of its ends, which an annotation change can alter.
    if (change.relations || change.scheme || touched) this.drawRelations();
    this.chrome.setUndoRedo(model.canUndo, model.canRedo);
  }
}
