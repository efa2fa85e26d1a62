// The detail of an import error (src/formats: a field of the wrong shape, a
// field missing, serde's word on broken JSON), said in the page's language.
// The core says it in English, as the command line prints it; its sentences
// are built from a few shapes and phrases, read here. A sentence or phrase
// not listed stays as the core says it.
//
// Many sentences say where before a colon ("entity 2: …", "region r1: …",
// "document 3: …", a brat id, a JSON path), each reader its own way and
// nested ("\"suggestions\": rejected[0]: …"): the place is said here and what
// follows read again, so that each sentence is listed once, whatever the
// place before it.
import zhRules from './zh-CN-rules.js';

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
  'a string that is not empty': '非空字符串',
  'one string': '一个字符串',
  // doccano (src/formats/doccano.rs), whose offsets are UTF-16 units.
  'a whole number of UTF-16 units, 0 or more': '不小于 0 的整数（按 UTF-16 单元计）',
  'an object {"text": …, "label": […]}': '对象 {"text": …, "label": […]}',
  'a [start, end, label] triple': '三元组 [start, end, label]',
  'a list of [start, end, label] triples': '由三元组 [start, end, label] 组成的列表',
  'a list of entities {"label", "start_offset", "end_offset"}': '由实体 {"label", "start_offset", "end_offset"} 组成的列表',
  'a list of relations {"from_id", "to_id", "type"}': '由关系 {"from_id", "to_id", "type"} 组成的列表',
  // Label Studio (src/formats/label_studio.rs).
  'a list of regions': '区域列表',
  'a string such as "labels" or "relation"': '字符串（如 "labels" 或 "relation"）',
  'an object {"start", "end", "text", "labels"}': '对象 {"start", "end", "text", "labels"}',
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
  [/^a value of another kind$/, '另一种值'],
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
  'expected `"`': '这里应当是 "',
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
  'unexpected end of hex escape': '十六进制转义还没写完',
  'recursion limit exceeded': '嵌套层数太多',
};

// A tuple's length is in the phrase (native `fragments`: "a list of 2 whole numbers").
const zhExpected = (e) => EXPECTED[e] ?? e.replace(/^a list of (\d+) whole numbers$/, '含 $1 个整数的列表');
const zhFound = (f) => firstOf(FOUND, f) ?? f;

