// The annotation model: every edit is one invertible change. Run: node --test tests/model/
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotationModel, invert, HISTORY_LIMIT } from '../../www/js/model.js';
import { DEFAULT_LABELS } from '../../www/js/labels.js';

const NOW = '2026-11-24T05:00:00.000Z';
const clock = () => new Date(NOW);
const model = (options = {}) => new AnnotationModel({ length: 100, now: clock, ...options });

/** A model with a few overlapping annotations, a relation and a rich annotation. */
function populated() {
  const m = model();
  m.create({ start: 0, end: 10, label: 'EVENT' }); // a1, encloses a2 and a3
  m.create({ start: 2, end: 4, label: 'PER' }); // a2
  m.create({
    start: 3,
    end: 8,
    label: 'ORG',
    fragments: [
      [3, 5],
      [6, 8],
    ],
    attributes: { confidence: 0.5, tags: ['x'] },
    note: '存疑',
  }); // a3, crosses a2's end
  m.create({ start: 20, end: 25, label: 'LOC' }); // a4
  m.createRelation({ from: 'a2', to: 'a3', kind: 'member' }); // r1
  return m;
}

/** Asserts that `edit` changes the state, undo restores it exactly, and redo reapplies it exactly. */
function assertUndoable(m, edit) {
  const before = m.toState();
  edit(m);
  const after = m.toState();
  assert.notDeepEqual(after, before, 'the edit changed nothing');
  assert.ok(m.canUndo);
  assert.ok(m.undo());
  assert.deepEqual(m.toState(), before, 'undo did not restore the previous state');
  assert.ok(m.canRedo);
  assert.ok(m.redo());
  assert.deepEqual(m.toState(), after, 'redo did not restore the edited state');
  assert.equal(m.canRedo, false);
}

describe('create', () => {
  test('gives a frozen annotation with a base-36 id, the label, the span and an ISO creation time', () => {
    const m = model();
    const a = m.create({ start: 1, end: 3, label: 'PER' });
    assert.deepEqual(a, { id: 'a1', start: 1, end: 3, label: 'PER', created: NOW });
    assert.ok(Object.isFrozen(a));
    assert.equal(m.byId('a1'), a);
    for (let i = 2; i <= 10; i += 1) m.create({ start: i, end: i + 1, label: 'PER' });
    assert.equal(m.annotations.at(-1).id, 'aa', 'the tenth id is base 36');
  });

  test('keeps fragments, attributes and note, but not a caller-supplied id or created', () => {
    const m = model();
    const a = m.create({
      start: 0,
      end: 5,
      label: 'ORG',
      id: 'mine',
      created: 'yesterday',
      note: 'n',
      fragments: [
        [0, 2],
        [3, 5],
      ],
      attributes: { k: [1] },
    });
    assert.deepEqual(a, {
      id: 'a1',
      start: 0,
      end: 5,
      label: 'ORG',
      created: NOW,
      note: 'n',
      fragments: [
        [0, 2],
        [3, 5],
      ],
      attributes: { k: [1] },
    });
    assert.ok(Object.isFrozen(a.fragments[0]) && Object.isFrozen(a.attributes.k), 'frozen all the way down');
  });

  test('copies its input, so later edits to the caller object do not reach the model', () => {
    const m = model();
    const spec = { start: 0, end: 5, label: 'ORG', attributes: { k: 1 } };
    m.create(spec);
    spec.attributes.k = 2;
    spec.start = 3;
    assert.deepEqual(m.byId('a1').attributes, { k: 1 });
    assert.equal(m.byId('a1').start, 0);
  });

  test('never reuses an id, not even one freed by undo', () => {
    const m = model();
    m.create({ start: 0, end: 1, label: 'PER' });
    m.undo();
    assert.equal(m.create({ start: 0, end: 1, label: 'PER' }).id, 'a2');
  });

  test('skips ids that already exist in the document', () => {
    const m = model({
      annotations: [
        { id: 'a1', start: 0, end: 1, label: 'PER' },
        { id: 'a3', start: 1, end: 2, label: 'PER' },
      ],
    });
    assert.equal(m.create({ start: 5, end: 6, label: 'PER' }).id, 'a4');
  });

  test('accepts a span that ends exactly at the end of the text', () => {
    assert.equal(model().create({ start: 99, end: 100, label: 'PER' }).end, 100);
  });

  test('refuses bad offsets, bad fragments and unknown labels with a RangeError saying why, with its code', () => {
    const m = model();
    const cases = [
      [{ start: -1, end: 3, label: 'PER' }, 'out-of-range', 'The annotation must start at a whole number ≥ 0 (got -1).'],
      [{ start: 1.5, end: 3, label: 'PER' }, 'malformed', 'The annotation must start at a whole number ≥ 0 (got 1.5).'],
      [{ start: '1', end: 3, label: 'PER' }, 'malformed', 'The annotation must start at a whole number ≥ 0 (got "1").'],
      [{ start: 1, end: 'x', label: 'PER' }, 'malformed', 'The annotation must end at a whole number (got "x").'],
      [{ start: 1, end: 101, label: 'PER' }, 'out-of-range', 'The annotation ends at 101, past the end of the text (100 characters).'],
      [
        { start: 3, end: 3, label: 'PER' },
        'empty',
        'The annotation is empty: it starts and ends at 3; an annotation covers at least one character.',
      ],
      [{ start: 4, end: 3, label: 'PER' }, 'reversed', 'The annotation is reversed: it starts at 4, after its end 3.'],
      [{ start: 102, end: 101, label: 'PER' }, 'reversed', 'The annotation is reversed: it starts at 102, after its end 101.'],
      [
        {
          start: 0,
          end: 8,
          label: 'PER',
          fragments: [
            [0, 2],
            [4, 6],
          ],
        },
        'bad-fragments',
        'The annotation says [0, 8) but its pieces span [0, 6); its start and end must be the start of the first piece and the end of the last.',
      ],
      [
        { start: 0, end: 6, label: 'PER', fragments: [[0, 2], [4]] },
        'bad-fragments',
        'The annotation has a piece [4] that is not [start, end] with whole numbers.',
      ],
      [
        { start: 0, end: 6, label: 'PER', fragments: 'x' },
        'bad-fragments',
        'The annotation has fragments that are not a list of [start, end] pieces.',
      ],
      [{ start: 1, end: 3, label: 'NOPE' }, 'unknown-label', 'There is no label "NOPE" (labels: PER, ORG, LOC, TIME, EVENT, CLAIM).'],
      [null, 'malformed', 'create() needs {start, end, label}.'],
    ];
    for (const [spec, code, message] of cases) assert.throws(() => m.create(spec), { name: 'RangeError', code, message });
    assert.equal(m.annotations.length, 0);
    assert.equal(m.canUndo, false, 'a refused edit records nothing');
  });

  test('without a length, any end is accepted', () => {
    const m = new AnnotationModel();
    assert.equal(m.create({ start: 0, end: 1e9, label: 'PER' }).end, 1e9);
  });
});

