// The project's review: the annotators' layers (other people's files of the
// project's documents), their agreement per label and per document, and the
// bar of the adjudication in the text (the disagreement being settled, both
// sides, the keys). Drawn from what it is handed; what the person does goes
// to the handlers (controllers/project-review.js).

import { el, figure, tableHead } from './table.js';
import { KEYMAP } from '../keymap.js';
import { t } from '../i18n/index.js';

const $ = (id) => document.getElementById(id);

// Every string a person reads, from the page's catalogue (js/i18n), in one place.
const TEXT = {
  get noLayers() {
    return t('layers.noLayers');
  },
  get oneLayer() {
    return t('layers.oneLayer');
  },
  layerRow: (name, n) => t('layers.row', { name, n }),
  get remove() {
    return t('layers.remove');
  },
  get review() {
    return t('layers.review');
  },
  get allLabels() {
    return t('review.allLabels');
  },
  get figuresHead() {
    return ['label', 'p', 'r', 'f1', 'pOverlap', 'rOverlap', 'f1Overlap', 'kappa', 'uAlpha'].map((h) => t(`layers.col.${h}`));
  },
  get docsHead() {
    return ['document', 'f1', 'kappa', 'disagreements', 'settle'].map((h) => t(`layers.doccol.${h}`));
  },
  against: (a, b, n) => t('layers.against', { a, b, n }),
  counts: (c) => t('layers.counts', { ...c }),
  multi: (n, k, a) => t('layers.multi', { n, k, a }),
  notInProject: (layer, names) => t('layers.notInProject', { layer, names }),
  notInLayer: (layer, names) => t('layers.notInLayer', { layer, names }),
  kind: (kind) => t(`layers.kind.${kind}`),
  kept: (kept) => t(`layers.kept.${kept}`),
  get nothing() {
    return t('review.nothing');
  },
  get none() {
    return t('layers.none');
  },
  position: (i, n, kind) => t('layers.position', { i, n, kind }),
};

/** A precision, recall or F1 of `f` (agree.rs `Prf`): none when neither side has a span, as κ has none then (not 0, which reads as no agreement). */
const score = (f, key) => (f.reference || f.candidate ? figure(f[key]) : figure(null));

/** One side's span as a person reads it: 「quote」 LABEL start–end. */
const spanText = (s) => (s ? `「${s.quote}」 ${s.label} ${s.start}–${s.end}` : TEXT.nothing);

export class ProjectReviewView {
  /** `layers`: `[{name, docs}]`; `report`: agreeProject's, or null; `problems`: `[{kind, layer, names}]`, documents one side lacks; `error`. */
  render({ project, layers, report, problems, error }) {
    $('layers-project').textContent = project;
    $('layers-error').textContent = error;
    $('layers-error').hidden = !error;
    $('layers-list').replaceChildren(
      ...layers.map((l) => {
        const li = el('li', {}, el('span', { textContent: TEXT.layerRow(l.name, l.docs.length) }), ' ');
        li.dataset.layer = l.name;
        const b = el('button', { type: 'button', textContent: TEXT.remove });
        b.dataset.remove = l.name;
        li.append(b);
        return li;
      }),
    );
    $('layers-state').textContent = layers.length === 0 ? TEXT.noLayers : layers.length === 1 ? TEXT.oneLayer : '';
    $('layers-problems').replaceChildren(...problems.map((p) => el('li', { textContent: TEXT[p.kind](p.layer, p.names.join(', ')) })));
    $('layers-result').hidden = !report;
    if (!report) return;
    const [a, b] = report.annotators;
    $('layers-against').textContent = TEXT.against(a, b, report.documents);
    $('layers-figures').replaceChildren(tableHead(TEXT.figuresHead), this.#figures(report));
    $('layers-counts').textContent = TEXT.counts(report.disagreements);
    const o = report.overall;
    $('layers-multi').hidden = report.annotators.length < 3;
    $('layers-multi').textContent = TEXT.multi(report.annotators.length, figure(o.fleiss_kappa), figure(o.alpha));
    $('layers-documents').replaceChildren(tableHead(TEXT.docsHead), this.#documents(report.per_document));
  }

  #figures(report) {
    const row = (name, f, kappa) => {
      const tr = el('tr');
      tr.dataset.label = name;
      tr.append(el('th', { scope: 'row', textContent: name }));
      const o = f.overlap;
      for (const [x, key] of [f, o].flatMap((x) => ['precision', 'recall', 'f1'].map((k) => [x, k])))
        tr.append(el('td', { textContent: score(x, key) }));
      tr.append(el('td', { textContent: kappa }), el('td', { textContent: figure(f.u_alpha) }));
      return tr;
    };
    const labels = Object.entries(report.labels).map(([name, f]) => row(name, f, ''));
    return el('tbody', {}, ...labels, row(TEXT.allLabels, report.overall, figure(report.overall.kappa)));
  }

  #documents(docs) {
    return el(
      'tbody',
      {},
      ...docs.map((d) => {
        const tr = el('tr');
        tr.dataset.sha = d.sha256;
        const c = d.disagreements;
        const n = c.missing + c.extra + c.label + c.boundary + c.both;
        tr.append(el('th', { scope: 'row', textContent: d.document }));
        for (const v of [score(d.overall, 'f1'), figure(d.overall.kappa), String(n)]) tr.append(el('td', { textContent: v }));
        const b = el('button', { type: 'button', textContent: TEXT.review });
        b.dataset.review = d.sha256;
        tr.append(el('td', {}, b));
        return tr;
      }),
    );
  }

