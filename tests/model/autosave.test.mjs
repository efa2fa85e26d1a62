// When autosave writes a delta and when a snapshot, against a storage kept in
// memory that keeps storage.js's promises (deltas follow the snapshot they
// name; a write is refused when another tab wrote meanwhile). The real
// IndexedDB is exercised in tests/browser/persist.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Autosave } from '../../www/js/autosave.js';
import { AnnotationModel } from '../../www/js/model.js';

const NOW = () => new Date('2026-11-24T05:00:00.000Z');

/** One document's storage in memory, with a log of the writes and a way to make the next one fail. */
function memoryStorage() {
  const db = { state: null, deltas: [] };
  const writes = [];
  let failure = null;
  const deltasAfter = (base) => db.deltas.filter((d) => d.base === base).length;
  const isStored = (at) => (at === null ? db.state === null : db.state?.base === at.base && deltasAfter(at.base) === at.seq);
  const refuse = () => Object.assign(new Error('Another tab saved this document meanwhile.'), { kind: 'conflict' });
  return {
    db,
    writes,
    failNext(err) {
      failure = err;
    },
    async putState(_sha, record, { onlyIf } = {}) {
      await null;
      if (failure) {
        const f = failure;
        failure = null;
        throw f;
      }
      if (onlyIf !== undefined && !isStored(onlyIf)) throw refuse();
      writes.push({ kind: 'snapshot', base: record.base, count: record.count });
      db.state = structuredClone(record);
      db.deltas = [];
    },
    async putDeltas(_sha, base, deltas) {
      await null;
      if (failure) {
        const f = failure;
        failure = null;
        throw f;
      }
      if (!isStored({ base, seq: deltas[0].seq - 1 })) throw refuse();
      writes.push({ kind: 'deltas', seqs: deltas.map((d) => d.seq) });
      db.deltas.push(...structuredClone(deltas.map((d) => ({ base, ...d }))));
    },
    /** What storage.js `load` gives: the snapshot and its deltas, in order. */
    load() {
      const { state, history, base } = structuredClone(db.state);
      const deltas = structuredClone(db.deltas.filter((d) => d.base === base).sort((a, b) => a.seq - b.seq));
      return { state: typeof state === 'string' ? JSON.parse(state) : state, history, base, deltas };
    },
  };
}

/** A model whose changes go to an Autosave, as controllers/persistence.js wires them. */
function saving(storage, { model = new AnnotationModel({ length: 100, now: NOW }), stored = null, ...options } = {}) {
  const events = [];
  const compactions = [];
  const autosave = new Autosave(storage, 'sha', model, {
    name: 'doc.txt',
    length: 100,
    stored,
    saved: (announce) => events.push(announce ? 'saved' : 'compacted'),
    failed: (err) => events.push(`failed: ${err.message}`),
    conflict: () => events.push('conflict'),
    compacted: (from, to) => compactions.push([from, to]),
    // The page starts a write once the frame that shows the change is drawn
    // (tested below); here at once, so that the order of writes is the test's.
    afterPaint: (fn) => fn(),
    ...options,
  });
  model.onChange((change, how) => autosave.record(change, how));
  return { model, autosave, events, compactions };
}

/** The model storage would give back: the snapshot with its deltas replayed. */
function reload(storage) {
  const { state, history, deltas } = storage.load();
  const m = new AnnotationModel({ ...state, history, length: 100, now: NOW });
  for (const { change, how } of deltas) m.replay(change, how);
  return m;
}

/** Another tab (or a reload) opening what is stored. */
function opened(storage, options = {}) {
  const { base, deltas } = storage.load();
  return saving(storage, { model: reload(storage), stored: { base, seq: deltas.length }, ...options });
}

/** Tab A saves a document, then tab B opens what A saved. */
async function twoTabs(storage) {
  const a = saving(storage);
  a.model.create({ start: 0, end: 1, label: 'PER' });
  await a.autosave.settled();
  return { a, b: opened(storage) };
}

function edit(m) {
  m.create({ start: 0, end: 2, label: 'PER' });
  m.create({ start: 5, end: 9, label: 'LOC' });
  m.relabel('a1', 'ORG');
  m.undo();
  m.undo();
  m.redo();
  m.addLabel({ name: 'Quote' });
}

