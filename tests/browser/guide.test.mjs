// The first minute (issue 19): a first visit shows how to start; each step is
// ticked as the person does it; "Got it" puts it away for good.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, drag, download, waitReady } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const steps = (page) =>
  page.$$eval('#guide li[data-step]', (lis) => Object.fromEntries(lis.map((li) => [li.dataset.step, li.classList.contains('done')])));

test('a first visit shows the guide; drag, label and export tick its steps; Got it hides it, also after a reload', async () => {
  const { page, problems } = await openPage(env);
  assert.equal(await page.isVisible('#guide'), true);
  assert.deepEqual(await steps(page), { select: false, label: false, export: false });
  await drag(page, '普京');
  assert.deepEqual(await steps(page), { select: true, label: false, export: false });
  await page.keyboard.press('1');
  assert.deepEqual(await steps(page), { select: true, label: true, export: false });
  await download(page, () => page.keyboard.press('Control+s'));
  await page.waitForFunction(() => document.querySelector('#guide li[data-step="export"]').classList.contains('done'));
  // Regression: a reload before "Got it" forgot the drag and the export it had ticked.
  await page.reload();
  await waitReady(page);
  assert.deepEqual(await steps(page), { select: true, label: true, export: true }, 'the steps done stay ticked');
  await page.click('#guide-close');
  assert.equal(await page.isVisible('#guide'), false);
  await page.reload();
  await waitReady(page);
  assert.equal(await page.isVisible('#guide'), false, 'put away for good');
  assert.deepEqual(problems.page, []);
  await page.close();
});
