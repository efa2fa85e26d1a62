// The controller: it owns the application state (the open document, its
// annotation model, the pending selection and the picked annotation),
// turns what the view reports into intents on the model, and asks the view to
// draw. Offsets in the model are code points; the view works in UTF-16 units;
// the Rust core converts between them.
import { loadCore, Segmentation } from './engine.js';
import { AnnotationModel } from './model.js';
import { DEFAULT_LABELS, nextFreeColor, nextFreeKey, newLabelId } from './labels.js';
import { openStorage } from './storage.js';
import { View } from './view.js';
import { decodeBytes, readFiles, FORMATS } from './io.js';

const SAMPLE = { url: 'samples/seed.txt', name: '000_cbc67faf9157e332.txt' };

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
  storageFailed: false,
  words: null, // {wordsU16, wordCount} once segmentation arrives
  segmenter: null,
  dictionary: 'loading',
  selection: null, // pending selection, {start, end} in code points
  picked: null, // id of the picked annotation
  cycle: null, // {cp, index}: repeated clicks at one place step through the spans there
  exact: false,
  openSeq: 0,
};

// ---- status -------------------------------------------------------------------

function updateStatus() {
  if (!app.doc) return;
  const parts = [
    `${app.doc.lengthCp.toLocaleString()} characters`,
    app.words ? `${app.words.wordCount.toLocaleString()} words` : 'words: segmenting…',
    `${app.doc.nonblankParagraphs()} paragraphs`,
    `${app.doc.sentencesCp().length / 2} sentences`,
    `dictionary: ${app.dictionary}`,
    `encoding: ${app.encoding}`,
  ];
  view.setStatus(parts.join(' · '));
}

function hint(text) {
  view.setHint(text);
}

// ---- drawing ----------------------------------------------------------------------

function labelInfo() {
  const info = new Map();
  app.model.labels.forEach((l, i) => info.set(l.id, { index: i, color: l.color, tag: l.name }));
  return info;
}

