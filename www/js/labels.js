// Label sets: the default set for news text, and the rules a label must follow.
//
// No DOM here: the model validates labels with these functions and the view only
// ever receives labels that passed them. A colour is therefore always a checked
// `#rrggbb` value before it reaches any CSS, and a key never shadows a command.
import { t } from './i18n/index.js';

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
  w: 'label.use.widen',
  x: 'label.use.exact',
  '?': 'label.use.help',
  r: 'label.use.relation',
  n: 'label.use.note',
  0: 'label.use.page',
  Escape: 'label.use.cancel',
  Delete: 'label.use.delete',
  Backspace: 'label.use.delete',
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
// CoNLL's `B-TYPE`), where white space would split them and an invisible
// character would make two ids look the same. Files from other tools use
// Chinese types (人物), so any other character is allowed. The format
// characters are spelt out, not `\p{Cf}`, so that the Rust core's list
// (src/labels.rs `is_invisible`) is the same whatever Unicode version the
// browser has; tests/fixtures/label-rules.json holds both to it.
const INVISIBLE =
  /[\p{White_Space}\p{Cc}\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\u{110BD}\u{110CD}\u{13430}-\u{1343F}\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0001}\u{E0020}-\u{E007F}]/u;
const INVISIBLE_RUNS = new RegExp(`${INVISIBLE.source}+`, 'gu');

/** Whether `c` (one character) may not appear in a label id. */
export function isInvisible(c) {
  return INVISIBLE.test(c);
}

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
 * the other label rules; `field` names the part at fault (`id`, `name`,
 * `color`, `key`). The core's `labels::check_label` gives the same code and
 * field for every case of tests/fixtures/label-rules.json.
 * @returns {{code: string, field: string|null, message: string}|null}
 */
export function checkLabel(label, others = []) {
  if (label === null || typeof label !== 'object' || Array.isArray(label)) {
    return { code: 'malformed', field: null, message: t('label.malformed') };
  }
  const { id } = label;
  const idProblem = idProblemOf(id);
  if (idProblem) return { code: 'bad-label', field: 'id', message: idProblem };
  const sameId = others.find((o) => o && o.id === id);
  if (sameId) return { code: 'duplicate-id', field: 'id', message: t('label.sameId', { id, name: sameId.name }) };
  const problem = restProblemOf(label, others);
  return problem === null ? null : { code: 'bad-label', ...problem };
}

function idProblemOf(id) {
  if (typeof id !== 'string' || id === '') return t('label.noId');
  if ([...id].length > MAX_ID_LENGTH) {
    return t('label.idTooLong', { id: clip(id, MAX_NAME_LENGTH), max: MAX_ID_LENGTH });
  }
  if (INVISIBLE.test(id)) {
    return t('label.idInvisible', { id });
  }
  return null;
}

