// Carries out what a command returned: the UI patch first (so that the view
// drops a selection before the model's change is drawn), then the model
// operations in order, then the hint; an operation the model refuses leaves
// its message as the hint, in the page's language (its code, model/rules.js).

import { errorText } from '../i18n/index.js';

/** Applies `result` (`{patch, ops, hint}`, or null: nothing to do) to `store` and `model`. */
export function run(store, model, result) {
  if (!result) return;
  if (result.patch) store.set(result.patch);
  try {
    for (const [method, ...args] of result.ops ?? []) model[method](...args);
  } catch (e) {
    store.set({ hint: errorText(e) });
    return;
  }
  const hint = typeof result.hint === 'function' ? result.hint(model) : result.hint;
  if (hint !== undefined) store.set({ hint });
}
