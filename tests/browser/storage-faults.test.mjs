// Storage that fails in ways the browser does not report as errors: an
// IndexedDB that never answers (a known WebKit fault) and a localStorage whose
// very reading throws. The page must start, say what it can and cannot keep,
// and go on working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, drag, listed, waitReady, download } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test('when IndexedDB never answers, the page stops waiting, says so, and works in memory with Export', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  await context.addInitScript(() => {
    // A request whose callbacks are never called.
    IDBFactory.prototype.open = () => ({});
  });
  const started = Date.now();
  const { page, problems } = await openPage(env, { context });
  assert.ok(Date.now() - started < 20_000);
  await page.waitForSelector('#banner:not([hidden])');
  assert.match(await page.textContent('#banner'), /did not answer within/);
  assert.match(await page.textContent('#banner'), /export/i);
  await drag(page, '普京');
  await page.keyboard.press('1');
  await drag(page, '北京');
  await page.keyboard.press('3');
  assert.equal((await listed(page)).length, 2);
  const { json } = await download(page, () => page.click('#banner button.action'));
  assert.equal(json.annotations.length, 2);
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('when reading localStorage throws, the page still starts and saves in IndexedDB', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const { page, problems } = await openPage(env, { context });
  assert.equal(await page.isHidden('#banner'), true);
  await drag(page, '普京');
  await page.keyboard.press('1');
  await page.waitForFunction(() => /saved \d/.test(document.getElementById('saved').textContent), null, { polling: 50 });
  await page.reload();
  await waitReady(page);
  assert.deepEqual(
    (await listed(page)).map((a) => a.quote),
    ['普京'],
  );
  assert.deepEqual(problems.page, []);
  await context.close();
});
