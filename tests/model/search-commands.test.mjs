// The search's commands (www/js/commands/search.js), without a page: the
// pattern typed, the label a shifted key names, going to a match and labelling
// every match as one change. Run: node --test tests/model/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotationModel } from '../../www/js/model.js';
import { DEFAULT_LABELS } from '../../www/js/labels.js';
import { Store } from '../../www/js/store.js';
import { run } from '../../www/js/commands/run.js';
import { goTo, labelAll, labelOfKey, searchPattern } from '../../www/js/commands/search.js';

const TEXT = '北京是首都。北京大学在北京。𠀀北京';
/** The matches of `needle` in TEXT as anchor.js `find` gives them: UTF-16 and code point pairs. */
function matchesOf(needle) {
  const u16 = [];
  const cp = [];
  for (const m of TEXT.matchAll(searchPattern(needle, false))) {
    u16.push(m.index, m.index + m[0].length);
    const start = [...TEXT.slice(0, m.index)].length;
    cp.push(start, start + [...m[0]].length);
  }
  return { u16: Uint32Array.from(u16), cp: Uint32Array.from(cp) };
}
const doc = { slice: (s, e) => [...TEXT].slice(s, e).join('') };

test('a plain query is the text itself, a regular expression is read as one, and a bad one is refused', () => {
  assert.deepEqual([...'a.b(c)a.b'.matchAll(searchPattern('a.b', false))].length, 2);
  assert.deepEqual([...'axb a.b'.matchAll(searchPattern('a.b', false))].length, 1);
  assert.deepEqual([...'axb a.b'.matchAll(searchPattern('a.b', true))].length, 2);
  // One character outside the BMP is one character to a regular expression, as to the model.
  assert.deepEqual(
    [...'𠀀京'.matchAll(searchPattern('^.京', true))].map((m) => m[0]),
    ['𠀀京'],
  );
  assert.throws(() => searchPattern('(北', true), SyntaxError);
});

test('Shift and a key names the label on that key, by its place on the keyboard', () => {
  const labels = [...DEFAULT_LABELS, { id: 'X', name: 'x', color: '#000000', key: 'q' }];
  assert.equal(labelOfKey(labels, '#', 'Digit3').id, 'LOC');
  assert.equal(labelOfKey(labels, '3', 'Numpad3').id, 'LOC');
  assert.equal(labelOfKey(labels, 'Q', 'KeyQ').id, 'X');
  assert.equal(labelOfKey(labels, 'Q').id, 'X', 'without a code, the key itself');
  assert.equal(labelOfKey(labels, '(', 'Digit9'), null);
});

test('going to a match selects it in both units, with the count in the hint', () => {
  const matches = matchesOf('北京');
  const r = goTo({}, doc, null, { matches, index: 3 });
  assert.deepEqual(r.patch.selection, { startCp: 15, endCp: 17, startU16: 16, endU16: 18, anchor: 15, focus: 17 });
  assert.match(r.hint, /^Match 4 of 4, “北京”/);
});

test('labelling every match skips those already of that label and is one undoable change', () => {
  const model = new AnnotationModel({ length: [...TEXT].length });
  model.create({ start: 6, end: 8, label: 'LOC' }); // the second 北京, labelled already
  model.create({ start: 0, end: 2, label: 'PER' }); // another label: still labelled LOC
  const store = new Store();
  const matches = matchesOf('北京');
  const result = labelAll(store.state, doc, model, { matches, labelId: 'LOC' });
  assert.deepEqual(result.ops, [
    [
      'createMany',
      [
        { start: 0, end: 2, label: 'LOC' },
        { start: 11, end: 13, label: 'LOC' },
        { start: 15, end: 17, label: 'LOC' },
      ],
    ],
  ]);
  assert.match(result.hint, /^Labelled 3 matches 地点 LOC \(1 already were\)/);
  run(store, model, result);
  assert.equal(model.annotations.filter((a) => a.label === 'LOC').length, 4);
  model.undo();
  assert.equal(model.annotations.length, 2, 'one undo took all three back');
  model.redo();
  assert.match(labelAll(store.state, doc, model, { matches, labelId: 'LOC' }).hint, /^All 4 matches are labelled 地点 LOC already/);
});
