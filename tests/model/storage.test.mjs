// storage.js runs against real IndexedDB in the browser tests; here only its failure
// paths, with minimal stand-ins, since those are hard to provoke in a real browser.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openStorage, StorageError } from '../../www/js/storage.js';

const realIndexedDB = globalThis.indexedDB;
// Key ranges are only built here, never compared: a plain stand-in will do.
globalThis.IDBKeyRange ??= { bound: (lower, upper) => ({ lower, upper }) };
afterEach(() => {
  globalThis.indexedDB = realIndexedDB;
});

/** An IndexedDB stand-in whose open() request calls `fire(request)` on the next tick. */
function fakeIndexedDB(fire) {
  return {
    open() {
      const request = {};
      setTimeout(() => fire(request));
      return request;
    },
  };
}

/** A database whose every transaction aborts with `error` once a request is made. */
function failingDb(error) {
  return {
    objectStoreNames: { contains: () => true },
    transaction() {
      const tx = {
        error: null,
        objectStore: () => ({
          get: () => ({}),
          delete: () => ({}),
          put() {
            setTimeout(() => {
              tx.error = error;
              tx.onerror?.({ target: { error } });
              tx.onabort();
            });
            return {};
          },
        }),
        abort() {},
      };
      return tx;
    },
  };
}

test('without IndexedDB, openStorage rejects with a StorageError a person understands', async () => {
  delete globalThis.indexedDB;
  await assert.rejects(openStorage(), (err) => {
    assert.ok(err instanceof StorageError && err instanceof Error);
    assert.equal(err.name, 'StorageError');
    assert.equal(err.kind, 'unavailable');
    assert.match(err.message, /no storage for pages \(IndexedDB\)/);
    return true;
  });
});

test('when the browser forbids storage, open throws and openStorage rejects as unavailable', async () => {
  const denied = Object.assign(new Error('denied'), { name: 'SecurityError' });
  globalThis.indexedDB = {
    open() {
      throw denied;
    },
  };
  await assert.rejects(openStorage(), { name: 'StorageError', kind: 'unavailable', cause: denied });
});

test('a blocked open rejects and names the other tab as the reason', async () => {
  globalThis.indexedDB = fakeIndexedDB((request) => request.onblocked());
  await assert.rejects(openStorage(), { kind: 'blocked', message: /another tab/ });
});

test('an open that never answers rejects as unavailable after the timeout, and a late answer is closed unused', async () => {
  let request;
  globalThis.indexedDB = { open: () => (request = {}) };
  await assert.rejects(openStorage('biaozhu', { timeoutMs: 20 }), { kind: 'unavailable', message: /did not answer within/ });
  let closed = false;
  request.result = { close: () => (closed = true) };
  request.onsuccess();
  assert.equal(closed, true);
});

test('a refused open rejects as unavailable', async () => {
  globalThis.indexedDB = fakeIndexedDB((request) => {
    request.error = { name: 'UnknownError' };
    request.onerror({});
  });
  await assert.rejects(openStorage(), { kind: 'unavailable', message: /refused to open saved data/ });
});

test('a write over quota rejects with a StorageError that says quota exceeded', async () => {
  const quota = { name: 'QuotaExceededError', message: 'full' };
  globalThis.indexedDB = fakeIndexedDB((request) => {
    request.result = failingDb(quota);
    request.onupgradeneeded?.();
    request.onsuccess();
  });
  const storage = await openStorage();
  await assert.rejects(storage.putState('sha', { state: {}, history: null, name: 'n', length: 1, count: 0 }), (err) => {
    assert.ok(err instanceof StorageError);
    assert.equal(err.kind, 'quota');
    assert.equal(err.cause, quota);
    assert.match(err.message, /^The browser refused to store data \(quota exceeded\) while saving the annotations\./);
    return true;
  });
});
