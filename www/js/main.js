// The controller: it owns the application state (the open document, its
// annotation model, the pending selection and the picked annotation),
// turns what the view reports into intents on the model, and asks the view to
// draw. Offsets in the model are code points; the view works in UTF-16 units;
// the Rust core converts between them.
import { SAMPLE, sampleResponse } from './boot.js';
import { loadCore, Segmentation } from './engine.js';
import { AnnotationModel } from './model.js';
import { DEFAULT_LABELS, nextFreeColor, nextFreeKey, newLabelId } from './labels.js';
import { openStorage } from './storage.js';
import { Autosave } from './autosave.js';
import { dropUnsaved, keepUnsaved, takeUnsaved } from './unsaved.js';
import { View } from './view.js';
import { decodeBytes, readFiles, FORMATS } from './io.js';
// Imported by engine.js and view.js; named here too so that they are fetched
// with the modules above rather than after them, a round trip later (index.html
// has no modulepreload: see there).
import '../pkg/biaozhu.js';
import './drag-select.js';

const view = new View();
const app = {
  core: null,
  doc: null, // wasm Document of the open text
  text: '',
  name: '',
  sha: '',
  encoding: 'UTF-8',
  model: null,
  unsubscribe: null,
  storage: null,
  storageReady: null, // the database while it opens (see start)
  storageFailed: false,
  autosave: null, // writes the open document's changes (autosave.js)
  keptUnsaved: null, // the document whose unwritten changes were kept on leaving (unsaved.js)
  words: null, // {wordsU16, wordCount} once segmentation arrives
  segmenter: null,
  dictionary: 'loading',
  bytes: null, // the file as read, when it is not plain UTF-8 (for decoding again)
  paragraphsCp: null, // the open text's paragraphs, fetched from the core when first needed
  listedInRecent: false,
  conflict: false, // another tab saved this document: stop saving until the person chooses
  selection: null, // pending selection, {start, end, anchor, focus} in code points
  picked: null, // id of the picked annotation
  labelInfo: new Map(), // label id -> {index, color, tag}: how its annotations are drawn
  rows: new WeakMap(), // annotation -> its row in the side list, made once (see listRow)
  caret: null, // keyboard caret, a code point position
  cycle: null, // {cp, index}: repeated clicks at one place step through the spans there
  exact: false,
  opening: null, // {cancelled}: the open in progress, which Cancel stops
  openSeq: 0,
};

// ---- status -------------------------------------------------------------------

// Numbers and times are formatted here rather than with toLocaleString: its
// first call loads the locale's formats (15–20 ms in Chromium), on the way to
// the first document being ready.
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const clock = (d) => [d.getHours(), d.getMinutes(), d.getSeconds()].map((x) => String(x).padStart(2, '0')).join(':');

function updateStatus() {
  if (!app.doc) return;
  const parts = [
    `${grouped(app.doc.lengthCp)} characters`,
    app.words ? `${grouped(app.words.wordCount)} words` : 'words: segmenting…',
    `${app.doc.nonblankParagraphs()} paragraphs`,
    `${app.doc.sentenceCount} sentences`,
    `dictionary: ${app.dictionary}`,
    `encoding: ${app.encoding}`,
  ];
  view.setStatus(parts.join(' · '));
}

function hint(text) {
  view.setHint(text);
}

// ---- drawing ----------------------------------------------------------------------

/** The annotations' pieces in UTF-16 `[su, eu)`, as the view draws them (see `View.setAnnotationSource`). */
function annotationsInU16(su, eu) {
  if (!app.model || su >= eu) return [];
  const [cs, ce] = app.doc.u16ToCp(Uint32Array.of(su, eu));
  // Discontinuous annotations are drawn fragment by fragment.
  const pieces = [];
  for (const a of app.model.overlapping(cs, ce)) {
    if (a.fragments?.length) a.fragments.forEach(([s, e], i) => { if (s < ce && e > cs) pieces.push([a, s, e, i === 0]); });
    else pieces.push([a, a.start, a.end, true]);
  }
  const cps = new Uint32Array(pieces.length * 2);
  pieces.forEach(([, s, e], i) => { cps[i * 2] = s; cps[i * 2 + 1] = e; });
  const u16 = app.doc.cpToU16(cps);
  return pieces.map(([a, , , first], i) => {
    const l = app.labelInfo.get(a.label) ?? { index: -1, color: '#999999', tag: a.label };
    // A discontinuous annotation is named once, at its first piece.
    return { id: a.id, su: u16[i * 2], eu: u16[i * 2 + 1], labelIndex: l.index, color: l.color, tag: first ? l.tag : '', picked: a.id === app.picked };
  });
}

/**
 * Row `i` of the side list: the `i`-th annotation in text order. Annotations
 * are immutable values, so a row made for one stays right until the labels
 * change; the view keeps the element of a row it is handed again.
 */
