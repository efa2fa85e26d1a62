// The project's review controller: other annotators' files loaded as named
// layers of the open project (stored beside it, never mixed into its
// annotations), their agreement over the project and per document (measured
// in the core: agreeProject), and a document's adjudication in the text:
// each disagreement between the first two layers settled by keeping one
// side, both or neither, each choice one undoable change of the document's
// annotations, which are the project's gold (autosaved, exported in every
// format). No DOM: views/project-review.js, views/layers/disagreements.js.
import { deleteLayer, listLayers, putLayer } from '../storage-layers.js';
import { loadMany } from '../storage-projects.js';
import { importedState } from './files.js';
import { errorText, t } from '../i18n/index.js';

const stem = (name) => name.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '');
const samePlace = (a, b) =>
  a.start === b.start && a.end === b.end && a.label === b.label && JSON.stringify(a.pieces ?? null) === JSON.stringify(b.pieces ?? null);

export class ProjectReview {
  /** `projects`: controllers/projects.js; `corpus`: controllers/corpus.js (reads files of many documents); `layer`: the text's disagreements layer. */
  constructor({ store, session, decoder, projects, corpus }, { view, chrome, text, layer }) {
    Object.assign(this, { store, session, decoder, projects, corpus, view, chrome, text, layer });
    this.layers = [];
    this.report = null;
    this.problems = [];
    /** While a document is reviewed: `{sha, names, sides, diff, at, settled: Set}`. */
    this.reviewing = null;
    view.bindOpen(() => this.open());
    view.bindHandlers(
      {
        files: (list) => this.addLayer(list),
        remove: (name) => this.removeLayer(name),
        review: (sha) => this.review(sha),
        step: (by) => this.step(by),
        choose: (choice) => this.choose(choice),
        stop: () => this.stop(),
      },
      () => Boolean(this.reviewing) && this.session.sha === this.reviewing.sha,
    );
    // A new text drops the highlights: the review was of the document before.
    layer.bindReset(() => this.stop());
  }

