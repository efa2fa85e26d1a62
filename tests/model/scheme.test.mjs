// Relations retyped and reversed, notes and attributes, document labels, the
// scheme and renamed ids: each one undoable change, each refusal changing nothing.
// Run: node --test tests/model/scheme.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotationModel } from '../../www/js/model.js';
import { DEFAULT_SCHEME, nextAttributeValue, schemeProblem } from '../../www/js/scheme.js';

const NOW = '2026-12-04T05:00:00.000Z';
const model = () => {
  const m = new AnnotationModel({ length: 100, now: () => new Date(NOW) });
  m.create({ start: 0, end: 2, label: 'PER' }); // a1
  m.create({ start: 5, end: 7, label: 'LOC' }); // a2
  m.createRelation({ from: 'a1', to: 'a2', kind: 'SAID' }); // r1
  return m;
};

/** `edit` changes the state; one undo restores it exactly, one redo brings the edit back; and so through JSON. */
function assertUndoable(m, edit) {
  const before = m.toState();
  edit(m);
  const after = m.toState();
  assert.notDeepEqual(after, before, 'the edit changed nothing');
  m.undo();
  assert.deepEqual(m.toState(), before, 'undo did not restore the previous state');
  m.redo();
  assert.deepEqual(m.toState(), after, 'redo did not restore the edited state');
  const reloaded = new AnnotationModel({
    ...JSON.parse(JSON.stringify(m.toState())),
    history: JSON.parse(JSON.stringify(m.toHistory())),
    length: 100,
  });
  reloaded.undo();
  assert.deepEqual(reloaded.toState(), before, 'undo after a reload did not restore the previous state');
}

/** `edit` throws a RangeError with `code` and leaves the state and history as they were. */
function assertRefused(m, edit, code) {
  const before = JSON.stringify([m.toState(), m.toHistory()]);
  assert.throws(edit, (e) => e instanceof RangeError && e.code === code);
  assert.equal(JSON.stringify([m.toState(), m.toHistory()]), before);
}

test('a new model has the default scheme: relation types with keys, attributes, document labels', () => {
  const m = new AnnotationModel();
  assert.deepEqual(
    m.scheme.relations.map((r) => [r.id, r.key]),
    DEFAULT_SCHEME.relations.map((r) => [r.id, r.key]),
  );
  assert.equal(m.scheme.relations[0].key, '1');
  assert.equal(schemeProblem(DEFAULT_SCHEME), null);
  assert.ok(Object.isFrozen(m.scheme.relations[0]));
});

test('retyping and reversing a relation are one undoable change each', () => {
  const m = model();
  assertUndoable(m, (x) => x.updateRelation('r1', { kind: 'LOCATED_IN' }));
  assert.equal(m.relationById('r1').kind, 'LOCATED_IN');
  assertUndoable(m, (x) => x.updateRelation('r1', { from: 'a2', to: 'a1' }));
  assert.deepEqual([m.relationById('r1').from, m.relationById('r1').to], ['a2', 'a1']);
  assertRefused(m, () => m.updateRelation('r1', { to: 'a9' }), 'unknown-id');
  assertRefused(m, () => m.updateRelation('r9', { kind: 'SAID' }), 'unknown-id');
  assertRefused(m, () => m.updateRelation('r1', { id: 'r2' }), 'malformed');
});