/** A place before a colon, or what a sentence is about; `undefined` when not one. */
const NAMES = [
  [/^the file$/, '文件'],
  [/^the line$/, '这一行'],
  [/^the start$/, '起点'],
  [/^the end$/, '终点'],
  [/^the token (.+)$/s, '词元 $1'],
  [/^user dictionary line (\d+)$/, '学到的词第 $1 行'],
  [/^a doccano line$/, 'doccano 文件的每一行'],
  [/^entity (\d+)$/, '第 $1 个实体'],
  [/^span (\d+)$/, 'spans 的第 $1 项'],
  [/^task (\d+)$/, '第 $1 个任务'],
  [/^document (\d+)$/, '第 $1 个文档'],
  [/^"label" item (\d+)$/, '"label" 的第 $1 项'],
  [/^its third item, the label,$/, '它的第三项（标签）'],
  [/^its label \(the body's "value"\)$/, '它的标签（主体的 "value"）'],
  [/^a body's (.+)$/s, '某个主体的 $1'],
  [/^region (\S+)$/, '区域 $1'],
  // Prodigy's tokens are checked as annotations named by their index.
  [/^annotation token (\d+)$/, '词元 $1'],
  [/^annotation (\S+)$/, '标注 $1'],
  [/^relation (\S+)$/, '关系 $1'],
  [/^mapping$/, '词性映射'],
  // A JSON path and a brat id are the file's own words.
  [/^(?:"[^"]*"|rejected\[\d+\]|[TRAMNE#*][^\s:]*)$/, '$&'],
];
const zhName = (s) => firstOf(NAMES, s) ?? s;
/** `s` before Chinese: a space after Latin letters, digits and quotes, none after Chinese. */
const spaced = (s) => (/[\p{Script=Han}）]$/u.test(s) ? s : `${s} `);

/** The core's hints after its sentences (src/formats/doccano.rs). */
const HINTS = {
  "these offsets are not UTF-16 units (doccano's default): the project may have counted code points or grapheme clusters":
    '这些偏移不是 UTF-16 单元（doccano 的默认单位）：该项目可能是按码位或字素簇计数的',
  'were the annotations made on another text, or counted in another unit?': '这些标注是不是在另一段文本上做的，或是用别的单位计数的？',
};
/** The core's hint after a quote that does not match (src/formats/mod.rs): the line ends of another copy. */
const QUOTE_HINTS = {
  'the offsets match if the text has CRLF (\\r\\n) line ends: the annotations were made on a CRLF copy of this text, which brat counts as two characters per line end; use that copy':
    '如果正文用 CRLF（\\r\\n）换行，偏移就对得上：这些标注是在这段文本的 CRLF 版本上做的，brat 把每个换行算作两个字符；请使用那个版本',
  'the offsets match if the text has LF (\\n) line ends: the annotations were made on an LF copy of this text; use that copy':
    '如果正文用 LF（\\n）换行，偏移就对得上：这些标注是在这段文本的 LF 版本上做的；请使用那个版本',
};
const quoteHint = (h) => (h ? `（${QUOTE_HINTS[h] ?? h}）` : '');
/** Why an encoding is not decoded (src/decode.rs `UnsupportedEncoding`). */
const REASONS = {
  'the WHATWG standard maps it to "replacement" (it is unsafe on the Web), which turns any text into one U+FFFD; save the file as UTF-8':
    'WHATWG 标准把它映射为 "replacement"（它在 Web 上不安全），会把任何文本变成一个 U+FFFD；请把文件另存为 UTF-8',
  'the file starts with a UTF-32 byte order mark, and UTF-32 is not read here (browsers do not read it either); save it as UTF-8':
    '文件以 UTF-32 字节顺序标记开头，这里不读取 UTF-32（浏览器也不读取）；请把它另存为 UTF-8',
};
const KINDS = { label: '标签', annotation: '标注', relation: '关系', span: '标注' };

/**
 * Whole sentences: each pattern and what it becomes, a replacement or a function of the match. Those
 * that end in a phrase of their own come before the shapes that would read that phrase as a value.
 */
const SENTENCES = [
  // Endings said after another sentence: that sentence is read again.
  [/^(.+): a doccano line holds its text$/s, (m) => `${zh(m[1])}：doccano 文件的每一行都要带上自己的文本`],
  [/^(.+) \(a label is \{"id", "name", "color", "key"\}\)$/s, (m) => `${zh(m[1])}（标签的形式是 {"id", "name", "color", "key"}）`],
  [
    /^(.+) \(code points\); a HyperText region \(XPath offsets\) is not supported$/s,
    (m) => `${zh(m[1])}（按码位计）；不支持 HyperText 区域（XPath 偏移）`,
  ],
  [
    /^(.+) (\d+): (.+?) \(doccano counts UTF-16 units\)(?:; (.+))?$/s,
    (m) => `${zhName(m[1])} ${m[2]}：${zh(m[3])}（doccano 按 UTF-16 单元计数）${m[4] ? `；${HINTS[m[4]] ?? m[4]}` : ''}`,
  ],
  // A field of the wrong shape, missing or twice (src/formats/words.rs).
  [/^(.+) must be (.+?), found (.+)$/s, (m) => `${spaced(zhName(m[1]))}应当是${zhExpected(m[2])}，实际是${zhFound(m[3])}`],
  [/^must be (.+?), found (.+)$/s, (m) => `应当是${zhExpected(m[1])}，实际是${zhFound(m[2])}`],
  [/^(.*?)"(.+)" is missing: it must be (.+)$/s, (m) => `缺少 ${m[1]}"${m[2]}"：它应当是${zhExpected(m[3])}`],
  [/^"text" is missing: a Prodigy task holds its text$/, '缺少 "text"：Prodigy 任务必须带有自己的文本'],
  [/^(.+): "(.+)" is missing$/s, (m) => `${zhName(m[1])}：缺少 "${m[2]}"`],
  [/^(.+): "(.+)" appears twice$/s, (m) => `${zhName(m[1])}："${m[2]}" 出现了两次`],
  [/^"(.+)" is missing$/s, '缺少 "$1"'],
  [/^"(.+)" appears twice$/s, '"$1" 出现了两次'],
  [/^unknown field (.+)$/s, '未知的字段 $1'],
  [/^unknown variant (.+)$/s, '未知的取值 $1'],
  [
    /^(.+) is an empty string: every (span|label|annotation) needs an? (label|id)$/s,
    (m) => `${spaced(zhName(m[1]))}是空字符串：每个${KINDS[m[2]]}都需要${m[3] === 'id' ? ' id' : '标签'}`,
  ],
  [
    /^(.+) at \[(\d+), (\d+)\) is past the end of the text, which has (\d+) characters; the annotations were made on a different \(longer\) text$/s,
    (m) =>
      `${spaced(zhName(m[1]))}位于 [${m[2]}, ${m[3]})，超出了正文的末尾（正文共 ${m[4]} 个字符）；这些标注是在另一段（更长的）文本上做的`,
  ],
  // A quote of the file that the text does not hold there (src/formats/mod.rs `QuoteMismatch`).
  [
    /^annotation (\S+) at \[(\d+), (\d+)\): the file quotes (.+) but the text there is (.+?); the annotations were made on a different text(?: \((.+)\))?$/s,
    (m) =>
      `标注 ${m[1]} 位于 [${m[2]}, ${m[3]})：文件引用的是 ${m[4]}，但正文此处是 ${m[5]}；这些标注是在另一段文本上做的${quoteHint(m[6])}`,
  ],
  [
    /^(.+ is past the end of the text, which has \d+ characters; the annotations were made on a different \(longer\) text); the file quotes (.+?)(?: \((the offsets match .+)\))?$/s,
    (m) => `${zh(m[1])}；文件引用的是 ${m[2]}${quoteHint(m[3])}`,
  ],
  [/^expected (.+?), found (only )?(.+)$/s, (m) => `应当是 ${m[1]}，${m[2] ? '实际只有' : '实际是'} ${m[3]}`],
  // A rule of the model broken (src/annotation.rs `ValidationError`).
  [/^offsets \[(\d+), (\d+)\) are reversed \(start must be before end\)$/, '偏移 [$1, $2) 前后颠倒了（起点必须在终点之前）'],
  [/^span \[(\d+), (\d+)\) is empty; an annotation must cover at least one character$/, '范围 [$1, $2) 是空的；一个标注至少要覆盖一个字符'],
  [
    /^offsets \[(\d+), (\d+)\) go past the end of the text \((\d+) code points\); was it made on another text\?$/,
    '偏移 [$1, $2) 超出了正文的末尾（正文共 $3 个码位）；它是不是在另一段文本上做的？',
  ],
  [
    /^fragment \[(\d+), (\d+)\) is empty or reversed; every piece must cover at least one character$/,
    '片段 [$1, $2) 为空或前后颠倒；每一段至少要覆盖一个字符',
  ],
  [
    /^fragment \[(\d+), (\d+)\) starts before the previous one ends \((\d+)\); pieces must be in order and must not overlap$/,
    '片段 [$1, $2) 在前一段结束（$3）之前就开始了；各段必须按顺序排列，且互不重叠',
  ],
  [
    /^its pieces span \[(\d+), (\d+)\) but the annotation says \[(\d+), (\d+)\); start and end must be the hull of the pieces$/,
    '它的各段覆盖 [$1, $2)，但标注写的是 [$3, $4)；起点和终点必须恰好包住各段',
  ],
  [
    /^label (.+) is not in the label set; add it to the labels or fix the annotation$/s,
    '标签 $1 不在标签集中；请把它加入标签，或修改这个标注',
  ],
  [
    /^two (label|annotation|relation)s have the id (.+); ids must be unique$/s,
    (m) => `有两个${KINDS[m[1]]}的 id 都是 ${m[2]}；id 必须唯一`,
  ],
  [/^it refers to annotation (.+), which does not exist$/s, '它指向的标注 $1 不存在'],
  // Where an offset falls (src/offsets.rs `OffsetError`), as doccano's reader says it.
  [/^offset (\d+) is past the end of the text \((\d+) UTF-16 units\)$/, '偏移 $1 超出了正文的末尾（正文共 $2 个 UTF-16 单元）'],
  [/^UTF-16 offset (\d+) falls between the two halves of a character outside the BMP$/, 'UTF-16 偏移 $1 落在一个 BMP 以外字符的两半之间'],
  // A file of the wrong kind or of several documents, a text with nothing in it (src/formats/mod.rs).
  [/^the file holds no document$/, '文件中没有文档'],
  [
    /^the file holds (\d+) documents; biaozhu opens one at a time: split the file \(one line or task each\)$/,
    '文件中有 $1 个文档；biaozhu 一次只打开一个：请拆分文件（每行或每个任务一个）',
  ],
  [/^the text is empty: there is nothing to annotate$/, '正文是空的：没有可标注的内容'],
  [/^the text is only white space: there is nothing to annotate$/, '正文只有空白：没有可标注的内容'],
  // Label Studio (src/formats/label_studio.rs).
  [
    /^task (\d+) has no text \(expected data\.text, or text for JSON_MIN\); is this a Label Studio export of a Text task\?$/,
    '第 $1 个任务没有文本（应当有 data.text，JSON_MIN 则是 text）；这是 Label Studio 文本任务的导出吗？',
  ],
  [
    /^task (\d+) has (\d+) annotations \(several annotators\); biaozhu imports one: export a single annotator's work$/,
    '第 $1 个任务有 $2 份标注（来自多位标注者）；biaozhu 只导入一份：请只导出一位标注者的成果',
  ],
  // Prodigy (src/formats/prodigy.rs).
  [
    /^relation (\d+) needs head_span and child_span matching spans of the task$/,
    '关系 $1 需要与任务中的片段相符的 head_span 和 child_span',
  ],
  // W3C Web Annotation (src/formats/w3c.rs).
  [
    /^annotation (.+) targets the text (.+), but the text given is (.+); the annotations were made on a different text$/s,
    '标注 $1 指向的文本是 $2，但给出的文本是 $3；这些标注是在另一段文本上做的',
  ],
  [/^TextQuoteSelector has no exact$/, 'TextQuoteSelector 没有 exact'],
  [/^its target has no TextPositionSelector or TextQuoteSelector$/, '它的目标既没有 TextPositionSelector，也没有 TextQuoteSelector'],
  [
    /^the quote (.+) \(with its prefix and suffix\) is not in the text; the annotations were made on a different text$/s,
    '引文 $1（连同其前缀和后缀）不在正文中；这些标注是在另一段文本上做的',
  ],
  [
    /^the quote (.+) occurs (\d+) times and the annotation has no TextPositionSelector to say which$/s,
    '引文 $1 在正文中出现了 $2 次，而该标注没有 TextPositionSelector 指明是哪一处',
  ],
  [
    /^the collection's first page is only linked \((.+)\), not embedded; download the pages and give them one at a time$/s,
    '集合的第一页只是链接（$1），没有内嵌；请下载各页，逐页导入',
  ],
  [
    /^not a W3C Web Annotation: expected an Annotation, AnnotationPage or AnnotationCollection$/,
    '不是 W3C Web Annotation：应当是 Annotation、AnnotationPage 或 AnnotationCollection',
  ],
  [/^W3C annotations point at a text they do not hold; give the text file too$/, 'W3C 标注指向的文本不在文件中；请把文本文件也一并给出'],
  [/^no TextualBody with a value to use as its label$/, '没有带 value 的 TextualBody 可用作它的标签'],
  [/^annotation (.+) has no target$/s, '标注 $1 没有目标'],
  [/^linking annotation (.+): expected a target and a body naming two annotations$/s, '关联标注 $1：应当有指明两个标注的目标和主体'],
  // brat (src/formats/brat.rs).
  [
    /^brat keeps the text in a \.txt beside the \.ann \((.+)\); give that file too$/s,
    'brat 把文本保存在 .ann 旁边的 .txt 文件（$1）中；请把那个文件也一并给出',
  ],
  [
    /^expected ID⇥… but there is no tab in (.+); is this a brat \.ann file\?$/s,
    '应当是 ID⇥…，但 $1 中没有制表符；这是 brat 的 .ann 文件吗？',
  ],
  [/^the type \(the label\) is empty: (.+)$/s, (m) => `类型（即标签）是空的：${zh(m[1])}`],
  [
    /^offsets (.+) are not START END pairs of whole numbers, 0 or more, separated by ';'$/s,
    '偏移 $1 不是以 ; 分隔的 START END 整数对（不小于 0）',
  ],
  [/^no offsets$/, '没有偏移'],
  [/^(.+) is defined twice; ids must be unique$/s, '$1 定义了两次；id 必须唯一'],
  [
    /^unknown line kind (.+); brat ids start with T, R, E, A, M, N, # or \*$/s,
    '未知的行类型 $1；brat 的 id 以 T、R、E、A、M、N、# 或 * 开头',
  ],
  [/^attribute (.+) refers to (.+), which is not defined$/s, '属性 $1 指向的 $2 没有定义'],
  [/^a note refers to (.+), which is not defined$/s, '有一条备注指向的 $1 没有定义'],
  [/^relation (.+) refers to (.+), which is not defined$/s, '关系 $1 指向的 $2 没有定义'],
  // CoNLL (src/formats/conll.rs).
  [
    /^(.+) is not a tag: expected O, B-X, I-X \(or BIOES: E-X, S-X, M-X\), X a label that is not empty$/s,
    '$1 不是标记：应当是 O、B-X、I-X（或 BIOES：E-X、S-X、M-X），X 为非空标签',
  ],
  [
    /^the tokens end at code point (\d+) but the text goes on \((.+)\); the file was made from a different text$/s,
    '词元在第 $1 个码位处就结束了，但正文还在继续（$2）；这个文件是根据另一段文本做的',
  ],
  // A biaozhu file (src/formats/native.rs).
  [
    /^"format" is (.+), not "biaozhu"; this is not a biaozhu export$/s,
    (m) => `"format" 是 ${zhFound(m[1])}，不是 "biaozhu"；这不是 biaozhu 导出的文件`,
  ],
  [/^there is no "format": "biaozhu" field; this is not a biaozhu export$/, '没有 "format": "biaozhu" 字段；这不是 biaozhu 导出的文件'],
  [
    /^"version" is (.+); this build reads versions 1 and 2 \(a newer biaozhu may read it\)$/s,
    (m) =>
      `${m[1] === 'missing' ? '缺少 "version"' : `"version" 是 ${zhFound(m[1])}`}；这个版本的 biaozhu 能读取版本 1 和 2（更新的 biaozhu 也许能读取它）`,
  ],
  [/^"unit" is (.+); biaozhu files count offsets in "codepoint"$/s, '"unit" 是 $1；biaozhu 文件按 "codepoint"（码位）计算偏移'],
  [
    /^the text's SHA-256 is (\S+) but the file says (.+); the text was changed after export \(even a changed line end or space counts\)$/s,
    '正文的 SHA-256 是 $1，但文件中写的是 $2；正文在导出后被改动过（哪怕只改了一个换行或空格）',
  ],
  [/^the text is (\d+) code points long but the file says (\d+)$/, '正文长 $1 个码位，但文件中写的是 $2'],
  // A project file, a W3C collection, a brat ZIP (src/project.rs) and its record of suggestions (src/suggest/record.rs).
  [
    /^a ZIP archive, not a (.+) file; only a brat folder of \.txt\/\.ann pairs is read from a ZIP$/s,
    '这是 ZIP 压缩包，不是 $1 文件；只有 brat 的 .txt/.ann 文件夹才能从 ZIP 中读取',
  ],
  [/^brat keeps the text in (.+)\.txt, which the archive does not hold$/s, 'brat 把文本保存在 $1.txt 中，但压缩包里没有这个文件'],
  [/^the same text as an earlier document of the project$/, '与项目中前面的某个文档文本相同'],
  [/^the same text as (.+); keep one of the two$/s, '与 $1 的文本相同；请只保留其中一个'],
  [/^bz:documents is not a list of documents$/, 'bz:documents 不是文档列表'],
  [/^it holds no bz:text$/, '其中没有 bz:text'],
  [/^its bz:text is (\S+), not the text (.+) it names; the text was changed$/s, '它的 bz:text 是 $1，不是它指明的文本 $2；正文被改动过'],
  [/^unknown bz:status (.+): expected new, progress, done or skipped$/s, '未知的 bz:status $1：应当是 new、progress、done 或 skipped'],
  [
    /^annotation (.*) targets (.+), which is none of the collection's documents$/s,
    (m) =>
      m[2] === 'no text' ? `标注 ${m[1]} 没有指向任何文本，不属于集合中的任何文档` : `标注 ${m[1]} 指向 ${m[2]}，它不是集合中的任何文档`,
  ],
  [/^not a biaozhu project: "format" is (.+)$/s, '不是 biaozhu 项目文件："format" 是 $1'],
  [
    /^a biaozhu project of version (\d+); this build reads version (\d+)$/,
    'biaozhu 项目文件的版本是 $1；这个版本的 biaozhu 只能读取版本 $2',
  ],
  [/^no document of the project has the SHA-256 (.+)$/s, '项目中没有哪个文档的 SHA-256 是 $1'],
  [/^\[(\d+), (\d+)\) is not a span of its document \((\d+) code points\)$/, '[$1, $2) 不在其文档的范围内（文档共 $3 个码位）'],
  [/^the label is empty$/, '标签是空的'],
  [/^not a ZIP archive that can be read: (.+)$/s, '不是可以读取的 ZIP 压缩包：$1'],
  [/^entry (\d+) cannot be read: (.+)$/s, '第 $1 个条目无法读取：$2'],
  [/^entry (\d+) has a name that cannot be read: (.+)$/s, '第 $1 个条目的名称无法读取：$2'],
  [/^cannot be read from the archive: (.+)$/s, '无法从压缩包中读取：$1'],
  [/^over (\d+) MB once inflated, more than a file may hold$/, '解压后超过 $1 MB，超出了单个文件的上限'],
  [/^over (\d+) MB once inflated, more than a project may hold$/, '解压后超过 $1 MB，超出了一个项目的上限'],
  // Why a line of a user dictionary is refused (src/segment/learnt.rs).
  [/^an empty word cannot be learnt$/, '空词不能学习'],
  [/^`(.+)` holds whitespace, which no word may$/s, '“$1”含有空白，词中不能有空白'],
  [/^`(.+)` is longer than 64 characters$/s, '“$1”超过 64 个字符'],
  [/^the tag `(.*)` of `(.+)` must be one word$/s, '“$2”的标签“$1”必须是一个词'],
  [/^`(.*)` has (\d+) fields; a line is `word \[freq \[tag\]\]`$/s, '“$1”有 $2 个字段；每行应为“词 [词频 [标签]]”'],
  [/^the frequency `(.+)` of `(.+)` is not a whole number$/s, '“$2”的词频“$1”不是整数'],
  // The suggestions' mapping (src/suggest/mod.rs `set_mapping`).
  [/^`(.+)` is not a mapping `pos=LABEL` \(e\.g\. nr=PER\)$/s, '“$1”不是“词性=标签”形式的映射（例如 nr=PER）'],
  // A file of annotations is decoded as a text is (src/decode.rs): the same words as the page's error.decode.* messages.
  [/^the file is empty: there is no text to annotate$/, '文件是空的：没有可标注的文本'],
  [/^the file is empty: it holds only a byte order mark \((.+)\), no text$/, '文件是空的：只有一个字节顺序标记（$1），没有文本'],
  [/^the file holds only whitespace \((\d+) characters\): there is no text to annotate$/, '文件只有空白（$1 个字符）：没有可标注的文本'],
  [
    /^the file is too large: (\d+) bytes, more than the limit of (\d+) bytes \((\d+) MiB\); split it into smaller files$/,
    '文件太大：$1 字节，超过 $2 字节（$3 MiB）的上限；请拆成较小的文件',
  ],
  [
    /^looks like (.+), not text \(it starts with (.+)\); open a plain-text file \(\.txt\), or save this one as plain text first$/s,
    (m) => `看起来是 ${zhRules[`words.${m[1]}`] ?? m[1]}，不是文本（以 ${m[2]} 开头）；请打开纯文本文件（.txt），或先把它另存为纯文本`,
  ],
  [
    /^looks like a binary file: it holds NUL bytes at byte (\d+) \(the first\); a text file has none$/,
    '看起来是二进制文件：第 $1 字节处有 NUL 字节（第一个）；文本文件不会有',
  ],
  [
    /^looks like a binary file: (\d+) of its (\d+) characters are control characters \(the first, (U\+[0-9A-F]+), at code point (\d+)\), more than the (\d+)% a text may hold$/,
    '看起来是二进制文件：$2 个字符中有 $1 个控制字符（第一个是 $3，位于第 $4 个码位），超过文本允许的 $5%',
  ],
  [
    /^the (.+) text holds a lone surrogate \(half of a UTF-16 pair, (0x[0-9A-F]+)\) at byte (\d+); it is not valid Unicode text$/,
    '$1 文本在第 $3 字节处有一个孤立的代理项（UTF-16 对的一半，$2）；不是有效的 Unicode 文本',
  ],
  [
    /^mostly undecodable as (.+): (\d+) of (\d+) characters \((.+)%\) are not valid .+, more than the (\d+)% limit; choose the file's encoding by hand, or check that it is a text file$/,
    '按 $1 大部分无法解码：$3 个字符中有 $2 个（$4%）不是有效的 $1，超过 $5% 的上限；请手动选择文件的编码，或确认它是文本文件',
  ],
  [
    /^not valid UTF-8: byte (\d+) \(line (\d+)\) is (0x[0-9A-F]+), which is not part of a UTF-8 character(?: \((\d+) more such bytes follow\))?; if the file is in another encoding, name it \(--encoding gbk, big5, …; on the page, the encoding menu\), else fix or remove the byte$/,
    (m) =>
      `不是有效的 UTF-8：第 ${m[1]} 字节（第 ${m[2]} 行）是 ${m[3]}，不属于任何 UTF-8 字符${m[4] ? `（后面还有 ${m[4]} 个这样的字节）` : ''}；如果文件是其他编码，请在编码菜单中选择，否则请修正或删除这个字节`,
  ],
  [
    /^unknown encoding label "(.+)": use a WHATWG label such as utf-8, gbk, gb18030, big5, shift_jis, euc-kr, utf-16le or windows-1251$/s,
    '未知的编码名“$1”：请使用 WHATWG 编码名，例如 utf-8、gbk、gb18030、big5、shift_jis、euc-kr、utf-16le 或 windows-1251',
  ],
  [/^the encoding "(.+)" cannot be decoded here: (.+)$/s, (m) => `这里无法解码编码“${m[1]}”：${REASONS[m[2]] ?? m[2]}`],
];

/** The first of `table`'s patterns that matches `s`, said its way; `undefined` when none does. */
function firstOf(table, s) {
  for (const [pattern, say] of table) {
    const m = pattern.exec(s);
    if (m) return typeof say === 'string' ? s.replace(pattern, say) : say(m);
  }
  return undefined;
}

/** A sentence of the core in Chinese: its place first, then its shape; as it is when neither is known. */
function zh(s) {
  const colon = s.indexOf(': ');
  const place = colon > 0 ? firstOf(NAMES, s.slice(0, colon)) : undefined;
  if (place !== undefined) return `${place}：${zh(s.slice(colon + 2))}`;
  return firstOf(SENTENCES, s) ?? JSON_SYNTAX[s] ?? s;
}

const CATALOGUES = { 'zh-CN': zh };

/** The detail of one of the core's import errors in `lang`; as it is when not listed. */
export function detailText(detail, lang) {
  return CATALOGUES[lang]?.(detail) ?? detail;
}