  #render(error = '') {
    const { layers, report, problems } = this;
    this.view.render({ project: this.projects.project?.name ?? '', layers, report, problems, error });
  }

  async open() {
    const { storage, project } = this.projects;
    if (!project) return;
    this.report = null;
    this.problems = [];
    try {
      this.layers = storage ? await listLayers(storage, project.id) : [];
      await this.#measure();
    } catch (e) {
      this.#render(e.message);
    }
    this.chrome.openDialog('layers-dialog');
  }

  /** One annotator's files (any format Open reads, one document or many each) as the layer named in the dialog, or after the first file. */
  async addLayer(list) {
    const { storage, project } = this.projects;
    if (!storage) return this.#render(t('layers.noStorage'));
    const name = this.view.annotatorName() || stem(list[0].name);
    let read;
    try {
      read = await this.corpus.readDocuments(list);
    } catch (e) {
      return this.#render(e.message);
    }
    if (read.failed.length) return this.#render(t('layers.nothingAdded', { message: read.failed.join(t('list.semicolon')) }));
    if (!read.docs.length) return this.#render(t('layers.noDocuments', { name: list[0].name }));
    const docs = [];
    try {
      for (const d of read.docs) {
        // Labels by the project's ids, as an import would give them: the figures compare by name, the gold copies spans.
        const { state } = importedState(this.projects.labels ?? [], d.state ?? { annotations: [] }, d.length);
        const { labels, annotations, relations, docLabels } = state;
        docs.push({ sha: d.sha, name: d.name, state: { labels, annotations, relations, docLabels } });
      }
      await putLayer(storage, project.id, { name, docs });
    } catch (e) {
      return this.#render(t('layers.nothingAdded', { message: errorText(e) }));
    }
    this.store.set({ hint: t('layers.added', { name, n: docs.length, project: project.name }) });
    await this.#reread();
  }

  async removeLayer(name) {
    const { storage, project } = this.projects;
    try {
      await deleteLayer(storage, project.id, name);
    } catch (e) {
      return this.#render(t('layers.notRemoved', { name, message: errorText(e) }));
    }
    await this.#reread();
  }

  /** The layers as stored now, measured again; a failure is said in the dialog (the layers stay as stored). */
  async #reread() {
    try {
      this.layers = await listLayers(this.projects.storage, this.projects.project.id);
      await this.#measure();
    } catch (e) {
      this.#render(t('layers.compareFailed', { message: errorText(e) }));
    }
  }

  /**
   * The layers' documents with the project's texts: `sides`, `[{name, documents: [state with text]}]`, and
   * `problems`, `[{kind: 'notInProject' | 'notInLayer', layer, names}]`: what one has and the other lacks.
   */
  async #sides() {
    const { storage, project } = this.projects;
    const members = new Set(project.docs.map((d) => d.sha));
    const stored = await loadMany(storage, [...members]);
    const problems = [];
    const sides = this.layers.map((l) => {
      const outside = l.docs.filter((d) => !members.has(d.sha));
      if (outside.length) problems.push({ kind: 'notInProject', layer: l.name, names: outside.map((d) => d.name) });
      const has = new Set(l.docs.map((d) => d.sha));
      const lacking = project.docs.filter((d) => !has.has(d.sha)).map((d) => stored.get(d.sha)?.name ?? d.sha.slice(0, 12));
      if (lacking.length) problems.push({ kind: 'notInLayer', layer: l.name, names: lacking });
      const documents = l.docs
        .filter((d) => stored.has(d.sha))
        .map((d) => ({ ...d.state, name: stored.get(d.sha).name, text: stored.get(d.sha).text }));
      return { name: l.name, documents };
    });
    return { sides, problems };
  }

  async #measure() {
    this.report = null;
    this.problems = [];
    if (this.layers.length) {
      const { sides, problems } = await this.#sides();
      this.problems = problems;
      if (sides.length >= 2) this.report = JSON.parse(this.decoder.core.agreeProject(JSON.stringify(sides)));
    }
    this.#render();
  }

  /** Opens document `sha` with its disagreements between the first two layers highlighted, the first one current. */
  async review(sha) {
    const [a, b] = this.layers;
    const docA = a?.docs.find((d) => d.sha === sha);
    const docB = b?.docs.find((d) => d.sha === sha);
    if (!docA || !docB) return this.#render(t('layers.bothNeeded'));
    this.view.close();
    if (this.session.sha !== sha) await this.projects.open(sha);
    const { session } = this;
    if (session.sha !== sha || !session.model) return;
    const text = session.doc.text;
    const sides = [
      { name: a.name, state: { ...docA.state, name: session.name, text } },
      { name: b.name, state: { ...docB.state, name: session.name, text } },
    ];
    let diff;
    try {
      diff = JSON.parse(this.decoder.core.agreeStates(JSON.stringify(sides))).diff;
      // A document not yet reviewed starts from what both layers agree on: the gold with every disagreement left out.
      if (!session.model.annotationCount) {
        const agreed = JSON.parse(this.decoder.core.goldState(JSON.stringify(sides), JSON.stringify(diff.map(() => 'neither'))));
        const { state } = importedState(session.model.labels, agreed, session.doc.lengthCp);
        session.model.replaceAll({ ...session.model.toState(), annotations: state.annotations, relations: state.relations });
      }
    } catch (e) {
      return this.chrome.showBanner(t('layers.notReviewed', { name: session.name, message: errorText(e) }), 'warn');
    }
    this.reviewing = { sha, names: [a.name, b.name], sides, diff, at: 0, settled: new Set() };
    const extents = diff.map((d) => {
      const s = [d.reference, d.candidate].filter(Boolean);
      return { start: Math.min(...s.map((x) => x.start)), end: Math.max(...s.map((x) => x.end)) };
    });
    this.layer.showExtents(session.doc.spansU16(extents));
    this.#go(0);
    this.store.set({ hint: t('layers.reviewing', { name: session.name, a: a.name, b: b.name }) });
  }

  /** What the document holds of disagreement `i`: a key of the view's `kept`. */
  #kept(i) {
    const r = this.reviewing;
    const d = r.diff[i];
    const now = this.session.model.toState().annotations;
    const has = (k, span) => span && now.some((a) => samePlace(a, this.#source(k, span)));
    const [inA, inB] = [has(0, d.reference), has(1, d.candidate)];
    if (inA && inB) return 'both';
    if (inA) return 'mine';
    if (inB) return 'theirs';
    return r.settled.has(i) ? 'neither' : 'open';
  }

  /** Side `k`'s annotation that a disagreement's span names. */
  #source(k, span) {
    return this.reviewing.sides[k].state.annotations.find((a) => a.id === span.id);
  }

  #go(i) {
    const r = this.reviewing;
    r.at = Math.max(0, Math.min(r.diff.length - 1, i));
    const d = r.diff[r.at];
    if (d) {
      const s = d.reference ?? d.candidate;
      this.text.scrollToU16(this.session.doc.u16At(s.start));
    }
    this.layer.setCurrent(d ? r.at : -1);
    this.view.renderBar({ ...r, kept: r.diff.map((_, j) => this.#kept(j)) });
  }

  /** The document changed (a choice, an edit, an undo): the bar says what it holds now. */
  refresh() {
    const r = this.reviewing;
    if (!r || this.session.sha !== r.sha || !this.session.model) return;
    this.view.renderBar({ ...r, kept: r.diff.map((_, j) => this.#kept(j)) });
  }

  step(by) {
    if (this.reviewing) this.#go(this.reviewing.at + by);
  }

  /** Settles the current disagreement (`mine`: the first layer's span, `theirs`, `both`, `neither`) as one change, and moves on. */
  choose(choice) {
    const r = this.reviewing;
    const model = this.session.model;
    const d = r?.diff[r.at];
    if (!d || !model || this.session.sha !== r.sha) return;
    const want = [choice === 'mine' || choice === 'both', choice === 'theirs' || choice === 'both'];
    const state = model.toState();
    let annotations = state.annotations;
    const taken = new Set(annotations.map((a) => a.id));
    [d.reference, d.candidate].forEach((span, k) => {
      const a = span && this.#source(k, span);
      if (!a) return;
      const there = annotations.find((x) => samePlace(x, a));
      if (want[k] && !there) {
        let n = annotations.length;
        while (taken.has(`g${n.toString(36)}`)) n++;
        taken.add(`g${n.toString(36)}`);
        const { start, end, label, pieces } = a;
        annotations = [...annotations, { id: `g${n.toString(36)}`, start, end, label, ...(pieces ? { pieces } : {}) }];
      } else if (!want[k] && there) annotations = annotations.filter((x) => x !== there);
    });
    const ids = new Set(annotations.map((a) => a.id));
    const relations = state.relations.filter((x) => ids.has(x.from) && ids.has(x.to));
    try {
      model.replaceAll({ ...state, annotations, relations });
    } catch (e) {
      return this.chrome.showBanner(t('review.failed', { message: errorText(e) }), 'warn');
    }
    r.settled.add(r.at);
    this.#go(r.at + 1 < r.diff.length ? r.at + 1 : r.at);
  }

  stop() {
    if (!this.reviewing) return;
    this.reviewing = null;
    this.layer.showExtents(null);
    this.view.renderBar(null);
  }
}
