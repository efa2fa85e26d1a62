// The suggestions controller (issue 17): the worker learns from every change
// of the open document's annotations (its labelled strings become the
// project's learnt words, the tagger takes a step) and answers the open
// document's suggestions, and its words where learnt words re-cut them. Here
// they are filtered (rejected, or overlapping an annotation), drawn by the
// layer, and accepted (Enter: an ordinary undoable annotation), rejected (x:
// never proposed again) or accepted all of one label (Shift+Enter, one
// undoable change). The learnt words, the mapping and the rejected
// suggestions are the project's (its record in storage). No DOM.
import { run } from '../commands/run.js';
import { errorText, locale, t } from '../i18n/index.js';
import { detailText } from '../i18n/details.js';
import {
  editedDictionary,
  labelledDictionary,
  mappedLabels,
  personWords,
  takeRecord,
  taughtBy,
  taughtOnlyBy,
  wordsOf,
} from '../suggest-record.js';
import { sameDictionary } from '../project-merge.js';
import { rememberShown, shownBefore } from '../suggest-shown.js';

// What a person reads, from the page's catalogue (js/i18n).
const TEXT = {
  accepted: (label, quote) => t('suggest.accepted', { label, quote }),
  rejected: (quote) => t('suggest.rejected', { quote }),
  acceptedAll: (n, label) => t('suggest.acceptedAll', { n, label }),
  failed: (message) => t('suggest.failed', { message }),
  applied: (n) => t('suggest.applied', { n }),
  here: (label, quote, n) => t('suggest.here', { label, quote, n }),
  unrejected: (quote) => t('suggest.unrejected', { quote }),
};

/** Jieba's parts of speech (nrfg: one of the full names jieba tags apart, 习近平; nrt: a transliterated name) to the labels that look like them (ids or names), as `nr=PER,ns=LOC`; none found, none mapped. */
export function defaultMapping(labels) {
  const person = /^(per|person|people|人名|人物)$/i;
  const kinds = [
    ['nr', person],
    ['nrfg', person],
    ['nrt', person],
    ['ns', /^(loc|location|gpe|place|地名|地点)$/i],
    ['nt', /^(org|organi[sz]ation|机构名|机构|组织)$/i],
  ];
  const pairs = [];
  for (const [pos, re] of kinds) {
    const l = labels.find((x) => re.test(x.id) || re.test(x.name ?? ''));
    if (l) pairs.push(`${pos}=${l.id}`);
  }
  return pairs.join(',');
}

/** The code point `start, end` pairs a change of annotations touched (both sides of an update). */
export function touchedBy(change) {
  const a = change.annotations;
  if (!a) return [];
  const spans = [...(a.created ?? []), ...(a.deleted ?? []), ...(a.updated ?? []).flat()];
  return spans.flatMap((s) => [s.start, s.end]);
}

/** The worker's suggestions, posted as columns of typed arrays (src/wasm/suggest.rs, `Found`), one object each. */
export function suggestionRows({ startCp, endCp, startU16, endU16, label, labels, source, sources }) {
  const out = new Array(startCp.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = {
      startCp: startCp[i],
      endCp: endCp[i],
      startU16: startU16[i],
      endU16: endU16[i],
      label: labels[label[i]],
      source: sources[source[i]],
    };
  }
  return out;
}

/**
 * The suggestions to draw: not rejected, not over an annotation, of a label
 * the document has. A document has thousands, so they are walked beside the
 * annotations (both in text order; the worker's never overlap) rather than
 * each looked up; one out of order is looked up.
 */
export function shownSuggestions(list, model, rejected) {
  const labels = new Set(model.labels.map((l) => l.id));
  const annotations = model.annotations;
  let next = 0;
  let reach = Number.NEGATIVE_INFINITY; // the furthest end of the annotations that start before the suggestion ends
  let lastEnd = Number.NEGATIVE_INFINITY;
  const over = (s) => {
    if (s.endCp < lastEnd) return model.overlapping(s.startCp, s.endCp).length > 0;
    lastEnd = s.endCp;
    for (; next < annotations.length && annotations[next].start < s.endCp; next++) reach = Math.max(reach, annotations[next].end);
    return reach > s.startCp;
  };
  return list.filter((s) => !over(s) && labels.has(s.label) && !(rejected.size && rejected.has(`${s.startCp}:${s.endCp}:${s.label}`)));
}