/** The rules on name, colour and key, once the id is known to be good and free: `{field, message}` or null. */
function restProblemOf({ id, name, color, key }, others) {
  if (typeof name !== 'string' || name.trim() === '') return { field: 'name', message: t('label.noName', { id }) };
  const nameLength = [...name.trim()].length;
  if (nameLength > MAX_NAME_LENGTH) {
    return {
      field: 'name',
      message: t('label.nameTooLong', { name: clip(name.trim(), MAX_NAME_LENGTH), n: nameLength, max: MAX_NAME_LENGTH }),
    };
  }
  const sameName = others.find((o) => o && typeof o.name === 'string' && nameKey(o.name) === nameKey(name));
  if (sameName) return { field: 'name', message: t('label.sameName', { name: sameName.name }) };

  if (typeof color !== 'string' || !COLOR_RE.test(color)) {
    const got = typeof color === 'string' ? `"${color}"` : String(color);
    return {
      field: 'color',
      message: t('label.badColour', { name, got }),
    };
  }

  if (key === null || key === undefined || key === '') return null;
  if (typeof key !== 'string') return { field: 'key', message: t('label.keyNotChar', { name }) };
  if (Object.hasOwn(RESERVED_USES, key)) {
    return { field: 'key', message: t('label.keyReserved', { key, use: t(RESERVED_USES[key]) }) };
  }
  if (/^[A-Z]$/.test(key) && ALLOWED_KEYS.includes(key.toLowerCase())) {
    return { field: 'key', message: t('label.keyUpper', { key, lower: key.toLowerCase() }) };
  }
  if (!ALLOWED_KEYS.includes(key)) {
    return {
      field: 'key',
      message: t('label.keyUnusable', {
        key: clip(key, 10),
        reserved: RESERVED_KEYS.filter((k) => k.length === 1 && /[a-z]/.test(k)).join(', '),
      }),
    };
  }
  const sameKey = others.find((o) => o && o.key === key);
  if (sameKey) return { field: 'key', message: t('label.keyTaken', { key, name: sameKey.name }) };
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

/** `text` cut to `max` code points, with an ellipsis when it was longer. */
function clip(text, max) {
  const cps = [...text];
  return cps.length <= max ? text : `${cps.slice(0, max - 1).join('')}…`;
}

/**
 * An id the page can use for `id`, which it cannot use as it is: white space and
 * control characters become `_` (so "Person Name" is "Person_Name" and a Chinese
 * id stays Chinese), cut to the length limit, and made unique in `taken`
 * (a Set of upper-cased ids, compared as `newLabelId` does). The core's
 * `labels::usable_id` is the same rule (tests/fixtures/label-rules.json).
 */
export function usableId(id, taken) {
  // Room for a number of up to four digits within the limit.
  const base = [...String(id ?? '')]
    .slice(0, MAX_ID_LENGTH - 4)
    .join('')
    .replace(INVISIBLE_RUNS, '_')
    .replace(/^_+|_+$/g, '');
  const root = base || 'LABEL';
  if (!taken.has(root.toUpperCase())) return root;
  for (let n = 2; ; n += 1) if (!taken.has(`${root}${n}`.toUpperCase())) return `${root}${n}`;
}

/** A key a label may take, from what a file gave: an uppercase letter is read as its lowercase; anything else is null. */
export function usableKey(key) {
  if (typeof key !== 'string') return null;
  const k = /^[A-Z]$/.test(key) ? key.toLowerCase() : key;
  return ALLOWED_KEYS.includes(k) ? k : null;
}

/**
 * The labels an import brings, merged with the page's and made usable by the
 * page's rules, so that no file stops the page on a label another tool wrote.
 *
 * - An id the page already has (the defaults, or `current`) keeps the page's
 *   name, colour and key (a file written by id, such as brat's `PER`, then
 *   shows as 人物 PER again).
 * - An id the page cannot use (white space, control characters, too long) gets
 *   a usable one (`usableId`), its original text kept as its name; a page label
 *   already named so (the same file imported before) is used instead.
 * - A name over the limit is shortened; a name another label has gets a number.
 * - A colour that is not `#rrggbb` gets one no label uses; a key that is
 *   reserved, not allowed or taken gets a free one (or none, when all are taken).
 * - Labels of `current` the file does not use stay available.
 *
 * Ids that are not strings and repeated ids are left as they are: the state's
 * checks refuse them with their own message.
 *
 * @returns {{labels: Array<object>, renamed: Map<string, string>, notes: Array<string>}}
 *   `renamed` maps a file's id to the id its annotations must carry now;
 *   `notes` says, one phrase per change, what was changed and why.
 */
export function mergeLabels(current, imported) {
  const known = new Map([...DEFAULT_LABELS, ...current].map((l) => [l.id, l]));
  const knownByName = new Map([...current, ...DEFAULT_LABELS].map((l) => [nameKey(l.name), l]));
  const taken = new Set(
    [...known.keys(), ...imported.map((l) => l?.id)].filter((id) => typeof id === 'string').map((id) => id.toUpperCase()),
  );
  const out = [];
  const renamed = new Map();
  const notes = [];
  const fresh = new Set(); // labels new to the page, whose name, colour and key may be changed
  for (const l of imported) {
    if (l === null || typeof l !== 'object' || typeof l.id !== 'string' || out.some((o) => o.id === l.id) || renamed.has(l.id)) {
      out.push(l);
      continue;
    }
    const mine = known.get(l.id);
    if (mine) {
      out.push({ ...mine });
      continue;
    }
    const given = typeof l.name === 'string' && l.name.trim() ? l.name.trim() : l.id;
    let id = l.id;
    if (idProblemOf(id)) {
      const same = knownByName.get(nameKey(clip(given, MAX_NAME_LENGTH)));
      if (same && !out.some((o) => o.id === same.id)) {
        renamed.set(l.id, same.id);
        out.push({ ...same });
        notes.push(t('label.note.same', { given: clip(l.id, MAX_NAME_LENGTH), id: same.id, name: same.name }));
        continue;
      }
      id = usableId(l.id, taken);
      taken.add(id.toUpperCase());
      renamed.set(l.id, id);
      notes.push(t('label.note.id', { given: clip(l.id, MAX_NAME_LENGTH), id, max: MAX_ID_LENGTH }));
    }
    const name = clip(given, MAX_NAME_LENGTH);
    if (name !== given) notes.push(t('label.note.shortened', { id, name, max: MAX_NAME_LENGTH }));
    const label = { id, name, color: COLOR_RE.test(l.color ?? '') ? l.color : null, key: usableKey(l.key), given: l };
    fresh.add(label);
    out.push(label);
  }
  for (const l of current) if (!out.some((o) => o?.id === l.id)) out.push({ ...l });

  const labels = out.filter((l) => l !== null && typeof l === 'object');
  // Names: the page's own labels keep theirs; a new one that repeats a name gets a number.
  const names = new Set(labels.filter((l) => !fresh.has(l) && typeof l.name === 'string').map((l) => nameKey(l.name)));
  for (const l of fresh) {
    let name = l.name;
    for (let n = 2; names.has(nameKey(name)); n += 1) name = `${clip(l.name, MAX_NAME_LENGTH - String(n).length - 1)} ${n}`;
    if (name !== l.name) notes.push(t('label.note.renamed', { was: l.name, name }));
    l.name = name;
    names.add(nameKey(name));
  }
  // Keys: the first label to ask for a usable key has it (the file's before the page's, as always); the
  // others get free ones. A label of the page that had no key keeps none.
  const keys = new Set();
  const wanting = new Set();
  for (const l of labels) {
    if (l.key && !keys.has(l.key)) keys.add(l.key);
    else if (l.key || fresh.has(l)) {
      l.key = null;
      wanting.add(l);
    }
  }
  for (const l of labels) {
    if (!wanting.has(l) || l.key) continue;
    l.key = nextFreeKey(labels);
    const asked = fresh.has(l) ? l.given.key : null;
    if (typeof asked === 'string' && asked !== '' && usableKey(asked) === null) {
      const now = l.key ?? t('label.note.noKey');
      const args = { key: asked, name: l.name, now };
      notes.push(
        Object.hasOwn(RESERVED_USES, asked)
          ? t('label.note.keyReserved', { ...args, use: t(RESERVED_USES[asked]) })
          : t('label.note.keyUnusable', args),
      );
    }
  }
  // Colours: one no other label of the set has, counting all of them (not only those before it).
  for (const l of fresh) {
    if (l.color) continue;
    l.color = nextFreeColor(labels.filter((o) => o.color));
    if (l.given.color !== undefined && l.given.color !== null) {
      notes.push(t('label.note.colour', { got: JSON.stringify(l.given.color), name: l.name, now: l.color }));
    }
  }
  for (const l of fresh) delete l.given;
  return { labels: out.map((l) => (fresh.has(l) ? { ...l } : l)), renamed, notes };
}
