// The detail of an import error said in Chinese (www/js/i18n/details.js): the
// shapes src/formats writes, with their phrases; anything else as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCoreWrites } from './core-source.mjs';
import { detailText } from '../../www/js/i18n/details.js';

const zh = (d) => detailText(d, 'zh-CN');

test('a field of the wrong shape, a field missing and broken JSON are said in Chinese, the file’s own words kept', () => {
  assert.equal(
    zh('"annotations[0].start" must be a whole number, 0 or more, found the string "x"'),
    '"annotations[0].start" 应当是不小于 0 的整数，实际是字符串 "x"',
  );
  assert.equal(zh('"label" must be a list of labels, found an empty string'), '"label" 应当是标签列表，实际是空字符串');
  assert.equal(zh('"text" is missing: it must be a string'), '缺少 "text"：它应当是字符串');
  assert.equal(zh('"annotations[2]": "end" is missing'), '"annotations[2]"：缺少 "end"');
  assert.equal(zh('EOF while parsing a string'), '字符串还没写完，文件就结束了');
  assert.equal(zh('trailing comma'), '多余的逗号');
  // A phrase not listed stays as the core says it, inside the Chinese shape; a sentence not listed stays whole.
  assert.equal(zh('"x" must be a kind of thing, found null'), '"x" 应当是a kind of thing，实际是null');
  assert.equal(zh('the file holds 3 documents; biaozhu opens one at a time'), 'the file holds 3 documents; biaozhu opens one at a time');
  assert.equal(detailText('trailing comma', 'en-US'), 'trailing comma');
  // A user dictionary's refused line (src/segment/learnt.rs), and a mapping that is not one.
  assert.equal(
    zh('user dictionary line 2: the frequency `x` of `李娜` is not a whole number'),
    '用户词典第 2 行：`李娜` 的词频 `x` 不是整数',
  );
  assert.equal(
    zh('user dictionary line 3: `a b c d` has 4 fields; a line is `word [freq [tag]]`'),
    '用户词典第 3 行：`a b c d` 有 4 个字段；每行应为 `词 [词频 [词性]]`',
  );
  assert.equal(zh('`nr` is not a mapping `pos=LABEL` (e.g. nr=PER)'), '`nr` 不是 `词性=标签` 形式的映射（例如 nr=PER）');
});

test('the shapes read are the ones src/formats, src/segment/learnt.rs and src/suggest write', () => {
  assertCoreWrites(
    'segment/learnt.rs',
    [
      'write!(f, "user dictionary line {n}: {}", self.message)',
      '"the frequency `{f}` of `{word}` is not a whole number"',
      '"`{}` has {} fields; a line is `word [freq [tag]]`"',
      '"`{word}` holds whitespace, which no word may"',
      '"the tag `{t}` of `{word}` must be one word"',
    ],
    'details.js',
  );
  assertCoreWrites('suggest/mod.rs', ['"`{pair}` is not a mapping `pos=LABEL` (e.g. nr=PER)"'], 'details.js');
  assertCoreWrites(
    'formats/words.rs',
    [
      '"\\"{key}\\" is missing: it must be {expected}"',
      '"\\"{key}\\" must be {expected}, found {}"',
      '"{at} must be {expected}, found {}"',
      '"{at}: \\"{}\\" is missing"',
      '"{at}: \\"{}\\" appears twice"',
      '"the string {}"',
      '"a whole number, 0 or more"',
    ],
    'details.js',
  );
});
