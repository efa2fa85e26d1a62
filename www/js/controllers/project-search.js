// The search across the project: how many matches each other document of the
// open project holds (a preview, read from storage without opening them), and
// Shift and a label key labelling them in every document, each document's
// change one undoable change of its own history. No DOM.
import { loadMany } from '../storage-projects.js';
import { newBase } from '../autosave.js';
import { matchesIn, modelOfStored } from '../stored-model.js';
import { yieldToUI } from './documents.js';
import { t } from '../i18n/index.js';

export class ProjectSearch {
  /** `projects`: controllers/projects.js (the open project and its storage). */
  constructor({ session, projects, chrome }) {
    Object.assign(this, { session, projects, chrome });
    this.texts = null; // {key, docs: [{sha, name, text}]}: the other documents' texts, read once per project contents
    this.asked = 0; // the newest preview asked for; older answers are dropped
  }

  /** Whether there are other documents to search: a project with storage and more than the open one. */
  get available() {
    return Boolean(this.projects.storage && this.projects.project?.docs.some((d) => d.sha !== this.session.sha));
  }

  async #others() {
    const shas = this.projects.project.docs.map((d) => d.sha).filter((sha) => sha !== this.session.sha);
    const key = shas.join();
    if (this.texts?.key !== key) {
      const stored = await loadMany(this.projects.storage, shas);
      const docs = shas.filter((sha) => stored.has(sha)).map((sha) => ({ sha, name: stored.get(sha).name, text: stored.get(sha).text }));
      this.texts = { key, docs };
    }
    return this.texts.docs;
  }

  /**
   * The other documents with matches of `pattern`, most first: `[{sha, name, count}]`,
   * or null when a newer preview was asked for meanwhile.
   */
  async preview(pattern) {
    const asked = ++this.asked;
    const docs = await this.#others();
    if (asked !== this.asked) return null;
    const rows = [];
    for (const [i, d] of docs.entries()) {
      // A long project is searched a slice at a time, so typing stays smooth.
      if (i % 200 === 199) {
        await yieldToUI();
        if (asked !== this.asked) return null;
      }
      const count = matchesIn(d.text, pattern).length;
      if (count) rows.push({ sha: d.sha, name: d.name, count });
    }
    return rows.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  }

  /**
   * Labels every match of `pattern` with `label` in every other document of the
   * project (not the open one: its own change is the search's), where it is not
   * an annotation of that label already. Each document's new annotations are one
   * change of its history, saved as a new snapshot.
   * @returns {Promise<{labelled: number, documents: number}>}
   */
  async labelEverywhere(pattern, label) {
    const { storage } = this.projects;
    const shas = this.projects.project.docs.map((d) => d.sha).filter((sha) => sha !== this.session.sha);
    const stored = await loadMany(storage, shas);
    let labelled = 0;
    const touched = [];
    const scheme = this.projects.labels ?? [label];
    for (const [i, sha] of shas.entries()) {
      const rec = stored.get(sha);
      if (!rec) continue;
      const found = matchesIn(rec.text, pattern);
      if (!found.length) continue;
      if (i % 50 === 49) {
        this.chrome.progress(t('progress.labelling', { at: i + 1, n: shas.length }), i / shas.length);
        await yieldToUI();
      }
      const model = modelOfStored(rec, scheme);
      if (!model.labelById(label.id)) model.addLabel({ ...label });
      const have = new Set(model.annotations.filter((a) => a.label === label.id && !a.fragments?.length).map((a) => `${a.start},${a.end}`));
      const specs = found.filter(([s, e]) => !have.has(`${s},${e}`)).map(([start, end]) => ({ start, end, label: label.id }));
      if (!specs.length) continue;
      model.createMany(specs);
      await storage.putState(sha, {
        state: JSON.stringify(model.toState()),
        history: model.toHistory(),
        base: newBase(),
        name: rec.name,
        length: model.length,
        count: model.annotationCount,
      });
      labelled += specs.length;
      touched.push({ sha, count: model.annotationCount });
    }
    this.chrome.progress(null);
    if (touched.length) await this.projects.annotatedElsewhere(touched);
    return { labelled, documents: touched.length };
  }
}