describe('undo and redo of every operation restore the exact state', () => {
  test('create', () => assertUndoable(populated(), (m) => m.create({ start: 50, end: 60, label: 'TIME', note: 'x' })));
  test('remove (with the relations that point to it)', () => {
    const m = populated();
    assertUndoable(m, (x) => x.remove('a3'));
    m.undo();
    assert.equal(m.relations.length, 1, 'the relation came back with its annotation');
  });
  test('removeMany as one change', () => {
    const m = populated();
    assertUndoable(m, (x) => x.removeMany(['a1', 'a2', 'a2']));
    assert.equal(m.annotations.length, 2);
  });
  test('relabel', () => assertUndoable(populated(), (m) => m.relabel('a3', 'LOC')));
  test('resize', () => assertUndoable(populated(), (m) => m.resize('a3', 2, 9)));
  test('addLabel', () => assertUndoable(populated(), (m) => m.addLabel({ id: 'QUOTE', name: '引语 QUOTE', color: '#777777', key: 'q' })));
  test('updateLabel', () => assertUndoable(populated(), (m) => m.updateLabel('ORG', { name: '组织 ORG', color: '#000000', key: 'o' })));
  test('removeLabel, with its annotations and their relations, in one change', () => {
    const m = populated();
    assertUndoable(m, (x) => x.removeLabel('ORG'));
    assert.equal(m.byId('a3'), undefined);
    assert.equal(m.relations.length, 0);
    assert.ok(!m.labels.some((l) => l.id === 'ORG'));
    m.undo();
    assert.equal(m.labels[1].id, 'ORG', 'the label returns to its place in the order');
  });
  test('moveLabel', () => assertUndoable(populated(), (m) => m.moveLabel('CLAIM', 0)));
  test('createRelation and removeRelation', () => {
    assertUndoable(populated(), (m) => m.createRelation({ from: 'a1', to: 'a4' }));
    assertUndoable(populated(), (m) => m.removeRelation('r1'));
  });
  test('setDocLabels', () => assertUndoable(populated(), (m) => m.setDocLabels(['sports', { topic: 'x' }])));
  test('replaceAll', () =>
    assertUndoable(populated(), (m) =>
      m.replaceAll({
        labels: [{ id: 'X', name: 'X', color: '#111111', key: '1' }, DEFAULT_LABELS[1]],
        annotations: [
          { id: 'a3', start: 3, end: 8, label: 'ORG', created: NOW, note: 'kept' },
          { id: 'b1', start: 0, end: 2, label: 'X' },
        ],
        relations: [{ id: 'rel', from: 'b1', to: 'a3' }],
        docLabels: ['d'],
      }),
    ));

  test('a sequence undone step by step passes back through every earlier state', () => {
    const m = model();
    const states = [m.toState()];
    const edits = [
      () => m.create({ start: 0, end: 5, label: 'PER' }),
      () => m.create({ start: 2, end: 8, label: 'ORG' }),
      () => m.relabel('a1', 'LOC'),
      () => m.resize('a2', 1, 9),
      () => m.addLabel({ name: 'Quote' }),
      () => m.create({ start: 4, end: 6, label: 'QUOTE' }),
      () => m.updateLabel('QUOTE', { color: '#abcdef' }),
      () => m.removeLabel('LOC'),
      () => m.remove('a2'),
    ];
    for (const edit of edits) {
      edit();
      states.push(m.toState());
    }
    for (let i = states.length - 2; i >= 0; i -= 1) {
      m.undo();
      assert.deepEqual(m.toState(), states[i], `after undoing back to state ${i}`);
    }
    assert.equal(m.undo(), null);
    for (let i = 1; i < states.length; i += 1) {
      m.redo();
      assert.deepEqual(m.toState(), states[i], `after redoing to state ${i}`);
    }
    assert.equal(m.redo(), null);
  });

  test('a new change after undo clears redo', () => {
    const m = model();
    m.create({ start: 0, end: 5, label: 'PER' });
    m.create({ start: 1, end: 5, label: 'PER' });
    m.undo();
    assert.equal(m.canRedo, true);
    m.relabel('a1', 'ORG');
    assert.equal(m.canRedo, false);
    assert.equal(m.redo(), null);
    assert.equal(m.byId('a2'), undefined);
  });

  test('undo and redo on an empty history return null and change nothing', () => {
    const m = model();
    assert.equal(m.canUndo, false);
    assert.equal(m.canRedo, false);
    assert.equal(m.undo(), null);
    assert.equal(m.redo(), null);
  });
});

