// One offset's walk from a drag to an exported file, counted at the wasm
// boundary (issue 13): the drag is snapped by one call that answers in both
// units, which the page uses as they come (no conversion after it), and the
// export sends the annotations alone to the live Document (not the text, not
// the words, which it holds already).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, drag, exportAs, SEED } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** Appended to the wasm package's module: every call of a Document method or getter is logged with its arguments' sizes. */
const COUNT_CALLS = `
;(() => {
  const log = (globalThis.__calls = []);
  const size = (a) => (typeof a === 'string' ? a.length : a?.length ?? 0);
  const wrap = (name, fn) => function (...args) { log.push({ name, args: args.map(size), text: args.some((a) => typeof a === 'string' && a.length > 1000 && a.includes(globalThis.__needle)) }); return fn.apply(this, args); };
  for (const key of Object.getOwnPropertyNames(Document.prototype)) {
    if (key === 'constructor' || key === 'free' || key.startsWith('__')) continue;
    const d = Object.getOwnPropertyDescriptor(Document.prototype, key);
    if (d.get) Object.defineProperty(Document.prototype, key, { ...d, get: wrap(key, d.get) });
    else if (typeof d.value === 'function') Document.prototype[key] = wrap(key, d.value);
  }
})();
`;

test('a drag costs one snap and no conversion; an export sends neither the text nor the words', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await context.route(/\/pkg\/biaozhu\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()) + COUNT_CALLS });
  });
  const { page } = await openPage(env, { context, path: '?sample' });
  // A line of the sample only its text holds: an argument that carries it carries the text.
  await page.evaluate(
    (needle) => {
      globalThis.__needle = needle;
    },
    SEED.split('\n')
      .find((l) => l.length > 200)
      .slice(0, 40),
  );
  const take = () => page.evaluate(() => globalThis.__calls.splice(0));
  // The pointer rests away from the text, so that no word under it is asked for.
  await page.mouse.move(5, 5);
  await take();

  await drag(page, '习近平主席');
  await page.waitForFunction(() => /^Selected/.test(document.getElementById('hint').textContent));
  const dragged = (await take()).map((c) => c.name).filter((n) => n !== 'wordAt'); // the word under the pointer, for its tint
  assert.equal(dragged.filter((n) => n === 'snap').length, 1, dragged.join(', '));
  assert.deepEqual(
    dragged.filter((n) => n === 'cpToU16' || n === 'u16ToCp'),
    [],
    'the snap’s UTF-16 ends are used as they are',
  );

  await page.keyboard.press('1');
  await page.waitForFunction(() => /^Added/.test(document.getElementById('hint').textContent));
  await take();
  await exportAs(page, 'prodigy', 1);
  const exported = (await take()).filter((c) => c.name === 'exportAs');
  assert.equal(exported.length, 1);
  assert.equal(exported[0].args.length, 2, 'format and state: no words');
  assert.equal(exported[0].text, false, 'the state holds no text');
  await context.close();
});
