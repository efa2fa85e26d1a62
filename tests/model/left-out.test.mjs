// What an export leaves out, said in Chinese (www/js/i18n/left-out.js): every
// phrase the core can write is listed, a count of one is found in its
// singular form, and the document a line names is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { leftOutText, singular } from '../../www/js/i18n/left-out.js';
import { assertCoreWrites } from './core-source.mjs';

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
  // What the project's record of suggestions leaves out (src/suggest/record.rs).
  assert.equal(leftOutText('1 rejected suggestion', 'zh-CN'), '1 条被拒绝的建议');
  assert.equal(leftOutText('12 words of the user dictionary', 'zh-CN'), '学到的词 12 个');
  assert.equal(leftOutText('the mapping of parts of speech to labels', 'zh-CN'), '词性到标签的映射');
  // English is the core's own words; a line not listed is shown as it is.
  assert.equal(leftOutText('6 relation ids', 'en-US'), '6 relation ids');
  assert.equal(leftOutText('something new', 'zh-CN'), 'something new');
});

test("what the label scheme's export leaves out is said in Chinese, with the name it gives", () => {
  const zh = (line) => leftOutText(line, 'zh-CN');
  assert.equal(
    zh('the free-text attribute "备注" (brat\'s attributes are flags or values)'),
    '自由文本属性“备注”（brat 的属性只有开关和取值）',
  );
  assert.equal(zh('that the relation type "同盟" is undirected'), '关系类型“同盟”是无向的');
  assert.equal(zh('1 document label (brat has none)'), '1 个文档标签（brat 没有文档标签）');
  assert.equal(zh('3 document labels (brat has none)'), '3 个文档标签（brat 没有文档标签）');
  assertCoreWrites(
    'scheme.rs',
    [
      '"the free-text attribute \\"{}\\" (brat\'s attributes are flags or values)"',
      '"that the relation type \\"{}\\" is undirected"',
      '"{n} document label{s} (brat has none)"',
    ],
    'left-out.js',
  );
});
