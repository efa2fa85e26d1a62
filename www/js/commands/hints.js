// What the status line says about a selection, a pick and the caret (shared by the commands).
import { t } from '../i18n/index.js';

/**
 * The hint for a pending selection; `cut` says why it was cut short, if it was: 'stops' (at the end of
 * its paragraph) or 'crossed' (a line break).
 */
export function selectedHint(doc, span, cut = null) {
  const quote = doc.slice(span.startCp, span.endCp);
  const args = { quote: quote.length > 40 ? `${quote.slice(0, 40)}…` : quote, start: span.startCp, end: span.endCp };
  return t(cut ? `hint.selected.${cut}` : 'hint.selected', args);
}

/** The hint for a picked annotation `a`. */
export function pickedHint(doc, model, a) {
  const label = model.labels.find((l) => l.id === a.label);
  return t('hint.picked', { label: label?.name ?? a.label, quote: doc.slice(a.start, a.end), start: a.start, end: a.end });
}

/** The hint for the caret at code point `cp`. */
export function caretHint(doc, cp) {
  const quote = doc.slice(cp, Math.min(cp + 12, doc.lengthCp)).split(/[\r\n]/)[0];
  return t('hint.caret', { at: cp, quote });
}
