// Nothing lost, and every way in: labels edited in the page, autosave that
// survives a killed browser, recent documents, Open, drop and paste.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  setup,
  openPage,
  writeVersion1Database,
  drag,
  listed,
  download,
  waitReady,
  paste,
  holdDatabase,
  CHROMIUM_ARGS,
  SEED,
} from './harness.mjs';
import { DEFAULT_LABELS } from '../../www/js/labels.js';

const SEED_SHA = createHash('sha256').update(SEED).digest('hex');

/**
 * What the page's IndexedDB holds for a document, read straight from it: the
 * database version, how many annotations its snapshot has, and its deltas.
 */
function stored(page, sha = SEED_SHA) {
  return page.evaluate(
    (sha) =>
      new Promise((ok, no) => {
        const open = indexedDB.open('biaozhu');
        open.onerror = () => no(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['states', 'deltas'], 'readonly');
          const state = tx.objectStore('states').get(sha);
          const deltas = tx.objectStore('deltas').getAll(IDBKeyRange.bound([sha], [sha, []]));
          tx.oncomplete = () => {
            db.close();
            try {
              // A snapshot holds the state as an object (version 1) or as its JSON text.
              const snapshot =
                state.result && (typeof state.result.state === 'string' ? JSON.parse(state.result.state) : state.result.state);
              ok({
                version: db.version,
                annotations: snapshot?.annotations.length ?? null,
                deltas: deltas.result.filter((d) => d.base === (state.result?.base ?? '')).map((d) => `${d.how} ${d.change.op}`),
              });
            } catch (err) {
              no(err);
            }
          };
        };
      }),
    sha,
  );
}

/** Waits until the stored deltas of the seed article are `expected`; returns what is stored. */
async function storedDeltas(page, expected) {
  let last;
  for (let i = 0; i < 100; i++) {
    last = await stored(page);
    if (JSON.stringify(last.deltas) === JSON.stringify(expected)) return last;
    await page.waitForTimeout(50);
  }
  assert.deepEqual(last.deltas, expected);
  return last;
}