function listRow(i) {
  const a = app.model.annotations[i];
  let row = app.rows.get(a);
  if (row) return row;
  const l = app.labelInfo.get(a.label) ?? { color: '#999999', tag: a.label };
  const quote = a.fragments?.length ? a.fragments.map(([s, e]) => app.doc.sliceCp(s, e)).join(' … ') : app.doc.sliceCp(a.start, a.end);
  const extra = [a.note ? `note: ${a.note}` : '', ...Object.entries(a.attributes ?? {}).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(' · ');
  row = { id: a.id, tag: l.tag, color: l.color, quote, start: a.start, end: a.end, extra };
  app.rows.set(a, row);
  return row;
}

function drawList() {
  const anns = app.model.annotations;
  const picked = app.picked ? anns.indexOf(app.model.byId(app.picked)) : -1;
  view.renderList(anns.length, listRow, picked);
}

function drawRelations() {
  const quoteOf = (id) => { const a = app.model.byId(id); return a ? app.doc.sliceCp(a.start, a.end) : id; };
  view.renderRelations(app.model.relations.map((r) => ({ id: r.id, from: r.from, to: r.to, text: `${quoteOf(r.from)} → ${r.kind ?? r.label ?? ''} → ${quoteOf(r.to)}` })));
}

/** Draws everything of the open document (after an open or a label change). */
function draw() {
  if (!app.model) return;
  view.redrawAll();
  view.renderDocLabels(app.model.docLabels);
  drawList();
  drawRelations();
  view.setUndoRedo(app.model.canUndo, app.model.canRedo);
}

/** Redraws the spans of `annotations` (before and after a change, or a pick), wherever they are in view. */
function redrawSpans(annotations) {
  const cps = new Uint32Array(annotations.length * 2);
  annotations.forEach((a, i) => { cps[i * 2] = a.start; cps[i * 2 + 1] = a.end; });
  view.redrawU16(app.doc.cpToU16(cps));
}

/** Draws what one change of the model touched, and nothing else. */
function drawChange(change) {
  const s = change.annotations;
  if (s) redrawSpans([...s.created, ...s.deleted, ...s.updated.flat()]);
  if (change.docLabels) view.renderDocLabels(app.model.docLabels);
  drawList();
  // A relation shows the quotes of its ends, which an annotation change can alter.
  if (change.relations || (s && app.model.relations.length)) drawRelations();
  view.setUndoRedo(app.model.canUndo, app.model.canRedo);
}

/** Picks annotation `id` (or none), redrawing only the old and the new pick. */
function setPicked(id) {
  if (id === app.picked) return;
  const before = app.picked && app.model.byId(app.picked);
  app.picked = id;
  const after = id && app.model.byId(id);
  redrawSpans([before, after].filter(Boolean));
  drawList();
}

function drawLabels() {
  app.labelInfo = new Map(app.model.labels.map((l, i) => [l.id, { index: i, color: l.color, tag: l.name }]));
  app.rows = new WeakMap();
  view.setLabelStyles(app.model.labels);
  view.renderLabels(app.model.labels);
  if (view.isDialogOpen()) view.renderLabelRows(app.model.labels);
}

// ---- saving -----------------------------------------------------------------------

/** The sample article index.html holds for the first paint (scripts/prerender.mjs), by its SHA-256. */
const PRERENDERED = document.querySelector('#text > .page.pre.first')?.dataset.sha ?? null;

/**
 * Notes whether the next page will open that sample or another document, for
 * js/first-view.js, which must know before the first paint (the database
 * opens long after).
 */
function noteOpened(sha) {
  try {
    localStorage.setItem('biaozhu:opens', sha === PRERENDERED ? 'sample' : 'other');
  } catch {
    // Without localStorage the sample shows first and is replaced: a moment's flash, nothing lost.
  }
}

/** Autosaves a change of the open document (what the model's onChange gave): see autosave.js. */
function save(change, how) {
  // Measured (biaozhu:save) because it runs on every keypress that changes something: see scripts/bench/autosave.mjs.
  const t0 = performance.now();
  try {
    if (app.conflict) view.setSaved('not saved: changed in another tab');
    else app.autosave?.record(change, how);
  } finally {
    performance.measure('biaozhu:save', { start: t0 });
  }
}

/**
 * Starts autosaving the document just opened, whose model was loaded from
 * `stored` ({base, seq}: a snapshot and its deltas; null: nothing), `exact`ly
 * or not; nothing is written until it changes or `snapshot()`.
 */
function startAutosave(stored, exact) {
  const { sha } = app;
  app.autosave = app.storage && new Autosave(app.storage, sha, app.model, {
    name: app.name,
    length: app.doc.lengthCp,
    stored,
    exact,
    compacted: (from, to) => tabs?.postMessage({ type: 'compacted', sha, tab: TAB, from, to }),
    saved(announce) {
      view.setSaved(`saved ${clock(new Date())}`);
      // A compaction changes nothing another tab could lose.
      if (announce) tabs?.postMessage({ type: 'saved', sha, tab: TAB });
      if (app.keptUnsaved === sha && app.autosave?.allWritten) { dropUnsaved(sha); app.keptUnsaved = null; }
      if (!app.listedInRecent) { app.listedInRecent = true; refreshRecent(); }
      if (app.storageFailed) { app.storageFailed = false; view.hideBanner(); }
    },
    failed: storageFailed,
    conflict: () => sha === app.sha && otherTabSaved(),
    tab: TAB,
  });
}

function storageFailed(e) {
  app.storageFailed = true;
  view.setSaved('NOT SAVED');
  view.showBanner(
    `Your work could not be saved in this browser (${e.message}). It is kept in this tab only: export it now to keep it.`,
    'warn',
    { text: 'Export now', run: exportNative },
  );
}

// ---- other tabs ------------------------------------------------------------------

// Two tabs on one document would each save over the other's work. Every save
// is announced; a tab that hears of a save of its own document from another
// tab stops saving and asks which version to keep.
const TAB = Math.random().toString(36).slice(2);
const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('biaozhu') : null;

tabs?.addEventListener('message', ({ data }) => {
  if (data?.sha !== app.sha || data.tab === TAB || !app.model) return;
  if (data.type === 'saved') otherTabSaved();
  // The other tab only folded its deltas into a snapshot: nothing changed, so follow it.
  else if (data.type === 'compacted') app.autosave?.rebase(data.from, data.to);
});

/** Another tab saved the open document (it said so, or its snapshot replaced ours). */
function otherTabSaved() {
  app.conflict = true;
  app.autosave?.hold();
  view.setSaved('not saved: changed in another tab');
  view.showBanner(
    'This document was changed and saved in another tab. This tab stops saving until you choose: load the other tab’s version (this tab’s unsaved changes are dropped), or keep this tab’s version (it is saved over the other).',
    'warn',
    { text: 'Load the other tab’s version', run: loadOtherTab },
    { text: 'Keep this tab’s version', run: keepThisTab },
  );
}

async function loadOtherTab() {
  const rec = await app.storage.load(app.sha);
  view.hideBanner();
  // Opened as from Recent: its saved snapshot and the changes after it are read again, and nothing is written.
  if (rec) await openDocument({ name: rec.name, text: rec.text, encoding: rec.encoding ?? 'UTF-8', bytes: rec.bytes });
}

function keepThisTab() {
  app.conflict = false;
  view.hideBanner();
  // The changes made meanwhile were not written as deltas: the whole state goes, and the other tab hears of it.
  app.autosave?.snapshot({ announce: true });
}

// ---- documents -----------------------------------------------------------------

class Cancelled extends Error {}

/** Lets the browser paint and handle input between slices of long work. */
function yieldToUI() {
  return globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((ok) => setTimeout(ok, 0));
}

/** UTF-16 units per slice handed to the core: small enough to stay well under 50 ms. */
const SLICE_U16 = 1 << 18;

/** Builds the core's Document of `text` a slice at a time (see `DocumentBuilder`). */
async function buildDocument(text, pause) {
  if (text.length <= SLICE_U16) return new app.core.Document(text);
  const builder = new app.core.DocumentBuilder();
  try {
    for (let at = 0; at < text.length;) {
      let end = Math.min(text.length, at + SLICE_U16);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last < 0xdc00) end -= 1; // never split a surrogate pair
      builder.push(text.slice(at, end));
      at = end;
      await pause(at / text.length);
    }
  } catch (e) {
    builder.free();
    throw e;
  }
  return builder.finish();
}

