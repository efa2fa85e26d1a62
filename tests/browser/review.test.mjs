// Review (issue 18): the open document compared with a second annotator's
// file of the same text, as a reviewer does it: Compare…, read the figures,
// step through the disagreements with the keys, settle each, Apply, export
// the gold annotations; a reload keeps them, and Ctrl+Z (after it too) takes
// the review back as one change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, drag, download, cpSpan, waitReady, SEED } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** Code point span of the `nth` occurrence of `needle` in the seed (the UTF-16 offset: the text before it). */
function span(needle, nth = 0) {
  const at = SEED.split(needle, nth + 1).join(needle).length;
  assert.ok(at < SEED.length, `${needle} occurs ${nth + 1} times in the seed`);
  return cpSpan(SEED, at, at + needle.length);
}

/** Cohen's κ over code points, each the label covering it or O (the spans here do not overlap). */
function kappa(length, a, b) {
  const cats = (spans) => {
    const out = new Array(length).fill('O');
    for (const s of spans) out.fill(s.label, s.start, s.end);
    return out;
  };
  const [x, y] = [cats(a), cats(b)];
  const observed = x.filter((c, i) => c === y[i]).length / length;
  const count = (arr, c) => arr.filter((v) => v === c).length / length;
  const expected = [...new Set([...x, ...y])].reduce((sum, c) => sum + count(x, c) * count(y, c), 0);
  return (observed - expected) / (1 - expected);
}

const exported = async (page) => (await download(page, () => page.keyboard.press('Control+s'))).json;
const spans = (json) => json.annotations.map((a) => `${a.label} ${a.start}-${a.end} ${a.quote}`).sort();
const cells = (page, label) => page.$$eval(`#review-figures tr[data-label="${label}"] td`, (tds) => tds.map((td) => td.textContent));

