// The one table of rules (tests/fixtures/annotation-rules.json), through the
// page's model; the Rust core's tests read the same table. Run: node --test tests/model/
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AnnotationModel } from '../../www/js/model.js';

const table = JSON.parse(readFileSync(new URL('../fixtures/annotation-rules.json', import.meta.url), 'utf8'));
const LABELS = [
  { id: 'PER', name: 'PER', color: '#e6550d', key: '1' },
  { id: 'LOC', name: 'LOC', color: '#009e73', key: '2' },
];
const CODES = ['reversed', 'empty', 'out-of-range', 'bad-fragments', 'unknown-label', 'duplicate-id', 'dangling-relation'];

/** The model of one case's document: its annotations and relations over a text of `length` code points. */
const modelOf = ({ length, annotations, relations = [] }) => new AnnotationModel({ labels: LABELS, annotations, relations, length });

test('the table has cases of every kind and names only the known codes', () => {
  assert.ok(table.valid.length && table.invalid.length && table.resize.length);
  for (const c of [...table.invalid, ...table.resize.filter((r) => r.error)]) assert.ok(CODES.includes(c.error), `${c.name}: ${c.error}`);
  assert.deepEqual(new Set(table.invalid.map((c) => c.error)), new Set(CODES), 'every rule has a case');
});

describe('valid: the model takes it as given', () => {
  for (const c of table.valid) {
    test(c.name, () => {
      const m = modelOf(c);
      assert.deepEqual(
        m.toState().annotations,
        [...c.annotations].sort((a, b) => a.start - b.start || b.end - a.end),
      );
      assert.deepEqual(m.toState().relations, c.relations ?? []);
      // The same annotations made one at a time are accepted as well.
      const fresh = modelOf({ length: c.length, annotations: [] });
      for (const { id: _id, ...spec } of c.annotations) fresh.create(spec);
      assert.equal(fresh.annotations.length, c.annotations.length);
    });
  }
});

describe('invalid: the constructor, an import and create refuse it with its code', () => {
  for (const c of table.invalid) {
    test(`${c.name}: ${c.error}`, () => {
      const refused = (err) => err instanceof RangeError && err.code === c.error && err.message.length > 0;
      assert.throws(() => modelOf(c), refused, 'constructor');
      const m = modelOf({ length: c.length, annotations: [] });
      assert.throws(() => m.replaceAll({ annotations: c.annotations, relations: c.relations ?? [] }), refused, 'replaceAll');
      assert.equal(m.annotations.length, 0, 'a refused import changes nothing');
      // create() makes the ids, so the rules about ids and relations are not its to break.
      if (!['duplicate-id', 'dangling-relation'].includes(c.error)) {
        const { id: _id, ...spec } = c.annotations.at(-1);
        assert.throws(() => m.create(spec), refused, 'create');
        assert.equal(m.canUndo, false);
      }
    });
  }
});

describe("resize: the table's rule, through resize()", () => {
  for (const c of table.resize) {
    test(c.name, () => {
      const m = modelOf({ length: c.length, annotations: [{ id: 'a1', label: 'PER', ...c.annotation }] });
      const before = m.byId('a1');
      if (c.error) {
        assert.throws(
          () => m.resize('a1', ...c.to),
          (err) => err instanceof RangeError && err.code === c.error,
        );
        assert.equal(m.byId('a1'), before, 'a refused resize changes nothing');
        assert.equal(m.canUndo, false);
        return;
      }
      const after = m.resize('a1', ...c.to);
      const span = ({ start, end, fragments }) => (fragments === undefined ? { start, end } : { start, end, fragments });
      assert.deepEqual(span(after), c.result);
      assert.equal(m.byId('a1'), after);
      assert.equal(m.canUndo, !Object.is(after, before), 'a resize that changes nothing records nothing');
      // What a resize makes is valid by the same rules: a model takes it back.
      assert.deepEqual(modelOf({ length: c.length, annotations: [after] }).byId('a1'), after);
      if (m.canUndo) {
        m.undo();
        assert.equal(m.byId('a1'), before);
      }
    });
  }
});
