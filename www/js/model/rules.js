// What makes an annotation, a relation and a whole state valid, and how a
// resize moves an annotation's pieces: the rules of the Rust core
// (src/annotation.rs `check_span` and `AnnotatedDocument::validate`), checked
// in the same order, so that what the page accepts every export accepts too.
// tests/fixtures/annotation-rules.json is the one table of cases that both
// test suites read.
//
// Every refusal is a RangeError with a `code`, the core's name for the rule:
// reversed, empty, out-of-range, bad-fragments, unknown-label, duplicate-id,
// dangling-relation. Values the core could not even read (an offset that is
// not a whole number, an annotation that is not an object) are `malformed`;
// a label that breaks the page's label rules is `bad-label`.
//
// Offsets are code points, half-open [start, end).

import { normalScheme, schemeCovering, schemeProblem } from '../scheme.js';
import { checkLabel } from '../labels.js';
import { deepFreeze, frozenCopy, plain, refusal, shown } from './change.js';

const isWhole = (n) => Number.isInteger(n) && n >= 0;

/**
 * Checks `[start, end)` as a span of a text of `length` code points, naming the
 * first rule broken in the core's order: reversed, out-of-range, empty.
 * @param {string} who What to call it in a message ("The annotation", 'Annotation "a1"').
 * @throws {RangeError} with the rule's `code`.
 */
export function checkSpan(start, end, length, who) {
  if (!isWhole(start)) {
    throw refusal(Number.isInteger(start) ? 'out-of-range' : 'malformed', `${who} must start at a whole number ≥ 0 (got ${shown(start)}).`);
  }
  if (!Number.isInteger(end)) throw refusal('malformed', `${who} must end at a whole number (got ${shown(end)}).`);
  if (start > end) throw refusal('reversed', `${who} is reversed: it starts at ${start}, after its end ${end}.`);
  if (end > length) throw refusal('out-of-range', `${who} ends at ${end}, past the end of the text (${length} characters).`);
  if (start === end) {
    throw refusal('empty', `${who} is empty: it starts and ends at ${start}; an annotation covers at least one character.`);
  }
}

/**
 * The pieces of an annotation: its fragments, or `[[start, end]]` when it has none.
 * @returns {Array<[number, number]>}
 */
export function piecesOf(a) {
  return Array.isArray(a.fragments) && a.fragments.length ? a.fragments : [[a.start, a.end]];
}

/**
 * What is wrong with a list of fragments on its own (ignoring the annotation's
 * start and end), as a message ending a sentence that starts with the
 * annotation's name, or null when they are whole, non-empty pieces in order
 * that do not overlap. An empty list is no fragments (a plain span).
 */
export function fragmentsProblem(fragments) {
  if (fragments === undefined) return null;
  if (!Array.isArray(fragments)) return 'has fragments that are not a list of [start, end] pieces.';
  let previousEnd = -Infinity;
  for (const piece of fragments) {
    if (!Array.isArray(piece) || piece.length !== 2 || !isWhole(piece[0]) || !isWhole(piece[1])) {
      return `has a piece ${JSON.stringify(piece) ?? String(piece)} that is not [start, end] with whole numbers.`;
    }
    const [s, e] = piece;
    if (s >= e) return `has an empty or reversed piece [${s}, ${e}); every piece covers at least one character.`;
    if (s < previousEnd) {
      return `has a piece [${s}, ${e}) that starts before the previous one ends (${previousEnd}); pieces must be in order and must not overlap.`;
    }
    previousEnd = e;
  }
  return null;
}

/** Whether `fragments` are good pieces whose hull is not `[start, end)`: what the old resize saved. */
export function hullDiffers({ start, end, fragments }) {
  if (!Array.isArray(fragments) || fragments.length === 0 || fragmentsProblem(fragments)) return false;
  return fragments[0][0] !== start || fragments.at(-1)[1] !== end;
}

/**
 * Checks an annotation's offsets and fragments (the core's `check_span`).
 * @throws {RangeError} with the rule's `code`.
 */
export function checkPieces(a, length, who) {
  checkSpan(a.start, a.end, length, who);
  const problem = fragmentsProblem(a.fragments);
  if (problem) throw refusal('bad-fragments', `${who} ${problem}`);
  if (hullDiffers(a)) {
    const [first, last] = [a.fragments[0][0], a.fragments.at(-1)[1]];
    throw refusal(
      'bad-fragments',
      `${who} says [${a.start}, ${a.end}) but its pieces span [${first}, ${last}); its start and end must be the start of the first piece and the end of the last.`,
    );
  }
}

/**
 * Checks the offsets and fragments of every annotation a change makes (the
 * created ones and the new side of the updated ones): a saved change replayed
 * must not bring in what the rules refuse.
 * @throws {RangeError} with the rule's `code`.
 */
export function checkMadeBy(change, length) {
  const s = change.annotations;
  for (const a of s ? [...s.created, ...s.updated.map(([, after]) => after)] : []) {
    checkPieces(a, length, `Annotation ${shown(a.id)}`);
  }
}

/**
 * The annotation `a` resized to `[start, end)`, by the rule of the table's
 * `about`: the span is checked first; a span of one piece simply becomes
 * `[start, end)`; for more pieces, a start before the first piece moves
 * that piece's start, a start after it drops every piece that ends at or
 * before it and cuts the first piece left; the end likewise with the last
 * piece. One piece left is a plain span (no `fragments`). Every other field is
 * kept. `a` itself is not changed.
 * @throws {RangeError} `reversed`, `out-of-range` or `empty` (also when no piece is left).
 */