/**
 * Opens a text: indexes it in the core and lays it out off-screen, in slices
 * with a progress line for a long text (Cancel leaves the open document as it
 * was), then swaps it in, restores its saved annotations, and asks the worker
 * for its words.
 */
async function openDocument({ name, text, encoding = 'UTF-8', bytes = null, state = null, history = null }) {
  app.opening && (app.opening.cancelled = true);
  const job = { cancelled: false };
  app.opening = job;
  const big = text.length > SLICE_U16;
  let last = performance.now();
  const pause = (what) => async (done) => {
    if (done < 1 && performance.now() - last < 25) return;
    if (big) view.progress(what, done);
    await yieldToUI();
    last = performance.now();
    if (job.cancelled) throw new Cancelled();
  };
  let doc = null;
  let built;
  try {
    if (big) view.progress(`Reading ${name}…`, 0);
    doc = await buildDocument(text, pause(`Indexing ${name}…`));
    const paraU16 = doc.paragraphsU16();
    // The sample's text is on screen already when index.html held it (scripts/prerender.mjs).
    built = view.adoptText(text, paraU16) ?? await view.buildText(text, paraU16, pause(`Laying out ${name}…`));
  } catch (e) {
    doc?.free();
    if (app.opening === job) view.progress(null);
    if (e instanceof Cancelled) {
      if (app.opening === job) hint(`Opening ${name} was cancelled; nothing changed.`);
      return false;
    }
    view.showBanner(`${name} was not opened: ${e.message}`);
    return false;
  }
  view.progress(null);
  app.opening = null;
  const seq = ++app.openSeq;
  // Until the new document's model exists, nothing may draw the old model over the new text.
  app.unsubscribe?.();
  app.unsubscribe = null;
  app.model = null;
  app.doc?.free();
  Object.assign(app, { doc, text, name, encoding, bytes, sha: doc.sha256, paragraphsCp: null, listedInRecent: false, conflict: false, words: null, selection: null, picked: null, cycle: null, caret: null });
  view.setState('segmenting');
  view.showText(built);
  view.setDocName(name);
  performance.mark('biaozhu:text-visible');
  hint('');
  // The first text shows before the database has opened; its saved work is read once it has.
  if (app.storageReady) {
    app.storage = await app.storageReady;
    app.storageReady = null;
    if (seq !== app.openSeq) return false;
  }

  let saved = null;
  if (!state && app.storage) {
    try { saved = await app.storage.load(app.sha); } catch (e) { storageFailed(e); }
    if (seq !== app.openSeq) return false;
  }
  if (!app.bytes && saved?.bytes) app.bytes = saved.bytes;
  // What the last page had not got into storage when it went (unsaved.js), if storage has nothing newer.
  const leftover = !state && app.storage ? takeUnsaved(app.sha, saved?.state ? saved.writer : null) : null;
  const initial = state ?? leftover?.state ?? saved?.state ?? { labels: DEFAULT_LABELS };
  app.model = new AnnotationModel({ ...initial, history: state ? history : (leftover ?? saved)?.history ?? null, length: doc.lengthCp });
  // The changes saved after the snapshot, made again; a log that stops fitting keeps what fits.
  const log = state || leftover ? [] : saved?.deltas ?? [];
  let replayed = 0;
  try {
    for (const { change, how } of log) { app.model.replay(change, how); replayed++; }
  } catch (e) {
    view.showBanner(`The last ${log.length - replayed} of the changes saved for ${name} could not be restored (${e.message}); the others are here.`, 'warn');
  }
  startAutosave(saved?.state ? { base: saved.base, seq: saved.deltas.length } : null, !leftover && replayed === log.length);
  if (leftover) view.setSaved('restored changes the last page had not saved');
  app.unsubscribe = app.model.onChange((change, how) => {
    if (app.picked && !app.model.byId(app.picked)) app.picked = null;
    const l = change.labels;
    if (l && (l.created?.length || l.deleted?.length || l.updated?.length || l.order)) {
      // Label indices, colours and names are in every mark: draw all that is in view.
      drawLabels();
      draw();
    } else drawChange(change);
    save(change, how);
  });
  drawLabels();
  draw();
  updateStatus();
  // Text shown and the annotations in view drawn: where scripts/bench/page.mjs stops timing an open.
  performance.mark('biaozhu:opened');
  // Words first: the storage writes below need nothing from them.
  segment(seq);

  if (app.storage) {
    try {
      await app.storage.putText(app.sha, { name, text, encoding, bytes: app.bytes });
      await app.storage.setLast(app.sha);
      noteOpened(app.sha);
      // A state read back from storage is saved already: writing it again would tell other tabs of a change that is none.
      if (!saved?.state || state || leftover) app.autosave.snapshot({ announce: true });
      else { app.listedInRecent = true; await refreshRecent(); }
    } catch (e) { storageFailed(e); }
  }
  return true;
}

