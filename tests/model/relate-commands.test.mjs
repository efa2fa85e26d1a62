// The relation commands (www/js/commands/relate.js) against the real model
// and a store, without a browser: r, the other end, a type key; retype,
// reverse, delete of a picked relation; what each refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotationModel } from '../../www/js/model.js';
import { INITIAL, Store } from '../../www/js/store.js';
import { run } from '../../www/js/commands/run.js';
import * as relate from '../../www/js/commands/relate.js';
import { DEFAULT_LABELS } from '../../www/js/labels.js';
import { byKey } from '../../www/js/scheme.js';

const TEXT = '普京同俄罗斯总统会晤';
const CPS = [...TEXT];
const doc = { slice: (s, e) => CPS.slice(s, e).join('') };

function setup() {
  const model = new AnnotationModel({
    labels: DEFAULT_LABELS,
    annotations: [
      { id: 'a1', start: 0, end: 2, label: 'PER', created: '' },
      { id: 'a2', start: 3, end: 6, label: 'LOC', created: '' },
      { id: 'a3', start: 6, end: 8, label: 'PER', created: '' },
    ],
    length: CPS.length,
  });
  const store = new Store(INITIAL);
  const exec = (command, args) => run(store, model, command(store.state, doc, model, args));
  const type = (key) => byKey(model.scheme, 'relations', key);
  return { model, store, exec, type };
}

test('r, the other end, then the first type key: one relation from the first to the second, and linking ends', () => {
  const { model, store, exec, type } = setup();
  store.set({ picked: 'a1' });
  exec(relate.start);
  assert.deepEqual(store.state.linking, { from: 'a1' });
  exec(relate.target, 'a2');
  assert.equal(store.state.picked, 'a2');
  exec(relate.create, type('1'));
  assert.equal(store.state.linking, null);
  assert.deepEqual(
    model.relations.map(({ from, to, kind }) => ({ from, to, kind })),
    [{ from: 'a1', to: 'a2', kind: model.scheme.relations[0].id }],
  );
  assert.match(store.state.hint, /Added relation/);
});

test('r with nothing picked, a type key before the other end, the same annotation as the other end: refused with a hint, nothing made', () => {
  const { model, store, exec, type } = setup();
  exec(relate.start);
  assert.equal(store.state.linking, null);
  assert.match(store.state.hint, /Pick an annotation/);
  store.set({ picked: 'a1' });
  exec(relate.start);
  exec(relate.create, type('1'));
  exec(relate.target, 'a1');
  assert.match(store.state.hint, /pick the other one/);
  exec(relate.create, type('1'));
  assert.equal(model.relations.length, 0);
  assert.deepEqual(store.state.linking, { from: 'a1' }, 'still waiting for the other end');
  exec(relate.cancel);
  assert.deepEqual([store.state.linking, store.state.picked], [null, 'a1']);
});

test('while linking, ← → step over the annotations, skipping the one the relation starts from', () => {
  const { store, exec } = setup();
  store.set({ picked: 'a2' });
  exec(relate.start);
  exec(relate.step, true);
  assert.equal(store.state.picked, 'a3');
  exec(relate.step, false);
  assert.equal(store.state.picked, 'a1', 'a2 is the start, so ← from a3 goes to a1');
  exec(relate.step, false);
  assert.equal(store.state.picked, 'a1');
  assert.match(store.state.hint, /No annotation before/);
});

test('a picked relation: a type key retypes it, r reverses it, Delete removes it and keeps both annotations; each undoable', () => {
  const { model, store, exec, type } = setup();
  model.createRelation({ from: 'a1', to: 'a2', kind: type('1').id });
  const id = model.relations[0].id;
  store.set({ picked: 'a1' });
  exec(relate.pick, id);
  assert.deepEqual([store.state.relation, store.state.picked], [id, null]);
  exec(relate.retype, type('2'));
  assert.equal(model.relationById(id).kind, type('2').id);
  exec(relate.reverse);
  assert.deepEqual([model.relationById(id).from, model.relationById(id).to], ['a2', 'a1']);
  exec(relate.remove);
  assert.equal(model.relationById(id), undefined);
  assert.equal(model.annotations.length, 3);
  assert.equal(store.state.relation, null);
  model.undo();
  model.undo();
  model.undo();
  assert.deepEqual((({ from, to, kind }) => ({ from, to, kind }))(model.relationById(id)), { from: 'a1', to: 'a2', kind: type('1').id });
});

test('a drag from one tag to another waits for the type key, as r and a click do', () => {
  const { model, store, exec, type } = setup();
  exec(relate.dragged, { from: 'a3', to: 'a1' });
  assert.deepEqual([store.state.linking, store.state.picked], [{ from: 'a3' }, 'a1']);
  assert.equal(model.relations.length, 0);
  exec(relate.create, type('4'));
  assert.deepEqual(
    model.relations.map(({ from, to }) => [from, to]),
    [['a3', 'a1']],
  );
});
