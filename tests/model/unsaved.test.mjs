// Which leftovers of a page that went away are taken back (unsaved.js): only
// those newer than what storage holds, and never over another tab's write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNewer, keepUnsaved, takeUnsaved, dropUnsaved } from '../../www/js/unsaved.js';

/** localStorage's interface over a Map, able to refuse writes as a full one does. */
function memoryLocalStorage({ full = false } = {}) {
  const m = new Map();
  return {
    m,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem(k, v) {
      if (full) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      m.set(k, String(v));
    },
    removeItem: (k) => m.delete(k),
  };
}

const state = { labels: [], annotations: [{ id: 'a1', start: 0, end: 1, label: 'PER' }], relations: [], docLabels: [] };

test('leftovers are newer than storage only when storage holds an earlier write of the same tab, or nothing', () => {
  const left = { tab: 'a', v: 5 };
  assert.equal(isNewer(left, null), true, 'nothing stored (or stored before writers were named)');
  assert.equal(isNewer(left, { tab: 'a', v: 4 }), true, 'the last write did not land');
  assert.equal(isNewer(left, { tab: 'a', v: 5 }), false, 'it landed after all');
  assert.equal(isNewer(left, { tab: 'b', v: 9 }), false, 'another tab wrote after: its version wins');
  assert.equal(isNewer(null, null), false);
  assert.equal(isNewer({ tab: 'a' }, null), false, 'malformed leftovers are ignored');
});

test('takeUnsaved gives back what keepUnsaved kept, once, and only when newer', () => {
  const store = memoryLocalStorage();
  assert.equal(keepUnsaved('sha1', { writer: { tab: 'a', v: 2 }, state, history: { done: [], undone: [] } }, store), true);
  assert.equal(takeUnsaved('sha2', null, store), null, 'another document has none');
  assert.deepEqual(takeUnsaved('sha1', { tab: 'a', v: 1 }, store), { state, history: { done: [], undone: [] } });
  assert.equal(takeUnsaved('sha1', { tab: 'a', v: 1 }, store), null, 'taken once');

  keepUnsaved('sha1', { writer: { tab: 'a', v: 2 }, state, history: null }, store);
  assert.equal(takeUnsaved('sha1', { tab: 'a', v: 2 }, store), null, 'landed: storage is as new');
  assert.equal(store.m.size, 0, 'and forgotten');

  keepUnsaved('sha1', { writer: { tab: 'a', v: 2 }, state, history: null }, store);
  dropUnsaved('sha1', store);
  assert.equal(takeUnsaved('sha1', null, store), null);
});

test('a full or broken localStorage loses nothing else: keeping says it could not, taking gives null', () => {
  assert.equal(keepUnsaved('sha1', { writer: { tab: 'a', v: 1 }, state }, memoryLocalStorage({ full: true })), false);
  const store = memoryLocalStorage();
  store.m.set('biaozhu:unsaved:sha1', '{not json');
  assert.equal(takeUnsaved('sha1', null, store), null);
  assert.equal(takeUnsaved('sha1', null, undefined), null, 'no localStorage at all');
});