test('a relation of a kind the scheme lacks declares it in the same change; undo takes both back', () => {
  const m = model();
  const before = m.toState();
  m.createRelation({ from: 'a2', to: 'a1', kind: '出生地' });
  assert.ok(m.scheme.relations.some((r) => r.id === '出生地' && r.directed && /^#[0-9a-f]{6}$/i.test(r.color)));
  m.undo();
  assert.deepEqual(m.toState(), before);
});

test('notes and attributes on annotations and relations: set, change, remove, each undoable', () => {
  const m = model();
  assertUndoable(m, (x) => x.updateAnnotation('a1', { note: '发言人' }));
  assert.equal(m.byId('a1').note, '发言人');
  assertUndoable(m, (x) => x.updateAnnotation('a1', { attributes: { uncertain: 'true', polarity: 'negative' } }));
  assert.deepEqual(m.byId('a1').attributes, { polarity: 'negative', uncertain: 'true' });
  assertUndoable(m, (x) => x.updateAnnotation('a1', { note: null, attributes: { polarity: null } }));
  assert.equal(m.byId('a1').note, undefined);
  assert.equal(m.byId('a1').attributes, undefined, 'an empty map removes the field, as the core leaves it out');
  assertUndoable(m, (x) => x.updateRelation('r1', { note: '引语', attributes: { uncertain: 'true' } }));
  assertRefused(m, () => m.updateAnnotation('a1', { start: 3 }), 'malformed');
  assertRefused(m, () => m.updateAnnotation('a1', { attributes: { uncertain: true } }), 'malformed');
});

test('an attribute key toggles a flag and cycles a choice, then clears it', () => {
  const [flag, choice] = DEFAULT_SCHEME.attributes;
  assert.equal(nextAttributeValue(flag, undefined), 'true');
  assert.equal(nextAttributeValue(flag, 'true'), undefined);
  const seen = [];
  let v;
  do {
    v = nextAttributeValue(choice, v);
    seen.push(v);
  } while (v !== undefined);
  assert.deepEqual(seen, [...choice.values, undefined]);
});

test('document labels are ids of the scheme; an undeclared one is declared in the same change', () => {
  const m = model();
  assertUndoable(m, (x) => x.setDocLabels(['relevant', 'review']));
  assertUndoable(m, (x) => x.setDocLabels(['relevant', '体育']));
  assert.ok(m.scheme.docLabels.some((d) => d.id === '体育'));
});

test('the scheme is replaced as one change; a bad one or dropping a type in use is refused and changes nothing', () => {
  const m = model();
  const scheme = structuredClone(m.toState().scheme);
  scheme.relations.push({ id: 'QUOTES', name: '引用 quotes', color: '#123456', key: '5', directed: true });
  assertUndoable(m, (x) => x.setScheme(scheme));
  const clash = structuredClone(scheme);
  clash.relations[4].key = '1';
  assertRefused(m, () => m.setScheme(clash), 'bad-scheme');
  const noChoice = structuredClone(scheme);
  noChoice.attributes[1].values = ['only'];
  assertRefused(m, () => m.setScheme(noChoice), 'bad-scheme');
  const withoutSaid = { ...scheme, relations: scheme.relations.filter((r) => r.id !== 'SAID') };
  assertRefused(m, () => m.setScheme(withoutSaid), 'in-use');
  m.removeRelation('r1');
  m.setScheme(withoutSaid);
  assert.ok(!m.scheme.relations.some((r) => r.id === 'SAID'));
});

test('renaming an id renames every use of it, as one undoable change', () => {
  const m = model();
  m.updateAnnotation('a2', { attributes: { polarity: 'neutral' } });
  m.setDocLabels(['review']);
  assertUndoable(m, (x) => x.renameId('labels', 'PER', 'PERSON'));
  assert.equal(m.byId('a1').label, 'PERSON');
  assert.equal(m.labels[0].id, 'PERSON', 'the renamed label keeps its place');
  assertUndoable(m, (x) => x.renameId('relations', 'SAID', 'SPEAKS'));
  assert.equal(m.relationById('r1').kind, 'SPEAKS');
  assertUndoable(m, (x) => x.renameId('attributes', 'polarity', 'stance'));
  assert.deepEqual(m.byId('a2').attributes, { stance: 'neutral' });
  assertUndoable(m, (x) => x.renameId('docLabels', 'review', 'check'));
  assert.deepEqual(m.docLabels, ['check']);
  assertRefused(m, () => m.renameId('labels', 'PERSON', 'LOC'), 'duplicate-id');
  assertRefused(m, () => m.renameId('relations', 'SPEAKS', 'has space'), 'bad-scheme');
  assertRefused(m, () => m.renameId('relations', 'NOPE', 'X'), 'unknown-id');
});

test('an import keeps the scheme and declares the relation kinds it brings', () => {
  const m = model();
  m.replaceAll({
    annotations: [
      { id: 'T1', start: 0, end: 2, label: 'PER' },
      { id: 'T2', start: 3, end: 4, label: 'LOC' },
    ],
    relations: [{ id: 'R1', from: 'T1', to: 'T2', kind: 'Origin' }],
  });
  assert.ok(m.scheme.relations.some((r) => r.id === 'SAID'));
  assert.ok(m.scheme.relations.some((r) => r.id === 'Origin'));
});
