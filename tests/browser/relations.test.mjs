// Relations as a person makes them: pick a span, r, pick the other, a type
// key; the arc drawn with data-relation, picked by a click, retyped, reversed
// and deleted (the relation, never its annotations), each undone and redone,
// kept over a reload; a link between far parts of a long text drawn from
// whichever end is in view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, SEED, drag, clickChar, listed, download, waitReady, hint, reveal } from './harness.mjs';
import { DEFAULT_LABELS } from '../../www/js/labels.js';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** Labels each `[word, key]` by dragging over it and pressing the key. */
async function labelAll(page, pairs) {
  for (const [word, key] of pairs) {
    await drag(page, word);
    await page.keyboard.press(key);
  }
}

/** Labels 普京 PER (key 1) and 俄罗斯 LOC (key 3) by dragging; gives their ids. */
async function twoSpans(page) {
  await labelAll(page, [
    ['普京', '1'],
    ['俄罗斯', '3'],
  ]);
  const items = await listed(page);
  const id = (quote) => items.find((x) => x.quote === quote).id;
  return { putin: id('普京'), russia: id('俄罗斯') };
}

/** The relations as the side panel lists them. */
const rows = (page) =>
  page.$$eval('#rellist li', (lis) =>
    lis.map((li) => ({ id: li.dataset.id, text: li.textContent, picked: li.classList.contains('picked') })),
  );
const arcs = (page) => page.$$eval('#text [data-relation]', (gs) => gs.map((g) => g.dataset.relation));

/** The contract: click, r, click, 1. */
async function relate(page, fromText, toText) {
  await clickChar(page, fromText);
  await page.keyboard.press('r');
  assert.match(await hint(page), /click the other annotation.*type key/);
  await clickChar(page, toText);
  assert.match(await hint(page), /press a type key/);
  await page.keyboard.press('1');
}

