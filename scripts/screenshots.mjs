// The README's screenshots, one a language: the page on the sample article
// with a few annotations and a relation, at 1280×800, written to
// docs/screenshot-zh-CN.png and docs/screenshot-en-US.png. Run by hand after
// a change of the page's look (`make build` first); `shoot` is also what
// tests/browser/i18n.test.mjs calls to see that it still works.
//
// Usage: node scripts/screenshots.mjs [out-dir]
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];
const SIZE = { width: 1280, height: 800 };
/** Words of the sample to label, each with its label key. */
const MARKS = [
  ['习近平', '1'],
  ['俄罗斯', '3'],
  ['普京', '1'],
  ['视频会晤', '4'],
];

/** Screen box of the first occurrence of `needle` in the text, from its first to its last character. */
const boxOf = (page, needle) =>
  page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.getElementById('text'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = node.data.indexOf(needle);
      if (i < 0 || node.parentElement.closest('.marks, .arcs')) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + needle.length);
      const r = range.getClientRects()[0];
      return { left: r.left, right: r.right, y: r.top + r.height / 2 };
    }
    return null;
  }, needle);

/** Writes the screenshot of the page in `locale` to `path`; the page is served at `base`. */
export async function shoot(browser, base, locale, path) {
  const context = await browser.newContext({ locale, viewport: SIZE, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${base}?sample`);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });
  for (const [word, key] of MARKS) {
    const box = await boxOf(page, word);
    if (!box) throw new Error(`the sample has no ${word}`);
    await page.mouse.move(box.left + 1, box.y);
    await page.mouse.down();
    await page.mouse.move(box.right - 1, box.y, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.press(key);
  }
  // A relation: the first person to the country, as a person would draw it (pick, r, the other, a type key).
  const from = await boxOf(page, '普京');
  await page.mouse.click(from.left + 2, from.y);
  await page.keyboard.press('r');
  const to = await boxOf(page, '俄罗斯');
  await page.mouse.click(to.left + 2, to.y);
  await page.keyboard.press('1');
  await page.mouse.move(640, 790);
  await page.screenshot({ path });
  await context.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = resolve(process.argv[2] ?? new URL('../docs/', import.meta.url).pathname);
  mkdirSync(out, { recursive: true });
  const server = await startServer(undefined, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
  try {
    for (const locale of ['zh-CN', 'en-US']) {
      const path = resolve(out, `screenshot-${locale}.png`);
      await shoot(browser, base, locale, path);
      console.log(`wrote ${path}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}
