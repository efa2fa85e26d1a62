// The project's record of suggestions as its project file carries it, and a
// file's record taken into the open project's. The page keeps rejections
// by document as `start:end:label` keys (cheap to look up while drawing);
// the file names each one in full, in code points, with its document's
// SHA-256 (src/suggest/record.rs). No DOM.

/** The page's record (`{mapping, userDict, rejected: {sha: [keys]}}`) as a project file holds it. */
export function recordForFile(settings) {
  const rejected = [];
  for (const [document, keys] of Object.entries(settings?.rejected ?? {})) {
    for (const key of keys) {
      const [start, end, ...label] = key.split(':');
      rejected.push({ document, start: Number(start), end: Number(end), label: label.join(':') });
    }
  }
  return { mapping: settings?.mapping ?? null, userDictionary: settings?.userDict ?? '', rejected };
}

/** The word of a user dictionary line (`word [freq [tag]]`). */
const wordOf = (line) => line.trim().split(/\s+/)[0];

/**
 * Takes a file's `record` into the project's `settings` (changed in place):
 * its rejections join the project's, its dictionary words the project lacks
 * are added, and its mapping is taken when the project has set none.
 * Returns what was taken, `{rejected, words, mapping}` counts and whether,
 * and `keptMapping`: the file had another mapping, and the project's stays.
 */
export function takeRecord(settings, record) {
  const taken = { rejected: 0, words: 0, mapping: false, keptMapping: false };
  if (!record) return taken;
  settings.rejected ??= {};
  for (const r of record.rejected ?? []) {
    const key = `${r.start}:${r.end}:${r.label}`;
    const list = settings.rejected[r.document] ?? [];
    if (!list.includes(key)) {
      settings.rejected[r.document] = [...list, key];
      taken.rejected++;
    }
  }
  const have = new Set(
    (settings.userDict ?? '')
      .split('\n')
      .filter((l) => l.trim())
      .map(wordOf),
  );
  const added = [];
  for (const line of (record.userDictionary ?? '').split('\n')) {
    if (!line.trim() || have.has(wordOf(line))) continue;
    have.add(wordOf(line));
    added.push(line.trim());
  }
  if (added.length) {
    const before = settings.userDict ?? '';
    settings.userDict = (before && !before.endsWith('\n') ? `${before}\n` : before) + added.map((l) => `${l}\n`).join('');
    taken.words = added.length;
  }
  if (record.mapping != null) {
    if (settings.mapping == null) {
      settings.mapping = record.mapping;
      taken.mapping = true;
    } else if (settings.mapping !== record.mapping) taken.keptMapping = true;
  }
  return taken;
}

/** The words of a user dictionary, one a line. */
export function wordsOf(userDict) {
  return new Set(
    (userDict ?? '')
      .split('\n')
      .filter((l) => l.trim())
      .map(wordOf),
  );
}

/** The labels a mapping (`nr=PER,ns=LOC`) names. */
export function mappedLabels(mapping) {
  return new Set(
    (mapping ?? '')
      .split(',')
      .map((pair) => pair.split('=')[1]?.trim())
      .filter(Boolean),
  );
}

/**
 * The strings a document's `annotations` label with a label of `mapping`
 * (the strings that become learnt words), each once: what it teaches the
 * project. `slice(start, end)` gives the text of code points `[start, end)`.
 */
export function taughtBy(annotations, slice, mapping) {
  const labels = mappedLabels(mapping);
  const out = new Set();
  for (const a of annotations) {
    if (a.fragments?.length || !labels.has(a.label)) continue;
    const s = slice(a.start, a.end);
    if (!s.includes('\n')) out.add(s);
  }
  return [...out].sort();
}

/**
 * The learnt words document `sha` alone taught (`settings.taught`, the
 * strings each document labels): no other document labels them, and the
 * person did not write them (`settings.own`). The worker forgets each one
 * once this document labels it nowhere (`Session::claim`).
 */
export function taughtOnlyBy(settings, sha) {
  const mine = settings.taught?.[sha] ?? [];
  if (!mine.length) return [];
  const kept = new Set(settings.own ?? []);
  for (const [other, words] of Object.entries(settings.taught ?? {})) {
    if (other !== sha) for (const w of words) kept.add(w);
  }
  return mine.filter((w) => !kept.has(w));
}

/**
 * The person's words after the user dictionary went from `before` to
 * `after` by their hand (Suggestions… or a project file): the words they
 * added join those they wrote before, and those they removed leave. These
 * are never forgotten for being labelled nowhere.
 */
export function personWords(own, before, after) {
  const was = wordsOf(before);
  const now = wordsOf(after);
  const out = new Set((own ?? []).filter((w) => now.has(w)));
  for (const w of now) if (!was.has(w)) out.add(w);
  return [...out].sort();
}

/**
 * The user dictionary `now` with the person's edit of it applied: they were
 * shown `shown` and made it `edited`. The words they removed leave, the
 * lines they added or changed are taken, and words learnt since it was shown
 * stay.
 */
export function editedDictionary(now, shown, edited) {
  const byWord = (text) =>
    new Map(
      (text ?? '')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => [wordOf(l), l.trim()]),
    );
  const was = byWord(shown);
  const wants = byWord(edited);
  const out = byWord(now);
  for (const w of was.keys()) if (!wants.has(w)) out.delete(w);
  for (const [w, line] of wants) if (was.get(w) !== line) out.set(w, line);
  return [...out.values()].map((l) => `${l}\n`).join('');
}

/**
 * A user dictionary (`word freq label` lines) with its third column read as a
 * label: a label id stays, a part of speech the mapping names (a jieba file's
 * `nr`) becomes the mapping's label. `{text}`, or `{line, tag}` for the first
 * line whose third column is neither (it would be learnt with a label no
 * suggestion can have). `labels`: the scheme's ids; `kept`: lines the
 * dictionary held already (a label deleted since, a record from a file), read
 * as they are: only the person's new lines are checked.
 */
export function labelledDictionary(text, labels, mapping, kept = new Set()) {
  const ids = new Set(labels);
  const byPos = new Map(
    (mapping ?? '')
      .split(',')
      .map((pair) => pair.split('=').map((x) => x.trim()))
      .filter(([pos, label]) => pos && label),
  );
  const lines = (text ?? '').split('\n');
  for (const [i, line] of lines.entries()) {
    const f = line.trim().split(/\s+/);
    if (f.length < 3 || ids.has(f[2]) || kept.has(line.trim())) continue;
    if (!byPos.has(f[2])) return { line: i + 1, tag: f[2] };
    f[2] = byPos.get(f[2]);
    lines[i] = f.join(' ');
  }
  return { text: lines.join('\n') };
}