describe('changes that change nothing are not recorded', () => {
  test('relabel to the same label, resize to the same span, update a label to itself, same doc labels, same import', () => {
    const m = populated();
    const calls = [];
    m.onChange((c) => calls.push(c));
    const depth = m.toHistory().done.length;
    assert.equal(m.relabel('a1', 'EVENT'), m.byId('a1'));
    assert.equal(m.resize('a1', 0, 10), m.byId('a1'));
    m.updateLabel('PER', { name: '人物 PER', key: undefined });
    m.moveLabel('PER', 0);
    m.setDocLabels([]);
    m.replaceAll(m.toState());
    m.removeMany([]);
    assert.equal(m.toHistory().done.length, depth);
    assert.deepEqual(calls, []);
  });
});

describe('errors from edits', () => {
  test('unknown ids and bad values are RangeErrors with their message, and change nothing', () => {
    const m = populated();
    const before = m.toState();
    const cases = [
      [() => m.remove('zz'), 'There is no annotation with id "zz".'],
      [() => m.removeMany(['a1', 'zz']), 'There is no annotation with id "zz".'],
      [() => m.relabel('zz', 'PER'), 'There is no annotation with id "zz".'],
      [() => m.relabel('a1', 'NOPE'), 'There is no label "NOPE" (labels: PER, ORG, LOC, TIME, EVENT, CLAIM).'],
      [() => m.resize('zz', 0, 1), 'There is no annotation with id "zz".'],
      [() => m.resize('a1', 5, 2), 'The annotation is reversed: it starts at 5, after its end 2.'],
      [() => m.resize('a1', 0, 200), 'The annotation ends at 200, past the end of the text (100 characters).'],
      [() => m.resize('a1', -2, 3), 'The annotation must start at a whole number ≥ 0 (got -2).'],
      [() => m.addLabel({ name: '人物 PER' }), 'Another label is already called "人物 PER".'],
      [() => m.addLabel({ name: 'New', key: '1' }), 'The key "1" is already used by "人物 PER".'],
      [
        () => m.addLabel({ name: 'New', key: 'w' }),
        'The key "w" is reserved for widening the selection to whole words; choose 1–9 or another letter.',
      ],
      [
        () => m.addLabel({ name: 'New', color: 'red' }),
        'The colour of "New" must be written #rrggbb (six hexadecimal digits, e.g. #e6550d); got "red".',
      ],
      [() => m.addLabel({ id: 'PER', name: 'New' }), 'Another label already has the id "PER" (人物 PER).'],
      [() => m.addLabel(null), 'addLabel() needs a label object.'],
      [() => m.updateLabel('NOPE', { name: 'x' }), 'There is no label with id "NOPE".'],
      [() => m.updateLabel('ORG', { id: 'ORG2' }), 'A label\'s id cannot change (annotations refer to "ORG"); add a new label instead.'],
      [() => m.updateLabel('ORG', { key: '1' }), 'The key "1" is already used by "人物 PER".'],
      [() => m.updateLabel('ORG', { name: '' }), 'The label "ORG" needs a name.'],
      [
        () => m.updateLabel('ORG', { color: '#fff' }),
        'The colour of "机构 ORG" must be written #rrggbb (six hexadecimal digits, e.g. #e6550d); got "#fff".',
      ],
      [() => m.updateLabel('ORG', null), 'updateLabel() needs a patch object.'],
      [() => m.removeLabel('NOPE'), 'There is no label with id "NOPE".'],
      [() => m.moveLabel('NOPE', 0), 'There is no label with id "NOPE".'],
      [() => m.moveLabel('PER', 1.5), 'The new position must be a whole number (got 1.5).'],
      [() => m.createRelation({ from: 'a1', to: 'zz' }), 'There is no annotation with id "zz".'],
      [() => m.removeRelation('zz'), 'There is no relation with id "zz".'],
      [() => m.setDocLabels('x'), 'Document labels must be a list.'],
      [() => m.removeMany('a1'), 'removeMany() needs a list of annotation ids.'],
      [() => m.overlapping('a', 3), 'overlapping() needs two numbers (got "a" and 3).'],
    ];
    for (const [edit, message] of cases) {
      assert.throws(edit, (err) => err instanceof RangeError && err.message === message && typeof err.code === 'string');
    }
    assert.deepEqual(m.toState(), before);
    assert.equal(m.canRedo, false);
  });

  test('a refused import names the problem and changes nothing', () => {
    const m = populated();
    const before = m.toState();
    const ann = (over) => ({ id: 'b1', start: 0, end: 2, label: 'PER', ...over });
    const cases = [
      [{ annotations: [ann(), ann()] }, 'duplicate-id', 'Two annotations have the id "b1".'],
      [{ annotations: [ann({ id: '' })] }, 'malformed', 'Annotation 1 has no id.'],
      [{ annotations: [ann({ label: 'X' })] }, 'unknown-label', 'Annotation "b1" has the label "X", which is not in the label set.'],
      [{ annotations: [ann({ end: 101 })] }, 'out-of-range', 'Annotation "b1" ends at 101, past the end of the text (100 characters).'],
      [
        { annotations: [ann({ start: 2 })] },
        'empty',
        'Annotation "b1" is empty: it starts and ends at 2; an annotation covers at least one character.',
      ],
      [
        {
          annotations: [
            ann({
              end: 6,
              fragments: [
                [0, 3],
                [2, 6],
              ],
            }),
          ],
        },
        'bad-fragments',
        'Annotation "b1" has a piece [2, 6) that starts before the previous one ends (3); pieces must be in order and must not overlap.',
      ],
      [
        {
          annotations: [
            ann({
              end: 4,
              fragments: [
                [0, 2],
                [4, 4],
              ],
            }),
          ],
        },
        'bad-fragments',
        'Annotation "b1" has an empty or reversed piece [4, 4); every piece covers at least one character.',
      ],
      // The core's order: the span before the label, the label before the id.
      [
        { annotations: [ann(), ann({ label: 'X', start: 3, end: 5 })] },
        'unknown-label',
        'Annotation "b1" has the label "X", which is not in the label set.',
      ],
      [{ annotations: [ann(), ann({ start: 3, end: 1 })] }, 'reversed', 'Annotation "b1" is reversed: it starts at 3, after its end 1.'],
      [{ annotations: [null] }, 'malformed', 'Annotation 1 is not an object.'],
      [{ annotations: 'x' }, 'malformed', 'The annotations must be a list.'],
      [
        { annotations: [ann()], relations: [{ id: 'r', from: 'b1', to: 'a1' }] },
        'dangling-relation',
        'Relation "r" points to "a1", which is not an annotation.',
      ],
      [
        {
          annotations: [ann()],
          relations: [
            { id: 'r', from: 'b1', to: 'b1' },
            { id: 'r', from: 'b1', to: 'x' },
          ],
        },
        'duplicate-id',
        'Two relations have the id "r".',
      ],
      [{ relations: [{ from: 'a', to: 'b' }] }, 'malformed', 'Relation 1 has no id.'],
      [{ labels: [DEFAULT_LABELS[0], DEFAULT_LABELS[0]] }, 'duplicate-id', 'Another label already has the id "PER" (人物 PER).'],
      [
        { labels: [{ ...DEFAULT_LABELS[0], color: 'red' }] },
        'bad-label',
        'The colour of "人物 PER" must be written #rrggbb (six hexadecimal digits, e.g. #e6550d); got "red".',
      ],
    ];
    for (const [state, code, message] of cases) assert.throws(() => m.replaceAll(state), { name: 'RangeError', code, message });
    assert.deepEqual(m.toState(), before);
  });

  test('the constructor refuses invalid state the same way', () => {
    assert.throws(() => new AnnotationModel({ annotations: [{ id: 'x', start: 0, end: 1, label: 'NOPE' }] }), {
      name: 'RangeError',
      message: 'Annotation "x" has the label "NOPE", which is not in the label set.',
    });
    assert.throws(() => new AnnotationModel({ length: -1 }), {
      name: 'RangeError',
      message: 'The text length must be a number ≥ 0 (got -1).',
    });
    assert.throws(() => new AnnotationModel({ history: { done: 'x' } }), {
      name: 'RangeError',
      message: 'The saved undo history is not in a form this version understands.',
    });
    assert.throws(() => new AnnotationModel({ history: { version: 99, done: [], undone: [] } }), {
      name: 'RangeError',
      message: 'The saved undo history is from a newer version (99) of biaozhu.',
    });
  });

  test('an undo that does not fit the state throws and leaves state and history alone', () => {
    const m = populated();
    const state = m.toState();
    // A history saved with another state: its last change created a9, which this state lacks.
    const history = {
      done: [{ op: 'create', annotations: { created: [{ id: 'a9', start: 0, end: 1, label: 'PER' }], deleted: [], updated: [] } }],
      undone: [],
    };
    const stale = new AnnotationModel({ ...state, length: 100, history });
    assert.throws(() => stale.undo(), /Cannot apply "create": annotations "a9" does not exist/);
    assert.deepEqual(stale.toState(), state);
    assert.equal(stale.canUndo, true);
  });
});

