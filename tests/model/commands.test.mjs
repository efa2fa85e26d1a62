// The page's commands (www/js/commands/) without a browser: pure functions
// from the UI state, a document adapter and a model to a patch, model
// operations and a hint. The adapter and the model here are small fakes over
// a text with one astral character, so that code points and UTF-16 differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL, Store } from '../../www/js/store.js';
import { run } from '../../www/js/commands/run.js';
import * as select from '../../www/js/commands/select.js';
import * as edit from '../../www/js/commands/edit.js';
import { caretToParagraph, moveCaret } from '../../www/js/commands/caret.js';

// 𠀀 is one code point, two UTF-16 units: every position after it differs by one.
const TEXT = '𠀀甲 乙丙\n\n丁戊 己';
const CPS = [...TEXT];
const u16Of = (cp) => CPS.slice(0, cp).join('').length;
const cpOf = (u) => [...TEXT.slice(0, u)].length;

/** A document adapter over TEXT: words are runs without spaces or line breaks. */
function fakeDoc(calls = []) {
  const span = (s, e) => ({ startCp: s, endCp: e, startU16: u16Of(s), endU16: u16Of(e) });
  const wordAround = (cp) => {
    if (/\s/.test(CPS[cp] ?? ' ')) return null;
    let s = cp;
    let e = cp;
    while (s > 0 && !/\s/.test(CPS[s - 1])) s--;
    while (e < CPS.length && !/\s/.test(CPS[e])) e++;
    return span(s, e);
  };
  const snapCp = (s, e, exact) => {
    calls.push(['snap', s, e, exact]);
    while (s < e && /\s/.test(CPS[s])) s++;
    while (e > s && /\s/.test(CPS[e - 1])) e--;
    if (s >= e) return null;
    const br = CPS.indexOf('\n', s);
    const cut = br >= 0 && br < e;
    if (cut) e = br;
    return { ...span(s, e), cut };
  };
  return {
    lengthCp: CPS.length,
    lengthU16: TEXT.length,
    slice: (s, e) => CPS.slice(s, e).join(''),
    cpAt: cpOf,
    u16At: u16Of,
    step(cp, forward, byChar) {
      if (byChar) return Math.max(0, Math.min(CPS.length, cp + (forward ? 1 : -1)));
      let at = cp;
      if (forward) {
        while (at < CPS.length && /\s/.test(CPS[at])) at++;
        while (at < CPS.length && !/\s/.test(CPS[at])) at++;
      } else {
        while (at > 0 && /\s/.test(CPS[at - 1])) at--;
        while (at > 0 && !/\s/.test(CPS[at - 1])) at--;
      }
      return at;
    },
    snapDrag: (a, f, exact) => snapCp(Math.min(cpOf(a), cpOf(f)), Math.max(cpOf(a), cpOf(f)), exact),
    snapKeys: snapCp,
    wider: (_s, e) => span(0, CPS.indexOf('\n') > e ? CPS.indexOf('\n') : CPS.length),
    wordUnder: (u) => wordAround(cpOf(u)),
    paragraphsCp: () => Uint32Array.of(0, 5, 6, 6, 7, 11),
  };
}

/** A model holding `annotations`, recording the operations asked of it. */
function fakeModel(annotations = []) {
  const ops = [];
  const labels = [
    { id: 'PER', name: '人物', key: '1' },
    { id: 'LOC', name: '地点', key: '2' },
  ];
  const model = {
    ops,
    labels,
    annotations,
    byId: (id) => annotations.find((a) => a.id === id) ?? null,
    at: (cp) => annotations.filter((a) => a.start <= cp && cp < a.end),
    create(spec) {
      ops.push(['create', spec]);
    },
    relabel(id, label) {
      ops.push(['relabel', id, label]);
      const i = annotations.findIndex((a) => a.id === id);
      annotations[i] = { ...annotations[i], label };
    },
    resize(id, start, end) {
      ops.push(['resize', id, start, end]);
      const i = annotations.findIndex((a) => a.id === id);
      annotations[i] = { ...annotations[i], start, end };
    },
    remove(id) {
      ops.push(['remove', id]);
    },
    undo() {
      ops.push(['undo']);
    },
    redo() {
      ops.push(['redo']);
    },
  };
  return model;
}

