// What the status line says about a selection, a pick and the caret (shared by the commands).

/** The hint for a pending selection, `note` first (why it was cut, say). */
export function selectedHint(doc, span, note = '') {
  const quote = doc.slice(span.startCp, span.endCp);
  return `${note}Selected “${quote.length > 40 ? `${quote.slice(0, 40)}…` : quote}” [${span.startCp}, ${span.endCp}) — press a label key (1–9) or w to widen.`;
}

/** The hint for a picked annotation `a`. */
export function pickedHint(doc, model, a) {
  const label = model.labels.find((l) => l.id === a.label);
  return `Picked ${label?.name ?? a.label} “${doc.slice(a.start, a.end)}” [${a.start}, ${a.end}) — a label key relabels, Delete deletes, Shift+← → resizes, r draws a relation from it.`;
}

/** The hint for the caret at code point `cp`. */
export function caretHint(doc, cp) {
  const quote = doc.slice(cp, Math.min(cp + 12, doc.lengthCp)).split(/[\r\n]/)[0];
  return `Caret at ${cp}: “${quote}…” — Shift+→ selects word by word, ↓ ↑ go by paragraph.`;
}
