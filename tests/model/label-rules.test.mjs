// The one table of what makes a label usable (tests/fixtures/label-rules.json), run
// through the page's rules; tests/label_rules.rs runs the same table through the Rust
// core, so the page and the CLI cannot disagree on a label.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import {
  ALLOWED_KEYS,
  checkLabel,
  isInvisible,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  mergeLabels,
  RESERVED_KEYS,
  usableId,
  usableKey,
} from '../../www/js/labels.js';

const table = JSON.parse(readFileSync(new URL('../fixtures/label-rules.json', import.meta.url), 'utf8'));

test('the page has the table’s limits and keys', () => {
  assert.equal(MAX_ID_LENGTH, table.limits.maxIdLength);
  assert.equal(MAX_NAME_LENGTH, table.limits.maxNameLength);
  assert.deepEqual([...RESERVED_KEYS], table.limits.reservedKeys);
  assert.deepEqual([...ALLOWED_KEYS], table.limits.allowedKeys);
});

test('invisible characters are the table’s', () => {
  for (const [lo, hi] of table.invisible.ranges) {
    for (let cp = lo; cp <= hi; cp += 1) assert.ok(isInvisible(String.fromCodePoint(cp)), `U+${cp.toString(16)} is in the ranges`);
  }
  for (const cp of [0x09, 0x0a, 0x0b, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2028, 0x2029, 0x3000, 0x7f]) {
    assert.ok(isInvisible(String.fromCodePoint(cp)), `U+${cp.toString(16)} is White_Space or Cc`);
  }
  for (const cp of table.invisible.visible) assert.ok(!isInvisible(String.fromCodePoint(cp)), `U+${cp.toString(16)} is visible`);
});

test('every check case gives its code and field', () => {
  const failures = [];
  for (const c of table.check) {
    const got = checkLabel(c.label, c.others);
    if ((got?.code ?? null) !== c.code || (got?.field ?? null) !== c.field) {
      failures.push(`${c.why}: want ${c.code}/${c.field}, got ${JSON.stringify(got)}`);
    }
    if (got) assert.ok([...got.message].length < 200, got.message);
  }
  assert.deepEqual(failures, []);
});

test('every usableId case gives its id, and the id passes the check', () => {
  for (const c of table.usableId) {
    const got = usableId(c.id, new Set(c.taken));
    assert.equal(got, c.expect, JSON.stringify(c));
    assert.equal(checkLabel({ id: got, name: 'x', color: '#000000', key: null }), null);
  }
});

test('every usableKey case gives its key', () => {
  for (const c of table.usableKey) assert.equal(usableKey(c.key), c.expect, JSON.stringify(c));
});

test('an import’s labels come out of mergeLabels passing the check, whatever the table’s cases break', () => {
  const imported = table.check
    .filter((c) => c.code === 'bad-label')
    .map((c, i) => (c.field === 'id' ? c.label : { ...c.label, id: `L${i}` }));
  const { labels } = mergeLabels([], imported);
  for (const l of labels) {
    const others = labels.filter((o) => o !== l);
    assert.equal(checkLabel(l, others), null, JSON.stringify(l));
  }
});