const state = (patch = {}) => ({ ...INITIAL, ...patch });

test('a drag keeps the UTF-16 ends the snap gave, beside its code points', () => {
  const doc = fakeDoc();
  // 甲 starts at code point 1, UTF-16 2: a drag over 甲 乙丙 from inside 甲 to inside 乙.
  const r = select.dragged(state({ picked: 'a1', cycle: { cp: 0, index: 0 } }), doc, fakeModel(), {
    anchorU16: 2,
    focusU16: 5,
    alt: false,
  });
  assert.deepEqual(r.patch.selection, { startCp: 1, endCp: 4, startU16: 2, endU16: 5, cut: false, anchor: 1, focus: 4 });
  assert.equal(r.patch.picked, null);
  assert.equal(r.patch.cycle, null);
  assert.match(r.hint, /^Selected “甲 乙” \[1, 4\)/);
});

test('a drag asks for exact characters with Alt or in exact mode, and says when it was cut or empty', () => {
  const calls = [];
  const doc = fakeDoc(calls);
  select.dragged(state(), doc, fakeModel(), { anchorU16: 2, focusU16: 3, alt: true });
  select.dragged(state({ exact: true }), doc, fakeModel(), { anchorU16: 2, focusU16: 3, alt: false });
  select.dragged(state(), doc, fakeModel(), { anchorU16: 2, focusU16: 3, alt: false });
  assert.deepEqual(
    calls.map((c) => c[3]),
    [true, true, false],
  );
  const cut = select.dragged(state(), doc, fakeModel(), { anchorU16: 4, focusU16: 10, alt: false });
  assert.match(cut.hint, /^The selection crossed a line break/);
  assert.equal(cut.patch.selection.endCp, 5);
  const blank = select.dragged(state(), doc, fakeModel(), { anchorU16: 3, focusU16: 4, alt: false });
  assert.deepEqual(blank, { patch: { selection: null }, hint: 'Only whitespace was selected.' });
  const refused = select.dragged(
    state(),
    {
      ...doc,
      snapDrag() {
        throw new Error('out of range');
      },
    },
    fakeModel(),
    { anchorU16: 0, focusU16: 99 },
  );
  assert.deepEqual(refused, { hint: 'out of range' });
});

test('clicks at one character step through the annotations there; a click on nothing drops the pick', () => {
  const doc = fakeDoc();
  const model = fakeModel([
    { id: 'a1', start: 1, end: 2, label: 'PER' },
    { id: 'a2', start: 1, end: 5, label: 'LOC' },
  ]);
  const store = new Store(state());
  run(store, model, select.clicked(store.state, doc, model, 2)); // UTF-16 2 is code point 1
  assert.equal(store.state.picked, 'a1');
  assert.equal(store.state.caret, 1);
  assert.equal(store.state.hint, '1 of 2 annotations here; click again (or Enter) for the next.');
  run(store, model, select.clicked(store.state, doc, model, 2));
  assert.equal(store.state.picked, 'a2');
  run(store, model, select.clicked(store.state, doc, model, 2));
  assert.equal(store.state.picked, 'a1');
  run(store, model, select.clicked(store.state, doc, model, 9));
  assert.deepEqual([store.state.picked, store.state.cycle, store.state.hint], [null, null, '']);
});

