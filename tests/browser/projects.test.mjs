// Projects, as a person uses them: many texts chosen, dropped or in a folder
// become documents of one project; the list shows each with its figures and
// status; keys, rows, the address bar, Back/Forward and a reload move between
// them; what an older page saved is in the first project.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  setup,
  openPage,
  drag,
  clickChar,
  listed,
  waitReady,
  waitStored,
  waitProjects,
  SEED,
  writeVersion1Database,
  hint,
} from './harness.mjs';
import { CATALOGUES } from '../../www/js/i18n/index.js';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const dir = mkdtempSync(join(tmpdir(), 'biaozhu-projects-'));
const sha = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const SAMPLE_SHA = sha(SEED);

const TEXTS = {
  'libai.txt': '李白出生于碎叶城。他是唐代诗人。',
  'dufu.txt': '杜甫生于河南巩县，字子美。',
  'wangwei.txt': '王维，字摩诘，河东蒲州人。',
};

function write(name, content) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The list as shown: `[{sha, status, name, count, current}]`. */
const rows = (page) =>
  page.$$eval('#doclist li', (lis) =>
    lis.map((li) => ({
      sha: li.dataset.doc,
      status: li.dataset.status,
      name: li.querySelector('.doc-name').textContent,
      count: Number(li.querySelector('.doc-count').textContent),
      current: li.getAttribute('aria-current') === 'true',
    })),
  );

/** Waits until the open document is `name`, drawn and ready. */
async function openIs(page, name) {
  await page.waitForFunction((n) => document.getElementById('docname').textContent.startsWith(n), name, { timeout: 15_000, polling: 50 });
  await waitReady(page);
  await page.waitForFunction((n) => document.querySelector('#doclist li[aria-current] .doc-name')?.textContent === n, name, {
    timeout: 15_000,
    polling: 50,
  });
}

async function addThree(page) {
  await page.setInputFiles(
    '#open-file',
    Object.entries(TEXTS).map(([name, text]) => write(name, text)),
  );
  await openIs(page, 'libai.txt');
}

test('a first visit is a project of one: the sample’s row, whose figures and status follow the work live', async () => {
  const { page, context, problems } = await openPage(env);
  // The list shows the open document once its text is stored, which may come after the words.
  await page.waitForSelector('#doclist li[aria-current]');
  const [row] = await rows(page);
  assert.deepEqual([row.sha, row.status, row.count, row.current], [SAMPLE_SHA, 'new', 0, true]);
  assert.match(await page.textContent('#docs-done'), /^0 of 1 done/);
  await drag(page, '普京');
  await page.keyboard.press('1');
  const [after] = await rows(page);
  assert.deepEqual([after.status, after.count], ['progress', 1], 'no reload needed');
  assert.equal(await page.$eval('#doc-status', (s) => s.value), 'progress');
  assert.deepEqual(problems.page, []);
  await context.close();
});

