// Autosave in IndexedDB: the page keeps working after a reload or a crash.
//
// Four object stores (schema version 2):
//   texts   {sha, name, text, encoding, bytes}     written once per document
//   states  {sha, state, history, base, name, length, count, updated}   a snapshot: the whole
//           state (an object, or its JSON text) and undo history, written now and then
//           (autosave.js says when)
//   deltas  {sha, base, seq, how, change}          every change made since the snapshot
//           whose `base` they name, in `seq` order: loading replays them on it
//   meta    {key: 'last', sha}                     the document open last
//           {key: 'doc:' + sha, sha, name, length, count, updated, base}   a small summary
//           per document, written with its state and its deltas, so that `recent()` never
//           reads states and a write can check cheaply which snapshot is stored.
//   projects {id, name, labels, docs: [{sha, status}], created, updated}   see storage-projects.js
//   meta    {key: 'project', id}           the project open last
// Version 1 had no deltas: its states are snapshots with nothing after them (base '').
// Version 2 had no projects: the upgrade puts every saved document in one (storage-projects.js).
//
// Every write resolves only when its transaction has completed (the data is then
// committed), and every failure becomes a StorageError whose message a person
// can act on.

import { migrateToProjects } from './storage-projects.js';
import { DELTAS, LAST, META, PROJECTS, STATES, SUMMARY, TEXTS } from './storage-names.js';
import { t } from './i18n/index.js';

const VERSION = 3;

/**
 * A storage failure, with a message that says what happened in plain words.
 * `kind` is one of 'unavailable', 'blocked', 'quota', 'closed', 'conflict', 'failed';
 * `cause` holds the browser's own error when there is one.
 */
export class StorageError extends Error {
  /**
   * @param {string} message
   * @param {{kind?: string, cause?: unknown}} [options]
   */
  constructor(message, { kind = 'failed', cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StorageError';
    this.kind = kind;
  }
}

/** Turns a DOMException (or anything thrown) into a StorageError. */
function storageError(err, doing) {
  if (err instanceof StorageError) return err;
  const name = err?.name ?? '';
  if (name === 'QuotaExceededError') {
    return new StorageError(t('storage.quota', { doing: t(doing) }), { kind: 'quota', cause: err });
  }
  if (name === 'InvalidStateError') {
    return new StorageError(t('storage.closed', { doing: t(doing) }), {
      kind: 'closed',
      cause: err,
    });
  }
  const detail = err?.message ? `: ${err.message}` : '';
  return new StorageError(t('storage.failed', { doing: t(doing), what: `${name || 'unknown error'}${detail}` }), {
    cause: err,
  });
}

/**
 * How long opening the database may take before the page stops waiting and
 * works in memory: some browsers (a known WebKit fault) never answer, and a
 * page that waits for them shows nothing but "Loading…".
 */
export const OPEN_TIMEOUT_MS = 6000;

/**
 * Opens (creating on first use) the database.
 * @param {string} [dbName]
 * @returns {Promise<Storage>}
 * @throws {StorageError} when IndexedDB is missing, forbidden (some private
 *   modes), or blocked by another tab holding an older version open.
 */
export function openStorage(dbName = 'biaozhu', { timeoutMs = OPEN_TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    const idb = globalThis.indexedDB;
    if (!idb) {
      reject(
        new StorageError(t('storage.none'), {
          kind: 'unavailable',
        }),
      );
      return;
    }
    let request;
    try {
      request = idb.open(dbName, VERSION);
    } catch (err) {
      // Thrown synchronously where storage is forbidden (e.g. a sandboxed or file: page).
      reject(
        new StorageError(t('storage.refused'), {
          kind: 'unavailable',
          cause: err,
        }),
      );
      return;
    }
    let settled = false;
    // An answer after the timeout is closed unused (see onsuccess): the page has gone on without it.
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(
        new StorageError(t('storage.timeout', { seconds: timeoutMs / 1000 }), {
          kind: 'unavailable',
        }),
      );
    }, timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      if (settled) return false;
      settled = true;
      return true;
    };
    request.onupgradeneeded = (event) => {
      const db = request.result;
      // Whatever is missing is created, so a version 1 database keeps its data and gains the deltas.
      if (!db.objectStoreNames.contains(TEXTS)) db.createObjectStore(TEXTS, { keyPath: 'sha' });
      if (!db.objectStoreNames.contains(STATES)) db.createObjectStore(STATES, { keyPath: 'sha' });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: 'key' });
      if (!db.objectStoreNames.contains(DELTAS)) db.createObjectStore(DELTAS, { keyPath: ['sha', 'base', 'seq'] });
      if (!db.objectStoreNames.contains(PROJECTS)) {
        db.createObjectStore(PROJECTS, { keyPath: 'id' });
        // What an older page saved becomes one project, in the same upgrade: nothing is left outside.
        if (event.oldVersion > 0) migrateToProjects(request.transaction);
      }
    };
    request.onblocked = () => {
      if (!settle()) return;
      reject(
        new StorageError(t('storage.locked'), {
          kind: 'blocked',
        }),
      );
    };
    request.onsuccess = () => {
      const db = request.result;
      if (!settle()) {
        db.close(); // we already gave up (blocked, or too slow); do not hold a connection nobody uses
        return;
      }
      // Let a newer version in another tab upgrade instead of being blocked by us.
      db.onversionchange = () => db.close();
      resolve(new Storage(db));
    };
    request.onerror = (event) => {
      event.preventDefault?.();
      if (!settle()) return;
      const err = request.error;
      reject(
        err?.name === 'QuotaExceededError'
          ? storageError(err, 'storage.doing.openData')
          : new StorageError(t('storage.openRefused'), {
              kind: 'unavailable',
              cause: err,
            }),
      );
    };
  });
}

