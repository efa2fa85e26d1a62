// The core loop, as a person does it: drag over words, press a label key,
// pick, relabel, resize, delete, undo, export, reload, import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, SEED, drag, clickChar, listed, download, waitReady, hint, locate } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const cps = [...SEED];
/** Code point span of the `nth` occurrence of `needle` in the seed. */
function span(needle, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = SEED.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} is in the seed`);
  const start = [...SEED.slice(0, at)].length;
  return [start, start + [...needle].length];
}

async function label(page, needle, key, opts = {}) {
  await drag(page, needle, opts);
  await page.keyboard.press(key);
}

test('a drag from inside one character to inside another selects whole words, and a key labels it', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '俄罗斯', { from: 0.7, to: 0.2 });
  assert.equal(await page.evaluate(() => getSelection().toString()), '俄罗斯');
  await page.keyboard.press('3');
  const items = await listed(page);
  assert.equal(items.length, 1);
  assert.deepEqual([items[0].start, items[0].end], span('俄罗斯'));
  assert.equal(items[0].quote, '俄罗斯');
  assert.equal(items[0].tag, '地点 LOC');
  await context.close();
});

test('snapping stops at sub-words: 中国 can be taken out of 中国政府', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '中国', { nth: 0, from: 0.5, to: 0.5 });
  assert.equal(await page.evaluate(() => getSelection().toString()), '中国');
  await context.close();
});

test('Alt+drag and the Exact toggle select exact characters', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '罗斯', { alt: true, from: 0.1, to: 0.9 });
  assert.equal(await page.evaluate(() => getSelection().toString()), '罗斯');
  await page.click('#exact');
  assert.equal(await page.getAttribute('#exact', 'aria-pressed'), 'true');
  await drag(page, '罗斯', { from: 0.1, to: 0.9 });
  assert.equal(await page.evaluate(() => getSelection().toString()), '罗斯');
  await context.close();
});

test('double-click selects one word; w widens word → sentence → paragraph', async () => {
  const { page, context } = await openPage(env);
  const { first } = await locate(page, '普京表示');
  await page.mouse.dblclick(first.right - 2, (first.top + first.bottom) / 2);
  assert.equal(await page.evaluate(() => getSelection().toString()), '普京');
  await page.keyboard.press('w');
  const sentence = await page.evaluate(() => getSelection().toString());
  assert.ok(sentence.startsWith('普京表示') && sentence.endsWith('典范。'), sentence);
  await page.keyboard.press('w');
  const paragraph = await page.evaluate(() => getSelection().toString());
  assert.ok(paragraph.startsWith('普京表示') && paragraph.length > sentence.length, 'widened to the paragraph');
  assert.ok(!paragraph.includes('\n'));
  await context.close();
});

test('a selection that crosses a line break is cut to its first paragraph, with a hint', async () => {
  const { page, context } = await openPage(env);
  const a = await locate(page, '会晤');
  const b = await locate(page, 'ВСТРЕЧА');
  await page.mouse.move(a.first.left + 3, (a.first.top + a.first.bottom) / 2);
  await page.mouse.down();
  await page.mouse.move(b.last.right - 2, (b.last.top + b.last.bottom) / 2, { steps: 8 });
  await page.mouse.up();
  assert.equal(await page.evaluate(() => getSelection().toString()), '会晤');
  assert.match(await hint(page), /line break/);
  await context.close();
});

test('overlapping and nested spans are all drawn; clicks cycle through them; relabel, resize, delete, undo, redo', async () => {
  const { page, context } = await openPage(env);
  await label(page, '俄罗斯总统普京', '6'); // CLAIM over the phrase
  await label(page, '俄罗斯', '3'); // LOC nested inside
  await label(page, '普京', '1'); // PER nested inside
  let items = await listed(page);
  assert.equal(items.length, 3);
  assert.equal(await page.locator('#text .tag').count(), 3);
  // Click on 罗 (inside CLAIM and LOC): the innermost (LOC) first, then CLAIM.
  await clickChar(page, '俄罗斯总统普京', { index: 1 });
  assert.match(await page.textContent('#annlist li.picked .lab'), /LOC/);
  await clickChar(page, '俄罗斯总统普京', { index: 1 });
  assert.match(await page.textContent('#annlist li.picked .lab'), /CLAIM/);
  // Relabel the picked CLAIM as EVENT, then resize its end back by one word (普京 out).
  await page.keyboard.press('5');
  items = await listed(page);
  assert.ok(
    items.some((i) => i.tag === '事件 EVENT' && i.quote === '俄罗斯总统普京'),
    JSON.stringify(items),
  );
  await page.keyboard.press('Shift+ArrowLeft');
  items = await listed(page);
  assert.ok(
    items.some((i) => i.tag === '事件 EVENT' && i.quote === '俄罗斯总统'),
    JSON.stringify(items),
  );
  await page.keyboard.press('Control+Shift+ArrowRight');
  items = await listed(page);
  assert.ok(
    items.some((i) => i.tag === '事件 EVENT' && i.quote === '总统'),
    JSON.stringify(items),
  );
  await page.keyboard.press('Alt+Shift+ArrowRight');
  items = await listed(page);
  assert.ok(
    items.some((i) => i.tag === '事件 EVENT' && i.quote === '总统普'),
    JSON.stringify(items),
  );
  await page.keyboard.press('Delete');
  assert.equal((await listed(page)).length, 2);
  for (let i = 0; i < 5; i++) await page.keyboard.press('Control+z');
  items = await listed(page);
  assert.ok(
    items.some((i) => i.tag === '观点 CLAIM' && i.quote === '俄罗斯总统普京'),
    'undo went back to the first label',
  );
  // Regression: after Ctrl+Z the hint still said what the action undone had said; it names what it undid.
  assert.match(await hint(page), /^Undone: \S+ [A-Z]+ “[^”]+” \(Ctrl\+Shift\+Z does it again\)\.$/);
  await page.keyboard.press('Control+Shift+Z');
  assert.equal(await hint(page), 'Done again.');
  await page.keyboard.press('Control+y');
  items = await listed(page);
  assert.ok(
    items.some((i) => i.tag === '事件 EVENT' && i.quote === '俄罗斯总统'),
    JSON.stringify(items),
  );
  await page.click('#undo');
  await page.click('#redo');
  assert.ok((await listed(page)).some((i) => i.quote === '俄罗斯总统'));
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#annlist li.picked').count(), 0);
  await context.close();
});

test('a click on a list item scrolls to the annotation and picks it', async () => {
  const { page, context } = await openPage(env);
  await label(page, '上海合作组织', '2');
  await page.evaluate(() => {
    document.getElementById('text').scrollTop = 0;
  });
  await page.click('#annlist li');
  assert.equal(await page.locator('#annlist li.picked').count(), 1);
  const visible = await page.evaluate(() => {
    const bar = document.querySelector('#text .bar.picked');
    const r = bar.getBoundingClientRect();
    const t = document.getElementById('text').getBoundingClientRect();
    return r.top >= t.top && r.bottom <= t.bottom;
  });
  assert.ok(visible);
  await context.close();
});

test('export downloads the native JSON with code point offsets, quotes and labels; reload keeps everything', async () => {
  const { page, context } = await openPage(env);
  await label(page, '习近平', '1', { nth: 1 });
  await label(page, '北京', '3');
  await label(page, '冬奥会', '5');
  const { name, json } = await download(page, () => page.keyboard.press('Control+s'));
  assert.equal(name, '000_cbc67faf9157e332.biaozhu.json');
  assert.equal(json.format, 'biaozhu');
  assert.equal(json.document.text, SEED);
  assert.equal(json.document.unit, 'codepoint');
  assert.equal(json.document.length, cps.length);
  assert.equal(json.document.sha256, (await import('node:crypto')).createHash('sha256').update(SEED, 'utf8').digest('hex'));
  const got = json.annotations.map((a) => [a.label, a.start, a.end, a.quote]).sort((a, b) => a[1] - b[1]);
  assert.deepEqual(
    got,
    [
      ['PER', ...span('习近平', 1), '习近平'],
      ['LOC', ...span('北京'), '北京'],
      ['EVENT', ...span('冬奥会'), '冬奥会'],
    ].sort((a, b) => a[1] - b[1]),
  );
  for (const a of json.annotations) assert.equal(cps.slice(a.start, a.end).join(''), a.quote);
  assert.deepEqual(
    json.labels.map((l) => l.id),
    ['PER', 'ORG', 'LOC', 'TIME', 'EVENT', 'CLAIM'],
  );
  // The Export button does the same.
  const again = await download(page, () => page.click('#export'));
  assert.equal(again.json.annotations.length, 3);

  await page.keyboard.press('Control+z'); // history position is saved too
  await page.reload();
  await waitReady(page);
  const items = await listed(page);
  assert.equal(items.length, 2);
  assert.equal(await page.isEnabled('#redo'), true, 'redo survives the reload');
  await page.click('#redo');
  assert.equal((await listed(page)).length, 3);
  await context.close();
});

test('import of an export restores document, labels and annotations in a fresh profile', async () => {
  const first = await openPage(env);
  await label(first.page, '普京', '1');
  await label(first.page, '新华社', '2');
  const { json, raw } = await download(first.page, () => first.page.keyboard.press('Control+s'));
  await first.context.close();

  const file = join(tmpdir(), `biaozhu-import-${process.pid}.biaozhu.json`);
  writeFileSync(file, raw);
  const fresh = await openPage(env);
  assert.equal((await listed(fresh.page)).length, 0);
  await fresh.page.setInputFiles('#open-file', file);
  await fresh.page.waitForFunction(() => document.querySelectorAll('#annlist li').length === 2);
  const items = await listed(fresh.page);
  assert.deepEqual(items.map((i) => i.quote).sort(), json.annotations.map((a) => a.quote).sort());
  await fresh.page.keyboard.press('Control+z');
  assert.equal((await listed(fresh.page)).length, 0, 'the import is one undoable change');
  await fresh.context.close();
});

const refusals = [
  ['not JSON', () => '{"format": "biaozhu", ', /JSON/i],
  ['unknown format', (j) => JSON.stringify({ ...j, format: 'other' }), /format/i],
  ['unknown version', (j) => JSON.stringify({ ...j, version: 99 }), /version/i],
  ['quote does not match its offsets', (j) => JSON.stringify({ ...j, annotations: [{ ...j.annotations[0], quote: '普京X' }] }), /quote/i],
  [
    'text whose hash does not match',
    (j) => JSON.stringify({ ...j, document: { ...j.document, sha256: '0'.repeat(64) } }),
    /sha-?256|hash/i,
  ],
];

for (const [what, make, message] of refusals) {
  test(`an import is refused, changing nothing, when it has a ${what}`, async () => {
    const { page, context } = await openPage(env);
    await label(page, '普京', '1');
    const { json } = await download(page, () => page.keyboard.press('Control+s'));
    await label(page, '北京', '3');
    const before = await listed(page);
    const file = join(tmpdir(), `biaozhu-bad-${process.pid}-${what.replace(/\W/g, '')}.json`);
    writeFileSync(file, make(json));
    await page.setInputFiles('#open-file', file);
    await page.waitForSelector('#banner:not([hidden])');
    const text = await page.textContent('#banner');
    assert.match(text, message);
    assert.match(text, /nothing changed/);
    assert.deepEqual(await listed(page), before);
    await context.close();
  });
}

test('a dozen overlapping annotations made by dragging (screenshot)', async () => {
  const { page, context } = await openPage(env);
  const plan = [
    ['习近平主席同俄罗斯总统普京视频会晤', '6'],
    ['习近平', '1'],
    ['主席', '2'],
    ['俄罗斯', '3'],
    ['俄罗斯总统普京', '1'],
    ['普京', '1'],
    ['视频会晤', '5'],
    ['ВСТРЕЧА ПРЕДСЕДАТЕЛЯ КНР', '5'],
    ['КНР', '3'],
    ['ПУТИНА', '1'],
    ['15日下午', '4'],
    ['国家主席习近平', '1'],
    ['北京', '3'],
  ];
  for (const [needle, key] of plan) await label(page, needle, key);
  assert.equal((await listed(page)).length, plan.length);
  await page.evaluate(() => {
    document.getElementById('text').scrollTop = 0;
  });
  await page.keyboard.press('Escape');
  mkdirSync('tests/output', { recursive: true });
  await page.screenshot({ path: 'tests/output/seed-annotated.png' });
  await context.close();
});

test('keyboard only: the caret moves by paragraph and word, Shift+→ selects word by word, a key labels', async () => {
  const { page, context } = await openPage(env);
  await page.keyboard.press('ArrowDown'); // the first paragraph with text
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await page.evaluate(() => getSelection().toString()), '习近平');
  await page.keyboard.press('1');
  await page.keyboard.press('ArrowDown'); // the caret was after 习近平: the next paragraph is the Russian title
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await page.evaluate(() => getSelection().toString()), 'ВСТРЕЧА ПРЕДСЕДАТЕЛЯ');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await page.evaluate(() => getSelection().toString()), 'ВСТРЕЧА');
  await page.keyboard.press('2');
  // ↑ goes back to the start of the caret's paragraph, then to the one before (blank lines skipped).
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await page.evaluate(() => getSelection().toString()), '习近平');
  await page.keyboard.press('Escape');
  const items = await listed(page);
  assert.deepEqual(
    items.map((i) => [i.quote, i.tag, i.start, i.end]),
    [
      ['习近平', '人物 PER', ...span('习近平')],
      ['ВСТРЕЧА', '机构 ORG', ...span('ВСТРЕЧА')],
    ],
  );
  await context.close();
});
