// Whether the person hid the suggestions (the Suggestions toggle), remembered
// in localStorage so that a next visit keeps them hidden. Without
// localStorage nothing is remembered and they show, which is harmless. No DOM.
const KEY = 'biaozhu:suggestions';

/** Whether the suggestions are to be shown: true unless the person hid them last. */
export function shownBefore() {
  try {
    return localStorage.getItem(KEY) !== 'hidden';
  } catch {
    return true;
  }
}

/** Remembers whether the suggestions are shown. */
export function rememberShown(shown) {
  try {
    localStorage.setItem(KEY, shown ? 'shown' : 'hidden');
  } catch {
    // Not remembered: the next visit shows them.
  }
}
