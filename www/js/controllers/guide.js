// The first-visit guide: shown until the person puts it away (remembered in
// the browser), its steps ticked as they are done: a selection, a first
// annotation, an export.
const KEY = 'biaozhu:guide';

export class Guide {
  constructor({ store, session }, view) {
    Object.assign(this, { store, session, view });
    this.done = new Set();
    let seen = false;
    try {
      seen = localStorage.getItem(KEY) === 'done';
    } catch {
      // No localStorage (blocked): the guide shows each visit, which is harmless.
    }
    this.shown = !seen;
    view.render(this.shown ? this.done : null);
    view.bindDismiss(() => this.dismiss());
    store.subscribe((state, _before, changed) => {
      if (changed.has('selection') && state.selection) this.#tick('select');
    });
  }

  #tick(step) {
    if (!this.shown || this.done.has(step)) return;
    this.done.add(step);
    this.view.render(this.done);
  }

  /** After every change of the model: a first annotation ticks the second step. */
  modelChanged() {
    if (this.session.model?.annotationCount) this.#tick('label');
  }

  /** An export was downloaded. */
  exported() {
    this.#tick('export');
  }

  dismiss() {
    this.shown = false;
    this.view.render(null);
    try {
      localStorage.setItem(KEY, 'done');
    } catch {
      // Not remembered without localStorage; dismissed for this visit.
    }
  }
}
