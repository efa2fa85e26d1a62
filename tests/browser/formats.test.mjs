// Every exchange format through the page: export from the Export menu,
// re-import through Open, and the real example files of each format.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, openPage, drag, listed, exportAs, waitReady, waitStored, paste } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const FIXTURES = new URL('../fixtures/formats/', import.meta.url);
const fixture = (p) => new URL(p, FIXTURES).pathname;

async function annotateSeed(page) {
  for (const [needle, key] of [
    ['习近平', '1'],
    ['俄罗斯总统普京', '6'],
    ['普京', '1'],
    ['北京', '3'],
  ]) {
    await drag(page, needle);
    await page.keyboard.press(key);
  }
  return listed(page);
}

const lossless = [
  ['biaozhu', 1],
  ['w3c', 1],
  ['brat', 2],
  ['doccano', 1],
  ['label-studio', 1],
  ['prodigy', 1],
];

for (const [format, count] of lossless) {
  test(`${format}: an export through the page imports back to the same annotations`, async () => {
    const { page, context } = await openPage(env);
    const before = await annotateSeed(page);
    const { files, leftOut } = await exportAs(page, format, count);
    // Metadata a format has no place for may be named; never a span.
    for (const t of leftOut ?? []) assert.doesNotMatch(t, /overlap|fragment|relation|annotations? (were|was) dropped|\d+ spans/i, t);
    // Re-import over the same text: the annotations are replaced by the file's, one undoable change.
    page.once('dialog', (d) => d.accept());
    await page.setInputFiles('#open-file', files);
    await page.waitForFunction(() => /Imported|Opened/.test(document.getElementById('hint').textContent));
    const after = await listed(page);
    const key = (l) => l.map((i) => `${i.start}-${i.end}-${i.quote}-${i.tag}`).sort();
    assert.deepEqual(key(after), key(before));
    await context.close();
  });
}

test('conll-char: overlapping spans are named as left out before the download', async () => {
  const { page, context } = await openPage(env);
  await annotateSeed(page);
  const { files, leftOut } = await exportAs(page, 'conll-char', 1);
  assert.ok(
    leftOut?.some((t) => /overlap/i.test(t)),
    JSON.stringify(leftOut),
  );
  const body = readFileSync(files[0], 'utf8');
  assert.match(body, /习\tB-PER/);
  await context.close();
});

test('conll-word: exports our words with BIO tags', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '冬奥会');
  await page.keyboard.press('5');
  const { files } = await exportAs(page, 'conll-word', 1);
  assert.match(readFileSync(files[0], 'utf8'), /冬奥会\tB-EVENT/);
  await context.close();
});

const examples = [
  ['doccano/example-relations.jsonl', ['李白', '碎叶城', '杜甫']],
  ['label-studio/example.json', ['李白', '碎叶城', '杜甫']],
  ['label-studio/example-json-min.json', ['李白', '碎叶城', '杜甫']],
  ['prodigy/example.jsonl', ['李白', '碎叶城', '杜甫']],
  ['conll-bio/example.iob2.tsv', ['李白', '碎叶城', '杜甫']],
];

for (const [path, quotes] of examples) {
  test(`the real example ${path} opens through the page`, async () => {
    const { page, context } = await openPage(env);
    const file = fixture(path);
    if (path.endsWith('.tsv')) await page.selectOption('#import-format', 'conll-char');
    await page.setInputFiles('#open-file', file);
    await page.waitForFunction(() => document.querySelectorAll('#annlist li').length > 0 || !document.getElementById('banner').hidden);
    assert.equal(await page.isHidden('#banner'), true, await page.textContent('#banner'));
    const items = await listed(page);
    if (quotes)
      for (const q of quotes)
        assert.ok(
          items.some((i) => i.quote === q),
          `${q} in ${JSON.stringify(items)}`,
        );
    assert.ok(items.length > 0);
    await context.close();
  });
}

