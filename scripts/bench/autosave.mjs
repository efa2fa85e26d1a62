// The cost of autosaving one change on a long document (about 340 000
// characters, 10 000 annotations; see bigdoc.mjs), in headless Debian
// Chromium: main-thread time and bytes written per change, and apart from
// them the full snapshot (state and undo history) written when a document is
// opened and now and then after.
//
// Usage: node scripts/bench/autosave.mjs [--runs N] [--changes N]   (after make build)
//
// Main-thread time is what the page itself measures: `biaozhu:save` around
// controllers/persistence.js (its save of a change), `biaozhu:snapshot` around the making of a snapshot (when
// autosave makes one apart from save()) and `biaozhu:store` around each
// IndexedDB write, whose put calls copy their values on the main thread.
// Bytes are the UTF-8 JSON size of every value put in IndexedDB for the
// change (a string inside it counted as its own UTF-8, not as escaped JSON;
// the text, written once per document, is left out), collected by a wrapper
// around IDBObjectStore.put.
// Changes are made with the keyboard as a person would: ↓ to the next
// paragraph, Shift+→ to select a word, 1 to label it; then Ctrl+Z and Ctrl+Shift+Z.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, WWW } from '../serve.mjs';
import { CHROMIUM_ARGS } from '../../tests/browser/harness.mjs';
import { writeBigDoc } from './bigdoc.mjs';
import { COMPACT_AFTER } from '../../www/js/autosave.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const RUNS = option('--runs', 3);
const CHANGES = option('--changes', 20);
const UNDOS = 5;

const notes = [];
const dir = mkdtempSync(join(tmpdir(), 'biaozhu-bench-autosave-'));
const doc = writeBigDoc(join(dir, 'bench.biaozhu.json'));
if (doc.fallback) notes.push('../shared/corpus/icwb2 is absent: the text is the seed article repeated');
console.log(`document: ${doc.chars.toLocaleString()} characters, ${doc.annotations.toLocaleString()} annotations`);

const server = await startServer(WWW, 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });

/** Records every value put in IndexedDB (except texts), to be sized outside the measured time. */
function recordPuts() {
  window.__puts = [];
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, ...rest) {
    if (this.name !== 'texts') window.__puts.push(value);
    return put.call(this, value, ...rest);
  };
}

/** Main-thread ms and bytes of the saving done since the last call, then forgets it. */
function takeCost() {
  const ms = performance
    .getEntriesByType('measure')
    .filter(
      (m) =>
        m.name === 'biaozhu:save' || m.name === 'biaozhu:snapshot' || (m.name === 'biaozhu:store' && m.detail !== 'storage.doing.saveText'),
    )
    .reduce((sum, m) => sum + m.duration, 0);
  const encoder = new TextEncoder();
  const size = (v) => {
    let long = 0;
    const json = JSON.stringify(v, (_, x) => {
      if (typeof x !== 'string' || x.length < 256) return x;
      long += encoder.encode(x).length;
      return '';
    });
    return encoder.encode(json).length + long;
  };
  const bytes = window.__puts.reduce((sum, v) => sum + size(v), 0);
  const writes = performance.getEntriesByName('biaozhu:store').length;
  performance.clearMeasures();
  window.__puts = [];
  return { ms, bytes, writes };
}

/** Waits until the page has written something and then been quiet for a moment; returns the cost. */
async function settle(page) {
  await page.waitForFunction(() => performance.getEntriesByName('biaozhu:store').length > 0, null, { timeout: 60_000, polling: 20 });
  let last = -1;
  for (;;) {
    await page.waitForTimeout(150);
    const n = await page.evaluate(() => performance.getEntriesByName('biaozhu:store').length);
    if (n === last) break;
    last = n;
  }
  return page.evaluate(takeCost);
}

