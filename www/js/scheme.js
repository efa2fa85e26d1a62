// The rest of the annotation scheme, beside the span labels (labels.js): the
// relation types, the attributes an annotation or a relation may carry, and the
// labels of a whole document. No DOM: the model keeps a scheme as one plain
// value and the views read it.
//
// A scheme is `{relations, attributes, docLabels}`:
//   relations   [{id, name, color, key, directed}]   what a link between two spans means
//   attributes  [{id, name, type, values, key, on}]  type 'flag' | 'choice' | 'text';
//                                                     `values` for a choice; `on` 'span' | 'relation' | 'both'
//   docLabels   [{id, name, key}]                     a document's own classification (several allowed)
// Keys are per list: a relation type's key is pressed after `r` and a target,
// an attribute's with Alt, a document label's with Alt+Shift, so `1` can mean a
// label, a relation type and a document label without a clash.

import { ALLOWED_KEYS, isInvisible, MAX_ID_LENGTH, MAX_NAME_LENGTH, nextFreeColor } from './labels.js';
import { t } from './i18n/index.js';

export const ATTRIBUTE_TYPES = Object.freeze(['flag', 'choice', 'text']);
export const ATTRIBUTE_TARGETS = Object.freeze(['span', 'relation', 'both']);

/** What a new document starts with: relation types for news (who said what, where, of which body). */
export const DEFAULT_SCHEME = deepFrozen({
  relations: [
    { id: 'SAID', name: '发言 said', color: '#d95f02', key: '1', directed: true },
    { id: 'LOCATED_IN', name: '位于 located in', color: '#1b9e77', key: '2', directed: true },
    { id: 'MEMBER_OF', name: '隶属 member of', color: '#7570b3', key: '3', directed: true },
    { id: 'RELATED', name: '相关 related', color: '#666666', key: '4', directed: false },
  ],
  attributes: [
    { id: 'uncertain', name: '不确定 uncertain', type: 'flag', values: [], key: 'u', on: 'both' },
    { id: 'polarity', name: '倾向 polarity', type: 'choice', values: ['positive', 'neutral', 'negative'], key: 'p', on: 'span' },
  ],
  docLabels: [
    { id: 'relevant', name: '相关 relevant', key: '1' },
    { id: 'irrelevant', name: '无关 irrelevant', key: '2' },
    { id: 'review', name: '待复核 needs review', key: '3' },
  ],
});

function deepFrozen(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFrozen(v);
    Object.freeze(value);
  }
  return value;
}

const LISTS = Object.freeze({ relations: 'relation type', attributes: 'attribute', docLabels: 'document label' });

/** An empty scheme (a file that declares nothing). */
export function emptyScheme() {
  return { relations: [], attributes: [], docLabels: [] };
}

/**
 * The first thing wrong with `scheme`, as one sentence naming the item and the
 * field, or null. The id rules are the labels' (labels.js): ids travel into
 * brat's annotation.conf and Label Studio's config, where white space splits.
 * @param {unknown} scheme
 * @returns {{field: string, message: string}|null}
 */
export function schemeProblem(scheme) {
  if (scheme === null || typeof scheme !== 'object' || Array.isArray(scheme)) {
    return { field: 'scheme', message: t('scheme.rule.object') };
  }
  for (const list of Object.keys(LISTS)) {
    const items = scheme[list] ?? [];
    if (!Array.isArray(items)) return { field: list, message: t('scheme.rule.list', { list }) };
    const ids = new Map();
    const keys = new Map();
    for (const [i, item] of items.entries()) {
      const at = `${list}[${i}]`;
      const problem = itemProblem(item, list);
      if (problem) return { field: `${at}.${problem.field}`, message: problem.message };
      const seen = ids.get(item.id);
      if (seen) return { field: `${at}.id`, message: t('scheme.rule.sameId', { list, id: item.id, a: seen.name, b: item.name }) };
      ids.set(item.id, item);
      if (item.key) {
        const other = keys.get(item.key);
        if (other) return { field: `${at}.key`, message: t('scheme.rule.keyTaken', { list, key: item.key, name: other.name }) };
        keys.set(item.key, item);
      }
    }
  }
  return null;
}

