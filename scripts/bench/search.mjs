// Issue 16's search figure, on its own: a 1 MB text with 10 000 annotations,
// the most frequent two-character run of Han characters searched for, then
// Shift+3 labels every match. Two texts: the news of scripts/bench/bigdoc.mjs
// (varied: its commonest pair occurs a few hundred times), and the seed article
// repeated to 1 MB, where the commonest pair occurs thousands of times. Timed in the page, from the key's event to the end of the frame that
// shows the result; also the search itself (the input event to its frame) and
// the undo of the whole batch. Usage: node scripts/bench/search.mjs (after make build)
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../serve.mjs';
import { CHROMIUM_ARGS } from '../../tests/browser/harness.mjs';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { prng, writeBigDoc } from './bigdoc.mjs';
import { DEFAULT_LABELS } from '../../www/js/labels.js';

const RUNS = 5;

/** Runs before the page's scripts: the time from each keydown and input event to the end of the next frame. */
function instrument() {
  const bench = { keys: [], inputs: [] };
  window.__bench = bench;
  const afterNextFrame = (fn) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => fn(performance.now());
      ch.port2.postMessage(0);
    });
  document.addEventListener('keydown', (e) => afterNextFrame((t) => bench.keys.push({ key: e.key, ms: t - e.timeStamp })), true);
  document.addEventListener('input', (e) => afterNextFrame((t) => bench.inputs.push(t - e.timeStamp)), true);
  // The work after the frame (the autosave of the batch) shows as long tasks.
  bench.longTasks = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask' });
}

/** The most frequent run of two Han characters in `text`, and how often it occurs. */
function commonest(text) {
  const counts = new Map();
  for (const m of text.matchAll(/(?=(\p{Script=Han}{2}))/gu)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** The seed article repeated to 1,000,000 bytes with `count` annotations of 2–4 characters (no whitespace, one per start). */
function writeSeedDoc(path, count = 10_000) {
  const seed = readFileSync(new URL('../../www/samples/seed.txt', import.meta.url), 'utf8');
  let text = '';
  while (Buffer.byteLength(text) < 1_000_000) text += `${seed}\n`;
  const cps = [...text];
  const random = prng(20261204);
  const taken = new Set();
  const annotations = [];
  while (annotations.length < count) {
    const start = Math.floor(random() * (cps.length - 8));
    const piece = cps.slice(start, start + 2 + Math.floor(random() * 3));
    if (piece.some((c) => /\s/.test(c)) || taken.has(start)) continue;
    taken.add(start);
    const label = DEFAULT_LABELS[Math.floor(random() * DEFAULT_LABELS.length)].id;
    annotations.push({ start, end: start + piece.length, label, quote: piece.join('') });
  }
  annotations.sort((a, b) => a.start - b.start);
  const document = {
    name: 'seed-1mb.txt',
    text,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    length: cps.length,
    unit: 'codepoint',
  };
  const created = '2026-12-04T00:00:00.000Z';
  const all = annotations.map((a, i) => ({ id: `a${(i + 1).toString(36)}`, ...a, created }));
  writeFileSync(path, JSON.stringify({ format: 'biaozhu', version: 2, document, labels: DEFAULT_LABELS, annotations: all, relations: [] }));
  return { path, chars: cps.length, annotations: count };
}

async function measure(browser, base, doc) {
  const text = JSON.parse(readFileSync(doc.path, 'utf8')).document.text;
  const [word, occurs] = commonest(text);
  console.log(
    `${doc.path}: ${Buffer.byteLength(text)} bytes, ${doc.chars} characters, ${doc.annotations} annotations; “${word}” occurs ${occurs} times`,
  );
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const ready = () =>
    page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 120_000, polling: 100 });
  await page.goto(`${base}?sample`);
  await ready();
  await page.setInputFiles('#open-file', doc.path);
  await page.waitForFunction((n) => document.getElementById('count').textContent === String(n), doc.annotations, { timeout: 120_000 });
  await ready();
  await page.keyboard.press('/');
  await page.fill('#search', word);
  await page.keyboard.press('Enter');
  const found = await page.textContent('#search-count');
  const labelled = [];
  const undone = [];
  const after = []; // the longest task in the second after the key (0: none over 50 ms)
  let made = 0;
  for (let run = 0; run < RUNS; run++) {
    await page.focus('#search');
    await page.keyboard.press('Enter');
    await page.evaluate(() => {
      window.__bench.keys = [];
      window.__bench.longTasks = [];
    });
    await page.keyboard.press('Shift+Digit3');
    await page.waitForFunction((n) => Number(document.getElementById('count').textContent) > n, doc.annotations);
    await page.waitForTimeout(1000);
    after.push(Math.max(0, ...(await page.evaluate(() => window.__bench.longTasks))));
    made = Number(await page.textContent('#count')) - doc.annotations;
    labelled.push((await page.evaluate(() => window.__bench.keys)).find((k) => k.key === '#').ms);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => Number(document.getElementById('count').textContent) === n, doc.annotations);
    await page.waitForTimeout(300);
    undone.push((await page.evaluate(() => window.__bench.keys)).find((k) => k.key === 'z').ms);
  }
  const inputs = await page.evaluate(() => window.__bench.inputs);
  const runs = (xs) =>
    `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (runs: ${xs.map((x) => x.toFixed(1)).join(', ')})`;
  console.log(`  search “${word}”: ${found}; input event → next frame ${inputs.map((x) => x.toFixed(1)).join(', ')} ms`);
  console.log(`  Shift+3 labels ${made} matches, key → next frame: ${runs(labelled)}`);
  console.log(`  longest main-thread task in the second after Shift+3 (the autosave included): ${runs(after)}`);
  console.log(`  Ctrl+Z of the batch, key → next frame: ${runs(undone)}`);
  await context.close();
}

const dir = mkdtempSync(join(tmpdir(), 'biaozhu-search-'));
const server = await startServer(undefined, 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
try {
  await measure(browser, base, writeBigDoc(join(dir, 'bench-10000.biaozhu.json')));
  await measure(browser, base, writeSeedDoc(join(dir, 'seed-1mb.biaozhu.json')));
} finally {
  await browser.close();
  server.close();
}