// Regression: an address naming a document this browser has not stored (a link from another browser) opened
// the project's last document without a word, and a later change of the address to one left the old address up.
test('an address naming a document not stored here opens the last one and says so; typed later, it changes nothing and says so', async () => {
  const { page, context, problems } = await openPage(env);
  await page.setInputFiles('#open-file', write('libai.txt', TEXTS['libai.txt']));
  await openIs(page, 'libai.txt');
  const unknown = 'ab'.repeat(32);
  // Another URL of the page (index.html), so that it loads afresh on the address.
  await page.goto(`${env.base}index.html#doc=${unknown}`);
  await openIs(page, 'libai.txt');
  await page.waitForFunction(() => /not stored/.test(document.getElementById('hint').textContent));
  assert.match(await hint(page), new RegExp(`${unknown.slice(0, 12)}.*libai\\.txt is open instead`));
  assert.equal(new URL(page.url()).hash, `#doc=${sha(TEXTS['libai.txt'])}`);
  // Typed while the page runs: the open document stays, and so does its address.
  await page.click(`#doclist li[data-doc="${SAMPLE_SHA}"]`);
  await openIs(page, '000_cbc67faf9157e332.txt');
  await page.evaluate((u) => {
    location.hash = `#doc=${u}`;
  }, unknown);
  await page.waitForFunction(() => /not stored/.test(document.getElementById('hint').textContent));
  assert.match(await hint(page), /000_cbc67faf9157e332\.txt is open instead/);
  assert.equal(new URL(page.url()).hash, `#doc=${SAMPLE_SHA}`);
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('several texts chosen with Open are all added; rows, the address, Back, Forward and a reload move between them', async () => {
  const { page, context, problems } = await openPage(env);
  await addThree(page);
  const list = await rows(page);
  assert.deepEqual(
    list.map((r) => [r.name, r.status]),
    [
      ['000_cbc67faf9157e332.txt', 'new'],
      ['libai.txt', 'new'],
      ['dufu.txt', 'new'],
      ['wangwei.txt', 'new'],
    ],
  );
  assert.equal(list[1].sha, sha(TEXTS['libai.txt']));
  assert.match(await hint(page), /3 documents added/);
  assert.equal(new URL(page.url()).hash, `#doc=${sha(TEXTS['libai.txt'])}`);

  await page.click(`#doclist li[data-doc="${sha(TEXTS['wangwei.txt'])}"]`);
  await openIs(page, 'wangwei.txt');
  assert.equal(new URL(page.url()).hash, `#doc=${sha(TEXTS['wangwei.txt'])}`);
  await page.goBack();
  await openIs(page, 'libai.txt');
  await page.goForward();
  await openIs(page, 'wangwei.txt');
  await page.reload();
  await openIs(page, 'wangwei.txt');
  assert.equal((await rows(page)).length, 4);

  // The same texts again are recognised, not added twice.
  await page.setInputFiles(
    '#open-file',
    Object.entries(TEXTS).map(([name, text]) => write(`again-${name}`, text)),
  );
  await page.waitForFunction(() => /0 documents added/.test(document.getElementById('hint').textContent), null, { timeout: 15_000 });
  assert.match(await hint(page), /3 already in it/);
  assert.equal((await rows(page)).length, 4);
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('] and [ move through the list, Ctrl+Enter marks done and opens the next, and statuses and progress survive a reload', async () => {
  const { page, context, problems } = await openPage(env);
  await addThree(page);
  await page.keyboard.press(']');
  await openIs(page, 'dufu.txt');
  await page.keyboard.press('[');
  await openIs(page, 'libai.txt');
  await drag(page, '李白');
  await page.keyboard.press('1');
  await page.keyboard.press('Control+Enter');
  await openIs(page, 'dufu.txt');
  let list = await rows(page);
  assert.deepEqual(
    list.map((r) => [r.name, r.status, r.count]),
    [
      ['000_cbc67faf9157e332.txt', 'new', 0],
      ['libai.txt', 'done', 1],
      ['dufu.txt', 'new', 0],
      ['wangwei.txt', 'new', 0],
    ],
  );
  assert.match(await page.textContent('#docs-done'), /^1 of 4 done/);
  await page.selectOption('#doc-status', 'skipped');
  await page.selectOption('#docs-status', 'done');
  assert.deepEqual(
    (await rows(page)).map((r) => r.name),
    ['libai.txt'],
  );
  await page.selectOption('#docs-status', '');
  await page.reload();
  await openIs(page, 'dufu.txt');
  list = await rows(page);
  assert.deepEqual(
    list.map((r) => r.status),
    ['new', 'done', 'skipped', 'new'],
  );
  assert.match(await page.textContent('#docs-done'), /^1 of 4 done/);
  // The filter finds by name.
  await page.fill('#docs-filter', 'wang');
  assert.deepEqual(
    (await rows(page)).map((r) => r.name),
    ['wangwei.txt'],
  );
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('a drop of 20 files with one binary among them adds the 19 texts and names the binary with its reason', async () => {
  const { page, context, problems } = await openPage(env);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    for (let i = 0; i < 19; i++)
      dt.items.add(new File([`第${i}篇：新华社北京电，今天天气很好。编号${i}。`], `news-${String(i).padStart(2, '0')}.txt`));
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2,
    ]);
    dt.items.add(new File([png], 'photo.png'));
    const target = document.getElementById('text');
    for (const type of ['dragenter', 'dragover', 'drop'])
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  await openIs(page, 'news-00.txt');
  assert.equal((await rows(page)).length, 20);
  assert.match(await hint(page), /19 documents added/);
  const banner = await page.textContent('#banner');
  assert.match(banner, /1 file was not added: photo\.png: .*PNG image/);
  assert.ok(banner.length < 400, banner);
  assert.deepEqual(problems.page, []);
  await context.close();
});

// Regression: a text and one other file that is not annotations were taken for a text and its annotation file,
// and neither was opened.
test('a text chosen with a picture is added and opened; the picture is named with its reason', async () => {
  const { page, context, problems } = await openPage(env);
  await page.setInputFiles('#open-file', [
    { name: 'with-photo.txt', mimeType: 'text/plain', buffer: Buffer.from('新华社北京电，今天天气很好。') },
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1') },
  ]);
  await openIs(page, 'with-photo.txt');
  assert.match(await page.textContent('#banner'), /1 file was not added: photo\.png: .*PNG image/);
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('Add folder… adds the texts of a folder and its subfolders, named by their path', async () => {
  const folder = join(dir, 'corpus');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  writeFileSync(join(folder, 'a.txt'), '甲文：北京今天下雪。');
  writeFileSync(join(folder, 'sub', 'b.txt'), '乙文：上海今天下雨。');
  const { page, context } = await openPage(env);
  await page.setInputFiles('#open-folder', folder);
  await page.waitForFunction(() => document.querySelectorAll('#doclist li').length === 3, null, { timeout: 15_000 });
  const names = (await rows(page)).map((r) => r.name).sort();
  assert.deepEqual(names, ['000_cbc67faf9157e332.txt', 'corpus/a.txt', 'corpus/sub/b.txt']);
  await context.close();
});

test('what an older page saved is in the first project, with its annotations and in progress', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.base}samples/seed.txt`);
  const text = '王维，字摩诘。';
  await writeVersion1Database(page, {
    sha: sha(text),
    name: 'old.txt',
    text,
    state: {
      labels: [{ id: 'PER', name: '人物 PER', color: '#e6550d', key: '1' }],
      annotations: [{ id: 'a1', start: 0, end: 2, label: 'PER', created: '' }],
      relations: [],
      docLabels: [],
    },
    history: null,
    updated: '2026-01-01T00:00:00.000Z',
  });
  await page.goto(env.base);
  await openIs(page, 'old.txt');
  const [row] = await rows(page);
  assert.deepEqual([row.sha, row.status, row.count], [sha(text), 'progress', 1]);
  assert.deepEqual(
    (await listed(page)).map((a) => a.quote),
    ['王维'],
  );
  assert.match(await page.$eval('#project', (s) => s.options[s.selectedIndex].textContent), /My documents/);
  await context.close();
});

test('a new project starts empty and keeps its own documents; the project menu switches between them', async () => {
  const { page, context } = await openPage(env);
  page.on('dialog', (d) => d.accept(d.type() === 'prompt' ? 'Second' : undefined));
  await page.selectOption('#project', '');
  await page.waitForFunction(() => /Second/.test(document.getElementById('project').selectedOptions[0]?.textContent ?? ''), null, {
    timeout: 10_000,
  });
  // A save of the old project that ended after the switch once drew its documents here; give any late redraw time.
  await page.waitForFunction(() => document.querySelectorAll('#doclist li').length === 0, null, { timeout: 5_000 }).catch(() => {});
  assert.equal((await rows(page)).length, 0);
  assert.equal(await page.isVisible('#docs-empty'), true);
  await page.setInputFiles('#open-file', [write('x1.txt', '第一篇。'), write('x2.txt', '第二篇。')]);
  await openIs(page, 'x1.txt');
  assert.deepEqual(
    (await rows(page)).map((r) => r.name),
    ['x1.txt', 'x2.txt'],
  );
  const first = await page.$eval('#project', (s) => [...s.options].find((o) => /My documents/.test(o.textContent)).value);
  await page.selectOption('#project', first);
  await openIs(page, '000_cbc67faf9157e332.txt');
  assert.deepEqual(
    (await rows(page)).map((r) => r.name),
    ['000_cbc67faf9157e332.txt'],
  );
  await context.close();
});

/** A project of the sample and three texts, two of them annotated and one done; resolves when it is saved. */
async function annotatedProject(page) {
  await addThree(page);
  await drag(page, '李白');
  await page.keyboard.press('1');
  await page.keyboard.press('Control+Enter');
  await openIs(page, 'dufu.txt');
  await drag(page, '杜甫');
  await page.keyboard.press('1');
  await drag(page, '河南');
  await page.keyboard.press('3');
  await page.waitForFunction(() => /^saved/.test(document.getElementById('saved').textContent), null, { timeout: 10_000 });
}

/** Downloads the whole project as `format` (accepting the left-out list); resolves to the saved file's path. */
async function exportProject(page, format) {
  await page.selectOption('#export-format', format);
  const downloaded = page.waitForEvent('download', { timeout: 30_000 });
  await page.keyboard.press('Control+Shift+S');
  const dialog = await page.waitForSelector('#export-dialog[open]', { timeout: 3000 }).catch(() => null);
  if (dialog) await page.click('#export-anyway');
  const dl = await downloaded;
  const path = join(dir, `${format}-${dl.suggestedFilename()}`);
  await dl.saveAs(path);
  return { path, name: dl.suggestedFilename() };
}

// Issue 15: every format's multi-document form, written by the page and read back by a fresh page.
for (const format of ['biaozhu', 'doccano', 'label-studio', 'prodigy', 'conll-char', 'conll-word', 'w3c', 'brat']) {
  test(`the project exported as ${format} (Ctrl+Shift+S) opens in a fresh profile as the same documents and spans`, async () => {
    const { page, context, problems } = await openPage(env);
    await annotatedProject(page);
    const before = await rows(page);
    const { path } = await exportProject(page, format);
    // Regression: the status line named the format by its id ("as label-studio"), not as the menu does.
    await page.waitForFunction(() => /^Exported/.test(document.getElementById('hint').textContent));
    assert.ok(
      (await page.textContent('#hint')).includes(` as ${CATALOGUES['en-US'][`format.${format}`]} (`),
      await page.textContent('#hint'),
    );
    await context.close();

    const fresh = await openPage(env);
    await fresh.page.setInputFiles('#open-file', path);
    await fresh.page.waitForFunction(() => /documents? added/.test(document.getElementById('hint').textContent), null, { timeout: 30_000 });
    const after = await rows(fresh.page);
    // CoNLL keeps tokens, not the text: white space is lost and a sentence end becomes a line end, so only texts of
    // one sentence without white space come back the same; the annotations all come back.
    const conll = format.startsWith('conll');
    const kept = conll ? new Set([TEXTS['dufu.txt'], TEXTS['wangwei.txt']].map(sha)) : null;
    const total = (rs) => rs.reduce((n, r) => n + r.count, 0);
    if (conll) assert.equal(total(after), total(before));
    const bySha = (rs) => Object.fromEntries(rs.filter((r) => !kept || kept.has(r.sha)).map((r) => [r.sha, r.count]));
    // The fresh profile's own sample is the first document; the sample came with the file too, so it is recognised.
    assert.deepEqual(bySha(after), bySha(before), `${format}: ${JSON.stringify(after)}`);
    if (format === 'biaozhu') {
      assert.deepEqual(
        after.map((r) => [r.sha, r.status]),
        before.map((r) => [r.sha, r.status]),
      );
    }
    assert.deepEqual(problems.page, []);
    assert.deepEqual(fresh.problems.page, []);
    await fresh.context.close();
  });
}

// Regression: a project file opened where its texts had been opened bare dropped their annotations silently,
// while the list's row showed the file's count.
test('a project file opened over its bare texts gives them its annotations; a text with annotations of its own keeps them, and the hint says which', async () => {
  const { page, context } = await openPage(env);
  await annotatedProject(page);
  const { path } = await exportProject(page, 'biaozhu');
  await context.close();

  const { page: b, context: bContext, problems } = await openPage(env);
  await b.setInputFiles('#open-file', [write('libai.txt', TEXTS['libai.txt']), write('dufu.txt', TEXTS['dufu.txt'])]);
  await openIs(b, 'libai.txt');
  await drag(b, '碎叶城');
  await b.keyboard.press('3');
  await b.waitForFunction(() => /^saved/.test(document.getElementById('saved').textContent), null, { timeout: 10_000 });
  await b.setInputFiles('#open-file', path);
  await b.waitForFunction(() => /documents? added/.test(document.getElementById('hint').textContent), null, { timeout: 30_000 });
  const said = await hint(b);
  assert.match(said, /took the file’s annotations: [^;]*dufu\.txt/, said);
  assert.match(said, /kept the saved annotations of libai\.txt/, said);
  const counts = async () => Object.fromEntries((await rows(b)).map((r) => [r.name, r.count]));
  assert.deepEqual(await counts(), { '000_cbc67faf9157e332.txt': 0, 'libai.txt': 1, 'dufu.txt': 2, 'wangwei.txt': 0 });
  const quotes = async () => (await listed(b)).map((a) => `${a.quote}/${a.tag.split(' ').pop()}`).sort();
  await b.click(`#doclist li[data-doc="${sha(TEXTS['dufu.txt'])}"]`);
  await openIs(b, 'dufu.txt');
  assert.deepEqual(await quotes(), ['杜甫/PER', '河南/LOC'].sort());
  await b.reload();
  await openIs(b, 'dufu.txt');
  assert.deepEqual(await quotes(), ['杜甫/PER', '河南/LOC'].sort(), 'after a reload');
  assert.equal((await counts())['dufu.txt'], 2);
  await b.click(`#doclist li[data-doc="${sha(TEXTS['libai.txt'])}"]`);
  await openIs(b, 'libai.txt');
  assert.deepEqual(await quotes(), ['碎叶城/LOC']);
  assert.deepEqual(problems.page, []);
  await bContext.close();
});

// Regression: the page told a project file by its format named in the first 256 characters. A file of one
// document whose keys were sorted (jq -S, Python's sort_keys) names it after the documents, and was opened as one
// text: its status was not taken.
test('a project file of one document with sorted keys is added to the project as one, with its status', async () => {
  const { page, context, problems } = await openPage(env);
  const text = TEXTS['wangwei.txt'];
  // Written as jq -S and Python's sort_keys write it: every object's keys in order.
  const sorting = (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v);
  const file = {
    format: 'biaozhu-project',
    version: 1,
    name: 'poets',
    labels: [{ id: 'PER', name: '人物 PER', color: '#e6550d', key: '1' }],
    documents: [
      {
        status: 'done',
        annotations: [{ id: 'a1', start: 0, end: 2, label: 'PER', quote: '王维' }],
        relations: [],
        docLabels: [],
        document: { name: 'wangwei.txt', text, sha256: sha(text), length: [...text].length, unit: 'codepoint' },
      },
    ],
  };
  const sorted = JSON.stringify(file, sorting, 2);
  assert.ok(sorted.indexOf('"biaozhu-project"') > 256);
  await page.setInputFiles('#open-file', write('poets.biaozhu-project.json', sorted));
  await page.waitForFunction(() => /documents? added/.test(document.getElementById('hint').textContent), null, { timeout: 30_000 });
  await openIs(page, 'wangwei.txt');
  assert.deepEqual(
    (await rows(page)).map((r) => [r.name, r.status, r.count]),
    [
      ['000_cbc67faf9157e332.txt', 'new', 0],
      ['wangwei.txt', 'done', 1],
    ],
  );
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('two tabs on one project: documents one tab adds survive the other tab’s next save of the project', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const a = (await openPage(env, { context })).page;
  const b = (await openPage(env, { context })).page;
  await a.setInputFiles('#open-file', [write('t1.txt', '甲。乙丙。'), write('t2.txt', '丁戊己。')]);
  await openIs(a, 't1.txt');
  // Marking the sample done in B writes the project (B may list A's documents already: it hears of A's writes).
  await b.waitForSelector('#doclist li[aria-current]');
  await b.selectOption('#doc-status', 'done');
  await b.waitForFunction(() => document.querySelectorAll('#doclist li').length === 3, null, { timeout: 10_000 });
  await a.reload();
  await openIs(a, 't1.txt');
  assert.deepEqual(
    (await rows(a)).map((r) => [r.name, r.status]),
    [
      ['000_cbc67faf9157e332.txt', 'done'],
      ['t1.txt', 'new'],
      ['t2.txt', 'new'],
    ],
  );
  await context.close();
});

// Regression: each tab wrote its whole record of the project, so the later write dropped a status the other tab
// had set, and the suggestions it had rejected, without a word.
test('two tabs on one project: a status set in one and a suggestion rejected in the other both survive, and the other tab shows the status as soon as it is written', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const a = (await openPage(env, { context })).page;
  // The address names the open document a moment after it is drawn: read once it does.
  const sampleSha = await (await a.waitForFunction(() => /^#doc=[0-9a-f]{64}$/.test(location.hash) && location.hash.slice(5))).jsonValue();
  // B on the sample, A then on a document of its own in the same project (the same document would be another
  // question). B opens once the sample's first snapshot is stored: the address names a stored document.
  await waitStored(a, 0);
  const b = await context.newPage();
  await b.goto(`${env.base}#doc=${sampleSha}`);
  await openIs(b, '000_cbc67faf9157e332.txt');
  await a.setInputFiles('#open-file', [write('names.txt', '张伟说一带一路很好。\n我们推动一带一路建设。\n一带一路的合作很重要。\n')]);
  await openIs(a, 'names.txt');
  await b.waitForFunction(() => document.querySelectorAll('#doclist li').length === 2, null, { timeout: 10_000, polling: 100 });
  await b.selectOption('#doc-status', 'done');
  // B's write is in storage before A writes.
  await waitProjects(b, (ps) => ps.some((p) => p.docs.some((d) => d.sha === sampleSha && d.status === 'done')), 'the sample done');
  // A hears of B's write and shows B's status before any write of its own.
  await a.waitForFunction((sha) => document.querySelector(`#doclist li[data-doc="${sha}"]`)?.dataset.status === 'done', sampleSha, {
    polling: 100,
    timeout: 10_000,
  });
  // A labels 一带一路 and rejects the other one it suggests: A writes the project after B did.
  await drag(a, '一带一路');
  await a.keyboard.press('3');
  const suggested = (page) => page.evaluate(() => CSS.highlights.get('suggestion')?.size ?? 0);
  await a.waitForFunction(() => (CSS.highlights.get('suggestion')?.size ?? 0) > 0, null, { timeout: 10_000, polling: 100 });
  const before = await suggested(a);
  assert.ok(before >= 2, `${before} suggestions`);
  await clickChar(a, '一带一路', { nth: 1, index: 1 });
  await a.keyboard.press('x');
  await a.waitForFunction((n) => (CSS.highlights.get('suggestion')?.size ?? 0) === n - 1, before, { timeout: 10_000, polling: 100 });
  // The project's record is written a moment after a rejection.
  await waitProjects(a, (ps) => ps.some((p) => Object.values(p.suggest?.rejected ?? {}).some((keys) => keys.length)), 'a rejection');
  // B's status is still there, in B after a reload and in A.
  await b.reload();
  await openIs(b, '000_cbc67faf9157e332.txt');
  assert.equal((await rows(b)).find((r) => r.sha === sampleSha)?.status, 'done');
  assert.equal((await rows(a)).find((r) => r.sha === sampleSha)?.status, 'done');
  // A's rejection is in the stored record too: B, on names.txt once A has gone, is not offered it again.
  await a.close();
  await b.click('#doclist li:has-text("names.txt")');
  await openIs(b, 'names.txt');
  await b.waitForFunction(() => (CSS.highlights.get('suggestion')?.size ?? 0) > 0, null, { timeout: 10_000, polling: 100 });
  await b.waitForTimeout(500);
  assert.equal(await suggested(b), before - 1);
  await context.close();
});

test('search across the project: every document counted and listed, Shift+label labels them all, each document undoes its own', async () => {
  const { page, context, problems } = await openPage(env);
  await addThree(page);
  const count = (text, needle) => text.split(needle).length - 1;
  const others = { 'dufu.txt': count(TEXTS['dufu.txt'], '字'), 'wangwei.txt': count(TEXTS['wangwei.txt'], '字') };
  const inSeed = count(SEED, '字');
  await page.keyboard.press('/');
  await page.check('#search-project');
  await page.fill('#search', '字');
  await page.waitForFunction(() => !document.getElementById('search-docs').hidden);
  const listedDocs = await page.$$eval('#search-docs li', (lis) =>
    lis.map((li) => [li.firstChild.data, Number(li.querySelector('.n').textContent)]),
  );
  const expected = [...Object.entries(others), ['000_cbc67faf9157e332.txt', inSeed]].filter(([, n]) => n > 0);
  assert.deepEqual(listedDocs.sort(), expected.sort(), 'the other documents with matches, with their counts');
  const total = expected.reduce((s, [, n]) => s + n, 0);
  assert.equal(await page.textContent('#search-count'), `no matches here; ${total} in ${expected.length} other documents`);

  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+2');
  await page.waitForFunction(() => /other documents/.test(document.getElementById('hint').textContent));
  assert.match(await hint(page), new RegExp(`Labelled ${total} matches in ${expected.length} other documents 机构 ORG`));
  const counts = Object.fromEntries((await rows(page)).map((r) => [r.name, r.count]));
  assert.equal(counts['dufu.txt'], others['dufu.txt'], 'the list shows the new annotations without opening the document');

  await page.click('#search-docs li:has-text("dufu.txt")');
  await openIs(page, 'dufu.txt');
  assert.deepEqual(
    (await listed(page)).map((a) => [a.tag, a.quote]),
    [['机构 ORG', '字']],
  );
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  assert.deepEqual(await listed(page), [], "dufu's own Ctrl+Z takes its labels back");
  assert.deepEqual(problems.page, []);
  await context.close();
});
