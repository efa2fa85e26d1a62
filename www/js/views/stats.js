// The label statistics dialog: a bar a label for the open document and for the
// whole project, and each label's most frequent strings. Drawn from the rows
// it is handed (label-stats.js `statsRows`).
import { tint } from './tint.js';
import { t } from '../i18n/index.js';

const $ = (id) => document.getElementById(id);

export class StatsView {
  /** `doc` and `project` rows (`project` null while it is being read, or without storage), `names` of the two. */
  render({ doc, project, docName, projectName }) {
    $('stats-doc-title').textContent = docName;
    $('stats-doc').replaceChildren(...this.#bars(doc));
    $('stats-project-title').textContent = projectName;
    $('stats-project').replaceChildren(...(project ? this.#bars(project) : [this.#note(t('stats.reading'))]));
    $('stats-top').replaceChildren(...this.#top(project ?? doc));
  }

  #note(text) {
    return Object.assign(document.createElement('p'), { className: 'muted', textContent: text });
  }

  #bars(rows) {
    const max = Math.max(1, ...rows.map((r) => r.count));
    return rows.map((r) => {
      const row = document.createElement('div');
      row.className = 'stat-row';
      row.dataset.label = r.id;
      const name = Object.assign(document.createElement('span'), { className: 'stat-name', textContent: r.name });
      const bar = document.createElement('span');
      bar.className = 'stat-bar';
      bar.style.width = `${(100 * r.count) / max}%`;
      bar.style.backgroundColor = tint(r.color, 1);
      const track = Object.assign(document.createElement('span'), { className: 'stat-track' });
      track.append(bar);
      const n = Object.assign(document.createElement('span'), { className: 'stat-count', textContent: String(r.count) });
      row.append(name, track, n);
      return row;
    });
  }

  #top(rows) {
    return rows
      .filter((r) => r.top.length)
      .flatMap((r) => {
        const dt = Object.assign(document.createElement('dt'), { textContent: r.name });
        const dd = document.createElement('dd');
        dd.dataset.label = r.id;
        dd.textContent = r.top.map(([s, n]) => t('stats.times', { s, n })).join('　');
        return [dt, dd];
      });
  }

  bindOpen(handler) {
    $('stats-button').addEventListener('click', () => handler());
  }
}
