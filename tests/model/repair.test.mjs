// Work saved by older pages, repaired on load with nothing lost. Run: node --test tests/model/
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AnnotationModel, repairSaved } from '../../www/js/model.js';

/** What the page saved before the resize rule: see the file's `about`. */
const OLD = JSON.parse(readFileSync(new URL('./fixtures/old-resize.json', import.meta.url), 'utf8'));
const NOW = '2026-11-24T05:00:00.000Z';

function deepFreeze(x) {
  if (x !== null && typeof x === 'object') {
    Object.freeze(x);
    Object.values(x).forEach(deepFreeze);
  }
  return x;
}

/** A fresh, frozen copy of the old save: repairSaved must neither need to nor try to edit it. */
const oldSave = () => deepFreeze(structuredClone({ state: OLD.state, history: OLD.history, deltas: OLD.deltas }));

/** The model a page loads: the state and history, then the saved deltas replayed. */
function load({ state, history, deltas }) {
  const m = new AnnotationModel({ ...state, history, length: OLD.length, now: () => new Date(NOW) });
  for (const { change, how } of deltas) m.replay(change, how);
  return m;
}

/** Asserts that `repairSaved(saved)` found nothing to repair: it gives back the same objects. */
function assertUntouched(saved) {
  const out = repairSaved(saved);
  for (const key of ['state', 'history', 'deltas']) assert.equal(out[key], saved?.[key] ?? null, `${JSON.stringify(saved)} ${key}`);
  assert.deepEqual(out.repaired, []);
}

/** Asserts that a state holds only what the rules accept, by loading it afresh. */
function assertValid(m, where) {
  assert.doesNotThrow(() => new AnnotationModel({ ...m.toState(), length: OLD.length }), where);
}

describe('a save made by the old resize', () => {
  test('cannot be loaded as it is: its first annotation breaks the fragments rule', () => {
    const { state, history } = oldSave();
    assert.throws(() => new AnnotationModel({ ...state, history, length: OLD.length }), { name: 'RangeError', code: 'bad-fragments' });
  });

  test('is repaired as the last resize meant, and loads with its deltas', () => {
    const saved = oldSave();
    const before = JSON.stringify(saved);
    const out = repairSaved(saved);
    assert.equal(JSON.stringify(saved), before, 'the input is not changed');
    assert.deepEqual(out.repaired, [
      {
        id: 'a1',
        before: {
          start: 0,
          end: 8,
          fragments: [
            [0, 2],
            [4, 6],
          ],
        },
        after: {
          start: 0,
          end: 8,
          fragments: [
            [0, 2],
            [4, 8],
          ],
        },
      },
    ]);
    const m = load(out);
    assert.deepEqual(m.toState().annotations, [
      {
        id: 'a1',
        start: 0,
        end: 8,
        label: 'ORG',
        created: NOW,
        fragments: [
          [0, 2],
          [4, 8],
        ],
        note: '北京…大学',
      },
      { id: 'a2', start: 10, end: 12, label: 'LOC', created: NOW },
      {
        id: 'a3',
        start: 13,
        end: 19,
        label: 'LOC',
        created: NOW,
        fragments: [
          [13, 15],
          [17, 19],
        ],
      },
    ]);
    assert.deepEqual(m.toState().relations, [{ id: 'r1', from: 'a1', to: 'a2', kind: 'born-in', created: NOW }]);
    assertValid(m, 'the state loaded');
  });

  test('undo and redo walk the whole repaired history, every step valid, and come back', () => {
    const m = load(repairSaved(oldSave()));
    const end = m.toState();
    // The undone resize of a3 (saved broken) is there to redo, repaired the same way.
    assert.equal(m.canRedo, true);
    m.redo();
    assert.deepEqual(m.byId('a3').fragments, [
      [14, 15],
      [17, 19],
    ]);
    assert.equal(m.byId('a3').start, 14);
    m.undo();
    let steps = 0;
    while (m.canUndo) {
      m.undo();
      steps += 1;
      assertValid(m, `after ${steps} undos`);
    }
    assert.equal(steps, 6, 'four changes before the snapshot, two after it');
    assert.equal(m.annotations.length, 0);
    while (m.canRedo) m.redo();
    m.undo(); // the resize of a3 was undone when the page was left
    assert.deepEqual(m.toState(), end);
  });

  test('the same repair holds in the history, in the deltas and in the state', () => {
    const out = repairSaved(oldSave());
    const resize = out.history.done.find((c) => c.op === 'resize');
    assert.deepEqual(
      resize.annotations.updated[0][1],
      out.state.annotations.find((a) => a.id === 'a1'),
    );
    assert.deepEqual(out.history.done.find((c) => c.op === 'createRelation').relations.created[0].kind, 'born-in');
    const relabel = out.deltas[0].change.annotations.updated[0];
    assert.deepEqual(
      relabel[0],
      out.state.annotations.find((a) => a.id === 'a1'),
      'the relabel starts from the repaired value',
    );
    assert.deepEqual(relabel[1].fragments, [
      [0, 2],
      [4, 8],
    ]);
    // The do of a3's resize and its undo hold the same repaired value, so the undo replays.
    assert.deepEqual(out.deltas[2].change.annotations.updated[0][1], out.deltas[3].change.annotations.updated[0][0]);
    assert.deepEqual(
      out.deltas.map((d) => d.how),
      OLD.deltas.map((d) => d.how),
    );
  });

  test('gives the same result however often it runs', () => {
    const { state, history, deltas } = repairSaved(oldSave());
    assertUntouched({ state, history, deltas });
  });
});

