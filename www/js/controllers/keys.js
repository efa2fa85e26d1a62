// The keys controller: a key press (as the chrome reports it: key and
// modifiers, and whether a dialog or a field has it) to a command, run
// against the store and the open document's model. Which key is which action
// is keymap.js's table (the help and the README's table of keys list it); this
// module says what each action does. Returns true when the browser's own
// action must be prevented.
import { run } from '../commands/run.js';
import * as select from '../commands/select.js';
import * as edit from '../commands/edit.js';
import { caretToParagraph, moveCaret } from '../commands/caret.js';
import { labelOfKey } from '../commands/search.js';
import * as relate from '../commands/relate.js';
import { byKey } from '../scheme.js';
import { KEYMAP } from '../keymap.js';

/**
 * Makes the key handler. `actions` are what a key does beyond a command:
 * `{exportChosen, exportProject, nextDocument(step), doneNext, help, search, details, suggestions}`, `search` the
 * search controller (controllers/search.js), `details` the details one (controllers/details.js),
 * `suggestions` the suggestions one (controllers/suggestions.js).
 */
export function keyHandler({ store, session }, actions) {
  const exec = (command, args) => {
    run(store, session.model, command(store.state, session.doc, session.model, args));
    return true;
  };
  // What each action of keymap.js does: true or false ends the key press (true: the browser's own action
  // is prevented), undefined passes it on to the next row that matches.
  const DO = {
    // A rejection just made (x on a suggestion) is the first thing Ctrl+Z takes back.
    undo: () => actions.suggestions?.undoReject() || exec(edit.undo),
    redo: () => actions.suggestions?.redoReject() || exec(edit.redo),
    open: () => {
      actions.open();
      return true;
    },
    exportProject: () => {
      actions.exportProject();
      return true;
    },
    export: () => {
      actions.exportChosen();
      return true;
    },
    doneNext: () => {
      actions.doneNext();
      return true;
    },
    linkCancel: () => {
      exec(relate.cancel);
      return false;
    },
    linkCreate: (k) => exec(relate.create, k.type),
    linkStep: (k) => exec(relate.step, k.key === 'ArrowRight'),
    linkChosen: () => exec(relate.chosen),
    relationRetype: (k) => exec(relate.retype, k.type),
    relationReverse: () => exec(relate.reverse),
    relationDelete: () => exec(relate.remove),
    linkStart: () => exec(relate.start),
    resizeStart: (k) => exec(edit.resize, { forward: k.key === 'ArrowRight', byChar: k.alt, edge: 'start' }),
    resizeEnd: (k) => exec(edit.resize, { forward: k.key === 'ArrowRight', byChar: k.alt, edge: 'end' }),
    caretExtend: (k) => exec(moveCaret, { forward: k.key === 'ArrowRight', extend: true, byChar: k.alt }),
    caret: (k) => exec(moveCaret, { forward: k.key === 'ArrowRight', extend: false, byChar: k.alt }),
    paragraph: (k) => exec(caretToParagraph, { forward: k.key === 'ArrowDown' }),
    docLabel: (k) => (actions.details.docLabelKey(k.code.slice(-1).toLowerCase()) ? true : undefined),
    attribute: (k) => (actions.details.attributeKey(k.code.slice(-1).toLowerCase()) ? true : undefined),
    browser: () => false,
    dismiss: () => {
      exec(select.dismiss);
      actions.search.close();
      return false;
    },
    search: () => {
      actions.search.show();
      return true;
    },
    searchStep: (k) => (actions.search.step(!k.shift) ? true : undefined),
    // With the caret on a suggestion: Enter accepts it, Shift+Enter every one of its label, x rejects it.
    suggestionAccept: () => (actions.suggestions?.accept() ? true : undefined),
    suggestionAcceptAll: () => (actions.suggestions?.acceptAll() ? true : undefined),
    suggestionReject: () => (actions.suggestions?.reject() ? true : undefined),
    labelAll: (k) => {
      const every = labelOfKey(session.model.labels, k.raw, k.code);
      return every && actions.search.labelAll(every.id) ? true : undefined;
    },
    pickAtCaret: () => exec(select.pickAtCaret),
    delete: () => exec(edit.remove),
    widen: () => exec(select.widen),
    exact: () => {
      exec(select.toggleExact);
      return false;
    },
    nextDocument: (k) => {
      actions.nextDocument(k.key === ']' ? 1 : -1);
      return true;
    },
    help: () => {
      actions.help();
      return false;
    },
    note: () => {
      actions.details.focusNote();
      return true;
    },
    label: (k) => {
      const label = session.model.labels.find((l) => l.key === k.key);
      return label ? exec(edit.label, label.id) : false;
    },
  };
  // The review's rows are views/project-review.js's, which sees the keys first while a review is on.
  const rows = KEYMAP.filter((row) => row.match && row.context !== 'review');
  // A row of the table with no action here would be a key the help lists and nothing does.
  const missing = rows.filter((row) => !DO[row.action]).map((row) => row.action);
  if (missing.length) throw new Error(`keymap.js rows with no action in keys.js: ${missing.join(', ')}`);
  return ({ key: raw, code, ctrlKey: ctrl, shiftKey: shift, altKey: alt, busy }) => {
    if (!session.model || busy) return false;
    const key = raw.length === 1 ? raw.toLowerCase() : raw;
    const { linking, relation, picked } = store.state;
    const k = {
      key,
      raw,
      code,
      ctrl,
      shift,
      alt,
      linking,
      relation,
      picked,
      arrow: key === 'ArrowLeft' || key === 'ArrowRight',
      vertical: key === 'ArrowDown' || key === 'ArrowUp',
    };
    k.type = linking || relation ? (shift ? null : byKey(session.model.scheme, 'relations', key)) : null;
    for (const row of rows) {
      if (!row.match(k)) continue;
      const done = DO[row.action](k);
      if (done !== undefined) return done;
    }
    return false;
  };
}