test('Compare… measures a second annotator against the open document, each disagreement is settled with the keys, Apply makes the gold annotations one undoable change', async () => {
  const { page, problems } = await openPage(env);
  for (const [needle, key, nth] of [
    ['习近平', '1', 1],
    ['北京', '3', 0],
    ['冬奥会', '5', 0],
  ]) {
    await drag(page, needle, { nth });
    await page.keyboard.press(key);
  }
  const mine = await exported(page);
  assert.equal(mine.annotations.length, 3);

  // The second annotator: 习近平 the same, 北京 an ORG, no 冬奥会, and 普京 that I left out.
  const theirs = structuredClone(mine);
  const at = (quote) => theirs.annotations.find((a) => a.quote === quote);
  at('北京').label = 'ORG';
  theirs.annotations = theirs.annotations.filter((a) => a.quote !== '冬奥会');
  const [s, e] = span('普京');
  theirs.annotations.push({ ...at('习近平'), id: 'extra-1', start: s, end: e, quote: '普京' });
  const dir = mkdtempSync(join(tmpdir(), 'biaozhu-review-'));
  const file = join(dir, 'second.biaozhu.json');
  writeFileSync(file, JSON.stringify(theirs));

  // A file of another text is refused with its name, and nothing is shown.
  const other = join(dir, 'other.biaozhu.json');
  const otherText = `${SEED}再见`;
  const sha256 = createHash('sha256').update(otherText, 'utf8').digest('hex');
  writeFileSync(other, JSON.stringify({ ...mine, document: { ...mine.document, text: otherText, length: [...otherText].length, sha256 } }));
  await page.click('#review-button');
  await page.waitForSelector('#review-dialog[open]');
  await page.setInputFiles('#review-file', other);
  await page.waitForSelector('#review-error:not([hidden])');
  assert.match(await page.textContent('#review-error'), /other\.biaozhu\.json is not of this text/);
  assert.equal(await page.isVisible('#review-result'), false);
  // Regression: a file of several documents (a project's JSONL) was refused ("opens one at a time"); the one of
  // this text is compared, and a file without it says so.
  const jsonl = (texts) => `${texts.map((text) => JSON.stringify({ text, label: [] })).join('\n')}\n`;
  writeFileSync(join(dir, 'none.jsonl'), jsonl(['第一篇。', '第二篇。']));
  await page.setInputFiles('#review-file', join(dir, 'none.jsonl'));
  await page.waitForFunction(() => /^None of the documents of none\.jsonl/.test(document.getElementById('review-error').textContent));
  writeFileSync(join(dir, 'team.jsonl'), jsonl(['第一篇。', SEED]));
  await page.setInputFiles('#review-file', join(dir, 'team.jsonl'));
  await page.waitForSelector('#review-result:not([hidden])');
  assert.match(await page.textContent('#review-counts'), /^3 disagreements: 3 only mine, 0 only theirs/);

  await page.setInputFiles('#review-file', file);
  await page.waitForSelector('#review-result:not([hidden])');
  assert.equal(await page.isVisible('#review-error'), false);
  // Exact match, theirs against mine: 1 of 3 theirs right, 1 of 3 mine found.
  const third = (1 / 3).toFixed(3);
  const len = [...SEED].length;
  const k = kappa(len, mine.annotations, theirs.annotations).toFixed(3);
  assert.deepEqual(await cells(page, 'All labels'), [third, third, third, k, '3', '3']);
  assert.deepEqual(await cells(page, '人物 PER'), ['0.500', '1.000', '0.667', '', '1', '2']);
  assert.deepEqual(await cells(page, '地点 LOC'), ['0.000', '0.000', '0.000', '', '1', '0']);
  assert.match(await page.textContent('#review-counts'), /^3 disagreements: 1 only mine, 1 only theirs, 1 label differs, 0 boundary/);

  // The figures and the list read as a table and a list by a screen reader.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () =>
    (await window.axe.run('#review-dialog', { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.help}`),
  );
  assert.deepEqual(violations, []);

  // In text order; each choice moves to the next. What is kept of each, by kind.
  const kinds = await page.$$eval('#review-list li', (lis) => lis.map((li) => li.textContent.split(':')[0]));
  assert.deepEqual([...kinds].sort(), ['label differs', 'only mine', 'only theirs']);
  const current = () => page.$eval('#review-list li[aria-current="true"]', (li) => Number(li.dataset.index));
  assert.equal(await current(), 0);
  await page.keyboard.press('n');
  await page.keyboard.press('ArrowDown');
  assert.equal(await current(), 2);
  await page.keyboard.press('ArrowDown');
  assert.equal(await current(), 2, 'the last stays the last');
  await page.keyboard.press('p');
  await page.keyboard.press('ArrowUp');
  assert.equal(await current(), 0);
  const key = { 'label differs': 't', 'only mine': 'x', 'only theirs': 'b' };
  for (const [i, kind] of kinds.entries()) {
    assert.equal(await current(), i);
    const shown = await page.textContent('#review-position');
    assert.ok(shown.endsWith(kind), `${shown} is the ${kind} one`);
    if (kind === 'label differs') {
      assert.match(await page.textContent('#review-mine'), /^「北京」 地点 LOC \d+–\d+$/);
      assert.match(await page.textContent('#review-their-span'), /^「北京」 机构 ORG \d+–\d+$/);
    }
    await page.keyboard.press(key[kind]);
  }
  const chosen = await page.$$eval('#review-list li', (lis) => lis.map((li) => li.dataset.choice));
  assert.deepEqual(
    chosen,
    kinds.map((kind) => ({ t: 'theirs', x: 'neither', b: 'both' })[key[kind]]),
  );
  await page.click('#review-apply');
  await page.waitForFunction(() => !document.getElementById('review-dialog').open);

  const gold = await exported(page);
  const b = span('北京');
  const x = span('习近平', 1);
  assert.deepEqual(spans(gold), [`ORG ${b[0]}-${b[1]} 北京`, `PER ${s}-${e} 普京`, `PER ${x[0]}-${x[1]} 习近平`].sort());
  assert.equal(gold.document.text, SEED);

  // Autosave kept the review, and its undo.
  await page.reload();
  await waitReady(page);
  assert.deepEqual(spans(await exported(page)), spans(gold), 'the gold annotations came back with the reload');

  await page.keyboard.press('Control+z');
  assert.deepEqual(spans(await exported(page)), spans(mine), 'one Ctrl+Z takes the whole review back');
  assert.deepEqual(problems.page, []);
  assert.deepEqual(problems.console, []);
  await page.close();
});

test('a doccano file of the open text is compared by label name, its offsets in UTF-16 units', async () => {
  const { page, problems } = await openPage(env);
  await drag(page, '北京');
  await page.keyboard.press('3');
  // doccano names a label by what the page calls its id, and counts UTF-16 units.
  const u16 = (needle) => [SEED.indexOf(needle), SEED.indexOf(needle) + needle.length];
  const line = {
    text: SEED,
    label: [
      [...u16('北京'), 'LOC'],
      [...u16('普京'), 'PER'],
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'biaozhu-review-')), 'second.jsonl');
  writeFileSync(file, `${JSON.stringify(line)}\n`);
  await page.click('#review-button');
  await page.setInputFiles('#review-file', file);
  await page.waitForSelector('#review-result:not([hidden])');
  const [precision, recall, f1] = await cells(page, 'All labels');
  assert.deepEqual([precision, recall, f1], ['0.500', '1.000', '0.667'], '北京 found, 普京 extra');
  assert.deepEqual(await cells(page, '地点 LOC'), ['1.000', '1.000', '1.000', '', '1', '1']);
  assert.match(await page.textContent('#review-counts'), /^1 disagreement: 0 only mine, 1 only theirs/);
  assert.deepEqual(problems.page, []);
  await page.close();
});
