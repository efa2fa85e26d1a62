// Commands on notes, attributes and document labels. Like edit.js they are
// pure: the model operations come back as data for commands/run.js.
import { nextAttributeValue } from '../scheme.js';
import { t as tr } from '../i18n/index.js';

/**
 * What a note or an attribute goes on: the picked relation (`state.relation`),
 * else the picked annotation; `{item, what: 'relation'|'span', method}` or null.
 */
export function target(state, model) {
  const relation = state.relation ? model?.relationById(state.relation) : null;
  if (relation) return { item: relation, what: 'relation', method: 'updateRelation' };
  const annotation = state.picked ? model?.byId(state.picked) : null;
  if (annotation) return { item: annotation, what: 'span', method: 'updateAnnotation' };
  return null;
}

const nothingPicked = () => ({ hint: tr('hint.pickFirst') });

/** The note field: sets (or, emptied, removes) the note of what is picked. */
export function setNote(state, _doc, model, { text }) {
  const t = target(state, model);
  if (!t) return nothingPicked();
  const note = text.trim() === '' ? null : text;
  return {
    ops: [[t.method, t.item.id, { note }]],
    hint: tr(note === null ? 'hint.noteRemoved' : 'hint.noteSaved'),
  };
}

/** A field of the panel: sets attribute `id` to `value` (null removes it). */
export function setAttribute(state, _doc, model, { id, value }) {
  const t = target(state, model);
  if (!t) return nothingPicked();
  return { ops: [[t.method, t.item.id, { attributes: { ...t.item.attributes, [id]: value } }]] };
}

/** Alt and an attribute's key: toggles a flag, steps a choice on (and off after its last value). */
export function stepAttribute(state, _doc, model, { id }) {
  const t = target(state, model);
  if (!t) return nothingPicked();
  const attr = model.scheme.attributes.find((a) => a.id === id);
  const value = nextAttributeValue(attr, t.item.attributes?.[id]) ?? null;
  const shown = value === null ? tr('hint.attr.off') : value === 'true' ? tr('hint.attr.on') : value;
  return {
    ops: [[t.method, t.item.id, { attributes: { ...t.item.attributes, [id]: value } }]],
    hint: tr('hint.attr', { name: attr.name, value: shown }),
  };
}

/** A document label's toggle or key: on when off, off when on. */
export function toggleDocLabel(_state, _doc, model, { id }) {
  const on = model.docLabels.includes(id);
  const next = on ? model.docLabels.filter((d) => d !== id) : [...model.docLabels, id];
  const name = model.scheme.docLabels.find((d) => d.id === id)?.name ?? id;
  return { ops: [['setDocLabels', next]], hint: tr(on ? 'hint.docLabelOff' : 'hint.docLabelOn', { name }) };
}
