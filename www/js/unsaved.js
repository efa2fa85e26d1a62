// Changes a page had not got into storage when it went away.
//
// IndexedDB writes are asynchronous, and a write still under way when the page
// is left (a reload a moment after an undo) may never land. localStorage is
// written synchronously, so the page keeps what autosave has not confirmed
// there as it goes (pagehide, or hidden), and the next page that opens the
// document takes it back, but only if storage does not already hold it or
// something newer: every autosave write names its writer, a tab and how many
// changes it had recorded (autosave.js), and the leftovers name the same.

const PREFIX = 'biaozhu:unsaved:';

// Reading `localStorage` itself throws where the browser forbids it (blocked
// cookies, some sandboxes), so it is read inside each function's try: a page
// without it only loses this safety net, never its start.
const local = () => globalThis.localStorage;

/**
 * Keeps `unwritten` (what `Autosave.unwritten()` gave) for document `sha`.
 * Returns whether it could (localStorage may be full, or refused).
 */
export function keepUnsaved(sha, unwritten, store = null) {
  try {
    (store ?? local()).setItem(PREFIX + sha, JSON.stringify(unwritten));
    return true;
  } catch {
    return false;
  }
}

/** Forgets what was kept for `sha` (it has reached storage since). */
export function dropUnsaved(sha, store = null) {
  try {
    (store ?? local()).removeItem(PREFIX + sha);
  } catch {
    // Nothing kept, or no localStorage: nothing to forget.
  }
}

/**
 * Whether leftovers written by `left` are newer than what storage holds, last
 * written by `stored` (null: nothing, or written before writers were named).
 * Another tab's write after them wins: it was made knowing nothing of them.
 */
export function isNewer(left, stored) {
  if (!left || typeof left.tab !== 'string' || !Number.isFinite(left.v)) return false;
  if (stored === null || stored === undefined) return true;
  return stored.tab === left.tab && stored.v < left.v;
}

/**
 * Takes (and forgets) what a page kept for `sha`: `{state, history}` when it
 * is newer than storage's `stored` writer, else null.
 */
export function takeUnsaved(sha, stored, store = null) {
  let kept;
  try {
    const where = store ?? local();
    const raw = where.getItem(PREFIX + sha);
    if (raw === null) return null;
    where.removeItem(PREFIX + sha);
    kept = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!kept?.state || !isNewer(kept.writer, stored)) return null;
  return { state: kept.state, history: kept.history ?? null };
}