// Issue 15: the page refused a file of several documents ("holds 2 documents"); they join the project now.
test('a doccano file with several documents opens as documents of the project, each with its annotations', async () => {
  const { page, context } = await openPage(env);
  await page.setInputFiles('#open-file', fixture('doccano/example.jsonl'));
  await page.waitForFunction(() => document.querySelectorAll('#doclist li').length === 3, null, { timeout: 15_000 });
  await page.waitForFunction(() => /2 documents added/.test(document.getElementById('hint').textContent), null, { timeout: 15_000 });
  const lines = readFileSync(fixture('doccano/example.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const counts = await page.$$eval('#doclist li', (lis) => lis.slice(1).map((li) => Number(li.querySelector('.doc-count').textContent)));
  assert.deepEqual(
    counts,
    lines.map((l) => (l.label ?? l.entities).length),
  );
  await waitReady(page);
  assert.equal((await listed(page)).length, counts[0]);
  await context.close();
});

test('brat: an .ann with its .txt opens with discontinuous spans, relations, attributes and notes shown', async () => {
  const { page, context } = await openPage(env);
  await page.setInputFiles('#open-file', [fixture('brat/handwritten-zh/example.txt'), fixture('brat/handwritten-zh/example.ann')]);
  await page.waitForFunction(() => document.querySelectorAll('#annlist li').length > 0 || !document.getElementById('banner').hidden);
  assert.equal(await page.isHidden('#banner'), true, await page.textContent('#banner'));
  const ann = readFileSync(fixture('brat/handwritten-zh/example.ann'), 'utf8');
  const tLines = ann.split('\n').filter((l) => /^T\d/.test(l));
  assert.equal((await listed(page)).length, tLines.length);
  if (/^R\d/m.test(ann)) assert.equal(await page.isVisible('#relations-title'), true);
  if (/^#\d/m.test(ann)) assert.match(await page.textContent('#annlist'), /note:/);
  await context.close();
});

test('brat: an empty .ann with its .txt (what biaozhu exports for a text with no annotations) opens the text with none', async () => {
  const { page, context } = await openPage(env);
  const text = '李白出生于碎叶城。\n杜甫是他的朋友。\n';
  await page.setInputFiles('#open-file', [
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.from(text) },
    { name: 'empty.ann', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
  ]);
  await page.waitForFunction(
    () => document.getElementById('docname').textContent !== '000_cbc67faf9157e332.txt' || !document.getElementById('banner').hidden,
  );
  assert.equal(await page.isHidden('#banner'), true, await page.textContent('#banner'));
  assert.equal(await page.textContent('#text .para'), '李白出生于碎叶城。');
  assert.deepEqual(await listed(page), []);
  await context.close();
});

test('brat: a short GBK .ann with its GBK .txt is read in the text’s encoding', async () => {
  // Regression: the .ann alone was guessed to be Big5 (李强 read as 川膿) and refused as made on another text.
  const { page, context } = await openPage(env);
  // 中华人民共和国国务院总理李强在北京会见了来访的美国客人。 and `T1 PER 12 14 李强`, in GBK.
  const txt = 'd6d0bbaac8cbc3f1b9b2bacdb9fab9facef1d4bad7dcc0edc0eec7bfd4dab1b1bea9bbe1bcfbc1cbc0b4b7c3b5c4c3c0b9fabfcdc8cba1a3';
  const ann = '54310950455220313220313409c0eec7bf0a';
  await page.setInputFiles('#open-file', [
    { name: 'gbk.txt', mimeType: 'text/plain', buffer: Buffer.from(txt, 'hex') },
    { name: 'gbk.ann', mimeType: 'text/plain', buffer: Buffer.from(ann, 'hex') },
  ]);
  await page.waitForFunction(
    () => document.getElementById('docname').textContent !== '000_cbc67faf9157e332.txt' || !document.getElementById('banner').hidden,
  );
  assert.equal(await page.isHidden('#banner'), true, await page.textContent('#banner'));
  assert.deepEqual(
    (await listed(page)).map((a) => [a.quote, a.start, a.end]),
    [['李强', 12, 14]],
  );
  await context.close();
});

test('brat: the eznlp .ann against the LF text is refused with a hint about CRLF; nothing changes', async () => {
  const { page, context } = await openPage(env);
  const before = await listed(page);
  await page.setInputFiles('#open-file', [fixture('brat/eznlp-HwaMei-zh/demo.txt'), fixture('brat/eznlp-HwaMei-zh/demo.ann')]);
  await page.waitForSelector('#banner:not([hidden])');
  assert.match(await page.textContent('#banner'), /CRLF/);
  assert.deepEqual(await listed(page), before);
  assert.equal(await page.textContent('#docname'), '000_cbc67faf9157e332.txt');
  // With the CRLF text it imports.
  await page.setInputFiles('#open-file', [fixture('brat/eznlp-HwaMei-zh/demo.crlf.txt'), fixture('brat/eznlp-HwaMei-zh/demo.ann')]);
  await page.waitForFunction(() => document.querySelectorAll('#annlist li').length > 0);
  await context.close();
});

// Regression: with another document open, a file of annotations for a stored text opened that text from the file,
// so its saved annotations were replaced unasked, and the page said another tab had changed it.
test('a file of annotations for a stored text that is not open opens it with its work, asks before replacing it, and Ctrl+Z brings it back', async () => {
  const { page, context, problems } = await openPage(env);
  const before = await annotateSeed(page);
  const { files } = await exportAs(page, 'doccano', 1);
  await drag(page, '冬奥会');
  await page.keyboard.press('5');
  const now = await listed(page);
  await waitStored(page, now.length);
  await paste(page, env, '另一篇文章。');
  await page.waitForFunction(() => document.getElementById('docname').textContent.startsWith('pasted'));
  await waitReady(page);
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    d.accept();
  });
  await page.setInputFiles('#open-file', files);
  await page.waitForFunction((n) => document.querySelectorAll('#annlist li').length === n, before.length);
  assert.match(asked, new RegExp(`replaces the ${now.length} annotations`));
  assert.equal(await page.textContent('#docname'), '000_cbc67faf9157e332.txt');
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('#annlist li').length === n, now.length);
  assert.deepEqual(await listed(page), now);
  assert.equal(await page.isVisible('#banner'), false, 'no word of another tab');
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('an import that would replace annotations asks first; declining changes nothing', async () => {
  const { page, context } = await openPage(env);
  const before = await annotateSeed(page);
  const { files } = await exportAs(page, 'doccano', 1);
  await drag(page, '冬奥会');
  await page.keyboard.press('5');
  const now = await listed(page);
  assert.equal(now.length, before.length + 1);
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    d.dismiss();
  });
  await page.setInputFiles('#open-file', files);
  await new Promise((ok) => setTimeout(ok, 500)); // the page would have imported by now
  assert.match(asked, /replaces the 5 annotations/);
  assert.deepEqual(await listed(page), now);
  await context.close();
});
