// Search, then label every occurrence (issue 16), as a person does it: `/`,
// type, Enter, Shift and a label key; undo and redo of the whole batch; a
// reload; the options (regular expression, whole words); the export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, SEED, listed, download, waitReady, hint, drag } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** Code point `[start, end)` of every occurrence of `needle` in the seed, counted here, not by the page. */
function occurrences(needle) {
  const out = [];
  for (let at = SEED.indexOf(needle); at >= 0; at = SEED.indexOf(needle, at + needle.length)) {
    const start = [...SEED.slice(0, at)].length;
    out.push([start, start + [...needle].length]);
  }
  return out;
}

const rows = async (page) => (await listed(page)).map((x) => [x.tag, x.quote, x.start, x.end]);
const count = (page) => page.textContent('#search-count');

async function search(page, query) {
  await page.keyboard.press('/');
  await page.keyboard.type(query);
}

test('/ then 北京, Enter, Shift+3: every 北京 is labelled LOC once, one undo takes them all, redo and a reload bring them back, Ctrl+S exports them', async () => {
  const { page, context, problems } = await openPage(env);
  const beijing = occurrences('北京');
  assert.equal(beijing.length, 6);
  // One is labelled already: it is not labelled twice.
  await drag(page, '北京', { nth: 2 });
  await page.keyboard.press('3');
  assert.equal((await listed(page)).length, 1);

  await page.keyboard.press('/');
  assert.deepEqual(await page.evaluate(() => [document.activeElement.id, document.activeElement.type]), ['search', 'search']);
  await page.keyboard.type('北京');
  assert.equal(await count(page), '6 matches');
  await page.keyboard.press('Enter');
  assert.equal(await count(page), '1 of 6');
  assert.equal(await page.evaluate(() => getSelection().toString()), '北京');
  await page.keyboard.press('Shift+3');
  const expected = beijing.map(([s, e]) => ['地点 LOC', '北京', s, e]);
  assert.deepEqual(await rows(page), expected);
  assert.match(await hint(page), /^Labelled 5 matches 地点 LOC \(1 already were\)/);
  assert.equal(await page.inputValue('#search'), '北京', 'Shift+3 typed nothing into the box');

  // Again: nothing new, and the page says so.
  await page.keyboard.press('Shift+3');
  assert.equal((await listed(page)).length, 6);
  assert.match(await hint(page), /All 6 matches are labelled 地点 LOC already/);

  await page.keyboard.press('Control+z');
  assert.deepEqual(await rows(page), [expected[2]], 'one undo took the five back, and only them');
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual(await rows(page), expected);

  await page.reload();
  await waitReady(page);
  assert.deepEqual(await rows(page), expected);
  const { json } = await download(page, () => page.keyboard.press('Control+s'));
  assert.deepEqual(
    json.annotations.map((a) => [a.label, a.start, a.end, a.quote]).sort((a, b) => a[1] - b[1]),
    beijing.map(([s, e]) => ['LOC', s, e, '北京']),
  );
  // After the reload, the batch is still one undo.
  await page.keyboard.press('Control+z');
  assert.equal((await listed(page)).length, 1);
  assert.deepEqual(problems.page, []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('Enter and Shift+Enter go round the matches; a plain label key labels only the match selected, on the text or in the box; Esc closes the search', async () => {
  const { page, context } = await openPage(env);
  const putin = occurrences('普京');
  await search(page, '普京');
  assert.equal(await count(page), `${putin.length} matches`);
  await page.keyboard.press('Shift+Enter');
  assert.equal(await count(page), `${putin.length} of ${putin.length}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.equal(await count(page), `2 of ${putin.length}`);
  const marked = await page.evaluate(() => CSS.highlights.get('search')?.size ?? 0);
  assert.ok(marked >= 1, 'the matches in view are highlighted');
  // Esc in the box closes the bar and its highlights; the match stays selected for a plain key.
  await page.keyboard.press('Escape');
  assert.equal(await page.isHidden('#searchbar'), true);
  assert.equal(await page.evaluate(() => CSS.highlights.get('search')?.size ?? 0), 0);
  assert.equal(await page.evaluate(() => CSS.highlights.has('search-current')), false);
  await page.keyboard.press('1');
  assert.deepEqual(await rows(page), [['人物 PER', '普京', ...putin[1]]]);
  // With the search closed, Shift+1 is no longer every match.
  await page.keyboard.press('Shift+1');
  assert.equal((await listed(page)).length, 1);
  // In the box, after Enter, a plain label key labels the match selected, and types nothing.
  await page.keyboard.press('/');
  assert.equal(await count(page), `${putin.length} matches`, 'the search is made again on opening');
  await page.keyboard.press('Enter');
  await page.keyboard.press('2');
  assert.equal(await page.inputValue('#search'), '普京');
  assert.deepEqual(await rows(page), [
    ['机构 ORG', '普京', ...putin[0]],
    ['人物 PER', '普京', ...putin[1]],
  ]);
  // Once the query is edited, keys type again.
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('2');
  assert.equal(await page.inputValue('#search'), '普2');
  assert.equal((await listed(page)).length, 2);
  await context.close();
});

test('a regular expression, and whole words by the segmentation', async () => {
  const { page, context } = await openPage(env);
  await search(page, '罗斯');
  const plain = occurrences('罗斯').length;
  assert.ok(plain >= 5);
  assert.equal(await count(page), `${plain} matches`);
  // 罗斯 is only ever inside the word 俄罗斯.
  await page.check('#search-words');
  assert.equal(await count(page), 'no matches');
  await page.fill('#search', '俄罗斯');
  assert.equal(await count(page), `${occurrences('俄罗斯').length} matches`);
  await page.uncheck('#search-words');

  await page.check('#search-regex');
  await page.fill('#search', '(北|普)京');
  const both = [...occurrences('北京'), ...occurrences('普京')].sort((a, b) => a[0] - b[0]);
  assert.equal(await count(page), `${both.length} matches`);
  await page.focus('#search');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+5');
  assert.deepEqual(
    (await rows(page)).map(([tag, , s, e]) => [tag, s, e]),
    both.map(([s, e]) => ['事件 EVENT', s, e]),
  );
  // Not a regular expression: the box says why, and nothing is highlighted.
  await page.fill('#search', '(北');
  assert.match(await count(page), /^Not a regular expression: .*Unterminated group/);
  await page.selectOption('#locale', 'zh-CN');
  await page.fill('#search', '(北京');
  assert.match(await count(page), /^不是有效的正则表达式：/);
  await page.selectOption('#locale', 'en-US');
  await page.fill('#search', '(北');
  assert.equal(await page.evaluate(() => CSS.highlights.get('search')?.size ?? 0), 0);
  // Without the option, the same characters are plain text.
  await page.uncheck('#search-regex');
  assert.equal(await count(page), 'no matches');
  await context.close();
});

test('in the box, Shift and a key is typing until Enter; then, and on the text, Shift and a label key labels every match', async () => {
  const { page, context } = await openPage(env);
  await search(page, '会晤');
  const meetings = occurrences('会晤');
  assert.equal(await count(page), `${meetings.length} matches`);
  // Before Enter, the box is being typed in: Shift+4 types “$” as a keyboard does (a label's letter would be a capital).
  await page.keyboard.press('Shift+Digit4');
  assert.equal(await page.inputValue('#search'), '会晤$', 'Shift+4 typed');
  assert.equal((await listed(page)).length, 0);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  // The text takes the keyboard (the box loses the focus): Shift+4 there labels them all.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Shift+Digit4');
  assert.deepEqual(
    (await rows(page)).map(([tag, , s, e]) => [tag, s, e]),
    meetings.map(([s, e]) => ['时间 TIME', s, e]),
  );
  // And Enter on the text goes on to the next match.
  await page.keyboard.press('Enter');
  assert.equal(await count(page), `2 of ${meetings.length}`);
  await context.close();
});
