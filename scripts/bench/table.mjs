// How `make bench` judges and prints a figure. A row comes from a benchmark's
// BENCH_JSON line (see run.mjs):
//   {figure, unit, ours, better: 'higher'|'lower', peers: [{name, value, measured}],
//    goal: {op, value} | {op, ratio, peer}, detail}
// The ratio to a peer always reads "how many times better than the peer",
// so above 1 is better whichever way the unit runs.

/** `ours` against `peer` as "times better": ours/peer when higher is better, peer/ours when lower is. */
export function ratio(row, peerValue) {
  if (!(peerValue > 0) || !(row.ours > 0)) return null;
  return row.better === 'higher' ? row.ours / peerValue : peerValue / row.ours;
}

function compare(a, op, b) {
  return op === '<=' ? a <= b : op === '>=' ? a >= b : op === '<' ? a < b : op === '>' ? a > b : null;
}

/**
 * Adds `ratios` (one per peer, null when it cannot be taken), `met`
 * (true/false, or null when the row has no goal) and `goalText`. A goal
 * relative to a peer needs that peer measured in this run: a reported figure
 * cannot be a ratio's other side.
 */
export function judge(row) {
  const peers = row.peers ?? [];
  const ratios = peers.map((p) => ratio(row, p.value));
  let met = null;
  let goalText = '';
  const g = row.goal;
  if (g && typeof g.ratio === 'number') {
    const i = peers.findIndex((p) => p.name === g.peer);
    const r = i >= 0 && peers[i].measured ? ratios[i] : null;
    met = r === null || !Number.isFinite(row.ours) ? false : compare(r, g.op, g.ratio);
    goalText = `${g.op} ${g.ratio}× ${g.peer}`;
  } else if (g && typeof g.value === 'number') {
    met = Number.isFinite(row.ours) ? compare(row.ours, g.op, g.value) : false;
    goalText = `${g.op} ${g.value} ${row.unit}`;
  }
  return { ...row, peers, ratios, met, goalText };
}

/** A number with about three significant digits. */
export function num(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toFixed(3);
}

function peerCells(r) {
  if (!r.peers.length) return ['', ''];
  const names = r.peers.map((p) => `${p.name}${p.measured || /reported/.test(p.name) ? '' : ' (reported)'}: ${num(p.value)}`).join('; ');
  const ratios = r.peers.map((p, i) => (r.ratios[i] === null ? '—' : `${num(r.ratios[i])}×${p.measured ? '' : '*'}`)).join('; ');
  return [names, ratios];
}

const verdict = (r) => (r.met === null ? '' : r.met ? 'met' : 'NOT MET');

/** Plain-text table for the terminal. */
export function formatTable(rows) {
  const head = ['figure', 'ours', 'unit', 'peers', 'times better', 'goal', ''];
  const body = rows.map((r) => [r.figure, num(r.ours), r.unit, ...peerCells(r), r.goalText, verdict(r)]);
  const widths = head.map((h, i) => Math.min(70, Math.max(h.length, ...body.map((b) => [...b[i]].length))));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const details = rows.map((r) => (r.detail ? `  ${r.figure}: ${r.detail}` : null)).filter(Boolean);
  return [line(head), ...body.map(line), '', '* ratio to a figure reported in the issue, not measured here', ...details].join('\n');
}

/** The same as a Markdown table, for BENCHMARKS.md and the README. */
export function markdownTable(rows) {
  const esc = (s) => String(s).replaceAll('|', '\\|');
  return [
    '| figure | ours | peers | times better | goal | |',
    '| --- | ---: | --- | --- | --- | --- |',
    ...rows.map((r) => {
      const [peers, ratios] = peerCells(r);
      return `| ${esc(r.figure)} | ${num(r.ours)} ${esc(r.unit)} | ${esc(peers)} | ${esc(ratios)} | ${esc(r.goalText)} | ${verdict(r)} |`;
    }),
  ].join('\n');
}
