// What an export leaves out, said in the page's language. The core says each
// thing in English ("6 annotation ids (renumbered as T1, T2, …) (a.txt)"), as
// the command line prints it; its phrases are fixed (src/formats), so they are
// looked up here rather than coded. A phrase not listed is shown as the core
// says it.
import { locale } from './index.js';

/** The core's plural phrases (`LeftOut::count`, `LeftOut::when`) in Chinese; `{n}` is the count. */
const ZH = {
  'annotation ids (renumbered as T1, T2, …)': '{n} 个标注 ID（重新编号为 T1、T2、…）',
  'annotations covering only line ends': '{n} 个只覆盖行尾的标注',
  'annotations crossing a line end or a Unicode line separator (split into fragments there, as brat reads lines)':
    '{n} 个跨越行尾或 Unicode 行分隔符的标注（在那里拆成片段：brat 按行读取）',
  'annotations inside words tagged by another annotation': '{n} 个位于另一个标注所标词内部的标注',
  'annotations not on word boundaries (exact offsets kept; token indices cover the words they touch)':
    '{n} 个不在词边界上的标注（保留精确偏移；词元索引覆盖它们触及的词）',
  'annotations not on word boundaries (widened or narrowed to whole words)': '{n} 个不在词边界上的标注（扩展或收缩为整词）',
  'annotations of only whitespace': '{n} 个只含空白的标注',
  'annotations starting or ending on whitespace (trimmed to their first and last token)': '{n} 个以空白开头或结尾的标注（修剪到首尾词元）',
  'annotations whose label holds whitespace (written with _)': '{n} 个标签含空白的标注（空白写作 _）',
  'annotations with attribute names or values holding whitespace or empty (written with _)':
    '{n} 个属性名或属性值含空白或为空的标注（写作 _）',
  'annotations with attributes': '{n} 个带属性的标注',
  'creation times': '{n} 个创建时间',
  'discontinuous annotations (each piece written as a region of its own)': '{n} 个不连续标注（每段写成单独的区域）',
  'discontinuous annotations (each piece written as a span of its own)': '{n} 个不连续标注（每段写成单独的片段）',
  'discontinuous annotations (one entity per piece)': '{n} 个不连续标注（每段一个实体）',
  'discontinuous annotations (one span per piece)': '{n} 个不连续标注（每段一个 span）',
  'document labels': '{n} 个文档标签',
  'label names (labels are written by id)': '{n} 个标签名称（标签按 ID 写出）',
  'labels with spaces (written with _)': '{n} 个含空格的标签（写作 _）',
  notes: '{n} 条备注',
  'notes with line breaks (written on one line, each break as a space)': '{n} 条含换行的备注（写成一行，换行改为空格）',
  'overlapping annotations': '{n} 个重叠的标注',
  'relation ids': '{n} 个关系 ID',
  'relation ids (renumbered as R1, R2, …)': '{n} 个关系 ID（重新编号为 R1、R2、…）',
  relations: '{n} 个关系',
  'relations to annotations covering only line ends': '{n} 个指向只覆盖行尾的标注的关系',
  'relations whose type holds whitespace (written with _)': '{n} 个类型含空白的关系（写作 _）',
  'annotation and relation ids (renumbered)': '标注和关系的 ID（重新编号）',
  'annotation ids': '标注 ID',
  "per-span creation times (the annotation's created_at is the earliest)": '每个片段的创建时间（标注的 created_at 取最早的）',
  'the source encoding': '原文件的编码',
  'whitespace of the text (not a token)': '文本中的空白（不是词元）',
  'rejected suggestions': '{n} 条被拒绝的建议',
  'words of the user dictionary': '学到的词 {n} 个',
  'the mapping of parts of speech to labels': '词性到标签的映射',
};

/** The label scheme's export (src/scheme.rs) names what it leaves out; `$1` is the name. */
const ZH_NAMED = [
  [/^the free-text attribute "(.*)" \(brat's attributes are flags or values\)$/s, '自由文本属性“$1”（brat 的属性只有开关和取值）'],
  [/^that the relation type "(.*)" is undirected$/s, '关系类型“$1”是无向的'],
  [/^(\d+) document labels? \(brat has none\)$/, '$1 个文档标签（brat 没有文档标签）'],
];

const CATALOGUES = { 'zh-CN': ZH };
const NAMED = { 'zh-CN': ZH_NAMED };

/** The plural nouns the core makes singular for a count of one (`LeftOut::count`): the first one in the phrase. */
const PLURALS = ['annotations', 'relations', 'notes', 'times', 'ids', 'names', 'labels', 'suggestions', 'words'];

/** `phrase` for a count of one, as the core writes it: its first plural noun without the s. */
export function singular(phrase) {
  let first = null;
  for (const p of PLURALS) {
    const at = phrase.indexOf(p);
    if (at >= 0 && (!first || at < first.at)) first = { at, len: p.length };
  }
  return first ? phrase.slice(0, first.at + first.len - 1) + phrase.slice(first.at + first.len) : phrase;
}

/** Phrases longest first, so that "relation ids (renumbered…)" is found before "relation ids". */
const ORDER = Object.keys(ZH).sort((a, b) => b.length - a.length);

/** One left-out line of the core in the page's language (`lang`, else the page's): as it is when not listed. */
export function leftOutText(line, lang = locale()) {
  const table = CATALOGUES[lang];
  if (!table) return line;
  for (const [pattern, said] of NAMED[lang] ?? []) if (pattern.test(line)) return line.replace(pattern, said);
  const counted = /^(\d+) ([\s\S]*)$/.exec(line);
  const n = counted ? Number(counted[1]) : null;
  const rest = counted ? counted[2] : line;
  for (const phrase of ORDER) {
    const form = n === 1 ? singular(phrase) : phrase;
    if (!rest.startsWith(form)) continue;
    const tail = rest.slice(form.length);
    const each = /^ \(each of (\d+) documents\)$/.exec(tail);
    const one = /^ \((.*)\)$/.exec(tail);
    let where;
    if (tail === '') where = '';
    else if (each) where = `（${each[1]} 个文档中各有）`;
    else if (one) where = `（${one[1]}）`;
    else continue;
    return table[phrase].replace('{n}', String(n ?? '')) + where;
  }
  return line;
}
