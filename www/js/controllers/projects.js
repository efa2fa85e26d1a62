// The projects controller: the open project (its documents, their status and
// figures, its one label set), the document list drawn from it, moving between
// documents (rows, keys, the address), and the project menu. No DOM: the list
// is views/doc-list.js, the address views/address.js.
import {
  addDocuments,
  FIRST_PROJECT,
  getProject,
  listProjects,
  newProject,
  openProjectId,
  putProject,
  STATUSES,
  summaries,
} from '../storage-projects.js';
import { mergeLabels } from '../labels.js';
import { schemeCovering } from '../scheme.js';
import { sameValue } from '../model/change.js';
import { mergeProject, snapshotOf } from '../project-merge.js';
import { t } from '../i18n/index.js';

const byName = (a, b) => a.name.localeCompare(b.name, 'zh');
const SORTS = Object.freeze({
  added: null,
  name: byName,
  length: (a, b) => (b.length ?? 0) - (a.length ?? 0),
  count: (a, b) => (b.count ?? 0) - (a.count ?? 0),
  status: (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status),
});

/** Whether two label sets are the same, in the same order. */
function sameLabels(a, b) {
  const key = (ls) => JSON.stringify(ls.map(({ id, name, color, key: k }) => [id, name, color, k ?? null]));
  return key(a) === key(b);
}

export class Projects {
  /**
   * `view`: the document list; `address`: `{showDoc}`; `open(sha)`: opens a
   * stored document; `chrome`: banners and questions; `saveFailed(error)`:
   * says the project's record could not be stored (as a document's failed
   * save does, with its offer to export: a banner of its own would replace
   * that offer).
   */
  constructor({ store, session, view, address, open, chrome, saveFailed }) {
    Object.assign(this, { store, session, view, address, open, chrome });
    this.saveFailed = saveFailed ?? ((e) => chrome.showBanner(t('projects.unsaved', { message: e.message }), 'warn'));
    this.storage = null;
    this.project = null; // the open project's record: {id, name, labels, docs: [{sha, status}], last}
    this.base = null; // the record as this tab last read or wrote it: what another tab changed since is merged in
    // Another tab on the same project says when it wrote the record, and this one takes its changes at once.
    this.tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('biaozhu-projects') : null;
    this.tab = Math.random().toString(36).slice(2);
    this.tabs?.addEventListener('message', ({ data }) => {
      if (data?.id === this.project?.id && data.tab !== this.tab) this.#heard().catch(this.saveFailed);
    });
    this.figures = new Map(); // sha → {name, length, count}
    this.filter = { text: '', status: '', sort: 'added' };
    this.viaAddress = false; // the open in progress came from Back/Forward: the address is right already
    this.ready = new Promise((resolve) => {
      this.started = resolve;
    });
  }

  /** Reads the project open last (or makes the first one) once storage is open; without storage, a project in memory. */
  async start(storage) {
    try {
      await this.#read(storage);
      await this.#renderProjects();
    } catch (e) {
      this.storage = null;
      this.project = newProject(FIRST_PROJECT);
      this.chrome.showBanner(t('projects.unreadable', { message: e.message }), 'warn');
      await this.#renderProjects();
    } finally {
      this.render();
      this.onProject?.();
      this.started();
    }
  }

