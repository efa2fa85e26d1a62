// The project's record of suggestions going into a project file and coming back from one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  editedDictionary,
  labelledDictionary,
  mappedLabels,
  personWords,
  recordForFile,
  takeRecord,
  taughtBy,
  taughtOnlyBy,
} from '../../www/js/suggest-record.js';

test('the page’s record becomes the file’s, each rejection named in full, and comes back the same', () => {
  const settings = { mapping: 'nr=PER', userDict: '李娜 5 PER\n', rejected: { aa: ['3:5:LOC', '0:2:PER'] } };
  const file = recordForFile(settings);
  assert.deepEqual(file, {
    mapping: 'nr=PER',
    userDictionary: '李娜 5 PER\n',
    rejected: [
      { document: 'aa', start: 3, end: 5, label: 'LOC' },
      { document: 'aa', start: 0, end: 2, label: 'PER' },
    ],
  });
  const back = { mapping: null, userDict: '', rejected: {} };
  assert.deepEqual(takeRecord(back, file), { rejected: 2, words: 1, mapping: true, keptMapping: false });
  assert.deepEqual(back, settings);
});

test('a label holding a colon survives the page’s key', () => {
  const file = recordForFile({ rejected: { aa: ['0:2:ns:place'] } });
  assert.equal(file.rejected[0].label, 'ns:place');
  assert.equal(file.mapping, null);
});

test('a file’s record joins the project’s: rejections and words not twice, the project’s own mapping kept and said', () => {
  const settings = { mapping: 'nr=PER', userDict: '李娜 5 PER', rejected: { aa: ['0:2:PER'] } };
  const taken = takeRecord(settings, {
    mapping: 'nr=PERSON',
    userDictionary: '李娜 9 PER\n一带一路 3 LOC\n',
    rejected: [
      { document: 'aa', start: 0, end: 2, label: 'PER' },
      { document: 'bb', start: 1, end: 4, label: 'LOC' },
    ],
  });
  assert.deepEqual(taken, { rejected: 1, words: 1, mapping: false, keptMapping: true });
  assert.equal(settings.mapping, 'nr=PER');
  assert.equal(settings.userDict, '李娜 5 PER\n一带一路 3 LOC\n');
  assert.deepEqual(settings.rejected, { aa: ['0:2:PER'], bb: ['1:4:LOC'] });
});

test('a word only one document taught is its own to forget; one another document labels, or the person wrote, is not', () => {
  const text = '张伟和李娜在北京。';
  const slice = (s, e) => [...text].slice(s, e).join('');
  const anns = [
    { start: 0, end: 2, label: 'PER' },
    { start: 3, end: 5, label: 'PER' },
    { start: 6, end: 8, label: 'LOC' },
    { start: 0, end: 1, label: 'PER', fragments: [{ start: 0, end: 1 }] },
  ];
  // LOC is not mapped: 北京 is no learnt word of this mapping.
  assert.deepEqual(taughtBy(anns, slice, 'nr=PER'), ['张伟', '李娜']);
  const settings = { taught: { a: ['张伟', '李娜', '王芳'], b: ['李娜'] }, own: ['王芳'] };
  assert.deepEqual(taughtOnlyBy(settings, 'a'), ['张伟']);
  assert.deepEqual(taughtOnlyBy(settings, 'b'), []);
  assert.deepEqual(taughtOnlyBy(settings, 'c'), []);
});

test('the person’s words follow their edits of the dictionary', () => {
  assert.deepEqual(personWords([], '张伟 1 PER\n', '张伟 1 PER\n王芳 3 nr\n'), ['王芳']);
  assert.deepEqual(personWords(['王芳', '赵六'], '张伟 1 PER\n王芳 3 nr\n赵六 1\n', '张伟 1 PER\n赵六 1\n'), ['赵六']);
  assert.deepEqual(mappedLabels('nr=PER, ns=LOC,bad'), new Set(['PER', 'LOC']));
});

// Regression: Apply replaced the dictionary with the dialog's text, so a word learnt while it was open was dropped.
test('the person’s edit of the dictionary keeps the words learnt since it was shown', () => {
  const shown = '张伟 1 PER\n李娜 1 PER\n';
  const now = '张伟 1 PER\n李娜 1 PER\n一带一路 1 LOC\n';
  const edited = '张伟 5 nr\n王芳 3 nr\n';
  assert.equal(editedDictionary(now, shown, edited), '张伟 5 nr\n一带一路 1 LOC\n王芳 3 nr\n');
});

// Regression: `高水平 1 x` was learnt with the label x, which no suggestion can have, without a word; and a jieba
// user dictionary's parts of speech (nr, ns) were learnt as labels the same way.
test('the learnt words take a label of the scheme, or a part of speech the mapping turns into one; the first other line is named', () => {
  const labels = ['PER', 'LOC', 'ORG'];
  const mapping = 'nr=PER,ns=LOC,nt=ORG';
  assert.deepEqual(labelledDictionary('一带一路 1 LOC\n阿里巴巴 3 nt\n张伟\n李娜 5\n', labels, mapping), {
    text: '一带一路 1 LOC\n阿里巴巴 3 ORG\n张伟\n李娜 5\n',
  });
  assert.deepEqual(labelledDictionary('一带一路 1 LOC\n高水平 1 x\n多云 2 y\n', labels, mapping), { line: 2, tag: 'x' });
  assert.deepEqual(labelledDictionary('阿里巴巴 3 nt\n', labels, ''), { line: 1, tag: 'nt' });
  // A line the dictionary held already (its label deleted since) is not the person's to fix now.
  assert.deepEqual(labelledDictionary('旧词 1 OLD\n新词 2 nr\n', labels, mapping, new Set(['旧词 1 OLD'])), {
    text: '旧词 1 OLD\n新词 2 PER\n',
  });
});
