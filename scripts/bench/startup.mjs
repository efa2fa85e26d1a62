// Cold start of the first view in headless Chromium, beside jieba-wasm's web
// build: for the sample article (`?sample`), the time from navigation to text
// visible and to word snapping ready (the page's `biaozhu:text-visible` and
// `biaozhu:ready` marks), and the bytes over the wire (gzip) of everything the
// first view fetches but the article itself. The peer is jieba-wasm 2.4.0's
// web build on the same article, in a page of a few lines made here: the time
// from navigation to its first `cut` done, and its bytes. Each load is a new
// browser context (an empty profile and cache); the two pages take turns,
// after one load of each that is not counted. Both are served by a static
// server in a process of its own, as a host would serve them. A new context
// opens a window whose browser interface (the omnibox's WebUI) Chromium
// builds in a renderer of its own, several hundred ms of CPU on this
// machine's two cores: each page is navigated to once that has settled, as
// a person types an address into a browser already open.
//
// Usage: node scripts/bench/startup.mjs [loads]   (after make build; default 5)
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WWW } from '../serve.mjs';
import { CHROMIUM_ARGS } from '../../tests/browser/harness.mjs';

const LOADS = Number(process.argv[2] ?? 5);
/** How long a new window is left to settle before the navigation (see above). */
const SETTLE_MS = 1000;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const JIEBA = join(ROOT, 'node_modules/jieba-wasm/');
const JIEBA_VERSION = JSON.parse(readFileSync(join(JIEBA, 'package.json'), 'utf8')).version;
const PEER = `jieba-wasm ${JIEBA_VERSION} web: first cut`;

/** The peer's page: jieba-wasm's web build, the seed article, and a module that cuts it once. */
function peerSite() {
  const dir = mkdtempSync(join(tmpdir(), 'biaozhu-peer-'));
  for (const f of ['jieba_rs_wasm.js', 'jieba_rs_wasm_bg.wasm']) copyFileSync(join(JIEBA, 'pkg/web', f), join(dir, f));
  copyFileSync(join(WWW, 'samples/seed.txt'), join(dir, 'seed.txt'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html>\n<meta charset="utf-8">\n<title>jieba-wasm</title>\n<script type="module" src="peer.js"></script>\n',
  );
  // The article is fetched while the wasm loads, as biaozhu does.
  writeFileSync(
    join(dir, 'peer.js'),
    [
      "import init, { cut } from './jieba_rs_wasm.js';",
      "const text = fetch('seed.txt').then((r) => r.text());",
      'await init();',
      'cut(await text, true);',
      "performance.mark('peer:cut');",
      '',
    ].join('\n'),
  );
  return dir;
}

/** Starts scripts/serve.mjs's server on `root` in a child process; resolves to `{base, stop}`. */
function serve(root) {
  const code = `import('${new URL('../serve.mjs', import.meta.url)}').then((m) => m.startServer(${JSON.stringify(root)}, 0)).then((s) => console.log(s.address().port))`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    child.once('error', fail);
    child.once('exit', (status) => fail(new Error(`the server for ${root} exited (${status})`)));
    child.stdout.once('data', (d) => ok({ base: `http://127.0.0.1:${String(d).trim()}/`, stop: () => child.kill() }));
  });
}

/** Resolves once every named performance mark exists, with their start times (ms after navigation). */
function marksOf(page, names) {
  return page.evaluate(
    (want) =>
      new Promise((resolve) => {
        const check = () => {
          const times = want.map((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime);
          if (times.every((t) => t !== undefined)) resolve(times);
          else setTimeout(check, 50);
        };
        check();
      }),
    names,
  );
}

/**
 * When the first line of text was painted (ms after navigation): the earliest
 * Element Timing entry named `text` (index.html's sample, or the first
 * paragraph views/text-view.js draws), null where the browser reports none.
 */
function textPainted(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        if (!PerformanceObserver.supportedEntryTypes?.includes('element')) return resolve(null);
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          const times = list
            .getEntries()
            .filter((e) => e.identifier === 'text')
            .map((e) => e.renderTime || e.loadTime);
          resolve(times.length ? Math.min(...times) : null);
        }).observe({ type: 'element', buffered: true });
        setTimeout(() => resolve(null), 1000);
      }),
  );
}

/** One cold load of `url` in a new context: the marks' times and the paths fetched. */
async function load(browser, url, marks, { painted = false } = {}) {
  const context = await browser.newContext();
  const paths = new Set();
  context.on('requestfinished', (r) => paths.add(new URL(r.url()).pathname));
  const page = await context.newPage();
  await page.waitForTimeout(SETTLE_MS);
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  const times = await Promise.race([
    marksOf(page, marks),
    new Promise((_, fail) => setTimeout(() => fail(new Error(`${url}: no ${marks.join(', ')} after 30 s ${problems.join('; ')}`)), 30_000)),
  ]);
  const paint = painted ? await textPainted(page) : null;
  await context.close();
  return { times, paint, paths: [...paths] };
}