async function segment(seq) {
  try {
    const words = await app.segmenter.segment(app.text);
    if (seq !== app.openSeq) return;
    await handWords(words, seq);
    if (seq !== app.openSeq) return;
    app.words = words;
    // Tinting every other word doubles the cost of painting the text: kept
    // for texts a person reads through; a long one shows the word under the
    // pointer only.
    if (words.wordCount < 150_000) view.showWords(words.wordsU16);
    updateStatus();
    view.setState('ready');
    performance.mark('biaozhu:ready');
  } catch (e) {
    if (seq !== app.openSeq) return;
    view.showBanner(`Word segmentation failed (${e.message}); selections will snap to exact characters only.`, 'warn');
    view.setState('ready-without-words');
  }
}

/** Gives the worker's words to the core's Document in slices, so no task runs long on a long text. */
async function handWords(words, seq) {
  const SLICE = 1 << 17;
  const n = words.kinds.length;
  const subs = words.subwordsCp;
  let s = 0;
  for (let i = 0; i < n || s < subs.length; i += SLICE) {
    const j = Math.min(n, i + SLICE);
    // Sub-word boundaries go with the words they fall in.
    const upTo = j < n ? words.wordsCp[j * 2] : Infinity;
    let t = s;
    while (t < subs.length && subs[t] <= upTo) t++;
    app.doc.appendWords(words.wordsCp.subarray(i * 2, j * 2), words.kinds.subarray(i, j), subs.subarray(s, t));
    s = t;
    if (j < n) {
      await yieldToUI();
      if (seq !== app.openSeq) return;
    }
    if (j >= n && s >= subs.length) break;
  }
  app.doc.finishWords();
}

async function refreshRecent() {
  if (!app.storage) return;
  view.renderRecent(await app.storage.recent(), app.sha);
}