function draw() {
  const anns = app.model.annotations;
  const info = labelInfo();
  // Discontinuous annotations are drawn fragment by fragment.
  const pieces = [];
  for (const a of anns) {
    if (a.fragments?.length) for (const [s, e] of a.fragments) pieces.push([a, s, e]);
    else pieces.push([a, a.start, a.end]);
  }
  const cps = new Uint32Array(pieces.length * 2);
  pieces.forEach(([, s, e], i) => { cps[i * 2] = s; cps[i * 2 + 1] = e; });
  const u16 = app.doc.cpToU16(cps);
  const items = pieces.map(([a], i) => {
    const l = info.get(a.label) ?? { index: -1, color: '#999999', tag: a.label };
    return { id: a.id, su: u16[i * 2], eu: u16[i * 2 + 1], labelIndex: l.index, color: l.color, tag: l.tag };
  });
  view.drawAnnotations(items, app.picked);
  view.renderList(anns.map((a) => {
    const l = info.get(a.label) ?? { color: '#999999', tag: a.label };
    const quote = a.fragments?.length ? a.fragments.map(([s, e]) => app.doc.sliceCp(s, e)).join(' … ') : app.doc.sliceCp(a.start, a.end);
    const extra = [a.note ? `note: ${a.note}` : '', ...Object.entries(a.attributes ?? {}).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(' · ');
    return { id: a.id, tag: l.tag, color: l.color, quote, start: a.start, end: a.end, extra };
  }), app.picked);
  const quoteOf = (id) => { const a = app.model.byId(id); return a ? app.doc.sliceCp(a.start, a.end) : id; };
  view.renderRelations(app.model.relations.map((r) => ({ id: r.id, from: r.from, to: r.to, text: `${quoteOf(r.from)} → ${r.kind ?? r.label ?? ''} → ${quoteOf(r.to)}` })));
  view.renderDocLabels(app.model.docLabels);
  view.setUndoRedo(app.model.canUndo, app.model.canRedo);
}

function drawLabels() {
  view.setLabelStyles(app.model.labels);
  view.renderLabels(app.model.labels);
  if (view.isDialogOpen()) view.renderLabelRows(app.model.labels);
}

// ---- saving -----------------------------------------------------------------------

let saveChain = Promise.resolve();

function save() {
  const { sha, model, name } = app;
  if (!app.storage) return;
  const record = {
    state: model.toState(),
    history: model.toHistory(),
    name,
    length: app.doc.lengthCp,
    count: model.annotations.length,
    updated: new Date().toISOString(),
  };
  // Writes are chained so that an older state never lands after a newer one.
  saveChain = saveChain
    .then(() => app.storage.putState(sha, record))
    .then(() => {
      view.setSaved(`saved ${new Date().toLocaleTimeString()}`);
      if (!app.listedInRecent) { app.listedInRecent = true; refreshRecent(); }
      if (app.storageFailed) { app.storageFailed = false; view.hideBanner(); }
    })
    .catch((e) => storageFailed(e));
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

// ---- documents -----------------------------------------------------------------

async function openDocument({ name, text, encoding = 'UTF-8', state = null, history = null }) {
  const seq = ++app.openSeq;
  let doc;
  try {
    doc = new app.core.Document(text);
  } catch (e) {
    view.showBanner(`${name} was not opened: ${e.message}`);
    return false;
  }
  app.doc?.free();
  Object.assign(app, { doc, text, name, encoding, sha: doc.sha256, listedInRecent: false, words: null, selection: null, picked: null, cycle: null });
  view.setState('segmenting');
  view.renderText(text, doc.paragraphsU16());
  view.setDocName(name);
  hint('');

  let saved = null;
  if (!state && app.storage) {
    try { saved = await app.storage.load(app.sha); } catch (e) { storageFailed(e); }
    if (seq !== app.openSeq) return false;
  }
  const initial = state ?? saved?.state ?? { labels: DEFAULT_LABELS };
  app.unsubscribe?.();
  app.model = new AnnotationModel({ ...initial, history: state ? null : saved?.history ?? null, length: doc.lengthCp });
  app.unsubscribe = app.model.onChange((change) => {
    if (change.labels && (change.labels.created?.length || change.labels.deleted?.length || change.labels.updated?.length)) drawLabels();
    if (app.picked && !app.model.byId(app.picked)) app.picked = null;
    draw();
    save();
  });
  drawLabels();
  draw();
  updateStatus();

  if (app.storage) {
    try {
      await app.storage.putText(app.sha, { name, text, encoding });
      await app.storage.setLast(app.sha);
      if (!saved || state) save();
      await refreshRecent();
    } catch (e) { storageFailed(e); }
  }

  segment(seq);
  return true;
}

async function segment(seq) {
  try {
    const words = await app.segmenter.segment(app.text);
    if (seq !== app.openSeq) return;
    app.doc.setWords(words.wordsCp, words.kinds, words.subwordsCp);
    app.words = words;
    view.showWords(words.wordsU16);
    updateStatus();
    view.setState('ready');
  } catch (e) {
    if (seq !== app.openSeq) return;
    view.showBanner(`Word segmentation failed (${e.message}); selections will snap to exact characters only.`, 'warn');
    view.setState('ready-without-words');
  }
}

async function refreshRecent() {
  if (!app.storage) return;
  view.renderRecent(await app.storage.recent(), app.sha);
}

async function openFiles(files) {
  const names = files.map((f) => f.name).join(' + ');
  let result;
  try {
    result = await readFiles(files, app, view.importFormat() || null);
  } catch (e) {
    view.showBanner(e.message);
    return;
  }
  if (result.kind === 'text') {
    await openDocument({ name: files[0].name, text: result.text, encoding: result.encoding });
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

function stateJson() {
  return JSON.stringify({ name: app.name, text: app.text, encoding: app.encoding, ...app.model.toState() });
}

/** Exports in the chosen format; a format that cannot carry everything says what it leaves out first. */
async function exportChosen() {
  const format = view.exportFormat();
  if (format === 'biaozhu') { exportNative(); return; }
  let out;
  try {
    out = app.core.exportAs(format, stateJson(), app.words ? app.words.wordsCp : undefined);
  } catch (e) {
    view.showBanner(`Export failed: ${e.message}`);
    return;
  }
  if (out.leftOut.length && !(await view.confirmLeftOut(format, out.leftOut))) {
    hint('Export cancelled.');
    return;
  }
  for (const f of out.files) view.download(f.name, f.content, 'text/plain');
  hint(`Exported ${app.model.annotations.length} annotations as ${format} (${out.files.map((f) => f.name).join(', ')}).`);
}

function exportNative() {
  try {
    const json = app.core.exportNative(stateJson());
    const base = app.name.replace(/\.(txt|json|jsonl|ann)$/i, '') || 'document';
    view.download(`${base}.biaozhu.json`, json);
    hint(`Exported ${app.model.annotations.length} annotations.`);
  } catch (e) {
    view.showBanner(`Export failed: ${e.message}`);
  }
}

// ---- selection ------------------------------------------------------------------

function u16ToCp(...us) {
  return app.doc.u16ToCp(Uint32Array.from(us));
}

function setSelection(start, end, note = '') {
  app.selection = { start, end };
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
  app.picked = id;
  draw();
  if (id) {
    const a = app.model.byId(id);
    const label = app.model.labels.find((l) => l.id === a.label);
    hint(`Picked ${label?.name ?? a.label} “${app.doc.sliceCp(a.start, a.end)}” [${a.start}, ${a.end}) — a label key relabels, Delete deletes, Shift+← → resizes.`);
  }
}

function onMouseUp({ altKey, x, y, target }) {
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
  app.picked = null;
  app.cycle = null;
  draw();
  setSelection(snapped[0], snapped[1], snapped[4] ? 'The selection crossed a line break, so it was cut at the end of its first paragraph. ' : '');
}

function onClick(x, y) {
  const u = view.pointU16(x, y);
  app.selection = null;
  if (u === null) return;
  const [cp] = u16ToCp(u);
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
    app.picked = null;
    draw();
    setSelection(w[0], w[1]);
  }
}

function onHover(u) {
  if (u === null || !app.doc?.hasWords) { view.hoverWord(null); return; }
  const w = app.doc.wordAt(u);
  view.hoverWord(w.length ? [w[2], w[3]] : null);
}

function widen() {
  const s = app.selection ?? (app.picked ? app.model.byId(app.picked) : null);
  if (!s) { hint('Select some text first, then press w to widen it.'); return; }
  const [start, end] = app.doc.widen(s.start, s.end);
  app.picked = null;
  draw();
  setSelection(start, end);
}

// ---- labelling and editing -------------------------------------------------------------

function applyLabel(labelId) {
  try {
    if (app.selection) {
      const a = app.model.create({ start: app.selection.start, end: app.selection.end, label: labelId });
      clearSelection();
      app.picked = null;
      draw();
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
  if (ctrl || e.altKey) return;
  if (key === 'Escape') { clearSelection(); pick(null); hint(''); return; }
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
  view.bindDoubleClick(onDoubleClick);
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
    if (rec) await openDocument({ name: rec.name, text: rec.text, encoding: rec.encoding ?? 'UTF-8' });
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
  view.bindResize(() => { view.invalidateLayout(); if (app.model) draw(); });
  window.addEventListener('beforeunload', () => app.storage?.flush?.());
}

async function start() {
  wire();
  view.setStatus('Loading…');
  const [core, storage] = await Promise.all([
    loadCore(),
    openStorage().catch((e) => { storageFailed(e); return null; }),
  ]);
  app.core = core;
  app.storage = storage;
  app.segmenter = new Segmentation((s) => {
    app.dictionary = s.state === 'dictionary' ? `ready (${Math.round(s.buildMs)} ms to build)` : `failed: ${s.message}`;
    updateStatus();
  });
  let last = null;
  const forceSample = new URLSearchParams(location.search).has('sample');
  if (storage && !forceSample) {
    try {
      const sha = await storage.getLast();
      last = sha ? await storage.load(sha) : null;
    } catch (e) { storageFailed(e); }
  }
  if (last) {
    await openDocument({ name: last.name, text: last.text, encoding: last.encoding ?? 'UTF-8' });
  } else {
    const response = await fetch(SAMPLE.url);
    if (!response.ok) throw new Error(`the sample article could not be loaded (HTTP ${response.status})`);
    const { text, encoding } = decodeBytes(new Uint8Array(await response.arrayBuffer()), app.core);
    await openDocument({ name: SAMPLE.name, text, encoding });
  }
}

start().catch((e) => {
  view.showBanner(`biaozhu could not start: ${e.message}`);
  view.setState('failed');
  console.error(e);
});
