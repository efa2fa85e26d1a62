// Label rules: what a label may be called, coloured and keyed. Run: node --test tests/model/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_LABELS,
  RESERVED_KEYS,
  ALLOWED_KEYS,
  validateLabel,
  checkLabel,
  nextFreeKey,
  nextFreeColor,
  newLabelId,
  mergeLabels,
} from '../../www/js/labels.js';

const label = (over = {}) => ({ id: 'NEW', name: '新 NEW', color: '#123456', key: '9', ...over });

test('default set is the six news labels with keys 1–6 and the agreed PER entry', () => {
  assert.deepEqual(
    DEFAULT_LABELS.map((l) => [l.id, l.key]),
    [
      ['PER', '1'],
      ['ORG', '2'],
      ['LOC', '3'],
      ['TIME', '4'],
      ['EVENT', '5'],
      ['CLAIM', '6'],
    ],
  );
  assert.deepEqual(DEFAULT_LABELS[0], { id: 'PER', name: '人物 PER', color: '#e6550d', key: '1' });
  assert.deepEqual(
    DEFAULT_LABELS.map((l) => l.name.split(' ')[0]),
    ['人物', '机构', '地点', '时间', '事件', '观点'],
  );
});

test('default labels are valid, distinct in colour, and frozen', () => {
  for (const [i, l] of DEFAULT_LABELS.entries()) {
    assert.equal(
      validateLabel(
        l,
        DEFAULT_LABELS.filter((_, j) => j !== i),
      ),
      null,
    );
  }
  assert.equal(new Set(DEFAULT_LABELS.map((l) => l.color)).size, DEFAULT_LABELS.length);
  assert.ok(Object.isFrozen(DEFAULT_LABELS) && Object.isFrozen(DEFAULT_LABELS[0]));
});

test('default colours leave black text readable over a 35% tint', () => {
  // WCAG relative luminance of the tint over white; black text needs contrast >= 7 (AAA).
  const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  for (const { color } of DEFAULT_LABELS) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16) / 255).map((c) => 0.35 * c + 0.65);
    const L = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    assert.ok((L + 0.05) / 0.05 >= 7, `${color} tint too dark`);
  }
});

test('reserved keys are the command keys and are never allowed for labels', () => {
  assert.deepEqual([...RESERVED_KEYS].sort(), ['0', '?', 'Backspace', 'Delete', 'Escape', 'n', 'r', 'w', 'x']);
  for (const k of RESERVED_KEYS) assert.ok(!ALLOWED_KEYS.includes(k));
  assert.deepEqual(ALLOWED_KEYS.slice(0, 10), [...'123456789a']);
  assert.equal(ALLOWED_KEYS.length, 9 + 26 - 4);
});

test('a valid label against others gives null; key may be absent', () => {
  assert.equal(validateLabel(label(), DEFAULT_LABELS), null);
  assert.equal(validateLabel(label({ key: null }), DEFAULT_LABELS), null);
  assert.equal(validateLabel(label({ key: '' }), DEFAULT_LABELS), null);
  assert.equal(validateLabel(label({ key: undefined }), DEFAULT_LABELS), null);
});

test('name: empty, blank, too long and duplicate names are refused with a reason', () => {
  assert.match(validateLabel(label({ name: '' }), []), /needs a name/);
  assert.match(validateLabel(label({ name: '   ' }), []), /needs a name/);
  assert.match(validateLabel(label({ name: undefined }), []), /needs a name/);
  assert.equal(validateLabel(label({ name: '字'.repeat(40) }), []), null);
  assert.match(validateLabel(label({ name: '字'.repeat(41) }), []), /too long: 41 characters, at most 40/);
  assert.match(validateLabel(label({ name: '人物 PER' }), DEFAULT_LABELS), /already called "人物 PER"/);
  assert.match(validateLabel(label({ name: ' 人物 per ' }), DEFAULT_LABELS), /already called/);
});

