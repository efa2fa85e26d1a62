// Offline and installable (issue 19): a visit leaves a copy of the page with
// the service worker (www/sw.js), so that a reload with no network, and a
// visit later with the server gone, still open the page and annotate; the
// manifest and its icons load; opened from file://, the page says in words
// how to serve it instead of sitting there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, drag, setup, waitReady } from './harness.mjs';
import { chromium } from 'playwright-core';
import { startServer, WWW } from '../../scripts/serve.mjs';

let env;
before(async () => {
  mkdirSync(new URL('../artifacts/', import.meta.url), { recursive: true });
  env = await setup();
});
after(() => env.close());

/** A page of its own server (which the test may stop), in a fresh profile that allows service workers. */
async function servedPage() {
  const server = await startServer(undefined, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const context = await env.browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  await waitReady(page);
  // The worker installs after the page has loaded: its copy is complete once it is active.
  await page.evaluate(() => navigator.serviceWorker.ready);
  return {
    server,
    base,
    context,
    page,
    errors,
    stop: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(ok);
      }),
  };
}

test('with the network off, a reload opens the page from the copy and a drag and a key still annotate', async () => {
  const { context, page, errors, stop } = await servedPage();
  await context.setOffline(true);
  // The server is gone too: nothing the reload gets can come from it.
  await stop();
  await page.reload();
  await waitReady(page);
  await page.waitForFunction(() => /dictionary: ready/.test(document.getElementById('status').textContent), null, { timeout: 30_000 });
  await drag(page, '普京');
  await page.keyboard.press('1');
  assert.match(await page.textContent('#annlist'), /普京/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the control: with service workers blocked, the same reload with the network off fails', async () => {
  const server = await startServer(undefined, 0);
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await waitReady(page);
  await context.setOffline(true);
  await assert.rejects(page.reload(), /ERR_INTERNET_DISCONNECTED|net::/, 'nothing but the worker answers offline');
  await context.close();
  await new Promise((ok) => server.close(ok));
});

test('a later visit with the server gone, at the address with ?sample, opens the sample from the copy', async () => {
  const { base, context, page, stop } = await servedPage();
  await page.close();
  await stop();
  const later = await context.newPage();
  await later.goto(`${base}?sample`);
  await waitReady(later);
  assert.match(await later.textContent('#text'), /习近平/);
  await context.close();
});

test('the copy is one cache named by the build (precache.js), holding every file of the list', async () => {
  const { context, page, stop } = await servedPage();
  const { names, version, files, cached } = await page.evaluate(async () => {
    const text = await (await fetch('precache.js')).text();
    const { version, files } = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
    const names = (await caches.keys()).filter((k) => k.startsWith('biaozhu-'));
    const cache = await caches.open(`biaozhu-${version}`);
    const cached = (await cache.keys()).map((r) => new URL(r.url).pathname.slice(1)).sort();
    return { names, version, files, cached };
  });
  assert.deepEqual(names, [`biaozhu-${version}`], 'one copy, named by the build that made it');
  assert.deepEqual(cached, [...files].sort());
  assert.ok(files.includes('pkg/biaozhu_bg.wasm') && files.includes('dict/jieba.pack.gz') && files.includes('index.html'));
  await context.close();
  await stop();
});

test('the manifest names icons that load, and the page links it', async () => {
  const { context, page, base, stop } = await servedPage();
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    return (await fetch(href)).json();
  });
  assert.equal(manifest.start_url, './');
  const sizes = manifest.icons.map((i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), `icons of 192 and 512 px: ${sizes}`);
  for (const icon of manifest.icons) {
    const response = await page.request.get(new URL(icon.src, base).href);
    assert.equal(response.status(), 200, icon.src);
    assert.equal(response.headers()['content-type'], icon.type, icon.src);
  }
  await context.close();
  await stop();
});

test('opened from file://, the page says in words how to serve it', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage();
  await page.goto(pathToFileURL(`${WWW}/index.html`).href);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'unserved', null, { timeout: 10_000 });
  assert.equal(await page.isVisible('#banner'), true);
  const said = await page.textContent('#banner');
  assert.match(said, /make serve/);
  assert.match(said, /static web server/);
  assert.match(said, /网页服务器/);
  await page.screenshot({ path: new URL('../artifacts/file-url.png', import.meta.url).pathname });
  await browser.close();
});