test('contract: pick, r, pick the other, 1 makes a relation of the first type, drawn with data-relation and exported by Ctrl+S', async () => {
  const { page, context, problems } = await openPage(env);
  const { putin, russia } = await twoSpans(page);
  await relate(page, '普京', '俄罗斯');
  const [r] = await rows(page);
  assert.match(r.text, /普京 → 发言 said → 俄罗斯/);
  assert.deepEqual(await arcs(page), [r.id]);
  // The 1 made a relation, not a relabelling of the second span.
  assert.equal((await listed(page)).find((x) => x.id === russia).tag, '地点 LOC');
  const { json } = await download(page, () => page.keyboard.press('Control+s'));
  assert.deepEqual(
    json.relations.map(({ id, from, to, kind }) => ({ id, from, to, kind })),
    [{ id: r.id, from: putin, to: russia, kind: 'SAID' }],
  );
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('Esc while drawing a relation makes none, and the next type key does not relabel', async () => {
  const { page, context } = await openPage(env);
  const { russia } = await twoSpans(page);
  await clickChar(page, '普京');
  await page.keyboard.press('r');
  await page.keyboard.press('Escape');
  await clickChar(page, '俄罗斯');
  assert.deepEqual(await rows(page), []);
  // Arrow keys and Enter choose the other end too.
  await clickChar(page, '普京');
  await page.keyboard.press('r');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.keyboard.press('2');
  const [r] = await rows(page);
  assert.match(r.text, /普京 → 位于 located in → 俄罗斯/, 'the span before 普京 is 俄罗斯');
  assert.equal((await listed(page)).find((x) => x.id === russia).tag, '地点 LOC');
  await context.close();
});

test('a clicked arc is picked: a type key retypes, r reverses, Delete removes only the relation; each undone and redone, and a reload keeps them', async () => {
  const { page, context } = await openPage(env);
  await twoSpans(page);
  await relate(page, '普京', '俄罗斯');
  const [{ id }] = await rows(page);
  const text = async () => (await rows(page))[0]?.text ?? null;

  await page.click(`[data-relation="${id}"]`);
  assert.equal((await rows(page))[0].picked, true);
  assert.equal(await page.getAttribute(`[data-relation="${id}"]`, 'class'), 'arc picked');
  assert.match(await hint(page), /r reverses, Delete deletes/);

  await page.keyboard.press('2');
  assert.match(await text(), /普京 → 位于 located in → 俄罗斯/);
  await page.keyboard.press('Control+z');
  assert.match(await text(), /发言 said/);
  await page.keyboard.press('Control+Shift+z');
  assert.match(await text(), /位于 located in/);

  await page.reload();
  await waitReady(page);
  assert.match(await text(), /普京 → 位于 located in → 俄罗斯/, 'the retyped relation is there after a reload');
  assert.deepEqual(await arcs(page), [id]);

  await page.click(`[data-relation="${id}"]`);
  await page.keyboard.press('r');
  assert.match(await text(), /俄罗斯 → 位于 located in → 普京/);
  assert.match(await hint(page), /Reversed/);
  await page.keyboard.press('Control+z');
  assert.match(await text(), /普京 → 位于 located in → 俄罗斯/);
  await page.keyboard.press('Control+Shift+z');
  assert.match(await text(), /俄罗斯 → 位于 located in → 普京/);

  await page.click(`[data-relation="${id}"]`);
  await page.keyboard.press('Delete');
  assert.deepEqual(await rows(page), []);
  assert.deepEqual(await arcs(page), []);
  assert.equal((await listed(page)).length, 2, 'Delete on a relation keeps both annotations');
  await page.keyboard.press('Control+z');
  assert.deepEqual(await arcs(page), [id]);
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual(await arcs(page), []);
  await page.keyboard.press('Control+z');

  await page.reload();
  await waitReady(page);
  assert.match(await text(), /俄罗斯 → 位于 located in → 普京/, 'the undone deletion is kept over a reload');
  await context.close();
});

test('a row of the relations picks the relation: Delete then removes it, not the annotation it starts from', async () => {
  const { page, context } = await openPage(env);
  await twoSpans(page);
  await relate(page, '普京', '俄罗斯');
  await page.click('#rellist li');
  await page.keyboard.press('Delete');
  assert.deepEqual(await rows(page), []);
  assert.deepEqual((await listed(page)).map((x) => x.quote).sort(), ['俄罗斯', '普京'].sort());
  // Esc lets go of a picked relation: Delete then does nothing to it.
  await page.keyboard.press('Control+z');
  await page.click('#rellist li');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Delete');
  assert.equal((await rows(page)).length, 1);
  await context.close();
});

const LONG = Array.from({ length: 40 }, () => SEED).join('\n');

test('a relation between the two ends of a long text is drawn when either end is in view, toward the other end', async () => {
  const cps = [...LONG];
  const at = (needle, fromEnd) => {
    const u = fromEnd ? LONG.lastIndexOf(needle) : LONG.indexOf(needle);
    const start = [...LONG.slice(0, u)].length;
    return { start, end: start + [...needle].length, quote: needle };
  };
  const first = { id: 'a1', ...at('习近平', false), label: 'PER', created: '' };
  const last = { id: 'a2', ...at('北京', true), label: 'LOC', created: '' };
  assert.ok(last.start > cps.length * 0.9);
  const sha256 = createHash('sha256').update(LONG).digest('hex');
  const native = { format: 'biaozhu', version: 2, labels: DEFAULT_LABELS, docLabels: [] };
  native.document = { name: 'far.txt', text: LONG, sha256, length: cps.length, unit: 'codepoint' };
  native.annotations = [first, last];
  native.relations = [{ id: 'r1', from: 'a1', to: 'a2', kind: 'LOCATED_IN' }];
  const file = join(mkdtempSync(join(tmpdir(), 'biaozhu-rel-')), 'far.biaozhu.json');
  writeFileSync(file, JSON.stringify(native));
  const { page, context } = await openPage(env);
  await page.setInputFiles('#open-file', file);
  await page.waitForFunction(() => document.getElementById('count').textContent === '2', null, { timeout: 30_000 });
  await waitReady(page);
  const drawn = () =>
    page.evaluate(() => {
      const g = document.querySelector('#text [data-relation="r1"]');
      if (!g) return null;
      const box = document.getElementById('text').getBoundingClientRect();
      const r = g.querySelector('.line').getBoundingClientRect();
      return { below: r.bottom > box.bottom, above: r.top < box.top };
    });
  await reveal(page, '习近平', 0);
  await page.waitForFunction(() => document.querySelector('#text [data-relation="r1"]'));
  assert.equal((await drawn()).below, true, 'from the first page, the arc runs down toward the end');
  // In the middle neither end is in view: nothing drawn there.
  await page.evaluate(() => {
    const t = document.getElementById('text');
    t.scrollTop = t.scrollHeight / 2;
  });
  await page.waitForFunction(() => !document.querySelector('#text [data-relation="r1"]'));
  await reveal(page, '北京', 40 * (SEED.split('北京').length - 1) - 1);
  await page.waitForFunction(() => document.querySelector('#text [data-relation="r1"]'));
  assert.equal((await drawn()).above, true, 'from the last page, the arc runs up toward the start');
  // The pages above were laid out only as the view reached them, taller than
  // their estimate: the arc follows the text down, its end just above 北京
  // (it stayed 765 px above it, where a click on its name met the text).
  const endAboveBeijing = () => {
    const t = document.getElementById('text');
    const para = [...t.querySelectorAll('.para')].findLast((p) => p.firstChild?.data.includes('北京'));
    const node = para.firstChild;
    const r = document.createRange();
    r.setStart(node, node.data.lastIndexOf('北京'));
    r.setEnd(node, node.data.lastIndexOf('北京') + 2);
    const line = t.querySelector('[data-relation="r1"] .line')?.getBoundingClientRect();
    return line && Math.abs(line.bottom - (r.getBoundingClientRect().top - 12)) < 4;
  };
  await page.waitForFunction(endAboveBeijing, null, { timeout: 5000, polling: 50 });
  // Clicking it there (its name: the element runs off the view toward the other end) picks it.
  await page.click('[data-relation="r1"] .label');
  assert.match(await hint(page), /Picked relation 位于 located in “习近平” → “北京”/);
  await context.close();
});

test('a drag from one tag to another, then a type key, makes a relation; a click on a tag still picks it', async () => {
  const { page, context } = await openPage(env);
  const { putin, russia } = await twoSpans(page);
  const centre = async (id) => {
    const b = await page.locator(`#text .tag[data-id="${id}"]`).boundingBox();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };
  const a = await centre(putin);
  const b = await centre(russia);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
  assert.match(await hint(page), /Relation “普京” → “俄罗斯”: press a type key/);
  assert.deepEqual(await rows(page), [], 'nothing made before the type key');
  await page.keyboard.press('4');
  const [r] = await rows(page);
  assert.match(r.text, /普京 — 相关 related — 俄罗斯/, 'an undirected type shows no direction');
  assert.equal(await page.locator(`[data-relation="${r.id}"] .head`).count(), 0, 'and its arc has no arrowhead');
  await page.mouse.click(a.x, a.y);
  assert.match(await hint(page), /Picked 人物 PER “普京”.*r draws a relation/);
  await context.close();
});

test('an arc across lines leaves the text under it clickable: only its name picks it', async () => {
  const { page, context } = await openPage(env);
  await labelAll(page, [
    ['习近平', '1'],
    ['北京', '3'],
  ]);
  await relate(page, '习近平', '北京');
  const [{ id }] = await rows(page);
  // A point on the arc's line where it runs down over the lines between its ends.
  const at = await page.evaluate((id) => {
    const line = document.querySelector(`[data-relation="${id}"] .line`);
    const p = line.getPointAtLength(line.getTotalLength() * 0.8);
    const m = line.getScreenCTM();
    return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
  }, id);
  await page.mouse.click(at.x, at.y);
  assert.equal(await page.locator('#rellist li.picked').count(), 0, 'a click on the line over the text does not pick the relation');
  await page.click(`[data-relation="${id}"] .label`);
  assert.equal(await page.locator('#rellist li.picked').count(), 1);
  await context.close();
});
