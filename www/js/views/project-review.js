// The project's review: the annotators' layers (other people's files of the
// project's documents), their agreement per label and per document, and the
// bar of the adjudication in the text (the disagreement being settled, both
// sides, the keys). Drawn from what it is handed; what the person does goes
// to the handlers (controllers/project-review.js).

import { el, figure, tableHead } from './table.js';

const $ = (id) => document.getElementById(id);

// Every string a person reads, in one place for the translation (issue 19).
const TEXT = {
  noLayers: 'No annotator’s layer yet: choose the files of one annotator.',
  oneLayer: 'One layer: add a second annotator’s files to compare them.',
  layerRow: (name, n) => `${name}: ${n} documents`,
  remove: 'Remove',
  review: 'Review',
  allLabels: 'All labels',
  figuresHead: ['Label', 'P', 'R', 'F1', 'P overlap', 'R overlap', 'F1 overlap', 'κ', 'uα'],
  docsHead: ['Document', 'F1', 'κ', 'Disagreements', 'Settle them'],
  against: (a, b, n) =>
    `${b} measured against ${a}, exact and overlapping spans, κ over characters, Krippendorff’s unitizing α of all layers, over the ${n} documents every layer has.`,
  counts: (c) =>
    `Disagreements: ${c.missing} only in the first, ${c.extra} only in the second, ${c.label} label differs, ${c.boundary} boundary differs, ${c.both} both differ.`,
  multi: (n, k, a) => `All ${n} layers: Fleiss’ κ ${k}, Krippendorff’s α ${a} (nominal, over characters).`,
  notInProject: (layer, names) => `${layer} has documents this project lacks (left out): ${names}.`,
  notInLayer: (layer, names) => `${layer} lacks documents of this project: ${names}.`,
  kinds: {
    missing: 'only in the first',
    extra: 'only in the second',
    label: 'label differs',
    boundary: 'boundary differs',
    both: 'label and boundary differ',
  },
  position: (i, n, kind) => `Disagreement ${i} of ${n}: ${kind}`,
  kept: { mine: 'kept: first', theirs: 'kept: second', both: 'kept: both', neither: 'kept: neither', open: 'not settled' },
  nothing: 'nothing',
  none: 'No disagreement in this document: its annotations are the agreed ones.',
};

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
      for (const v of [f.precision, f.recall, f.f1, o.precision, o.recall, o.f1]) tr.append(el('td', { textContent: figure(v) }));
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
        for (const v of [figure(d.overall.f1), figure(d.overall.kappa), String(n)]) tr.append(el('td', { textContent: v }));
        const b = el('button', { type: 'button', textContent: TEXT.review });
        b.dataset.review = d.sha256;
        tr.append(el('td', {}, b));
        return tr;
      }),
    );
  }

  /** The adjudication bar: null hides it, else `{names: [a, b], diff, at, kept}` (`kept[i]`: a key of TEXT.kept). */
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
    $('adjudicate-position').textContent = TEXT.position(at + 1, diff.length, TEXT.kinds[d.kind]);
    $('adjudicate-first').textContent = spanText(d.reference);
    $('adjudicate-second').textContent = spanText(d.candidate);
    $('adjudicate-kept').textContent = TEXT.kept[kept[at]];
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
    const choices = { m: 'mine', t: 'theirs', b: 'both', x: 'neither' };
    // Captured before the page's keys (controllers/keys.js): while a document is reviewed these letters settle and step.
    document.addEventListener(
      'keydown',
      (e) => {
        if (!active() || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
        if (e.target.closest?.('input, textarea, select')) return;
        const step = { n: 1, p: -1 }[e.key];
        if (step) h.step(step);
        else if (choices[e.key]) h.choose(choices[e.key]);
        else return;
        e.preventDefault();
        e.stopImmediatePropagation();
      },
      { capture: true },
    );
  }
}