function itemProblem(item, list) {
  if (item === null || typeof item !== 'object' || Array.isArray(item))
    return { field: 'id', message: t('scheme.rule.notObject', { list }) };
  const { id, name, key } = item;
  if (typeof id !== 'string' || id === '') return { field: 'id', message: t('scheme.rule.noId', { list }) };
  if ([...id].length > MAX_ID_LENGTH) return { field: 'id', message: t('scheme.rule.idTooLong', { list, id, max: MAX_ID_LENGTH }) };
  if ([...id].some(isInvisible)) return { field: 'id', message: t('scheme.rule.idInvisible', { list, id }) };
  if (typeof name !== 'string' || name.trim() === '') return { field: 'name', message: t('scheme.rule.noName', { list, id }) };
  if ([...name.trim()].length > MAX_NAME_LENGTH) {
    return { field: 'name', message: t('scheme.rule.nameTooLong', { list, id, max: MAX_NAME_LENGTH }) };
  }
  if (key !== undefined && key !== null && key !== '' && !ALLOWED_KEYS.includes(key)) {
    return { field: 'key', message: t('scheme.rule.keyUnusable', { list, key, name }) };
  }
  if (list === 'relations') {
    if (!/^#[0-9a-fA-F]{6}$/.test(item.color ?? '')) {
      return { field: 'color', message: t('scheme.rule.colour', { name }) };
    }
    if (typeof item.directed !== 'boolean') return { field: 'directed', message: t('scheme.rule.directed', { name }) };
  }
  if (list === 'attributes') {
    if (!ATTRIBUTE_TYPES.includes(item.type)) {
      return { field: 'type', message: t('scheme.rule.type', { name, got: JSON.stringify(item.type) }) };
    }
    if (!ATTRIBUTE_TARGETS.includes(item.on)) {
      return { field: 'on', message: t('scheme.rule.on', { name, got: JSON.stringify(item.on) }) };
    }
    const values = item.values ?? [];
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || v.trim() === '')) {
      return { field: 'values', message: t('scheme.rule.values', { name }) };
    }
    if (item.type === 'choice' && values.length < 2) {
      return { field: 'values', message: t('scheme.rule.twoValues', { name }) };
    }
    if (new Set(values).size !== values.length) return { field: 'values', message: t('scheme.rule.valueTwice', { name }) };
  }
  return null;
}

/**
 * A scheme with every list present and every optional field filled, so that
 * two schemes that mean the same compare equal. Unknown fields are kept.
 */
export function normalScheme(scheme) {
  const s = scheme ?? {};
  return {
    ...s,
    relations: (s.relations ?? []).map((r) => ({ ...r, key: r.key || null })),
    attributes: (s.attributes ?? []).map((a) => ({ ...a, values: a.values ?? [], key: a.key || null })),
    docLabels: (s.docLabels ?? []).map((d) => ({ ...d, key: d.key || null })),
  };
}

/**
 * The scheme with the relation kinds and document labels `state` uses but does
 * not declare added, so that an imported file's relations get a colour and a
 * key and its document labels a chip: each gets a declaration of its own
 * (relations directed, the first free key). Undeclared attributes need none:
 * the panel shows them as free text.
 * @param {object} scheme A normal scheme.
 * @param {{annotations?: Array, relations?: Array, docLabels?: Array}} state
 * @returns {object} `scheme` itself when nothing was missing.
 */
export function schemeCovering(scheme, { relations = [], docLabels = [] }) {
  const kinds = new Set(relations.map((r) => r.kind).filter((k) => typeof k === 'string' && k !== ''));
  const docs = new Set(docLabels.filter((d) => typeof d === 'string' && d !== ''));
  const has = (list, id) => scheme[list].some((x) => x.id === id);
  const freeKey = (list) =>
    ALLOWED_KEYS.find((k) => !scheme[list].some((x) => x.key === k) && !added[list].some((x) => x.key === k)) ?? null;
  const added = { relations: [], docLabels: [] };
  for (const id of kinds) {
    if (!has('relations', id)) {
      const color = nextFreeColor([...scheme.relations, ...added.relations]);
      added.relations.push({ id, name: id, color, key: freeKey('relations'), directed: true });
    }
  }
  for (const id of docs) if (!has('docLabels', id)) added.docLabels.push({ id, name: id, key: freeKey('docLabels') });
  if (!added.relations.length && !added.docLabels.length) return scheme;
  return {
    ...scheme,
    relations: [...scheme.relations, ...added.relations],
    docLabels: [...scheme.docLabels, ...added.docLabels],
  };
}

/** The item of `list` ('relations', 'attributes', 'docLabels') whose key is `key`, or undefined. */
export function byKey(scheme, list, key) {
  return scheme[list].find((x) => x.key === key);
}

/** Whether attribute `attr` may be set on a span (`'span'`) or a relation (`'relation'`). */
export function appliesTo(attr, what) {
  return attr.on === 'both' || attr.on === what;
}

/**
 * The value an attribute's key gives next: a flag toggles, a choice cycles
 * through its values and then clears. A text attribute has no next value (its
 * key opens its field). `undefined` means "remove the attribute".
 */
export function nextAttributeValue(attr, current) {
  if (attr.type === 'flag') return current === 'true' ? undefined : 'true';
  if (attr.type === 'choice') {
    const i = attr.values.indexOf(current);
    return i + 1 < attr.values.length ? attr.values[i + 1] : undefined;
  }
  return current;
}
