// The page on the seed article: it opens, renders the text exactly,
// segments it in a worker, and never talks to anyone but its own origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { setup, openPage, SEED, drag, reveal, locate, paste } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test('opens on the seed article and reaches ready with no console error and no off-origin request', async () => {
  const { page, problems, context } = await openPage(env);
  assert.equal(await page.getAttribute('html', 'data-state'), 'ready');
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.page, []);
  assert.deepEqual(problems.offOrigin, []);
  const status = await page.textContent('#status');
  assert.match(status, /\d+ words/);
  assert.match(status, /\d+ paragraphs/);
  assert.match(status, /\d+ sentences/);
  assert.match(status, /dictionary: ready/);
  mkdirSync('tests/output', { recursive: true });
  await page.screenshot({ path: 'tests/output/seed-ready.png' });
  await context.close();
});

test('renders every paragraph of the seed exactly: no trimming, no normalisation', async () => {
  const { page, context } = await openPage(env);
  const paras = await page.$$eval('#text .para', (ps) => ps.map((p) => p.firstChild.data));
  assert.deepEqual(paras, SEED.split(/\r\n|\n|\r|\u2028|\u2029/));
  await context.close();
});

test('the sample article is in the first paint: with scripts off the page already shows its text exactly', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(env.base);
  const paras = await page.$$eval('#text .para', (ps) => ps.map((p) => p.firstChild?.data ?? ''));
  assert.deepEqual(paras, SEED.split(/\r\n|\n|\r|\u2028|\u2029/));
  assert.equal(await page.isVisible('#text .para >> nth=2'), true);
  await context.close();
});

test('the sample in the first paint is kept when the page is up, not laid out and painted again', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Before any module runs, the paragraphs index.html holds.
  await context.addInitScript(() =>
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') window.firstParas = [...document.querySelectorAll('#text .para')];
    }),
  );
  const page = await context.newPage();
  await page.goto(`${env.base}?sample`);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready');
  const kept = await page.evaluate(() => {
    const now = [...document.querySelectorAll('#text .para')];
    return window.firstParas.length === now.length && window.firstParas.every((p, i) => p === now[i]);
  });
  assert.equal(kept, true);
  // And it is the page's text like any other: a drag and a key annotate it.
  await drag(page, '普京');
  await page.keyboard.press('1');
  assert.match(await page.textContent('#annlist'), /普京/);
  await context.close();
});

test('the sample does not flash first for a person whose last document was another one', async () => {
  const { page, context } = await openPage(env);
  await paste(page, env, '另一篇文章：上海合作组织峰会');
  await page.waitForFunction(() => localStorage.getItem('biaozhu:opens') === 'other');
  // The page as it is before any module has run: what the first paint shows.
  await context.route(/\/js\/(main|boot)\.js$/, (route) => route.abort());
  const sampleShown = async (path) => {
    await page.goto(env.base + path);
    return page.$eval('#text > .page.pre.first', (p) => getComputedStyle(p).display !== 'none');
  };
  assert.equal(await sampleShown(''), false, 'the last document is opened instead: the sample stays hidden');
  assert.equal(await sampleShown('?sample'), true, '?sample asks for the sample');
  await context.unroute(/\/js\/(main|boot)\.js$/);
  await page.goto(env.base);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready');
  assert.equal(await page.textContent('#text .para'), '另一篇文章：上海合作组织峰会');
  await context.close();
});

test('the Russian title is cut into whole words: a drag inside ВСТРЕЧА selects the whole word', async () => {
  const { page, context } = await openPage(env);
  await drag(page, 'ВСТРЕЧА', { from: 0.6, to: 0.1 });
  // Released over the first half of the last letter: snapping still takes the whole word.
  const selected = await page.evaluate(() => getSelection().toString());
  assert.equal(selected, 'ВСТРЕЧА');
  await drag(page, 'ВИДЕОКОНФЕРЕНЦИИ'.slice(2, 6));
  assert.equal(await page.evaluate(() => getSelection().toString()), 'ВИДЕОКОНФЕРЕНЦИИ');
  await context.close();
});

test('words show on hover: the word under the pointer is highlighted', async () => {
  const { page, context } = await openPage(env);
  await reveal(page, '冬奥会');
  const { first } = await locate(page, '冬奥会');
  await page.mouse.move(first.right + 2, (first.top + first.bottom) / 2);
  await page.waitForFunction(() => CSS.highlights.get('hover-word')?.size === 1);
  const word = await page.evaluate(() => [...CSS.highlights.get('hover-word')][0].toString());
  assert.equal(word, '冬奥会');
  await context.close();
});
