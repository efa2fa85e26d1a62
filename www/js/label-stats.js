// Figures about the labels: how many annotations each label has, and which
// strings are labelled with it most often. Pure: the statistics controller
// gathers the documents and the statistics view draws the result.

/** How many of the most frequent strings each label lists. */
export const TOP = 5;

/**
 * Adds the annotations of one document to `tally` (a Map label id →
 * `{count, strings: Map}`): `text` is the document's text, `annotations` its
 * annotations with code point offsets.
 */
export function tallyDocument(tally, text, annotations) {
  let chars = null; // the text as code points, made only when a quote is needed
  for (const a of annotations) {
    if (!tally.has(a.label)) tally.set(a.label, { count: 0, strings: new Map() });
    const t = tally.get(a.label);
    t.count++;
    chars ??= Array.from(text);
    const pieces = a.fragments?.length ? a.fragments : [[a.start, a.end]];
    const quote = pieces.map(([s, e]) => chars.slice(s, e).join('')).join(' ');
    t.strings.set(quote, (t.strings.get(quote) ?? 0) + 1);
  }
  return tally;
}

/**
 * The rows to show, in the label set's order (labels the tally has that the
 * set lacks come last): `[{id, name, color, count, top: [[string, count]]}]`,
 * `top` the `TOP` most frequent strings, most first (ties by string).
 */
export function statsRows(tally, labels) {
  const known = labels.map((l) => ({ id: l.id, name: l.name, color: l.color }));
  const extra = [...tally.keys()].filter((id) => !labels.some((l) => l.id === id)).map((id) => ({ id, name: id, color: '#999999' }));
  return [...known, ...extra].map((l) => {
    const t = tally.get(l.id);
    const top = t ? [...t.strings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, TOP) : [];
    return { ...l, count: t?.count ?? 0, top };
  });
}
