// The files controller: files opened, dropped or pasted (a text becomes a
// document, an annotation file replaces the annotations or opens its text),
// reading the open file again in another encoding, and export (the left-out
// dialog first where a format cannot carry everything). No DOM: the chrome
// offers the menus' values, `confirm`, the dialog and the download.
import { ANNOTATION_FILE, decodeBytes, holdsSeveralDocuments, MAX_FILE_BYTES, readFiles } from '../io.js';
import { mergeLabels } from '../labels.js';
import { checkState } from '../model/rules.js';
import { SLICE_U16 } from './documents.js';
import { decodeNoteText } from '../i18n/decode-notes.js';
import { formatName, t } from '../i18n/index.js';

/** The banner of what decoding `name` noticed (mixed line ends, bytes replaced), in the page's language. */
function decodedNotes(name, warnings) {
  const list = warnings.map((w) => decodeNoteText(w).replace(/[.。]$/, '')).join(t('list.semicolon'));
  return t('banner.notes', { name, list });
}

/**
 * The state an import brings, with its labels merged with the page's and made
 * usable (labels.js `mergeLabels`) and its annotations carrying the ids those
 * labels have now; `notes` says what was changed. Checked here by the model's
 * rules, so that a file the model would refuse is refused before anything
 * changes (never a new name over the old annotations).
 * @throws {RangeError} the model's refusal.
 */
export function importedState(current, state, length) {
  const { labels, renamed, notes } = mergeLabels(current, state.labels ?? []);
  const annotations = Array.isArray(state.annotations)
    ? state.annotations.map((a) => (renamed.has(a?.label) ? { ...a, label: renamed.get(a.label) } : a))
    : state.annotations;
  const out = { ...state, labels, annotations, relations: state.relations ?? [], docLabels: state.docLabels ?? [] };
  checkState(out, length);
  return { state: out, notes };
}

/**
 * Records how long an export took the page, from the click to the file
 * offered, leaving out the time a person spends on the left-out dialog
 * (`performance.measure('biaozhu:export')`, for the benchmarks).
 */
function exportTimer() {
  const start = performance.now();
  let paused = 0;
  return {
    pause() {
      paused = performance.now();
    },
    resume() {
      paused = performance.now() - paused;
    },
    done(format) {
      performance.measure('biaozhu:export', { start, duration: performance.now() - start - paused, detail: { format } });
    },
  };
}

export class Files {
  /** `documents`: the document controller (open, begin, updateStatus); `decoder`: `{core, segmenter}` for io.js. */
  constructor({ store, session, chrome, documents, decoder }) {
    Object.assign(this, { store, session, chrome, documents, decoder });
    this.corpus = null; // controllers/corpus.js, for many files at once
    this.encoding = null; // the encoding the person chose last (null: detect)
  }

