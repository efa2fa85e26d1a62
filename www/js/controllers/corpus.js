// The corpus controller: many files at once (chosen together, dropped, or a
// folder) added to the open project as documents, a file that holds many
// documents opened as such, and the whole project exported in one file. Long
// work shows its progress with Cancel, and nothing is half done: documents are
// added in one write, after every file was read. No DOM.
import { ANNOTATION_FILE, decodeBytes, readFile } from '../io.js';
import { AnnotationModel, repairSaved } from '../model.js';
import { importedState } from './files.js';
import { yieldToUI } from './documents.js';
import { loadMany } from '../storage-projects.js';
import { recordForFile } from '../suggest-record.js';
import { errorText, formatName, t } from '../i18n/index.js';

const stem = (path) => path.replace(/\.[^./\\]*$/, '');
/** The core reads a file of many documents up to this size (`project::MAX_PROJECT_BYTES`). */
const MAX_PROJECT_BYTES = 256 * 1024 * 1024;

/** Files with their path (a folder's files carry it as their name), brat's .txt and .ann paired by it. */
export function groupFiles(files) {
  const byStem = new Map();
  for (const f of files) if (/\.txt$/i.test(f.name)) byStem.set(stem(f.name), f);
  const items = [];
  const paired = new Set();
  for (const f of files) {
    if (!/\.ann$/i.test(f.name)) continue;
    const text = byStem.get(stem(f.name));
    if (text) paired.add(text);
    items.push({ name: f.name, ann: f, text: text ?? null });
  }
  for (const f of files) {
    if (/\.ann$/i.test(f.name) || paired.has(f)) continue;
    items.push({ name: f.name, file: f });
  }
  return items;
}

/** The first few names of `docs` (a project file may name hundreds), then how many more. */
function someNames(docs, few = 5) {
  const names = docs.slice(0, few).map((d) => d.name);
  const list = names.join(t('list.comma'));
  return docs.length > few ? t('list.more', { list, n: docs.length - few }) : list;
}

export class Corpus {
  /** `projects`: controllers/projects.js; `decoder`: `{core, segmenter}`; the rest as for files.js. */
  /**
   * `takeSuggestions(records)`, when given, takes the records of suggestions
   * of the project files added into the project's, and gives back
   * `{said, notes}`: phrases for the report, and what it did not take.
   */
  constructor({ store, session, chrome, documents, projects, decoder, takeSuggestions = null }) {
    Object.assign(this, { store, session, chrome, documents, projects, decoder, takeSuggestions });
    this.preread = new WeakMap(); // File → its documents, read by documentsIn
  }