// Delta keys are [sha, base, seq]; an array sorts after any string or number.
/** Every delta of one document. */
function deltasOf(sha) {
  return IDBKeyRange.bound([sha], [sha, []]);
}

/** The deltas that follow one snapshot. */
function deltasAfter(sha, base) {
  return IDBKeyRange.bound([sha, base], [sha, base, []]);
}

/**
 * Aborts the transaction (through `fail`) unless what is stored of `sha` is
 * still `at`: the snapshot `at.base` followed by `at.seq` deltas, or no
 * snapshot when `at` is null. Only the small summary is read (it names the
 * snapshot) and the deltas counted. Requests run in order, so the check comes
 * before any write queued after it.
 */
function checkStored(s, sha, at, fail) {
  const conflict = () => fail(new StorageError(t('storage.conflict'), { kind: 'conflict' }));
  if (at === null) {
    // "Nothing" as load() reads it: a text added to a project has a summary but no snapshot, and holds no work
    // another tab could lose (a change made while it opened was refused as "changed in another tab").
    const snapshot = s[STATES].getKey(sha);
    snapshot.onsuccess = () => snapshot.result !== undefined && conflict();
    return;
  }
  const summary = s[META].get(SUMMARY + sha);
  const deltas = s[DELTAS].count(deltasAfter(sha, at.base));
  deltas.onsuccess = () => {
    const base = summary.result ? (summary.result.base ?? '') : null;
    if (base !== at.base || deltas.result !== at.seq) conflict();
  };
}

/** The saved documents. Get one from `openStorage()`. */
class Storage {
  #db;

  /** @param {IDBDatabase} db */
  constructor(db) {
    this.#db = db;
  }