  #hint(hint) {
    this.store.set({ hint });
  }

  #using() {
    return { ...this.decoder, encoding: this.encoding, openText: this.session.doc?.text ?? null };
  }

  /** Whether `files` are one document (one file, or a text with its one annotation file) rather than many for the project. */
  static oneDocument(files) {
    if (files.length === 1) return true;
    const texts = files.filter((f) => /\.txt$/i.test(f.name));
    // A text and its annotations; a text and anything else (a picture chosen with it) are two files to add.
    return files.length === 2 && texts.length === 1 && files.some((f) => f !== texts[0] && ANNOTATION_FILE.test(f.name));
  }

  /**
   * Whether an annotation file is the project's to read: it holds several documents (a JSONL, a task list, a W3C
   * collection of several texts), or it is a project file (one whose keys were sorted names its format late).
   */
  async #forTheProject(file) {
    if (!ANNOTATION_FILE.test(file.name) || /\.ann$/i.test(file.name)) return false;
    try {
      const docs = await this.corpus.documentsIn(file);
      return docs.length > 1 || docs.some((d) => d.fromProjectFile);
    } catch {
      return false; // the usual open says what is wrong with it
    }
  }

  async open(files) {
    const { chrome, session, documents } = this;
    // A ZIP (brat), a project file, or an annotation file too long for one document is the project's to read.
    const one = files.length === 1 ? files[0] : null;
    const project =
      one &&
      (/\.zip$/i.test(one.name) ||
        (!/\.txt$/i.test(one.name) && one.size > MAX_FILE_BYTES) ||
        (/\.json$/i.test(one.name) && (await one.slice(0, 256).text()).includes('"biaozhu-project"')));
    if (project || !Files.oneDocument(files) || (one && (await this.#forTheProject(one)))) {
      await this.corpus.addFiles(files);
      return;
    }
    const names = files.map((f) => f.name).join(' + ');
    this.encoding = chrome.encodingChoice() || null;
    // Reading and decoding a long file takes a while (in the worker): say so,
    // and let Cancel drop the result.
    const long = files.some((f) => f.size > 4 * SLICE_U16);
    const job = long ? documents.begin() : { cancelled: false };
    if (long) chrome.progress(t('progress.reading', { name: names }), 0);
    let result;
    try {
      result = await readFiles(files, this.#using(), chrome.importFormat() || null);
    } catch (e) {
      if (long) chrome.progress(null);
      if (job.cancelled) return;
      // A file of several documents (JSONL, a task list, a project…) is the project's to add.
      if (files.length === 1 && holdsSeveralDocuments(e)) {
        await this.corpus.addFiles(files);
        return;
      }
      chrome.showBanner(e.message);
      return;
    }
    if (job.cancelled) {
      this.#hint(t('files.openCancelled', { name: names }));
      chrome.progress(null);
      return;
    }
    if (result.kind === 'text') {
      await documents.open({ name: files[0].name, text: result.text, encoding: result.encoding, bytes: result.bytes });
      if (result.warnings?.length) chrome.showBanner(decodedNotes(files[0].name, result.warnings), 'warn');
      return;
    }
    let same = result.state.text === session.doc.text;
    // A text stored here already opens first, with its work: the file's annotations then replace that work as
    // they do on the open document, asked and undoable (opened from the file instead, they replaced it unasked).
    if (!same) {
      const stored = await this.#openStored(result.state.text);
      // Stored but not opened (Cancel, or the person stayed): the import stops, and the work is as it was.
      if (stored === false) {
        if (long) chrome.progress(null);
        return;
      }
      same = stored === true;
    }
    const { model } = session;
    let state;
    let notes;
    try {
      ({ state, notes } = importedState(model.labels, result.state, same ? session.doc.lengthCp : result.state.lengthCp));
    } catch (e) {
      if (long) chrome.progress(null);
      chrome.showBanner(t('files.notImported', { name: names, message: e.message }));
      return;
    }
    if (same) {
      // Same text: the import replaces the annotations, as one undoable change (and no open follows to end the progress line).
      if (long) chrome.progress(null);
      const n = model.annotations.length;
      if (n && !chrome.confirm(t('files.confirmReplace', { name: names, n }))) return;
      model.replaceAll(state);
      this.#hint(t('files.imported', { n: state.annotations.length, name: names }));
    } else {
      await documents.open({ name: state.name || files[0].name, text: state.text, encoding: state.encoding ?? 'UTF-8', state });
      this.#hint(t('files.opened', { n: state.annotations.length, name: names }));
    }
    // What was changed to make its labels usable is said where it stays until dismissed.
    if (notes.length) chrome.showBanner(t('banner.notes', { name: names, list: notes.join(t('list.semicolon')) }), 'warn');
    else chrome.hideBanner();
  }

  /** Pasted text opens as a new document of its own. */
  paste(text) {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-');
    return this.documents.open({ name: `pasted-${stamp}.txt`, text });
  }

  /** Opens the stored document whose text is `text`: whether it opened, or null when this browser has not stored it. */
  async #openStored(text) {
    const { persistence } = this.documents;
    if (!persistence?.storage) return null;
    const { sha256 } = this.decoder.core.textFacts(text);
    const opened = await persistence.openStored(sha256);
    return opened === null ? null : opened === true && this.session.doc?.text === text;
  }

  /**
   * The person chose another encoding: read the open file's bytes again with it.
   * A text that comes out different is another document (its annotations are
   * not carried over silently); the current one stays in Recent, and choosing
   * its encoding again brings it back with its annotations.
   */
  async chooseEncoding(label) {
    const { chrome, session } = this;
    this.encoding = label || null;
    const text = session.doc.text;
    const bytes = session.bytes ?? new TextEncoder().encode(text);
    let d;
    try {
      d = await decodeBytes(bytes, this.decoder, label || null);
    } catch (e) {
      chrome.showBanner(t('files.cannotReread', { name: session.name, message: e.message }));
      return;
    }
    if (d.text === text) {
      session.encoding = d.encoding;
      this.documents.updateStatus();
      this.#hint(t('files.sameText', { encoding: d.encoding }));
      return;
    }
    const n = session.model.annotations.length;
    if (n && !chrome.confirm(t('files.confirmReread', { encoding: d.encoding, name: session.name, n, was: session.encoding }))) return;
    await this.documents.open({ name: session.name, text: d.text, encoding: d.encoding, bytes });
    if (d.warnings.length) chrome.showBanner(decodedNotes(session.name, d.warnings), 'warn');
  }

  /**
   * The page state as the core reads it, without the text (the live
   * Document has it). The model's values are frozen plain values already, so
   * they go as they are: `toState()` would copy all of them once more.
   */
  #state() {
    const { labels, annotations, relations, docLabels, scheme } = this.session.model;
    return { name: this.session.name, encoding: this.session.encoding, labels, annotations, relations, docLabels, scheme };
  }

  /** Exports in the chosen format; a format that cannot carry everything says what it leaves out first. True when downloaded. */
  async exportChosen() {
    const { chrome, session } = this;
    const format = chrome.exportFormat();
    if (format === 'biaozhu') return this.exportNativeFile();
    const timer = exportTimer();
    let out;
    try {
      out = session.doc.exportFiles(format, this.#state());
    } catch (e) {
      chrome.showBanner(t('export.failed', { message: e.message }));
      return false;
    }
    timer.pause();
    if (out.leftOut.length && !(await chrome.confirmLeftOut(format, out.leftOut))) {
      this.#hint(t('export.cancelled'));
      return false;
    }
    timer.resume();
    for (const f of out.files) chrome.download(f.name, f.content, 'text/plain');
    timer.done(format);
    this.#hint(
      t('export.done', { n: session.model.annotations.length, format: formatName(format), files: out.files.map((f) => f.name).join(', ') }),
    );
    return true;
  }

  /** Downloads the native file; true when it was. */
  exportNativeFile() {
    const { chrome, session } = this;
    const timer = exportTimer();
    try {
      const json = session.doc.exportNativeJson(this.#state());
      const base = session.name.replace(/\.(txt|json|jsonl|ann)$/i, '') || 'document';
      chrome.download(`${base}.biaozhu.json`, json);
      timer.done('biaozhu');
      this.#hint(t('export.doneNative', { n: session.model.annotations.length }));
      return true;
    } catch (e) {
      chrome.showBanner(t('export.failed', { message: e.message }));
      return false;
    }
  }
}
