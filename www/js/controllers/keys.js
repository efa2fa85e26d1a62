// The keys controller: a key press (as the chrome reports it: key and
// modifiers, and whether a dialog or a field has it) to a command, run
// against the store and the open document's model. The README's table of
// keys is this function. Returns true when the browser's own action must be
// prevented.
import { run } from '../commands/run.js';
import * as select from '../commands/select.js';
import * as edit from '../commands/edit.js';
import { caretToParagraph, moveCaret } from '../commands/caret.js';
import { labelOfKey } from '../commands/search.js';
import * as relate from '../commands/relate.js';
import { byKey } from '../scheme.js';

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
  return ({ key: raw, code, ctrlKey: ctrl, shiftKey: shift, altKey: alt, busy }) => {
    if (!session.model || busy) return false;
    const key = raw.length === 1 ? raw.toLowerCase() : raw;
    const arrow = key === 'ArrowLeft' || key === 'ArrowRight';
    if (ctrl && key === 'z' && !shift) return exec(edit.undo);
    if (ctrl && ((key === 'z' && shift) || key === 'y')) return exec(edit.redo);
    if (ctrl && key === 's') {
      if (shift) actions.exportProject();
      else actions.exportChosen();
      return true;
    }
    if (ctrl && key === 'Enter') {
      actions.doneNext();
      return true;
    }
    // Relations (commands/relate.js): r starts a link from the picked annotation or reverses the picked
    // relation; while linking ← → Enter choose the other end; a relation type's key makes or retypes one.
    const { linking, relation, picked } = store.state;
    if (!ctrl && !alt && (linking || relation)) {
      if (key === 'Escape') {
        exec(relate.cancel);
        return false;
      }
      const type = shift ? null : byKey(session.model.scheme, 'relations', key);
      if (linking && type) return exec(relate.create, type);
      if (linking && arrow && !shift) return exec(relate.step, key === 'ArrowRight');
      if (linking && key === 'Enter') return exec(relate.chosen);
      if (relation && type) return exec(relate.retype, type);
      if (relation && key === 'r') return exec(relate.reverse);
      if (relation && (key === 'Delete' || key === 'Backspace')) return exec(relate.remove);
    }
    if (!ctrl && !alt && !shift && key === 'r' && picked) return exec(relate.start);
    if (shift && arrow && store.state.picked) {
      return exec(edit.resize, { forward: key === 'ArrowRight', byChar: alt, edge: ctrl ? 'start' : 'end' });
    }
    if (!ctrl && arrow) return exec(moveCaret, { forward: key === 'ArrowRight', extend: shift, byChar: alt });
    if (!ctrl && !alt && !shift && (key === 'ArrowDown' || key === 'ArrowUp'))
      return exec(caretToParagraph, { forward: key === 'ArrowDown' });
    // Alt and a key: an attribute of what is picked; Alt+Shift and a key: a label of the whole document.
    // Read by the key's place (`code`), since Alt and Shift change the character on many layouts.
    const placed = /^(Digit|Key)(.)$/.exec(code ?? '');
    if (alt && !ctrl && placed) {
      const k = placed[2].toLowerCase();
      if (shift ? actions.details.docLabelKey(k) : actions.details.attributeKey(k)) return true;
    }
    if (ctrl || alt) return false;
    if (key === 'Escape') {
      exec(select.dismiss);
      actions.search.close();
      return false;
    }
    if (key === '/') {
      actions.search.show();
      return true;
    }
    if (key === 'Enter' && actions.search.step(!shift)) return true;
    // With the caret on a suggestion: Enter accepts it, Shift+Enter every one of its label, x rejects it.
    if (key === 'Enter' && (shift ? actions.suggestions?.acceptAll() : actions.suggestions?.accept())) return true;
    // Shift and a label key, while a search has matches: every match gets the label.
    const every = shift ? labelOfKey(session.model.labels, raw, code) : null;
    if (every && actions.search.labelAll(every.id)) return true;
    if ((key === 'Delete' || key === 'Backspace') && store.state.picked) return exec(edit.remove);
    if (key === 'w') return exec(select.widen);
    if (key === 'x') {
      if (actions.suggestions?.reject()) return true;
      exec(select.toggleExact);
      return false;
    }
    if (key === ']' || key === '[') {
      actions.nextDocument(key === ']' ? 1 : -1);
      return true;
    }
    if (key === '?') {
      actions.help();
      return false;
    }
    if (key === 'n') {
      actions.details.focusNote();
      return true;
    }
    const label = session.model.labels.find((l) => l.key === key);
    if (label) return exec(edit.label, label.id);
    return false;
  };
}
