// The relations figures of issue 16, in headless Debian Chromium: the 1 MB
// text of bigdoc.mjs with 10 000 annotations and 2 000 relations (one in ten
// between places far apart), opened through the Open control. Measured: the
// scroll frame p95 under the mouse wheel, beside the same document without
// relations (the arcs' own cost, as a ratio taken in this run); and a new
// relation's type key → the next frame, beside a label key relabelling the
// same picked annotation on the same page (one model change each).
//
// Timing points are the page's own (event timestamps, then a
// requestAnimationFrame and a message after it, which runs once that frame
// is rendered), never Playwright's round trips.
// Usage: node scripts/bench/relations.mjs   (after make build)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inBrowser, median, ms, openFile, p95, settle } from './browser.mjs';
import { prng, writeBigDoc } from './bigdoc.mjs';

const RELATIONS = 2000;
const KINDS = ['SAID', 'LOCATED_IN', 'MEMBER_OF', 'RELATED'];
const say = (line) => console.log(line);
const notes = [];

/** The big document with and without relations: `{withRel, without, fallback}` paths. */
function documents(dir) {
  const without = join(dir, 'bench-norel.biaozhu.json');
  const info = writeBigDoc(without);
  const doc = JSON.parse(readFileSync(without, 'utf8'));
  const anns = doc.annotations;
  const random = prng(16);
  const seen = new Set();
  doc.relations = [];
  while (doc.relations.length < RELATIONS) {
    const i = Math.floor(random() * anns.length);
    // Most links join near neighbours, as in a sentence; one in ten crosses the text.
    const j = random() < 0.1 ? Math.floor(random() * anns.length) : Math.min(anns.length - 1, i + 1 + Math.floor(random() * 4));
    const key = `${i}:${j}`;
    if (i === j || seen.has(key)) continue;
    seen.add(key);
    const n = doc.relations.length;
    doc.relations.push({ id: `r${n + 1}`, from: anns[i].id, to: anns[j].id, kind: KINDS[n % KINDS.length] });
  }
  doc.document.name = 'bench-relations.txt';
  const withRel = join(dir, 'bench-relations.biaozhu.json');
  writeFileSync(withRel, JSON.stringify(doc));
  return { withRel, without, count: anns.length, fallback: info.fallback };
}

/** Runs in the page before its scripts: frame costs while `frames` is a list, and key → next frame for digit keys. */
function instrument() {
  const b = { frames: null, keys: [] };
  window.__rel = b;
  const rendered = (fn) =>
    requestAnimationFrame((ts) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => fn(performance.now(), ts);
      ch.port2.postMessage(0);
    });
  const loop = () =>
    rendered((now, ts) => {
      if (!b.frames) return;
      b.frames.push(now - ts);
      loop();
    });
  b.start = () => {
    b.frames = [];
    loop();
  };
  b.stop = () => {
    const f = b.frames;
    b.frames = null;
    return f;
  };
  document.addEventListener(
    'keydown',
    (e) => {
      if (/^[1-9]$/.test(e.key)) {
        const at = e.timeStamp;
        rendered((now) => b.keys.push(now - at));
      }
    },
    true,
  );
}

const open = (browser, base, file, count) => openFile(browser, base, { file, count, instrument });

/** Scrolls to fraction `f` of the text and lets the page draw it. */
async function scrollTo(page, f) {
  await page.evaluate((f) => {
    const t = document.getElementById('text');
    t.scrollTop = (t.scrollHeight - t.clientHeight) * f;
  }, f);
  await settle(page);
  await page.waitForTimeout(150);
}

/** Mouse-wheel scrolling at 8 places, 25 steps of 360 px each: the frames' costs. */
async function wheel(page) {
  const box = await page.locator('#text').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const frames = [];
  for (let s = 0; s < 8; s++) {
    await scrollTo(page, s / 8);
    await page.evaluate(() => window.__rel.start());
    for (let w = 0; w < 25; w++) {
      await page.mouse.wheel(0, 360);
      await page.waitForTimeout(30);
    }
    await settle(page);
    frames.push(...(await page.evaluate(() => window.__rel.stop())));
  }
  return frames;
}

