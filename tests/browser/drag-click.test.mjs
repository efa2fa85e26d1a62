// A drag is never a click (issue 16): a drag from the right half of 普 to the
// left half of 京 covers no caret position, yet it selects 普京, the characters
// pressed and released on; only a press and release in place picks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, drag, listed, locate, reveal, hint } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const at = (r, f) => ({ x: r.left + (r.right - r.left) * f, y: (r.top + r.bottom) / 2 });
const rows = async (page) => (await listed(page)).map((x) => `${x.tag} ${x.quote}`).sort();

/** The mouse pressed at point `a` and released at `b`, moving in `steps`. */
async function mouseDrag(page, a, b, steps = 4) {
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps });
  await page.mouse.up();
}

/** The characters of the first 普京 on screen, `{first: 普, last: 京}`. */
async function pujing(page) {
  await reveal(page, '普京');
  return locate(page, '普京');
}

test('a drag from the right half of 普 to the left half of 京, over an annotation, makes the nested span 普京 and relabels nothing', async () => {
  const { page, context, problems } = await openPage(env);
  await drag(page, '总统普京');
  await page.keyboard.press('5');
  assert.deepEqual(await rows(page), ['事件 EVENT 总统普京']);

  let { first, last } = await pujing(page);
  await mouseDrag(page, at(first, 0.8), at(last, 0.2));
  assert.equal(await page.evaluate(() => getSelection().toString()), '普京');
  assert.match(await hint(page), /普京/);
  await page.keyboard.press('1');
  assert.deepEqual(await rows(page), ['事件 EVENT 总统普京', '人物 PER 普京']);

  // The other way round, from the left half of 京 to the right half of 普: the same two characters.
  await page.keyboard.press('Control+z');
  ({ first, last } = await pujing(page));
  await mouseDrag(page, at(last, 0.2), at(first, 0.8));
  assert.equal(await page.evaluate(() => getSelection().toString()), '普京');
  await page.keyboard.press('2');
  assert.deepEqual(await rows(page), ['事件 EVENT 总统普京', '机构 ORG 普京']);
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('a press and release in place is a click: it picks the annotation there, and a label key relabels it', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '总统普京');
  await page.keyboard.press('5');
  // A wobble of a pixel or two within 普 is still a click.
  const p = at((await pujing(page)).first, 0.5);
  await mouseDrag(page, p, { x: p.x + 2, y: p.y + 1 }, 1);
  assert.equal(await page.evaluate(() => getSelection().isCollapsed), true);
  assert.match(await hint(page), /^Picked 事件 EVENT “总统普京”/);
  await page.keyboard.press('1');
  assert.deepEqual(await rows(page), ['人物 PER 总统普京']);
  await context.close();
});
