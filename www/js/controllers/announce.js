// What a screen reader hears as the caret moves and annotations are picked:
// the annotation under the caret (or the one picked), its label and its text,
// said through a live region (views/announcer.js). A sighted person sees the
// marks; this is the same information for a person who hears the page.
import { t } from '../i18n/index.js';

/**
 * `say(text)` is called with what to announce each time the caret's mark or
 * the pick changes and what is there differs from what was said last ('' when
 * there is no annotation there).
 */
export function announceCaret(store, session, say) {
  let last = '';
  store.subscribe((state, _before, changed) => {
    if (!changed.has('caretMark') && !changed.has('picked')) return;
    const now = describe(state, session);
    if (now === last) return;
    last = now;
    say(now);
  });
}

/** The picked annotation, or those under the caret, each as "label: text", innermost first. */
export function describe(state, { doc, model }) {
  if (!doc || !model) return '';
  const picked = state.picked ? model.byId(state.picked) : null;
  const here = picked ? [picked] : state.caretMark === null || state.caretMark === undefined ? [] : model.at(state.caretMark);
  return here
    .map((a) => {
      const label = model.labelById(a.label)?.name ?? a.label;
      const text = a.fragments?.length ? a.fragments.map(([s, e]) => doc.slice(s, e)).join(' … ') : doc.slice(a.start, a.end);
      return t('announce.one', { label, text });
    })
    .join(t('list.semicolon'));
}