/** The centres of two tags of different annotations well inside the view, or null. */
const twoTags = (page) =>
  page.evaluate(() => {
    const box = document.getElementById('text').getBoundingClientRect();
    const seen = new Set();
    const out = [];
    for (const t of document.querySelectorAll('#text .tag')) {
      const r = t.getBoundingClientRect();
      if (r.top < box.top + 60 || r.bottom > box.bottom - 60 || r.right > box.right - 20 || seen.has(t.dataset.id)) continue;
      const at = { x: r.left + 4, y: (r.top + r.bottom) / 2 };
      // Not under an arc's name, which a click would pick instead.
      if (document.elementFromPoint(at.x, at.y) !== t) continue;
      seen.add(t.dataset.id);
      out.push(at);
      if (out.length === 2) return out;
    }
    return null;
  });

/** At `n` places: click a tag, r, click another, 1 (the relation), then a label key on the picked end (the peer). */
async function relate(page, n) {
  const relation = [];
  const relabel = [];
  const latest = () => page.evaluate(() => window.__rel.keys.at(-1));
  for (let k = 0; k < n; k++) {
    await scrollTo(page, (k + 0.5) / n);
    const tags = await twoTags(page);
    if (!tags) continue;
    await page.mouse.click(tags[0].x, tags[0].y);
    await page.keyboard.press('r');
    await page.mouse.click(tags[1].x, tags[1].y);
    await settle(page);
    await page.keyboard.press('1');
    await settle(page);
    relation.push(await latest());
    // The second end is still picked: a label key relabels it, one model change as the relation was.
    await page.mouse.click(tags[1].x, tags[1].y);
    await settle(page);
    await page.keyboard.press(k % 2 ? '2' : '3');
    await settle(page);
    relabel.push(await latest());
  }
  return { relation, relabel };
}

const rows = [];
await inBrowser('biaozhu-bench-rel-', async ({ dir, base, browser }) => {
  const docs = documents(dir);
  if (docs.fallback) notes.push('../shared is absent: the text is the seed article repeated, not the icwb2 news text');
  let a = await open(browser, base, docs.without, docs.count);
  const plain = await wheel(a.page);
  await a.context.close();
  say(`1 MB, no relations: scroll ${plain.length} frames, p95 ${ms(p95(plain))}, median ${ms(median(plain))}`);
  a = await open(browser, base, docs.withRel, docs.count);
  const arcs = await a.page.locator('#text [data-relation]').count();
  const scroll = await wheel(a.page);
  say(
    `1 MB, ${RELATIONS} relations (${arcs} arcs drawn at the top): scroll ${scroll.length} frames, p95 ${ms(p95(scroll))}, median ${ms(median(scroll))}`,
  );
  const keys = await relate(a.page, 15);
  const made = Number(await a.page.textContent('#relcount'));
  await a.context.close();
  if (made !== RELATIONS + keys.relation.length)
    throw new Error(`the page lists ${made} relations, expected ${RELATIONS + keys.relation.length}`);
  say(
    `new relation: type key → next frame p95 ${ms(p95(keys.relation))}, median ${ms(median(keys.relation))} (${keys.relation.length} made)`,
  );
  say(`relabel on the same page: label key → next frame p95 ${ms(p95(keys.relabel))}, median ${ms(median(keys.relabel))}`);
  rows.push({
    figure: '1 MB, 10 000 annotations, 2 000 relations: scroll frame p95 (mouse wheel)',
    unit: 'ms',
    ours: p95(scroll),
    better: 'lower',
    peers: [{ name: 'the same document without relations (this run)', value: p95(plain), measured: true }],
    goal: { op: '<=', value: 16 },
    detail: `${scroll.length} frames, rAF time → after rendering, at 8 places × 25 wheel steps of 360 px; median ${ms(median(scroll))}; without relations median ${ms(median(plain))}`,
  });
  rows.push({
    figure: '1 MB, 10 000 annotations, 2 000 relations: new relation p95, type key → next frame',
    unit: 'ms',
    ours: p95(keys.relation),
    better: 'lower',
    peers: [{ name: 'a label key relabelling a span, same page (this run)', value: p95(keys.relabel), measured: true }],
    goal: { op: '<=', value: 16 },
    detail: `${keys.relation.length} relations made at different places (click a tag, r, click another tag, 1); median ${ms(median(keys.relation))}; relabel median ${ms(median(keys.relabel))}`,
  });
});
for (const r of rows) say(`${r.figure.padEnd(80)} ${r.ours.toFixed(1).padStart(7)} ${r.unit}  (goal ${r.goal.op} ${r.goal.value})`);
console.log(`BENCH_JSON ${JSON.stringify({ rows, notes })}`);
