// The core's slow work, off the main thread: decoding files, building the
// jieba dictionary and segmenting texts, any of which would freeze the page
// for a long text if done there.
//
// Building the index of the whole dictionary (349 045 words) takes a few
// hundred milliseconds. The first text is segmented sooner, with an index of
// only the dictionary words it contains, which gives it the same words (see
// src/dict.rs); the whole index is built after that, for the texts that follow.
import init, { Segmenter, PackedDictionary, Suggester, decodeBytes, exportProject, importDocuments } from '../pkg/biaozhu.js';
import { cutPieces, segmentPieces } from './pieces.js';

/** What the page sends as soon as it has it (see boot.js): the compiled wasm and the dictionary's download. */
function fromPage() {
  let settle;
  const promise = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  return { promise, settle };
}
const sentModule = fromPage();
const sentDownload = fromPage();

const wasm = sentModule.promise.then((module) => init({ module_or_path: module }));

/**
 * The dictionary file: `{packed}` in the page's packed format, or `{text}`
 * in jieba's text format (a file a person put in its place). It is served as
 * a plain .gz file, so that any static host works, with or without
 * Content-Encoding support.
 */
const dictionary = sentDownload.promise
  .then((gzipped) => new Response(new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer())
  .then(async (buffer) => {
    await wasm;
    const bytes = new Uint8Array(buffer);
    return PackedDictionary.isPacked(bytes) ? { packed: new PackedDictionary(bytes) } : { text: bytes };
  });
dictionary.catch((e) => postMessage({ type: 'error', message: String(e?.message ?? e) }));

/** Entries read per call: many short calls let the engine optimise the reader, where one long call would run unoptimised. */
const STEP = 1 << 13;

/** The segmenter `dict` has begun building, once built (undefined if the picked entries could not be). */
function built(dict) {
  while (!dict.step(STEP));
  return dict.takeSegmenter();
}

let whole = null;

/** The segmenter of the whole dictionary, built once; tells the page when it is ready. */
function wholeSegmenter() {
  whole ??= dictionary.then((d) => {
    const t0 = performance.now();
    let segmenter;
    if (d.packed) {
      d.packed.buildAll();
      segmenter = built(d.packed);
      // Kept for the suggester's parts of speech (see suggesting), which frees it.
    } else segmenter = new Segmenter(d.text);
    postMessage({ type: 'ready', whole: true, buildMs: performance.now() - t0 });
    return segmenter;
  });
  return whole;
}

/**
 * Runs `use(segmenter)` with a segmenter that gives `text` the words of the
 * whole dictionary: the whole one once it is begun, else one of the words
 * `text` contains, after which the whole one is built.
 */
async function withSegmenter(text, use) {
  // The project's learnt words are laid over the whole dictionary only: a text is cut with them from the first.
  if (whole || learntWords) return use(await (learntWords ? suggesting() : whole));
  const d = await dictionary;
  const t0 = performance.now();
  const segmenter = !whole && d.packed?.buildFor(text) ? built(d.packed) : null;
  if (!segmenter) return use(await wholeSegmenter());
  postMessage({ type: 'ready', whole: false, buildMs: performance.now() - t0 });
  try {
    return use(segmenter);
  } finally {
    segmenter.free();
    // Once the words are on their way.
    setTimeout(wholeSegmenter);
  }
}

async function decode({ id, bytes, encoding }) {
  try {
    await wasm;
    const d = decodeBytes(bytes, encoding ?? undefined);
    postMessage({
      type: 'decoded',
      id,
      text: d.text,
      encoding: d.encoding,
      bom: d.bom,
      detected: d.detected,
      replaced: d.replaced,
      warnings: d.warnings ?? [],
    });
  } catch (e) {
    postMessage(failure(id, e));
  }
}

/** A job's error as the page takes it: the core's message, with its code and arguments when it has them (js/i18n). */
function failure(id, e) {
  return { type: 'error', id, message: String(e?.message ?? e), code: e?.code, args: e?.args };
}

async function segment({ id, text }) {
  try {
    await withSegmenter(text, (segmenter) => {
      const t0 = performance.now();
      const msg = { type: 'segmented', id, ...segmentPieces(segmenter, cutPieces(text)), ms: 0 };
      msg.ms = performance.now() - t0;
      postMessage(msg, [msg.wordsCp.buffer, msg.wordsU16.buffer, msg.kinds.buffer, msg.subwordsCp.buffer]);
    });
  } catch (e) {
    postMessage(failure(id, e));
  }
}

/**
 * A file of documents read by the core: the project object (`{name, labels,
 * documents}`), parsed here so that the page only receives it, never parses
 * the JSON of a corpus on its own thread.
 */
async function importFile({ id, fileName, bytes, format, encoding }) {
  try {
    await wasm;
    const project = JSON.parse(importDocuments(fileName, bytes, format ?? undefined, encoding ?? undefined));
    postMessage({ type: 'imported', id, project });
  } catch (e) {
    postMessage(failure(id, e));
  }
}

/** Formats whose export writes the words of each text, which only a segmenter gives. */
const NEEDS_WORDS = new Set(['prodigy', 'conll-word']);

/** The project in `format`; its files' bytes are transferred to the page, not copied. */
async function exportFiles({ id, format, project, only }) {
  try {
    await wasm;
    const json = JSON.stringify(project);
    const out = NEEDS_WORDS.has(format)
      ? (await wholeSegmenter()).exportProject(format, json, only ?? undefined)
      : exportProject(format, json, only ?? undefined);
    postMessage(
      { type: 'exported', id, files: out.files, leftOut: out.leftOut },
      out.files.map((f) => f.content.buffer),
    );
  } catch (e) {
    postMessage(failure(id, e));
  }
}

// Suggestions and learnt words (issue 17): the segmenter of the whole
// dictionary becomes a Suggester, which lays the project's learnt words over
// it and keeps the open document's words, so that a new annotation re-cuts
// only the lines holding its string; every other text is cut with them too.
let learntWords = false;
let suggester = null;
/** The mapping given before the suggester was made (a project with no learnt words does not build it at once). */
let pendingMapping = null;
/** What the page calls the open document (its SHA-256): every answer names it. */
let openDoc = null;
const learntDocs = new Set();

function suggesting() {
  suggester ??= wholeSegmenter().then(async (segmenter) => {
    const s = new Suggester(segmenter);
    if (pendingMapping !== null) s.setMapping(pendingMapping);
    const d = await dictionary;
    if (d.packed) {
      s.setPartsOfSpeech(d.packed.partsOfSpeech());
      d.packed.free();
    }
    return s;
  });
  whole = suggester;
  return suggester;
}

/** No suggestions, in the columns of `found`'s. */
const NONE = { startCp: [], endCp: [], startU16: [], endU16: [], label: [], labels: [], source: [], sources: [] };

/** The columns of the core's suggestions (see src/wasm/suggest.rs, `Found`), to post; `found` is freed. */
function columns(found) {
  const { startCp, endCp, startU16, endU16, label, labels, source, sources } = found;
  found.free();
  return { startCp, endCp, startU16, endU16, label, labels, source, sources };
}

/** The open document's suggestions (`columns`), its words when a re-cut changed them, and the learnt words (the project keeps them) when they may have changed. */
function answer(id, s, words, suggestions, withDict = Boolean(words)) {
  const msg = { type: 'suggested', id, doc: openDoc, suggestions, learnt: s.learntCount };
  const buffers = [
    suggestions.startCp,
    suggestions.endCp,
    suggestions.startU16,
    suggestions.endU16,
    suggestions.label,
    suggestions.source,
  ].map((a) => a.buffer);
  // Only when the words may have changed: on a long list it costs more than the rest of an update.
  if (withDict) msg.userDict = s.exportUserDict();
  if (words) {
    Object.assign(msg, {
      wordsCp: words.wordsCp,
      wordsU16: words.wordsU16,
      kinds: words.kinds,
      subwordsCp: words.subwordsCp,
      wordCount: words.wordCount,
    });
    words.free();
    buffers.push(msg.wordsCp.buffer, msg.wordsU16.buffer, msg.kinds.buffer, msg.subwordsCp.buffer);
  }
  postMessage(msg, buffers);
}

let refreshing = null;
// Read by the page benchmark (scripts/bench/page.mjs), to measure memory once the passes are made.
self.suggestBusy = () => refreshing !== null;

/**
 * After an answer, the lines a new learnt word changes that the answer did
 * not re-cut are re-cut and the suggestions of the lines the tagger's step
 * left stale made again, in short steps (a new message is taken between
 * two), and the document's suggestions (and words, when re-cut) sent once
 * more, unasked (id 0); then the passes planned over the lines learnt are
 * made, and the suggestions they change sent once more.
 */
function refreshLater(s) {
  clearTimeout(refreshing);
  let answered = false;
  const step = () => {
    const t0 = performance.now();
    // A few lines a call: a question that comes waits for the step to end, and a line takes up to a millisecond or two.
    let left = s.refresh(8);
    while (left && performance.now() - t0 < 20) left = s.refresh(8);
    if (left) {
      refreshing = setTimeout(step, 0);
      return;
    }
    if (!answered) {
      answered = true;
      answer(0, s, s.recutWords(), columns(s.suggest()));
    }
    // Then, after that answer (its words are awaited), the passes over the project's lines that opening a
    // document planned (one step per line makes a weaker tagger than the command line's figures are of), in
    // shorter steps: they run for seconds while a person works.
    let refining = s.refine(4);
    while (refining && performance.now() - t0 < 10) refining = s.refine(4);
    // The last pass leaves every line to suggest for again, and to answer once more.
    if (refining || s.refresh(0)) {
      answered = refining;
      refreshing = setTimeout(step, 0);
    } else refreshing = null;
  };
  refreshing = setTimeout(step, 0);
}

async function suggestJob(data) {
  try {
    if (data.type === 'suggestSettings' && !suggester && !data.userDict?.trim()) {
      pendingMapping = data.mapping ?? '';
      postMessage({ type: 'suggested', id: data.id, suggestions: NONE, userDict: '', learnt: 0 });
      return;
    }
    if (data.userDict?.trim()) learntWords = true;
    const s = await suggesting();
    const t0 = performance.now();
    let words;
    if (data.mapping !== undefined) s.setMapping(data.mapping ?? '');
    if (data.type === 'suggestSettings') {
      if (data.userDict !== undefined) s.replaceUserDict(data.userDict);
    } else if (data.type === 'suggestOpen') {
      s.open(data.text);
      openDoc = data.doc ?? null;
      // A document's annotations are learnt once a session: its changes after are learnt as they come.
      if (data.state && !learntDocs.has(openDoc)) words = s.learn(data.state, new Uint32Array());
      if (openDoc) learntDocs.add(openDoc);
      // Counted whether learnt now or before, so that a word it alone taught is forgotten once unlabelled.
      if (data.state) s.claim(data.state, data.own ?? '');
      if (data.recut) words ??= s.openWords();
    } else words = s.learn(data.state, Uint32Array.from(data.touched));
    const learnMs = performance.now() - t0;
    const suggestions = columns(s.suggest());
    // Before the answer, so that the page has them when it draws (the suggestion benchmark reads them).
    postMessage({ type: 'suggestTimes', learnMs, ms: performance.now() - t0 });
    answer(data.id, s, words, suggestions, Boolean(words) || data.type !== 'suggestLearn');
    refreshLater(s);
  } catch (e) {
    postMessage({ type: 'error', id: data.id, message: String(e?.message ?? e) });
  }
}

self.onmessage = ({ data }) => {
  if (data.type === 'module' || data.type === 'dictionary') {
    const { settle } = data.type === 'module' ? sentModule : sentDownload;
    if (data.error) settle.reject(new Error(data.error));
    else settle.resolve(data.module ?? data.gzipped);
  } else if (data.type === 'decode') decode(data);
  else if (data.type === 'segment') segment(data);
  else if (data.type === 'importDocuments') importFile(data);
  else if (data.type === 'exportProject') exportFiles(data);
  else if (data.type.startsWith('suggest')) suggestJob(data);
};
