// Label sets: the default set for news text, and the rules a label must follow.
//
// No DOM here: the model validates labels with these functions and the view only
// ever receives labels that passed them. A colour is therefore always a checked
// `#rrggbb` value before it reaches any CSS, and a key never shadows a command.

/**
 * The default label set, suited to news text. Colours follow the Okabe–Ito
 * palette where it can (PER keeps its historical orange), so that the six stay
 * apart for the common colour-vision deficiencies; each is dark enough to read
 * as a solid chip and light enough that black text over a 35% tint reads.
 * @type {ReadonlyArray<Readonly<{id: string, name: string, color: string, key: string}>>}
 */
export const DEFAULT_LABELS = Object.freeze([
  Object.freeze({ id: 'PER', name: '人物 PER', color: '#e6550d', key: '1' }),
  Object.freeze({ id: 'ORG', name: '机构 ORG', color: '#0072b2', key: '2' }),
  Object.freeze({ id: 'LOC', name: '地点 LOC', color: '#009e73', key: '3' }),
  Object.freeze({ id: 'TIME', name: '时间 TIME', color: '#e6ab02', key: '4' }),
  Object.freeze({ id: 'EVENT', name: '事件 EVENT', color: '#cc79a7', key: '5' }),
  Object.freeze({ id: 'CLAIM', name: '观点 CLAIM', color: '#56b4e9', key: '6' }),
]);

/** What each reserved key does, so a refusal can say why the key is taken. */
const RESERVED_USES = Object.freeze({
  w: 'widening the selection to whole words',
  x: 'toggling exact-character selection',
  '?': 'showing the keyboard help',
  0: 'a page command',
  Escape: 'cancelling the selection',
  Delete: 'deleting the selected annotation',
  Backspace: 'deleting the selected annotation',
});

/**
 * Keys the page uses for commands; a label may not take them. The last three are
 * `KeyboardEvent.key` names, not single characters.
 * @type {ReadonlyArray<string>}
 */
export const RESERVED_KEYS = Object.freeze(Object.keys(RESERVED_USES));

/**
 * Every key a label may take, in the order `nextFreeKey` hands them out:
 * `1`–`9`, then lowercase `a`–`z` without the reserved letters.
 * @type {ReadonlyArray<string>}
 */
export const ALLOWED_KEYS = Object.freeze([...'123456789', ...'abcdefghijklmnopqrstuvwxyz'].filter((k) => !RESERVED_KEYS.includes(k)));

/** Longest label name, in characters (code points). */
export const MAX_NAME_LENGTH = 40;

/** Longest label id, in characters. */
export const MAX_ID_LENGTH = 40;

/**
 * Colours for labels added after the defaults, tried in order by `nextFreeColor`.
 * Same constraints as the defaults: distinct, and readable under a 35% tint.
 * @type {ReadonlyArray<string>}
 */
export const EXTRA_COLORS = Object.freeze([
  '#e6550d',
  '#0072b2',
  '#009e73',
  '#e6ab02',
  '#cc79a7',
  '#56b4e9',
  '#8c6bb1',
  '#a6761d',
  '#66a61e',
  '#d95f02',
  '#7570b3',
  '#999999',
]);

const COLOR_RE = /^#[0-9a-fA-F]{6}$/;
// Ids travel into export formats as types and tags (brat's `T1\tTYPE 0 3`,
// CoNLL's `B-TYPE`), where white space would split them. Files from other
// tools use Chinese types (人物), so any other character is allowed.
const ID_RE = /^[^\s\p{C}]+$/u;

/** Names compare the way a person reads them: trimmed, NFC, case-insensitive. */
function nameKey(name) {
  return name.trim().normalize('NFC').toLowerCase();
}

/**
 * Checks one label against the rules and against the other labels of its set.
 *
 * @param {object} label The label to check: `{id, name, color, key}`; `key` may be
 *   `null`, `undefined` or `''` for a label without a shortcut.
 * @param {ReadonlyArray<object>} [others] The other labels of the set, NOT
 *   including `label` itself (when editing, leave the label being edited out).
 * @returns {string|null} `null` when the label is acceptable, otherwise one
 *   sentence saying what is wrong and, for clashes, with which label.
 */
export function validateLabel(label, others = []) {
  return checkLabel(label, others)?.message ?? null;
}

/**
 * `validateLabel` with the kind of problem as well, for the model's refusals:
 * `code` is `duplicate-id` when another label has its id (the rule the Rust
 * core checks too), `malformed` when it is not an object, and `bad-label` for
 * the page's other label rules.
 * @returns {{code: string, message: string}|null}
 */