export class Suggestions {
  /** `views`: `{layer, dialog, words, chrome}` (views/layers/suggestions.js, views/suggest-dialog.js, the words layer). */
  constructor({ store, session, segmenter, projects }, { layer, dialog, words, chrome }) {
    Object.assign(this, { store, session, segmenter, projects, layer, dialog, words, chrome });
    this.raw = []; // the worker's suggestions for the open document
    this.list = []; // those drawn
    this.shown = shownBefore();
    dialog.setShown(this.shown);
    this.seq = 0;
    // Settings sent to the worker whose answer has not come: an answer before it holds the dictionary as it was.
    this.settingsInFlight = 0;
    this.lastReject = null; // the rejection Ctrl+Z takes back, until the next change: `{sha, key, quote}`
    this.lastUnreject = null; // the rejection Ctrl+Z took back, which Ctrl+Shift+Z makes again until the next change
    dialog.bind({ open: () => this.openDialog(), apply: (v) => this.apply(v) });
    dialog.bindToggle(() => this.toggle());
    dialog.bindActions({ accept: () => this.accept(), acceptAll: () => this.acceptAll(), reject: () => this.reject() });
    // The text was laid out again: its suggestions are drawn again.
    layer.bindReset(() => setTimeout(() => this.redraw(), 0));
    // The rest of the document's suggestions, made again after an update's answer.
    segmenter.onSuggested = (r) => r.doc === this.session.sha && this.#take(r, this.seq, this.session.doc);
    store.subscribe((_state, _before, changed) => (changed.has('caret') || changed.has('selection')) && this.caretMoved(changed));
  }

  /**
   * The project's record of suggestions: `{mapping, userDict, rejected: {sha: [keys]}, taught: {sha: [strings]},
   * own: [words]}`; `taught` the strings each document labels that become learnt words, `own` the words the person
   * wrote (see suggest-record.js).
   */
  get settings() {
    const p = this.projects.project;
    if (!p) return { mapping: '', userDict: '', rejected: {} };
    p.suggest ??= { mapping: null, userDict: '', rejected: {}, taught: {}, own: [] };
    // A record from before `own` was kept: every word it holds counts as the person's, never forgotten by a document.
    p.suggest.own ??= [...wordsOf(p.suggest.userDict)];
    return p.suggest;
  }

  /** The person's mapping, else the one the labels of the open document suggest. */
  get mapping() {
    return this.settings.mapping ?? defaultMapping(this.session.model?.labels ?? this.projects.labels ?? []);
  }

  /** The project is read (or another chosen): the worker gets its learnt words and mapping, before any text is cut. */
  async projectOpened() {
    try {
      await this.#sendSettings(this.mapping, this.settings.userDict ?? '');
    } catch (e) {
      this.store.set({ hint: TEXT.failed(e.message) });
    }
  }

