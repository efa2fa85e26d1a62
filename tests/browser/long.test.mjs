// A long document with thousands of annotations: only what is in view is
// drawn (text marks and list rows), the list shows the right rows wherever it
// is scrolled, a click on a row brings its annotation into view, and one
// change redraws what it touches without losing or redrawing the rest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, SEED, listed, drag, reveal, waitReady } from './harness.mjs';
import { DEFAULT_LABELS } from '../../www/js/labels.js';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const TEXT = Array.from({ length: 40 }, () => SEED).join('\n');
/** Two-character spans on Han characters, about one every 25 characters, labels in turn. */
const ANNOTATIONS = (() => {
  const cps = [...TEXT];
  const han = (c) => /\p{Script=Han}/u.test(c);
  const out = [];
  for (let i = 0; i + 1 < cps.length; i += 25) {
    let s = i;
    while (s + 1 < cps.length && s < i + 20 && !(han(cps[s]) && han(cps[s + 1]))) s++;
    if (!(han(cps[s]) && han(cps[s + 1]))) continue;
    const label = DEFAULT_LABELS[out.length % DEFAULT_LABELS.length].id;
    out.push({ id: `a${out.length + 1}`, start: s, end: s + 2, label, quote: cps[s] + cps[s + 1], created: '' });
  }
  return out;
})();

async function openLong() {
  const dir = mkdtempSync(join(tmpdir(), 'biaozhu-long-'));
  const file = join(dir, 'long.biaozhu.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'biaozhu',
      version: 2,
      document: {
        name: 'long.txt',
        text: TEXT,
        sha256: createHash('sha256').update(TEXT).digest('hex'),
        length: [...TEXT].length,
        unit: 'codepoint',
      },
      labels: DEFAULT_LABELS,
      annotations: ANNOTATIONS,
    }),
  );
  const opened = await openPage(env);
  await opened.page.setInputFiles('#open-file', file);
  await opened.page.waitForFunction((n) => document.getElementById('count').textContent === String(n), ANNOTATIONS.length, {
    timeout: 30_000,
  });
  await waitReady(opened.page);
  return opened;
}

/** The list rows on screen with the index each stands for (from its place in the list, whose offset parent it is). */
function rows(page) {
  return page.$$eval('#annlist li', (lis) => {
    const h = parseFloat(getComputedStyle(document.getElementById('annlist')).getPropertyValue('--row'));
    return lis.map((li) => ({
      index: Math.round(li.offsetTop / h),
      id: li.dataset.id,
      quote: li.querySelector('.quote').textContent,
      pos: li.querySelector('.pos').textContent,
    }));
  });
}

/** Ids of the annotations whose bars are drawn within the text's visible box. */
function barsInView(page) {
  return page.evaluate(() => {
    const box = document.getElementById('text').getBoundingClientRect();
    return [...document.querySelectorAll('#text .bar')]
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= box.bottom;
      })
      .map((b) => b.dataset.id);
  });
}

test('a long text with thousands of annotations draws only what is in view: marks near the viewport, list rows on screen', async () => {
  assert.ok(ANNOTATIONS.length > 4000, `${ANNOTATIONS.length} annotations`);
  const { page, context } = await openLong();
  const drawn = await page.evaluate(() => ({
    bars: document.querySelectorAll('#text .bar').length,
    rows: document.querySelectorAll('#annlist li').length,
  }));
  assert.ok(drawn.bars > 0 && drawn.bars < ANNOTATIONS.length / 10, `${drawn.bars} bars drawn`);
  assert.ok(drawn.rows > 0 && drawn.rows < 100, `${drawn.rows} list rows`);
  // The first rows are the first annotations, in text order.
  const first = await listed(page);
  assert.deepEqual(
    first.slice(0, 5).map((r) => [r.id, r.start, r.end, r.quote]),
    ANNOTATIONS.slice(0, 5).map((a) => [a.id, a.start, a.end, a.quote]),
  );
  // Scrolled to the end with the mouse wheel, the text shows the last annotations' marks.
  const box = await page.locator('#text').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // Pages not laid out yet have an estimated height: go to the end until it stays the end.
  await page.evaluate(async () => {
    const t = document.getElementById('text');
    for (let i = 0; i < 50 && t.scrollTop + t.clientHeight < t.scrollHeight - 2; i++) {
      t.scrollTop = t.scrollHeight;
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    }
  });
  await page.mouse.wheel(0, 2000);
  await page.waitForFunction(() => {
    const t = document.getElementById('text');
    return t.scrollTop + t.clientHeight >= t.scrollHeight - 2;
  });
  const ids = await barsInView(page);
  assert.ok(ids.includes(ANNOTATIONS.at(-1).id), `the last annotation is drawn at the end (drawn: ${ids.slice(-5).join(', ')})`);
  assert.ok((await page.locator('#text .bar').count()) < ANNOTATIONS.length / 10, 'what scrolled out of view is no longer drawn');
  await context.close();
});