test('colour must be #rrggbb: names, short hex and CSS injection are refused', () => {
  for (const color of ['red', '#fff', '#12345g', '#1234567', 'rgb(0,0,0)', '#123456; background:url(x)', undefined, 0x123456]) {
    assert.match(validateLabel(label({ color }), []), /must be written #rrggbb/, String(color));
  }
  assert.equal(validateLabel(label({ color: '#ABCDEF' }), []), null);
});

test('key: reserved, uppercase, multi-character, punctuation and used keys are refused, naming the owner', () => {
  assert.match(validateLabel(label({ key: 'w' }), []), /"w" is reserved for widening the selection/);
  assert.match(validateLabel(label({ key: 'x' }), []), /"x" is reserved for toggling exact-character/);
  assert.match(validateLabel(label({ key: '?' }), []), /"\?" is reserved/);
  assert.match(validateLabel(label({ key: '0' }), []), /"0" is reserved/);
  assert.match(validateLabel(label({ key: 'Escape' }), []), /"Escape" is reserved/);
  assert.match(validateLabel(label({ key: 'A' }), []), /lowercase: use "a" instead of "A"/);
  assert.match(validateLabel(label({ key: 'ab' }), []), /cannot be used for a label/);
  assert.match(validateLabel(label({ key: '!' }), []), /cannot be used for a label; choose 1–9 or a lowercase letter other than w, x/);
  assert.match(validateLabel(label({ key: 7 }), []), /single character/);
  assert.equal(validateLabel(label({ key: '2' }), DEFAULT_LABELS), 'The key "2" is already used by "机构 ORG".');
});

test('id: missing, spaced, too long and duplicate ids are refused; Chinese ids from other tools are kept', () => {
  assert.equal(validateLabel(label({ id: '' }), []), 'The label has no id.');
  assert.equal(validateLabel(label({ id: undefined }), []), 'The label has no id.');
  assert.equal(validateLabel(label({ id: '人物' }), []), null);
  assert.match(validateLabel(label({ id: 'A B' }), []), /spaces or control/);
  assert.match(validateLabel(label({ id: 'A\u0000' }), []), /spaces or control/);
  assert.match(validateLabel(label({ id: 'A'.repeat(41) }), []), /too long/);
  assert.equal(validateLabel(label({ id: 'PER' }), DEFAULT_LABELS), 'Another label already has the id "PER" (人物 PER).');
});

test('checkLabel gives the message of validateLabel with its code: duplicate-id as in the core, bad-label, malformed', () => {
  const cases = [
    [label(), DEFAULT_LABELS, null],
    [label({ id: 'PER' }), DEFAULT_LABELS, 'duplicate-id'],
    [label({ id: 'A B' }), DEFAULT_LABELS, 'bad-label'],
    [label({ name: '人物 PER' }), DEFAULT_LABELS, 'bad-label'],
    [label({ key: '1' }), DEFAULT_LABELS, 'bad-label'],
    [label({ color: 'red' }), [], 'bad-label'],
    [null, [], 'malformed'],
  ];
  for (const [l, others, code] of cases) {
    const problem = checkLabel(l, others);
    assert.equal(problem?.code ?? null, code, JSON.stringify(l));
    assert.equal(problem?.message ?? null, validateLabel(l, others));
  }
});

test('non-objects are refused, not crashed on', () => {
  for (const bad of [null, undefined, 'PER', [], 3]) assert.match(validateLabel(bad, []), /must be an object/);
});

test('nextFreeKey hands out 7 after the defaults, skips reserved letters, and gives null when all are used', () => {
  assert.equal(nextFreeKey(DEFAULT_LABELS), '7');
  assert.equal(nextFreeKey([]), '1');
  const upToV = ALLOWED_KEYS.slice(0, ALLOWED_KEYS.indexOf('v') + 1).map((key) => ({ key }));
  assert.equal(nextFreeKey(upToV), 'y');
  assert.equal(nextFreeKey(ALLOWED_KEYS.map((key) => ({ key }))), null);
});

test('nextFreeColor gives a valid unused colour', () => {
  const c = nextFreeColor(DEFAULT_LABELS);
  assert.match(c, /^#[0-9a-f]{6}$/);
  assert.ok(!DEFAULT_LABELS.some((l) => l.color === c));
});

test('newLabelId derives a unique ASCII id from the name', () => {
  assert.equal(newLabelId([], '人物 PER'), 'PER');
  assert.equal(newLabelId(DEFAULT_LABELS, '人物 PER'), 'PER2');
  assert.equal(newLabelId(DEFAULT_LABELS, 'per'), 'PER2');
  assert.equal(newLabelId([], '地点'), 'LABEL');
  assert.equal(newLabelId([{ id: 'LABEL' }, { id: 'label2' }], '地点'), 'LABEL3');
  assert.equal(newLabelId([], 'Café quote'), 'CAFE_QUOTE');
  assert.equal(newLabelId([], ''), 'LABEL');
  const long = newLabelId([], 'x'.repeat(100));
  assert.ok(long.length <= 40 && validateLabel({ id: long, name: 'n', color: '#000000' }, []) === null);
});

test('mergeLabels makes every imported label usable: ids, names, keys and colours the page refuses are replaced and said', () => {
  const imported = [
    { id: 'Person Name', name: 'Person Name', color: '#e06c75', key: '1' },
    { id: 'A', name: 'x'.repeat(50), color: 'red', key: 'Enter' },
    { id: 'B', name: '人物 PER', color: '#zz', key: 'w' },
    { id: 'C', name: 'c', color: '#123456', key: ' ' },
  ];
  const { labels, renamed, notes } = mergeLabels(DEFAULT_LABELS, imported);
  for (const [i, l] of labels.entries()) assert.equal(validateLabel(l, labels.slice(0, i)), null, JSON.stringify(l));
  assert.deepEqual([...renamed], [['Person Name', 'Person_Name']]);
  assert.equal(labels[0].name, 'Person Name');
  assert.equal([...labels[1].name].length, 40);
  assert.equal(labels[2].name, '人物 PER 2');
  // A bad colour gets one no label of the set has, the defaults included.
  const colours = labels.map((l) => l.color.toLowerCase());
  assert.equal(new Set(colours).size, colours.length);
  assert.equal(notes.length, 8);
  // The same file again maps onto the label the first import made.
  const again = mergeLabels(labels, [imported[0]]);
  assert.deepEqual([...again.renamed], [['Person Name', 'Person_Name']]);
  assert.equal(again.labels.filter((l) => l.name === 'Person Name').length, 1);
});