const snapshots = [];
const compactions = [];
const changes = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordPuts);
  const page = await context.newPage();
  await page.goto(`${base}?sample`);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 60_000, polling: 50 });
  await settle(page).catch(() => null);
  await page.evaluate(takeCost);
  await page.setInputFiles('#open-file', doc.path);
  await page.waitForFunction(
    (name) => document.getElementById('docname').textContent === name && document.documentElement.dataset.state === 'ready',
    doc.name,
    { timeout: 180_000, polling: 100 },
  );
  const snap = await settle(page);
  snapshots.push(snap);
  console.log(`run ${run + 1}: opening wrote ${(snap.bytes / 1e6).toFixed(2)} MB in ${snap.ms.toFixed(1)} ms of main-thread time`);
  await page.evaluate(() => document.activeElement?.blur());

  const made = [];
  const act = async (how, keys) => {
    for (const k of keys) await page.keyboard.press(k);
    try {
      const cost = await settle(page);
      made.push({ how, ...cost });
      console.log(`  ${how}: ${cost.ms.toFixed(2)} ms, ${(cost.bytes / 1e3).toFixed(2)} kB in ${cost.writes} write(s)`);
    } catch {
      console.log(`  ${how}: nothing was saved (no change made?)`);
    }
  };
  for (let i = 0; i < CHANGES; i++) await act('create', ['ArrowDown', 'Shift+ArrowRight', '1']);
  for (let i = 0; i < UNDOS; i++) await act('undo', ['Control+z']);
  for (let i = 0; i < UNDOS; i++) await act('redo', ['Control+Shift+z']);
  // Leaving the page folds the deltas into a snapshot (headless Chromium never hides a page: the event is sent).
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  const compaction = await settle(page).catch(() => null);
  if (compaction) {
    compactions.push(compaction);
    console.log(
      `run ${run + 1}: leaving the page wrote ${(compaction.bytes / 1e6).toFixed(2)} MB in ${compaction.ms.toFixed(1)} ms of main-thread time`,
    );
  }
  console.log(
    `run ${run + 1}: ${made.length} changes saved; per change median ${median(made.map((c) => c.ms)).toFixed(2)} ms, ${(median(made.map((c) => c.bytes)) / 1e3).toFixed(1)} kB`,
  );
  changes.push(...made);
  await context.close();
}
await browser.close();
server.close();
rmSync(dir, { recursive: true, force: true });

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
}
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

const ms = changes.map((c) => c.ms);
const bytes = changes.map((c) => c.bytes);
const what = `${doc.chars.toLocaleString()} characters, ${doc.annotations.toLocaleString()} annotations`;
console.log(
  `per change: median ${median(ms).toFixed(2)} ms (p95 ${p95(ms).toFixed(2)}, mean ${mean(ms).toFixed(2)}), median ${(median(bytes) / 1e3).toFixed(2)} kB (mean ${(mean(bytes) / 1e3).toFixed(2)} kB)`,
);
const rows = [
  {
    figure: `autosave of one change (${what}): main-thread time`,
    unit: 'ms',
    ours: median(ms),
    better: 'lower',
    peers: [],
    detail: `median of ${ms.length} changes (${CHANGES} new annotations, ${UNDOS} undos, ${UNDOS} redos per run, ${RUNS} runs); save() plus the IndexedDB writes it makes; p95 ${p95(ms).toFixed(2)} ms, mean ${mean(ms).toFixed(2)} ms (the mean includes any snapshot written meanwhile)`,
  },
  {
    figure: `autosave of one change (${what}): bytes written`,
    unit: 'kB',
    ours: median(bytes) / 1e3,
    better: 'lower',
    peers: [],
    detail: `median of ${bytes.length} changes, JSON size of what was put in IndexedDB; mean ${(mean(bytes) / 1e3).toFixed(2)} kB`,
  },
  {
    figure: `autosave full snapshot (${what}): main-thread time`,
    unit: 'ms',
    ours: median(snapshots.map((s) => s.ms)),
    better: 'lower',
    peers: [],
    detail: `median of ${snapshots.length}: the save made when the document is opened (state and undo history)`,
  },
  {
    figure: `autosave full snapshot (${what}): size`,
    unit: 'MB',
    ours: median(snapshots.map((s) => s.bytes)) / 1e6,
    better: 'lower',
    peers: [],
    detail: 'JSON size of the snapshot written when the document is opened',
  },
];
if (compactions.length) {
  const every = COMPACT_AFTER.changes;
  notes.push(
    `a snapshot replaces the deltas on leaving the page and after ${every} changes (when idle): spread over ${every} changes, ${(median(compactions.map((s) => s.ms)) / every).toFixed(3)} ms each`,
  );
  rows.push({
    figure: `autosave compaction on leaving the page (${what}, after ${CHANGES + 2 * UNDOS} changes): main-thread time`,
    unit: 'ms',
    ours: median(compactions.map((s) => s.ms)),
    better: 'lower',
    peers: [],
    detail: `median of ${compactions.length}; the snapshot (state and undo history) that replaces the deltas, ${(median(compactions.map((s) => s.bytes)) / 1e6).toFixed(2)} MB`,
  });
}
console.log(`BENCH_JSON ${JSON.stringify({ rows, notes })}`);
