// Segmentation throughput, words with offsets delivered to JS: our wasm
// package beside jieba-wasm 2.4.0 (npm) in this one Node process, and native
// jieba-rs 0.11 (benches/segment.rs) on the same text in the same run.
//
// Usage: node scripts/bench/segment.mjs [--pkg DIR] [--runs N]
//   --pkg DIR   the wasm-bindgen `--target web` package to load (default www/pkg)
//
// The text is real and varied, never one paragraph repeated (that would
// measure jieba's caches, not segmentation): the SIGHAN 2005 icwb2 test
// texts from ../shared/corpus (news, Traditional Chinese, CRLF), the
// project's seed article and the text of the format fixtures. Without
// ../shared it says so and falls back to the project's own text.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { PIECE, cutPieces, segmentPieces } from '../../www/js/pieces.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const PKG = resolve(ROOT, option('--pkg', 'www/pkg'));
const RUNS = Number(option('--runs', 5));

const notes = [];
const say = (line) => console.log(line);

function readUtf8(path) {
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
}

function filesUnder(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? filesUnder(p) : name.startsWith('.') ? [] : [p];
    });
}

/** The benchmark text and where each part came from. */
function pickText() {
  const corpus = join(ROOT, '..', 'shared', 'corpus', 'icwb2');
  const parts = [];
  if (existsSync(join(corpus, 'as_test.utf8'))) {
    parts.push(join(corpus, 'as_test.utf8'), join(corpus, 'cityu_test.utf8'));
  } else {
    const msg = `../shared/corpus/icwb2 is absent: falling back to the project's own text (seed article, README, fixtures), far less than 1 MB`;
    say(msg);
    notes.push(msg);
    parts.push(join(ROOT, 'README.md'));
  }
  parts.push(join(ROOT, 'www', 'samples', 'seed.txt'), ...filesUnder(join(ROOT, 'tests', 'fixtures', 'formats')));
  const text = parts.map(readUtf8).join('\n');
  return { text, parts };
}

// A full garbage collection before every timed run, of ours and of the
// peers alike: jieba-wasm's runs leave megabytes of JS strings behind, and
// without it their collection lands in whichever run comes next.
setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc');