  /**
   * Runs `body(stores, out, fail)` in one transaction; resolves with what `body`
   * put in `out.value` once the transaction has completed, rejects on error or
   * abort. `fail(error)` aborts the transaction (nothing it wrote stays) and
   * rejects with that error.
   */
  transaction(names, mode, doing, body) {
    return new Promise((resolve, reject) => {
      let tx;
      try {
        tx = this.#db.transaction(names, mode);
      } catch (err) {
        reject(storageError(err, doing));
        return;
      }
      const out = { value: undefined };
      let failure = null;
      tx.oncomplete = () => resolve(out.value);
      // A request error bubbles here first; the abort that follows carries the same error.
      tx.onerror = (event) => {
        failure ??= event.target?.error ?? tx.error;
      };
      tx.onabort = () => reject(storageError(tx.error ?? failure, doing));
      const fail = (err) => {
        failure = err;
        tx.abort();
      };
      const t0 = performance.now();
      try {
        const stores = Object.fromEntries([names].flat().map((n) => [n, tx.objectStore(n)]));
        body(stores, out, fail);
        // A put copies its value on the main thread, which autosave's benchmark counts.
        if (mode === 'readwrite') performance.measure('biaozhu:store', { start: t0, detail: doing });
      } catch (err) {
        // e.g. DataCloneError: the value cannot be stored. Abort so nothing half-written stays.
        try {
          tx.abort();
        } catch {
          // already finished
        }
        reject(storageError(err, doing));
      }
    });
  }

  /**
   * Stores a document's text (once per document).
   * @param {string} sha SHA-256 of the text's UTF-8, hex.
   * @param {{name: string, text: string, encoding: string, bytes?: Uint8Array}} doc
   *   `bytes`: the file as it was read, so that it can be decoded again with another encoding.
   * @returns {Promise<void>}
   */
  putText(sha, { name, text, encoding, bytes = null }) {
    return this.transaction(TEXTS, 'readwrite', 'storage.doing.saveText', (s) => {
      s[TEXTS].put({ sha, name, text, encoding, bytes });
    });
  }

  /**
   * Stores a snapshot of a document's annotations and history, with the summary
   * `recent()` lists, and drops every delta of the document (the snapshot holds
   * what they did, and deltas a stale tab may still have written after another
   * base would only be read with that base).
   * @param {string} sha
   * @param {{state: object|string, history: object, base?: string, writer?: {tab: string, v: number}|null, name: string, length: number, count: number, updated?: string}} record
   *   `state` may be given as its JSON text (it is cheaper to store), and is loaded as an object;
   *   `base` names this snapshot for the deltas that follow it; `writer` is the tab that wrote it
   *   and how many changes it had made then (see `load`); `updated` is an ISO date, now when omitted.
   * @param {{onlyIf?: {base: string, seq: number}|null}} [options] Write only if what is stored
   *   is still the snapshot `base` followed by `seq` deltas (null: only if nothing is stored);
   *   otherwise reject with a StorageError of kind 'conflict' and write nothing. Without it,
   *   the snapshot replaces whatever is stored.
   * @returns {Promise<void>}
   */
  putState(sha, { state, history, base = '', writer = null, name, length, count, updated = new Date().toISOString() }, { onlyIf } = {}) {
    return this.transaction([STATES, DELTAS, META], 'readwrite', 'storage.doing.saveAnnotations', (s, _, fail) => {
      if (onlyIf !== undefined) checkStored(s, sha, onlyIf, fail);
      s[DELTAS].delete(deltasOf(sha));
      s[STATES].put({ sha, state, history, base, writer, name, length, count, updated });
      s[META].put({ key: SUMMARY + sha, sha, name, length, count, updated, base });
    });
  }

  /**
   * Appends changes after the snapshot `base`, with the summary `recent()` lists.
   * Unless that snapshot and the deltas before these are what is stored (another
   * tab may have written its own meanwhile), rejects with a StorageError of kind
   * 'conflict' and writes nothing.
   * @param {string} sha
   * @param {string} base The snapshot they follow (its `putState` base).
   * @param {Array<{seq: number, how: 'do'|'undo'|'redo', change: object, writer?: {tab: string, v: number}}>} deltas
   *   `seq` counts from 1 after each snapshot, with no gap; `writer` as for `putState`.
   * @param {{name: string, length: number, count: number, updated?: string}} summary
   * @returns {Promise<void>}
   */
  putDeltas(sha, base, deltas, { name, length, count, updated = new Date().toISOString() }) {
    return this.transaction([DELTAS, META], 'readwrite', 'storage.doing.saveChanges', (s, _, fail) => {
      checkStored(s, sha, { base, seq: deltas[0].seq - 1 }, fail);
      for (const { seq, how, change, writer = null } of deltas) s[DELTAS].put({ sha, base, seq, how, change, writer });
      s[META].put({ key: SUMMARY + sha, sha, name, length, count, updated, base });
    });
  }

