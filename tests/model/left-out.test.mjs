// What an export leaves out, said in Chinese (www/js/i18n/left-out.js): every
// phrase the core can write is listed, a count of one is found in its
// singular form, and the document a line names is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { leftOutText, singular } from '../../www/js/i18n/left-out.js';

/** The phrases `LeftOut::count` and `LeftOut::when` are given in src/formats (the last string of each call). */
function corePhrases() {
  const dir = new URL('../../src/formats/', import.meta.url);
  const out = new Set();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.rs'))) {
    const src = readFileSync(new URL(f, dir), 'utf8');
    for (const m of src.matchAll(/\.(?:count|when)\(/g)) {
      let depth = 1;
      let j = m.index + m[0].length;
      for (; depth && j < src.length; j++) depth += src[j] === '(' ? 1 : src[j] === ')' ? -1 : 0;
      const strings = [...src.slice(m.index, j).matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((s) => s[1].replace(/\\'/g, "'"));
      if (strings.length) out.add(strings.at(-1));
    }
  }
  return [...out];
}

test('every phrase the core writes of what an export leaves out is said in Chinese', () => {
  const phrases = corePhrases();
  assert.ok(phrases.length > 25, `${phrases.length} phrases found`);
  const missing = phrases.filter((p) => leftOutText(`2 ${p}`, 'zh-CN') === `2 ${p}` && leftOutText(p, 'zh-CN') === p);
  assert.deepEqual(missing, []);
});

test('a count of one is read in its singular form, and the document named is kept', () => {
  assert.equal(singular('annotation ids (renumbered as T1, T2, …)'), 'annotation id (renumbered as T1, T2, …)');
  assert.equal(singular('label names (labels are written by id)'), 'label name (labels are written by id)');
  assert.equal(leftOutText('1 annotation id (renumbered as T1, T2, …) (a.txt)', 'zh-CN'), '1 个标注 ID（重新编号为 T1、T2、…）（a.txt）');
  assert.equal(
    leftOutText('6 relation ids (renumbered as R1, R2, …) (each of 3 documents)', 'zh-CN'),
    '6 个关系 ID（重新编号为 R1、R2、…）（3 个文档中各有）',
  );
  assert.equal(leftOutText('2 relation ids', 'zh-CN'), '2 个关系 ID');
  assert.equal(leftOutText('the source encoding', 'zh-CN'), '原文件的编码');
  // English is the core's own words; a line not listed is shown as it is.
  assert.equal(leftOutText('6 relation ids', 'en-US'), '6 relation ids');
  assert.equal(leftOutText('something new', 'zh-CN'), 'something new');
});