export function checkLabel(label, others = []) {
  if (label === null || typeof label !== 'object' || Array.isArray(label)) {
    return { code: 'malformed', message: 'A label must be an object with an id, a name, a colour and a key.' };
  }
  const { id } = label;
  const idProblem = idProblemOf(id);
  if (idProblem) return { code: 'bad-label', message: idProblem };
  const sameId = others.find((o) => o && o.id === id);
  if (sameId) return { code: 'duplicate-id', message: `Another label already has the id "${id}" (${sameId.name}).` };
  const message = restProblemOf(label, others);
  return message === null ? null : { code: 'bad-label', message };
}

function idProblemOf(id) {
  if (typeof id !== 'string' || id === '') return 'The label has no id.';
  if ([...id].length > MAX_ID_LENGTH) {
    return `The label id "${id}" is too long (at most ${MAX_ID_LENGTH} characters).`;
  }
  if (!ID_RE.test(id)) {
    return `The label id "${id}" may not hold spaces or control characters.`;
  }
  return null;
}

/** The rules on name, colour and key, once the id is known to be good and free. */
function restProblemOf({ id, name, color, key }, others) {
  if (typeof name !== 'string' || name.trim() === '') return `The label "${id}" needs a name.`;
  const nameLength = [...name.trim()].length;
  if (nameLength > MAX_NAME_LENGTH) {
    return `The name "${name.trim()}" is too long: ${nameLength} characters, at most ${MAX_NAME_LENGTH}.`;
  }
  const sameName = others.find((o) => o && typeof o.name === 'string' && nameKey(o.name) === nameKey(name));
  if (sameName) return `Another label is already called "${sameName.name}".`;

  if (typeof color !== 'string' || !COLOR_RE.test(color)) {
    const got = typeof color === 'string' ? `"${color}"` : String(color);
    return `The colour of "${name}" must be written #rrggbb (six hexadecimal digits, e.g. #e6550d); got ${got}.`;
  }

  if (key === null || key === undefined || key === '') return null;
  if (typeof key !== 'string') return `The key of "${name}" must be a single character.`;
  if (Object.hasOwn(RESERVED_USES, key)) {
    return `The key "${key}" is reserved for ${RESERVED_USES[key]}; choose 1–9 or another letter.`;
  }
  if (/^[A-Z]$/.test(key) && ALLOWED_KEYS.includes(key.toLowerCase())) {
    return `Keys are lowercase: use "${key.toLowerCase()}" instead of "${key}".`;
  }
  if (!ALLOWED_KEYS.includes(key)) {
    return `The key "${key}" cannot be used for a label; choose 1–9 or a lowercase letter other than ${RESERVED_KEYS.filter(
      (k) => k.length === 1 && /[a-z]/.test(k),
    ).join(', ')}.`;
  }
  const sameKey = others.find((o) => o && o.key === key);
  if (sameKey) return `The key "${key}" is already used by "${sameKey.name}".`;
  return null;
}

/**
 * The first allowed key no label uses yet, or `null` when all are taken.
 * @param {ReadonlyArray<{key?: string|null}>} labels
 * @returns {string|null}
 */
export function nextFreeKey(labels) {
  const used = new Set(labels.map((l) => l.key));
  return ALLOWED_KEYS.find((k) => !used.has(k)) ?? null;
}

/**
 * The first colour of `EXTRA_COLORS` no label uses yet; when all are used, they
 * are reused in turn (a clash of colours is legal, only less readable).
 * @param {ReadonlyArray<{color?: string}>} labels
 * @returns {string}
 */
export function nextFreeColor(labels) {
  const used = new Set(labels.map((l) => String(l.color).toLowerCase()));
  return EXTRA_COLORS.find((c) => !used.has(c)) ?? EXTRA_COLORS[labels.length % EXTRA_COLORS.length];
}

/**
 * Derives an ASCII id for a new label from its name, unique in `labels` (compared
 * case-insensitively, since ids may end up in case-insensitive places such as
 * file names): "人物 PER" → "PER"; "Quote" → "QUOTE", then "QUOTE2", …; a name
 * without ASCII letters or digits ("地点") → "LABEL", "LABEL2", ….
 * @param {ReadonlyArray<{id: string}>} labels
 * @param {string} name
 * @returns {string}
 */
export function newLabelId(labels, name) {
  const taken = new Set(labels.map((l) => String(l.id).toUpperCase()));
  const words = String(name ?? '')
    .normalize('NFKD') // "é" → "e" + accent, so Latin names keep their letters
    .toUpperCase()
    .match(/[A-Z0-9]+/g);
  const base = (words ? words.join('_') : 'LABEL').slice(0, MAX_ID_LENGTH - 6) || 'LABEL';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base}${n}`;
    if (!taken.has(id)) return id;
  }
}