/** Kills the browser of a persistent context at once (SIGKILL): no unload, no last write, as a crash. */
async function kill(ctx, dir) {
  const closed = new Promise((ok) => ctx.once('close', ok));
  const children = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const browser = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir));
  assert.ok(browser, 'the browser process of the profile is found');
  process.kill(Number(browser), 'SIGKILL');
  await closed;
}

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test('labels can be renamed, recoloured, rekeyed and added in the page; the set is saved, exported and undoable', async () => {
  const { page, context } = await openPage(env);
  await page.click('#edit-labels');
  const row = page.locator('#label-rows tr[data-label="PER"]');
  await row.locator('input[name="name"]').fill('人名 NAME');
  await row.locator('input[name="name"]').press('Tab');
  await row.locator('input[name="key"]').fill('q');
  await row.locator('input[name="key"]').press('Tab');
  await row.locator('input[name="color"]').evaluate((el) => {
    el.value = '#123456';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
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
  await page.keyboard.press('q');
  assert.equal((await listed(page))[0].tag, '人名 NAME');
  const { json } = await download(page, () => page.keyboard.press('Control+s'));
  const per = json.labels.find((l) => l.id === 'PER');
  assert.deepEqual([per.name, per.color, per.key], ['人名 NAME', '#123456', 'q']);
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

test('a browser killed mid-work reopens on the same document with everything there (snapshot + deltas replayed)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'biaozhu-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(dir, {
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
    });
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
  // Each change is a small delta after the snapshot written on opening, not the whole document again.
  const before = await storedDeltas(page, ['do create', 'do create', 'undo create']);
  assert.equal(before.annotations, 0);
  await kill(ctx, dir); // no unload, no warning, no chance to write a snapshot

  ctx = await launch();
  page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(env.base);
  await waitReady(page);
  const items = await listed(page);
  assert.deepEqual(
    items.map((i) => i.quote),
    ['习近平'],
  );
  assert.equal(await page.isEnabled('#redo'), true, 'the undone change can still be redone');
  await page.click('#redo');
  assert.equal((await listed(page)).length, 2);
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a change whose write has not landed when the page is reloaded is kept on leaving and restored, not lost', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '习近平');
  await page.keyboard.press('1');
  await drag(page, '俄罗斯');
  await page.keyboard.press('3');
  await page.waitForFunction(() => /saved/.test(document.getElementById('saved').textContent));
  await holdDatabase(page, 3000);
  await page.keyboard.press('Control+z'); // its delta now waits behind the busy database
  await page.reload();
  await waitReady(page);
  assert.deepEqual(
    (await listed(page)).map((i) => i.quote),
    ['习近平'],
    'the undo is there',
  );
  assert.equal(await page.isEnabled('#redo'), true, 'and can be redone');
  // Restored, it is written: a second reload, with nothing in the way, shows the same.
  await page.waitForFunction(() => /saved \d/.test(document.getElementById('saved').textContent));
  assert.equal(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('biaozhu:unsaved:')).length),
    0,
    'the leftovers are forgotten once written',
  );
  await page.reload();
  await waitReady(page);
  assert.deepEqual(
    (await listed(page)).map((i) => i.quote),
    ['习近平'],
  );
  await context.close();
});

test('leftovers of a page are not taken over a newer save of another tab', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '习近平');
  await page.keyboard.press('1');
  await page.waitForFunction(() => /saved/.test(document.getElementById('saved').textContent));
  // Leftovers as a page that went away would have kept them, older than what another tab then saved.
  const sha = SEED_SHA;
  await page.evaluate((sha) => {
    localStorage.setItem(
      `biaozhu:unsaved:${sha}`,
      JSON.stringify({
        writer: { tab: 'a-tab-long-gone', v: 99 },
        state: { labels: [], annotations: [], relations: [], docLabels: [] },
        history: null,
      }),
    );
  }, sha);
  await page.reload();
  await waitReady(page);
  assert.deepEqual(
    (await listed(page)).map((i) => i.quote),
    ['习近平'],
    'what storage holds stays',
  );
  assert.equal(await page.evaluate((sha) => localStorage.getItem(`biaozhu:unsaved:${sha}`), sha), null, 'the stale leftovers are dropped');
  await context.close();
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
  assert.deepEqual(spans.杜甫, [11, 13]);
  assert.deepEqual(spans.𠮷野家, [22, 25]);

  const seedSha = (await import('node:crypto')).createHash('sha256').update(SEED).digest('hex');
  await page.selectOption('#recent', seedSha);
  await page.waitForFunction(() => document.getElementById('docname').textContent === '000_cbc67faf9157e332.txt');
  await waitReady(page);
  assert.deepEqual(
    (await listed(page)).map((i) => i.quote),
    ['普京'],
  );
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
  await paste(page, env, '粘贴的新闻：上海合作组织峰会');
  await page.waitForFunction(() => document.getElementById('docname').textContent.startsWith('pasted-'));
  await waitReady(page);
  assert.equal(await page.textContent('#text .para'), '粘贴的新闻：上海合作组织峰会');
  await context.close();
});

