// A discontinuous annotation resized in the page, then exported in every
// format: the resize must leave an annotation every format can write, with
// its pieces where the person put them (issue 13: the model accepted a resize
// that every export then refused).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, listed, waitReady, exportAs, SEED } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

// No whitespace inside the line: CoNLL tokens then follow one another, and code points are UTF-16 units here.
// The pieces are words (李白 | 又 | 和 | 杜甫 | 是 | 好友 | 。), so that CoNLL by words can carry them as they are.
const TEXT = '李白又和杜甫是好友。\n';
const cps = [...TEXT];
const slice = (s, e) => cps.slice(s, e).join('');

/** A native file holding one annotation in two pieces, 李白 and 杜甫: [[0, 2], [4, 6]]. */
function nativeFile() {
  const sha256 = createHash('sha256').update(TEXT).digest('hex');
  const file = {
    format: 'biaozhu',
    version: 2,
    document: { name: 'fragments.txt', text: TEXT, sha256, length: cps.length, unit: 'codepoint' },
    labels: [{ id: 'PER', name: '人物 PER', color: '#e6550d', key: '1' }],
    annotations: [
      {
        id: 'a1',
        start: 0,
        end: 6,
        label: 'PER',
        quote: `${slice(0, 2)} ${slice(4, 6)}`,
        created: '',
        fragments: [
          [0, 2],
          [4, 6],
        ],
      },
    ],
    relations: [],
    docLabels: [],
  };
  const path = join(mkdtempSync(join(tmpdir(), 'biaozhu-fragments-')), 'fragments.biaozhu.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

/** Pieces `[start, end]` as each format writes them, in code points. */
const PIECES = {
  biaozhu: (j) => j.annotations[0].fragments,
  w3c: (j) => j.first.items[0].target.map((t) => t.selector.find((s) => s.type === 'TextPositionSelector')).map((s) => [s.start, s.end]),
  brat: (_, files) => {
    const ann = readFileSync(
      files.find((f) => f.endsWith('.ann')),
      'utf8',
    );
    return ann
      .trim()
      .split('\t')[1]
      .split(' ')
      .slice(1)
      .join(' ')
      .split(';')
      .map((p) => p.split(' ').map(Number));
  },
  doccano: (j) => j.label.map(([s, e]) => [s, e]),
  'label-studio': (j) => j[0].annotations[0].result.map((r) => [r.value.start, r.value.end]),
  prodigy: (j) => j.spans.map((s) => [s.start, s.end]),
  'conll-char': (_, files) => tagged(readFileSync(files[0], 'utf8')),
  'conll-word': (_, files) => tagged(readFileSync(files[0], 'utf8')),
};

/** The pieces of a CoNLL BIO file whose tokens follow one another with no gap (TEXT has none). */
function tagged(body) {
  const pieces = [];
  let at = 0;
  for (const line of body.split('\n')) {
    if (!line.trim()) continue;
    const [token, tag] = line.split('\t');
    const n = [...token].length;
    if (tag.startsWith('B-')) pieces.push([at, at + n]);
    else if (tag.startsWith('I-')) pieces.at(-1)[1] = at + n;
    at += n;
  }
  return pieces;
}

const FILES = { brat: 2 };
const JSON_BODY = { biaozhu: 'json', w3c: 'json', doccano: 'jsonl', 'label-studio': 'json', prodigy: 'jsonl' };

test('a fragmented annotation resized with Shift+→ exports in every format with its pieces where they are', async () => {
  const { page, context, problems } = await openPage(env);
  await page.setInputFiles('#open-file', nativeFile());
  await page.waitForFunction(() => /Opened fragments/.test(document.getElementById('hint').textContent));
  await waitReady(page);
  assert.deepEqual(
    (await listed(page)).map((a) => [a.start, a.end]),
    [[0, 6]],
  );
  // Picked from the list, then its end moved by a word.
  await page.click('#annlist li');
  await page.keyboard.press('Shift+ArrowRight');
  const [row] = await listed(page);
  const end = row.end;
  assert.equal(row.start, 0);
  assert.equal(end, 7, 'the end moved by a word, past 是');
  // The end moved the last piece's end: the first piece is where it was.
  const expected = [
    [0, 2],
    [4, end],
  ];
  assert.equal(row.quote, `${slice(0, 2)} … ${slice(4, end)}`);

  const formats = await page.$$eval('#export-format option', (os) => os.map((o) => o.value));
  assert.deepEqual(formats.sort(), Object.keys(PIECES).sort());
  for (const format of formats) {
    const { files } = await exportAs(page, format, FILES[format] ?? 1);
    assert.equal(await page.isVisible('#banner'), false, `${format}: ${await page.textContent('#banner')}`);
    const raw = readFileSync(files.find((f) => !f.endsWith('.txt')) ?? files[0], 'utf8');
    const json =
      JSON_BODY[format] === 'json' ? JSON.parse(raw) : JSON_BODY[format] === 'jsonl' ? JSON.parse(raw.trim().split('\n')[0]) : null;
    assert.deepEqual(PIECES[format](json, files), expected, format);
  }
  const native = JSON.parse(readFileSync((await exportAs(page, 'biaozhu', 1)).files[0], 'utf8'));
  assert.deepEqual([native.annotations[0].start, native.annotations[0].end], [0, end]);
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('work an older page saved with a fragmented annotation resized apart from its pieces is repaired on load, with a message', async () => {
  // A fresh profile whose first page is not the annotator: an annotator page left before its first save lands
  // keeps what it had not written (unsaved.js), which the next page would rightly prefer to this hand-made save.
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // 习近平 and 普京 in the first line of the sample; the old resize moved the end two characters on, past 普京, and kept the pieces.
  const seed = [...SEED];
  const line = SEED.indexOf('习近平主席同俄罗斯总统普京');
  const s = [...SEED.slice(0, line)].length;
  const t = s + [...'习近平主席同俄罗斯总统'].length;
  const broken = {
    id: 'a1',
    start: s,
    end: t + 4,
    label: 'PER',
    created: '',
    fragments: [
      [s, s + 3],
      [t, t + 2],
    ],
  };
  const sha = createHash('sha256').update(SEED).digest('hex');
  // Written with the page's own storage module, from a page of the site that runs none of its scripts.
  await page.goto(`${env.base}samples/seed.txt`);
  await page.evaluate(
    async ([sha, broken, length]) => {
      const { openStorage } = await import('/js/storage.js');
      const { DEFAULT_LABELS } = await import('/js/labels.js');
      const storage = await openStorage();
      const text = await (await fetch('/samples/seed.txt')).text();
      await storage.putText(sha, { name: '000_cbc67faf9157e332.txt', text, encoding: 'UTF-8', bytes: null });
      const state = { labels: DEFAULT_LABELS, annotations: [broken], relations: [], docLabels: [] };
      await storage.putState(sha, { state, history: null, base: 'old', name: '000_cbc67faf9157e332.txt', length, count: 1 });
    },
    [sha, broken, seed.length],
  );
  await page.goto(env.base);
  await waitReady(page);
  await page.waitForFunction(() => /repaired/.test(document.getElementById('banner').textContent));
  assert.match(await page.textContent('#banner'), new RegExp(`a1: \\[${s}, ${s + 3}\\) \\+ \\[${t}, ${t + 4}\\)`));
  // Nothing lost: the annotation is there, its last piece ending where the old resize put its end. (The list's
  // rows are drawn in a frame of their own, which on a loaded machine may come after the banner.)
  await page.waitForSelector('#annlist li');
  const [row] = await listed(page);
  assert.deepEqual([row.start, row.end, row.quote], [s, t + 4, `习近平 … ${seed.slice(t, t + 4).join('')}`]);
  const { files } = await exportAs(page, 'brat', 2);
  assert.match(
    readFileSync(
      files.find((f) => f.endsWith('.ann')),
      'utf8',
    ),
    new RegExp(`PER ${s} ${s + 3};${t} ${t + 4}\t`),
  );
  // Written back repaired: the next load has nothing to repair.
  await page.waitForFunction(() => /saved/.test(document.getElementById('saved').textContent));
  await page.reload();
  await waitReady(page);
  await page.waitForSelector('#annlist li');
  assert.deepEqual(
    (await listed(page)).map((a) => [a.start, a.end]),
    [[s, t + 4]],
  );
  assert.equal(await page.isVisible('#banner'), false);
  await context.close();
});
