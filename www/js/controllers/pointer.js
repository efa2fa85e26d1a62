// The pointer controller: what the text view and the side panel report (a
// released drag or click, a double click, the word under the pointer, a row
// of the list) to commands. No DOM: positions come as UTF-16 units, marks as ids.
import { run } from '../commands/run.js';
import * as select from '../commands/select.js';
import * as relate from '../commands/relate.js';

export function pointerHandlers({ store, session, text }) {
  const exec = (command, args) => run(store, session.model, command(store.state, session.doc, session.model, args));
  return {
    /** `{altKey, markId, selectionU16, pointU16}` (see TextView.bindTextMouseUp). */
    mouseUp({ altKey, markId, selectionU16, pointU16 }) {
      if (!session.model) return;
      if (store.state.linking && !selectionU16) {
        // The other end of the relation being drawn: the annotation clicked (the first one at that place).
        const at = markId ?? (pointU16 === null ? null : session.model.at(session.doc.cpAt(pointU16))[0]?.id);
        exec(relate.target, at ?? null);
        return;
      }
      // Whatever the person does in the text lets go of a picked relation.
      if (store.state.relation) store.set({ relation: null });
      if (markId) exec(select.pick, markId);
      else if (selectionU16) exec(select.dragged, { anchorU16: selectionU16[0], focusU16: selectionU16[1], alt: altKey });
      else exec(select.clicked, pointU16);
    },
    doubleClick(atU16) {
      if (session.model) exec(select.doubleClicked, atU16);
    },
    hover(atU16) {
      const w = atU16 === null || !session.model ? null : session.doc.wordUnder(atU16);
      text.hoverWord(w ? [w.startU16, w.endU16] : null);
    },
    /** A row of the annotation list or of the relations: scrolled to and picked. */
    listClick(id) {
      const a = session.model?.byId(id);
      if (!a) return;
      store.set({ selection: null, relation: null, linking: null });
      text.scrollToU16(session.doc.u16At(a.start));
      exec(select.pick, id);
    },
    /** A drag from one annotation's tag to another's: the relation waits for its type key. */
    linkDragged(from, to) {
      if (session.model) exec(relate.dragged, { from, to });
    },
    /**
     * ↑ ↓ Home End in a list that has the focus: the annotation (`list` 'annotations', in text order) or relation
     * next to the one picked, picked as a click on its row picks it.
     */
    listStep(list, step) {
      const model = session.model;
      if (!model) return;
      const items = list === 'relations' ? model.relations : model.annotations;
      if (!items.length) return;
      const picked = list === 'relations' ? store.state.relation : store.state.picked;
      const at = items.findIndex((x) => x.id === picked);
      const next = step === -Infinity ? 0 : step === Infinity ? items.length - 1 : at < 0 ? (step > 0 ? 0 : items.length - 1) : at + step;
      const item = items[Math.min(items.length - 1, Math.max(0, next))];
      if (list === 'relations') this.relationClick(item.id, { scroll: true });
      else this.listClick(item.id);
    },
    /** A row of the relations, or an arc: the relation is picked, and its start scrolled to when it is a row. */
    relationClick(id, { scroll = false } = {}) {
      const r = session.model?.relationById(id);
      if (!r) return;
      const a = session.model.byId(r.from);
      if (scroll && a) text.scrollToU16(session.doc.u16At(a.start));
      exec(relate.pick, id);
    },
  };
}
