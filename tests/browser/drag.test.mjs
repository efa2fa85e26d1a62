// Dragging to select, which the page does itself (www/js/drag-select.js): the
// browser's own drag selection keeps drawing frames for its autoscroll while
// the button is held, and the release waits for the next one of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, SEED, drag, locate, reveal, listed, hint, paste, waitReady } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const selected = (page) => page.evaluate(() => getSelection().toString());
const centre = (r, f = 0.5) => ({ x: r.left + (r.right - r.left) * f, y: (r.top + r.bottom) / 2 });

/** Frames the renderer began between `start()` and `stop()`, counted in a Chromium trace. */
async function countFrames(page, during) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.frame'] },
    transferMode: 'ReportEvents',
  });
  await during();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return events.filter((e) => e.name === 'BeginMainThreadFrame').length;
}

test('holding the button still after a drag over words draws no frames (no selection autoscroll), and the release selects whole words', async () => {
  const { page, context, problems } = await openPage(env);
  await reveal(page, '俄罗斯');
  const { first, last } = await locate(page, '俄罗斯');
  const a = centre(first, 0.4);
  const b = centre(last, 0.6);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 6 });
  // The selection follows the pointer while the button is down.
  const held = await selected(page);
  assert.ok(held.length >= 2 && '俄罗斯'.endsWith(held), `held over 俄罗斯: “${held}”`);
  const frames = await countFrames(page, () => page.waitForTimeout(400));
  // The browser's own drag selection begins a frame every 16.7 ms here (~24).
  assert.ok(frames <= 6, `${frames} frames were begun in 400 ms with the button held still`);
  await page.mouse.up();
  assert.equal(await selected(page), '俄罗斯');
  await page.keyboard.press('3');
  assert.deepEqual(
    (await listed(page)).map((x) => x.quote),
    ['俄罗斯'],
  );
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('a drag released outside the text (over the side panel) still snaps to words and can be labelled', async () => {
  const { page, context } = await openPage(env);
  await reveal(page, '俄罗斯');
  const { first } = await locate(page, '俄罗斯');
  const a = centre(first, 0.4);
  const side = await page.locator('#text').boundingBox();
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(side.x + side.width + 60, a.y, { steps: 8 });
  await page.mouse.up();
  const sel = await selected(page);
  assert.ok(sel.startsWith('俄罗斯') && sel.length > 3, `the selection runs from 俄罗斯 to the end of its line: “${sel}”`);
  await page.keyboard.press('3');
  const items = await listed(page);
  assert.equal(items.length, 1);
  assert.ok(items[0].quote.startsWith('俄罗斯'), items[0].quote);
  await context.close();
});

test('a drag held below the text scrolls it and extends the selection; the release cuts it to its first paragraph', async () => {
  const { page, context } = await openPage(env);
  const box = await page.locator('#text').boundingBox();
  const firstLine = SEED.split('\n').find((l) => /\p{Script=Han}{3}/u.test(l));
  const needle = firstLine.match(/\p{Script=Han}{3}/u)[0];
  const { first } = await locate(page, needle);
  const a = centre(first, 0.4);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + 40, box.y + box.height + 30, { steps: 8 });
  await page.waitForFunction(() => document.getElementById('text').scrollTop > 150, null, { timeout: 10_000, polling: 50 });
  const during = await selected(page);
  assert.ok(during.includes('\n'), 'while held, the selection reaches into the paragraphs scrolled into view');
  await page.mouse.up();
  const after = await selected(page);
  assert.ok(!after.includes('\n') && after.startsWith(needle), `cut to the first paragraph: “${after}”`);
  assert.match(await hint(page), /line break/);
  await context.close();
});

test('a wheel turned during a drag scrolls the text and the selection follows the pointer', async () => {
  const { page, context } = await openPage(env);
  const firstLine = SEED.split('\n').find((l) => /\p{Script=Han}{3}/u.test(l));
  const needle = firstLine.match(/\p{Script=Han}{3}/u)[0];
  const { first, last } = await locate(page, needle);
  const a = centre(first, 0.4);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(centre(last, 0.6).x, a.y, { steps: 4 });
  const before = await selected(page);
  await page.mouse.wheel(0, 600);
  await page.waitForFunction(() => document.getElementById('text').scrollTop > 300, null, { timeout: 10_000, polling: 50 });
  await page.waitForFunction((n) => getSelection().toString().length > n + 20, before.length, { timeout: 10_000, polling: 50 });
  await page.mouse.up();
  const after = await selected(page);
  assert.ok(after.startsWith(needle) && !after.includes('\n'), `cut to the first paragraph: “${after}”`);
  await context.close();
});

test('Shift+click extends the selection from where it began, snapped to words', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '俄罗斯');
  assert.equal(await selected(page), '俄罗斯');
  const para = await page.evaluate(() => getSelection().anchorNode.data);
  const at = para.indexOf('俄罗斯');
  const later = para.slice(at + 3).match(/\p{Script=Han}{4}/u)[0];
  const { last } = await locate(page, later);
  const b = centre(last, 0.6);
  await page.keyboard.down('Shift');
  await page.mouse.click(b.x, b.y);
  await page.keyboard.up('Shift');
  const sel = await selected(page);
  assert.ok(sel.startsWith('俄罗斯') && sel.includes(later.slice(0, 3)), `from 俄罗斯 to ${later}: “${sel}”`);
  await context.close();
});

test('a plain click still places the caret and clears a selection; double-click still selects a word', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '俄罗斯');
  const { first } = await locate(page, '俄罗斯');
  const a = centre(first, 0.5);
  await page.mouse.click(a.x, a.y);
  assert.equal(await selected(page), '');
  await page.mouse.dblclick(a.x, a.y);
  assert.equal(await selected(page), '俄罗斯');
  await context.close();
});

// Regression: jieba's HMM joins a name the dictionary lacks with the word beside it (张三在, 高云江说), and a drag
// over the name took the joined word.
test('a drag over a name the HMM joined with 在 or 说 takes the name alone', async () => {
  const { page, context, problems } = await openPage(env);
  await paste(page, env, '昨天张三在北京开会。高云江说，要好好干。');
  await waitReady(page);
  await page.waitForFunction(() => /\d+ words/.test(document.getElementById('status').textContent), null, { timeout: 15_000 });
  await drag(page, '张三');
  await page.keyboard.press('1');
  await drag(page, '高云江');
  await page.keyboard.press('1');
  assert.deepEqual(
    (await listed(page)).map((a) => a.quote),
    ['张三', '高云江'],
  );
  assert.deepEqual(problems.page, []);
  await context.close();
});
