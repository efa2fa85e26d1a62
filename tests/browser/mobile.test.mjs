// Phone and tablet (issue 19), in Chromium's device emulation with touch: at
// 390×844 the page does not scroll sideways, the text keeps the width of the
// screen, the toolbar is one line, the annotations are a sheet and the
// documents a drawer, each opened by a toggle; labels are finger-sized
// buttons; a long-press selects the segmentation's word and dragging the
// selection's handles snaps to words. At 820×1180 the text and the list sit
// side by side and the documents are a drawer. Screenshots are written to
// tests/artifacts/ to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { locate, reveal, setup, waitReady } from './harness.mjs';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const shot = (page, name) => page.screenshot({ path: new URL(`mobile-${name}.png`, ARTIFACTS).pathname });

let env;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  env = await setup();
});
after(() => env.close());

async function device(width, height) {
  const context = await env.browser.newContext({ viewport: { width, height }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.base);
  await waitReady(page);
  return { context, page, errors };
}

/** Boxes of the page's parts and whether it scrolls sideways. */
const layout = (page) =>
  page.evaluate(() => {
    const box = (sel) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        left: r.left,
        right: r.right,
        top: r.top,
        bottom: r.bottom,
        width: r.width,
        height: r.height,
        shown: style.visibility !== 'hidden' && style.display !== 'none' && r.width > 0,
      };
    };
    return {
      sideways: document.documentElement.scrollWidth > innerWidth,
      innerWidth,
      innerHeight,
      toolbar: box('.toolbar'),
      text: box('#text'),
      side: box('.side'),
      docs: box('.docs'),
      labels: [...document.querySelectorAll('#labelbar .label')].map((b) => b.getBoundingClientRect().height),
    };
  });