async function openFiles(files) {
  const names = files.map((f) => f.name).join(' + ');
  // Reading and decoding a long file takes a while (in the worker): say so,
  // and let Cancel drop the result.
  const job = { cancelled: false };
  const long = files.some((f) => f.size > 4 * SLICE_U16);
  if (long) {
    app.opening && (app.opening.cancelled = true);
    app.opening = job;
    view.progress(`Reading ${names}…`, 0);
  }
  let result;
  try {
    result = await readFiles(files, { ...app, chosenEncoding: view.encodingChoice() || null }, view.importFormat() || null);
  } catch (e) {
    if (long) view.progress(null);
    if (!job.cancelled) view.showBanner(e.message);
    return;
  }
  if (job.cancelled) {
    hint(`Opening ${names} was cancelled; nothing changed.`);
    view.progress(null);
    return;
  }
  if (result.kind === 'text') {
    await openDocument({ name: files[0].name, text: result.text, encoding: result.encoding, bytes: result.bytes });
    if (result.warnings?.length) view.showBanner(`${files[0].name}: ${result.warnings.join('; ')}`, 'warn');
    return;
  }
  const state = { ...result.state, labels: mergeLabels(app.model.labels, result.state.labels ?? []) };
  if (state.text === app.text) {
    // Same text: the import replaces the annotations, as one undoable change.
    const n = app.model.annotations.length;
    if (n && !confirm(`Importing ${names} replaces the ${n} annotations of this document (you can undo). Continue?`)) return;
    app.model.replaceAll(state);
    hint(`Imported ${state.annotations.length} annotations from ${names} (Ctrl+Z undoes).`);
  } else {
    await openDocument({ name: state.name || files[0].name, text: state.text, encoding: state.encoding ?? 'UTF-8', state });
    hint(`Opened ${names} with ${state.annotations.length} annotations.`);
  }
  view.hideBanner();
}

/**
 * The labels an import brings, with the page's name, colour and key kept for
 * every label id the page already has (a file written by id, such as brat's
 * `PER`, then shows as 人物 PER again); new ids get a free colour and key.
 */
function mergeLabels(current, imported) {
  const known = new Map([...DEFAULT_LABELS, ...current].map((l) => [l.id, l]));
  const out = [];
  for (const l of imported) {
    const mine = known.get(l.id);
    if (mine) out.push({ ...mine });
    else {
      const color = /^#[0-9a-f]{6}$/i.test(l.color ?? '') ? l.color : nextFreeColor(out);
      const key = l.key && !out.some((o) => o.key === l.key) ? l.key : nextFreeKey(out);
      out.push({ id: l.id, name: l.name || l.id, color, key });
    }
  }
  // Labels the page has that the file does not use stay available.
  for (const l of current) if (!out.some((o) => o.id === l.id)) out.push({ ...l, key: out.some((o) => o.key === l.key) ? nextFreeKey(out) : l.key });
  return out;
}

/**
 * The person chose another encoding: read the open file's bytes again with it.
 * A text that comes out different is another document (its annotations are
 * not carried over silently); the current one stays in Recent, and choosing
 * its encoding again brings it back with its annotations.
 */
async function chooseEncoding(label) {
  app.chosenEncoding = label || null;
  const bytes = app.bytes ?? new TextEncoder().encode(app.text);
  let d;
  try {
    d = await decodeBytes(bytes, app, label || null);
  } catch (e) {
    view.showBanner(`${app.name} cannot be read that way, nothing changed: ${e.message}`);
    return;
  }
  if (d.text === app.text) {
    app.encoding = d.encoding;
    updateStatus();
    hint(`The text is the same read as ${d.encoding}.`);
    return;
  }
  const n = app.model.annotations.length;
  if (n && !confirm(`Read as ${d.encoding}, ${app.name} becomes a different text. Its ${n} annotations stay with the ${app.encoding} reading (in Recent; choose ${app.encoding} again to return). Continue?`)) return;
  await openDocument({ name: app.name, text: d.text, encoding: d.encoding, bytes });
  if (d.warnings.length) view.showBanner(`${app.name}: ${d.warnings.join('; ')}`, 'warn');
}

/**
 * The page state as the core reads it. The model's values are frozen plain
 * values already, so they are written as they are: `toState()` would copy
 * all of them once more before the JSON copy (for 10 000 annotations, tens of
 * milliseconds of an export).
 */
function stateJson() {
  const { labels, annotations, relations, docLabels } = app.model;
  return JSON.stringify({ name: app.name, text: app.text, encoding: app.encoding, labels, annotations, relations, docLabels });
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
    pause() { paused = performance.now(); },
    resume() { paused = performance.now() - paused; },
    done(format) { performance.measure('biaozhu:export', { start, duration: performance.now() - start - paused, detail: { format } }); },
  };
}

/** Exports in the chosen format; a format that cannot carry everything says what it leaves out first. */
async function exportChosen() {
  const format = view.exportFormat();
  if (format === 'biaozhu') { exportNative(); return; }
  const timer = exportTimer();
  let out;
  try {
    out = app.core.exportAs(format, stateJson(), app.words ? app.words.wordsCp : undefined);
  } catch (e) {
    view.showBanner(`Export failed: ${e.message}`);
    return;
  }
  timer.pause();
  if (out.leftOut.length && !(await view.confirmLeftOut(format, out.leftOut))) {
    hint('Export cancelled.');
    return;
  }
  timer.resume();
  for (const f of out.files) view.download(f.name, f.content, 'text/plain');
  timer.done(format);
  hint(`Exported ${app.model.annotations.length} annotations as ${format} (${out.files.map((f) => f.name).join(', ')}).`);
}

