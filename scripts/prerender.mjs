// Writes the sample article into index.html, so that a first visit shows its
// text in the first paint, before any script or the wasm has loaded (the page
// replaces it with the same text, drawn by js/views/text-view.js, once the core is up).
// The paragraphs are the core's (src/document/structure.rs): the lines between breaks,
// blank ones included. With it goes js/first-view.js, which decides before
// the first paint whether that text is the first view: inline, since a script
// fetched would hold the parser for a round trip, and allowed by its hash in
// the Content-Security-Policy (no other inline script runs). The style sheet
// (www/style.css, the one to edit) is written in too, also allowed by its
// hash: a linked sheet holds the first paint for its own request (about a
// fifth of the time to text visible, scripts/bench/startup.mjs).
// The page's static strings (the elements marked data-i18n…) are written in
// Chinese, from www/js/i18n/zh-CN.js: the first paint is in the language most
// of the page's users read, and js/i18n/index.js switches them at start when
// the page is in English.
// `--check` exits 1 when index.html is not up to date (tests/model/prerender.test.mjs).
//
// Usage: node scripts/prerender.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import zhCN from '../www/js/i18n/zh-CN.js';

const HTML = new URL('../www/index.html', import.meta.url);
const SEED = new URL('../www/samples/seed.txt', import.meta.url);
const FIRST_VIEW = new URL('../www/js/first-view.js', import.meta.url);
const STYLE = new URL('../www/style.css', import.meta.url);
const OPEN = /(<article id="text"[^>]*>)[\s\S]*?(<\/article>)/;
const SCRIPT = /(<!-- first-view -->)[\s\S]*?(<!-- \/first-view -->)/;
const CSP = /script-src 'self' 'wasm-unsafe-eval'( 'sha256-[^']*')?/;
const SHEET = /(<!-- style -->)[\s\S]*?(<!-- \/style -->)/;
const STYLE_CSP = /style-src 'self'( 'sha256-[^']*')?/;
/** UTF-16 units of the first screenful (and more), laid out in the first frame; the rest only near the viewport. */
const FIRST_SCREEN = 2500;

/** The HTML of the article's paragraphs, as js/views/text-view.js's buildText lays them out. */
export function prerendered(text) {
  const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const lines = text.split(/\r\n|[\n\r\u2028\u2029]/);
  let named = false;
  let size = 0;
  let split = lines.length;
  const paras = lines.map((line, i) => {
    if (size >= FIRST_SCREEN && split === lines.length) split = i;
    size += line.length + 1;
    const blank = line.trim() === '';
    // Element Timing reports when the first line of text is painted (scripts/bench/startup.mjs).
    const timing = !blank && !named ? ' elementtiming="text"' : '';
    named ||= !blank;
    return `<div class="para${blank ? ' blank' : ''}" data-i="${i}"${timing}>${escapeHtml(line)}</div>`;
  });
  const sha = createHash('sha256').update(text, 'utf8').digest('hex');
  const first = `<div class="page pre first" data-sha="${sha}">${paras.slice(0, split).join('')}</div>`;
  return split < lines.length ? `${first}<div class="page pre">${paras.slice(split).join('')}</div>` : first;
}

const ATTRIBUTES = { title: 'title', aria: 'aria-label', placeholder: 'placeholder' };

/**
 * `html` with the text of each element marked `data-i18n="id"` (text only, no
 * child elements) and each attribute marked `data-i18n-title|aria|placeholder="id"`
 * taken from `catalogue`. Throws on an id the catalogue lacks.
 */
export function localised(html, catalogue) {
  const message = (id) => {
    if (catalogue[id] === undefined) throw new Error(`index.html names message ${id}, which the catalogue lacks`);
    return catalogue[id].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  };
  return html
    .replace(/(<(\w+)\s[^>]*\bdata-i18n="([^"]+)"[^>]*>)[^<]*(<\/\2>)/g, (_, open, _tag, id, close) => `${open}${message(id)}${close}`)
    .replace(/<\w+\s[^>]*\bdata-i18n-(?:title|aria|placeholder)="[^>]*>/g, (tag) =>
      tag.replace(
        /\bdata-i18n-(title|aria|placeholder)="([^"]+)"(.*?)\s(title|aria-label|placeholder)="[^"]*"/g,
        (whole, kind, id, between, attr) =>
          ATTRIBUTES[kind] === attr ? `data-i18n-${kind}="${id}"${between} ${attr}="${message(id)}"` : whole,
      ),
    );
}

/**
 * index.html with the sample written into its article, js/first-view.js and
 * style.css inline, and their hashes in the CSP.
 */
export function withSample(html, text, script, sheet) {
  const needs = [
    [OPEN, '<article id="text">'],
    [SCRIPT, '<!-- first-view --><!-- /first-view -->'],
    [CSP, "script-src 'self' 'wasm-unsafe-eval'"],
    [SHEET, '<!-- style --><!-- /style -->'],
    [STYLE_CSP, "style-src 'self'"],
  ];
  for (const [re, what] of needs) {
    if (!re.test(html)) throw new Error(`index.html has no ${what}`);
  }
  const hash = (s) => createHash('sha256').update(s, 'utf8').digest('base64');
  return html
    .replace(OPEN, (_, open, close) => `${open}${prerendered(text)}${close}`)
    .replace(SCRIPT, (_, open, close) => `${open}<script>${script}</script>${close}`)
    .replace(CSP, `script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash(script)}'`)
    .replace(SHEET, (_, open, close) => `${open}<style>${sheet}</style>${close}`)
    .replace(STYLE_CSP, `style-src 'self' 'sha256-${hash(sheet)}'`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const html = readFileSync(HTML, 'utf8');
  const next = localised(withSample(html, readFileSync(SEED, 'utf8'), readFileSync(FIRST_VIEW, 'utf8'), readFileSync(STYLE, 'utf8')), zhCN);
  if (process.argv.includes('--check')) {
    if (next !== html) {
      console.error(
        'www/index.html does not hold the current sample article, first-view script or style sheet: run node scripts/prerender.mjs',
      );
      process.exit(1);
    }
    console.log('www/index.html holds the current sample article');
  } else if (next !== html) {
    writeFileSync(HTML, next);
    console.log('www/index.html: sample article written in');
  }
}
