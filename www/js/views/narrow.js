// The page on a narrow screen (style.css, max-width 900 and 700 px): the
// documents panel and the annotation list are drawers, opened and closed by
// their toggles in the toolbar, and the toolbar keeps its everyday buttons on
// one line, the rest behind "more". Only how the page is laid out changes
// here; nothing of the document or the model.

const root = document.documentElement;

/** Opens the drawer `name` ('docs', 'side'), or closes the open one with null. */
export function openDrawer(name) {
  if (name) root.dataset.drawer = name;
  else delete root.dataset.drawer;
  for (const toggle of document.querySelectorAll('button[data-drawer]')) {
    toggle.setAttribute('aria-expanded', String(toggle.dataset.drawer === name));
  }
}

export function bindNarrowLayout() {
  for (const toggle of document.querySelectorAll('button[data-drawer]')) {
    toggle.addEventListener('click', () => {
      const name = toggle.dataset.drawer;
      openDrawer(root.dataset.drawer === name ? null : name);
      // The drawer's content is where the keyboard goes, and back to the toggle when it closes.
      if (root.dataset.drawer === name) document.getElementById(toggle.getAttribute('aria-controls'))?.focus({ preventScroll: true });
    });
  }
  document.getElementById('drawer-backdrop')?.addEventListener('click', () => openDrawer(null));
  // A document chosen in the drawer is opened in the text: the drawer has done its work.
  document.getElementById('doclist')?.addEventListener('click', () => {
    if (root.dataset.drawer === 'docs') openDrawer(null);
  });
  const more = document.getElementById('toolbar-more');
  const expand = (expanded) => {
    more.closest('.toolbar').classList.toggle('expanded', expanded);
    more.setAttribute('aria-expanded', String(expanded));
  };
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    // Escape in the toolbar closes what "more" opened, as it closes a drawer: the keyboard goes back to the
    // button. Elsewhere (the text, a dialog, the search bar) Escape is theirs.
    const inToolbar = more?.closest('.toolbar').contains(document.activeElement);
    if (inToolbar && more.getAttribute('aria-expanded') === 'true' && !root.dataset.drawer && !e.defaultPrevented) {
      expand(false);
      more.focus();
      return;
    }
    if (!root.dataset.drawer) return;
    const toggle = document.querySelector(`button[data-drawer="${root.dataset.drawer}"]`);
    openDrawer(null);
    toggle?.focus();
  });
  more?.addEventListener('click', () => expand(more.getAttribute('aria-expanded') !== 'true'));
  // Wider again (a phone turned, a window resized), the drawers are columns: none is "open".
  matchMedia('(max-width: 900px)').addEventListener('change', (e) => {
    if (!e.matches) openDrawer(null);
  });
}
