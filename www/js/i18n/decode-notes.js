// What the core noticed while decoding a file (src/decode.rs `Decoded::warnings`),
// said in the page's language. The core says it in English, as the command line
// prints it; its sentences are few and fixed, so they are read here rather than
// coded. A sentence not listed is shown as the core says it.
import { locale } from './index.js';

/** Each English sentence of the core, as a pattern, and its Chinese; `$1`… are its numbers and names. */
const ZH = [
  [
    /^1 byte sequence could not be decoded as (\S+) and show as U\+FFFD \(the first at code point (\d+)\)$/,
    '有 1 处字节无法按 $1 解码，显示为 U+FFFD（位于码位 $2）',
  ],
  [
    /^(\d+) byte sequences could not be decoded as (\S+) and show as U\+FFFD \(the first at code point (\d+)\)$/,
    '有 $1 处字节无法按 $2 解码，显示为 U+FFFD（第一处位于码位 $3）',
  ],
  [
    /^the text holds a byte order mark \(U\+FEFF\) at code point (\d+) \(and (\d+) more\); it is kept as it is$/,
    '文本在码位 $1 处含有字节顺序标记（U+FEFF），另有 $2 处；均原样保留',
  ],
  [
    /^the text holds a byte order mark \(U\+FEFF\) at code point (\d+); it is kept as it is$/,
    '文本在码位 $1 处含有字节顺序标记（U+FEFF）；原样保留',
  ],
  [/^the text mixes line endings: (.*) \(kept as they are\)$/, '文本混用了多种换行符：$1（均原样保留）'],
];

const CATALOGUES = { 'zh-CN': ZH };

/** One of the core's decoding warnings in the page's language (`lang`, else the page's). */
export function decodeNoteText(line, lang = locale()) {
  for (const [pattern, said] of CATALOGUES[lang] ?? []) {
    if (!pattern.test(line)) continue;
    // "3 CRLF, 2 LF": the list's comma is the language's own.
    return line.replace(pattern, said).replace(/(\d+ (?:CRLF|LF|CR)), (?=\d)/g, '$1、');
  }
  return line;
}
