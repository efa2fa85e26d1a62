// createMany: many annotations made by one key press (search, then label every
// match) are one change, undone and redone whole, and refused whole.
// Run: node --test tests/model/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotationModel } from '../../www/js/model.js';

const NOW = '2026-12-04T09:00:00.000Z';
const model = () => new AnnotationModel({ length: 100, now: () => new Date(NOW) });
const spans = (m) => m.annotations.map((a) => [a.start, a.end, a.label]);

test('createMany makes every annotation in one change: one undo removes them all, one redo brings them back', () => {
  const m = model();
  m.create({ start: 0, end: 2, label: 'PER' });
  const seen = [];
  m.onChange((change, how) => seen.push([how, change.op, change.annotations.created.length, change.annotations.deleted.length]));
  const made = m.createMany([
    { start: 10, end: 12, label: 'LOC' },
    { start: 30, end: 32, label: 'LOC' },
    { start: 50, end: 52, label: 'LOC', note: 'kept' },
  ]);
  assert.deepEqual(
    made.map((a) => a.id),
    ['a2', 'a3', 'a4'],
  );
  assert.equal(made[2].note, 'kept');
  assert.ok(made.every((a) => Object.isFrozen(a) && a.created === NOW));
  const after = m.toState();
  assert.equal(m.annotations.length, 4);

  m.undo();
  assert.deepEqual(spans(m), [[0, 2, 'PER']], 'one undo removed the whole batch and nothing else');
  m.redo();
  assert.deepEqual(m.toState(), after, 'one redo brought the whole batch back, ids included');
  m.undo();
  m.undo();
  assert.deepEqual(spans(m), []);
  assert.deepEqual(seen, [
    ['do', 'createMany', 3, 0],
    ['undo', 'createMany', 0, 3],
    ['redo', 'createMany', 3, 0],
    ['undo', 'createMany', 0, 3],
    ['undo', 'create', 0, 1],
  ]);
});

test('createMany refuses the whole batch when one annotation is not valid, and records nothing', () => {
  const m = model();
  const cases = [
    [
      [
        { start: 1, end: 3, label: 'PER' },
        { start: 5, end: 4, label: 'PER' },
      ],
      'reversed',
    ],
    [
      [
        { start: 1, end: 3, label: 'PER' },
        { start: 95, end: 101, label: 'PER' },
      ],
      'out-of-range',
    ],
    [[{ start: 1, end: 3, label: 'NOPE' }], 'unknown-label'],
    ['not a list', 'malformed'],
  ];
  for (const [specs, code] of cases) {
    assert.throws(
      () => m.createMany(specs),
      (e) => e instanceof RangeError && e.code === code,
    );
  }
  assert.deepEqual(m.annotations, []);
  assert.equal(m.canUndo, false);
  assert.deepEqual(m.createMany([]), [], 'an empty batch is no change');
  assert.equal(m.canUndo, false);
});

test('a batch survives the saved history: after a reload one undo still removes it whole', () => {
  const m = model();
  m.createMany([
    { start: 1, end: 3, label: 'ORG' },
    { start: 7, end: 9, label: 'ORG' },
  ]);
  const again = new AnnotationModel({ length: 100, ...m.toState(), history: JSON.parse(JSON.stringify(m.toHistory())) });
  assert.equal(again.annotations.length, 2);
  again.undo();
  assert.deepEqual(again.annotations, []);
  again.redo();
  assert.deepEqual(again.toState(), m.toState());
  assert.equal(again.create({ start: 20, end: 21, label: 'PER' }).id, 'a3', 'ids of the batch are not handed out again');
});
