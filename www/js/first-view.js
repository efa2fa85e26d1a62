// Run before the body is parsed (inline in index.html, by scripts/prerender.mjs): the
// sample article written into index.html (scripts/prerender.mjs) shows in the
// first paint, unless this page will open another document, the one a person
// left open last; that text is not known until the database has opened, so
// controllers/persistence.js notes in localStorage which of the two it was (see `noteOpened`).
(() => {
  let other = false;
  try {
    other = !new URLSearchParams(location.search).has('sample') && localStorage.getItem('biaozhu:opens') === 'other';
  } catch {
    // No localStorage (blocked): the sample shows, and is replaced if another document opens.
  }
  if (other) document.documentElement.dataset.first = 'other';
})();
