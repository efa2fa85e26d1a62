// The review dialog: the figures of the open document against another
// annotator's file, the disagreements listed, the current one shown in both
// versions with what can be kept of it. Drawn from what it is handed; what
// the person does goes to the handlers (controllers/review.js).
import { t } from '../i18n/index.js';

import { el, figure, tableHead } from './table.js';

const $ = (id) => document.getElementById(id);
const CHOICE_TEXT = {
  mine: 'review.choice.mine',
  theirs: 'review.choice.theirs',
  both: 'review.choice.both',
  neither: 'review.choice.neither',
};
const KIND_TEXT = {
  missing: 'review.kind.missing',
  extra: 'review.kind.extra',
  label: 'review.kind.label',
  boundary: 'review.kind.boundary',
  both: 'review.kind.both',
};

/** One side's span as a person reads it: 「quote」 LABEL start–end. */
const spanText = (s) => (s ? `「${s.quote}」 ${s.label} ${s.start}–${s.end}` : t('review.nothing'));

export class ReviewView {
  /** `shown`: null before a file is chosen, else `{sides, report, choices, at}`. */
  render({ name, error, shown }) {
    $('review-doc').textContent = name;
    $('review-error').textContent = error;
    $('review-error').hidden = !error;
    $('review-result').hidden = !shown;
    if (!shown) return;
    const { sides, report, choices, at } = shown;
    $('review-theirs').textContent = sides[1].name;
    $('review-figures').replaceChildren(
      tableHead(['label', 'precision', 'recall', 'f1', 'kappa', 'mine', 'theirs'].map((h) => t(`review.col.${h}`))),
      ...this.#rows(report),
    );
    const c = report.disagreements;
    $('review-counts').textContent = t('review.counts', {
      n: choices.length,
      missing: c.missing,
      extra: c.extra,
      label: c.label,
      boundary: c.boundary,
      both: c.both,
    });
    $('review-list').replaceChildren(
      ...report.diff.map((d, i) => {
        const li = el('li', {
          textContent: t('review.row', {
            kind: t(KIND_TEXT[d.kind]),
            span: spanText(d.reference ?? d.candidate),
            choice: t(CHOICE_TEXT[choices[i]]),
          }),
        });
        li.dataset.index = String(i);
        li.dataset.choice = choices[i];
        if (i === at) li.setAttribute('aria-current', 'true');
        return li;
      }),
    );
    const d = report.diff[at];
    $('review-current').hidden = !d;
    $('review-apply').textContent = t(choices.length ? 'review.apply' : 'review.nothingToSettle');
    $('review-apply').disabled = !choices.length;
    if (!d) return;
    $('review-position').textContent = t('review.position', { at: at + 1, n: choices.length, kind: t(KIND_TEXT[d.kind]) });
    $('review-mine').textContent = spanText(d.reference);
    $('review-their-span').textContent = spanText(d.candidate);
    for (const b of $('review-choices').querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.value === choices[at]));
    $('review-list').children[at]?.scrollIntoView({ block: 'nearest' });
  }

  #rows(report) {
    const row = (name, f, kappa) => {
      const tr = el('tr');
      tr.dataset.label = name;
      tr.append(el('th', { scope: 'row', textContent: name }));
      for (const v of [figure(f.precision), figure(f.recall), figure(f.f1), kappa, String(f.reference), String(f.candidate)]) {
        tr.append(el('td', { textContent: v }));
      }
      return tr;
    };
    const labels = Object.entries(report.labels).map(([name, f]) => row(name, f, ''));
    return [el('tbody', {}, ...labels, row(t('review.allLabels'), report.overall, figure(report.overall.kappa)))];
  }

  close() {
    $('review-dialog').close();
  }

  bindOpen(handler) {
    $('review-button').addEventListener('click', () => handler());
  }

  /** `{files(list), step(by), go(i), choose(name), apply()}`. */
  bindHandlers(h) {
    const input = $('review-file');
    input.addEventListener('change', () => {
      if (input.files?.length) h.files([...input.files]);
      input.value = '';
    });
    $('review-list').addEventListener('click', (e) => {
      const li = e.target.closest('li[data-index]');
      if (li) h.go(Number(li.dataset.index));
    });
    $('review-choices').addEventListener('click', (e) => {
      const b = e.target.closest('button[value]');
      if (b) h.choose(b.value);
    });
    $('review-apply').addEventListener('click', () => h.apply());
    const keys = { m: 'mine', t: 'theirs', b: 'both', x: 'neither' };
    $('review-dialog').addEventListener('keydown', (e) => {
      if (e.target.tagName === 'INPUT' || e.ctrlKey || e.metaKey || e.altKey || $('review-result').hidden) return;
      const step = { n: 1, ArrowDown: 1, p: -1, ArrowUp: -1 }[e.key];
      if (step) h.step(step);
      else if (keys[e.key]) h.choose(keys[e.key]);
      else return;
      e.preventDefault();
    });
  }
}
