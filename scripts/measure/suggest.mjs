// Span F1 of biaozhu's suggestions on the People's Daily dev set (issue 17):
// a simulated annotator labels the first N sentences, the rest are suggested
// (`biaozhu suggest --learn FIRST.bio --to conll-char REST.txt`). N = 0 is the
// dictionary alone. The peer is Python jieba's parts of speech (nr/ns/nt as
// PER/LOC/ORG), measured in the same run when a venv with jieba is given
// (JIEBA_PYTHON=/path/to/venv/bin/python), else quoted from the issue.
// Nothing is kept: the split files live in a temporary folder.
//
//   cargo build --release && node scripts/measure/suggest.mjs [DEV.bio]
//   FOLDS=7 node scripts/measure/suggest.mjs   (also the seven-fold figure)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dev = process.argv[2] ?? '../shared/corpus/ner/peoples-daily.dev.bio';
if (!existsSync(dev)) {
  console.log(`skipped: ${dev} is absent`);
  process.exit(0);
}
const bin = 'target/release/biaozhu';

/** Sentences as [chars, tags] pairs. */
function readBio(text) {
  const out = [];
  let cur = [[], []];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (line.trim() === '') {
      if (cur[0].length) out.push(cur);
      cur = [[], []];
    } else {
      cur[0].push(cols[0]);
      cur[1].push(cols[cols.length - 1]);
    }
  }
  if (cur[0].length) out.push(cur);
  return out;
}

/** Entity spans of a tag list as "start:end:label" strings. */
function spans(tags, offset, into) {
  let open = null;
  const close = (i) => {
    if (open) into.add(`${offset + open[0]}:${offset + i}:${open[1]}`);
    open = null;
  };
  tags.forEach((t, i) => {
    if (t.startsWith('B-') || (t.startsWith('I-') && (!open || open[1] !== t.slice(2)))) {
      close(i);
      open = [i, t.slice(2)];
    } else if (t === 'O') close(i);
  });
  close(tags.length);
}

function f1(gold, guess) {
  let hit = 0;
  for (const s of guess) if (gold.has(s)) hit++;
  const p = guess.size ? hit / guess.size : 0;
  const r = gold.size ? hit / gold.size : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

const sentences = readBio(readFileSync(dev, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'bz-suggest-'));

/** Learns `train` (none: the dictionary alone), suggests for `rest`: the spans and the run's figures. */
function suggestRest(train, rest) {
  writeFileSync(join(dir, 'first.bio'), train.map(([c, t]) => c.map((ch, i) => `${ch} ${t[i]}`).join('\n')).join('\n\n') + '\n');
  writeFileSync(join(dir, 'rest.txt'), rest.map(([c]) => c.join('')).join('\n') + '\n');
  const args = ['suggest', '--timings', ...(process.env.EPOCHS ? ['--epochs', process.env.EPOCHS] : [])];
  if (train.length > 0) args.push('--learn', join(dir, 'first.bio'));
  args.push('--to', 'conll-char', join(dir, 'rest.txt'));
  const t0 = performance.now();
  const run = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`${bin} ${args.join(' ')}: ${run.stderr}`);
  const ms = performance.now() - t0;
  const tags = run.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t')[1]);
  const gold = new Set();
  const guess = new Set();
  let at = 0;
  for (const [c, t] of rest) {
    spans(t, at, gold);
    spans(tags.slice(at, at + c.length), at, guess);
    at += c.length;
  }
  if (at !== tags.length) throw new Error(`${tags.length} tagged characters for ${at}`);
  return { gold, guess, ms, stderr: run.stderr };
}

const rows = [];
let folds = null;
try {
  for (const n of (process.env.NS ?? '0,100,500,2000').split(',').map(Number)) {
    const { gold, guess, ms, stderr } = suggestRest(sentences.slice(0, n), sentences.slice(n));
    const online = stderr.match(/([\d.]+) ms a line online/);
    const suggested = stderr.match(/\((\d+) lines\) in ([\d.]+) ms/);
    rows.push({
      n,
      f1: f1(gold, guess),
      ms,
      update: online ? online[1] : '-',
      suggest: suggested ? `${suggested[2]} ms / ${suggested[1]} lines` : '-',
    });
  }
  // FOLDS=k: each k-th of the sentences suggested after the rest are learnt, the spans of all
  // pooled: a steadier figure near N = 2,000 than the last 319 sentences alone.
  const k = Number(process.env.FOLDS ?? 0);
  if (process.env.FOLDS && !(Number.isInteger(k) && k > 1))
    throw new Error(`FOLDS=${process.env.FOLDS}: a whole number of folds, 2 or more`);
  if (k > 1) {
    // Each fold's spans keyed by the fold too, so that the pooled sets are told apart.
    const gold = new Set();
    const guess = new Set();
    for (let f = 0; f < k; f++) {
      const lo = Math.floor((f * sentences.length) / k);
      const hi = Math.floor(((f + 1) * sentences.length) / k);
      const got = suggestRest([...sentences.slice(0, lo), ...sentences.slice(hi)], sentences.slice(lo, hi));
      for (const s of got.gold) gold.add(`${f}:${s}`);
      for (const s of got.guess) guess.add(`${f}:${s}`);
    }
    folds = { k, learnt: sentences.length - Math.ceil(sentences.length / k), f1: f1(gold, guess) };
  }
} finally {
  rmSync(dir, { recursive: true });
}

let peer = '0.54 (quoted from issue 17; set JIEBA_PYTHON to measure it here)';
if (process.env.JIEBA_PYTHON) {
  const script = `
import sys, jieba.posseg as ps
ents = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
gold = set(); guess = set(); sent = []; tags = []; base = 0
def flush():
    global base, sent, tags
    if not sent: return
    open_ = None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and (open_ is None or open_[1] != t[2:])):
            if open_: gold.add((base + open_[0], base + i, open_[1]))
            open_ = (i, t[2:]) if t != "O" else None
    at = 0
    for w, f in ps.cut("".join(sent)):
        if f in ents: guess.add((base + at, base + at + len(w), ents[f]))
        at += len(w)
    base += len(sent); sent = []; tags = []
for line in open(sys.argv[1], encoding="utf-8"):
    cols = line.split()
    if not cols: flush(); continue
    sent.append(cols[0]); tags.append(cols[-1])
flush()
hit = len(gold & guess); p = hit / len(guess); r = hit / len(gold)
print(f"{2*p*r/(p+r):.3f}")
`;
  peer = execFileSync(process.env.JIEBA_PYTHON, ['-c', script, dev], { encoding: 'utf8' }).trim() + ' (measured now)';
}

console.log(`span F1 on the rest of ${dev} (${sentences.length} sentences), first N learnt`);
console.log('| N learnt | span F1 | vs jieba POS | one update (ms, mean) | suggesting the rest | whole run |');
console.log('|---|---|---|---|---|---|');
const peerF1 = Number.parseFloat(peer);
for (const r of rows) {
  console.log(
    `| ${r.n === 0 ? '0 (dictionary only)' : r.n} | ${r.f1.toFixed(4)} | ${(r.f1 / peerF1).toFixed(2)}× | ${r.update} | ${r.suggest} | ${(r.ms / 1000).toFixed(1)} s |`,
  );
}
console.log(`peer: Python jieba's parts of speech alone (nr/ns/nt as PER/LOC/ORG): ${peer}`);
if (folds) {
  console.log(
    `${folds.k} folds, about ${folds.learnt} sentences learnt in each: span F1 ${folds.f1.toFixed(4)} over all ${sentences.length}`,
  );
}