function exportNative() {
  const timer = exportTimer();
  try {
    const json = app.core.exportNative(stateJson());
    const base = app.name.replace(/\.(txt|json|jsonl|ann)$/i, '') || 'document';
    view.download(`${base}.biaozhu.json`, json);
    timer.done('biaozhu');
    hint(`Exported ${app.model.annotations.length} annotations.`);
  } catch (e) {
    view.showBanner(`Export failed: ${e.message}`);
  }
}

// ---- selection ------------------------------------------------------------------

function u16ToCp(...us) {
  return app.doc.u16ToCp(Uint32Array.from(us));
}

function setSelection(start, end, note = '', ends = { anchor: start, focus: end }) {
  app.selection = { start, end, ...ends };
  const [su, eu] = app.doc.cpToU16(Uint32Array.of(start, end));
  view.setSelectionU16(su, eu);
  const quote = app.doc.sliceCp(start, end);
  hint(`${note}Selected “${quote.length > 40 ? `${quote.slice(0, 40)}…` : quote}” [${start}, ${end}) — press a label key (1–9) or w to widen.`);
}

function clearSelection() {
  app.selection = null;
  view.clearSelection();
}

function pick(id) {
  setPicked(id);
  if (id) {
    const a = app.model.byId(id);
    const label = app.model.labels.find((l) => l.id === a.label);
    hint(`Picked ${label?.name ?? a.label} “${app.doc.sliceCp(a.start, a.end)}” [${a.start}, ${a.end}) — a label key relabels, Delete deletes, Shift+← → resizes.`);
  }
}

function onMouseUp({ altKey, x, y, target }) {
  if (!app.model) return;
  if (target.closest?.('.bar, .tag')) {
    clearSelection();
    pick(target.closest('.bar, .tag').dataset.id);
    return;
  }
  const sel = view.selectionU16();
  if (!sel) {
    onClick(x, y);
    return;
  }
  const exact = app.exact || altKey;
  let snapped;
  try {
    snapped = app.doc.snap(sel[0], sel[1], exact);
  } catch (e) {
    hint(e.message);
    return;
  }
  if (snapped.length === 0) {
    clearSelection();
    hint('Only whitespace was selected.');
    return;
  }
  setPicked(null);
  app.cycle = null;
  setSelection(snapped[0], snapped[1], snapped[4] ? 'The selection crossed a line break, so it was cut at the end of its first paragraph. ' : '');
}

function onClick(x, y) {
  const u = view.pointU16(x, y);
  app.selection = null;
  if (u === null) return;
  const [cp] = u16ToCp(u);
  app.caret = cp;
  view.showCaret(null);
  const here = app.model.at(cp);
  if (!here.length) {
    if (app.picked) pick(null);
    app.cycle = null;
    hint('');
    return;
  }
  // Clicking again on the same character steps to the next span under it.
  const same = app.cycle && app.cycle.cp === cp && here.some((a) => a.id === app.picked);
  const index = same ? (app.cycle.index + 1) % here.length : 0;
  app.cycle = { cp, index };
  pick(here[index].id);
  if (here.length > 1) hint(`${index + 1} of ${here.length} annotations here; click again for the next.`);
}

function onDoubleClick(u) {
  if (u === null || !app.doc.hasWords) return;
  const w = app.doc.wordAt(u);
  if (w.length) {
    setPicked(null);
    setSelection(w[0], w[1]);
  }
}

function onHover(u) {
  if (u === null || !app.model || !app.doc?.hasWords) { view.hoverWord(null); return; }
  const w = app.doc.wordAt(u);
  view.hoverWord(w.length ? [w[2], w[3]] : null);
}

function widen() {
  const s = app.selection ?? (app.picked ? app.model.byId(app.picked) : null);
  if (!s) { hint('Select some text first, then press w to widen it.'); return; }
  const [start, end] = app.doc.widen(s.start, s.end);
  setPicked(null);
  setSelection(start, end);
}

// ---- labelling and editing -------------------------------------------------------------

function applyLabel(labelId) {
  try {
    if (app.selection) {
      const { start, end } = app.selection;
      // Cleared first: clearing after the new marks are drawn would lay the page out twice.
      clearSelection();
      setPicked(null);
      const a = app.model.create({ start, end, label: labelId });
      const l = app.model.labels.find((x) => x.id === labelId);
      hint(`Added ${l.name} “${app.doc.sliceCp(a.start, a.end)}”.`);
    } else if (app.picked) {
      app.model.relabel(app.picked, labelId);
    } else {
      hint('Select some text (drag over it) before choosing a label.');
    }
  } catch (e) {
    hint(e.message);
  }
}

function resizePicked(forward, byChar, edge) {
  const a = app.model.byId(app.picked);
  if (!a) return;
  let { start, end } = a;
  if (edge === 'start') start = app.doc.step(start, forward, byChar);
  else end = app.doc.step(end, forward, byChar);
  if (start >= end) { hint('An annotation cannot be made empty; delete it instead (Delete).'); return; }
  try {
    app.model.resize(a.id, start, end);
    pick(a.id);
  } catch (e) {
    hint(e.message);
  }
}

