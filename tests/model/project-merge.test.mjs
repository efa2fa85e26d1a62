// Two tabs on one project: a write merges this tab's changes into the record as stored, so that neither tab
// drops what the other changed (www/js/project-merge.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byCodePoint, mergeProject, sameDictionary, snapshotOf } from '../../www/js/project-merge.js';

const base = {
  id: 'p1',
  name: 'news',
  labels: [{ id: 'PER' }],
  scheme: null,
  last: 'a',
  docs: [
    { sha: 'a', status: 'progress' },
    { sha: 'b', status: 'new' },
  ],
  suggest: {
    mapping: null,
    userDict: '张伟 1 PER\n',
    rejected: { a: ['0:2:PER'] },
    taught: { a: ['张伟'] },
    own: [],
  },
};

test('what each tab changed is kept: a status here, a status and a rejection there', () => {
  const mine = snapshotOf(base);
  mine.docs[0].status = 'done';
  mine.suggest.rejected.a.push('5:7:LOC');
  const theirs = snapshotOf(base);
  theirs.docs[1].status = 'skipped';
  theirs.suggest.rejected.b = ['1:3:PER'];
  const out = mergeProject(base, mine, theirs);
  assert.deepEqual(
    out.docs.map((d) => d.status),
    ['done', 'skipped'],
  );
  assert.deepEqual(out.suggest.rejected, { a: ['0:2:PER', '5:7:LOC'], b: ['1:3:PER'] });
});

test('a rejection this tab took back leaves, though the other tab still had it', () => {
  const mine = snapshotOf(base);
  mine.suggest.rejected.a = [];
  const theirs = snapshotOf(base);
  theirs.suggest.rejected.a.push('9:11:PER');
  assert.deepEqual(mergeProject(base, mine, theirs).suggest.rejected.a, ['9:11:PER']);
});

test('learnt words of both tabs are kept, a word this tab forgot leaves, a rename there stays', () => {
  const mine = snapshotOf(base);
  mine.suggest.userDict = '李娜 1 PER\n';
  const theirs = snapshotOf(base);
  theirs.suggest.userDict = '张伟 1 PER\n一带一路 1 LOC\n';
  theirs.name = 'news 2026';
  const out = mergeProject(base, mine, theirs);
  // In the order the core writes it: by word.
  assert.equal(out.suggest.userDict, '一带一路 1 LOC\n李娜 1 PER\n');
  assert.equal(out.name, 'news 2026');
});

test('documents the other tab added are listed after this tab’s; without a base only they are taken', () => {
  const mine = snapshotOf(base);
  mine.docs.push({ sha: 'c', status: 'new' });
  const theirs = snapshotOf(base);
  theirs.docs.push({ sha: 'd', status: 'progress' });
  theirs.name = 'other';
  assert.deepEqual(
    mergeProject(base, mine, theirs).docs.map((d) => d.sha),
    ['a', 'b', 'c', 'd'],
  );
  const blind = mergeProject(null, mine, theirs);
  assert.deepEqual(
    blind.docs.map((d) => d.sha),
    ['a', 'b', 'c', 'd'],
  );
  assert.equal(blind.name, 'news');
  assert.equal(mergeProject(base, mine, null), mine);
});

// Regression: sorted by UTF-16 unit, a merged dictionary with 𠮷 (above U+FFFF) and Ｘ (U+FF38) read otherwise
// than the worker's copy of it, which was written back as a change, heard, merged and sorted again, for ever.
test('a merged dictionary is in the core’s order, by code point, and dictionaries compare as sets of lines', () => {
  assert.deepEqual(['𠮷田', 'Ｘ公司', '一'].sort(byCodePoint), ['一', 'Ｘ公司', '𠮷田']);
  const mine = { ...snapshotOf(base), suggest: { ...base.suggest, userDict: '𠮷田 1 PER\n张伟 1 PER\n' } };
  const theirs = { ...snapshotOf(base), suggest: { ...base.suggest, userDict: '张伟 1 PER\nＸ公司 1 ORG\n' } };
  assert.equal(mergeProject(base, mine, theirs).suggest.userDict, '张伟 1 PER\nＸ公司 1 ORG\n𠮷田 1 PER\n');
  assert.ok(sameDictionary('a 1\nb 2\n', 'b 2\na 1'));
  assert.ok(!sameDictionary('a 1\n', 'a 2\n'));
});

// Regression: a record read without a mapping, given its default null, counted as this tab's change and
// wrote the other tab's new mapping back to nothing.
test('a field this tab only gave its default is not its change', () => {
  const bare = snapshotOf(base);
  delete bare.suggest;
  const mine = { ...snapshotOf(bare), suggest: { mapping: null, userDict: '', rejected: {} } };
  const theirs = { ...snapshotOf(bare), suggest: { mapping: 'nr=PER', userDict: '', rejected: {} } };
  assert.equal(mergeProject(bare, mine, theirs).suggest.mapping, 'nr=PER');
});
