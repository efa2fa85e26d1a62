// `biaozhu agree` on two annotators' projects of 2,000 documents with 50,000
// annotations each (doccano JSONL; the second is the first with a third of
// its spans moved, relabelled, dropped or added), beside the same figures
// (span precision/recall/F1 per label, strict IOB2, and Cohen's κ over
// characters) computed by seqeval and scikit-learn in the venv scripts/setup.sh
// makes. Both are timed as a person runs them: the whole process, reading the
// files included, median of three. biaozhu computes more in that time (overlap
// match, κ over words, Fleiss' κ, α, disagreements).
//
// Usage: node scripts/bench/agree.mjs   (builds the release CLI; BENCH_DOCS=200 for a quick run)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './bigdoc.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOCS = Number(process.env.BENCH_DOCS || 2000);
const PER_DOC = 25; // 2,000 × 25 = 50,000 annotations a project
const DOC_CHARS = 600;
const LABELS = ['PER', 'ORG', 'LOC', 'TIME'];
const PYTHON = join(ROOT, '.tools', 'py', 'bin', 'python');
const BIN = join(ROOT, 'target', 'release', 'biaozhu');
const RUNS = 3;
const say = (line) => console.log(line);

/** The peer: seqeval's strict IOB2 report and scikit-learn's κ over characters, from the same files. */
const PEER = join(ROOT, 'tests', 'agree_python', 'peer.py');

/** A text of Han characters (BMP only, so doccano's UTF-16 offsets are code points), distinct per document. */
function text(i, random) {
  let t = `第${i + 1}篇`;
  while (t.length < DOC_CHARS) t += String.fromCharCode(0x4e00 + Math.floor(random() * 0x51a5));
  return t;
}

/** `PER_DOC` spans that do not overlap, 2–5 characters each. */
function spans(random) {
  const step = Math.floor(DOC_CHARS / PER_DOC);
  return Array.from({ length: PER_DOC }, (_, k) => {
    const start = k * step + Math.floor(random() * (step - 6));
    return [start, start + 2 + Math.floor(random() * 4), LABELS[Math.floor(random() * LABELS.length)]];
  });
}

/** Another annotator: two thirds kept, the rest moved by one, relabelled, or dropped and replaced; still 25 a document. */
function variant(list, random) {
  return list.map(([s, e, l]) => {
    const roll = random();
    if (roll < 0.67) return [s, e, l];
    if (roll < 0.78) return [s, e - 1 > s ? e - 1 : e + 1, l];
    if (roll < 0.89) return [s, e, LABELS[(LABELS.indexOf(l) + 1) % LABELS.length]];
    return [s + 1, e + 1, l];
  });
}

function timed(cmd, args) {
  const times = [];
  let out = '';
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const run = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (run.status !== 0) throw new Error(`${cmd} failed: ${run.stderr}`);
    out = run.stdout;
  }
  return { s: [...times].sort((x, y) => x - y)[Math.floor(RUNS / 2)], out: JSON.parse(out) };
}

if (!existsSync(PYTHON)) throw new Error('no .tools/py: run bash scripts/setup.sh');
say('building the release CLI (cargo build --release --bin biaozhu)');
execFileSync('cargo', ['build', '-q', '--release', '--bin', 'biaozhu'], { cwd: ROOT, stdio: 'inherit' });

const dir = mkdtempSync(join(tmpdir(), 'biaozhu-bench-agree-'));
try {
  const random = prng(18);
  const a = [];
  const b = [];
  for (let i = 0; i < DOCS; i++) {
    const t = text(i, random);
    const s = spans(random);
    a.push(JSON.stringify({ text: t, label: s }));
    b.push(JSON.stringify({ text: t, label: variant(s, random) }));
  }
  const fa = join(dir, 'a.jsonl');
  const fb = join(dir, 'b.jsonl');
  writeFileSync(fa, `${a.join('\n')}\n`);
  writeFileSync(fb, `${b.join('\n')}\n`);
  say(`${DOCS} documents of ${DOC_CHARS} characters, ${DOCS * PER_DOC} annotations in each of two doccano JSONL files`);

  const ours = timed(BIN, ['agree', fa, fb, '--json']);
  say(
    `biaozhu agree: ${ours.s.toFixed(3)} s (median of ${RUNS}); f1 ${ours.out.overall.f1.toFixed(6)}, κ ${ours.out.overall.kappa.toFixed(6)}`,
  );
  const peer = timed(PYTHON, [PEER, fa, fb]);
  say(`seqeval + scikit-learn: ${peer.s.toFixed(3)} s (median of ${RUNS}); f1 ${peer.out.f1.toFixed(6)}, κ ${peer.out.kappa.toFixed(6)}`);
  // A figure that differs from the peer's makes the time meaningless.
  const same = Math.abs(ours.out.overall.f1 - peer.out.f1) < 1e-9 && Math.abs(ours.out.overall.kappa - peer.out.kappa) < 1e-9;
  if (!same) throw new Error('biaozhu and the peer disagree on the figures; see above');
  say(`ratio: biaozhu is ${(peer.s / ours.s).toFixed(1)}× faster`);

  const rows = [
    {
      figure: `agree: two projects of ${DOCS} documents, ${DOCS * PER_DOC} annotations each`,
      unit: 's',
      ours: ours.s,
      better: 'lower',
      peers: [{ name: 'seqeval 1.2.2 + scikit-learn 1.5.2 (span F1 and κ only)', value: peer.s, measured: true }],
      goal: { op: '<=', value: 1 },
      detail:
        'biaozhu agree --json, release build, whole process with reading the files; the peer computes strict IOB2 span P/R/F1 and κ over characters from the same files in Python; same figures to 1e-9; median of 3',
    },
  ];
  console.log(`BENCH_JSON ${JSON.stringify({ rows, notes: [] })}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