test('Enter with the caret on annotations picks them in turn, as clicks do; with the caret on none it says how', () => {
  const doc = fakeDoc();
  const model = fakeModel([
    { id: 'a1', start: 1, end: 2, label: 'PER' },
    { id: 'a2', start: 1, end: 5, label: 'LOC' },
  ]);
  const store = new Store(state({ caret: 1, caretMark: 1 }));
  run(store, model, select.pickAtCaret(store.state, doc, model));
  assert.deepEqual([store.state.picked, store.state.caret], ['a1', 1]);
  run(store, model, select.pickAtCaret(store.state, doc, model));
  assert.equal(store.state.picked, 'a2');
  // A relation picked (an arc clicked) lets go: the keys then act on the annotation the hint names.
  store.set({ relation: 'r1' });
  run(store, model, select.pickAtCaret(store.state, doc, model));
  assert.deepEqual([store.state.picked, store.state.relation], ['a1', null]);
  store.set({ picked: null, caret: 7, caretMark: 7 });
  run(store, model, select.pickAtCaret(store.state, doc, model));
  assert.equal(store.state.picked, null);
  assert.match(store.state.hint, /^No annotation at the caret/);
});

test('a label key creates from the selection, relabels the pick, or says what to do', () => {
  const doc = fakeDoc();
  const model = fakeModel([{ id: 'a1', start: 1, end: 2, label: 'PER' }]);
  const sel = { startCp: 1, endCp: 4, startU16: 2, endU16: 5, anchor: 1, focus: 4 };
  const made = edit.label(state({ selection: sel }), doc, model, 'LOC');
  assert.deepEqual(made.ops, [['create', { start: 1, end: 4, label: 'LOC' }]]);
  assert.deepEqual(made.patch, { selection: null, picked: null });
  assert.equal(made.hint, 'Added 地点 “甲 乙”.');
  const relabelled = edit.label(state({ picked: 'a1' }), doc, model, 'LOC');
  assert.deepEqual(relabelled.ops, [['relabel', 'a1', 'LOC']]);
  // Asked of the model after the relabel, the hint names the new label (issue 19: it named the old one).
  const store = new Store(state({ picked: 'a1' }));
  run(store, model, relabelled);
  assert.match(store.state.hint, /^Picked 地点 /);
  assert.match(edit.label(state(), doc, model, 'LOC').hint, /^Select some text/);
});

test('Shift+arrows resize the picked annotation by word or character, never to nothing', () => {
  const doc = fakeDoc();
  const model = fakeModel([{ id: 'a1', start: 1, end: 2, label: 'PER' }]);
  const store = new Store(state({ picked: 'a1' }));
  run(store, model, edit.resize(store.state, doc, model, { forward: true, byChar: false, edge: 'end' }));
  assert.deepEqual(model.ops.at(-1), ['resize', 'a1', 1, 5]);
  // The hint is asked of the model after the resize: it names the new span.
  assert.match(store.state.hint, /^Picked 人物 “甲 乙丙” \[1, 5\)/);
  run(store, model, edit.resize(store.state, doc, model, { forward: true, byChar: true, edge: 'start' }));
  assert.deepEqual(model.ops.at(-1), ['resize', 'a1', 2, 5]);
  const empty = edit.resize(state({ picked: 'a1' }), doc, fakeModel([{ id: 'a1', start: 1, end: 2 }]), {
    forward: false,
    byChar: true,
    edge: 'end',
  });
  assert.match(empty.hint, /cannot be made empty/);
  assert.equal(empty.ops, undefined);
  assert.equal(edit.resize(state(), doc, model, { forward: true }), null);
});

test('the caret moves by word and character; Shift extends a snapped selection that keeps its caret ends', () => {
  const calls = [];
  const doc = fakeDoc(calls);
  const model = fakeModel();
  const store = new Store(state());
  run(store, model, moveCaret(store.state, doc, model, { forward: true, extend: false, byChar: false }));
  assert.deepEqual([store.state.caret, store.state.caretMark], [0, 0]); // no caret yet: the start
  run(store, model, moveCaret(store.state, doc, model, { forward: true, extend: false, byChar: false }));
  assert.equal(store.state.caret, 2);
  assert.match(store.state.hint, /^Caret at 2/);
  run(store, model, moveCaret(store.state, doc, model, { forward: true, extend: true, byChar: false }));
  assert.deepEqual(calls.at(-1), ['snap', 2, 5, true]);
  const sel = store.state.selection;
  assert.deepEqual([sel.startCp, sel.endCp, sel.startU16, sel.endU16, sel.anchor, sel.focus], [3, 5, 4, 6, 2, 5]);
  assert.equal(store.state.caretMark, 2, 'the caret mark stays where the caret was shown');
  run(store, model, moveCaret(store.state, doc, model, { forward: false, extend: true, byChar: false }));
  // Back over 乙丙 to the space after the anchor: only whitespace left, so the caret shows where the focus is.
  assert.equal(store.state.selection, null);
  assert.deepEqual([store.state.caret, store.state.caretMark], [3, 3]);
});

