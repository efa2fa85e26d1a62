// What every browser test needs: the site served on 127.0.0.1, Debian's
// Chromium driven by playwright-core, and helpers that act as a person does
// (find text on screen, drag the mouse over it, press keys, download).
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export const SEED = readFileSync(new URL('../../www/samples/seed.txt', import.meta.url), 'utf8');

/** Starts the server and the browser; returns `{base, browser, close}`. */
export async function setup() {
  const server = await startServer(undefined, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  // The page registers a service worker, which serves the page and its
  // modules from its cache: a test that routes or aborts a request would then
  // see the cache instead. Contexts block it unless a test asks for it.
  const newContext = (options = {}) => browser.newContext({ serviceWorkers: 'block', ...options });
  return {
    base,
    browser: { newContext, close: () => browser.close(), version: () => browser.version() },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * A new page in a fresh profile (or in `context`), recording console errors,
 * page errors and any request that leaves the origin.
 */
export async function openPage(env, { context = null, path = '' } = {}) {
  const ctx = context ?? (await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } }));
  const page = await ctx.newPage();
  const problems = { console: [], page: [], offOrigin: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(m.text());
  });
  page.on('pageerror', (e) => problems.page.push(String(e)));
  ctx.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(env.base) && !url.startsWith('blob:') && !url.startsWith('data:')) problems.offOrigin.push(url);
  });
  await page.goto(env.base + path);
  await waitReady(page);
  return { page, context: ctx, problems };
}

export async function waitReady(page) {
  // A plain function polled on a timer: selector polling walks the DOM, which
  // on a long text is itself work the page's measurements would see.
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000, polling: 50 });
}

/** Keeps the page's database busy for `ms`, so that autosave's next write waits behind it. */
export function holdDatabase(page, ms) {
  return page.evaluate(
    (ms) =>
      new Promise((ok, no) => {
        const open = indexedDB.open('biaozhu');
        open.onerror = () => no(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction(['states'], 'readwrite').objectStore('states');
          const until = performance.now() + ms;
          const spin = () => {
            if (performance.now() < until) store.count().onsuccess = spin;
          };
          spin();
          ok();
        };
      }),
    ms,
  );
}

/**
 * Waits until the page's database holds `count` annotations for the document
 * open last: what a reload then finds, whatever the "saved" line said (its
 * time has one-second steps, so it may read the same before and after a write).
 */
export async function waitStored(page, count) {
  await page.waitForFunction(
    (count) =>
      new Promise((ok) => {
        const open = indexedDB.open('biaozhu');
        open.onerror = () => ok(false);
        open.onsuccess = () => {
          const db = open.result;
          const meta = db.transaction(['meta']).objectStore('meta');
          meta.get('last').onsuccess = (e) => {
            const sha = e.target.result?.sha;
            if (!sha) {
              db.close();
              ok(false);
              return;
            }
            meta.get(`doc:${sha}`).onsuccess = (f) => {
              db.close();
              ok(f.target.result?.count === count);
            };
          };
        };
      }),
    count,
    { polling: 100, timeout: 10_000 },
  );
}

/** The project records the page's database holds, read straight from it. */
export function storedProjects(page) {
  return page.evaluate(
    () =>
      new Promise((ok, no) => {
        const open = indexedDB.open('biaozhu');
        open.onerror = () => no(open.error);
        open.onsuccess = () => {
          const db = open.result;
          db.transaction('projects').objectStore('projects').getAll().onsuccess = (e) => {
            db.close();
            ok(e.target.result);
          };
        };
      }),
  );
}

/**
 * Waits until `holds(projects)` is true of the project records stored (a
 * project's record is written a moment after what changes it); resolves to
 * them, or throws naming `what` after `ms`.
 */
