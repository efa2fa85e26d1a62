// Review of a project (issue 18), as a reviewer does it: a project of three
// documents, two annotators' files of them loaded as layers (one a doccano
// JSONL of all three plus one the project lacks, the other three brat
// .txt/.ann pairs), the table read and checked against figures this test
// works out itself, the layers still there after a reload, each document's
// disagreements stepped through and settled in the text with the keys, and
// the gold exported as the project's file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, listed, waitReady } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const dir = mkdtempSync(join(tmpdir(), 'biaozhu-review-project-'));
const sha = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const write = (name, content) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const TEXTS = {
  'libai.txt': '李白出生于碎叶城。他是唐代诗人。',
  'dufu.txt': '杜甫生于河南巩县，字子美。',
  'wangwei.txt': '王维，字摩诘，河东蒲州人。',
  'jingye.txt': '床前明月光，疑是地上霜。',
};
const [LIBAI, DUFU, WANGWEI, JINGYE] = Object.values(TEXTS);
/** `[start, end, label]` of `needle` in `text` (these texts are all in the BMP: UTF-16 units are code points). */
const at = (text, needle, label) => [text.indexOf(needle), text.indexOf(needle) + needle.length, label];

// Alice and Bob differ once a document: a label, a boundary, a span only Bob has.
const ALICE = {
  [LIBAI]: [at(LIBAI, '李白', 'PER'), at(LIBAI, '碎叶城', 'LOC')],
  [DUFU]: [at(DUFU, '杜甫', 'PER'), at(DUFU, '河南巩县', 'LOC')],
  [WANGWEI]: [at(WANGWEI, '王维', 'PER'), at(WANGWEI, '河东蒲州', 'LOC')],
  [JINGYE]: [],
};
const BOB = {
  [LIBAI]: [at(LIBAI, '李白', 'PER'), at(LIBAI, '碎叶城', 'ORG')],
  [DUFU]: [at(DUFU, '杜甫', 'PER'), at(DUFU, '河南', 'LOC')],
  [WANGWEI]: [at(WANGWEI, '王维', 'PER'), at(WANGWEI, '摩诘', 'PER'), at(WANGWEI, '河东蒲州', 'LOC')],
  [JINGYE]: [],
};
const NAMES = { PER: '人物 PER', LOC: '地点 LOC', ORG: '机构 ORG' };

/** Exact-span P/R/F1 of `b` against `a` over `texts`. */
function prf(a, b, texts) {
  const key = ([s, e, l]) => `${s} ${e} ${l}`;
  let [matched, na, nb] = [0, 0, 0];
  for (const t of texts) {
    const mine = new Set(a[t].map(key));
    matched += b[t].filter((x) => mine.has(key(x))).length;
    na += a[t].length;
    nb += b[t].length;
  }
  return { precision: matched / nb, recall: matched / na, f1: (2 * matched) / (na + nb) };
}

/** Cohen's κ over every code point of `texts`, each the label covering it or O (no spans overlap here). */
function kappa(a, b, texts) {
  const cats = (side) =>
    texts.flatMap((t) => {
      const out = new Array(t.length).fill('O');
      for (const [s, e, l] of side[t]) out.fill(l, s, e);
      return out;
    });
  const [x, y] = [cats(a), cats(b)];
  const n = x.length;
  const observed = x.filter((c, i) => c === y[i]).length / n;
  const share = (arr, c) => arr.filter((v) => v === c).length / n;
  const expected = [...new Set([...x, ...y])].reduce((sum, c) => sum + share(x, c) * share(y, c), 0);
  return (observed - expected) / (1 - expected);
}

const fixed = (x) => x.toFixed(3);
const cells = (page, selector) => page.$$eval(`${selector} td`, (tds) => tds.map((td) => td.textContent));

async function openIs(page, name) {
  await page.waitForFunction((n) => document.getElementById('docname').textContent.startsWith(n), name, { timeout: 15_000, polling: 50 });
  await waitReady(page);
}

/** Opens the Annotators dialog and waits for its table. */
async function openTable(page) {
  await page.click('#layers-button');
  await page.waitForSelector('#layers-dialog[open] #layers-result:not([hidden])', { timeout: 10_000 });
}

/** Reviews document `text` from the table: resolves when the bar shows its first disagreement. */
async function review(page, text, name) {
  await openTable(page);
  await page.click(`#layers-documents tr[data-sha="${sha(text)}"] button`);
  await openIs(page, name);
  await page.waitForSelector('#adjudicate-bar:not([hidden])');
}

