// The address bar: which document is open, as `#doc=SHA-256`, so that Back,
// Forward and a reload return to it, and a link names it. It reads and
// writes the URL and reports Back/Forward; nothing else.

const PREFIX = '#doc=';

/** The SHA-256 the address names, or null. */
export function addressedDoc() {
  const hash = globalThis.location?.hash ?? '';
  const sha = hash.startsWith(PREFIX) ? hash.slice(PREFIX.length) : '';
  return /^[0-9a-f]{64}$/.test(sha) ? sha : null;
}

/**
 * Names `sha` in the address: a new history entry when the person moved to
 * another document (Back returns), else in place (the first document of a
 * visit, or one reached by Back itself).
 */
export function showDoc(sha, { push }) {
  if (addressedDoc() === sha) return;
  const url = `${location.pathname}${location.search}${PREFIX}${sha}`;
  if (push) history.pushState({ doc: sha }, '', url);
  else history.replaceState({ doc: sha }, '', url);
}

/** Calls `handler(sha)` when Back, Forward or an edited address names another document. */
export function bindAddress(handler) {
  const report = () => {
    const sha = addressedDoc();
    if (sha) handler(sha);
  };
  window.addEventListener('popstate', report);
  window.addEventListener('hashchange', report);
}
