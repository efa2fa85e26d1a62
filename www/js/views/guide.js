// The first-visit guide at the top of the side panel: three steps (drag over
// words, press a label key, export), each ticked as the person does it, and a
// button that puts it away. Drawn from what it is handed.

const $ = (id) => document.getElementById(id);

export class GuideView {
  /** Shows the steps, `done` the set of those done ('select', 'label', 'export'), or hides the guide for null. */
  render(done) {
    const box = $('guide');
    box.hidden = !done;
    if (!done) return;
    for (const li of box.querySelectorAll('li[data-step]')) li.classList.toggle('done', done.has(li.dataset.step));
  }

  bindDismiss(handler) {
    $('guide-close').addEventListener('click', () => handler());
  }
}