  async #read(storage) {
    this.storage = storage;
    if (storage) {
      const id = await openProjectId(storage);
      this.project = id ? await getProject(storage, id) : null;
      if (!this.project) {
        const all = await listProjects(storage);
        this.project = all.length ? await getProject(storage, all[0].id) : newProject(FIRST_PROJECT);
        if (!all.length) await putProject(storage, this.project);
      }
      this.base = snapshotOf(this.project);
      this.figures = await summaries(storage);
    } else this.project = newProject(FIRST_PROJECT);
  }

  /** The label set of the open project, or null when it has none yet (its first document gives it). */
  get labels() {
    return this.project?.labels ?? null;
  }

  /** The open project's relation types, attributes and document labels (scheme.js), or null as `labels`. */
  get scheme() {
    return this.project?.scheme ?? null;
  }

  /**
   * The document to open first: the one the address names (in whichever
   * project holds it), else the open project's last, else null.
   */
  async firstDoc(addressed) {
    // Said once the document that opens instead is drawn, if it is another (opened() says so).
    this.wanted = addressed ?? null;
    if (addressed && this.storage) {
      if (this.#member(addressed)) return addressed;
      for (const p of await listProjects(this.storage)) {
        const project = await getProject(this.storage, p.id);
        if (project?.docs.some((d) => d.sha === addressed)) {
          await this.#use(project);
          return addressed;
        }
      }
      if (this.figures.has(addressed)) return addressed;
    }
    return this.project?.last ?? null;
  }

  #member(sha) {
    return this.project?.docs.find((d) => d.sha === sha) ?? null;
  }

  /** Saves the project's record, after any save under way: each write merges from the base the one before it left. */
  #save() {
    const run = () => this.#saveNow();
    this.saving = (this.saving ?? Promise.resolve()).then(run, run);
    return this.saving;
  }

  async #saveNow() {
    if (!this.storage) return;
    // The project saved, not whichever is current when the write ends: the person may have switched meanwhile,
    // and another project's documents must not be copied into the new one.
    const project = this.project;
    const sent = snapshotOf(project);
    const stored = await putProject(this.storage, sent, this.base);
    if (project !== this.project) return;
    this.tabs?.postMessage({ id: project.id, tab: this.tab });
    // What changed here while the write was on its way (a document added) is kept over what it wrote.
    await this.#take(mergeProject(sent, project, stored), stored);
  }

  /** Another tab wrote the open project's record: its changes are taken, this tab's not yet written kept. */
  async #heard() {
    const project = this.project;
    const stored = this.storage && (await getProject(this.storage, project.id));
    if (!stored || project !== this.project) return;
    await this.#take(mergeProject(this.base, project, stored), stored);
  }

  /**
   * Makes `merged` this tab's record (in place: the suggestions hold on to it)
   * and `stored` its base; the list, and the suggestions when their record
   * changed, follow what the other tab did.
   */
  async #take(merged, stored) {
    const project = this.project;
    const statuses = (p) => p.docs.map((d) => `${d.sha}:${d.status}`).join();
    const before = { docs: statuses(project), n: project.docs.length, suggest: snapshotOf(project.suggest ?? null) };
    Object.assign(project, merged);
    this.base = snapshotOf(stored);
    if (statuses(project) !== before.docs) {
      if (project.docs.length !== before.n) this.figures = await summaries(this.storage);
      this.view.setOpenStatus(this.#member(this.session.sha)?.status ?? null);
      this.render();
    }
    if (!sameValue(before.suggest, project.suggest ?? null)) this.onSuggestTaken?.(before.suggest);
  }

  /** Saves the project's record a little later (what the suggestions keep in it changed). */
  saveSoon() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.#save().catch(this.saveFailed);
    }, 300);
  }

  /** The page is being left: a save waiting for its moment starts now (it may still not land, but it may). */
  flush() {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.#save().catch(this.saveFailed);
  }

  /**
   * A document has opened (and its text is stored): it joins the project if
   * it is not in it, the project's labels become its labels (one undoable
   * change, said), it is named in the address, and the list shows it open.
   */
  async opened() {
    await this.ready;
    const { sha, name, model, doc } = this.session;
    // Asked for once, by the first open only.
    const wanted = this.wanted;
    this.wanted = null;
    if (!model) return;
    let member = this.#member(sha);
    // The person switched projects between this document's drawing and its storing: it stays out of the project
    // switched to, as it does when it is stored a moment sooner (a new project starts empty).
    if (!member && model === this.switchedFrom) return;
    const joined = !member;
    if (joined) {
      member = { sha, status: model.annotationCount ? 'progress' : 'new' };
      this.project.docs.push(member);
    }
    this.figures.set(sha, { ...this.figures.get(sha), name, length: doc.lengthCp, count: model.annotationCount });
    this.project.last = sha;
    this.#adoptScheme(model);
    this.address.showDoc(sha, { push: !this.viaAddress });
    this.viaAddress = false;
    if (wanted && wanted !== sha) this.#notStored(wanted);
    this.view.setOpenStatus(member.status);
    // Only a document new to the project redraws the list; moving to another only moves the mark.
    if (joined || !this.view.setCurrent(sha)) this.render();
    else this.view.updateRow(sha, { count: model.annotationCount, status: member.status });
    try {
      await this.#save();
      if (joined) await this.#renderProjects();
    } catch (e) {
      this.chrome.showBanner(t('projects.unsaved', { message: e.message }), 'warn');
    }
  }

  /**
   * The project's labels and scheme on the open document, as one undoable
   * change; a label its annotations use, a relation kind or a document label
   * that the project lacks joins the project.
   */
  #adoptScheme(model) {
    const project = this.project;
    project.labels ??= model.labels;
    project.scheme ??= model.scheme;
    const scheme = schemeCovering(project.scheme, model);
    if (sameLabels(project.labels, model.labels) && sameValue(scheme, model.scheme)) {
      project.scheme = scheme;
      return;
    }
    const used = new Set(model.annotations.map((a) => a.label));
    const extra = model.labels.filter((l) => used.has(l.id) && !project.labels.some((p) => p.id === l.id));
    const { labels } = mergeLabels(project.labels, extra);
    // mergeLabels lists the file's labels first; the project's order comes first here.
    const labelSet = [
      ...project.labels.map((p) => labels.find((l) => l.id === p.id) ?? p),
      ...labels.filter((l) => !project.labels.some((p) => p.id === l.id)),
    ];
    const { annotations, relations, docLabels } = model;
    try {
      model.replaceAll({ labels: labelSet, annotations, relations, docLabels, scheme });
      project.labels = model.labels;
      project.scheme = model.scheme;
      this.store.set({ hint: t('projects.labelsApplied', { name: this.session.name, project: project.name }) });
    } catch (e) {
      this.chrome.showBanner(t('projects.labelsFailed', { name: this.session.name, message: e.message }), 'warn');
    }
  }

  /** Documents other than the open one were annotated (a search labelled them): `[{sha, count}]`; their rows follow. */
  async annotatedElsewhere(docs) {
    for (const { sha, count } of docs) {
      const member = this.#member(sha);
      if (!member) continue;
      if (member.status === 'new') member.status = 'progress';
      this.figures.set(sha, { ...this.figures.get(sha), count });
    }
    this.render();
    await this.#save();
  }

  /** A change of the open document: its row's figures follow, a new one is in progress, and a change of labels is the project's. */
  changed(change) {
    const { sha, model } = this.session;
    const member = this.#member(sha);
    if (!member || !model) return;
    const figures = this.figures.get(sha);
    if (figures) figures.count = model.annotationCount;
    let save = false;
    if (change.labels || change.scheme) {
      this.project.labels = model.labels;
      this.project.scheme = model.scheme;
      save = true;
    }
    // A change of labels alone (the project's applied on opening) is no work on the document.
    if (member.status === 'new' && (change.annotations || change.relations || change.docLabels)) {
      member.status = 'progress';
      this.view.setOpenStatus('progress');
      save = true;
    }
    this.view.updateRow(sha, { count: model.annotationCount, status: member.status });
    if (save) this.#save().catch(this.saveFailed);
  }

  /** The rows to show: the project's documents with their figures, filtered and sorted as the person chose. */
  rows() {
    const text = this.filter.text.trim().toLowerCase();
    const rows = this.project.docs
      .map((d) => ({ ...d, name: d.sha.slice(0, 12), length: null, count: 0, ...this.figures.get(d.sha) }))
      .filter((r) => (!this.filter.status || r.status === this.filter.status) && (!text || r.name.toLowerCase().includes(text)));
    const sort = SORTS[this.filter.sort];
    return sort ? rows.sort(sort) : rows;
  }

  render() {
    if (!this.project) return;
    const rows = this.rows();
    const done = this.project.docs.filter((d) => d.status === 'done').length;
    this.view.renderRows(rows, { openSha: this.session.sha, total: this.project.docs.length, done, shown: rows.length });
  }

  async #renderProjects() {
    const list = this.storage ? await listProjects(this.storage) : [];
    if (!list.some((p) => p.id === this.project.id)) {
      list.unshift({ id: this.project.id, name: this.project.name, size: this.project.docs.length, done: 0 });
    }
    this.view.renderProjects(list, this.project.id);
  }

  /** The person changed the filter, the status shown or the sort. */
  setFilter(filter) {
    this.filter = { ...this.filter, ...filter };
    this.render();
  }

  /** Sets the open document's status. */
  async setStatus(status, sha = this.session.sha) {
    const member = this.#member(sha);
    if (!member || !STATUSES.includes(status)) return;
    member.status = status;
    this.view.updateRow(sha, { status });
    if (sha === this.session.sha) this.view.setOpenStatus(status);
    this.render();
    await this.#save();
    await this.#renderProjects();
  }

  /** The document `step` rows from the open one in the list as shown (1: next, -1: previous), or null. */
  neighbour(step) {
    const rows = this.rows();
    const at = rows.findIndex((r) => r.sha === this.session.sha);
    const next = rows[at === -1 ? (step > 0 ? 0 : rows.length - 1) : at + step];
    return next?.sha ?? null;
  }

  /** Opens the next (1) or previous (-1) document of the list; says so at either end. */
  async go(step) {
    const sha = this.neighbour(step);
    if (!sha) {
      this.store.set({ hint: t(step > 0 ? 'projects.last' : 'projects.first') });
      return;
    }
    await this.open(sha);
  }

  /** Marks the open document done and opens the next one not done. */
  async doneNext() {
    await this.setStatus('done');
    const rows = this.rows();
    const at = rows.findIndex((r) => r.sha === this.session.sha);
    const next = [...rows.slice(at + 1), ...rows.slice(0, Math.max(at, 0))].find((r) => r.status !== 'done' && r.status !== 'skipped');
    if (next) await this.open(next.sha);
    else this.store.set({ hint: t('projects.allDone', { project: this.project.name }) });
  }

  /** Back or Forward named another document. */
  async addressed(sha) {
    if (sha === this.session.sha) return;
    this.viaAddress = true;
    const opened = await this.open(sha);
    if (opened === false || opened === null) {
      this.viaAddress = false;
      // The address names the document shown, not one that is not here (or that did not open).
      if (this.session.sha) this.address.showDoc(this.session.sha, { push: false });
      if (opened === null) this.#notStored(sha);
    }
  }

  /** Says that the address named a document this browser has not stored (a link from another browser, say). */
  #notStored(sha) {
    this.store.set({ hint: t('projects.notStored', { sha: sha.slice(0, 12), name: this.session.name ?? '' }) });
  }

  /** Switches to the project `id` (`''`: asks for a name and makes a new, empty one). */
  async choose(id) {
    await this.#leaving();
    if (!id) {
      const name = this.view.askName(t('projects.askName'), t('projects.defaultName', { date: new Date().toISOString().slice(0, 10) }));
      if (!name) {
        await this.#renderProjects();
        return;
      }
      await this.#use(newProject(name), false);
      await this.#save();
      this.store.set({ hint: t('projects.created', { project: name }) });
    } else {
      const project = this.storage && (await getProject(this.storage, id));
      if (!project) return;
      await this.#use(project);
      await this.#save();
      if (project.last && project.last !== this.session.sha) await this.open(project.last);
      else if (!project.last && project.docs[0]) await this.open(project.docs[0].sha);
    }
    await this.#renderProjects();
  }

  /**
   * The open project is being left: what waits to be written of it (what the open document teaches, a save
   * waiting for its moment) is written to it now, not to the project chosen next, and not dropped.
   */
  async #leaving() {
    this.onLeaveProject?.();
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.#save().catch(this.saveFailed);
  }

  /** Makes `project` the open one; `stored`: read from storage (its base), not new. */
  async #use(project, stored = true) {
    // What was scheduled while the new project was being read goes to the old one too.
    await this.#leaving();
    this.project = project;
    this.base = stored ? snapshotOf(project) : null;
    this.switchedFrom = this.session.model;
    this.onProject?.();
    this.filter = { ...this.filter, text: '', status: '' };
    this.view.setOpenStatus(this.#member(this.session.sha)?.status ?? null);
    this.render();
  }

  async rename() {
    const name = this.view.askName(t('projects.askRename'), this.project.name);
    if (!name) return;
    this.project.name = name;
    await this.#save();
    await this.#renderProjects();
  }

  /**
   * Adds documents (`[{sha, name, text, encoding, bytes, length, state, status}]`)
   * to the open project in one write: all or nothing. Resolves to the
   * documents added (those the project had already are left out) and the
   * names whose saved annotations were kept over the file's.
   */
  async add(docs) {
    const before = new Set(this.project.docs.map((d) => d.sha));
    const { sha, model } = this.session;
    // The open document's model may hold annotations storage has not written yet: they are not replaced.
    const busy = new Set(model?.annotationCount ? [sha] : []);
    const { project, kept, filled } = await addDocuments(this.storage, this.project.id, docs, busy);
    // The record as stored now holds the documents added (and what another tab wrote); this tab's changes not yet
    // written (a rejection a moment ago) are kept over it.
    Object.assign(this.project, mergeProject(this.base, this.project, project));
    this.base = snapshotOf(project);
    const keptShas = new Set(kept.map((k) => k.sha));
    for (const d of docs) {
      if (keptShas.has(d.sha)) continue;
      if (!this.figures.has(d.sha) || d.state?.annotations?.length)
        this.figures.set(d.sha, { name: d.name, ...this.figures.get(d.sha), length: d.length, count: d.state?.annotations?.length ?? 0 });
    }
    await this.#save();
    await this.#renderProjects();
    this.render();
    return { added: docs.filter((d) => !before.has(d.sha)), kept, filled };
  }

  /** Makes `labels` the project's label set (an import brought new ones). */
  async setLabels(labels) {
    this.project.labels = labels;
    await this.#save();
  }
}
