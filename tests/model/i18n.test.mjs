// The two catalogues (issue 19): the same message ids with the same argument
// names in both, every pattern well formed, every id index.html and the key
// table name present, and the message a file:// visit shows (js/unserved.js, a
// classic script that cannot import them) the catalogues' own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CATALOGUES, argNames, format, parse, pickLocale } from '../../www/js/i18n/index.js';
import { KEYMAP, helpRows } from '../../www/js/keymap.js';
import { keyHandler } from '../../www/js/controllers/keys.js';

const [zh, en] = [CATALOGUES['zh-CN'], CATALOGUES['en-US']];
const read = (path) => readFileSync(new URL(`../../www/${path}`, import.meta.url), 'utf8');

test('both catalogues have the same ids, each pattern with the same argument names', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const id of Object.keys(en)) assert.deepEqual(argNames(zh[id]), argNames(en[id]), id);
});

test('a pattern with an unbalanced brace, or a plural without other, is refused', () => {
  assert.throws(() => parse('{n, plural, one {#}}'), /other/);
  assert.throws(() => parse('a } b'), /unbalanced/);
  assert.throws(() => parse('{n'), /expected/);
});

test('plurals and numbers follow the language', () => {
  const p = '{n, plural, one {# file} other {# files}}';
  assert.equal(format(p, { n: 1 }, 'en-US'), '1 file');
  assert.equal(format(p, { n: 12345 }, 'en-US'), '12,345 files');
  assert.equal(format(en['search.count'], { n: 2 }, 'en-US'), '2 matches');
  assert.equal(format(zh['search.count'], { n: 2 }, 'zh-CN'), '2 处匹配');
  assert.equal(format('{x, select, a {甲} other {乙}}', { x: 'a' }), '甲');
});

test('zh, zh-TW and zh-Hant choose Chinese; anything else, or nothing, English', () => {
  assert.equal(pickLocale(['zh-TW', 'en']), 'zh-CN');
  assert.equal(pickLocale(['zh-Hant-HK']), 'zh-CN');
  assert.equal(pickLocale(['fr-FR', 'zh-CN']), 'zh-CN');
  assert.equal(pickLocale(['en-GB', 'zh-CN']), 'en-US');
  assert.equal(pickLocale(['de']), 'en-US');
  assert.equal(pickLocale([]), 'en-US');
});

test('every message index.html names is in the catalogues', () => {
  const ids = [...read('index.html').matchAll(/data-i18n(?:-title|-aria|-placeholder)?="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(ids.length > 100, `${ids.length} marked strings`);
  for (const id of ids) assert.ok(id in en && id in zh, id);
});

test('every row of the key table the help shows has its wording in both catalogues', () => {
  for (const row of helpRows()) {
    assert.ok(`help.${row.action}` in en && `help.${row.action}` in zh, row.action);
    if (row.keys.startsWith('keyname.')) assert.ok(row.keys in en && row.keys in zh, row.keys);
  }
  const actions = KEYMAP.map((r) => r.action);
  assert.equal(new Set(actions).size, actions.length, 'one row an action');
});

test('the file:// message is the catalogues’ own, in both languages', () => {
  const script = read('js/unserved.js');
  assert.ok(script.includes(en['unserved.zh']) && script.includes(en['unserved.en']));
  assert.equal(zh['unserved.zh'], en['unserved.zh']);
});

test('every key the table has is one the key handler does (it refuses to start otherwise)', () => {
  assert.doesNotThrow(() => keyHandler({ store: { state: {} }, session: {} }, {}));
  KEYMAP.push({ action: 'nothing', keys: 'q', context: 'text', match: () => false });
  try {
    assert.throws(() => keyHandler({ store: { state: {} }, session: {} }, {}), /nothing/);
  } finally {
    KEYMAP.pop();
  }
});

// Regression: a refused edit's hint was the model's English message in a Chinese page.
test("an edit the model refuses leaves a hint in the page's language, by the refusal's code", async () => {
  const { run } = await import('../../www/js/commands/run.js');
  const { Store, INITIAL } = await import('../../www/js/store.js');
  const { AnnotationModel } = await import('../../www/js/model.js');
  const { setLocale } = await import('../../www/js/i18n/index.js');
  const model = new AnnotationModel({ length: 10 });
  const store = new Store({ ...INITIAL });
  setLocale('zh-CN');
  run(store, model, { ops: [['create', { start: 3, end: 3, label: model.labels[0].id }]] });
  assert.equal(store.state.hint, zh['error.empty']);
  setLocale('en-US');
  run(store, model, { ops: [['create', { start: 2, end: 40, label: model.labels[0].id }]] });
  assert.equal(store.state.hint, en['error.out-of-range']);
  assert.equal(model.annotations.length, 0, 'nothing was made');
});
