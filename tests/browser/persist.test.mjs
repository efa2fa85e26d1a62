// Nothing lost, and every way in: labels edited in the page, autosave that
// survives a killed browser, recent documents, Open, drop and paste.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { setup, openPage, drag, listed, download, waitReady, CHROMIUM_ARGS, SEED } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('labels can be renamed, recoloured, rekeyed and added in the page; the set is saved, exported and undoable', async () => {
  const { page, context } = await openPage(env);
  await page.click('#edit-labels');
  const row = page.locator('#label-rows tr[data-label="PER"]');
  await row.locator('input[name="name"]').fill('人名 NAME');
  await row.locator('input[name="name"]').press('Tab');
  await row.locator('input[name="key"]').fill('n');
  await row.locator('input[name="key"]').press('Tab');
  await row.locator('input[name="color"]').evaluate((el) => { el.value = '#123456'; el.dispatchEvent(new Event('change', { bubbles: true })); });
  // A key another label has is refused with a message naming that label.
  const org = page.locator('#label-rows tr[data-label="ORG"] input[name="key"]');
  await org.fill('3');
  await org.press('Tab');
  assert.match(await page.textContent('#label-error'), /地点 LOC/);
  await page.click('#label-add');
  assert.equal(await page.locator('#label-rows tr').count(), 7);
  await page.click('#labels-dialog button[value="close"]');

  assert.match(await page.textContent('#labelbar'), /人名 NAME/);
  await drag(page, '普京');
  await page.keyboard.press('n');
  assert.equal((await listed(page))[0].tag, '人名 NAME');
  const { json } = await download(page, () => page.keyboard.press('Control+s'));
  const per = json.labels.find((l) => l.id === 'PER');
  assert.deepEqual([per.name, per.color, per.key], ['人名 NAME', '#123456', 'n']);
  assert.equal(json.labels.length, 7);
  assert.equal(json.labels.find((l) => l.id === 'ORG').key, '2', 'the refused key change did not happen');

  await page.reload();
  await waitReady(page);
  assert.match(await page.textContent('#labelbar'), /人名 NAME/);
  // Undo: the annotation, then the added label, then the colour, key and name.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Control+z');
  assert.match(await page.textContent('#labelbar'), /人物 PER/);
  assert.equal(await page.locator('#labelbar button.label').count(), 6);
  await context.close();
});

test('a browser killed mid-work reopens on the same document with everything there', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'biaozhu-profile-'));
  const launch = () => chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 900 } });
  let ctx = await launch();
  let page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(env.base);
  await waitReady(page);
  await drag(page, '习近平');
  await page.keyboard.press('1');
  await drag(page, '俄罗斯');
  await page.keyboard.press('3');
  await page.keyboard.press('Control+z');
  // Autosave is immediate: the status says so well under a second later.
  await page.waitForFunction(() => /saved/.test(document.getElementById('saved').textContent), null, { timeout: 1000 });
  await ctx.close(); // no unload, no warning: as if the tab were killed

  ctx = await launch();
  page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(env.base);
  await waitReady(page);
  const items = await listed(page);
  assert.deepEqual(items.map((i) => i.quote), ['习近平']);
  assert.equal(await page.isEnabled('#redo'), true, 'the undone change can still be redone');
  await page.click('#redo');
  assert.equal((await listed(page)).length, 2);
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

test('Open takes a .txt, and Recent reopens the earlier document with its annotations', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '普京');
  await page.keyboard.press('1');
  const file = join(tmpdir(), `biaozhu-open-${process.pid}.txt`);
  writeFileSync(file, '😀李白出生于碎叶城，与杜甫是好友。\r\n第二行𠮷野家\n');
  await page.setInputFiles('#open-file', file);
  await page.waitForFunction(() => document.getElementById('docname').textContent.startsWith('biaozhu-open-'));
  await waitReady(page);
  assert.equal((await listed(page)).length, 0);
  await drag(page, '杜甫');
  await page.keyboard.press('1');
  await drag(page, '𠮷野家', { alt: true, from: 0.1, to: 0.9 });
  await page.keyboard.press('3');
  const { json } = await download(page, () => page.keyboard.press('Control+s'));
  const spans = Object.fromEntries(json.annotations.map((a) => [a.quote, [a.start, a.end]]));
  // Code points: 😀 counts one, \r\n counts two.
  assert.deepEqual(spans['杜甫'], [11, 13]);
  assert.deepEqual(spans['𠮷野家'], [22, 25]);

  const seedSha = (await import('node:crypto')).createHash('sha256').update(SEED).digest('hex');
  await page.selectOption('#recent', seedSha);
  await page.waitForFunction(() => document.getElementById('docname').textContent === '000_cbc67faf9157e332.txt');
  await waitReady(page);
  assert.deepEqual((await listed(page)).map((i) => i.quote), ['普京']);
  await context.close();
});

test('a file dropped on the page opens', async () => {
  const { page, context } = await openPage(env);
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['拖放的文件：北京大学'], 'dropped.txt', { type: 'text/plain' }));
    return dt;
  });
  await page.dispatchEvent('#text', 'dragenter', { dataTransfer });
  assert.equal(await page.isVisible('#dropzone'), true);
  await page.dispatchEvent('#text', 'drop', { dataTransfer });
  await page.waitForFunction(() => document.getElementById('docname').textContent === 'dropped.txt');
  await waitReady(page);
  assert.equal(await page.textContent('#text .para'), '拖放的文件：北京大学');
  await context.close();
});

test('pasting plain text opens it as a new document', async () => {
  const { page, context } = await openPage(env);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  await page.evaluate(() => navigator.clipboard.writeText('粘贴的新闻：上海合作组织峰会'));
  await page.click('#text');
  await page.keyboard.press('Control+v');
  await page.waitForFunction(() => document.getElementById('docname').textContent.startsWith('pasted-'));
  await waitReady(page);
  assert.equal(await page.textContent('#text .para'), '粘贴的新闻：上海合作组织峰会');
  await context.close();
});
