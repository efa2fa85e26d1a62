// Labels another tool wrote, through the Open control: whatever the page cannot
// use as it is (a space in an id, a name over the limit, a key the page keeps
// for itself) is made usable and said in a banner; the page always ends ready,
// with the file's name and annotations on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, drag, listed, download } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const dir = mkdtempSync(join(tmpdir(), 'biaozhu-labels-'));
const TEXT = '李白出生于碎叶城。';

/** Opens `content` as the file `name` and waits until the page has said what it did and is ready. */
async function open(page, name, content) {
  const path = join(dir, name);
  writeFileSync(path, content);
  await page.evaluate(() => {
    document.getElementById('hint').textContent = '';
    document.getElementById('banner').hidden = true;
  });
  await page.setInputFiles('#open-file', path);
  await page.waitForFunction(() => document.getElementById('hint').textContent !== '' || !document.getElementById('banner').hidden, null, {
    timeout: 15_000,
    polling: 50,
  });
  await page.waitForFunction(() => ['ready', 'failed'].includes(document.documentElement.dataset.state), null, {
    timeout: 15_000,
    polling: 50,
  });
}

const state = (page) => page.evaluate(() => document.documentElement.dataset.state);
const banner = (page) => page.textContent('#banner');
const barKeys = (page) =>
  page.$$eval('#labelbar button.label', (bs) =>
    bs.map((b) => [b.dataset.label, b.childNodes[1].textContent, b.querySelector('kbd').textContent]),
  );

const OTHER_TOOLS = [
  ['doccano.jsonl', JSON.stringify({ text: TEXT, label: [[0, 2, 'Person Name']] })],
  ['prodigy.jsonl', JSON.stringify({ text: TEXT, spans: [{ start: 0, end: 2, label: 'Person Name' }] })],
  [
    'label-studio.json',
    JSON.stringify([
      {
        data: { text: TEXT },
        annotations: [{ result: [{ type: 'labels', value: { start: 0, end: 2, text: '李白', labels: ['Person Name'] } }] }],
      },
    ]),
  ],
];

for (const [name, content] of OTHER_TOOLS) {
  test(`${name} with the label "Person Name" opens, ready, with the label as Person_Name and said so`, async () => {
    const { page, context, problems } = await openPage(env);
    await open(page, name, content);
    assert.equal(await state(page), 'ready');
    assert.match(await page.textContent('#docname'), /^(doccano|prodigy|label-studio)/);
    assert.ok((await page.textContent('#text .para')).startsWith(TEXT));
    assert.deepEqual(
      (await listed(page)).map((a) => [a.tag, a.quote]),
      [['Person Name', '李白']],
    );
    assert.match(await banner(page), /"Person Name" has the id Person_Name/);
    // Labelling goes on: the label has a key, and it labels.
    const [, , key] = (await barKeys(page)).find(([id]) => id === 'Person_Name');
    assert.match(key, /^[1-9a-z]$/);
    await drag(page, '碎叶城');
    await page.keyboard.press(key);
    assert.equal((await listed(page)).length, 2);
    assert.deepEqual(problems.page, []);
    await context.close();
  });
}

test('native files whose label has a space in its id, a name over the limit or a reserved key open ready, the label made usable and said', async () => {
  const { page, context, problems } = await openPage(env);
  page.on('dialog', (d) => d.accept());
  await drag(page, '普京');
  await page.keyboard.press('1');
  const { json } = await download(page, () => page.keyboard.press('Control+s'));
  const withLabel = (label) =>
    JSON.stringify({ ...json, labels: [...json.labels, label], annotations: json.annotations.map((a) => ({ ...a, label: label.id })) });

  await open(page, 'space.biaozhu.json', withLabel({ id: 'Person Name', name: 'Person Name', color: '#123456', key: 'q' }));
  assert.equal(await state(page), 'ready');
  assert.deepEqual(
    (await listed(page)).map((a) => [a.tag, a.quote]),
    [['Person Name', '普京']],
  );
  assert.match(await banner(page), /Person_Name/);

  const long = '很长的名字'.repeat(10);
  await open(page, 'long.biaozhu.json', withLabel({ id: 'LONG', name: long, color: '#123456', key: 'q' }));
  assert.equal(await state(page), 'ready');
  const [row] = await listed(page);
  assert.equal([...row.tag].length, 40);
  assert.ok(long.startsWith(row.tag.slice(0, -1)));
  assert.match(await banner(page), /shortened/);

  // Each file brings a label new to the page (a known id keeps the page's key).
  for (const [i, key] of ['w', 'x', 'Delete', 'Enter', ' ', '<', '?', 'Escape'].entries()) {
    await open(page, `key${i}.biaozhu.json`, withLabel({ id: `KEYED${i}`, name: `Keyed ${i}`, color: '#123456', key }));
    assert.equal(await state(page), 'ready', key);
    assert.deepEqual(
      (await listed(page)).map((a) => a.tag),
      [`Keyed ${i}`],
      key,
    );
    assert.match(await banner(page), new RegExp(`the key "${key.replace(/[?]/g, '\\?')}" of Keyed ${i} is .*: it is [1-9a-z] here`), key);
    const keys = (await barKeys(page)).map(([, , k]) => k);
    assert.equal(new Set(keys).size, keys.length, key);
    assert.ok(!keys.includes(key), key);
  }
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('an imported label with a bad colour is given one no other label has', async () => {
  const { page, context } = await openPage(env);
  await open(
    page,
    'colour.biaozhu.json',
    JSON.stringify({
      ...(await download(page, () => page.keyboard.press('Control+s'))).json,
      labels: [{ id: 'NEW', name: 'New', color: 'red', key: 'q' }],
    }),
  );
  const colours = await page.$$eval('#labelbar .swatch', (s) => s.map((x) => x.style.backgroundColor));
  assert.equal(new Set(colours).size, colours.length);
  assert.match(await banner(page), /colour "red" of New is not #rrggbb/);
  await context.close();
});
