// Label statistics (issue 19): counts per label and the most frequent strings,
// with code point offsets (𠮷 before a span does not shift its quote).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statsRows, tallyDocument, TOP } from '../../www/js/label-stats.js';

const labels = [
  { id: 'PER', name: '人物', color: '#e6550d' },
  { id: 'LOC', name: '地点', color: '#009e73' },
];

test('counts each label over several documents and lists its strings, most first, in the label set order', () => {
  const tally = new Map();
  tallyDocument(tally, '𠮷北京和上海，北京', [
    { start: 1, end: 3, label: 'LOC' },
    { start: 4, end: 6, label: 'LOC' },
    { start: 7, end: 9, label: 'LOC' },
  ]);
  tallyDocument(tally, '普京在北京', [
    { start: 0, end: 2, label: 'PER' },
    { start: 3, end: 5, label: 'LOC' },
    { start: 0, end: 5, label: 'EVENT' },
  ]);
  const rows = statsRows(tally, labels);
  assert.deepEqual(
    rows.map((r) => [r.id, r.count, r.top]),
    [
      ['PER', 1, [['普京', 1]]],
      [
        'LOC',
        4,
        [
          ['北京', 3],
          ['上海', 1],
        ],
      ],
      ['EVENT', 1, [['普京在北京', 1]]],
    ],
  );
});

test('a label with no annotations is listed with 0; a discontinuous quote joins its pieces; only the top strings', () => {
  const tally = tallyDocument(new Map(), '北京和上海大学', [
    {
      start: 0,
      end: 7,
      label: 'PER',
      fragments: [
        [0, 2],
        [5, 7],
      ],
    },
  ]);
  const rows = statsRows(tally, labels);
  assert.deepEqual(rows[1], { id: 'LOC', name: '地点', color: '#009e73', count: 0, top: [] });
  assert.deepEqual(rows[0].top, [['北京 大学', 1]]);
  const many = tallyDocument(
    new Map(),
    'abcdefgh',
    [...'abcdefgh'].map((_, i) => ({ start: i, end: i + 1, label: 'PER' })),
  );
  assert.equal(statsRows(many, labels)[0].top.length, TOP);
});