  /**
   * Loads a document: its last snapshot and the changes made after it, which
   * `AnnotationModel.replay` makes again, in order.
   * @param {string} sha
   * @returns {Promise<{sha, name, text, encoding, bytes, state, history, updated, deltas}|null>}
   *   null when its text is not stored; `state`, `history` and `updated` are null
   *   when only the text was saved (`updated` is the snapshot's time); `base` names
   *   the snapshot ('' for one saved before deltas existed, null when none); `deltas`
   *   is `[{how, change}]`, oldest first; `writer` is `{tab, v}` of the last write
   *   (what `unsaved.js` compares a page's leftovers with), null when unknown.
   */
  load(sha) {
    return this.transaction([TEXTS, STATES, DELTAS], 'readonly', 'storage.doing.loadWork', (s, out) => {
      const textRequest = s[TEXTS].get(sha);
      const stateRequest = s[STATES].get(sha);
      stateRequest.onsuccess = () => {
        const st = stateRequest.result;
        const base = st?.base ?? '';
        const deltasRequest = s[DELTAS].getAll(deltasAfter(sha, base));
        deltasRequest.onsuccess = () => {
          const t = textRequest.result;
          out.value = t
            ? {
                sha,
                name: st?.name ?? t.name,
                text: t.text,
                encoding: t.encoding,
                bytes: t.bytes ?? null,
                state: typeof st?.state === 'string' ? JSON.parse(st.state) : (st?.state ?? null),
                history: st?.history ?? null,
                base: st ? (st.base ?? '') : null,
                updated: st?.updated ?? null,
                deltas: deltasRequest.result.map(({ how, change }) => ({ how, change })),
                writer: deltasRequest.result.at(-1)?.writer ?? st?.writer ?? null,
              }
            : null;
        };
      };
    });
  }

  /**
   * The documents saved most recently, newest first.
   * @param {number} [limit]
   * @returns {Promise<Array<{sha, name, length, count, updated}>>}
   */
  recent(limit = 20) {
    return this.transaction(META, 'readonly', 'storage.doing.listDocuments', (s, out) => {
      // Summaries are small and few (one per document), so read them all and sort here.
      const request = s[META].getAll(IDBKeyRange.bound(SUMMARY, `${SUMMARY}\uffff`));
      request.onsuccess = () => {
        out.value = request.result
          .map(({ sha, name, length, count, updated }) => ({ sha, name, length, count, updated }))
          .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0))
          .slice(0, limit);
      };
    });
  }

  /**
   * Remembers which document was open last.
   * @param {string} sha
   * @returns {Promise<void>}
   */
  setLast(sha) {
    return this.transaction(META, 'readwrite', 'storage.doing.rememberOpen', (s) => {
      s[META].put({ key: LAST, sha });
    });
  }

  /** @returns {Promise<string|null>} the document open last, if any. */
  getLast() {
    return this.transaction(META, 'readonly', 'storage.doing.readLast', (s, out) => {
      const request = s[META].get(LAST);
      request.onsuccess = () => {
        out.value = request.result?.sha ?? null;
      };
    });
  }

  /**
   * Forgets a document: its text, state, deltas and summary, and `last` if it was that one.
   * @param {string} sha
   * @returns {Promise<void>}
   */
  remove(sha) {
    return this.transaction([TEXTS, STATES, DELTAS, META], 'readwrite', 'storage.doing.removeDocument', (s) => {
      s[TEXTS].delete(sha);
      s[STATES].delete(sha);
      s[DELTAS].delete(deltasOf(sha));
      s[META].delete(SUMMARY + sha);
      const last = s[META].get(LAST);
      last.onsuccess = () => {
        if (last.result?.sha === sha) s[META].delete(LAST);
      };
    });
  }

  /** Closes the connection (the page normally never needs to). */
  close() {
    this.#db.close();
  }
}