/** A finger held on the middle of the `index`-th character of `needle` for `ms`, through the DevTools protocol (Playwright has taps only). */
async function longPress(page, needle, index, ms = 700) {
  await reveal(page, needle);
  // A paragraph is many lines tall on a phone: revealed, its middle is on screen, not necessarily the word.
  const y = (await locate(page, needle)).first.top;
  await page.$eval('#text', (text, y) => text.scrollBy(0, y - innerHeight / 2), y);
  // The word on one line, its characters of one width (CJK): the `index`-th one's middle.
  const { first, last } = await locate(page, needle);
  const point = { x: first.left + ((index + 0.5) * (last.right - first.left)) / needle.length, y: (first.top + first.bottom) / 2 };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  await page.waitForTimeout(ms);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('at 390×844: no sideways scroll, the text as wide as the screen, a one-line toolbar, finger-sized labels', async () => {
  const { context, page, errors } = await device(390, 844);
  const l = await layout(page);
  await shot(page, 'phone');
  assert.equal(l.sideways, false, 'the page does not scroll sideways');
  assert.ok(l.text.width >= 380, `the text is ${l.text.width} px wide`);
  assert.ok(l.toolbar.height <= 60, `the toolbar is one line (${l.toolbar.height} px)`);
  assert.equal(l.side.shown, false, 'the annotations are put away');
  assert.equal(l.docs.shown, false, 'the documents are put away');
  assert.ok(
    l.labels.every((h) => h >= 44),
    `label buttons of 44 px or more: ${l.labels}`,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

// Regression: the status line's hint was one line cut with "…" (142 px on a phone): "请先选择一些文本（在…".
test('at 390×844: a hint is read whole, on a line of its own, within the screen', async () => {
  const { context, page, errors } = await device(390, 844);
  await page.tap('#labelbar button:first-child');
  await page.waitForFunction(() => document.getElementById('hint').textContent.length > 20);
  const hint = await page.$eval('#hint', (h) => {
    const r = h.getBoundingClientRect();
    return {
      text: h.textContent,
      cut: h.scrollWidth > h.clientWidth + 1,
      left: r.left,
      right: r.right,
    };
  });
  assert.equal(hint.cut, false, `the hint is cut: ${hint.text}`);
  assert.ok(hint.left >= 0 && hint.right <= 390, `the hint lies within the screen: ${hint.left}–${hint.right}`);
  assert.ok(hint.right - hint.left >= 350, `the hint has a line of its own (${hint.right - hint.left} px)`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 390×844: the toggles open the annotations sheet, the documents drawer and the rest of the toolbar; the backdrop and Esc close them', async () => {
  const { context, page } = await device(390, 844);
  await page.tap('#side-toggle');
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.side')).transform === 'none');
  let l = await layout(page);
  await shot(page, 'phone-annotations');
  assert.ok(
    l.side.shown && l.side.bottom <= l.innerHeight + 1 && l.side.top > l.innerHeight / 3,
    `a sheet from the bottom: ${JSON.stringify(l.side)}`,
  );
  assert.equal(await page.getAttribute('#side-toggle', 'aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.documentElement.dataset.drawer);
  await page.tap('#docs-toggle');
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.docs')).transform === 'none');
  l = await layout(page);
  await shot(page, 'phone-documents');
  assert.ok(l.docs.shown && l.docs.left === 0 && l.docs.width < l.innerWidth, `a drawer from the left: ${JSON.stringify(l.docs)}`);
  await page.mouse.click(l.innerWidth - 10, l.innerHeight / 2);
  await page.waitForFunction(() => !document.documentElement.dataset.drawer);
  assert.equal(await page.getAttribute('#docs-toggle', 'aria-expanded'), 'false');
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.docs')).visibility === 'hidden');
  // "More" shows the rest of the toolbar.
  await page.tap('#toolbar-more');
  assert.equal(await page.isVisible('#export-format'), true);
  await shot(page, 'phone-more');
  assert.equal((await layout(page)).sideways, false);
  // Escape in the text is the text's; in the toolbar it closes it again, as it closes a drawer.
  await page.focus('#text');
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#export-format'), true);
  await page.focus('#toolbar-more');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.getElementById('toolbar-more').getAttribute('aria-expanded') === 'false');
  assert.equal(await page.isVisible('#export-format'), false);
  await context.close();
});

test('at 390×844: a long-press selects the whole word under the finger, a label tap annotates it', async () => {
  const { context, page } = await device(390, 844);
  // The middle character of 冬奥会: the segmentation's word is all three.
  await longPress(page, '冬奥会', 1);
  await page.waitForFunction(() => getSelection().toString() === '冬奥会', null, { timeout: 5000 });
  await shot(page, 'phone-long-press');
  await page.tap('#labelbar .label');
  await page.waitForFunction(() => /冬奥会/.test(document.getElementById('annlist').textContent));
  await context.close();
});

test('at 390×844: a selection whose handle is dragged into a word is snapped to that whole word', async () => {
  const { context, page } = await device(390, 844);
  await longPress(page, '普京举行', 0);
  await page.waitForFunction(() => getSelection().toString() === '普京', null, { timeout: 5000 });
  // The end handle dragged onto 举 (the first character of 举行): the browser's selection ends inside the word.
  await page.evaluate(() => {
    const sel = getSelection();
    const node = [...document.querySelectorAll('#text .para')].map((p) => p.firstChild).find((n) => n.data.includes('普京举行'));
    const at = node.data.indexOf('普京举行');
    sel.setBaseAndExtent(node, at, node, at + 3);
  });
  await page.waitForFunction(() => getSelection().toString() === '普京举行', null, { timeout: 5000 });
  await context.close();
});

// Regression: on a phone a suggestion could not be accepted or rejected: the hint named Enter and x, which a
// finger does not have.
test('at 390×844: a tapped suggestion is accepted, and another rejected, with the buttons beside the hint', async () => {
  const { context, page, errors } = await device(390, 844);
  await page.waitForFunction(() => (CSS.highlights.get('suggestion')?.size ?? 0) > 0, null, { timeout: 20_000, polling: 100 });
  const tapOn = async (needle, nth = 0) => {
    await reveal(page, needle);
    const y = (await locate(page, needle, nth)).first.top;
    await page.$eval('#text', (text, y) => text.scrollBy(0, y - innerHeight / 2), y);
    const { first } = await locate(page, needle, nth);
    await page.touchscreen.tap((first.left + first.right) / 2, (first.top + first.bottom) / 2);
  };
  assert.equal(await page.isVisible('#suggest-actions'), false, 'no buttons without a suggestion at the caret');
  await tapOn('普京举行');
  await page.waitForSelector('#suggest-actions:not([hidden])');
  const box = await page.$eval('#suggest-accept', (b) => b.getBoundingClientRect().toJSON());
  assert.ok(box.height >= 44 && box.right <= 390, `a finger-sized button on screen: ${JSON.stringify(box)}`);
  await page.tap('#suggest-accept');
  await page.waitForFunction(() => /普京/.test(document.getElementById('annlist').textContent));
  // The worker learns from the accepted one and suggests again: counted once that has settled.
  const drawn = () => page.evaluate(() => CSS.highlights.get('suggestion')?.size ?? 0);
  let before = -1;
  for (let n = await drawn(); n !== before; n = await drawn()) {
    before = n;
    await page.waitForTimeout(400);
  }
  await tapOn('俄罗斯总统', 1);
  await page.waitForSelector('#suggest-actions:not([hidden])');
  await page.tap('#suggest-reject');
  await page.waitForFunction((n) => (CSS.highlights.get('suggestion')?.size ?? 0) === n - 1, before, { polling: 100 });
  assert.match(await page.textContent('#hint'), /俄罗斯/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 820×1180 (tablet): text and annotations side by side, documents in a drawer, no sideways scroll', async () => {
  const { context, page, errors } = await device(820, 1180);
  const l = await layout(page);
  await shot(page, 'tablet');
  assert.equal(l.sideways, false, 'the page does not scroll sideways');
  assert.ok(l.side.shown && l.text.right <= l.side.left + 1, 'the list beside the text');
  assert.ok(l.text.width >= 480, `the text is ${l.text.width} px wide`);
  assert.equal(l.docs.shown, false);
  await page.tap('#docs-toggle');
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.docs')).transform === 'none');
  await shot(page, 'tablet-documents');
  assert.equal((await layout(page)).docs.shown, true);
  assert.deepEqual(errors, []);
  await context.close();
});
