// The statistics controller: the label figures of the open document at once,
// and of the whole project once its documents are read from storage.
import { statsRows, tallyDocument } from '../label-stats.js';
import { loadMany } from '../storage-projects.js';
import { modelOfStored } from '../stored-model.js';
import { yieldToUI } from './documents.js';

export class Stats {
  /** `views`: `{view, chrome}` (views/stats.js, views/chrome.js). */
  constructor({ session, projects }, { view, chrome }) {
    Object.assign(this, { session, projects, view, chrome });
    view.bindOpen(() => this.open());
  }

  async open() {
    const { model, doc, name } = this.session;
    if (!model) return;
    const labels = model.labels;
    const docRows = statsRows(tallyDocument(new Map(), doc.text, model.annotations), labels);
    const projectName = this.projects.project?.name ?? '';
    const shown = { doc: docRows, project: null, docName: name, projectName };
    this.view.render(shown);
    this.chrome.openDialog('stats-dialog');
    if (!this.projects.storage) return this.view.render({ ...shown, project: docRows });
    const tally = tallyDocument(new Map(), doc.text, model.annotations);
    const others = this.projects.project.docs.map((d) => d.sha).filter((sha) => sha !== this.session.sha);
    const stored = await loadMany(this.projects.storage, others);
    for (const [i, rec] of [...stored.values()].entries()) {
      if (i % 100 === 99) await yieldToUI();
      if (rec.state) tallyDocument(tally, rec.text, modelOfStored(rec, labels).annotations);
    }
    this.view.render({ ...shown, project: statsRows(tally, this.projects.labels ?? labels) });
  }
}
