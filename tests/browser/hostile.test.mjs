// Hostile input through the Open control: every case of tests/hostile/
// (the same files and expected messages `cargo test` checks through the
// core), markup that must stay text, storage that fails, two tabs, long
// files with progress and cancel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, drag, listed, waitReady, download, twoTabsInConflict } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const HOSTILE = new URL('../hostile/', import.meta.url);
const unescapeCase = (s) =>
  s.replace(
    /\\(u[0-9a-fA-F]{4}|n|r|t|\\)/g,
    (_, e) => ({ n: '\n', r: '\r', t: '\t', '\\': '\\' })[e] ?? String.fromCharCode(parseInt(e.slice(1), 16)),
  );
const cases = readFileSync(new URL('cases.tsv', HOSTILE), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [file, via, expect, message, prefix] = l.split('\t');
    return { file, via, expect, message, prefix };
  });

/** The encodings the page offers; a case that names another label is for the core only. */
const OFFERED = [
  'utf-8',
  'gb18030',
  'gbk',
  'gb2312',
  'big5',
  'utf-16le',
  'utf-16be',
  'shift_jis',
  'euc-kr',
  'euc-jp',
  'windows-1251',
  'koi8-r',
];

test('the hostile matrix has at least 40 cases', () => assert.ok(cases.length >= 40, String(cases.length)));

for (const c of cases) {
  const label = c.via.startsWith('decode:') ? c.via.slice(7) : null;
  const skip =
    (label && !OFFERED.includes(label) && `the page offers no "${label}" encoding; cargo test checks it`) ||
    (c.message === '(no format detected)' && 'a .txt opens as text in the page') ||
    (/\.zip$/.test(c.file) &&
      'the page reads a .zip as a brat corpus, whose texts join the project (projects.test.mjs); cargo test checks the decoder');
  test(`hostile case ${c.file} (${c.via}) → ${c.expect}`, { skip }, async () => {
    const { page, context, problems } = await openPage(env);
    await drag(page, '普京');
    await page.keyboard.press('1');
    const before = { list: await listed(page), name: await page.textContent('#docname') };
    if (label)
      await page.evaluate((l) => {
        const s = document.getElementById('encoding');
        s.value = l;
      }, label);
    if (c.via === 'import:native') await page.selectOption('#import-format', 'biaozhu');
    await page.setInputFiles('#open-file', new URL(`cases/${c.file}`, HOSTILE).pathname);
    if (c.expect === 'error') {
      await page.waitForSelector('#banner:not([hidden])');
      const text = await page.textContent('#banner');
      assert.ok(text.includes(c.message), `“${text}” names “${c.message}”`);
      assert.deepEqual(await listed(page), before.list, 'no annotation changed');
      assert.equal(await page.textContent('#docname'), before.name, 'the open document did not change');
    } else if (c.via.startsWith('decode')) {
      await page.waitForFunction((n) => document.getElementById('docname').textContent === n, c.file);
      await waitReady(page);
      const [encoding, ...flags] = c.expect.slice(3).split(';');
      assert.match(await page.textContent('#status'), new RegExp(`encoding: ${encoding.replace(/[-]/g, '\\-')}`));
      if (c.prefix !== '-') {
        const shown = await page.$$eval('#text .para', (ps) => ps.map((p) => p.firstChild.data).join('\n'));
        assert.ok(shown.replace(/\n/g, '').startsWith(unescapeCase(c.prefix).replace(/[\r\n]/g, '')), shown.slice(0, 60));
      }
      // The warning is said once the document is stored, which may come after the words are ready.
      if (c.message !== '-') {
        await page.waitForFunction((m) => document.getElementById('banner').textContent.includes(m), c.message, { timeout: 10_000 });
      }
      void flags;
    } else {
      const n = Number(c.expect.slice(3));
      await page.waitForFunction((n) => Number(document.getElementById('count').textContent) === n, n, { timeout: 20_000 });
    }
    assert.deepEqual(problems.page, []);
    await context.close();
  });
}

test('markup in a text, a label name and an imported file stays text: nothing runs, nothing is injected', async () => {
  const { page, context, problems } = await openPage(env);
  await page.evaluate(() => {
    window.__pwned = 0;
  });
  const dir = mkdtempSync(join(tmpdir(), 'biaozhu-xss-'));
  const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">新闻<b>粗体</b>';
  writeFileSync(join(dir, 'evil.txt'), evil);
  await page.setInputFiles('#open-file', join(dir, 'evil.txt'));
  await page.waitForFunction(() => document.getElementById('docname').textContent === 'evil.txt');
  await waitReady(page);
  assert.equal(await page.textContent('#text .para'), evil);
  assert.equal(await page.locator('#text script, #text img, #text b').count(), 0);
  // A label named with markup and a colour that is not a colour.
  await page.click('#edit-labels');
  const name = page.locator('#label-rows tr[data-label="PER"] input[name="name"]');
  await name.fill('<img src=x onerror="window.__pwned=3">');
  await name.press('Tab');
  await page.click('#labels-dialog button[value="close"]');
  await drag(page, '新闻');
  await page.keyboard.press('1');
  assert.equal((await listed(page))[0].tag, '<img src=x onerror="window.__pwned=3">');
  const { json } = await download(page, () => page.keyboard.press('Control+s'));
  json.labels[0].color = 'red; background: url(http://example.com/x)';
  writeFileSync(join(dir, 'evil.biaozhu.json'), JSON.stringify(json));
  await page.setInputFiles('#open-file', join(dir, 'evil.biaozhu.json'));
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__pwned), 0);
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(problems.offOrigin, []);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  await context.close();
});

