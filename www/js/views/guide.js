// The first-visit guide at the top of the side panel: three steps (drag over
// words, press a label key, export), each ticked as the person does it, and a
// button that puts it away. Drawn from what it is handed.
//
// On a phone the side panel is a closed sheet, so the guide is a card over the
// bottom of the text instead (moved out of the sheet, whose transform would
// carry it off screen), and on a touch screen its steps say long-press and tap.

import { t } from '../i18n/index.js';

const $ = (id) => document.getElementById(id);
const narrow = matchMedia('(max-width: 700px)');
const touch = matchMedia('(pointer: coarse)');

export class GuideView {
  constructor() {
    this.home = null; // where the guide sits in the side panel: [parent, next sibling]
    for (const query of [narrow, touch]) query.addEventListener('change', () => this.#fit());
  }

  /** Shows the steps, `done` the set of those done ('select', 'label', 'export'), or hides the guide for null. */
  render(done) {
    const box = $('guide');
    box.hidden = !done;
    if (!done) return;
    this.#fit();
    for (const li of box.querySelectorAll('li[data-step]')) li.classList.toggle('done', done.has(li.dataset.step));
  }

  /** The guide where the screen shows it, in the words of its pointer (`data-i18n`, which a change of language reads). */
  #fit() {
    const box = $('guide');
    this.home ??= [box.parentNode, box.nextSibling];
    if (narrow.matches && box.parentNode !== document.body) {
      document.body.append(box);
      box.classList.add('floating');
    } else if (!narrow.matches && box.parentNode === document.body) {
      this.home[0].insertBefore(box, this.home[1]);
      box.classList.remove('floating');
    }
    for (const li of box.querySelectorAll('li[data-step]')) {
      const id = touch.matches ? `guide.${li.dataset.step}.touch` : `guide.${li.dataset.step}`;
      if (li.dataset.i18n !== id) {
        li.dataset.i18n = id;
        li.textContent = t(id);
      }
    }
  }

  bindDismiss(handler) {
    $('guide-close').addEventListener('click', () => handler());
  }
}
