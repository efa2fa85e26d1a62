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
  assert.equal(zh('user dictionary line 2: the frequency `x` of `李娜` is not a whole number'), '学到的词第 2 行：“李娜”的词频“x”不是整数');
  assert.equal(
    zh('user dictionary line 3: `a b c d` has 4 fields; a line is `word [freq [tag]]`'),
    '学到的词第 3 行：“a b c d”有 4 个字段；每行应为“词 [词频 [标签]]”',
  );
  assert.equal(zh('`nr` is not a mapping `pos=LABEL` (e.g. nr=PER)'), '“nr”不是“词性=标签”形式的映射（例如 nr=PER）');
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

// What may stay in Latin letters once a sentence is said in Chinese: the file's own words (quoted, in
// backticks, a shape in braces or brackets, an id or a path with a digit, a file name) and the names of
// formats, standards, keys and tags, which are not translated.
const KEPT = [
  /\b(?:W3C Web Annotation|Annotation(?:Page|Collection)?|TextPositionSelector|TextQuoteSelector|TextualBody)\b/g,
  /\b(?:JSON_MIN|JSON|Unicode|BMP|NUL|MiB|MB|ZIP|PDF|WHATWG|CRLF|LF|doccano|Prodigy|Label Studio|HyperText|XPath|biaozhu|brat)\b/g,
  /\b(?:ID⇥…|TYPE START END|START END|TOKEN TAG|NAME TARGET|AnnotatorNotes ID⇥NOTE|TYPE Arg1:ID Arg2:ID|BIOES|[OBIESMX]-?X?)(?=\W|$)/g,
  /\b(?:bz:\w+|data\.text|spans|head_span|child_span|text|value|exact|id|null|new|progress|done|skipped)\b/g,
  /\b(?:utf-8|gbk|gb18030|big5|shift_jis|euc-kr|utf-16le|windows-1251)\b/g,
  /"[^"]*"|`[^`]*`|\{[^}]*\}|[\w.]*\[[^\]]*[\])]/g,
  /\S*\d\S*|\S+\.(?:txt|ann)\b|\.txt\/\.ann|\.(?:txt|ann)\b/g,
];
/** The English words left in `said`. */
function english(said) {
  const rest = KEPT.reduce((s, kept) => s.replace(kept, ' '), said);
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

// The core's sentences as it writes them (src/formats), with the arguments a bad file gives.
const FORMAT_READERS = [
  // doccano
  'a doccano line must be an object {"text": …, "label": […]}, found a list of 2 items',
  '"text" is missing: it must be a string: a doccano line holds its text',
  '"entities" must be a list of entities {"label", "start_offset", "end_offset"}, found the number 3',
  '"label" must be a list of [start, end, label] triples, found an object',
  'entity 1: must be an object, found the number 3',
  'entity 2: "id" must be a number or a string, found an empty list',
  'entity 1: "label" is an empty string: every span needs a label',
  'entity 1: "start_offset" must be a whole number of UTF-16 units, 0 or more, found the number -1',
  'entity 1: "end_offset" 40: offset 40 is past the end of the text (5 UTF-16 units) (doccano counts UTF-16 units); were the annotations made on another text, or counted in another unit?',
  'entity 1: "start_offset" 1: UTF-16 offset 1 falls between the two halves of a character outside the BMP (doccano counts UTF-16 units); these offsets are not UTF-16 units (doccano\'s default): the project may have counted code points or grapheme clusters',
  '"relations" must be a list of relations {"from_id", "to_id", "type"}, found the number 4',
  'relation 1: "type" is missing: it must be a string',
  '"label" item 1 must be a [start, end, label] triple, found a list of 2 items',
  '"label" item 1: its third item, the label, must be a string that is not empty, found an empty string',
  '"label" item 1: the start must be a whole number of UTF-16 units, 0 or more, found the string "a"',
  '"label" item 3: the end 20: offset 20 is past the end of the text (5 UTF-16 units) (doccano counts UTF-16 units); were the annotations made on another text, or counted in another unit?',
  // Label Studio
  'task 1 has no text (expected data.text, or text for JSON_MIN); is this a Label Studio export of a Text task?',
  'task 1: "annotations" must be a list, found the number 3',
  "task 2 has 3 annotations (several annotators); biaozhu imports one: export a single annotator's work",
  'task 1: "result" must be a list of regions, found an object',
  'region 1: "id" must be a string or a number, found an empty list',
  'region r1: "value" is missing: it must be an object {"start", "end", "text", "labels"}',
  'region r1: "start" must be a whole number, 0 or more, found the string "0" (code points); a HyperText region (XPath offsets) is not supported',
  'region r1: "start" is missing: it must be a whole number, 0 or more (code points); a HyperText region (XPath offsets) is not supported',
  'region r1: "labels" must be a list of one or more labels, found an empty list',
  'region r1: "labels[0]" is an empty string: every span needs a label',
  'region r1: "meta.text" must be a list of strings, found the string "x"',
  'region r1: "type" is missing: it must be a string such as "labels" or "relation"',
  'relation 1: "to_id" is missing: it must be the id of a region',
  // Prodigy
  '"text" is missing: a Prodigy task holds its text',
  'span 1: must be an object, found the number 3',
  'span 2: "end" is missing: it must be a whole number, 0 or more',
  'relation 1 needs head_span and child_span matching spans of the task',
  'the line: "text" appears twice',
  // W3C Web Annotation
  'not a W3C Web Annotation: expected an Annotation, AnnotationPage or AnnotationCollection',
  'the collection\'s first page is only linked ("http://example.org/page1"), not embedded; download the pages and give them one at a time',
  'W3C annotations point at a text they do not hold; give the text file too',
  'annotation a1: a body\'s "value" must be a string, found the number 3',
  'annotation a1: no TextualBody with a value to use as its label',
  'annotation a1: its label (the body\'s "value") is an empty string: every span needs a label',
  'annotation a1 has no target',
  'annotation a1 targets the text "ni:///sha-256;abc", but the text given is ni:///sha-256;GpeRPht2zpT2FZ_9ddIjLEPqBO6lqXylBB9lSLW-xdM; the annotations were made on a different text',
  'annotation a1: its target has no TextPositionSelector or TextQuoteSelector',
  'annotation a1: TextPositionSelector "start" is missing: it must be a whole number, 0 or more',
  'annotation a1: TextQuoteSelector has no exact',
  'annotation a1: TextQuoteSelector "prefix" must be one string, found the number 3',
  'annotation a1: the quote "杜甫" (with its prefix and suffix) is not in the text; the annotations were made on a different text',
  'annotation a1: the quote "城" occurs 2 times and the annotation has no TextPositionSelector to say which',
  'linking annotation "l1": expected a target and a body naming two annotations',
  '"bz:labels[0]" must be an object, found the number 3 (a label is {"id", "name", "color", "key"})',
  '"bz:labels[0].id" is an empty string: every label needs an id',
  // brat
  'brat keeps the text in a .txt beside the .ann (news.txt); give that file too',
  'expected ID⇥… but there is no tab in "T1 PER 0 2"; is this a brat .ann file?',
  'T1: expected TYPE START END, found "PER"',
  'T1: the type (the label) is empty: expected TYPE START END, found " 0 2"',
  'T1: offsets "x y" are not START END pairs of whole numbers, 0 or more, separated by \';\'',
  'T3: no offsets',
  'T1 is defined twice; ids must be unique',
  'R1: expected TYPE Arg1:ID Arg2:ID, found "x Arg1:T1"',
  'A1: expected NAME TARGET [VALUE], found "Neg"',
  '#1: expected AnnotatorNotes ID⇥NOTE, found "AnnotatorNotes"',
  'unknown line kind X1; brat ids start with T, R, E, A, M, N, # or *',
  'attribute 否定 refers to T9, which is not defined',
  'a note refers to "T9", which is not defined',
  'relation R1 refers to T9, which is not defined',
  // CoNLL
  'expected TOKEN TAG, found only "白"',
  '"Q-PER" is not a tag: expected O, B-X, I-X (or BIOES: E-X, S-X, M-X), X a label that is not empty',
  'the token "生" at [3, 4) is past the end of the text, which has 3 characters; the annotations were made on a different (longer) text',
  'the tokens end at code point 2 but the text goes on ("出生"); the file was made from a different text',
  // biaozhu
  '"format" is the number 3, not "biaozhu"; this is not a biaozhu export',
  'there is no "format": "biaozhu" field; this is not a biaozhu export',
  '"version" is missing; this build reads versions 1 and 2 (a newer biaozhu may read it)',
  '"unit" is "utf16"; biaozhu files count offsets in "codepoint"',
  'the text\'s SHA-256 is 2c439e7b85723b7ce3196b77c90b87f76ab7204f82bfc30e5d94f02e7c393227 but the file says "abc"; the text was changed after export (even a changed line end or space counts)',
  'the text is 4 code points long but the file says 9',
  '"annotations[0].id" is an empty string: every annotation needs an id',
  '"annotations[0].fragments[0]" must be a list of 2 whole numbers, found a list of 1 items',
  // Any reader (src/formats/mod.rs, src/formats/words.rs)
  'the file holds no document',
  'the file holds 2 documents; biaozhu opens one at a time: split the file (one line or task each)',
  'document 2: the text is only white space: there is nothing to annotate',
  'the file must be an object, found a list',
  'unexpected end of hex escape',
  // A quote the text does not hold there (src/formats/mod.rs QuoteMismatch), with and without its hint.
  'annotation a1 at [0, 3): the file quotes "杜甫" but the text there is "李白"; the annotations were made on a different text',
  'annotation T1 at [4, 6): the file quotes "李白" but the text there is "白出"; the annotations were made on a different text (the offsets match if the text has CRLF (\\r\\n) line ends: the annotations were made on a CRLF copy of this text, which brat counts as two characters per line end; use that copy)',
  'annotation a1 at [10, 13) is past the end of the text, which has 5 characters; the annotations were made on a different (longer) text; the file quotes "杜甫"',
];

test('every sentence the format readers write is said in Chinese, no English left but the file’s words and the formats’ names', () => {
  for (const detail of FORMAT_READERS) assert.deepEqual(english(zh(detail)), [], `${detail}\n→ ${zh(detail)}`);
});

// The model's refusals (src/annotation.rs), a project file's and a brat ZIP's (src/project.rs), its record of
// suggestions (src/suggest/record.rs) and a file of annotations that cannot be decoded (src/decode.rs).
const PROJECT_AND_MODEL = [
  'annotation a1: offsets [3, 1) are reversed (start must be before end)',
  'annotation a1: span [1, 1) is empty; an annotation must cover at least one character',
  'annotation token 0: offsets [0, 9) go past the end of the text (4 code points); was it made on another text?',
  'annotation T1: fragment [0, 2) starts before the previous one ends (1); pieces must be in order and must not overlap',
  'annotation a1: fragment [0, 0) is empty or reversed; every piece must cover at least one character',
  'annotation a1: its pieces span [0, 2) but the annotation says [0, 3); start and end must be the hull of the pieces',
  'annotation a1: label "P" is not in the label set; add it to the labels or fix the annotation',
  'two labels have the id "P"; ids must be unique',
  'relation r1: it refers to annotation "a9", which does not exist',
  'a ZIP archive, not a doccano file; only a brat folder of .txt/.ann pairs is read from a ZIP',
  'brat keeps the text in news/a.txt, which the archive does not hold',
  'the same text as news/a.txt; keep one of the two',
  'the same text as an earlier document of the project',
  'bz:documents is not a list of documents',
  'it holds no bz:text',
  'its bz:text is ni:///sha-256;LXEWQrcmsEQBYnyp-6wy9chTD7GQPMTbAiWHF5IaSIE, not the text ni:///sha-256;zzz it names; the text was changed',
  'unknown bz:status "nope": expected new, progress, done or skipped',
  "annotation a1 targets no text, which is none of the collection's documents",
  'not a biaozhu project: "format" is "biaozhu-projekt"',
  'a biaozhu project of version 7; this build reads version 1',
  '"documents[0].status": unknown variant `finished`',
  '"suggestions": rejected[0]: no document of the project has the SHA-256 "ab"',
  '"suggestions": rejected[0]: [0, 9) is not a span of its document (4 code points)',
  '"suggestions": rejected[1]: the label is empty',
  '"suggestions.rejected[0]": unknown field `x`',
  'over 64 MB once inflated, more than a file may hold',
  'over 256 MB once inflated, more than a project may hold',
  'looks like a binary file: it holds NUL bytes at byte 1 (the first); a text file has none',
  'looks like a PDF document, not text (it starts with %PDF-); open a plain-text file (.txt), or save this one as plain text first',
  'the UTF-16LE text holds a lone surrogate (half of a UTF-16 pair, 0xD800) at byte 2; it is not valid Unicode text',
  "mostly undecodable as UTF-8: 40 of 40 characters (100%) are not valid UTF-8, more than the 10% limit; choose the file's encoding by hand, or check that it is a text file",
  'not valid UTF-8: byte 20 (line 1) is 0xFF, which is not part of a UTF-8 character (2 more such bytes follow); if the file is in another encoding, name it (--encoding gbk, big5, …; on the page, the encoding menu), else fix or remove the byte',
  'the file is empty: it holds only a byte order mark (UTF-8), no text',
  'the file is too large: 300000000 bytes, more than the limit of 268435456 bytes (256 MiB); split it into smaller files',
  'the encoding "UTF-32LE" cannot be decoded here: the file starts with a UTF-32 byte order mark, and UTF-32 is not read here (browsers do not read it either); save it as UTF-8',
];

test('the model’s refusals, a project file’s and an undecodable file’s sentences are said in Chinese', () => {
  for (const detail of PROJECT_AND_MODEL) assert.deepEqual(english(zh(detail)), [], `${detail}\n→ ${zh(detail)}`);
});

test('where a sentence is (an entity, a region, a brat id, a JSON path) is said before it, nested, and the rest read again', () => {
  assert.equal(
    zh(
      'entity 1: "end_offset" 40: offset 40 is past the end of the text (5 UTF-16 units) (doccano counts UTF-16 units); were the annotations made on another text, or counted in another unit?',
    ),
    '第 1 个实体："end_offset" 40：偏移 40 超出了正文的末尾（正文共 5 个 UTF-16 单元）（doccano 按 UTF-16 单元计数）；这些标注是不是在另一段文本上做的，或是用别的单位计数的？',
  );
  assert.equal(
    zh(
      'region r1: "start" must be a whole number, 0 or more, found the string "0" (code points); a HyperText region (XPath offsets) is not supported',
    ),
    '区域 r1："start" 应当是不小于 0 的整数，实际是字符串 "0"（按码位计）；不支持 HyperText 区域（XPath 偏移）',
  );
  assert.equal(zh('T1 is defined twice; ids must be unique'), 'T1 定义了两次；id 必须唯一');
  assert.equal(
    zh('annotation a1: offsets [3, 1) are reversed (start must be before end)'),
    '标注 a1：偏移 [3, 1) 前后颠倒了（起点必须在终点之前）',
  );
  assert.equal(zh('"suggestions": rejected[1]: the label is empty'), '"suggestions"：rejected[1]：标签是空的');
  assert.equal(
    zh('"suggestions": mapping: `nr` is not a mapping `pos=LABEL` (e.g. nr=PER)'),
    '"suggestions"：词性映射：“nr”不是“词性=标签”形式的映射（例如 nr=PER）',
  );
  assert.equal(zh('the line: "text" appears twice'), '这一行："text" 出现了两次');
  // The ZIP library's own words stay.
  assert.equal(
    zh('not a ZIP archive that can be read: invalid Zip archive: Could not find EOCD'),
    '不是可以读取的 ZIP 压缩包：invalid Zip archive: Could not find EOCD',
  );
  // A file kind the page has words for is said in them (zh-CN-rules.js `words.*`).
  assert.equal(
    zh('looks like a PDF document, not text (it starts with %PDF-); open a plain-text file (.txt), or save this one as plain text first'),
    '看起来是 PDF 文档，不是文本（以 %PDF- 开头）；请打开纯文本文件（.txt），或先把它另存为纯文本',
  );
});
