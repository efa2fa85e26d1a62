// Commands that draw, pick and change relations, as pure functions from (UI
// state, the document adapter of anchor.js, the annotation model, what the
// person did) to `{patch, ops, hint}` (see commands/run.js).
//
// Drawing one: with an annotation picked, `r` starts a link from it
// (`state.linking`); a click on another annotation, or ← → among the
// annotations, picks the other end; a relation type's key makes the relation
// from the first to the second. A picked relation (`state.relation`) is
// retyped by a type's key, reversed by `r`, deleted by Delete.
import { t } from '../i18n/index.js';

const quote = (doc, a) => {
  const q = doc.slice(a.start, a.end);
  return `“${q.length > 20 ? `${q.slice(0, 20)}…` : q}”`;
};
/** “1 发言 said, 2 …”: what the scheme's relation type keys are. */
const typeKeys = (model) =>
  model.scheme.relations
    .filter((t) => t.key)
    .map((t) => `${t.key} ${t.name}`)
    .join(', ');

/** `how`: 'picked', 'added', 'already', 'retyped' or 'reversed'. */
function relationHint(doc, model, r, how = 'picked') {
  const type = model.scheme.relations.find((x) => x.id === r.kind);
  const from = model.byId(r.from);
  const to = model.byId(r.to);
  return t(`hint.relation.${how}`, {
    type: type?.name ?? r.kind,
    from: from ? quote(doc, from) : r.from,
    arrow: type && !type.directed ? '—' : '→',
    to: to ? quote(doc, to) : r.to,
    keys: typeKeys(model),
  });
}

/** `r` with an annotation picked: the link starts from it. */
export function start(state, doc, model) {
  const a = state.picked ? model.byId(state.picked) : null;
  if (!a) return { hint: t('hint.relation.pickFirst') };
  if (!model.scheme.relations.length) return { hint: t('hint.relation.noTypes') };
  return {
    patch: { linking: { from: a.id }, relation: null, selection: null },
    hint: t('hint.relation.from', { from: quote(doc, a), keys: typeKeys(model) }),
  };
}

/** While linking: annotation `id` (clicked, or reached by the arrows) is the other end. */
export function target(state, doc, model, id, extra = {}) {
  const a = id ? model.byId(id) : null;
  const from = model.byId(state.linking.from);
  if (!a) return { hint: t('hint.relation.clickOther') };
  if (!from) return { patch: { linking: null }, hint: t('hint.relation.gone') };
  if (a.id === from.id) return { patch: { picked: a.id }, hint: t('hint.relation.same') };
  return {
    patch: { ...extra, picked: a.id, selection: null },
    hint: t('hint.relation.ends', { from: quote(doc, from), to: quote(doc, a), keys: typeKeys(model) }),
  };
}

/** While linking, ← →: the annotation before or after the one picked (in text order) is the other end. */
export function step(state, doc, model, forward) {
  const list = model.annotations;
  const current = model.byId(state.picked ?? state.linking.from);
  let i = current ? list.indexOf(current) : -1;
  for (;;) {
    i += forward ? 1 : -1;
    if (i < 0 || i >= list.length) return { hint: t(forward ? 'hint.relation.noneAfter' : 'hint.relation.noneBefore') };
    if (list[i].id !== state.linking.from) break;
  }
  return target(state, doc, model, list[i].id);
}

/** A drag from annotation `from`'s tag to annotation `to`'s: the type key is wanted next, as after `r` and a click. */
export function dragged(state, doc, model, { from, to }) {
  if (!model.byId(from)) return null;
  if (!model.scheme.relations.length) return { hint: t('hint.relation.noTypes') };
  return target({ ...state, linking: { from } }, doc, model, to, { linking: { from }, relation: null });
}

/** Enter while linking: the other end stays as picked; only the type key is wanted now. */
export function chosen(state, doc, model) {
  if (!state.picked || state.picked === state.linking.from) return target(state, doc, model, null);
  return { hint: t('hint.relation.typeKey', { keys: typeKeys(model) }) };
}

/** A relation type's key while linking: the relation from the first end to the second. */
export function create(state, doc, model, type) {
  const { from } = state.linking;
  const to = state.picked;
  if (!to || to === from) return target(state, doc, model, null);
  return {
    patch: { linking: null },
    ops: [['createRelation', { from, to, kind: type.id }]],
    hint: (m) => {
      const made = m.relations.find((r) => r.from === from && r.to === to && r.kind === type.id);
      return made ? relationHint(doc, m, made, 'added') : '';
    },
  };
}

/** Picks relation `id` (an arc or a row clicked): no annotation stays picked, so Delete deletes the relation. */
export function pick(_state, doc, model, id) {
  const r = model.relationById(id);
  if (!r) return null;
  return { patch: { relation: id, picked: null, selection: null, linking: null, caretMark: null }, hint: relationHint(doc, model, r) };
}

/** A relation type's key with a relation picked: the relation gets that type. */
export function retype(state, doc, model, type) {
  const r = model.relationById(state.relation);
  if (!r) return null;
  if (r.kind === type.id) return { hint: relationHint(doc, model, r, 'already') };
  return { ops: [['updateRelation', r.id, { kind: type.id }]], hint: (m) => relationHint(doc, m, m.relationById(r.id), 'retyped') };
}

/** `r` with a relation picked: it goes the other way. */
export function reverse(state, doc, model) {
  const r = model.relationById(state.relation);
  if (!r) return null;
  return {
    ops: [['updateRelation', r.id, { from: r.to, to: r.from }]],
    hint: (m) => relationHint(doc, m, m.relationById(r.id), 'reversed'),
  };
}

/** Delete with a relation picked: the relation goes, its annotations stay. */
export function remove(state) {
  if (!state.relation) return null;
  return { patch: { relation: null }, ops: [['removeRelation', state.relation]], hint: t('hint.relation.deleted') };
}

/** Esc while linking or with a relation picked. */
export function cancel(state) {
  if (state.linking) return { patch: { linking: null, picked: state.linking.from }, hint: t('hint.relation.none') };
  return { patch: { relation: null }, hint: '' };
}