export async function waitProjects(page, holds, what, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    const projects = await storedProjects(page);
    if (holds(projects)) return projects;
    if (Date.now() > until) throw new Error(`the stored projects never showed ${what}: ${JSON.stringify(projects)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Screen rectangles of the characters of the `nth` occurrence of `needle` in
 * the rendered text: `{first, last}` DOMRects of its first and last character.
 */
export async function locate(page, needle, nth = 0) {
  const found = await page.evaluate(
    ([needle, nth]) => {
      let seen = 0;
      for (const para of document.querySelectorAll('#text .para')) {
        const node = para.firstChild;
        let from = 0;
        for (;;) {
          const i = node.data.indexOf(needle, from);
          if (i < 0) break;
          if (seen++ === nth) {
            const rect = (a, b) => {
              const r = document.createRange();
              r.setStart(node, a);
              r.setEnd(node, b);
              const { left, right, top, bottom } = r.getBoundingClientRect();
              return { left, right, top, bottom };
            };
            const lastLen =
              needle.codePointAt(needle.length - 1) > 0xffff
                ? 2
                : needle.charCodeAt(needle.length - 1) >= 0xdc00 && needle.charCodeAt(needle.length - 1) < 0xe000
                  ? 2
                  : 1;
            return { first: rect(i, i + 1), last: rect(i + needle.length - lastLen, i + needle.length) };
          }
          from = i + 1;
        }
      }
      return null;
    },
    [needle, nth],
  );
  if (!found) throw new Error(`“${needle}” (occurrence ${nth}) is not on the page`);
  return found;
}

/**
 * `locate`, once the text has stopped moving: the same rectangles two frames
 * apart. A banner, a status line or a page of the text laid out for the first
 * time can move the text between the measure and the pointer's press, and a
 * slow machine makes that likelier (a drag then lands on another line).
 */
export async function locateSteady(page, needle, nth = 0) {
  let at = await locate(page, needle, nth);
  for (let tries = 0; tries < 50; tries++) {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const again = await locate(page, needle, nth);
    if (JSON.stringify(again) === JSON.stringify(at)) return at;
    at = again;
  }
  throw new Error(`“${needle}” (occurrence ${nth}) kept moving`);
}

/** Scrolls the `nth` occurrence of `needle` into view. */
export async function reveal(page, needle, nth = 0) {
  await page.evaluate(
    ([needle, nth]) => {
      let seen = 0;
      for (const para of document.querySelectorAll('#text .para')) {
        let from = 0;
        for (;;) {
          const i = para.firstChild.data.indexOf(needle, from);
          if (i < 0) break;
          if (seen++ === nth) {
            para.scrollIntoView({ block: 'center' });
            return;
          }
          from = i + 1;
        }
      }
    },
    [needle, nth],
  );
}

/**
 * Drags the mouse over `needle` as a person does: pressing inside its first
 * character (`from` = fraction of that character's width) and releasing inside
 * its last (`to`). With `{alt: true}`, Alt is held down.
 */
export async function drag(page, needle, { nth = 0, from = 0.4, to = 0.6, alt = false } = {}) {
  await reveal(page, needle, nth);
  const { first, last } = await locateSteady(page, needle, nth);
  const y0 = (first.top + first.bottom) / 2;
  const y1 = (last.top + last.bottom) / 2;
  if (alt) await page.keyboard.down('Alt');
  await page.mouse.move(first.left + (first.right - first.left) * from, y0);
  await page.mouse.down();
  await page.mouse.move(last.left + (last.right - last.left) * to, y1, { steps: 6 });
  await page.mouse.up();
  if (alt) await page.keyboard.up('Alt');
}

/** Clicks the middle of the `index`-th character of the `nth` occurrence of `needle`. */
export async function clickChar(page, needle, { nth = 0, index = 0 } = {}) {
  await reveal(page, needle, nth);
  const prefix = needle.slice(0, index);
  const { last } = await locateSteady(page, prefix + needle[index], nth).catch(() => locateSteady(page, needle, nth));
  await page.mouse.click((last.left + last.right) / 2, (last.top + last.bottom) / 2);
}

/** The annotations as the page lists them: `[{tag, quote, start, end}]`. */
export async function listed(page) {
  return page.$$eval('#annlist li', (lis) =>
    lis.map((li) => {
      const [start, end] = li.querySelector('.pos').textContent.split('–').map(Number);
      return { id: li.dataset.id, tag: li.querySelector('.lab').textContent, quote: li.querySelector('.quote').textContent, start, end };
    }),
  );
}

/** Presses `keys` and returns the parsed JSON of the download it starts. */
export async function download(page, trigger) {
  const [dl] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), json: JSON.parse(readFileSync(path, 'utf8')), raw: readFileSync(path) };
}

/** `[start, end)` in code points of a UTF-16 span of `text` (how Python would count). */
export function cpSpan(text, u16start, u16end) {
  return [[...text.slice(0, u16start)].length, [...text.slice(0, u16end)].length];
}

export function hint(page) {
  return page.textContent('#hint');
}

/** Opens `text` as a new document the way a person pastes it: Ctrl+V over the text. */
export async function paste(page, env, text) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.click('#text');
  await page.keyboard.press('Control+v');
}

/**
 * Downloads everything the Export button gives for `format` (`expectFiles`
 * files), accepting a left-out warning: `{files: [paths], leftOut: [texts] or null}`.
 */
export async function exportAs(page, format, expectFiles) {
  await page.selectOption('#export-format', format);
  const downloads = [];
  const collect = (d) => downloads.push(d);
  page.on('download', collect);
  const dialog = page.waitForSelector('#export-dialog[open]', { timeout: 3000 }).then(
    () => true,
    () => false,
  );
  await page.click('#export');
  let leftOut = null;
  if (await Promise.race([dialog, new Promise((ok) => setTimeout(() => ok(false), 1500))])) {
    leftOut = await page.$$eval('#export-left-out li', (lis) => lis.map((l) => l.textContent));
    await page.click('#export-anyway');
  }
  const until = Date.now() + 15_000;
  while (downloads.length < expectFiles) {
    if (Date.now() > until) {
      page.off('download', collect);
      throw new Error(
        `${format}: ${downloads.length} of ${expectFiles} files downloaded; the page says “${await page.textContent('#banner')}”`,
      );
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  page.off('download', collect);
  const dir = mkdtempSync(join(tmpdir(), `biaozhu-${format}-`));
  const files = [];
  for (const d of downloads) {
    const path = join(dir, d.suggestedFilename());
    await d.saveAs(path);
    files.push(path);
  }
  return { files, leftOut };
}

/**
 * Writes the database as version 1 of biaozhu did (whole states, no deltas)
 * with one document `name` of `text`, its `state` and undo `history`, opened
 * last. `page` must be a page of the site's origin that does not open the
 * database itself (e.g. `samples/seed.txt`).
 */
export async function writeVersion1Database(page, { sha, name, text, state, history, updated }) {
  await page.evaluate(
    ({ sha, name, text, state, history, updated }) =>
      new Promise((ok, no) => {
        const open = indexedDB.open('biaozhu', 1);
        open.onupgradeneeded = () => {
          for (const [store, keyPath] of [
            ['texts', 'sha'],
            ['states', 'sha'],
            ['meta', 'key'],
          ])
            open.result.createObjectStore(store, { keyPath });
        };
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['texts', 'states', 'meta'], 'readwrite');
          const about = { sha, name, length: [...text].length, count: state.annotations.length, updated };
          tx.objectStore('texts').put({ sha, name, text, encoding: 'UTF-8', bytes: null });
          tx.objectStore('states').put({ ...about, state, history });
          tx.objectStore('meta').put({ key: 'last', sha });
          tx.objectStore('meta').put({ key: `doc:${sha}`, ...about });
          tx.oncomplete = () => {
            db.close();
            ok();
          };
          tx.onerror = () => no(tx.error);
        };
      }),
    { sha, name, text, state, history, updated },
  );
}

/**
 * Two tabs on the sample in one profile: tab A labels 普京, and tab B, which
 * hears of that save, asks which version to keep. Returns `{context, a, b}`.
 */
export async function twoTabsInConflict(env) {
  const context = await env.browser.newContext();
  const a = (await openPage(env, { context })).page;
  const b = await context.newPage();
  await b.goto(env.base);
  await waitReady(b);
  await drag(a, '普京');
  await a.keyboard.press('1');
  await b.waitForSelector('#banner:not([hidden])');
  if (!/another tab/.test(await b.textContent('#banner')))
    throw new Error(`tab B does not ask about the other tab: ${await b.textContent('#banner')}`);
  return { context, a, b };
}
