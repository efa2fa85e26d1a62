// Two tabs on one project each hold its record (statuses, labels, the
// suggestions' record) and write it whole. Written as it is, the second write
// would drop what the first changed. So each tab remembers the record as it
// last read or wrote it (the base), and a write merges three ways: what this
// tab changed since the base wins, and everything else is taken from the
// record as stored (what the other tab changed). No DOM.
import { sameValue } from './model/change.js';

/** Whether two values are the same, an absent one (`undefined`) the same as `null`: a record read without a field and given its default is unchanged. */
const same = (a, b) => sameValue(a ?? null, b ?? null);

/** `mine` where this tab changed it since `base`, else `theirs`. */
function pick(base, mine, theirs) {
  return same(mine, base) ? theirs : mine;
}

/** Orders strings by code point, as the core's `BTreeMap<String>` does (JS's own sort is by UTF-16 unit: 𠮷 before Ｘ). */
export function byCodePoint(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

/** A keyed set merged: what this tab added joins, what it removed leaves; the rest is theirs. */
function mergeKeys(base, mine, theirs) {
  const b = new Set(base ?? []);
  const m = new Set(mine ?? []);
  const out = new Set([...(theirs ?? []), ...[...m].filter((k) => !b.has(k))]);
  for (const k of b) if (!m.has(k)) out.delete(k);
  return [...out];
}

/** A map of `key → value` merged key by key, each as `pick` does; a key this tab removed leaves. */
function mergeByKey(base, mine, theirs, merge = pick) {
  const out = {};
  const keys = new Set([...Object.keys(mine ?? {}), ...Object.keys(theirs ?? {})]);
  for (const k of keys) {
    const had = base && Object.hasOwn(base, k);
    const kept = mine && Object.hasOwn(mine, k);
    if (had && !kept) continue;
    const v = merge(base?.[k], mine?.[k], theirs?.[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** A jieba user dictionary as `word → line`. */
function linesByWord(text) {
  const out = {};
  for (const line of (text ?? '').split('\n')) if (line.trim()) out[line.trim().split(/\s+/)[0]] = line.trim();
  return out;
}

/**
 * The user dictionary merged word by word, in the worker's order (by word, as
 * the core writes it), so that the worker's own copy of the merge reads the
 * same and is not written back as a change.
 */
function mergeDictionary(base, mine, theirs) {
  if (same(mine, base)) return theirs;
  const merged = mergeByKey(linesByWord(base), linesByWord(mine), linesByWord(theirs));
  const lines = Object.keys(merged)
    .sort(byCodePoint)
    .map((w) => merged[w]);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The suggestions' record (`{mapping, userDict, rejected, taught, own}`) merged. */
function mergeSuggest(base, mine, theirs) {
  if (!theirs) return mine;
  if (!mine) return theirs;
  return {
    ...theirs,
    ...mine,
    mapping: pick(base?.mapping, mine.mapping, theirs.mapping),
    userDict: mergeDictionary(base?.userDict, mine.userDict, theirs.userDict),
    own: mergeKeys(base?.own, mine.own, theirs.own),
    rejected: mergeByKey(base?.rejected, mine.rejected, theirs.rejected, mergeKeys),
    taught: mergeByKey(base?.taught, mine.taught, theirs.taught),
  };
}

/** The documents merged: this tab's in its order, then those only the other added; each status as `pick` does. */
function mergeDocs(base, mine, theirs) {
  const was = new Map((base ?? []).map((d) => [d.sha, d.status]));
  const stored = new Map((theirs ?? []).map((d) => [d.sha, d.status]));
  const out = mine.map((d) => {
    const status = stored.has(d.sha) && was.has(d.sha) ? pick(was.get(d.sha), d.status, stored.get(d.sha)) : d.status;
    return status === d.status ? d : { ...d, status };
  });
  const have = new Set(mine.map((d) => d.sha));
  for (const d of theirs ?? []) if (!have.has(d.sha)) out.push(d);
  return out;
}

/**
 * The record to write when this tab's record is `mine`, it last read or
 * wrote `base`, and storage holds `theirs` (null: nothing stored; `base`
 * null: this tab read nothing, so only the other tab's documents are taken,
 * as before three-way merges).
 */
export function mergeProject(base, mine, theirs) {
  if (!theirs) return mine;
  if (!base) return { ...mine, docs: mergeDocs(null, mine.docs, theirs.docs) };
  const out = { ...theirs, ...mine };
  for (const k of ['name', 'labels', 'scheme', 'last']) out[k] = pick(base[k], mine[k], theirs[k]);
  out.docs = mergeDocs(base.docs, mine.docs, theirs.docs);
  const suggest = mergeSuggest(base.suggest, mine.suggest, theirs.suggest);
  if (suggest) out.suggest = suggest;
  return out;
}

/** Whether two user dictionaries hold the same lines, in whatever order. */
export function sameDictionary(a, b) {
  const lines = (t) =>
    (t ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort()
      .join('\n');
  return lines(a) === lines(b);
}

/** A copy of a record to keep as a base: nothing shared with the live one. */
export function snapshotOf(project) {
  return project ? structuredClone(project) : null;
}
