// `make bench`: runs every benchmark of scripts/bench/ one after another (the
// machine has two cores; two benchmarks at once would measure each other),
// then prints one table where each figure stands beside its peers, with the
// ratio taken from this same run, and whether the issue's goal is met. The
// figures are appended to BENCHMARKS.md with the date, commit and machine.
//
// Usage: node scripts/bench/run.mjs [name ...]   (default: every benchmark)
import { spawnSync, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { judge, formatTable, markdownTable } from './table.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
/** In the order they run: segmentation first, while nothing else has warmed the machine. */
const ALL = ['segment', 'startup', 'page', 'autosave', 'project', 'agree', 'relations', 'suggest-page'];

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
const results = [];
const notes = [];
let failed = 0;
for (const name of wanted) {
  const script = join(HERE, `${name}.mjs`);
  if (!existsSync(script)) {
    console.error(`bench: no benchmark named ${name} (scripts/bench/${name}.mjs)`);
    failed++;
    continue;
  }
  console.log(`\n=== ${name} ===`);
  // The child's lines go straight through, so a long benchmark shows progress.
  const run = spawnSync(process.execPath, [script], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  const lines = (run.stdout ?? '').trimEnd().split('\n');
  const last = lines.at(-1) ?? '';
  for (const line of lines) if (!line.startsWith('BENCH_JSON ')) console.log(line);
  if (run.status !== 0 || !last.startsWith('BENCH_JSON ')) {
    console.error(`bench: ${name} failed (exit ${run.status}${run.signal ? `, ${run.signal}` : ''}); its figures are missing below`);
    failed++;
    continue;
  }
  const out = JSON.parse(last.slice('BENCH_JSON '.length));
  for (const row of out.rows) results.push({ bench: name, ...row });
  for (const n of out.notes ?? []) notes.push(`${name}: ${n}`);
}

const judged = results.map(judge);
const machine = describeMachine();
console.log(`\n=== every figure (${machine}) ===`);
console.log(formatTable(judged));
for (const n of notes) console.log(`note: ${n}`);
const met = judged.filter((r) => r.met === true).length;
const missed = judged.filter((r) => r.met === false);
console.log(
  `\n${met} of ${judged.filter((r) => r.met !== null).length} goals met${missed.length ? `; not met: ${missed.map((r) => r.figure).join('; ')}` : ''}.`,
);

const commit = git(['rev-parse', '--short', 'HEAD']);
// A run not yet committed to BENCHMARKS.md leaves it changed: that is no change to what was measured.
const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!BENCHMARKS.md']) ? ' (with uncommitted changes)' : '';
const history = join(ROOT, 'BENCHMARKS.md');
const entry = [
  `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${commit}${dirty}`,
  '',
  `Machine: ${machine}. Command: \`make bench\`${wanted === ALL ? '' : ` (only ${wanted.join(', ')})`}.`,
  '',
  markdownTable(judged),
  ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
  '',
].join('\n');
if (!existsSync(history))
  appendFileSync(
    history,
    '# Benchmark history\n\nEach `make bench` run appends its figures here (newest last). See README, "Performance".\n',
  );
appendFileSync(history, entry);
console.log(`appended to BENCHMARKS.md`);
process.exitCode = failed ? 1 : 0;

function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function describeMachine() {
  const cpu = cpus();
  let chromium = 'chromium ?';
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* absent: said as '?' */
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${chromium}, load ${load} at the end`;
}