test('an old database (version 1: whole states, no deltas) opens with its annotations and undo, and is upgraded', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // A page of the same origin that does not open the database, to write it as version 1 of biaozhu did.
  await page.goto(`${env.base}samples/seed.txt`);
  const at = [...SEED.slice(0, SEED.indexOf('普京'))].length;
  const ann = { id: 'a1', start: at, end: at + 2, label: 'PER', created: '2024-05-01T12:00:00.000Z' };
  await writeVersion1Database(page, {
    sha: SEED_SHA,
    name: 'old.txt',
    text: SEED,
    updated: ann.created,
    state: { labels: DEFAULT_LABELS, annotations: [ann], relations: [], docLabels: [] },
    history: {
      version: 1,
      done: [{ op: 'create', annotations: { created: [ann], deleted: [], updated: [] } }],
      undone: [],
      nextId: 2,
      nextRelationId: 1,
    },
  });

  await page.goto(env.base);
  await waitReady(page);
  assert.equal(await page.textContent('#docname'), 'old.txt');
  assert.deepEqual(
    (await listed(page)).map((i) => i.quote),
    ['普京'],
  );
  await page.click('#undo'); // its history came along
  assert.deepEqual(await listed(page), []);
  await page.click('#redo');
  await drag(page, '北京');
  await page.keyboard.press('3');
  // The old state stays the snapshot; the changes follow it as deltas in the upgraded database.
  const now = await storedDeltas(page, ['undo create', 'redo create', 'do create']);
  assert.equal(now.version, 3); // upgraded twice: deltas (2), then projects (3)
  assert.equal(now.annotations, 1);
  await page.reload();
  await waitReady(page);
  assert.deepEqual((await listed(page)).map((i) => i.quote).sort(), ['北京', '普京']);
  await context.close();
});

test('a tab that does not hear of another tab’s save (no BroadcastChannel) still does not save over it', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    delete window.BroadcastChannel;
  });
  const a = (await openPage(env, { context })).page;
  const b = (await openPage(env, { context })).page;
  await drag(a, '普京');
  await a.keyboard.press('1');
  await storedDeltas(a, ['do create']);
  // B read the document before A's change: its first save finds A's delta and writes nothing.
  await drag(b, '北京');
  await b.keyboard.press('3');
  await b.waitForSelector('#banner:not([hidden])');
  assert.match(await b.textContent('#banner'), /another tab/);
  assert.match(await b.textContent('#saved'), /not saved/);
  assert.deepEqual((await stored(b)).deltas, ['do create']);
  // Keeping B's version writes all of it over A's...
  await b.click('#banner button:has-text("Keep this")');
  await b.waitForFunction(() => /^saved/.test(document.getElementById('saved').textContent));
  // ...and A, unaware, is then refused in turn, and can load B's version.
  await drag(a, '习近平');
  await a.keyboard.press('1');
  await a.waitForSelector('#banner:not([hidden])');
  assert.match(await a.textContent('#banner'), /another tab/);
  await a.click('#banner button:has-text("Load the other")');
  await a.waitForFunction(() => [...document.querySelectorAll('#annlist .quote')].map((q) => q.textContent).join() === '北京');
  await context.close();
});

// Regression: a text added to a project has a summary but no snapshot. A change made while it was opening (before
// its first snapshot, which replaces whatever is stored) was written expecting nothing stored, found the summary,
// and the page said "changed in another tab" with nothing changed anywhere else.
test('a text added to a project holds no work: a first write expecting nothing stored goes through, and is refused once a snapshot is there', async () => {
  const { page, context } = await openPage(env);
  const answers = await page.evaluate(async () => {
    const { openStorage } = await import('/js/storage.js');
    const { addDocuments, openProjectId } = await import('/js/storage-projects.js');
    const storage = await openStorage();
    const sha = 'f'.repeat(64);
    const text = '甲乙丙。';
    await addDocuments(storage, await openProjectId(storage), [
      { sha, name: 'added.txt', text, encoding: 'UTF-8', length: 4, state: null },
    ]);
    const record = (base) => ({
      state: { annotations: [], relations: [], docLabels: [] },
      history: null,
      base,
      name: 'added.txt',
      length: 4,
      count: 0,
    });
    const tryPut = (base) =>
      storage.putState(sha, record(base), { onlyIf: null }).then(
        () => 'written',
        (e) => e.kind,
      );
    return [(await storage.recent()).some((r) => r.sha === sha), await tryPut('first'), await tryPut('second')];
  });
  assert.deepEqual(answers, [true, 'written', 'conflict']);
  await context.close();
});
