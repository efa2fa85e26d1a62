// index.html carries the sample article for the first paint, and the script
// that decides whether it shows, pinned by its hash (scripts/prerender.mjs):
// they must be the current ones, or the first view would show a stale text or
// the browser would refuse the script. The same holds for the style sheet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { withSample, prerendered } from '../../scripts/prerender.mjs';

const read = (p) => readFileSync(new URL(`../../www/${p}`, import.meta.url), 'utf8');

test('index.html holds the current sample article, first-view script and style sheet (else: node scripts/prerender.mjs)', () => {
  const html = read('index.html');
  assert.equal(withSample(html, read('samples/seed.txt'), read('js/first-view.js'), read('style.css')), html);
});

test('the inline style sheet is style.css, allowed by its hash, and no sheet is fetched', () => {
  const html = read('index.html');
  const sheet = html.match(/<style>([\s\S]*?)<\/style>/)[1];
  assert.equal(sheet, read('style.css'));
  const hash = createHash('sha256').update(sheet, 'utf8').digest('base64');
  const csp = html.match(/content="(default-src[^"]*)"/)[1];
  assert.match(csp, new RegExp(`style-src 'self' 'sha256-${hash.replace(/[+/]/g, '\\$&')}';`));
  assert.doesNotMatch(html, /rel="stylesheet"/);
});

test('the inline script is allowed by its hash and by nothing wider', () => {
  const html = read('index.html');
  const script = html.match(/<script>([\s\S]*?)<\/script>/)[1];
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const csp = html.match(/content="(default-src[^"]*)"/)[1];
  assert.match(csp, new RegExp(`script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash.replace(/[+/]/g, '\\$&')}';`));
  assert.doesNotMatch(csp, /'unsafe-inline'/);
  assert.equal(html.match(/<script>/g).length, 1, 'one inline script');
});

test('the sample is written as text: markup in it stays text, every line a paragraph, the first screen apart', () => {
  const html = prerendered(`a<b>&c\n\n第二段\r\n${'长'.repeat(3000)}\n末`);
  assert.match(html, /data-i="0" elementtiming="text">a&lt;b&gt;&amp;c</);
  assert.match(html, /<div class="para blank" data-i="1"><\/div>/);
  assert.match(html, /data-i="2">第二段</);
  assert.match(
    html,
    /<\/div><\/div><div class="page pre"><div class="para" data-i="4">末<\/div><\/div>$/,
    'what follows the first screen is a page of its own',
  );
  assert.equal((html.match(/elementtiming/g) ?? []).length, 1);
});