/** Times one run of `run` after a full GC; MB/s. */
function timer(bytes) {
  return (run) => {
    fullGc();
    const t = performance.now();
    run();
    return bytes / 1e6 / ((performance.now() - t) / 1e3);
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * The dictionary file, gunzipped, and how the worker builds a segmenter of
 * it: from the packed file straight (reading included), or from jieba's
 * text format. `lines` is that text, for the native bench.
 */
function dictionary(ours) {
  const packed = join(ROOT, 'www', 'dict', 'jieba.pack.gz');
  const path = existsSync(packed) ? packed : join(ROOT, 'www', 'dict', 'jieba.dict.gz');
  const t = performance.now();
  const bytes = new Uint8Array(gunzipSync(readFileSync(path)));
  const gunzipMs = performance.now() - t;
  if (!ours.PackedDictionary?.isPacked(bytes))
    return { lines: bytes, gunzipMs, path, how: 'the Segmenter constructor over the text lines', build: () => new ours.Segmenter(bytes) };
  const read = (start, take) => {
    const dict = new ours.PackedDictionary(bytes);
    start(dict);
    while (!dict.step(1 << 13));
    const out = take(dict);
    dict.free();
    return out;
  };
  return {
    lines: read(
      (d) => d.readAll(),
      (d) => d.take(),
    ),
    gunzipMs,
    path,
    how: 'the packed file read into a Segmenter (buildAll, step, takeSegmenter), as the worker does',
    build: () =>
      read(
        (d) => d.buildAll(),
        (d) => d.takeSegmenter(),
      ),
  };
}

/**
 * Native jieba-rs and our native core on the same text (benches/segment.rs),
 * ours built from the same dictionary lines; it also checks that ours gives
 * the words our segmenter gives over jieba-rs itself.
 */
function native(text, dictLines) {
  const dir = mkdtempSync(join(tmpdir(), 'biaozhu-segment-'));
  try {
    const file = join(dir, 'text.txt');
    writeFileSync(file, text);
    const dictFile = join(dir, 'dict.txt');
    writeFileSync(dictFile, dictLines);
    say('native: cargo bench --bench segment (builds the bench binary if needed)');
    const run = spawnSync('cargo', ['bench', '-q', '--bench', 'segment', '--', '--dict', dictFile, file], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = (run.stdout ?? '').trimEnd().split('\n');
    for (const l of lines) if (!l.startsWith('BENCH_JSON ')) say(`  ${l}`);
    const last = lines.at(-1) ?? '';
    if (run.status !== 0 || !last.startsWith('BENCH_JSON ')) throw new Error(`the native bench failed (exit ${run.status})`);
    const out = JSON.parse(last.slice('BENCH_JSON '.length));
    notes.push(...out.notes.map((n) => `native: ${n}`));
    const row = out.rows[0];
    return { jiebaRs: row.peers[0].value, ours: row.ours };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { text, parts } = pickText();
const bytes = Buffer.byteLength(text, 'utf8');
const mb = (bytes / 1e6).toFixed(2);
const fixtures = parts.filter((p) => p.includes(join('tests', 'fixtures'))).length;
say(
  `text: ${mb} MB UTF-8, ${text.length} UTF-16 units, from ${parts
    .slice(0, parts.length - fixtures)
    .map((p) => relative(ROOT, p))
    .join(', ')} and ${fixtures} format fixtures`,
);
const cut = cutPieces(text);
say(`pieces: ${cut.length} of about ${PIECE} UTF-16 units, cut after line breaks as the worker does`);

// Ours: the wasm package, instantiated from its bytes as Node has no fetch of file URLs.
const ours = await import(pathToFileURL(join(PKG, 'biaozhu.js')).href);
ours.initSync({ module: readFileSync(join(PKG, 'biaozhu_bg.wasm')) });
const dict = dictionary(ours);
const buildMs = [];
let segmenter = null;
for (let i = 0; i < 3; i++) {
  segmenter?.free();
  const t = performance.now();
  segmenter = dict.build();
  buildMs.push(performance.now() - t);
}
say(
  `ours: dictionary build, ${dict.how}: ${buildMs.map((x) => x.toFixed(0)).join(', ')} ms; before it, gunzip ${dict.gunzipMs.toFixed(0)} ms`,
);

// jieba-wasm's Node build instantiates when required and builds its embedded
// dictionary on the first call.
const jieba = createRequire(import.meta.url)('jieba-wasm');
const t = performance.now();
jieba.cut('中文', true);
const jiebaFirstMs = performance.now() - t;
say(`jieba-wasm 2.4.0: first call (builds its dictionary) ${jiebaFirstMs.toFixed(0)} ms`);

const time = timer(bytes);
let check = null;
const runs = {
  ours: () => {
    check = segmentPieces(segmenter, cut);
  },
  cut: () => {
    for (const { piece } of cut) jieba.cut(piece, true);
  },
  tokenize: () => {
    for (const { piece } of cut) jieba.tokenize(piece, 'default', true);
  },
};
for (const run of Object.values(runs)) run();
const speeds = { ours: [], cut: [], tokenize: [] };
for (let i = 0; i < RUNS; i++) {
  for (const [name, run] of Object.entries(runs)) speeds[name].push(time(run));
}
const m = Object.fromEntries(Object.entries(speeds).map(([k, v]) => [k, median(v)]));
say(
  `ours (wasm, words + kinds + sub-words read into JS): ${m.ours.toFixed(1)} MB/s; ${check.kinds.length} tokens, ${check.subwordsCp.length} boundaries`,
);
say(`jieba-wasm 2.4.0 cut(piece, true): ${m.cut.toFixed(1)} MB/s`);
say(`jieba-wasm 2.4.0 tokenize(piece, "default", true): ${m.tokenize.toFixed(1)} MB/s`);

const nat = native(text, dict.lines);
say(`native jieba-rs 0.11 cut: ${nat.jiebaRs.toFixed(1)} MB/s; our native core: ${nat.ours.toFixed(1)} MB/s`);
say(
  `ratios: ours/jieba-wasm cut ${(m.ours / m.cut).toFixed(2)}, ours/jieba-wasm tokenize ${(m.ours / m.tokenize).toFixed(2)}, ours/native jieba-rs cut ${(m.ours / nat.jiebaRs).toFixed(2)}`,
);

const figure = `segmentation throughput, words with offsets delivered to JS (${mb} MB news + seed + fixtures)`;
const row = (peer, value, goal, detail) => ({
  figure,
  unit: 'MB/s',
  ours: m.ours,
  better: 'higher',
  peers: [{ name: peer, value, measured: true }],
  ...(goal ? { goal: { op: '>=', ratio: goal, peer } } : {}),
  detail,
});
const pieceNote = `text in ${cut.length} pieces cut after line breaks (as the page's worker does) for both`;
const rows = [
  row(
    'jieba-wasm 2.4.0 cut (Node)',
    m.cut,
    10,
    `median of ${RUNS} after a warm-up, alternating, each after a full GC; ${pieceNote}; ours reads wordsCp, wordsU16, kinds, subwordsCp into JS`,
  ),
  row('jieba-wasm 2.4.0 tokenize (Node)', m.tokenize, null, `tokenize(piece, "default", true): words with offsets, as JS objects`),
  row(
    'jieba-rs 0.11 cut (native)',
    nat.jiebaRs,
    0.8,
    `native release build, whole text in one call, median of 7 (benches/segment.rs); our native core ${nat.ours.toFixed(1)} MB/s`,
  ),
  {
    figure: 'segmentation dictionary build in Node (dictionary file to Segmenter)',
    unit: 'ms',
    ours: median(buildMs),
    better: 'lower',
    peers: [{ name: 'jieba-wasm 2.4.0 first call (builds its embedded dictionary)', value: jiebaFirstMs, measured: true }],
    detail: `median of 3, ${dict.how}; not counted: gunzip of ${relative(ROOT, dict.path)} ${dict.gunzipMs.toFixed(0)} ms`,
  },
];
console.log(`BENCH_JSON ${JSON.stringify({ rows, notes })}`);
