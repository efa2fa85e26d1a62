// What decoding noticed, said in Chinese (www/js/i18n/decode-notes.js): each
// sentence src/decode.rs writes is read, its numbers and names kept; the
// sentences are those of the core today (checked against its source).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCoreWrites } from './core-source.mjs';
import { decodeNoteText } from '../../www/js/i18n/decode-notes.js';

test('every sentence decoding writes is said in Chinese with its numbers', () => {
  const zh = (line) => decodeNoteText(line, 'zh-CN');
  assert.equal(
    zh('1 byte sequence could not be decoded as GBK and show as U+FFFD (the first at code point 17)'),
    '有 1 处字节无法按 GBK 解码，显示为 U+FFFD（位于码位 17）',
  );
  assert.equal(
    zh('3 byte sequences could not be decoded as UTF-8 and show as U+FFFD (the first at code point 0)'),
    '有 3 处字节无法按 UTF-8 解码，显示为 U+FFFD（第一处位于码位 0）',
  );
  assert.equal(
    zh('the text holds a byte order mark (U+FEFF) at code point 5 (and 2 more); it is kept as it is'),
    '文本在码位 5 处含有字节顺序标记（U+FEFF），另有 2 处；均原样保留',
  );
  assert.equal(
    zh('the text holds a byte order mark (U+FEFF) at code point 5; it is kept as it is'),
    '文本在码位 5 处含有字节顺序标记（U+FEFF）；原样保留',
  );
  assert.equal(
    zh('the text mixes line endings: 3 CRLF, 2 LF, 1 CR (kept as they are)'),
    '文本混用了多种换行符：3 CRLF、2 LF、1 CR（均原样保留）',
  );
  // English is the core's own words; a sentence not listed is shown as it is.
  assert.equal(
    decodeNoteText('the text mixes line endings: 3 CRLF, 2 LF (kept as they are)', 'en-US'),
    'the text mixes line endings: 3 CRLF, 2 LF (kept as they are)',
  );
  assert.equal(zh('something new'), 'something new');
});

test('the sentences read are the ones src/decode.rs writes', () => {
  assertCoreWrites(
    'decode.rs',
    [
      '"1 byte sequence could not be decoded"',
      '"{replaced} byte sequences could not be decoded"',
      '"{what} as {} and show as U+FFFD (the first at code point {at})"',
      '"the text holds a byte order mark (U+FEFF) at code point {first_feff}{more}; it is kept as it is"',
      '" (and {} more)"',
      '"the text mixes line endings: {} (kept as they are)"',
      'endings.join(", ")',
    ],
    'decode-notes.js',
  );
});