test('when the browser refuses to store data, a warning offers an export and the page keeps working', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  // Every write fails as it does when the quota is exceeded.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const { page } = await openPage(env, { context });
  // The page saves the opened document just after it is ready; were that write
  // to fail, the banner would come in mid-drag and move the text under the pointer.
  await page.waitForFunction(() => /saved/.test(document.querySelector('#saved').textContent));
  await page.evaluate(() => {
    window.__failWrites = true;
  });
  const textTop = () => page.evaluate(() => document.querySelector('#text .para').getBoundingClientRect().top);
  const top = await textTop();
  await drag(page, '普京');
  await page.keyboard.press('1');
  await page.waitForSelector('#banner:not([hidden])');
  // The banner floats over the page: the text under the pointer does not move when it comes in.
  assert.equal(await textTop(), top);
  assert.equal((await listed(page)).length, 1);
  assert.match(await page.textContent('#banner'), /could not be saved/);
  assert.match(await page.textContent('#saved'), /NOT SAVED/);
  // Still works in memory: another annotation, then the offered export has both.
  await drag(page, '北京');
  await page.keyboard.press('3');
  assert.equal((await listed(page)).length, 2);
  // The project's record (learnt words) is saved a moment later and fails too:
  // its banner must keep the offer to export, not replace it.
  await page.waitForTimeout(1500);
  assert.match(await page.textContent('#banner'), /could not be saved/);
  const { json } = await download(page, () => page.click('#banner button.action', { timeout: 5000 }));
  assert.equal(json.annotations.length, 2);
  await context.close();
});

test('two tabs on one document do not overwrite each other silently', async () => {
  // Tab B hears of A's save and stops saving until the person chooses.
  const { context, a, b } = await twoTabsInConflict(env);
  await drag(b, '北京');
  await b.keyboard.press('3');
  assert.match(await b.textContent('#saved'), /not saved/);
  await b.click('#banner button:has-text("Load the other")');
  await b.waitForFunction(() => [...document.querySelectorAll('#annlist .quote')].map((q) => q.textContent).join() === '普京');
  await waitReady(b);
  assert.deepEqual(
    (await listed(b)).map((i) => i.quote),
    ['普京'],
  );
  assert.equal(await b.isHidden('#banner'), true);
  // A does not hear of B loading A's own version as a conflict of its work.
  assert.equal(await a.isHidden('#banner'), true);
  await context.close();
});

test('a long text opens with a progress line and can be cancelled, leaving the open document as it was', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '普京');
  await page.keyboard.press('1');
  const dir = mkdtempSync(join(tmpdir(), 'biaozhu-big-'));
  const line = '国家主席习近平在北京同俄罗斯总统普京举行视频会晤。双方就共同关心的重要问题深入交换意见。\n';
  writeFileSync(join(dir, 'long.txt'), line.repeat(400_000)); // about 51 MB
  await page.setInputFiles('#open-file', join(dir, 'long.txt'));
  await page.waitForFunction(() => !document.getElementById('progress').hidden, null, { timeout: 20_000, polling: 20 });
  assert.match(await page.textContent('#progress-what'), /long\.txt/);
  await page.click('#progress-cancel');
  await page.waitForFunction(() => document.getElementById('progress').hidden, null, { polling: 50 });
  assert.match(await page.textContent('#hint'), /cancelled/);
  assert.equal(await page.textContent('#docname'), '000_cbc67faf9157e332.txt');
  assert.deepEqual(
    (await listed(page)).map((i) => i.quote),
    ['普京'],
  );
  await context.close();
});

test('a multi-megabyte text opens with no main-thread task over 100 ms', async () => {
  const { page, context } = await openPage(env);
  const dir = mkdtempSync(join(tmpdir(), 'biaozhu-big-'));
  const seed = readFileSync(new URL('../../www/samples/seed.txt', import.meta.url), 'utf8');
  const shared = new URL('../../../shared/corpus/icwb2/as_test.utf8', import.meta.url);
  // Varied real news text when ../shared is there; the seed otherwise.
  const base = existsSync(shared) ? readFileSync(shared, 'utf8') : seed;
  if (!existsSync(shared)) console.log('# ../shared is absent: the long text is built from the seed article');
  let text = '';
  while (text.length < 3_000_000) text += base;
  writeFileSync(join(dir, 'three-million.txt'), text);
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  await page.setInputFiles('#open-file', join(dir, 'three-million.txt'));
  await page.waitForFunction(() => document.getElementById('docname').textContent === 'three-million.txt', null, {
    timeout: 60_000,
    polling: 100,
  });
  await waitReady(page);
  const long = await page.evaluate(() => window.__long);
  assert.deepEqual(
    long.filter((d) => d > 100),
    [],
    `long tasks: ${long.join(', ')} ms`,
  );
  await context.close();
});