function onKey(e) {
  if (!app.model) return;
  if (view.isDialogOpen() || e.target.closest?.('input, textarea, select')) return;
  const ctrl = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (ctrl && key === 'z' && !e.shiftKey) { e.preventDefault(); app.model.undo(); return; }
  if (ctrl && ((key === 'z' && e.shiftKey) || key === 'y')) { e.preventDefault(); app.model.redo(); return; }
  if (ctrl && key === 's') { e.preventDefault(); exportChosen(); return; }
  if (e.shiftKey && (key === 'ArrowLeft' || key === 'ArrowRight') && app.picked) {
    e.preventDefault();
    resizePicked(key === 'ArrowRight', e.altKey, ctrl ? 'start' : 'end');
    return;
  }
  if (!ctrl && (key === 'ArrowLeft' || key === 'ArrowRight')) {
    e.preventDefault();
    moveCaret(key === 'ArrowRight', e.shiftKey, e.altKey);
    return;
  }
  if (!ctrl && !e.altKey && !e.shiftKey && (key === 'ArrowDown' || key === 'ArrowUp')) {
    e.preventDefault();
    caretToParagraph(key === 'ArrowDown');
    return;
  }
  if (ctrl || e.altKey) return;
  if (key === 'Escape') { clearSelection(); pick(null); view.showCaret(null); hint(''); return; }
  if ((key === 'Delete' || key === 'Backspace') && app.picked) {
    e.preventDefault();
    app.model.remove(app.picked);
    hint('Deleted (Ctrl+Z brings it back).');
    return;
  }
  if (key === 'w') { e.preventDefault(); widen(); return; }
  if (key === 'x') { toggleExact(); return; }
  if (key === '?') { view.openDialog('help'); return; }
  const label = app.model.labels.find((l) => l.key === key);
  if (label) { e.preventDefault(); applyLabel(label.id); }
}

// ---- keyboard selection ------------------------------------------------------------

/**
 * The keyboard way to select: a caret that moves by words (Alt: by
 * characters) and from paragraph to paragraph; Shift extends a selection
 * from where the caret was. The selection then behaves as a dragged one.
 */
function moveCaret(forward, extend, byChar) {
  if (app.picked) {
    const a = app.model.byId(app.picked);
    app.caret = forward ? a.end : a.start;
    pick(null);
    if (!extend) { showCaret(); return; }
  }
  const sel = app.selection;
  if (extend) {
    const anchor = sel?.anchor ?? app.caret ?? 0;
    const focus = app.doc.step(sel?.focus ?? app.caret ?? 0, forward, byChar);
    app.caret = focus;
    if (focus === anchor) { clearSelection(); showCaret(); return; }
    // Through the core, as a drag is: whitespace trimmed, kept inside one paragraph.
    const [su, eu] = app.doc.cpToU16(Uint32Array.of(Math.min(anchor, focus), Math.max(anchor, focus)));
    const snapped = app.doc.snap(su, eu, true);
    if (!snapped.length) { clearSelection(); showCaret(); return; }
    setSelection(snapped[0], snapped[1], snapped[4] ? 'The selection stops at the end of the paragraph. ' : '', { anchor, focus });
    return;
  }
  if (sel) app.caret = forward ? sel.end : sel.start;
  else app.caret = app.caret === null || app.caret === undefined ? 0 : app.doc.step(app.caret, forward, byChar);
  clearSelection();
  showCaret();
}

/** Moves the caret to the start of the next paragraph that holds text, or back to the start of the one it is in (or the one before). */
function caretToParagraph(forward) {
  const paras = app.paragraphsCp ??= app.doc.paragraphsCp();
  const n = paras.length / 2;
  const at = app.caret ?? -1;
  // The paragraph after (or before) the caret's, by binary search, then on past blank ones.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paras[mid * 2] <= at) lo = mid + 1;
    else hi = mid;
  }
  const blank = (i) => !app.doc.sliceCp(paras[i * 2], paras[i * 2 + 1]).trim();
  // ↓: the first paragraph starting after the caret; ↑: the last starting before it.
  let i = forward ? lo : lo - 1;
  if (!forward && i >= 0 && paras[i * 2] === at) i -= 1;
  while (i >= 0 && i < n && blank(i)) i += forward ? 1 : -1;
  if (i < 0 || i >= n) return;
  const next = paras[i * 2];
  app.caret = next;
  clearSelection();
  pick(null);
  showCaret();
}

function showCaret() {
  const [u] = app.doc.cpToU16(Uint32Array.of(app.caret));
  const w = app.doc.hasWords ? app.doc.wordAt(u) : [];
  const span = w.length && w[2] === u ? [w[2], w[3]] : [u, Math.min(u + 1, app.doc.lengthU16)];
  view.showCaret(span);
  const quote = app.doc.sliceCp(app.caret, Math.min(app.caret + 12, app.doc.lengthCp)).split(/[\r\n]/)[0];
  hint(`Caret at ${app.caret}: “${quote}…” — Shift+→ selects word by word, ↓ ↑ go by paragraph.`);
}

