// The project's document list: the project menu, its progress, the filter
// and sort, one row per document, and the open document's status. It draws
// what the projects controller hands it and reports what the person did
// through the `bind*` hooks; it keeps nothing but its elements.
//
// Contract (tests outside the project use it): each row is an element with
// `data-doc` = the document's SHA-256 and `data-status` = new, progress, done
// or skipped; clicking a row opens that document.
import { t } from '../i18n/index.js';

const $ = (id) => document.getElementById(id);
const option = (value, text) => Object.assign(document.createElement('option'), { value, textContent: text });
const el = (tag, className, text) => Object.assign(document.createElement(tag), { className, textContent: text });
/** A document's count of annotations, its unit the catalogue's (drawn by the style sheet after the number). */
const counted = (n) => {
  const span = el('span', 'doc-count', n);
  span.dataset.unit = t('docs.countUnit');
  return span;
};

/** A count with thin-space thousands (not toLocaleString, whose first call loads ICU data: see README, Ready). */
export function grouped(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const STATUS_TEXT = Object.freeze({ new: 'status.new', progress: 'status.progress', done: 'status.done', skipped: 'status.skipped' });

export class DocList {
  /** Draws the project menu: `projects` `[{id, name, size, done}]`, `currentId` selected. */
  renderProjects(projects, currentId) {
    $('project').replaceChildren(
      ...projects.map((p) => option(p.id, t('project.option', { name: p.name, done: p.done, size: p.size }))),
      option('', t('project.new')),
    );
    $('project').value = currentId ?? '';
  }

  /**
   * Draws the rows: `rows` `[{sha, name, length, count, status}]` in the order
   * to show (filtered and sorted already), `openSha` marked as the open one;
   * `total` and `done` are the whole project's, for the progress line.
   */
  renderRows(rows, { openSha, total, done, shown }) {
    const items = rows.map((r) => {
      const li = el('li', 'doc');
      li.dataset.doc = r.sha;
      li.dataset.status = r.status;
      li.title = r.name;
      if (r.sha === openSha) li.setAttribute('aria-current', 'true');
      li.append(
        el('span', 'doc-name', r.name),
        el('span', 'doc-length', r.length === null ? '' : t('docs.length', { n: grouped(r.length) })),
        counted(String(r.count ?? 0)),
        el('span', 'doc-status', STATUS_TEXT[r.status] ? t(STATUS_TEXT[r.status]) : r.status),
      );
      return li;
    });
    $('doclist').replaceChildren(...items);
    $('docs-progress').max = Math.max(total, 1);
    $('docs-progress').value = done;
    $('docs-done').textContent = t(shown < total ? 'docs.doneShown' : 'docs.done', { done, total, shown });
    $('docs-empty').hidden = total > 0;
    items.find((li) => li.dataset.doc === openSha)?.scrollIntoView({ block: 'nearest' });
  }

  /** Marks the open document's row (no redraw of the list: a switch in a long project must stay quick). */
  setCurrent(sha) {
    for (const li of $('doclist').querySelectorAll('li[aria-current]')) li.removeAttribute('aria-current');
    const li = [...$('doclist').children].find((r) => r.dataset.doc === sha);
    li?.setAttribute('aria-current', 'true');
    li?.scrollIntoView({ block: 'nearest' });
    return Boolean(li);
  }

  /** The open document's row shows its figures as they are now (no redraw of the list). */
  updateRow(sha, { count, status }) {
    const li = [...$('doclist').children].find((r) => r.dataset.doc === sha);
    if (!li) return;
    if (count !== undefined) li.querySelector('.doc-count').textContent = String(count);
    if (status !== undefined) {
      li.dataset.status = status;
      li.querySelector('.doc-status').textContent = STATUS_TEXT[status] ? t(STATUS_TEXT[status]) : status;
    }
  }

  /** The status menu shows the open document's status (disabled when it is in no project). */
  setOpenStatus(status) {
    $('doc-status').disabled = status === null;
    $('doc-status').value = status ?? 'new';
  }

  /** Reports a click on a row: `handler(sha)`. */
  bindRows(handler) {
    $('doclist').addEventListener('click', (e) => {
      const li = e.target.closest('li[data-doc]');
      if (li) handler(li.dataset.doc);
    });
  }

  /** Reports the filter text, the status shown and the sort order: `handler({text, status, sort})`. */
  bindView(handler) {
    const report = () => handler({ text: $('docs-filter').value, status: $('docs-status').value, sort: $('docs-sort').value });
    $('docs-filter').addEventListener('input', report);
    $('docs-status').addEventListener('change', report);
    $('docs-sort').addEventListener('change', report);
  }

  /** Reports the project chosen (`''` for a new one): `handler(id)`. */
  bindProject(handler) {
    $('project').addEventListener('change', (e) => handler(e.target.value));
  }

  /** Reports the status chosen for the open document, and "done, next". */
  bindStatus(handler, doneNext) {
    $('doc-status').addEventListener('change', (e) => handler(e.target.value));
    $('doc-done-next').addEventListener('click', () => doneNext());
  }

  /** Reports "Export project" with whether only the documents done are wanted: `handler(onlyDone)`. */
  bindExport(handler) {
    $('export-project').addEventListener('click', () => handler($('export-done-only').checked));
  }

  exportDoneOnly() {
    return $('export-done-only').checked;
  }

  /** Reports the files of a folder chosen with "Add folder…", each named by its path in the folder. */
  bindFolder(handler) {
    const input = $('open-folder');
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])].map((f) =>
        f.webkitRelativePath ? new File([f], f.webkitRelativePath, { type: f.type, lastModified: f.lastModified }) : f,
      );
      input.value = '';
      if (files.length) handler(files);
    });
  }

  bindRename(handler) {
    $('project-rename').addEventListener('click', () => handler());
  }

  /** Asks for a name (a new project's, or a new name): the text, or null when cancelled. */
  askName(message, value) {
    const answer = window.prompt(message, value);
    return answer === null ? null : answer.trim() || null;
  }
}