test('from a picked annotation the caret starts at the end it moves past; ↓ ↑ skip blank paragraphs', () => {
  const doc = fakeDoc();
  const model = fakeModel([{ id: 'a1', start: 1, end: 2, label: 'PER' }]);
  const moved = moveCaret(state({ picked: 'a1' }), doc, model, { forward: false, extend: false, byChar: false });
  assert.deepEqual(moved.patch, { selection: null, picked: null, caret: 1, caretMark: 1 });
  assert.equal(caretToParagraph(state({ caret: 1 }), doc, model, { forward: true }).patch.caret, 7);
  assert.equal(caretToParagraph(state({ caret: 8 }), doc, model, { forward: false }).patch.caret, 7);
  assert.equal(caretToParagraph(state({ caret: 7 }), doc, model, { forward: false }).patch.caret, 0);
  assert.equal(caretToParagraph(state({ caret: 8 }), doc, model, { forward: true }), null);
});

test('widen works from the selection or the pick; Esc clears both; Delete, undo and redo are model operations', () => {
  const doc = fakeDoc();
  const model = fakeModel([{ id: 'a1', start: 1, end: 2, label: 'PER' }]);
  const w = select.widen(state({ picked: 'a1' }), doc, model);
  assert.deepEqual([w.patch.picked, w.patch.selection.startCp, w.patch.selection.endCp], [null, 0, 5]);
  assert.match(select.widen(state(), doc, model).hint, /^Select some text first/);
  assert.deepEqual(select.dismiss(), { patch: { selection: null, picked: null, caretMark: null }, hint: '' });
  assert.deepEqual(edit.remove(state({ picked: 'a1' })).ops, [['remove', 'a1']]);
  assert.equal(edit.remove(state()), null);
  assert.deepEqual([edit.undo().ops, edit.redo().ops], [[['undo']], [['redo']]]);
});

test('run applies the patch before the operations and leaves a refused operation’s message as the hint', () => {
  const seen = [];
  const store = new Store(state({ selection: { startCp: 0, endCp: 1 } }));
  store.subscribe((_state, _before, changed) => seen.push([...changed]));
  const model = {
    create() {
      seen.push(['create']);
      throw new Error('An annotation needs a known label.');
    },
  };
  run(store, model, { patch: { selection: null }, ops: [['create', {}]], hint: 'Added' });
  assert.deepEqual(seen, [['selection'], ['create'], ['hint']]);
  assert.equal(store.state.hint, 'An annotation needs a known label.');
  // A patch that changes nothing tells no one.
  store.set({ selection: null });
  assert.equal(seen.length, 3);
});

// Regression: Ctrl+Z said only "Undone", so a Ctrl+Z after a change that is not the model's (Suggestions… applied)
// took back the annotation before it without saying which.
test('the undo hint names the annotation it gives back or takes away, or how many', async () => {
  const { AnnotationModel } = await import('../../www/js/model.js');
  const model = new AnnotationModel({ length: CPS.length });
  const doc = fakeDoc();
  const say = () => edit.undo(INITIAL, doc, model).hint;
  assert.equal(say(), 'Nothing to undo.');
  model.create({ start: 0, end: 2, label: 'PER' });
  assert.equal(say(), `Undone: ${model.labelById('PER').name} “𠀀甲” (Ctrl+Shift+Z does it again).`);
  model.createMany([
    { start: 3, end: 5, label: 'LOC' },
    { start: 7, end: 9, label: 'LOC' },
  ]);
  assert.equal(say(), 'Undone: 2 annotations (Ctrl+Shift+Z does it again).');
});
