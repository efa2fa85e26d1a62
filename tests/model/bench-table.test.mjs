// How `make bench` judges a figure against its goal and its peers
// (scripts/bench/table.mjs): the verdicts the README and BENCHMARKS.md repeat.
import test from 'node:test';
import assert from 'node:assert/strict';
import { judge, ratio, markdownTable, formatTable } from '../../scripts/bench/table.mjs';

const peer = (name, value, measured = true) => ({ name, value, measured });

test('a ratio reads "times better" whichever way the unit runs', () => {
  assert.equal(ratio({ ours: 40, better: 'higher' }, 4), 10);
  assert.equal(ratio({ ours: 10, better: 'lower' }, 50), 5);
  assert.equal(ratio({ ours: 0, better: 'lower' }, 50), null, 'a zero figure has no ratio');
});

test('a goal relative to a measured peer is met only at the ratio asked', () => {
  const row = { figure: 'seg', unit: 'MB/s', better: 'higher', peers: [peer('jw', 3.8)], goal: { op: '>=', ratio: 10, peer: 'jw' } };
  assert.equal(judge({ ...row, ours: 38 }).met, true);
  assert.equal(judge({ ...row, ours: 37.9 }).met, false);
});

test('a goal relative to a reported (unmeasured) peer is never counted as met', () => {
  const row = {
    figure: 'seg',
    unit: 'MB/s',
    ours: 100,
    better: 'higher',
    peers: [peer('jw', 3.8, false)],
    goal: { op: '>=', ratio: 10, peer: 'jw' },
  };
  assert.equal(judge(row).met, false);
});

test('absolute goals, and rows without one', () => {
  const row = { figure: 'open', unit: 'ms', better: 'lower', peers: [peer('LS', 9200, false)], goal: { op: '<=', value: 1000 } };
  assert.equal(judge({ ...row, ours: 1000 }).met, true);
  assert.equal(judge({ ...row, ours: 1001 }).met, false);
  assert.equal(judge({ ...row, ours: NaN }).met, false, 'a figure that could not be taken does not meet its goal');
  assert.equal(judge({ ...row, goal: undefined, ours: 5 }).met, null);
});

test('tables name every peer, mark reported ones, and say NOT MET', () => {
  const rows = [
    judge({
      figure: 'open',
      unit: 'ms',
      ours: 1200,
      better: 'lower',
      peers: [peer('LS', 9200, false), peer('jw', 1000)],
      goal: { op: '<=', value: 1000 },
    }),
  ];
  const md = markdownTable(rows);
  assert.match(md, /LS \(reported\): 9200; jw: 1000/);
  assert.match(md, /7\.67×\*; 0\.833×/);
  assert.match(md, /NOT MET/);
  assert.match(formatTable(rows), /NOT MET/);
});
