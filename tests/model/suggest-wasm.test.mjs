// The worker's Suggester (src/wasm/suggest.rs) through the wasm package: the
// open document re-cut line by line after a word is learnt (the line learnt
// at once, the others by refresh) gives the words a whole segmentation with
// that word gives; suggestions in both units;
// the user dictionary replaced all or nothing, a bad line named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { notBuilt, pkg } from './wasm-package.mjs';
import { suggestionRows } from '../../www/js/controllers/suggestions.js';

async function suggester() {
  const mod = await import(pkg);
  await mod.default({ module_or_path: readFileSync(new URL('../../www/pkg/biaozhu_bg.wasm', import.meta.url)) });
  const dict = () => gunzipSync(readFileSync(new URL('../../www/dict/jieba.dict.gz', import.meta.url)));
  const s = new mod.Suggester(new mod.Segmenter(dict()));
  s.setMapping('nr=PER,ns=LOC,nt=ORG');
  return { mod, s, plain: new mod.Segmenter(dict()) };
}

// Made up: 一带一路 on three lines, one with an astral character before it and a CRLF line end.
const TEXT = '我们推动一带一路的合作。\r\n𠮷野家在一带一路上开店。\n\n今天天气很好。\n张伟说一带一路好';

test('after 一带一路 is learnt, the open document is re-cut where it occurs (its other lines by refresh), as a whole segmentation with the word gives', {
  skip: notBuilt,
}, async () => {
  const { mod, s, plain } = await suggester();
  s.open(TEXT);
  const state = JSON.stringify({ annotations: [{ start: 4, end: 8, label: 'LOC' }] });
  const first = s.learn(state, Uint32Array.from([4, 8]));
  assert.ok(first, 'the words come back when a line was re-cut');
  const pairs = [...first.wordsCp].flatMap((x, i, all) => (i % 2 ? [] : [`${x}-${all[i + 1]}`]));
  assert.ok(pairs.includes('4-8'), 'the line learnt is re-cut at once');
  assert.equal(s.recutWords(), undefined, 'the other lines wait for refresh');
  while (s.refresh(1));
  const words = s.recutWords();
  assert.ok(words, 'the words come back once refresh re-cut lines');
  const want = new mod.Suggester(plain);
  want.learnWord('一带一路', 'LOC');
  const whole = want.segment(TEXT);
  assert.deepEqual([...words.wordsCp], [...whole.wordsCp]);
  assert.deepEqual([...words.subwordsCp], [...whole.subwordsCp]);
  assert.deepEqual([...words.kinds], [...whole.kinds]);
  assert.deepEqual([...words.wordsU16], [...whole.wordsU16]);
  // The suggestions: every occurrence (the page leaves out the one annotated), in code points and UTF-16 units (𠮷 is two units).
  const found = suggestionRows(s.suggest()).filter((x) => x.source === 'repeat');
  assert.deepEqual(
    found.map((x) => [x.startCp, x.endCp, x.startU16, x.endU16, x.label]),
    [
      [4, 8, 4, 8, 'LOC'],
      [18, 22, 19, 23, 'LOC'],
      [39, 43, 40, 44, 'LOC'],
    ],
  );
  // Learnt again, nothing new: no words come back.
  assert.equal(s.learn(state, Uint32Array.from([4, 8])), undefined);
});

test('a label the mapping does not name makes no learnt word, so a phrase labelled leaves the names inside it reachable', {
  skip: notBuilt,
}, async () => {
  const { s } = await suggester();
  s.open('俄罗斯总统普京说。');
  s.learn(JSON.stringify({ annotations: [{ start: 0, end: 7, label: 'CLAIM' }] }), new Uint32Array());
  assert.equal(s.exportUserDict(), '');
  s.learn(JSON.stringify({ annotations: [{ start: 5, end: 7, label: 'PER' }] }), new Uint32Array());
  assert.equal(s.exportUserDict(), '普京 1 PER\n');
});

test('a user dictionary with a bad line is refused, naming the line, and the learnt words stay as they were', {
  skip: notBuilt,
}, async () => {
  const { s } = await suggester();
  assert.equal(s.replaceUserDict('一带一路 3 LOC\n'), 1);
  assert.throws(() => s.replaceUserDict('北京 1 LOC\n上海 x LOC\n'), /line 2/);
  assert.equal(s.exportUserDict(), '一带一路 3 LOC\n');
  assert.throws(() => s.setMapping('nr'), /nr/);
});

test('opening a document with annotations plans passes over its lines, made bit by bit by refine; their last step leaves every line to suggest for again', {
  skip: notBuilt,
}, async () => {
  const { s } = await suggester();
  const lines = ['李明去了北京。', '王芳在上海工作。', '新华社记者张强报道。', '赵刚去了南京。'];
  const text = lines.join('\n');
  const at = (line, from, to) => {
    const start = lines.slice(0, line).reduce((n, l) => n + [...l].length + 1, 0);
    return { start: start + from, end: start + to };
  };
  s.open(text);
  assert.equal(s.refine(4), false, 'nothing is planned before anything is learnt');
  const annotations = [
    { ...at(0, 0, 2), label: 'PER' },
    { ...at(0, 4, 6), label: 'LOC' },
    { ...at(1, 0, 2), label: 'PER' },
    { ...at(1, 3, 5), label: 'LOC' },
    { ...at(2, 0, 3), label: 'ORG' },
  ];
  s.learn(JSON.stringify({ annotations }), new Uint32Array());
  s.suggest().free();
  while (s.refresh(8));
  let calls = 0;
  while (s.refine(4)) calls++;
  // Ten passes over the three lines with annotations, a step of each tagger
  // on each line, four steps a call.
  assert.ok(s.members >= 1);
  assert.equal(calls, Math.ceil((10 * 3 * s.members) / 4) - 1);
  assert.ok(s.refresh(0) > 0, 'the lines wait to be suggested for again');
  while (s.refresh(8));
  assert.equal(s.refresh(0), 0);
  assert.equal(s.refine(4), false);
});