describe('what it repairs', () => {
  const ann = (over) => ({ id: 'x1', label: 'PER', created: NOW, ...over });
  const repairOne = (a) => repairSaved({ state: { labels: [], annotations: [a], relations: [], docLabels: [] } });

  test('a saved span that shrank: the last piece is cut, and pieces passed over go', () => {
    const { state, repaired } = repairOne(
      ann({
        start: 0,
        end: 4,
        fragments: [
          [0, 2],
          [4, 6],
        ],
        attributes: { k: 'v' },
      }),
    );
    assert.deepEqual(
      state.annotations[0],
      ann({ start: 0, end: 2, attributes: { k: 'v' } }),
      'one piece left is a plain span; other fields stay',
    );
    assert.deepEqual(repaired[0].after, { start: 0, end: 2 });
  });

  test('a saved start moved: the first piece moves', () => {
    assert.deepEqual(
      repairOne(
        ann({
          start: 1,
          end: 6,
          fragments: [
            [0, 2],
            [4, 6],
          ],
        }),
      ).state.annotations[0].fragments,
      [
        [1, 2],
        [4, 6],
      ],
    );
  });

  test('a saved span that lies between the pieces keeps the pieces, with their hull (what the page drew)', () => {
    const { state, repaired } = repairOne(
      ann({
        start: 2,
        end: 4,
        fragments: [
          [0, 2],
          [4, 6],
        ],
      }),
    );
    assert.deepEqual(
      state.annotations[0],
      ann({
        start: 0,
        end: 6,
        fragments: [
          [0, 2],
          [4, 6],
        ],
      }),
    );
    assert.equal(repaired.length, 1);
  });

  test('an annotation deleted by a later delta is repaired but not listed', () => {
    const a = ann({
      start: 0,
      end: 8,
      fragments: [
        [0, 2],
        [4, 6],
      ],
    });
    const deltas = [{ how: 'do', change: { op: 'remove', annotations: { created: [], deleted: [a], updated: [] } } }];
    const out = repairSaved({ state: { labels: [], annotations: [a], relations: [], docLabels: [] }, history: null, deltas });
    assert.deepEqual(out.repaired, []);
    assert.deepEqual(out.deltas[0].change.annotations.deleted[0], out.state.annotations[0]);
    assert.deepEqual(out.state.annotations[0].fragments, [
      [0, 2],
      [4, 8],
    ]);
  });

  test('an annotation broken only in a delta is listed with its value now', () => {
    const a = ann({
      start: 0,
      end: 6,
      fragments: [
        [0, 2],
        [4, 6],
      ],
    });
    const broken = { ...a, end: 5 };
    const deltas = [
      { how: 'do', change: { op: 'create', annotations: { created: [a], deleted: [], updated: [] } }, seq: 1 },
      { how: 'do', change: { op: 'resize', annotations: { created: [], deleted: [], updated: [[a, broken]] } }, seq: 2 },
    ];
    const out = repairSaved({ state: null, history: null, deltas });
    assert.equal(out.deltas[0], deltas[0], 'a delta that needs nothing is the same object');
    assert.equal(out.deltas[1].seq, 2, 'other fields of a delta are kept');
    assert.deepEqual(out.repaired, [
      {
        id: 'x1',
        before: {
          start: 0,
          end: 5,
          fragments: [
            [0, 2],
            [4, 6],
          ],
        },
        after: {
          start: 0,
          end: 5,
          fragments: [
            [0, 2],
            [4, 5],
          ],
        },
      },
    ]);
  });

  test('relations saved with label are read as kind; a relation with both keeps kind', () => {
    const relations = [
      { id: 'r1', from: 'a', to: 'b', label: 'x' },
      { id: 'r2', from: 'a', to: 'b', kind: 'y', label: 'z' },
      { id: 'r3', from: 'a', to: 'b', kind: 'w' },
    ];
    const out = repairSaved({ state: { labels: [], annotations: [], relations, docLabels: [] } });
    assert.deepEqual(out.state.relations, [
      { id: 'r1', from: 'a', to: 'b', kind: 'x' },
      { id: 'r2', from: 'a', to: 'b', kind: 'y' },
      relations[2],
    ]);
    assert.equal(out.state.relations[2], relations[2]);
    assert.deepEqual(out.repaired, [], 'relations are not annotations repaired');
  });
});