export function resized(a, start, end, length, who = 'The annotation') {
  checkSpan(start, end, length, who);
  let pieces = piecesOf(a).map(([s, e]) => [s, e]);
  // One piece has no gaps to keep: it may move anywhere, as a plain span always could.
  if (pieces.length === 1) pieces = [[start, end]];
  if (start <= pieces[0][0]) pieces[0][0] = start;
  else {
    pieces = pieces.filter(([, e]) => e > start);
    if (pieces.length) pieces[0][0] = Math.max(pieces[0][0], start);
  }
  if (pieces.length) {
    const last = pieces.at(-1);
    if (end >= last[1]) last[1] = end;
    else {
      pieces = pieces.filter(([s]) => s < end);
      if (pieces.length) pieces.at(-1)[1] = Math.min(pieces.at(-1)[1], end);
    }
  }
  if (!pieces.length) {
    throw refusal(
      'empty',
      `${who} would be empty: [${start}, ${end}) keeps no part of what it covers (a resize moves its ends; it cannot move it past itself).`,
    );
  }
  const { fragments: _old, ...rest } = a;
  const out = { ...rest, start: pieces[0][0], end: pieces.at(-1)[1] };
  if (pieces.length > 1) out.fragments = pieces;
  return out;
}

/** Throws `unknown-label` unless `label` is the id of one of `labels`, listing the ids there are. */
export function checkLabelRef(label, labels) {
  if (!labels.some((l) => l.id === label)) {
    const known = labels.map((l) => l.id).join(', ') || 'none';
    throw refusal('unknown-label', `There is no label ${shown(label)} (labels: ${known}).`);
  }
}

/**
 * A relation with what it means under `kind`, as the core and the native file
 * name it: an older page's `label` becomes `kind` (where both are there, `kind`
 * is kept, as the core reads it). Anything that is not a relation with a
 * `label` comes back as it is.
 */
export function withKind(relation) {
  if (relation === null || typeof relation !== 'object' || !Object.hasOwn(relation, 'label')) return relation;
  const { label, ...rest } = relation;
  return Object.hasOwn(rest, 'kind') ? rest : { ...rest, kind: label };
}

/**
 * Validates a whole state (the constructor's and an import's) in the core's
 * order: the labels, then each annotation (offsets and fragments, its label,
 * its id), then each relation (its id, then its two ends). Returns frozen
 * copies, relations named `kind`; the input is not changed, so a refusal
 * leaves everything as it was.
 * The scheme comes back normal (scheme.js `normalScheme`); with `cover`, what
 * the state uses and it does not declare is added (an import, or a state saved
 * before schemes existed), so that no file is refused for it.
 * @param {{labels: Array, annotations: Array, relations: Array, docLabels: Array, scheme?: object}} state
 * @param {number} length The text's length in code points.
 * @throws {RangeError} with the first broken rule's `code`.
 */
export function checkState({ labels, annotations, relations, docLabels, scheme }, length, cover = true) {
  for (const [name, list] of Object.entries({ labels, annotations, relations, docLabels })) {
    if (!Array.isArray(list)) throw refusal('malformed', `The ${name} must be a list.`);
  }
  const outLabels = [];
  for (const label of labels) {
    const copy = frozenCopy(label, 'A label');
    const problem = checkLabel(copy, outLabels);
    if (problem) throw refusal(problem.code, problem.message);
    outLabels.push(copy);
  }
  const labelIds = new Set(outLabels.map((l) => l.id));
  const outAnnotations = [];
  const ids = new Set();
  // One JSON copy of the whole list is several times faster than one per item on a big import.
  for (const [i, a] of plain(annotations, 'The annotations').entries()) {
    checkItem(a, 'Annotation', i);
    const who = `Annotation ${shown(a.id)}`;
    checkPieces(a, length, who);
    if (!labelIds.has(a.label)) {
      throw refusal('unknown-label', `${who} has the label ${shown(a.label)}, which is not in the label set.`);
    }
    if (ids.has(a.id)) throw refusal('duplicate-id', `Two annotations have the id ${shown(a.id)}.`);
    ids.add(a.id);
    outAnnotations.push(deepFreeze(a));
  }
  const outRelations = [];
  const relationIds = new Set();
  for (const [i, r] of plain(relations.map(withKind), 'The relations').entries()) {
    checkItem(r, 'Relation', i);
    if (relationIds.has(r.id)) throw refusal('duplicate-id', `Two relations have the id ${shown(r.id)}.`);
    relationIds.add(r.id);
    for (const end of ['from', 'to']) {
      if (!ids.has(r[end])) {
        throw refusal('dangling-relation', `Relation ${shown(r.id)} points ${end} ${shown(r[end])}, which is not an annotation.`);
      }
    }
    outRelations.push(deepFreeze(r));
  }
  const outDocLabels = frozenCopy(docLabels, 'The document labels');
  const state = { annotations: outAnnotations, relations: outRelations, docLabels: outDocLabels };
  return {
    labels: outLabels,
    ...state,
    scheme: scheme === undefined ? undefined : deepFreeze(cover ? schemeCovering(checkedScheme(scheme), state) : checkedScheme(scheme)),
  };
}

/** `scheme` as a normal plain copy, or a `bad-scheme` refusal naming the item and field at fault. */
export function checkedScheme(scheme) {
  const problem = schemeProblem(scheme);
  if (problem) {
    const err = refusal('bad-scheme', problem.message);
    err.field = problem.field;
    throw err;
  }
  return normalScheme(plain(scheme, 'The scheme'));
}

function checkItem(x, what, i) {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) throw refusal('malformed', `${what} ${i + 1} is not an object.`);
  if (typeof x.id !== 'string' || x.id === '') throw refusal('malformed', `${what} ${i + 1} has no id.`);
}