test('the list shows the right rows after scrolling, and a click on one scrolls the text to its annotation', async () => {
  const { page, context } = await openLong();
  await page.evaluate(() => {
    const s = document.querySelector('.side');
    s.scrollTop = s.scrollHeight * 0.6;
  });
  await page.waitForFunction(() => new Promise((ok) => requestAnimationFrame(() => ok(true))));
  const shown = await rows(page);
  assert.ok(shown.length > 10);
  for (const [k, r] of shown.entries()) {
    const a = ANNOTATIONS[r.index];
    assert.deepEqual([r.id, r.quote, r.pos], [a.id, a.quote, `${a.start}–${a.end}`], `row ${r.index}`);
    if (k) assert.equal(r.index, shown[k - 1].index + 1, 'rows are consecutive');
  }
  const visibleIndex = await page.evaluate(() => {
    const side = document.querySelector('.side');
    const list = document.getElementById('annlist');
    return Math.floor(
      (side.scrollTop + side.clientHeight / 2 - list.offsetTop) / parseFloat(getComputedStyle(list).getPropertyValue('--row')),
    );
  });
  assert.ok(shown[0].index <= visibleIndex && visibleIndex <= shown.at(-1).index, 'the rows cover the middle of the visible list');
  // Click the row in the middle of the list's visible part.
  const target = ANNOTATIONS[visibleIndex];
  await page.click(`#annlist li[data-id="${target.id}"]`);
  assert.equal(await page.getAttribute('#annlist li.picked', 'data-id'), target.id);
  assert.ok((await barsInView(page)).includes(target.id), 'the picked annotation is drawn in the text view');
  const picked = await page.evaluate(() => {
    const bar = document.querySelector('#text .bar.picked');
    const r = bar.getBoundingClientRect();
    const t = document.getElementById('text').getBoundingClientRect();
    return { id: bar.dataset.id, inside: r.top >= t.top && r.bottom <= t.bottom };
  });
  assert.deepEqual(picked, { id: target.id, inside: true });
  await context.close();
});

test('one change redraws only what it touches: the other marks in view stay, the same elements, through delete, add and undo', async () => {
  const { page, context } = await openLong();
  const target = ANNOTATIONS[2000];
  await page.evaluate(() => {
    const s = document.querySelector('.side');
    s.scrollTop = document.getElementById('annlist').offsetTop + 2000 * 26 - 100;
  });
  await page.click(`#annlist li[data-id="${target.id}"]`);
  const before = await barsInView(page);
  assert.ok(before.length > 10, `${before.length} bars in view`);
  // Tag every mark element outside the picked annotation's paragraph: after the change they must be the very same elements.
  const para = await page.evaluate((id) => document.querySelector(`#text .bar[data-id="${id}"]`).closest('.para').dataset.i, target.id);
  const probes = () =>
    page.evaluate(
      (i) => [...document.querySelectorAll('#text [data-probe]')].filter((el) => el.closest('.para').dataset.i !== i).length,
      para,
    );
  const probed = await page.evaluate((i) => {
    const marks = [...document.querySelectorAll('#text .bar, #text .tag')].filter((el) => el.closest('.para').dataset.i !== i);
    for (const el of marks) el.dataset.probe = '1';
    return marks.length;
  }, para);
  assert.ok(probed > 10, `${probed} marks outside the changed paragraph`);
  const listedBefore = await page.evaluate((id) => {
    const lis = [...document.querySelectorAll('#annlist li')].filter((li) => li.dataset.id !== id);
    for (const li of lis) li.dataset.probe = '1';
    return lis.map((li) => li.dataset.id);
  }, target.id);
  await page.keyboard.press('Delete');
  assert.equal(await page.textContent('#count'), String(ANNOTATIONS.length - 1));
  const rowsAfter = await page.$$eval('#annlist li', (lis) => lis.map((li) => [li.dataset.id, li.dataset.probe === '1']));
  assert.ok(rowsAfter.length > 10);
  for (const [id, kept] of rowsAfter) if (listedBefore.includes(id)) assert.ok(kept, `list row ${id} is the same element`);
  assert.deepEqual((await barsInView(page)).sort(), before.filter((id) => id !== target.id).sort(), 'only the deleted annotation left');
  assert.equal(await probes(), probed, 'marks outside the changed paragraph are the same elements, not drawn again');
  await page.keyboard.press('Control+z');
  assert.equal(await page.textContent('#count'), String(ANNOTATIONS.length));
  assert.deepEqual((await barsInView(page)).sort(), [...before].sort(), 'undo brings it back, and nothing else changed');
  // A new annotation in view: drawn, and the others are still there.
  await page.keyboard.press('Escape');
  // Four Han characters in view, and which occurrence of them in the text they are (the seed repeats).
  const found = await page.evaluate(() => {
    const box = document.getElementById('text').getBoundingClientRect();
    const paras = [...document.querySelectorAll('#text .para')];
    for (const para of paras) {
      const r = para.getBoundingClientRect();
      if (r.top < box.top + 40 || r.bottom > box.bottom - 40) continue;
      const m = /\p{Script=Han}{6,}/u.exec(para.firstChild.data);
      if (!m) continue;
      const needle = m[0].slice(0, 4);
      let nth = 0;
      for (const p of paras) {
        const data = p.firstChild.data;
        for (let i = data.indexOf(needle); i >= 0 && !(p === para && i === m.index); i = data.indexOf(needle, i + 1)) nth++;
        if (p === para) break;
      }
      return { needle, nth };
    }
    return null;
  });
  assert.ok(found, 'a run of Han characters in view');
  await reveal(page, found.needle, found.nth);
  const visibleBefore = await barsInView(page);
  await drag(page, found.needle, { nth: found.nth });
  await page.keyboard.press('4');
  assert.equal(await page.textContent('#count'), String(ANNOTATIONS.length + 1));
  const after = await barsInView(page);
  for (const id of visibleBefore) assert.ok(after.includes(id), `${id} is still drawn`);
  assert.ok(after.length > visibleBefore.length, 'the new annotation is drawn');
  await context.close();
});