/** Gzip bytes of the files at `paths` under `root`, as a gzip-serving host sends them; a `.gz` file goes as it is. */
function wire(root, paths) {
  const files = paths.map((p) => {
    const path = join(root, p === '/' ? 'index.html' : p);
    const raw = readFileSync(path);
    return { path: p, bytes: path.endsWith('.gz') ? raw.length : gzipSync(raw, { level: 9 }).length };
  });
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)), total: files.reduce((s, f) => s + f.bytes, 0) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

const peerDir = peerSite();
const servers = await Promise.all([serve(WWW), serve(peerDir)]);
const [ours, peer] = servers.map((s) => s.base);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
const version = browser.version();
const runs = { ours: [], peer: [] };
let oursPaths = [];
let peerPaths = [];
try {
  for (let i = -1; i < LOADS; i++) {
    // Turn about, so that neither page always follows the other.
    const order = i % 2 ? ['ours', 'peer'] : ['peer', 'ours'];
    for (const who of order) {
      const r =
        who === 'ours'
          ? await load(browser, `${ours}?sample`, ['biaozhu:text-visible', 'biaozhu:ready'], { painted: true })
          : await load(browser, peer, ['peer:cut']);
      if (who === 'ours') oursPaths = r.paths;
      else peerPaths = r.paths;
      if (i < 0) continue;
      // Text visible: its first paint where the browser reports it, else the page's mark.
      runs[who].push(who === 'ours' ? [r.paint ?? r.times[0], r.times[1], r.times[0], r.paint] : r.times);
      console.log(
        `load ${i + 1}/${LOADS} ${
          who === 'ours'
            ? `biaozhu: text painted ${r.paint === null ? 'not reported' : ms(r.paint)}, drawn by the page ${ms(r.times[0])}, ready ${ms(r.times[1])}`
            : `${PEER}: ${ms(r.times[0])}`
        }`,
      );
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.stop();
}

const oursWire = wire(
  WWW,
  oursPaths.filter((p) => !p.startsWith('/samples/')),
);
const peerWire = wire(
  peerDir,
  peerPaths.filter((p) => p.startsWith('/jieba_rs_wasm')),
);
rmSync(peerDir, { recursive: true, force: true });
console.log('\nfirst view, file                  gzip bytes');
for (const f of oursWire.files) console.log(`${f.path.padEnd(34)}${String(f.bytes).padStart(10)}`);
console.log(`${'total'.padEnd(34)}${String(oursWire.total).padStart(10)}`);
console.log(`jieba-wasm ${JIEBA_VERSION} web (wasm + JS)       ${String(peerWire.total).padStart(10)}`);

const visible = median(runs.ours.map((t) => t[0]));
const ready = median(runs.ours.map((t) => t[1]));
const firstCut = median(runs.peer.map((t) => t[0]));
const how = `median of ${LOADS} cold loads of ?sample (seed article), a new browser context each, navigated ${SETTLE_MS} ms after the window opened, headless Chromium ${version}, alternating with the peer`;
const peers = [{ name: PEER, value: firstCut, measured: true }];
console.log(`\ntext visible ${ms(visible)}, word snapping ready ${ms(ready)}; ${PEER} ${ms(firstCut)} (medians of ${LOADS})`);
const out = {
  rows: [
    {
      figure: 'cold start: text visible (seed article)',
      unit: 'ms',
      ours: visible,
      better: 'lower',
      peers,
      goal: { op: '<=', value: 100 },
      detail: `${how}; navigation to the first paint of the article's first line (Element Timing, identifier "text"; the article is written into index.html), ${runs.ours.every((t) => t[3] !== null) ? 'reported in every load' : 'the biaozhu:text-visible mark where not reported'}; the page draws it itself (biaozhu:text-visible) at ${ms(median(runs.ours.map((t) => t[2])))}`,
    },
    {
      figure: 'cold start: word snapping ready (seed article)',
      unit: 'ms',
      ours: ready,
      better: 'lower',
      peers: [
        ...peers,
        { name: 'Label Studio 1.23, seed to interactive (4.3–6.4 s)', value: 4300, measured: false },
        { name: 'doccano 1.8 (2.8–3.0 s)', value: 2800, measured: false },
      ],
      goal: { op: '<=', value: 300 },
      detail: `${how}; navigation to <html data-state="ready"> (the biaozhu:ready mark)`,
    },
    {
      figure: 'bytes over the wire, first view (gzip)',
      unit: 'MB',
      ours: oursWire.total / 1e6,
      better: 'lower',
      peers: [{ name: `jieba-wasm ${JIEBA_VERSION} web, wasm + JS`, value: peerWire.total / 1e6, measured: true }],
      goal: { op: '<=', value: 2.0 },
      detail: `every file the first view fetches but the article (wasm, dictionary, JS, CSS, HTML), gzip -9 as a gzip-serving host sends it (the dictionary is a .gz file already); MB = 10^6 bytes`,
    },
  ],
  notes: [],
};
console.log(`BENCH_JSON ${JSON.stringify(out)}`);