describe('what it leaves alone', () => {
  test('a save that needs nothing comes back as the same objects', () => {
    const m = new AnnotationModel({ length: 20, now: () => new Date(NOW) });
    m.create({
      start: 0,
      end: 6,
      label: 'PER',
      fragments: [
        [0, 2],
        [4, 6],
      ],
    });
    const deltas = [];
    m.onChange((change, how) => deltas.push({ how, change }));
    m.resize('a1', 0, 8);
    m.createRelation({ from: 'a1', to: 'a1', kind: 'self' });
    m.undo();
    assertUntouched({ state: m.toState(), history: m.toHistory(), deltas });
  });

  test('shapes it does not know are passed through, never thrown on', () => {
    const odd = [
      undefined,
      {},
      { state: null, history: null, deltas: null },
      { state: 'x', history: 7, deltas: 'y' },
      { state: { annotations: 'x', relations: {} } },
      {
        state: {
          annotations: [
            null,
            1,
            'a',
            [],
            { fragments: null },
            { start: 0, end: 3, fragments: [[1]] },
            {
              start: 'a',
              end: 2,
              fragments: [
                [0, 1],
                [1, 2],
              ],
            },
          ],
        },
      },
      {
        state: {
          annotations: [
            {
              start: 0,
              end: 3,
              fragments: [
                [0, 2],
                [1, 3],
              ],
            },
            { start: 0, end: 9, fragments: 'x' },
          ],
          relations: [null, 2, { kind: 'k' }],
        },
      },
      {
        history: {
          done: 'x',
          undone: [null, 1, { annotations: null }, { annotations: { created: 'x', updated: [1, [null], [1, 2, 3]] } }],
        },
      },
      { deltas: [null, 1, { how: 'do' }, { change: null }, { change: { relations: { created: [null] } } }] },
    ];
    for (const input of odd) assertUntouched(input);
    // What it does know inside an odd shape is still repaired, and the rest kept as it is.
    const mixed = repairSaved({
      state: {
        annotations: [
          null,
          {
            id: 'q',
            start: 0,
            end: 5,
            fragments: [
              [0, 1],
              [2, 3],
            ],
          },
        ],
      },
    });
    assert.deepEqual(mixed.state.annotations, [
      null,
      {
        id: 'q',
        start: 0,
        end: 5,
        fragments: [
          [0, 1],
          [2, 5],
        ],
      },
    ]);
    assert.equal(mixed.repaired.length, 1);
  });
});
