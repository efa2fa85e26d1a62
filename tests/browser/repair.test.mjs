// Protects: a saved state that an earlier version left broken (a discontinuous
// annotation resized without its pieces, so that every export failed) is
// repaired when the page opens it, with a message, losing nothing; undo and
// redo of the broken resize stay consistent; the repair is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setup, listed, download, waitReady, writeVersion1Database, SEED } from './harness.mjs';
import { DEFAULT_LABELS } from '../../www/js/labels.js';

const SEED_SHA = createHash('sha256').update(SEED).digest('hex');
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** Writes a database as an earlier biaozhu left it: its last change resized a two-piece annotation's end and kept the old pieces. */
async function writeBrokenSave(page, at) {
  const created = '2026-11-20T10:00:00.000Z';
  const good = {
    id: 'a1',
    start: at,
    end: at + 6,
    label: 'PER',
    created,
    fragments: [
      [at, at + 2],
      [at + 4, at + 6],
    ],
  };
  const broken = { ...good, end: at + 8 };
  await writeVersion1Database(page, {
    sha: SEED_SHA,
    name: 'broken.txt',
    text: SEED,
    updated: created,
    state: { labels: DEFAULT_LABELS, annotations: [broken], relations: [], docLabels: [] },
    history: {
      version: 1,
      done: [
        { op: 'replaceAll', annotations: { created: [good], deleted: [], updated: [] } },
        { op: 'resize', annotations: { created: [], deleted: [], updated: [[good, broken]] } },
      ],
      undone: [],
      nextId: 2,
      nextRelationId: 1,
    },
  });
}

const exported = async (page) =>
  (await download(page, () => page.keyboard.press('Control+s'))).json.annotations.map(({ start, end, fragments }) => ({
    start,
    end,
    fragments,
  }));

test('a broken discontinuous annotation saved by an earlier version is repaired on load, said so, undoable and saved', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A page of the same origin that does not open the database, to write it as the old version did.
  await page.goto(`${env.base}samples/seed.txt`);
  const at = [...SEED.slice(0, SEED.indexOf('普京'))].length;
  await writeBrokenSave(page, at);

  await page.goto(env.base);
  await waitReady(page);
  assert.equal(await page.textContent('#docname'), 'broken.txt');
  const banner = await page.textContent('#banner');
  assert.match(banner, /repaired/i, 'the person is told that an annotation was repaired');
  await page.waitForSelector('#annlist li');
  assert.equal((await listed(page)).length, 1, 'nothing lost');
  // The person's last resize is honoured: the end moved the last piece.
  const repaired = {
    start: at,
    end: at + 8,
    fragments: [
      [at, at + 2],
      [at + 4, at + 8],
    ],
  };
  assert.deepEqual(await exported(page), [repaired]);

  // Undo and redo go between the two valid versions, never back to the broken one.
  await page.click('#undo');
  assert.deepEqual(await exported(page), [
    {
      start: at,
      end: at + 6,
      fragments: [
        [at, at + 2],
        [at + 4, at + 6],
      ],
    },
  ]);
  await page.click('#redo');
  assert.deepEqual(await exported(page), [repaired]);

  // Saved repaired: a reload has nothing left to repair.
  await page.reload();
  await waitReady(page);
  assert.ok((await page.isHidden('#banner')) || !/repaired/i.test(await page.textContent('#banner')), 'no repair needed after a reload');
  assert.deepEqual(await exported(page), [repaired]);
  assert.deepEqual(errors, []);
  await context.close();
});
