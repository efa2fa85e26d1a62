// The page on the seed article: it opens, renders the text exactly,
// segments it in a worker, and never talks to anyone but its own origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { setup, openPage, SEED, drag, reveal, locate } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

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
