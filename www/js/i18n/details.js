// The detail of an import error (src/formats: a field of the wrong shape, a
// field missing, serde's word on broken JSON), said in the page's language.
// The core says it in English, as the command line prints it; its sentences
// are built from a few shapes and phrases, read here. A sentence or phrase
// not listed stays as the core says it.

/** What a field must be (src/formats/words.rs `expected_words`, `wrong_field` callers). */
const EXPECTED = {
  'a string': '字符串',
  'a whole number, 0 or more': '不小于 0 的整数',
  'a whole number': '整数',
  'a number': '数字',
  'a list': '列表',
  'true or false': 'true 或 false',
  'an object': '对象',
  'an object of strings': '值为字符串的对象',
  'a value of another kind': '另一种值',
  'a number or a string': '数字或字符串',
  'a string or a number': '字符串或数字',
  'a list of labels': '标签列表',
  'a list of one or more labels': '含一个或多个标签的列表',
  'a list of strings': '字符串列表',
  'a label (a string that is not empty)': '标签（非空字符串）',
  'the id of a region': '某个区域的 id',
};

/** What was found instead (`describe`, `found_words`). */
const FOUND = [
  [/^null$/, 'null'],
  [/^(true|false)$/, '$1'],
  [/^the number (.+)$/, '数字 $1'],
  [/^the string (.+)$/s, '字符串 $1'],
  [/^an empty string$/, '空字符串'],
  [/^an empty list$/, '空列表'],
  [/^a list of (\d+) items$/, '含 $1 项的列表'],
  [/^a list$/, '列表'],
  [/^an object$/, '对象'],
];

/** serde_json's words on a file that is not JSON (the line and column are said apart). */
const JSON_SYNTAX = {
  'EOF while parsing a value': '值还没写完，文件就结束了',
  'EOF while parsing a string': '字符串还没写完，文件就结束了',
  'EOF while parsing an object': '对象还没写完，文件就结束了',
  'EOF while parsing a list': '列表还没写完，文件就结束了',
  'expected value': '这里应当是一个值',
  'expected `,` or `}`': '这里应当是 , 或 }',
  'expected `,` or `]`': '这里应当是 , 或 ]',
  'expected `:`': '这里应当是 :',
  'expected ident': '这里应当是 true、false 或 null',
  'trailing comma': '多余的逗号',
  'trailing characters': 'JSON 之后还有多余的字符',
  'key must be a string': '对象的键必须是字符串',
  'invalid escape': '无效的转义',
  'invalid number': '无效的数字',
  'number out of range': '数字超出范围',
  'invalid unicode code point': '无效的 Unicode 码位',
  'control character (\\u0000-\\u001F) found while parsing a string': '字符串中有控制字符（\\u0000-\\u001F）',
  'lone leading surrogate in hex escape': '十六进制转义中有孤立的前导代理项',
  'recursion limit exceeded': '嵌套层数太多',
};

const zhExpected = (e) => EXPECTED[e] ?? e;
function zhFound(f) {
  for (const [pattern, said] of FOUND) if (pattern.test(f)) return f.replace(pattern, said);
  return f;
}

/** Why a line of a user dictionary is refused (src/segment/learnt.rs). */
const USER_DICT = [
  [/^an empty word cannot be learnt$/, '空词不能学习'],
  [/^`(.+)` holds whitespace, which no word may$/s, '`$1` 含有空白，词中不能有空白'],
  [/^`(.+)` is longer than 64 characters$/s, '`$1` 超过 64 个字符'],
  [/^the tag `(.*)` of `(.+)` must be one word$/s, '`$2` 的词性 `$1` 必须是一个词'],
  [/^`(.*)` has (\d+) fields; a line is `word \[freq \[tag\]\]`$/s, '`$1` 有 $2 个字段；每行应为 `词 [词频 [词性]]`'],
  [/^the frequency `(.+)` of `(.+)` is not a whole number$/s, '`$2` 的词频 `$1` 不是整数'],
  // The suggestions' mapping (src/suggest/mod.rs `set_mapping`).
  [/^`(.+)` is not a mapping `pos=LABEL` \(e\.g\. nr=PER\)$/s, '`$1` 不是 `词性=标签` 形式的映射（例如 nr=PER）'],
];
function zhUserDict(m) {
  for (const [pattern, said] of USER_DICT) if (pattern.test(m)) return m.replace(pattern, said);
  return m;
}

/** Whole-sentence shapes: each pattern and what it becomes, its parts read by the tables above. */
const ZH = [
  [/^user dictionary line (\d+): (.+)$/s, (m) => `用户词典第 ${m[1]} 行：${zhUserDict(m[2])}`],
  [/^(.+) must be (.+?), found (.+)$/s, (m) => `${m[1]} 应当是${zhExpected(m[2])}，实际是${zhFound(m[3])}`],
  [/^"(.+)" is missing: it must be (.+)$/s, (m) => `缺少 "${m[1]}"：它应当是${zhExpected(m[2])}`],
  [/^(.+): "(.+)" is missing$/s, (m) => `${m[1]}：缺少 "${m[2]}"`],
  [/^(.+): "(.+)" appears twice$/s, (m) => `${m[1]}："${m[2]}" 出现了两次`],
  [/^(.+)$/s, (m) => JSON_SYNTAX[m[1]] ?? zhUserDict(m[1])],
];

const CATALOGUES = { 'zh-CN': ZH };

/** The detail of one of the core's import errors in `lang`; as it is when not listed. */
export function detailText(detail, lang) {
  for (const [pattern, say] of CATALOGUES[lang] ?? []) {
    const m = pattern.exec(detail);
    if (m) return say(m);
  }
  return detail;
}