function toggleExact() {
  app.exact = !app.exact;
  view.setExact(app.exact);
  hint(app.exact ? 'Exact characters: drags keep the characters you select.' : 'Word snapping: drags extend to whole words.');
}

function labelEditor() {
  view.renderLabelRows(app.model.labels);
  view.setLabelError('');
  view.openDialog('labels-dialog');
}

function labelEdit(fn) {
  try {
    fn();
    view.setLabelError('');
  } catch (e) {
    view.setLabelError(e.message);
    view.renderLabelRows(app.model.labels);
  }
}

// ---- start ------------------------------------------------------------------------------

function wire() {
  view.bindTextMouseUp(onMouseUp);
  view.bindDoubleClick((u) => app.model && onDoubleClick(u));
  view.bindHover(onHover);
  view.bindKeys(onKey);
  view.bindLabelBar(({ label, edit }) => (edit ? labelEditor() : applyLabel(label)));
  view.bindList((id) => {
    const a = app.model.byId(id);
    if (!a) return;
    clearSelection();
    view.scrollToU16(app.doc.cpToU16(Uint32Array.of(a.start))[0]);
    pick(id);
  });
  view.bindButton('undo', () => app.model.undo());
  view.bindButton('redo', () => app.model.redo());
  view.bindButton('export', exportChosen);
  view.renderFormats(FORMATS);
  view.bindButton('exact', toggleExact);
  view.bindButton('widen', widen);
  view.bindButton('help-button', () => view.openDialog('help'));
  view.bindOpen(openFiles);
  view.bindDrop(openFiles);
  view.bindPaste((text) => {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-');
    openDocument({ name: `pasted-${stamp}.txt`, text });
  });
  view.bindRecent(async (sha) => {
    const rec = await app.storage.load(sha);
    if (rec) await openDocument({ name: rec.name, text: rec.text, encoding: rec.encoding ?? 'UTF-8', bytes: rec.bytes });
  });
  view.bindLabelEditor({
    update: (id, patch) => labelEdit(() => app.model.updateLabel(id, patch)),
    remove: (id) => labelEdit(() => {
      const used = app.model.annotations.filter((a) => a.label === id).length;
      if (used && !confirm(`Deleting this label also deletes its ${used} annotations (you can undo). Continue?`)) return;
      app.model.removeLabel(id);
    }),
    add: () => labelEdit(() => {
      const labels = app.model.labels;
      const name = `Label ${labels.length + 1}`;
      app.model.addLabel({ id: newLabelId(labels, name), name, color: nextFreeColor(labels), key: nextFreeKey(labels) });
    }),
  });
  view.bindCancel(() => { if (app.opening) app.opening.cancelled = true; });
  view.bindEncoding(chooseEncoding);
  view.bindResize(() => view.invalidateLayout());
  view.setAnnotationSource(annotationsInU16);
  // Leaving is a good moment to fold the deltas into a snapshot; nothing is lost if it does not
  // finish. Writes still under way may not land either: what they hold is kept synchronously.
  const leaving = () => {
    const unwritten = app.autosave?.unwritten();
    if (unwritten && keepUnsaved(app.sha, unwritten)) app.keptUnsaved = app.sha;
    app.autosave?.compact();
  };
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') leaving(); });
  window.addEventListener('pagehide', leaving);
}

async function start() {
  wire();
  view.setStatus('Loading…');
  app.segmenter = new Segmentation((s) => {
    if (s.state !== 'dictionary') app.dictionary = `failed: ${s.message}`;
    else if (s.whole) app.dictionary = `ready (${Math.round(s.buildMs)} ms to build)`;
    else app.dictionary = `ready for this text (${Math.round(s.buildMs)} ms); the whole dictionary is loading`;
    updateStatus();
  });
  // Opening the database can take longer than the core on a fresh profile;
  // the sample's text need not wait for it (openDocument does, before it reads saved work).
  app.storageReady = openStorage().catch((e) => { storageFailed(e); return null; });
  const core = await loadCore();
  app.core = core;
  view.renderEncodings(core.encodingLabels());
  let last = null;
  const storage = sampleResponse ? null : await app.storageReady;
  // With ?sample the sample opens (boot.js has fetched it), whatever was open last.
  if (storage) {
    try {
      const sha = await storage.getLast();
      last = sha ? await storage.load(sha) : null;
    } catch (e) { storageFailed(e); }
  }
  if (last) {
    app.segmenter.prefetch(last.text);
    await openDocument({ name: last.name, text: last.text, encoding: last.encoding ?? 'UTF-8', bytes: last.bytes });
  } else {
    const response = await (sampleResponse ?? fetch(SAMPLE.url));
    if (!response.ok) throw new Error(`the sample article could not be loaded (HTTP ${response.status})`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const { text, encoding } = await decodeBytes(bytes, app);
    // Asked for now, the words come while the text is laid out.
    app.segmenter.prefetch(text);
    await openDocument({ name: SAMPLE.name, text, encoding });
  }
}

start().catch((e) => {
  view.showBanner(`biaozhu could not start: ${e.message}`);
  view.setState('failed');
  console.error(e);
});
