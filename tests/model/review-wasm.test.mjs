// The review dialog's wasm entries (src/wasm/agree.rs): the figures and the
// disagreements of the open document against another annotator's state, the
// gold state a list of choices makes, and the refusals that change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loaded, notBuilt } from './wasm-package.mjs';

const text = '习近平同普京在北京会晤';
const labels = [
  { id: 'PER', name: 'PER', color: '#c00' },
  { id: 'LOC', name: 'LOC', color: '#0c0' },
];
const ann = (id, start, end, label) => ({ id, start, end, label });
const side = (name, annotations) => ({ name, state: { name, text, labels, annotations, relations: [], docLabels: [] } });
const mine = side('mine', [ann('1', 0, 3, 'PER'), ann('2', 4, 6, 'PER'), ann('3', 7, 9, 'LOC')]);
// 习近平 the same, 普京 cut short, 北京 left out, 会晤 added.
const theirs = side('theirs', [ann('1', 0, 3, 'PER'), ann('2', 4, 5, 'PER'), ann('9', 9, 11, 'LOC')]);

test('agreeStates gives the figures and every disagreement with both spans and their quotes', { skip: notBuilt }, async () => {
  const { agreeStates } = await loaded();
  const r = JSON.parse(agreeStates(JSON.stringify([mine, theirs])));
  assert.equal(r.overall.precision, 1 / 3);
  assert.equal(r.overall.recall, 1 / 3);
  assert.equal(r.overall.kappa_words, null, 'no words in the page: left out, not made up');
  assert.ok(typeof r.overall.kappa === 'number');
  assert.deepEqual(r.labels.PER.matched, 1);
  assert.deepEqual(
    { missing: r.disagreements.missing, extra: r.disagreements.extra, boundary: r.disagreements.boundary },
    { missing: 1, extra: 1, boundary: 1 },
  );
  assert.deepEqual(
    r.diff.map((d) => [d.kind, d.reference?.quote ?? null, d.candidate?.quote ?? null]),
    [
      ['boundary', '普京', '普'],
      ['missing', '北京', null],
      ['extra', null, '会晤'],
    ],
  );
});

test('goldState keeps what each choice says, in the order of the disagreements', { skip: notBuilt }, async () => {
  const { goldState } = await loaded();
  const gold = JSON.parse(goldState(JSON.stringify([mine, theirs]), JSON.stringify(['theirs', 'neither', 'both'])));
  const got = gold.annotations.map((a) => [a.start, a.end, a.label]).sort((a, b) => a[0] - b[0]);
  assert.deepEqual(got, [
    [0, 3, 'PER'],
    [4, 5, 'PER'],
    [9, 11, 'LOC'],
  ]);
  assert.equal(gold.text, text);
});

test('a file of another text, a missing or unknown choice, or a single side is refused with a message', { skip: notBuilt }, async () => {
  const { agreeStates, goldState } = await loaded();
  const other = { name: 'other.json', state: { ...theirs.state, text: `${text}。` } };
  assert.throws(() => agreeStates(JSON.stringify([mine, other])), /other\.json is not of this text/);
  assert.throws(() => agreeStates(JSON.stringify([mine])), /at least one other annotator/);
  assert.throws(() => agreeStates('{"nope": 1}'), /not a list of \{name, state\}/);
  const sides = JSON.stringify([mine, theirs]);
  assert.throws(() => goldState(sides, JSON.stringify(['mine'])), /1 choices for 3 disagreements/);
  assert.throws(() => goldState(sides, JSON.stringify(['mine', 'yours', 'both'])), /choice 2 is "yours"/);
});

test('agreeProject measures whole layers of documents, each document too, and names a document one layer lacks', {
  skip: notBuilt,
}, async () => {
  const { agreeProject } = await loaded();
  const other = '杜甫生于河南巩县';
  const doc = (t, annotations) => ({ name: t.slice(0, 2), text: t, labels, annotations, relations: [], docLabels: [] });
  const a = { name: 'a', documents: [mine.state, doc(other, [ann('1', 0, 2, 'PER')])] };
  const b = { name: 'b', documents: [theirs.state] };
  const r = JSON.parse(agreeProject(JSON.stringify([a, b])));
  assert.equal(r.documents, 1);
  assert.deepEqual(
    r.unmatched.map((u) => [u.document, u.found_in]),
    [['杜甫', ['a']]],
  );
  assert.equal(r.per_document.length, 1);
  assert.equal(r.per_document[0].overall.precision, 1 / 3);
  assert.equal(r.per_document[0].overall.kappa_words, null);
  assert.equal(r.overall.f1, r.per_document[0].overall.f1, 'one shared document: the project is that document');
  assert.throws(() => agreeProject(JSON.stringify([a])), /two annotators' layers or more/);
});