  #using() {
    return { ...this.decoder, encoding: this.chrome.encodingChoice() || null, openText: null };
  }

  /** One text file as a document: `{sha, name, text, encoding, bytes, length, state: null}`. */
  async #text(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const d = await decodeBytes(bytes, this.decoder, this.chrome.encodingChoice() || null);
    const { sha256, lengthCp } = this.decoder.core.textFacts(d.text);
    return [
      { sha: sha256, name: file.name, text: d.text, encoding: d.encoding, bytes: d.exact ? null : bytes, length: lengthCp, state: null },
    ];
  }

  /**
   * The documents an annotation file holds, read in the worker (for a file of
   * one document the page's usual open follows, which can also read it against
   * the open text); kept for `addFiles` so that it does not read them again.
   */
  async documentsIn(file) {
    const docs = await this.#annotations(file);
    this.preread.set(file, docs);
    return docs;
  }

  /** The documents one item gives: a text, a brat pair, or an annotation file of one or many documents. */
  async #read(item) {
    if (item.ann) {
      if (!item.text) throw new Error(t('corpus.bratText', { name: item.name }));
      const [text] = await this.#text(item.text);
      const { state } = await readFile(item.ann, { ...this.#using(), openText: text.text }, 'brat', text.text, text.encoding);
      return [{ ...text, name: item.text.name, state }];
    }
    const file = item.file;
    if (this.preread.has(file)) return this.preread.get(file);
    if (!ANNOTATION_FILE.test(file.name)) return this.#text(file);
    return this.#annotations(file);
  }

  async #annotations(file) {
    if (file.size > MAX_PROJECT_BYTES) {
      throw new Error(t('corpus.tooLarge', { mb: (file.size / 1048576).toFixed(0), limit: MAX_PROJECT_BYTES / 1048576 }));
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    // The bytes go to the worker (transferred, not copied), which decodes and reads them off this thread.
    const got = await this.decoder.segmenter.importDocuments(
      file.name,
      bytes,
      this.chrome.importFormat() || null,
      this.chrome.encodingChoice() || null,
    );
    // A project file's record of suggestions goes with its documents, for addFiles to take (once: it is one object).
    return got.documents.map((d) => ({
      suggestions: got.suggestions ?? null,
      fromProjectFile: got.projectFile === true,
      sha: d.sha256,
      name: d.name,
      text: d.text,
      encoding: d.encoding ?? 'UTF-8',
      bytes: null,
      length: d.lengthCp,
      status: d.status,
      state: {
        labels: d.labels ?? got.labels ?? [],
        annotations: d.annotations,
        relations: d.relations ?? [],
        docLabels: d.docLabels ?? [],
      },
    }));
  }

  /**
   * The documents `files` hold, read as `addFiles` reads them but added to
   * nothing (an annotator's layer of the project): `{docs, failed}`,
   * `failed` naming each file not read with its reason.
   */
  async readDocuments(files) {
    const docs = [];
    const failed = [];
    for (const item of groupFiles(files)) {
      try {
        docs.push(...(await this.#read(item)));
      } catch (e) {
        failed.push(t('announce.one', { label: item.name, text: errorText(e) }));
      }
    }
    return { docs, failed };
  }

  /**
   * Adds every file to the open project: texts as they are, annotation files
   * with the documents they hold. A file that cannot be read is listed with
   * its reason and the others are added; a text the project has already is
   * not added twice. Opens the first document added.
   */
  async addFiles(files) {
    const { chrome, projects, documents } = this;
    if (!projects.storage) {
      chrome.showBanner(t('corpus.noStorage'));
      return;
    }
    const items = groupFiles(files);
    const job = documents.begin();
    const docs = [];
    const failed = [];
    const records = new Set();
    let scheme = projects.labels ?? this.session.model?.labels ?? [];
    const notes = [];
    for (const [i, item] of items.entries()) {
      chrome.progress(t('progress.readingOf', { name: item.name, at: i + 1, n: items.length }), i / items.length);
      await yieldToUI();
      if (job.cancelled) return this.#stopped(t('corpus.cancelled', { n: items.length }));
      try {
        for (const d of await this.#read(item)) {
          if (d.suggestions) records.add(d.suggestions);
          if (d.state) {
            const made = importedState(scheme, d.state, d.length);
            d.state = made.state;
            scheme = made.state.labels;
            notes.push(...made.notes.map((n) => `${d.name}: ${n}`));
          }
          docs.push(d);
        }
      } catch (e) {
        // io.js names the file first; the list names it once. A coded error of the core is said in the page's language.
        const said = errorText(e).replace(t('files.notImported', { name: item.name, message: '' }), '');
        failed.push(t('announce.one', { label: item.name, text: said }));
      }
    }
    if (job.cancelled) return this.#stopped(t('corpus.cancelled', { n: items.length }));
    chrome.progress(t('progress.saving', { n: docs.length }), 1);
    const unique = [...new Map(docs.map((d) => [d.sha, d])).values()];
    let result;
    try {
      result = await projects.add(unique);
      if (scheme !== projects.labels) await projects.setLabels(scheme);
    } catch (e) {
      return this.#stopped(t('corpus.unsaved', { message: e.message }), true);
    }
    // Before a document opens, so that it is suggested for with the file's words and rejections.
    const took = records.size ? ((await this.takeSuggestions?.([...records])) ?? { said: [], notes: [] }) : { said: [], notes: [] };
    notes.push(...took.notes);
    this.store.set({ opening: null });
    chrome.progress(null);
    // Opened first: an open clears the hint the report sets. A document that took the file's annotations is
    // opened when none was added (the open one among them shows them so).
    const first = result.added[0] ?? result.filled[0];
    if (first) await projects.open(first.sha);
    this.#report(result, { read: docs.length, failed, notes, took: took.said });
  }

  #stopped(message, banner = false) {
    this.chrome.progress(null);
    this.store.set({ opening: null });
    if (banner) this.chrome.showBanner(message);
    else this.store.set({ hint: message });
  }

  /** Says what was added, what was there already, and what could not be read and why. */
  #report({ added, kept, filled }, { read, failed, notes, took = [] }) {
    const name = this.projects.project.name;
    const there = read - added.length;
    const said = [t('corpus.added', { n: added.length, project: name })];
    if (there > 0) said.push(t('corpus.there', { n: there }));
    if (filled.length) said.push(t('corpus.filled', { n: filled.length, names: someNames(filled) }));
    if (kept.length) said.push(t('corpus.kept', { n: kept.length, names: someNames(kept) }));
    said.push(...took);
    const sep = t('list.semicolon');
    this.store.set({ hint: t('sentence', { text: said.join(sep) }) });
    const problems = [];
    if (failed.length) problems.push(t('corpus.failed', { n: failed.length, list: failed.join(sep) }));
    if (notes.length) problems.push(notes.join(sep));
    if (problems.length) {
      const message = [said.join(sep), ...problems].map((text) => t('sentence', { text })).join(t('sentence.gap'));
      this.chrome.showBanner(message, failed.length ? 'error' : 'warn');
    }
  }

  /** The state of a document as it is now: the open one's model, else its stored snapshot with the changes after it made again. */
  #stateOf(sha, rec) {
    if (sha === this.session.sha && this.session.model) {
      return { name: this.session.name, text: this.session.doc.text, encoding: this.session.encoding, state: this.session.model.toState() };
    }
    if (!rec) return null;
    if (!rec.state)
      return { name: rec.name, text: rec.text, encoding: rec.encoding, state: { annotations: [], relations: [], docLabels: [] } };
    const r = repairSaved(rec);
    if (!r.deltas?.length && !r.repaired.length) return { name: rec.name, text: rec.text, encoding: rec.encoding, state: r.state };
    const model = new AnnotationModel({ ...r.state, history: r.history });
    for (const { change, how } of r.deltas ?? []) model.replay(change, how);
    return { name: rec.name, text: rec.text, encoding: rec.encoding, state: model.toState() };
  }

  /**
   * Downloads the whole project in the format chosen beside Export, in its
   * multi-document form (`onlyDone`: the documents marked done only).
   */
  async exportProject(onlyDone = false) {
    const { chrome, projects } = this;
    const format = chrome.exportFormat();
    const project = projects.project;
    if (!projects.storage) return this.#stopped(t('corpus.noStorageExport'), true);
    const members = project.docs.filter((d) => !onlyDone || d.status === 'done');
    const job = this.documents.begin();
    chrome.progress(t('progress.reading', { name: project.name }), 0);
    let stored;
    try {
      stored = await loadMany(
        projects.storage,
        members.map((m) => m.sha),
      );
    } catch (e) {
      return this.#stopped(t('export.projectUnreadable', { message: e.message }), true);
    }
    const documents = [];
    for (const [i, m] of members.entries()) {
      if (i % 100 === 0) {
        chrome.progress(t('progress.gathering', { name: project.name, at: i + 1, n: members.length }), i / members.length);
        await yieldToUI();
      }
      if (job.cancelled) return this.#stopped(t('export.cancelled'));
      try {
        const got = this.#stateOf(m.sha, stored.get(m.sha));
        if (got) {
          const { labels: _, ...state } = got.state;
          documents.push({ name: got.name, text: got.text, encoding: got.encoding, status: m.status, ...state });
        }
      } catch (e) {
        return this.#stopped(t('export.docUnreadable', { sha: m.sha.slice(0, 12), message: e.message }), true);
      }
    }
    chrome.progress(t('progress.writing', { name: project.name, format: formatName(format) }), 1);
    let out;
    try {
      out = await this.decoder.segmenter.exportProject(format, {
        name: project.name,
        labels: projects.labels ?? [],
        documents,
        suggestions: recordForFile(project.suggest),
      });
    } catch (e) {
      return this.#stopped(t('export.failed', { message: e.message }), true);
    }
    this.#stopped('');
    if (out.leftOut.length && !(await chrome.confirmLeftOut(format, out.leftOut))) {
      this.store.set({ hint: t('export.cancelled') });
      return;
    }
    for (const f of out.files) chrome.download(f.name, f.content, /\.zip$/.test(f.name) ? 'application/zip' : 'text/plain');
    this.store.set({
      hint: t('export.project', {
        n: documents.length,
        project: project.name,
        format: formatName(format),
        files: out.files.map((f) => f.name).join(', '),
      }),
    });
  }
}
