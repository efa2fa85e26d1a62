// Projects in IndexedDB: many documents under one label set, each with its
// status. A project record is small (ids and statuses, no text), so the list
// of a project of thousands of documents is read at once and the documents
// themselves only when opened:
//   projects {id, name, labels, scheme, docs: [{sha, status}], created, updated}
//   meta     {key: 'project', id}   the project open last
// Texts, states and summaries stay keyed by the text's SHA-256 (storage.js),
// so a text in two projects is stored once.

import { DELTAS, META, OPEN_PROJECT as OPEN, PROJECTS, STATES, SUMMARY, TEXTS } from './storage-names.js';
import { mergeProject } from './project-merge.js';

/** The statuses of a document, in the order of its life. */
export const STATUSES = Object.freeze(['new', 'progress', 'done', 'skipped']);

/** The name of the project a first visit, or an older page's saved work, starts in. */
export const FIRST_PROJECT = '我的文档 My documents';

/** A fresh project id: time, then randomness, so ids sort by creation. */
export function newProjectId() {
  return `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** A new project record. `labels` and `scheme` null: the first document opened in it gives them. */
export function newProject(name, docs = []) {
  const now = new Date().toISOString();
  return { id: newProjectId(), name, labels: null, scheme: null, docs, created: now, updated: now };
}

/**
 * In the upgrade from version 2 (`tx` is its versionchange transaction): every
 * document saved before projects existed goes into one project, oldest first,
 * "in progress" when it has annotations; the one open last stays open.
 */
export function migrateToProjects(tx) {
  const meta = tx.objectStore(META);
  const request = meta.getAll(IDBKeyRange.bound(SUMMARY, `${SUMMARY}\uffff`));
  request.onsuccess = () => {
    const docs = request.result
      .sort((a, b) => (a.updated < b.updated ? -1 : a.updated > b.updated ? 1 : 0))
      .map(({ sha, count }) => ({ sha, status: count > 0 ? 'progress' : 'new' }));
    const project = newProject(FIRST_PROJECT, docs);
    tx.objectStore(PROJECTS).put(project);
    meta.put({ key: OPEN, id: project.id });
  };
}

/** Every project, `{id, name, size, done, updated}`, newest first. */
export function listProjects(storage) {
  return storage.transaction(PROJECTS, 'readonly', 'storage.doing.listProjects', (s, out) => {
    const request = s[PROJECTS].getAll();
    request.onsuccess = () => {
      out.value = request.result
        .map(({ id, name, docs, updated }) => ({
          id,
          name,
          size: docs.length,
          done: docs.filter((d) => d.status === 'done').length,
          updated,
        }))
        .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
    };
  });
}

/** The project `id` with its documents, or null. */
export function getProject(storage, id) {
  return storage.transaction(PROJECTS, 'readonly', 'storage.doing.readProject', (s, out) => {
    const request = s[PROJECTS].get(id);
    request.onsuccess = () => {
      out.value = request.result ?? null;
    };
  });
}

/**
 * Writes a project record (it is small: ids and statuses) and makes it the
 * one open. What another tab changed meanwhile is kept: merged three ways
 * with `base`, the record as this tab last read or wrote it (project-merge.js);
 * without a base, the documents another tab added are kept, after this tab's:
 * a write never drops a document from a project. Resolves to the record as
 * stored.
 */
export function putProject(storage, project, base = null) {
  return storage.transaction([PROJECTS, META], 'readwrite', 'storage.doing.saveProject', (s, out) => {
    const request = s[PROJECTS].get(project.id);
    request.onsuccess = () => {
      // Read and written in one transaction, so that no other tab's write falls between.
      out.value = { ...mergeProject(base, project, request.result ?? null), updated: new Date().toISOString() };
      s[PROJECTS].put(out.value);
      s[META].put({ key: OPEN, id: project.id });
    };
  });
}

/** The id of the project open last, or null. */
export function openProjectId(storage) {
  return storage.transaction(META, 'readonly', 'storage.doing.readOpenProject', (s, out) => {
    const request = s[META].get(OPEN);
    request.onsuccess = () => {
      out.value = request.result?.id ?? null;
    };
  });
}

/** The summary of every saved document (`{name, length, count, updated}` by SHA-256): one read for the whole list. */
export function summaries(storage) {
  return storage.transaction(META, 'readonly', 'storage.doing.listDocuments', (s, out) => {
    const request = s[META].getAll(IDBKeyRange.bound(SUMMARY, `${SUMMARY}\uffff`));
    request.onsuccess = () => {
      out.value = new Map(request.result.map(({ sha, name, length, count, updated }) => [sha, { name, length, count, updated }]));
    };
  });
}

/**
 * Adds documents to a project in ONE transaction, so that an add is whole or
 * nothing: each text, its annotations when it brings some (a snapshot with no
 * history), its summary, and its place in the project. A text the project has
 * already takes the file's annotations when it has none saved (a project file
 * opened where its texts were opened bare, or the sample), and is left as it
 * is otherwise. Resolves to `{project, kept, filled}`: the project as stored,
 * the documents (`{sha, name}`) whose text was saved already with
 * annotations, which were kept rather than replaced by the file's, and those
 * of the project's documents that took the file's.
 * @param {object} storage
 * @param {string} projectId
 * @param {Array<{sha: string, name: string, text: string, encoding: string, bytes?: Uint8Array|null,
 *   length: number, state?: object|null, status?: string}>} docs
 * @param {Set<string>} [busy] texts whose annotations are not to be replaced whatever is saved (the open
 *   document, when its model has some that storage may not hold yet)
 */
export function addDocuments(storage, projectId, docs, busy = new Set()) {
  return storage.transaction([PROJECTS, TEXTS, STATES, DELTAS, META], 'readwrite', 'storage.doing.addDocuments', (s, out, fail) => {
    const request = s[PROJECTS].get(projectId);
    request.onsuccess = () => {
      const project = request.result;
      if (!project) {
        fail(new Error(`the project ${projectId} is not stored`));
        return;
      }
      const members = new Map(project.docs.map((d) => [d.sha, d]));
      const kept = [];
      const filled = [];
      const updated = new Date().toISOString();
      for (const d of docs) {
        const count = d.state?.annotations?.length ?? 0;
        const member = members.get(d.sha);
        // A member only takes annotations, and only when the file brings some.
        if (member && !count) continue;
        if (!member) {
          s[TEXTS].put({ sha: d.sha, name: d.name, text: d.text, encoding: d.encoding, bytes: d.bytes ?? null });
          const added = { sha: d.sha, status: d.status ?? (count ? 'progress' : 'new') };
          members.set(d.sha, added);
          project.docs.push(added);
        }
        const summary = { key: SUMMARY + d.sha, sha: d.sha, name: d.name, length: d.length, count, updated, base: '' };
        // A text saved already with annotations (in this project or another) keeps them: one text has one set of them.
        const known = s[META].get(SUMMARY + d.sha);
        known.onsuccess = () => {
          if (known.result?.count > 0 || (busy.has(d.sha) && count)) {
            if (count) kept.push({ sha: d.sha, name: d.name });
            return;
          }
          if (known.result && !d.state) return;
          // A snapshot with no deltas after it (any older ones go, as putState does); autosave's next write replaces it.
          if (d.state) s[DELTAS].delete(IDBKeyRange.bound([d.sha], [d.sha, []]));
          if (d.state)
            s[STATES].put({
              sha: d.sha,
              state: d.state,
              history: null,
              base: '',
              writer: null,
              name: d.name,
              length: d.length,
              count,
              updated,
            });
          s[META].put(member ? { ...summary, name: known.result?.name ?? d.name } : summary);
          if (member) {
            filled.push({ sha: d.sha, name: known.result?.name ?? d.name });
            if (member.status === 'new') {
              member.status = d.status ?? 'progress';
              // The record was put before this answer came: put it again, with the status.
              s[PROJECTS].put(project);
            }
          }
        };
      }
      project.updated = updated;
      s[PROJECTS].put(project);
      out.value = { project, kept, filled };
    };
  });
}

/**
 * Reads the documents `shas` in one transaction, for an export of a whole
 * project (one transaction per document took minutes for thousands):
 * resolves to a Map of SHA-256 → `{name, text, encoding, state, history,
 * deltas}` as `Storage.load` gives one (`deltas`: `[{how, change}]` after the
 * snapshot, oldest first).
 */
export function loadMany(storage, shas) {
  return storage.transaction([TEXTS, STATES, DELTAS], 'readonly', 'storage.doing.readProject', (s, out) => {
    const want = new Set(shas);
    const texts = s[TEXTS].getAll();
    const states = s[STATES].getAll();
    const deltas = s[DELTAS].getAll();
    // Requests of one transaction complete in order: the texts and states are read when the deltas are.
    deltas.onsuccess = () => {
      const stateOf = new Map(states.result.filter((st) => want.has(st.sha)).map((st) => [st.sha, st]));
      const after = new Map();
      for (const d of deltas.result) {
        if (!want.has(d.sha) || d.base !== (stateOf.get(d.sha)?.base ?? '')) continue;
        if (!after.has(d.sha)) after.set(d.sha, []);
        after.get(d.sha).push({ how: d.how, change: d.change });
      }
      out.value = new Map(
        texts.result
          .filter((t) => want.has(t.sha))
          .map((t) => {
            const st = stateOf.get(t.sha);
            const state = typeof st?.state === 'string' ? JSON.parse(st.state) : (st?.state ?? null);
            const rec = { sha: t.sha, name: st?.name ?? t.name, text: t.text, encoding: t.encoding, state, history: st?.history ?? null };
            return [t.sha, { ...rec, deltas: after.get(t.sha) ?? [] }];
          }),
      );
    };
  });
}