describe('labels', () => {
  test('addLabel fills a derived id, the next free key and an unused colour', () => {
    const m = model();
    const l = m.addLabel({ name: '引语 Quote' });
    assert.deepEqual(l, { name: '引语 Quote', id: 'QUOTE', key: '7', color: l.color });
    assert.match(l.color, /^#[0-9a-f]{6}$/);
    assert.ok(!DEFAULT_LABELS.some((d) => d.color === l.color));
    assert.equal(m.labels.at(-1), l);
    assert.equal(m.addLabel({ name: 'quote' }).id, 'QUOTE2');
  });

  test('label names typed with surrounding spaces are stored trimmed', () => {
    const m = model();
    assert.equal(m.addLabel({ name: '  引语  ' }).name, '引语');
    assert.equal(m.updateLabel('PER', { name: ' 人 ' }).name, '人');
  });

  test('addLabel keeps an explicit null key (a label without a shortcut)', () => {
    assert.equal(model().addLabel({ name: 'N', key: null }).key, null);
  });

  test('updateLabel keeps the fields it is not given and the label position', () => {
    const m = model({ labels: [{ ...DEFAULT_LABELS[0], description: 'people' }, DEFAULT_LABELS[1]] });
    const l = m.updateLabel('PER', { color: '#000000' });
    assert.deepEqual(l, { id: 'PER', name: '人物 PER', color: '#000000', key: '1', description: 'people' });
    assert.deepEqual(
      m.labels.map((x) => x.id),
      ['PER', 'ORG'],
    );
  });

  test('updateLabel may swap keys in two steps: freeing a key lets another label take it', () => {
    const m = model();
    m.updateLabel('PER', { key: null });
    m.updateLabel('ORG', { key: '1' });
    assert.equal(m.labelById('ORG').key, '1');
  });

  test('removeLabel with no annotations records only the label', () => {
    const m = model();
    const calls = [];
    m.onChange((c) => calls.push(c));
    m.removeLabel('CLAIM');
    assert.equal(calls[0].annotations, undefined);
    assert.deepEqual(calls[0].labels.deleted, [DEFAULT_LABELS[5]]);
  });

  test('the labels getter is frozen and ordered', () => {
    const m = model();
    assert.ok(Object.isFrozen(m.labels));
    assert.deepEqual(m.labels, DEFAULT_LABELS);
    m.moveLabel('PER', 99);
    assert.deepEqual(
      m.labels.map((l) => l.id),
      ['ORG', 'LOC', 'TIME', 'EVENT', 'CLAIM', 'PER'],
    );
  });
});

describe('overlapping and nested annotations', () => {
  test('annotations are sorted by start, then longer first, then id', () => {
    const m = model({
      annotations: [
        { id: 'c', start: 5, end: 6, label: 'PER' },
        { id: 'b', start: 0, end: 3, label: 'PER' },
        { id: 'a', start: 0, end: 3, label: 'ORG' },
        { id: 'd', start: 0, end: 9, label: 'LOC' },
        { id: 'e', start: 2, end: 4, label: 'PER' },
      ],
    });
    assert.deepEqual(
      m.annotations.map((a) => a.id),
      ['d', 'a', 'b', 'e', 'c'],
    );
  });

  test('the sorted list is cached until a change', () => {
    const m = populated();
    const first = m.annotations;
    assert.equal(m.annotations, first);
    assert.ok(Object.isFrozen(first));
    m.relabel('a1', 'PER');
    assert.notEqual(m.annotations, first);
  });

  test('at() gives the innermost annotation first and respects half-open ends', () => {
    const m = populated(); // a1 [0,10) a2 [2,4) a3 [3,8) a4 [20,25)
    assert.deepEqual(
      m.at(3).map((a) => a.id),
      ['a2', 'a3', 'a1'],
    );
    assert.deepEqual(
      m.at(4).map((a) => a.id),
      ['a3', 'a1'],
      'a2 ends at 4, so 4 is outside it',
    );
    assert.deepEqual(
      m.at(0).map((a) => a.id),
      ['a1'],
    );
    assert.deepEqual(
      m.at(10).map((a) => a.id),
      [],
    );
    assert.deepEqual(
      m.at(24).map((a) => a.id),
      ['a4'],
    );
    assert.deepEqual(m.at(25), []);
  });

  test('at() orders equal lengths by start, then id', () => {
    const m = model({
      annotations: [
        { id: 'y', start: 2, end: 5, label: 'PER' },
        { id: 'x', start: 2, end: 5, label: 'ORG' },
        { id: 'w', start: 3, end: 6, label: 'ORG' },
      ],
    });
    assert.deepEqual(
      m.at(4).map((a) => a.id),
      ['x', 'y', 'w'],
    );
  });

  test('overlapping() includes crossing and enclosing spans, excludes spans that only touch', () => {
    const m = populated();
    assert.deepEqual(
      m.overlapping(4, 20).map((a) => a.id),
      ['a1', 'a3'],
    );
    assert.deepEqual(m.overlapping(10, 20), []);
    assert.deepEqual(
      m.overlapping(0, 100).map((a) => a.id),
      ['a1', 'a2', 'a3', 'a4'],
    );
    assert.deepEqual(
      m.overlapping(3, 3).map((a) => a.id),
      ['a1', 'a2'],
      'an empty range gives spans strictly around it',
    );
  });

  test('overlapping() agrees with a naive scan on random nested and crossing spans', () => {
    let seed = 42;
    const rand = (n) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const annotations = [];
    for (let i = 0; i < 400; i += 1) {
      const start = rand(1000);
      annotations.push({ id: `x${i}`, start, end: start + 1 + rand(i % 10 === 0 ? 500 : 20), label: 'PER' });
    }
    const m = new AnnotationModel({ annotations });
    for (let q = 0; q < 300; q += 1) {
      const s = rand(1100);
      const e = s + rand(30);
      const naive = m.annotations.filter((a) => a.start < e && a.end > s);
      assert.deepEqual(m.overlapping(s, e), naive, `[${s}, ${e})`);
    }
  });
});

describe('the sorted cache stays right through edits', () => {
  test('random creates, removes, resizes, relabels and undos keep annotations and overlapping() equal to a fresh sort', () => {
    let seed = 7;
    const rand = (n) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const m = new AnnotationModel({ length: 300 });
    const fresh = () => [...m.annotations].sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
    for (let step = 0; step < 600; step += 1) {
      const ids = m.annotations.map((a) => a.id);
      const pick = () => ids[rand(ids.length)];
      const start = rand(290);
      const op = ids.length < 5 ? 0 : rand(6);
      if (op === 0) m.create({ start, end: start + 1 + rand(9), label: 'PER' });
      else if (op === 1) m.remove(pick());
      else if (op === 2) {
        // A resize keeps part of the span (a span cannot be moved past itself).
        const a = m.byId(pick());
        m.resize(a.id, Math.min(start, a.end - 1), Math.max(start + 1 + rand(9), a.start + 1));
      } else if (op === 3) m.relabel(pick(), rand(2) ? 'ORG' : 'LOC');
      else if (op === 4) m.undo();
      else m.redo();
      m.annotations; // use the cache between edits, so later edits patch it
      assert.deepEqual(m.annotations, fresh(), `after step ${step}`);
      const s = rand(300);
      assert.deepEqual(
        m.overlapping(s, s + 5),
        fresh().filter((a) => a.start < s + 5 && a.end > s),
      );
    }
  });
});

describe('fragments, attributes and note survive every operation', () => {
  test('through relabel, resize, undo, redo and a JSON round trip of the history', () => {
    const m = populated();
    const extra = ({ fragments, attributes, note }) => ({ fragments, attributes, note });
    const original = extra(m.byId('a3'));
    m.relabel('a3', 'LOC');
    assert.deepEqual(extra(m.byId('a3')), original);
    m.resize('a3', 1, 12);
    assert.deepEqual(
      extra(m.byId('a3')),
      {
        ...original,
        fragments: [
          [1, 5],
          [6, 12],
        ],
      },
      'the ends moved the first and the last piece',
    );
    assert.deepEqual(m.byId('a3').created, NOW);
    const resized = extra(m.byId('a3'));
    m.removeLabel('LOC');
    m.undo();
    assert.deepEqual(extra(m.byId('a3')), resized);
    m.undo();
    m.undo();
    assert.deepEqual(extra(m.byId('a3')), original);
    const reloaded = new AnnotationModel({
      ...JSON.parse(JSON.stringify(m.toState())),
      history: JSON.parse(JSON.stringify(m.toHistory())),
    });
    reloaded.redo();
    reloaded.redo();
    assert.deepEqual(extra(reloaded.byId('a3')), {
      ...original,
      fragments: [
        [1, 5],
        [6, 12],
      ],
    });
    assert.deepEqual([reloaded.byId('a3').start, reloaded.byId('a3').end, reloaded.byId('a3').label], [1, 12, 'LOC']);
  });
});

describe('history survives JSON', () => {
  test('a reloaded model undoes and redoes exactly as the original', () => {
    const m = populated();
    m.relabel('a1', 'TIME');
    m.addLabel({ name: 'Quote' });
    m.undo(); // one change waits for redo
    const saved = JSON.stringify({ state: m.toState(), history: m.toHistory() });
    const { state, history } = JSON.parse(saved);
    const r = new AnnotationModel({ ...state, history, length: 100, now: clock });
    assert.deepEqual(r.toState(), m.toState());
    assert.deepEqual(r.toHistory(), m.toHistory());
    assert.equal(r.canRedo, true);
    r.redo();
    m.redo();
    assert.deepEqual(r.toState(), m.toState());
    while (m.canUndo) {
      m.undo();
      r.undo();
      assert.deepEqual(r.toState(), m.toState());
    }
    assert.deepEqual(r.toState().annotations, []);
  });

  test('ids created after a reload do not collide with ids in the history', () => {
    const m = model();
    m.create({ start: 0, end: 1, label: 'PER' }); // a1
    m.create({ start: 1, end: 2, label: 'PER' }); // a2
    m.create({ start: 2, end: 3, label: 'PER' }); // a3
    m.undo(); // a3 only in the redo stack
    m.remove('a2'); // a2 only in the undo stack; clears redo
    m.create({ start: 3, end: 4, label: 'PER' }); // a4
    m.undo();
    const json = JSON.parse(JSON.stringify({ state: m.toState(), history: m.toHistory() }));
    // Even with the counter lost, the ids in the history are not handed out again.
    delete json.history.nextId;
    const r = new AnnotationModel({ ...json.state, history: json.history });
    const fresh = r.create({ start: 5, end: 6, label: 'PER' });
    assert.equal(fresh.id, 'a5');
    r.undo();
    r.undo(); // brings a2 back
    assert.ok(r.byId('a2'));
    assert.equal(new Set(r.annotations.map((a) => a.id)).size, r.annotations.length);
  });

  test('history is plain JSON and carries its version and counters', () => {
    const m = populated();
    const h = m.toHistory();
    assert.deepEqual(JSON.parse(JSON.stringify(h)), h);
    assert.equal(h.version, 1);
    assert.equal(h.nextId, 5);
    assert.equal(h.nextRelationId, 2);
    assert.equal(h.done.length, 5);
    assert.deepEqual(h.undone, []);
  });

  test(`the undo history keeps at most ${HISTORY_LIMIT} changes, dropping the oldest`, () => {
    const m = new AnnotationModel();
    for (let i = 0; i <= HISTORY_LIMIT; i += 1) m.create({ start: i, end: i + 1, label: 'PER' });
    const h = m.toHistory();
    assert.equal(h.done.length, HISTORY_LIMIT);
    assert.equal(h.done[0].annotations.created[0].id, 'a2');
  });
});

describe('toState and immutability', () => {
  test('toState is a plain copy: editing it does not touch the model', () => {
    const m = populated();
    const s = m.toState();
    assert.ok(!Object.isFrozen(s.annotations[0]));
    s.annotations[0].start = 99;
    s.labels.pop();
    assert.equal(m.byId('a1').start, 0);
    assert.equal(m.labels.length, 6);
    assert.deepEqual(Object.keys(s), ['labels', 'annotations', 'relations', 'docLabels', 'scheme']);
  });

  test('annotations handed out cannot be edited in place', () => {
    const m = populated();
    assert.throws(() => {
      m.byId('a3').attributes.tags.push('y');
    }, TypeError);
  });

  test('relations are listed in creation order and carry their fields', () => {
    const m = populated();
    for (let i = 0; i < 10; i += 1) m.createRelation({ from: 'a1', to: 'a4', kind: `k${i}` });
    assert.deepEqual(m.relations.map((r) => r.id).slice(0, 3), ['r1', 'r2', 'r3']);
    assert.equal(m.relations.at(-1).id, 'rb');
    assert.deepEqual(m.relations[0], { id: 'r1', from: 'a2', to: 'a3', kind: 'member', created: NOW });
    assert.equal(m.relations.at(-1).kind, 'k9');
  });
});

describe('onChange', () => {
  test('listeners get the change and how it was applied; undo passes the inverse', () => {
    const m = model();
    const calls = [];
    m.onChange((change, how) => calls.push({ change, how }));
    const a = m.create({ start: 0, end: 2, label: 'PER' });
    const b = m.relabel('a1', 'ORG');
    m.undo();
    m.redo();
    assert.deepEqual(
      calls.map(({ change, how }) => [how, change.op]),
      [
        ['do', 'create'],
        ['do', 'relabel'],
        ['undo', 'relabel'],
        ['redo', 'relabel'],
      ],
    );
    assert.deepEqual(calls[0].change, { op: 'create', annotations: { created: [a], deleted: [], updated: [] } });
    assert.deepEqual(calls[1].change.annotations.updated, [[a, b]]);
    assert.deepEqual(calls[2].change.annotations.updated, [[b, a]], 'the undo payload turns before/after round');
    assert.equal(calls[3].change, calls[1].change, 'redo passes the recorded change itself');
  });

  test('removeLabel tells listeners which annotations went, in the same payload', () => {
    const m = populated();
    let seen;
    m.onChange((c) => (seen = c));
    m.removeLabel('PER');
    assert.deepEqual(
      seen.annotations.deleted.map((a) => a.id),
      ['a2'],
    );
    assert.deepEqual(
      seen.relations.deleted.map((r) => r.id),
      ['r1'],
    );
    assert.deepEqual(
      seen.labels.deleted.map((l) => l.id),
      ['PER'],
    );
    m.undo();
    assert.deepEqual(
      seen.annotations.created.map((a) => a.id),
      ['a2'],
    );
    assert.deepEqual(
      seen.labels.created.map((l) => l.id),
      ['PER'],
    );
  });

  test('replaceAll reports only the annotations that differ', () => {
    const m = populated();
    let seen;
    m.onChange((c) => (seen = c));
    const state = m.toState();
    state.annotations[0] = { ...state.annotations[0], label: 'PER' }; // a1 changes
    state.annotations.push({ id: 'n1', start: 30, end: 31, label: 'PER' });
    state.annotations = state.annotations.filter((a) => a.id !== 'a4');
    m.replaceAll(state);
    assert.equal(seen.op, 'replaceAll');
    assert.deepEqual(
      seen.annotations.created.map((a) => a.id),
      ['n1'],
    );
    assert.deepEqual(
      seen.annotations.deleted.map((a) => a.id),
      ['a4'],
    );
    assert.deepEqual(
      seen.annotations.updated.map(([b, a]) => [b.label, a.label]),
      [['EVENT', 'PER']],
    );
    assert.equal(seen.labels, undefined, 'labels were not touched');
  });

  test('payloads are frozen and JSON-able', () => {
    const m = model();
    let seen;
    m.onChange((c) => (seen = c));
    m.create({ start: 0, end: 2, label: 'PER', attributes: { a: 1 } });
    assert.ok(Object.isFrozen(seen) && Object.isFrozen(seen.annotations.created));
    assert.deepEqual(JSON.parse(JSON.stringify(seen)), seen);
  });

  test('a listener that throws does not stop the others, and its error is rethrown later, not lost', () => {
    const m = model();
    const later = [];
    const realQueueMicrotask = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (fn) => later.push(fn);
    let reached = false;
    try {
      m.onChange(() => {
        throw new Error('view broke');
      });
      m.onChange(() => (reached = true));
      m.create({ start: 0, end: 1, label: 'PER' });
    } finally {
      globalThis.queueMicrotask = realQueueMicrotask;
    }
    assert.ok(reached);
    assert.equal(m.annotations.length, 1, 'the change stands');
    assert.equal(later.length, 1);
    assert.throws(later[0], /view broke/);
  });

  test('unsubscribing stops the calls; the same function may subscribe twice independently', () => {
    const m = model();
    let n = 0;
    const fn = () => (n += 1);
    const off1 = m.onChange(fn);
    const off2 = m.onChange(fn);
    m.create({ start: 0, end: 1, label: 'PER' });
    assert.equal(n, 2);
    off1();
    m.undo();
    assert.equal(n, 3);
    off2();
    m.redo();
    assert.equal(n, 3);
  });
});

describe('invert', () => {
  test('swaps created and deleted, before and after, order and docLabels, and is its own inverse', () => {
    const change = {
      op: 'x',
      annotations: {
        created: [{ id: 'a' }],
        deleted: [{ id: 'b' }],
        updated: [
          [
            { id: 'c', v: 1 },
            { id: 'c', v: 2 },
          ],
        ],
      },
      labels: { created: [], deleted: [{ id: 'L' }], updated: [], order: { before: ['L', 'M'], after: ['M'] } },
      relations: { created: [{ id: 'r' }], deleted: [], updated: [] },
      docLabels: { before: [], after: ['d'] },
    };
    const inv = invert(change);
    assert.deepEqual(inv, {
      op: 'x',
      annotations: {
        created: [{ id: 'b' }],
        deleted: [{ id: 'a' }],
        updated: [
          [
            { id: 'c', v: 2 },
            { id: 'c', v: 1 },
          ],
        ],
      },
      labels: { created: [{ id: 'L' }], deleted: [], updated: [], order: { before: ['M'], after: ['L', 'M'] } },
      relations: { created: [], deleted: [{ id: 'r' }], updated: [] },
      docLabels: { before: ['d'], after: [] },
    });
    assert.deepEqual(invert(inv), change);
  });
});

describe('replay: a snapshot plus the logged changes after it is the same model (autosave deltas)', () => {
  /** Every change a listener hears, as JSON would carry it to storage and back. */
  function logged(m) {
    const log = [];
    m.onChange((change, how) => log.push(JSON.parse(JSON.stringify({ change, how }))));
    return log;
  }

  const snapshotOf = (m) => JSON.parse(JSON.stringify({ state: m.toState(), history: m.toHistory() }));

  test('every kind of edit, undo and redo replays to the same state, undo and redo stacks and id counters', () => {
    const m = populated();
    const snapshot = snapshotOf(m);
    const log = logged(m);
    m.relabel('a1', 'TIME');
    m.resize('a2', 1, 4);
    m.addLabel({ name: 'Quote' });
    m.moveLabel('PER', 3);
    m.undo();
    m.undo();
    m.redo();
    m.remove('a2'); // takes relation r1 with it; clears redo
    m.createRelation({ from: 'a1', to: 'a3', kind: 'has' });
    m.setDocLabels(['sports']);
    m.removeLabel('LOC');
    m.undo();
    m.create({ start: 30, end: 33, label: 'PER' });
    m.undo(); // a5 waits in the redo stack
    m.replaceAll({ annotations: [{ id: 'x1', start: 1, end: 2, label: 'PER' }] });
    m.undo();

    const r = new AnnotationModel({ ...snapshot.state, history: snapshot.history, length: 100, now: clock });
    for (const { change, how } of log) r.replay(change, how);
    assert.deepEqual(r.toState(), m.toState());
    assert.deepEqual(r.toHistory(), m.toHistory());
    // And it goes on the same way: the next ids, redo, and undo all the way back.
    assert.deepEqual(r.create({ start: 40, end: 41, label: 'PER' }), m.create({ start: 40, end: 41, label: 'PER' }));
    assert.deepEqual(r.createRelation({ from: 'a1', to: 'a3' }), m.createRelation({ from: 'a1', to: 'a3' }));
    while (m.canUndo) {
      m.undo();
      r.undo();
      assert.deepEqual(r.toState(), m.toState());
    }
  });

  test('listeners hear a replayed change as they heard the original', () => {
    const m = populated();
    const snapshot = snapshotOf(m);
    const log = logged(m);
    m.relabel('a1', 'TIME');
    m.undo();
    m.redo();
    const r = new AnnotationModel({ ...snapshot.state, history: snapshot.history, length: 100, now: clock });
    const heard = logged(r);
    for (const { change, how } of log) r.replay(change, how);
    assert.deepEqual(heard, log);
  });

  test('an undo or redo that is not the one the history holds is refused and changes nothing', () => {
    const m = populated();
    const log = logged(m);
    m.relabel('a1', 'TIME');
    m.undo();
    const r = populated();
    r.relabel('a2', 'TIME'); // another history
    const before = snapshotOf(r);
    assert.throws(() => r.replay(log[1].change, 'undo'), /Cannot replay this undo: the history holds no such change/);
    assert.deepEqual(snapshotOf(r), before);
    assert.throws(() => r.replay(log[0].change, 'redo'), /Cannot replay this redo/);
    assert.throws(() => r.replay(log[0].change, 'again'), RangeError);
    assert.deepEqual(snapshotOf(r), before);
  });

  test('a change that does not fit the state is refused and changes nothing', () => {
    const m = model();
    const log = logged(m);
    m.create({ start: 0, end: 1, label: 'PER' });
    m.remove('a1');
    const r = model();
    assert.throws(() => r.replay(log[1].change, 'do'), /Cannot apply "remove": annotations "a1" does not exist/);
    assert.deepEqual(snapshotOf(r), snapshotOf(model()));
  });
});

describe('relations are named kind, as in the core and the native file', () => {
  const a = (id, start) => ({ id, start, end: start + 2, label: 'PER' });
  const old = { id: 'r1', from: 'a1', to: 'a2', label: 'born-in', created: NOW };

  test("createRelation takes kind, and an older caller's label as kind", () => {
    const m = model({ annotations: [a('a1', 0), a('a2', 5)] });
    assert.deepEqual(m.createRelation({ from: 'a1', to: 'a2', kind: 'k' }), { id: 'r1', from: 'a1', to: 'a2', kind: 'k', created: NOW });
    assert.deepEqual(m.createRelation({ from: 'a1', to: 'a2', label: 'l' }), { id: 'r2', from: 'a1', to: 'a2', kind: 'l', created: NOW });
  });

  test('a state, an import and a history saved with label are read as kind', () => {
    const history = { version: 1, done: [{ op: 'createRelation', relations: { created: [old], deleted: [], updated: [] } }], undone: [] };
    const m = model({ annotations: [a('a1', 0), a('a2', 5)], relations: [old], history });
    assert.deepEqual(m.relationById('r1'), { id: 'r1', from: 'a1', to: 'a2', kind: 'born-in', created: NOW });
    assert.deepEqual(m.toHistory().done[0].relations.created[0], m.relationById('r1'));
    m.undo();
    assert.equal(m.relations.length, 0);
    m.redo();
    assert.deepEqual(m.toState().relations, [{ id: 'r1', from: 'a1', to: 'a2', kind: 'born-in', created: NOW }]);
    m.replaceAll({ annotations: [a('a1', 0), a('a2', 5)], relations: [{ ...old, label: 'other' }] });
    assert.equal(m.relationById('r1').kind, 'other');
    assert.equal('label' in m.relationById('r1'), false);
  });

  test('a saved delta with label replays, and its undo matches the history', () => {
    const m = model({ annotations: [a('a1', 0), a('a2', 5)] });
    const create = { op: 'createRelation', relations: { created: [old], deleted: [], updated: [] } };
    m.replay(create, 'do');
    assert.equal(m.relationById('r1').kind, 'born-in');
    m.replay({ op: 'createRelation', relations: { created: [], deleted: [old], updated: [] } }, 'undo');
    assert.equal(m.relations.length, 0);
  });

  test('a replayed change that makes a broken annotation is refused and changes nothing', () => {
    const m = model();
    const broken = {
      id: 'a1',
      start: 0,
      end: 8,
      label: 'PER',
      fragments: [
        [0, 2],
        [4, 6],
      ],
    };
    assert.throws(() => m.replay({ op: 'create', annotations: { created: [broken], deleted: [], updated: [] } }, 'do'), {
      code: 'bad-fragments',
    });
    assert.equal(m.annotations.length, 0);
    assert.equal(m.canUndo, false);
  });
});
