// Label statistics (issue 19): the Statistics button shows a bar a label for
// the open document and the project, and each label's most labelled strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, drag } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const bars = (page, id) =>
  page.$$eval(`#${id} .stat-row`, (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.label, Number(r.querySelector('.stat-count').textContent)])),
  );

test('Statistics counts the labels of the document and of the project, and lists the strings labelled most', async () => {
  const { page, problems } = await openPage(env);
  await drag(page, '北京');
  await page.keyboard.press('3');
  await drag(page, '北京', { nth: 1 });
  await page.keyboard.press('3');
  await drag(page, '普京');
  await page.keyboard.press('1');
  await page.click('#stats-button');
  await page.waitForSelector('#stats-dialog[open]');
  const doc = await bars(page, 'stats-doc');
  assert.deepEqual([doc.PER, doc.LOC, doc.ORG], [1, 2, 0]);
  await page.waitForFunction(() => document.querySelectorAll('#stats-project .stat-row').length > 0);
  const project = await bars(page, 'stats-project');
  assert.deepEqual([project.PER, project.LOC], [1, 2], 'the project is this one document');
  assert.equal(await page.textContent('#stats-top dd[data-label="LOC"]'), '北京 ×2');
  const width = await page.$eval('#stats-doc .stat-row[data-label="PER"] .stat-bar', (b) => b.style.width);
  assert.equal(width, '50%', 'a bar is as long as its count against the largest');
  assert.deepEqual(problems.page, []);
  await page.close();
});
