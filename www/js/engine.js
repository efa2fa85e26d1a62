// The Rust core, twice: on the main thread for the open document (offsets,
// structure, snapping, formats), and in a worker that holds the dictionary
// and segments.
import init, * as core from '../pkg/biaozhu.js';
import { newWorker, takeWorker, wasmModule } from './boot.js';

/** An error a worker reported, with the core's code and arguments when it had them (js/i18n's `errorText`). */
const coreError = ({ message, code, args }) => Object.assign(new Error(message), code ? { code, args } : {});

let loaded = null;

/** The core on the main thread, from the module boot.js compiled (small and quick: no dictionary). */
export function loadCore() {
  loaded ??= wasmModule.then((module) => init({ module_or_path: module })).then(() => core);
  return loaded;
}

/** Formats whose export writes the words of each text: the job's worker gets the dictionary. */
const NEEDS_WORDS = new Set(['prodigy', 'conll-word']);

/**
 * Runs one long job (a file of documents read, a whole project written) in a
 * worker of its own, ended after it: the wasm memory a corpus needs (hundreds
 * of MB for 50 MB of text) is given back, which the segmentation worker,
 * living on, could never do (a wasm memory only grows).
 */
async function job(message, transfer, dictionary = false) {
  const worker = newWorker({ dictionary });
  try {
    return await new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === 'error') reject(coreError(data));
        else if (data.type === 'imported' || data.type === 'exported') resolve(data);
      };
      worker.onerror = (e) => reject(new Error(e.message || 'the worker for this job failed to start'));
      worker.postMessage({ ...message, id: 1 }, transfer);
    });
  } finally {
    worker.terminate();
  }
}

/** The segmentation worker: `segment(text)` resolves to typed arrays of words. */
export class Segmentation {
  constructor(onState) {
    this.pending = new Map();
    this.nextId = 1;
    this.onState = onState;
    /** A segmentation asked for ahead of `segment` (see `prefetch`). */
    this.ahead = null;
    this.worker = takeWorker(
      (data) => this.#receive(data),
      (e) => this.#fail(e.message || 'the segmentation worker failed to start'),
    );
  }

  #receive(data) {
    if (data.type === 'ready') this.onState({ state: 'dictionary', ...data });
    else if (data.type === 'suggestTimes') this.suggestTimes = data;
    else if (data.type === 'suggested' && !data.id) this.onSuggested?.(data);
    else if (['segmented', 'decoded', 'imported', 'exported', 'suggested'].includes(data.type)) {
      this.pending.get(data.id)?.resolve(data);
      this.pending.delete(data.id);
    } else if (data.type === 'error') {
      if (data.id) {
        this.pending.get(data.id)?.reject(coreError(data));
        this.pending.delete(data.id);
      } else this.#fail(data.message);
    }
  }

  #fail(message) {
    this.onState({ state: 'failed', message });
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  #ask(message, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Words of `text`: `{wordsCp, wordsU16, kinds, subwordsCp, wordCount}`. */
  segment(text) {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead?.text === text) return ahead.words;
    return this.#ask({ type: 'segment', text });
  }

  /**
   * Starts segmenting `text` now, for the next `segment(text)` to take: the
   * worker works while the page lays the text out.
   */
  prefetch(text) {
    const words = this.#ask({ type: 'segment', text });
    words.catch(() => {}); // reported to whoever takes it
    this.ahead = { text, words };
  }

  /**
   * Suggestions and learnt words (issue 17), all in the worker; each
   * resolves to `{suggestions, learnt, doc}`, `suggestions` as columns
   * `{startCp, endCp, startU16, endU16, label, labels, source, sources}`
   * (see controllers/suggestions.js, `suggestionRows`), and `userDict` when the learnt words may have changed (`doc`: what `suggestOpen` called the open document), with `wordsCp, wordsU16, kinds,
   * subwordsCp, wordCount` of the open document when learnt words re-cut it.
   * `suggestSettings`: the part-of-speech mapping (`nr=PER,ns=LOC`) and the
   * user dictionary (jieba lines; undefined: kept) — a bad line is refused,
   * naming it. `suggestOpen`: the open document's text, learnt from its
   * state (JSON) when given (its words always come back when `recut`), and
   * `own` the learnt words it alone taught, one a line (forgotten once it
   * labels them nowhere). `suggestLearn`: its state after a change, and
   * the code point `start, end` pairs the change touched. Both take the
   * mapping in use too (the open document's labels may give it). The lines
   * not learnt or re-cut keep their suggestions until the worker has made
   * them again, a moment later: they come unasked, to `onSuggested(answer)`.
   */
  suggestSettings(mapping, userDict) {
    return this.#ask({ type: 'suggestSettings', mapping, userDict });
  }

  suggestOpen(text, state, { recut = false, mapping, doc, own = '' } = {}) {
    return this.#ask({ type: 'suggestOpen', text, state, recut, mapping, doc, own });
  }

  suggestLearn(state, touched, mapping) {
    return this.#ask({ type: 'suggestLearn', state, touched, mapping });
  }

  /**
   * Bytes to text with the core's decoder, in the worker: `{text, encoding,
   * bom, detected, replaced, warnings}`; rejects with the core's message.
   * `encoding` is a label the person chose, or null to detect.
   */
  decode(bytes, encoding = null) {
    return this.#ask({ type: 'decode', bytes, encoding });
  }

  /**
   * A file of one or many documents read by the core in the worker (a
   * project file, doccano or Prodigy JSONL, a Label Studio task list, CoNLL
   * with -DOCSTART-, a brat ZIP, a W3C collection, or any one-document
   * annotation file; not a plain text): resolves to `{name, labels,
   * documents: [{name, text, encoding?, lengthCp, sha256, status,
   * annotations, relations, docLabels}]}`, parsed in the worker. `bytes` (a
   * Uint8Array) is transferred, not copied: the caller's array is empty
   * afterwards. `format` is a format name, or null to tell it from the name
   * and content; `encoding` a label the person chose, or null to detect.
   * Rejects with the core's message, naming the file, line and entry;
   * nothing is half-read.
   */
  async importDocuments(fileName, bytes, format = null, encoding = null) {
    const data = await job({ type: 'importDocuments', fileName, bytes, format, encoding }, [bytes.buffer]);
    return data.project;
  }

  /**
   * The project written as `format` in its multi-document form (brat: one
   * ZIP): `project` is `{name, labels, documents: [{name, text, encoding?,
   * status, annotations, relations, docLabels}]}`, `only` a status to keep
   * (`'done'`) or null for all. Resolves to `{files: [{name, content}],
   * leftOut}`, each `content` a Uint8Array transferred from the worker.
   * Prodigy and conll-word get the words of the worker's dictionary.
   */
  async exportProject(format, project, only = null) {
    const { files, leftOut } = await job({ type: 'exportProject', format, project, only }, [], NEEDS_WORDS.has(format));
    return { files, leftOut };
  }
}
