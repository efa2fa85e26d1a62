// Measures the first view in headless Chromium: bytes over the wire (gzip)
// and the time from navigation to text visible and to word snapping ready
// (the page's `biaozhu:text-visible` and `biaozhu:ready` marks), median of 5
// cold loads. Usage: node scripts/startup.mjs   (after make build)
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { startServer, WWW } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/browser/harness.mjs';

const server = await startServer(WWW, 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
const runs = [];
let files = null;
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const got = new Set();
  page.on('requestfinished', (r) => got.add(new URL(r.url()).pathname));
  await page.goto(`${base}?sample`);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { polling: 20, timeout: 30_000 });
  runs.push(await page.evaluate(() => ['biaozhu:text-visible', 'biaozhu:ready'].map((m) => performance.getEntriesByName(m)[0]?.startTime)));
  files ??= [...got].filter((p) => !p.startsWith('/samples/'));
  await context.close();
}
await browser.close();
server.close();
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let total = 0;
console.log('file                              gzip bytes');
for (const f of files.sort()) {
  const path = join(WWW, f === '/' ? 'index.html' : f);
  // The dictionary is stored gzipped already; everything else is what a gzip-serving host sends.
  const size = path.endsWith('.gz') ? readFileSync(path).length : gzipSync(readFileSync(path), { level: 9 }).length;
  total += size;
  console.log(`${f.padEnd(34)}${String(size).padStart(10)}`);
}
console.log(`${'total'.padEnd(34)}${String(total).padStart(10)}  (${(total / 1048576).toFixed(2)} MiB)`);
console.log(`text visible: ${median(runs.map((r) => r[0])).toFixed(0)} ms after navigation (median of ${runs.length})`);
console.log(`word snapping ready: ${median(runs.map((r) => r[1])).toFixed(0)} ms after navigation (median of ${runs.length})`);
