// The first-visit guide: shown until the person puts it away (remembered in
// the browser), its steps ticked as they are done: a selection, a first
// annotation, an export. The steps done are remembered too, so that a reload
// before "Got it" does not ask again for what was done.
const KEY = 'biaozhu:guide';
const STEPS = 'biaozhu:guide-steps';
const ORDER = ['select', 'label', 'export'];

export class Guide {
  constructor({ store, session }, view) {
    Object.assign(this, { store, session, view });
    this.done = new Set();
    let seen = false;
    try {
      seen = localStorage.getItem(KEY) === 'done';
      for (const step of (localStorage.getItem(STEPS) ?? '').split(',')) if (ORDER.includes(step)) this.done.add(step);
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

  /** Ticks `step` and the steps before it, which it could not have been done without. */
  #tick(step) {
    if (!this.shown || this.done.has(step)) return;
    for (const s of ORDER.slice(0, ORDER.indexOf(step) + 1)) this.done.add(s);
    this.view.render(this.done);
    try {
      localStorage.setItem(STEPS, [...this.done].join(','));
    } catch {
      // Not remembered without localStorage: a reload asks again, which is harmless.
    }
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