test('two annotators’ files of a project are compared per label and per document, each disagreement settled in the text, the gold exported', async () => {
  const { page, problems } = await openPage(env);
  page.on('dialog', (d) => d.accept(d.type() === 'prompt' ? 'Poets' : undefined));
  await page.selectOption('#project', '');
  await page.waitForFunction(() => /Poets/.test(document.getElementById('project').selectedOptions[0]?.textContent ?? ''));
  await page.setInputFiles(
    '#open-file',
    Object.entries(TEXTS).map(([name, text]) => write(name, text)),
  );
  await openIs(page, 'libai.txt');

  // Alice: one doccano JSONL of the three texts and one more the project lacks.
  const lines = Object.entries(ALICE).map(([text, label]) => JSON.stringify({ text, label }));
  lines.push(JSON.stringify({ text: '苏轼，字子瞻。', label: [[0, 2, 'PER']] }));
  const alice = write('alice.jsonl', `${lines.join('\n')}\n`);
  // Bob: brat, a .txt and its .ann a document, in a folder of his.
  mkdirSync(join(dir, 'bob'));
  const bob = Object.entries(TEXTS).flatMap(([name, text]) => {
    const ann = BOB[text].map(([s, e, l], i) => `T${i + 1}\t${l} ${s} ${e}\t${text.slice(s, e)}`).join('\n');
    return [write(join('bob', name), text), write(join('bob', name.replace('.txt', '.ann')), `${ann}\n`)];
  });

  await page.click('#layers-button');
  await page.setInputFiles('#layers-file', alice);
  await page.waitForSelector('#layers-list li[data-layer="alice"]');
  assert.match(await page.textContent('#layers-problems'), /alice has documents this project lacks \(left out\): /);
  // A file that cannot be read is named with its reason, and no layer is made of it.
  await page.setInputFiles('#layers-file', write('broken.jsonl', '{"text": "李白", "label": [[0, 9, "PER"]]}\n'));
  await page.waitForSelector('#layers-error:not([hidden])');
  assert.match(await page.textContent('#layers-error'), /^Nothing was added: broken\.jsonl: /);
  assert.equal(await page.$$eval('#layers-list li', (lis) => lis.length), 1);
  await page.fill('#layers-annotator', 'Bob');
  await page.setInputFiles('#layers-file', bob);
  await page.waitForSelector('#layers-result:not([hidden])', { timeout: 10_000 });
  assert.deepEqual(await page.$$eval('#layers-list li', (lis) => lis.map((li) => li.dataset.layer)), ['alice', 'Bob']);

  // The table against what this test works out.
  const all = [LIBAI, DUFU, WANGWEI, JINGYE];
  const want = prf(ALICE, BOB, all);
  const overall = await cells(page, '#layers-figures tr[data-label="All labels"]');
  assert.deepEqual(overall.slice(0, 3), [want.precision, want.recall, want.f1].map(fixed));
  assert.equal(overall[6], fixed(kappa(ALICE, BOB, all)));
  // Krippendorff's unitizing α comes from the core, whose figures tests/agree.rs works by hand.
  assert.match(overall[7], /^-?\d\.\d{3}$/);
  const per = (label) => {
    const only = (side) => Object.fromEntries(all.map((t) => [t, side[t].filter((x) => x[2] === label)]));
    return prf(only(ALICE), only(BOB), all);
  };
  const loc = await cells(page, `#layers-figures tr[data-label="${NAMES.LOC}"]`);
  assert.deepEqual(loc.slice(0, 3), [per('LOC').precision, per('LOC').recall, per('LOC').f1].map(fixed));
  // Overlap: Bob's 河南 lies in Alice's 河南巩县, so both count there; Alice's 碎叶城 is still not found (Bob's is ORG).
  assert.deepEqual(loc.slice(3, 6), [2 / 2, 2 / 3, (2 * (2 / 3)) / (1 + 2 / 3)].map(fixed));
  assert.match(
    await page.textContent('#layers-counts'),
    /0 only in the first, 1 only in the second, 1 label differs, 1 boundary differs, 0 both differ/,
  );
  for (const [text, label] of [
    [LIBAI, 'libai'],
    [DUFU, 'dufu'],
    [WANGWEI, 'wangwei'],
  ]) {
    const [f1, k, n] = await cells(page, `#layers-documents tr[data-sha="${sha(text)}"]`);
    assert.equal(f1, fixed(prf(ALICE, BOB, [text]).f1), label);
    assert.equal(k, fixed(kappa(ALICE, BOB, [text])), label);
    assert.equal(n, '1', label);
  }
  // Regression: a document neither annotator labelled read F1 0.000, as if they disagreed on everything.
  assert.deepEqual((await cells(page, `#layers-documents tr[data-sha="${sha(JINGYE)}"]`)).slice(0, 3), ['—', '—', '0']);

  await page.evaluate(AXE);
  const violations = (where) =>
    page.evaluate(
      async (w) => (await window.axe.run(w, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.help}`),
      where,
    );
  assert.deepEqual(await violations('#layers-dialog'), [], 'axe-core finds nothing wrong in the dialog with its tables');

  // A third layer (Carol, a copy of Alice's file) brings the figures of all three; removed, it takes them away.
  assert.equal(await page.isVisible('#layers-multi'), false);
  await page.fill('#layers-annotator', 'Carol');
  await page.setInputFiles('#layers-file', alice);
  await page.waitForSelector('#layers-multi:not([hidden])');
  assert.match(await page.textContent('#layers-multi'), /^All 3 layers: Fleiss’ κ 0\.\d{3}, Krippendorff’s α 0\.\d{3} /);
  await page.click('#layers-list li[data-layer="Carol"] button');
  await page.waitForSelector('#layers-multi[hidden]', { state: 'attached' });

  // The layers are the project's: a reload keeps them.
  await page.keyboard.press('Escape');
  await page.reload();
  await openIs(page, 'libai.txt');
  await openTable(page);
  assert.deepEqual(await page.$$eval('#layers-list li', (lis) => lis.map((li) => li.dataset.layer)), ['alice', 'Bob']);
  await page.keyboard.press('Escape');

  // libai: the document starts from what both agree on; m keeps Alice's label.
  await review(page, LIBAI, 'libai.txt');
  assert.deepEqual(
    (await listed(page)).map((a) => a.quote),
    ['李白'],
    'only the span both annotators agree on',
  );
  assert.match(await page.textContent('#adjudicate-position'), /Disagreement 1 of 1: label differs/);
  assert.equal(await page.textContent('#adjudicate-kept'), 'not settled');
  assert.equal(await page.evaluate(() => CSS.highlights.has('disagreement-current')), true, 'the disagreement is highlighted in the text');
  await page.evaluate(AXE);
  assert.deepEqual(
    await page.evaluate(async () => (await window.axe.run('#adjudicate-bar', { resultTypes: ['violations'] })).violations.map((v) => v.id)),
    [],
  );
  const before = (await listed(page)).length;
  await page.keyboard.press('m');
  await page.waitForFunction((n) => document.querySelectorAll('#annlist li').length === n + 1, before);
  assert.equal(await page.textContent('#adjudicate-kept'), 'kept: first');
  // One change: Ctrl+Z takes the choice back, and t then keeps Bob's instead.
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('#annlist li').length === n, before);
  await page.waitForFunction(() => document.getElementById('adjudicate-kept').textContent === 'kept: neither');
  await page.keyboard.press('t');
  await page.waitForFunction((n) => document.querySelectorAll('#annlist li').length === n + 1, before);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('m');
  await page.waitForFunction((n) => document.querySelectorAll('#annlist li').length === n + 1, before);

  // dufu: Bob's shorter 河南; wangwei: Bob's extra 摩诘 kept beside the agreed spans.
  await review(page, DUFU, 'dufu.txt');
  assert.match(await page.textContent('#adjudicate-position'), /boundary differs/);
  await page.keyboard.press('t');
  await page.waitForFunction(() => document.getElementById('adjudicate-kept').textContent === 'kept: second');
  await review(page, WANGWEI, 'wangwei.txt');
  assert.match(await page.textContent('#adjudicate-position'), /only in the second/);
  // Only Bob has 摩诘: keeping both keeps his, and the bar says what the document now holds.
  await page.keyboard.press('b');
  await page.waitForFunction(() => document.getElementById('adjudicate-kept').textContent === 'kept: second');
  await page.waitForFunction(() => /^saved/.test(document.getElementById('saved').textContent), null, { timeout: 10_000 });

  // The gold: the project's documents' annotations, in its export.
  await page.selectOption('#export-format', 'biaozhu');
  const downloaded = page.waitForEvent('download', { timeout: 30_000 });
  await page.keyboard.press('Control+Shift+S');
  const path = join(dir, 'gold.json');
  await (await downloaded).saveAs(path);
  const gold = JSON.parse(readFileSync(path, 'utf8'));
  const got = Object.fromEntries(
    gold.documents
      .map((d) => [d.document?.text ?? d.text, d.annotations.map((a) => `${a.label} ${a.quote}`).sort()])
      // The sample the page opened with may have joined the new project too: it has no layer, so it is not reviewed.
      .filter(([text]) => Object.values(TEXTS).includes(text)),
  );
  assert.deepEqual(got, {
    [LIBAI]: ['LOC 碎叶城', 'PER 李白'],
    [DUFU]: ['LOC 河南', 'PER 杜甫'],
    [WANGWEI]: ['LOC 河东蒲州', 'PER 摩诘', 'PER 王维'],
    [JINGYE]: [],
  });
  assert.deepEqual(problems.page, []);
  assert.deepEqual(problems.console, []);
  await page.close();
});