  /** Sends the worker a mapping and user dictionary: `{userDict, learnt}` as it took them. */
  async #sendSettings(mapping, userDict) {
    this.settingsInFlight++;
    try {
      return await this.segmenter.suggestSettings(mapping, userDict);
    } finally {
      this.settingsInFlight--;
    }
  }

  /** A document has opened: the worker learns from its annotations and suggests for it. */
  opened(recut = false, { keepUndo = false } = {}) {
    if (!keepUndo) {
      this.lastReject = null;
      this.lastUnreject = null;
    }
    const { doc, model, sha } = this.session;
    if (!doc || !model) return;
    this.#noteTaught(this.session);
    // The words only this document taught are its to forget when it labels them no more, after a reload too.
    const own = taughtOnlyBy(this.settings, sha).join('\n');
    this.#ask(() => this.segmenter.suggestOpen(doc.text, JSON.stringify(model.toState()), { recut, mapping: this.mapping, doc: sha, own }));
  }

  /**
   * The open document is being left: what a change of it teaches, still waiting for its moment, is noted now,
   * while its text can still be read (it is freed next, and the next open would clear the wait).
   */
  left() {
    if (this.pendingTaught) this.#noteTaught(this.pendingTaught);
  }

  /** Notes what the open document teaches the project (`settings.taught`), saved with the project's record when it changed. */
  #noteTaught({ doc, model, sha, project = this.projects.project }) {
    clearTimeout(this.taughtTimer);
    this.pendingTaught = null;
    // Not into another project than the one the change was made in (the next open notes it again).
    if (!doc || !model || !sha || !this.projects.project || project !== this.projects.project) return;
    const now = taughtBy(model.annotations, (s, e) => doc.slice(s, e), this.mapping);
    const settings = this.settings;
    const before = settings.taught?.[sha] ?? [];
    if (now.length === before.length && now.every((w, i) => w === before[i])) return;
    settings.taught = { ...settings.taught, [sha]: now };
    if (!now.length) delete settings.taught[sha];
    this.projects.saveSoon?.();
  }

  /** A change of the open document: annotations changed are learnt from. */
  changed(change) {
    // After a change, Ctrl+Z is for that change, not for a rejection made before it (nor Ctrl+Shift+Z for one undone).
    this.lastReject = null;
    this.lastUnreject = null;
    // A moment later: it reads every annotation, which a keypress need not wait for.
    clearTimeout(this.taughtTimer);
    const { doc, model, sha } = this.session;
    this.pendingTaught = { doc, model, sha, project: this.projects.project };
    this.taughtTimer = setTimeout(() => this.#noteTaught(this.pendingTaught), 500);
    const touched = touchedBy(change);
    if (touched.length) {
      const state = JSON.stringify({ annotations: this.#inLines(touched) });
      this.#ask(() => this.segmenter.suggestLearn(state, touched, this.mapping));
    } else if (change.labels) this.redraw();
  }

  /** The annotations of the lines the code point `start, end` pairs touch: all the worker learns from (a whole state of a long text would be serialized on every change). */
  #inLines(touched) {
    const { doc, model } = this.session;
    const { text } = doc;
    const u = doc.toU16(Uint32Array.from(touched));
    const lo = text.lastIndexOf('\n', Math.max(0, Math.min(...u) - 1)) + 1;
    const hi = text.indexOf('\n', Math.max(...u));
    const [start, end] = doc.toCp(Uint32Array.of(lo, hi < 0 ? text.length : hi));
    return model.overlapping(start, end + 1).map(({ start: s, end: e, label, fragments }) => ({ start: s, end: e, label, fragments }));
  }

  async #ask(send) {
    const seq = ++this.seq;
    const { doc } = this.session;
    const t0 = performance.now();
    let r;
    try {
      r = await send();
      // The worker's own time for the update (learning, re-cutting, suggesting): see scripts/bench/suggest-page.mjs.
      const worker = this.segmenter.suggestTimes?.ms;
      if (worker !== undefined) performance.measure('biaozhu:suggest-worker', { start: performance.now() - worker, duration: worker });
    } catch (e) {
      this.store.set({ hint: TEXT.failed(e.message) });
      return;
    }
    this.#take(r, seq, doc);
    performance.measure('biaozhu:suggest-update', { start: t0 });
  }

  /** An answer of the worker, for `doc`, to the `seq`th question. */
  #take(r, seq, doc) {
    if (doc !== this.session.doc) return;
    if (r.wordsCp) this.#takeWords(r);
    // Not while settings are on their way: this answer's dictionary is the one they replace.
    if (r.userDict !== undefined && !this.settingsInFlight && !sameDictionary(r.userDict, this.settings.userDict)) {
      this.settings.userDict = r.userDict;
      this.projects.saveSoon?.();
    }
    // A later answer is of a later state: an earlier one arriving after it is not drawn.
    if (seq !== this.seq) return;
    this.raw = suggestionRows(r.suggestions);
    this.redraw();
  }

  /** The open document's words, re-cut where learnt words are. */
  #takeWords(r) {
    const { doc } = this.session;
    doc.appendWords(r.wordsCp, r.kinds, r.subwordsCp);
    doc.finishWords();
    this.session.words = { wordsCp: r.wordsCp, wordsU16: r.wordsU16, kinds: r.kinds, subwordsCp: r.subwordsCp, wordCount: r.wordCount };
    if (r.wordCount < 150_000) this.words.showWords(r.wordsU16);
  }

  #rejected() {
    return new Set(this.settings.rejected?.[this.session.sha] ?? []);
  }

  redraw() {
    const { model } = this.session;
    this.list = model ? shownSuggestions(this.raw, model, this.#rejected()) : [];
    this.layer.show(this.shown && this.list.length ? this.list.flatMap((s) => [s.startU16, s.endU16]) : null);
    const i = this.#currentIndex();
    if (i >= 0 && this.shown) this.layer.setCurrent(i);
    this.dialog.showActions(i >= 0 && this.shown);
    performance.mark('biaozhu:suggestions-drawn');
  }

  toggle() {
    this.shown = !this.shown;
    this.dialog.setShown(this.shown);
    rememberShown(this.shown);
    this.redraw();
  }

  /** The index of the suggestion at the caret (or the selection's start), or -1. */
  #currentIndex() {
    const { caret, selection } = this.store.state;
    const at = caret ?? selection?.startCp;
    if (at === null || at === undefined) return -1;
    return this.list.findIndex((s) => s.startCp <= at && at < s.endCp);
  }

  /** The suggestion at the caret, when suggestions are shown. */
  current() {
    return this.shown ? (this.list[this.#currentIndex()] ?? null) : null;
  }

  /**
   * The caret moved: the suggestion under it stands out, and the hint says
   * which label Enter would give it (every suggestion is drawn alike) and how
   * many Shift+Enter would accept. Not when the same change said something
   * itself (an accept moves nothing but sets its hint).
   */
  caretMoved(changed = new Set()) {
    const i = this.shown && this.list.length ? this.#currentIndex() : -1;
    this.dialog.showActions(i >= 0);
    if (i < 0) return;
    this.layer.setCurrent(i);
    if (!changed.has('caret') || changed.has('hint')) return;
    const s = this.list[i];
    const { model, doc } = this.session;
    const label = model.labelById(s.label)?.name ?? s.label;
    const n = this.list.filter((x) => x.label === s.label).length;
    // After the change that moved the caret is drawn: a hint set while the store tells of a change would be lost.
    queueMicrotask(() => this.store.set({ hint: TEXT.here(label, doc.slice(s.startCp, s.endCp), n) }));
  }

  /** Enter: the suggestion at the caret becomes an annotation; false when there is none. */
  accept() {
    const s = this.current();
    const { model, doc } = this.session;
    if (!s) return false;
    const name = model.labelById(s.label)?.name ?? s.label;
    run(this.store, model, {
      patch: { selection: null, picked: null },
      ops: [['create', { start: s.startCp, end: s.endCp, label: s.label }]],
      hint: TEXT.accepted(name, doc.slice(s.startCp, s.endCp)),
    });
    // Drawn without it at once: until the worker answers, a second Enter or tap would accept it twice.
    this.redraw();
    return true;
  }

  /** Shift+Enter: every suggestion with the label of the one at the caret, as one change. */
  acceptAll() {
    const s = this.current();
    const { model } = this.session;
    if (!s) return false;
    const specs = this.list.filter((x) => x.label === s.label).map((x) => ({ start: x.startCp, end: x.endCp, label: x.label }));
    run(this.store, model, {
      patch: { selection: null, picked: null },
      ops: [['createMany', specs]],
      hint: TEXT.acceptedAll(specs.length, model.labelById(s.label)?.name ?? s.label),
    });
    this.redraw();
    return true;
  }

  /** x: the suggestion at the caret is rejected for good (the project keeps it); false when there is none. */
  reject() {
    const s = this.current();
    if (!s) return false;
    const { sha, doc } = this.session;
    this.settings.rejected ??= {};
    const { rejected } = this.settings;
    const key = `${s.startCp}:${s.endCp}:${s.label}`;
    rejected[sha] = [...(rejected[sha] ?? []), key];
    // Not a change of the annotations, so not in their history: Ctrl+Z takes it back until the next change.
    this.lastReject = { sha, key, quote: doc.slice(s.startCp, s.endCp) };
    this.lastUnreject = null;
    this.chrome.setUndoRedo(true, this.session.model.canRedo);
    this.projects.saveSoon?.();
    this.store.set({ hint: TEXT.rejected(doc.slice(s.startCp, s.endCp)) });
    this.redraw();
    return true;
  }

  /** Ctrl+Shift+Z or Redo right after the Ctrl+Z of a rejection: it is rejected again; false when that was not the last thing done. */
  redoReject() {
    const last = this.lastUnreject;
    this.lastUnreject = null;
    const { sha } = this.session;
    if (!last || last.sha !== sha || !this.session.model) return false;
    this.settings.rejected ??= {};
    this.settings.rejected[sha] = [...(this.settings.rejected[sha] ?? []), last.key];
    this.lastReject = last;
    this.chrome.setUndoRedo(true, this.session.model.canRedo);
    this.projects.saveSoon?.();
    this.store.set({ hint: TEXT.rejected(last.quote) });
    this.redraw();
    return true;
  }

  /** Ctrl+Z or Undo right after x: the suggestion is proposed again; false when the last thing done was not a rejection. */
  undoReject() {
    const last = this.lastReject;
    this.lastReject = null;
    const { sha, model } = this.session;
    if (!last || last.sha !== sha || !model) return false;
    const list = this.settings.rejected?.[sha] ?? [];
    const at = list.lastIndexOf(last.key);
    if (at < 0) return false;
    this.settings.rejected[sha] = list.filter((_, i) => i !== at);
    this.lastUnreject = last;
    this.chrome.setUndoRedo(model.canUndo, true);
    this.projects.saveSoon?.();
    this.store.set({ hint: TEXT.unrejected(last.quote) });
    this.redraw();
    return true;
  }

  /**
   * The records of suggestions of project files added (`records`) join the
   * project's: their rejections, the words its dictionary lacks, and a
   * mapping when it has set none. The worker takes them before the next
   * document is suggested for. Returns `{said, notes}` for the report.
   */
  async take(records) {
    const sum = { rejected: 0, words: 0, mapping: false, keptMapping: false };
    const before = this.settings.userDict ?? '';
    for (const r of records) {
      const got = takeRecord(this.settings, r);
      sum.rejected += got.rejected;
      sum.words += got.words;
      sum.mapping ||= got.mapping;
      sum.keptMapping ||= got.keptMapping;
    }
    const said = [];
    if (sum.rejected) said.push(t('suggest.tookRejected', { n: sum.rejected }));
    if (sum.words) said.push(t('suggest.tookWords', { n: sum.words }));
    if (sum.mapping) said.push(t('suggest.tookMapping', { mapping: this.settings.mapping }));
    const notes = sum.keptMapping ? [t('suggest.keptMapping', { mapping: this.settings.mapping })] : [];
    // Another project's words are this one's as if the person wrote them: no document here is theirs to forget.
    this.settings.own = personWords(this.settings.own, before, this.settings.userDict);
    if (sum.rejected || sum.words || sum.mapping) {
      this.projects.saveSoon?.();
      await this.projectOpened();
      this.opened(true);
    }
    return { said, notes };
  }

  /** Another tab changed the project's record of suggestions (`before`: this tab's before): the worker and the drawing follow. */
  async taken(before) {
    const now = this.settings;
    if ((before?.mapping ?? null) !== (now.mapping ?? null) || !sameDictionary(before?.userDict, now.userDict)) {
      await this.projectOpened();
      // The same document, cut again: an x just made can still be taken back.
      this.opened(true, { keepUndo: true });
    } else this.redraw();
  }

  openDialog() {
    // What the person edits: words learnt meanwhile (here or in another tab) are not theirs to drop on Apply.
    this.dialogShown = this.settings.userDict ?? '';
    this.dialog.render({ mapping: this.mapping, userDict: this.dialogShown });
    this.dialog.open();
  }

  /** The dialog's Apply (or import): the worker takes the mapping and words (a bad line refused, naming it), then the document is suggested for again. */
  async apply({ mapping, userDict }) {
    // A label the mapping names that the scheme lacks would make its suggestions vanish without a word.
    const ids = (this.session.model?.labels ?? this.projects.labels ?? []).map((l) => l.id);
    const known = ids.join(t('list.comma'));
    const unknown = [...mappedLabels(mapping)].filter((l) => !ids.includes(l));
    if (unknown.length) {
      this.dialog.showError(t('suggest.unknownLabel', { label: unknown[0], known }));
      return;
    }
    // A third column that is no label would be learnt with a label no suggestion can have; a part of speech is
    // mapped. Only the person's new lines are checked: one the dictionary held (a label deleted since) is theirs.
    const held = new Set((this.dialogShown ?? this.settings.userDict ?? '').split('\n').map((l) => l.trim()));
    const read = labelledDictionary(userDict, ids, mapping, held);
    if (read.text === undefined) {
      this.dialog.showError(t('suggest.unknownWordLabel', { line: read.line, tag: read.tag, known }));
      return;
    }
    try {
      const now = this.settings.userDict ?? '';
      const wanted =
        this.dialogShown === undefined || now === this.dialogShown ? read.text : editedDictionary(now, this.dialogShown, read.text);
      const r = await this.#sendSettings(mapping, wanted);
      this.dialogShown = r.userDict;
      this.settings.own = personWords(this.settings.own, this.settings.userDict, r.userDict);
      this.settings.mapping = mapping;
      this.settings.userDict = r.userDict;
      this.projects.saveSoon?.();
      this.dialog.showError('');
      this.store.set({ hint: TEXT.applied(r.learnt) });
      this.opened(true);
    } catch (e) {
      this.dialog.showError(detailText(errorText(e), locale()));
    }
  }
}