test('each change is written as a delta after one snapshot, and the snapshot with its deltas is the same model', async () => {
  const storage = memoryStorage();
  const { model, autosave, events } = saving(storage);
  model.create({ start: 0, end: 1, label: 'PER' });
  await autosave.settled();
  for (const step of [(m) => m.resize('a1', 0, 3), edit]) {
    step(model);
    await autosave.settled();
  }
  assert.equal(storage.writes[0].kind, 'snapshot', 'a document never stored is written whole first');
  assert.deepEqual(
    storage.writes.slice(1).map((w) => w.kind),
    storage.writes.slice(1).map(() => 'deltas'),
  );
  assert.deepEqual(
    storage.writes.slice(1).flatMap((w) => w.seqs),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
  const back = reload(storage);
  assert.deepEqual(back.toState(), model.toState());
  assert.deepEqual(back.toHistory(), model.toHistory());
  assert.ok(events.every((e) => e === 'saved'));
});

test('changes made while a write is under way are written after it, in order, in one write', async () => {
  const storage = memoryStorage();
  const { model, autosave } = saving(storage);
  model.create({ start: 0, end: 1, label: 'PER' }); // the snapshot
  await autosave.settled();
  model.create({ start: 1, end: 2, label: 'PER' }); // written at once
  edit(model); // seven changes while that write is under way
  await autosave.settled();
  assert.deepEqual(storage.writes.slice(1), [
    { kind: 'deltas', seqs: [1] },
    { kind: 'deltas', seqs: [2, 3, 4, 5, 6, 7, 8] },
  ]);
  assert.deepEqual(reload(storage).toHistory(), model.toHistory());
});

test('a change is written once the frame that shows it is drawn, with the changes made before that frame', async () => {
  const storage = memoryStorage();
  const frames = [];
  const { model, autosave } = saving(storage, { afterPaint: (fn) => frames.push(fn) });
  model.create({ start: 0, end: 1, label: 'PER' });
  model.create({ start: 1, end: 2, label: 'PER' });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(storage.writes.length, 0, 'nothing is written before the frame');
  assert.equal(frames.length, 1, 'one write waits for the frame, for both changes');
  assert.ok(autosave.unwritten(), 'what waits is unwritten, for unsaved.js to keep if the page goes');
  const settled = autosave.settled();
  frames.shift()();
  await settled;
  assert.deepEqual(
    storage.writes.map((w) => w.kind),
    ['snapshot'],
  );
  assert.equal(autosave.unwritten(), null);
  model.create({ start: 2, end: 3, label: 'PER' });
  assert.equal(frames.length, 1, 'the next change waits for the next frame');
  frames.shift()();
  await autosave.settled();
  assert.deepEqual(
    storage.writes.map((w) => w.kind),
    ['snapshot', 'deltas'],
  );
  assert.deepEqual(reload(storage).toHistory(), model.toHistory());
});

test('a failed write says so, and the next change writes a snapshot that holds what failed', async () => {
  const storage = memoryStorage();
  const { model, autosave, events } = saving(storage);
  model.create({ start: 0, end: 1, label: 'PER' });
  await autosave.settled();
  storage.failNext(new Error('quota exceeded'));
  model.create({ start: 1, end: 2, label: 'PER' });
  await autosave.settled();
  assert.deepEqual(events, ['saved', 'failed: quota exceeded']);
  model.create({ start: 2, end: 3, label: 'PER' });
  await autosave.settled();
  assert.deepEqual(
    storage.writes.map((w) => w.kind),
    ['snapshot', 'snapshot'],
  );
  assert.deepEqual(reload(storage).toState(), model.toState());
});

test('a tab does not write over a snapshot another tab wrote after it read its own; it reports a conflict until told to write', async () => {
  const storage = memoryStorage();
  const { a, b } = await twoTabs(storage);
  b.model.create({ start: 10, end: 12, label: 'LOC' }); // a delta after A's snapshot
  await b.autosave.settled();
  a.model.create({ start: 20, end: 22, label: 'ORG' });
  await a.autosave.settled();
  assert.deepEqual(a.events, ['saved', 'conflict']);
  assert.deepEqual(reload(storage).toState(), b.model.toState(), 'A wrote nothing after B’s delta');
  // Held: nothing more is written, not even a compaction...
  a.model.create({ start: 30, end: 32, label: 'ORG' });
  a.autosave.compact();
  await a.autosave.settled();
  assert.deepEqual(reload(storage).toState(), b.model.toState());
  // ...until the person keeps A's version: then all of it is written over B's.
  a.autosave.snapshot({ announce: true });
  await a.autosave.settled();
  assert.deepEqual(reload(storage).toState(), a.model.toState());
  assert.equal(a.events.at(-1), 'saved');
  // And B, appending to its snapshot, now hears of the conflict in turn.
  b.model.remove('a2');
  await b.autosave.settled();
  assert.equal(b.events.at(-1), 'conflict');
});

test('once enough deltas are written a snapshot replaces them when the page is idle; it is no change to announce', async () => {
  const storage = memoryStorage();
  const idle = [];
  const { model, autosave, events } = saving(storage, { compactAfter: { changes: 3, items: 1000 }, later: (fn) => idle.push(fn) });
  model.create({ start: 0, end: 1, label: 'PER' });
  await autosave.settled();
  for (let i = 1; i <= 3; i++) {
    model.create({ start: i, end: i + 1, label: 'PER' });
    await autosave.settled();
  }
  assert.equal(idle.length, 1);
  assert.equal(storage.db.deltas.length, 3);
  idle.pop()();
  await autosave.settled();
  assert.deepEqual(
    storage.writes.map((w) => w.kind),
    ['snapshot', 'deltas', 'deltas', 'deltas', 'snapshot'],
  );
  assert.deepEqual(storage.db.deltas, []);
  assert.equal(events.at(-1), 'compacted');
  assert.deepEqual(reload(storage).toHistory(), model.toHistory());
  // With nothing after the snapshot there is nothing to fold.
  autosave.compact();
  await autosave.settled();
  assert.equal(storage.writes.length, 5);
});

test('a change too large to be worth a delta (an import) is written as a snapshot', async () => {
  const storage = memoryStorage();
  const { model, autosave } = saving(storage, { compactAfter: { changes: 500, items: 50 } });
  model.create({ start: 0, end: 1, label: 'PER' });
  await autosave.settled();
  const annotations = Array.from({ length: 60 }, (_, i) => ({ id: `x${i}`, start: i, end: i + 1, label: 'LOC' }));
  model.replaceAll({ annotations });
  await autosave.settled();
  model.undo();
  await autosave.settled();
  assert.deepEqual(
    storage.writes.map((w) => w.kind),
    ['snapshot', 'snapshot', 'snapshot'],
  );
  assert.deepEqual(reload(storage).toHistory(), model.toHistory());
});

test('a tab that read the document before another tab changed it does not write its snapshot over that change', async () => {
  const storage = memoryStorage();
  const { a, b } = await twoTabs(storage);
  a.model.create({ start: 5, end: 6, label: 'PER' }); // a delta B has not read
  await a.autosave.settled();
  b.model.create({ start: 10, end: 12, label: 'LOC' });
  await b.autosave.settled();
  assert.deepEqual(b.events, ['conflict']);
  assert.deepEqual(reload(storage).toState(), a.model.toState());
});

test('a reopened document goes on with deltas after the stored ones; one whose deltas did not all replay is written whole first', async () => {
  const storage = memoryStorage();
  const first = saving(storage);
  edit(first.model);
  await first.autosave.settled();
  const again = opened(storage);
  again.model.remove('a2');
  await again.autosave.settled();
  assert.deepEqual(
    storage.writes.map((w) => w.kind),
    ['snapshot', 'deltas', 'deltas'],
  );
  assert.deepEqual(storage.writes.at(-1).seqs, [storage.writes[1].seqs.length + 1]);
  assert.deepEqual(reload(storage).toHistory(), again.model.toHistory());
  const partly = opened(storage, { exact: false });
  partly.model.create({ start: 50, end: 51, label: 'PER' });
  await partly.autosave.settled();
  assert.equal(storage.writes.at(-1).kind, 'snapshot');
  assert.deepEqual(partly.events, ['saved']);
});

test('a compaction in one tab is no conflict for another that follows it (rebase); without the message it is one', async () => {
  const storage = memoryStorage();
  const { a } = await twoTabs(storage);
  a.model.create({ start: 5, end: 6, label: 'PER' });
  await a.autosave.settled();
  const b = opened(storage);
  const c = opened(storage); // a third tab that will not hear of the compaction
  a.autosave.compact();
  await a.autosave.settled();
  assert.equal(a.events.at(-1), 'compacted');
  const [[from, to]] = a.compactions;
  b.autosave.rebase(from, to);
  b.model.create({ start: 30, end: 31, label: 'LOC' });
  await b.autosave.settled();
  assert.deepEqual(b.events, ['saved']);
  assert.deepEqual(storage.writes.at(-1), { kind: 'deltas', seqs: [1] });
  assert.deepEqual(reload(storage).toHistory(), b.model.toHistory());
  c.model.create({ start: 40, end: 41, label: 'LOC' });
  await c.autosave.settled();
  assert.deepEqual(c.events, ['conflict']);
});

test('unwritten: what a write under way holds, named by its writer; nothing once written; storage then names the same writer', async () => {
  const storage = memoryStorage();
  const { model, autosave } = saving(storage, { tab: 'tab-a' });
  assert.equal(autosave.unwritten(), null, 'nothing recorded, nothing unwritten');
  model.create({ start: 0, end: 1, label: 'PER' });
  model.create({ start: 1, end: 2, label: 'LOC' }); // waits for the first write
  const left = autosave.unwritten();
  assert.deepEqual(left.writer, { tab: 'tab-a', v: 2 });
  assert.deepEqual(
    left.state.annotations.map((a) => a.label),
    ['PER', 'LOC'],
  );
  assert.deepEqual(left.history, model.toHistory());
  assert.equal(autosave.allWritten, false);
  await autosave.settled();
  assert.equal(autosave.unwritten(), null);
  assert.equal(autosave.allWritten, true);
  assert.deepEqual(storage.db.deltas.at(-1).writer, { tab: 'tab-a', v: 2 }, 'the write carries the writer the leftovers named');
});

test('unwritten: a failed write stays unwritten (what failed is still kept on leaving)', async () => {
  const storage = memoryStorage();
  const { model, autosave } = saving(storage, { tab: 'tab-a' });
  model.create({ start: 0, end: 1, label: 'PER' });
  await autosave.settled();
  storage.failNext(new Error('quota exceeded'));
  model.create({ start: 1, end: 2, label: 'PER' });
  await autosave.settled();
  assert.deepEqual(autosave.unwritten()?.writer, { tab: 'tab-a', v: 2 });
});