  /** The adjudication bar: null hides it, else `{names: [a, b], diff, at, kept}` (`kept[i]`: mine, theirs, both, neither or open). */
  renderBar(shown) {
    const bar = $('adjudicate-bar');
    bar.hidden = !shown;
    if (!shown) return;
    const { names, diff, at, kept } = shown;
    $('adjudicate-names').textContent = `${names[0]} / ${names[1]}`;
    const d = diff[at];
    $('adjudicate-current').hidden = !d;
    $('adjudicate-none').hidden = Boolean(d);
    $('adjudicate-none').textContent = TEXT.none;
    if (!d) return;
    $('adjudicate-position').textContent = TEXT.position(at + 1, diff.length, TEXT.kind(d.kind));
    $('adjudicate-first').textContent = spanText(d.reference);
    $('adjudicate-second').textContent = spanText(d.candidate);
    $('adjudicate-kept').textContent = TEXT.kept(kept[at]);
    $('adjudicate-kept').dataset.kept = kept[at];
    $('adjudicate-progress').textContent = `${kept.filter((k) => k !== 'open').length}/${diff.length}`;
  }

  close() {
    $('layers-dialog').close();
  }

  /** The annotator's name typed in the dialog (empty: the files name it). */
  annotatorName() {
    return $('layers-annotator').value.trim();
  }

  bindOpen(handler) {
    $('layers-button').addEventListener('click', () => handler());
  }

  /**
   * `{files(list), remove(name), review(sha), step(by), choose(name), stop()}`;
   * `active()` says whether the adjudication has the keys (n/p, m/t/b/x).
   */
  bindHandlers(h, active) {
    const input = $('layers-file');
    input.addEventListener('change', () => {
      if (input.files?.length) h.files([...input.files]);
      input.value = '';
    });
    $('layers-list').addEventListener('click', (e) => {
      const b = e.target.closest('button[data-remove]');
      if (b) h.remove(b.dataset.remove);
    });
    $('layers-documents').addEventListener('click', (e) => {
      const b = e.target.closest('button[data-review]');
      if (b) h.review(b.dataset.review);
    });
    $('adjudicate-choices').addEventListener('click', (e) => {
      const b = e.target.closest('button[value]');
      if (b) h.choose(b.value);
    });
    $('adjudicate-prev').addEventListener('click', () => h.step(-1));
    $('adjudicate-next').addEventListener('click', () => h.step(1));
    $('adjudicate-stop').addEventListener('click', () => h.stop());
    // Captured before the page's keys (controllers/keys.js): while a document is reviewed the key table's
    // review rows (keymap.js) settle and step.
    const rows = KEYMAP.filter((row) => row.context === 'review');
    document.addEventListener(
      'keydown',
      (e) => {
        if (!active() || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
        if (e.target.closest?.('input, textarea, select')) return;
        const row = rows.find((r) => r.match({ key: e.key }));
        if (!row) return;
        if (row.step) h.step(row.step);
        else h.choose(row.choice);
        e.preventDefault();
        e.stopImmediatePropagation();
      },
      { capture: true },
    );
  }
}
