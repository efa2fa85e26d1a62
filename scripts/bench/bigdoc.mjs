// The long document of the heaviest figures: about 340 000 characters
// of real news text with 10 000 annotations drawn from a fixed seed, written as
// a native .biaozhu.json (schema/biaozhu.schema.json) that the page opens
// through its file input like any file a person picks.
//
// The text is the SIGHAN 2005 icwb2 test texts of ../shared/corpus; without
// ../shared the project's seed article is repeated instead (which the caller
// must say in its notes, `fallback` tells it).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LABELS } from '../../www/js/labels.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'icwb2');

/** A small, fast PRNG (mulberry32): the same seed gives the same document on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About `chars` code points of text, cut at a line end, and whether it had to fall back. */
function pickText(chars) {
  const read = (p) => readFileSync(p, 'utf8').replace(/^\uFEFF/, '');
  const fallback = !existsSync(join(CORPUS, 'as_test.utf8'));
  const source = fallback
    ? read(join(ROOT, 'www', 'samples', 'seed.txt'))
    : ['as_test.utf8', 'cityu_test.utf8'].map((f) => read(join(CORPUS, f))).join('\n');
  let cps = [...source];
  while (cps.length < chars) cps = cps.concat(['\n'], [...source]);
  let end = chars;
  while (end < cps.length && cps[end - 1] !== '\n') end += 1;
  return { cps: cps.slice(0, end), fallback };
}

/**
 * Writes the document to `path`.
 * @returns {{path: string, name: string, chars: number, annotations: number, fallback: boolean}}
 */
export function writeBigDoc(path, { chars = 340_000, annotations = 10_000, seed = 20240501 } = {}) {
  const { cps, fallback } = pickText(chars);
  const text = cps.join('');
  const random = prng(seed);
  const anns = [];
  const taken = new Set();
  while (anns.length < annotations) {
    const start = Math.floor(random() * (cps.length - 8));
    const len = 2 + Math.floor(random() * 3);
    const piece = cps.slice(start, start + len);
    // A span a person would make: no whitespace in it, and never two on the same place.
    if (piece.some((c) => /\s/.test(c)) || taken.has(start)) continue;
    taken.add(start);
    const label = DEFAULT_LABELS[Math.floor(random() * DEFAULT_LABELS.length)].id;
    anns.push({ start, end: start + len, label, quote: piece.join('') });
  }
  anns.sort((a, b) => a.start - b.start);
  const name = `bench-${annotations}.txt`;
  const doc = {
    format: 'biaozhu',
    version: 2,
    document: { name, text, sha256: createHash('sha256').update(text, 'utf8').digest('hex'), length: cps.length, unit: 'codepoint' },
    labels: DEFAULT_LABELS,
    annotations: anns.map((a, i) => ({ id: `a${(i + 1).toString(36)}`, ...a, created: '2024-05-01T12:00:00.000Z' })),
    relations: [],
  };
  writeFileSync(path, JSON.stringify(doc));
  return { path, name, chars: cps.length, annotations, fallback };
}
