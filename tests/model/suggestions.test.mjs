// The suggestions controller's pure parts (controllers/suggestions.js): the
// default mapping from jieba's parts of speech to labels, the spans a change
// touched, and which suggestions are drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultMapping, shownSuggestions, touchedBy } from '../../www/js/controllers/suggestions.js';
import { AnnotationModel } from '../../www/js/model.js';
import { DEFAULT_LABELS } from '../../www/js/labels.js';

test('the default mapping finds PER/LOC/ORG by id or a Chinese name, and maps nothing when no label looks like one', () => {
  assert.equal(defaultMapping(DEFAULT_LABELS), 'nr=PER,nrfg=PER,nrt=PER,ns=LOC,nt=ORG');
  const chinese = [
    { id: 'a', name: '地名' },
    { id: 'b', name: '人名' },
    { id: 'c', name: '机构名' },
  ];
  assert.equal(defaultMapping(chinese), 'nr=b,nrfg=b,nrt=b,ns=a,nt=c');
  assert.equal(defaultMapping([{ id: 'TOPIC', name: 'Topic' }]), '');
});

test('a change touches its created and deleted spans and both sides of an update; a change of labels touches none', () => {
  const change = {
    annotations: {
      created: [{ start: 1, end: 3 }],
      deleted: [{ start: 5, end: 6 }],
      updated: [
        [
          { start: 8, end: 9 },
          { start: 8, end: 12 },
        ],
      ],
    },
  };
  assert.deepEqual(touchedBy(change), [1, 3, 5, 6, 8, 9, 8, 12]);
  assert.deepEqual(touchedBy({ labels: { created: [] } }), []);
});

test('a rejected suggestion, one over an annotation and one of a label the document lacks are not drawn', () => {
  const model = new AnnotationModel({ length: 20 });
  model.create({ start: 0, end: 2, label: 'PER' });
  const s = (startCp, endCp, label) => ({ startCp, endCp, startU16: startCp, endU16: endCp, label, source: 'repeat' });
  const list = [s(1, 3, 'LOC'), s(4, 6, 'LOC'), s(7, 9, 'PER'), s(10, 12, 'NOPE')];
  assert.deepEqual(
    shownSuggestions(list, model, new Set(['7:9:PER'])).map((x) => x.startCp),
    [4],
  );
});

test('the suggestions drawn are those an overlap search for each gives, in order or not', () => {
  let seed = 7;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((seed / 2 ** 31) * n);
  };
  for (let round = 0; round < 20; round++) {
    const model = new AnnotationModel({ length: 400 });
    for (let i = 0; i < 30; i++) {
      const start = random(390);
      model.create({ start, end: start + 1 + random(8), label: random(2) ? 'PER' : 'LOC' });
    }
    const list = [];
    for (let at = random(5); at < 395; at += 1 + random(6)) {
      const end = at + 1 + random(4);
      list.push({ startCp: at, endCp: end, startU16: at, endU16: end, label: random(4) ? 'LOC' : 'NOPE', source: 'model' });
      at = end;
    }
    // A few out of text order, as no answer of the worker has them.
    if (round % 2) list.push({ ...list[3] }, { ...list[1] });
    const rejected = new Set(round % 3 ? [] : [`${list[2].startCp}:${list[2].endCp}:${list[2].label}`]);
    const want = list.filter(
      (s) =>
        !rejected.has(`${s.startCp}:${s.endCp}:${s.label}`) && model.labelById(s.label) && !model.overlapping(s.startCp, s.endCp).length,
    );
    assert.deepEqual(shownSuggestions(list, model, rejected), want);
  }
});
