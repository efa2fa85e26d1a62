// Wiring: makes the store, the views and the controllers, connects what the
// views report to the controllers, and opens the first text. See
// ARCHITECTURE.md for the parts and what each may touch.
import { SAMPLE, sampleResponse } from './boot.js';
import { loadCore, Segmentation } from './engine.js';
import { decodeBytes, FORMATS } from './io.js';
import { Store } from './store.js';
import { run } from './commands/run.js';
import * as select from './commands/select.js';
import * as edit from './commands/edit.js';
import { TextView } from './views/text-view.js';
import { MarksLayer } from './views/layers/marks.js';
import { WordsLayer } from './views/layers/words.js';
import { RelationsLayer } from './views/layers/relations.js';
import { SidePanel } from './views/side-panel.js';
import { Chrome } from './views/chrome.js';
import { Presenter } from './controllers/present.js';
import { Documents } from './controllers/documents.js';
import { Persistence } from './controllers/persistence.js';
import { Files } from './controllers/files.js';
import { Projects } from './controllers/projects.js';
import { Corpus } from './controllers/corpus.js';
import { DocList } from './views/doc-list.js';
import { addressedDoc, bindAddress, showDoc } from './views/address.js';
import { keyHandler } from './controllers/keys.js';
import { pointerHandlers } from './controllers/pointer.js';
import { Search } from './controllers/search.js';
import { SearchLayer } from './views/layers/search.js';
import { SuggestionsLayer } from './views/layers/suggestions.js';
import { SuggestDialog } from './views/suggest-dialog.js';
import { Suggestions } from './controllers/suggestions.js';
import { SearchBar } from './views/search-bar.js';
import { ProjectSearch } from './controllers/project-search.js';
import { Details } from './controllers/details.js';
import { DetailsPanel } from './views/details.js';
import { SchemeEditing } from './controllers/scheme.js';
import { SchemeEditor } from './views/scheme-editor.js';
import { Stats } from './controllers/stats.js';
import { StatsView } from './views/stats.js';
import { Review } from './controllers/review.js';
import { ReviewView } from './views/review.js';
import { ProjectReview } from './controllers/project-review.js';
import { ProjectReviewView } from './views/project-review.js';
import { DisagreementsLayer } from './views/layers/disagreements.js';
import { Guide } from './controllers/guide.js';
import { GuideView } from './views/guide.js';
import { bindNarrowLayout } from './views/narrow.js';
import { bindTouch } from './views/touch.js';
import { announceCaret } from './controllers/announce.js';
import { liveRegion } from './views/announcer.js';
import { applyStatic, locale, onLocale, setLocale, t } from './i18n/index.js';
import { renderHelp } from './views/help.js';
// Imported by engine.js and the views; named here too so that they are fetched
// with the modules above rather than after them, a round trip later (index.html
// has no modulepreload: see there).
import '../pkg/biaozhu.js';
import './drag-select.js';

// index.html is written in Chinese (scripts/prerender.mjs); in English the page switches here, before the
// core has loaded, so before anything can be done with it.
applyStatic();
renderHelp();
// Made before anything else reads the page: the chrome notes which sample index.html holds.
const chrome = new Chrome();
const text = new TextView();
const marks = text.addLayer(new MarksLayer());
const words = text.addLayer(new WordsLayer());
const searchLayer = text.addLayer(new SearchLayer());
const suggestLayer = text.addLayer(new SuggestionsLayer());
const arcs = text.addLayer(new RelationsLayer());
const disagreements = text.addLayer(new DisagreementsLayer());
const side = new SidePanel();
bindNarrowLayout();

const store = new Store();
/** The open document: its adapter (anchor.js), model, name, encoding, bytes as read, words, hash. */
const session = { doc: null, model: null, name: '', encoding: 'UTF-8', bytes: null, words: null, sha: '' };
const present = new Presenter(store, session, { text, marks, arcs, side, chrome });
announceCaret(store, session, liveRegion());
const details = new Details({ store, session }, new DetailsPanel());
present.followers.push(() => details.refresh());

let documents = null;
let files = null;
const docList = new DocList();
const persistence = new Persistence({
  store,
  session,
  chrome,
  reopen: (rec) => documents.open({ name: rec.name, text: rec.text, encoding: rec.encoding ?? 'UTF-8', bytes: rec.bytes }),
  exportNow: () => files.exportNativeFile(),
  hooks: {
    labels: () => projects.labels,
    scheme: () => projects.scheme,
    stored: () => projects.opened().then(() => suggestions.opened()),
    changed: (change) => {
      projects.changed(change);
      suggestions.changed(change);
    },
  },
});
const projects = new Projects({
  store,
  session,
  view: docList,
  address: { showDoc },
  open: (sha) => persistence.openStored(sha),
  chrome,
  saveFailed: (e) => persistence.failed(e),
});
const segmenter = new Segmentation((s) => documents.dictionaryState(s));
const suggestions = new Suggestions(
  { store, session, segmenter, projects },
  { layer: suggestLayer, dialog: new SuggestDialog(), words, chrome },
);
projects.onProject = () => suggestions.projectOpened();
projects.onSuggestTaken = (before) => suggestions.taken(before);
documents = new Documents({ store, session, views: { text, words, chrome }, present, persistence, segmenter });
documents.onLeave = projects.onLeaveProject = () => suggestions.left();
const decoder = { core: null, segmenter };
files = new Files({ store, session, chrome, documents, decoder });
const corpus = new Corpus({ store, session, chrome, documents, projects, decoder, takeSuggestions: (r) => suggestions.take(r) });
const search = new Search(
  { store, session, project: new ProjectSearch({ session, projects, chrome }), open: (sha) => projects.open(sha) },
  { text, layer: searchLayer, bar: new SearchBar() },
);
const schemeEditing = new SchemeEditing({ session, decoder }, { editor: new SchemeEditor(), chrome });
present.followers.push(() => schemeEditing.refresh());
new Stats({ session, projects }, { view: new StatsView(), chrome });
new Review({ store, session, decoder, corpus }, { view: new ReviewView(), chrome });
const projectReview = new ProjectReview(
  { store, session, decoder, projects, corpus },
  { view: new ProjectReviewView(), chrome, text, layer: disagreements },
);
present.followers.push(() => projectReview.refresh());
const guide = new Guide({ store, session }, new GuideView());
present.followers.push(() => guide.modelChanged());
files.corpus = corpus;

/** Runs a command against the open document's model. */
const exec = (command, args) => session.model && run(store, session.model, command(store.state, session.doc, session.model, args));

function wire() {
  const pointer = pointerHandlers({ store, session, text });
  text.bindTextMouseUp(pointer.mouseUp);
  text.bindDoubleClick(pointer.doubleClick);
  bindTouch(text, pointer);
  text.bindHover(pointer.hover);
  text.bindResize(() => text.invalidateLayout());
  side.bindList(pointer.listClick, (id) => pointer.relationClick(id, { scroll: true }));
  side.bindListKeys((list, step) => pointer.listStep(list, step));
  arcs.bindPick((id) => pointer.relationClick(id));
  arcs.bindLinkDrag(pointer.linkDragged);
  chrome.bindKeys(
    keyHandler(
      { store, session },
      {
        exportChosen: () => files.exportChosen().then((done) => done && guide.exported()),
        open: () => chrome.chooseFile(),
        exportProject: () => corpus.exportProject(docList.exportDoneOnly()),
        nextDocument: (step) => projects.go(step),
        doneNext: () => projects.doneNext(),
        help: () => chrome.openDialog('help'),
        search,
        details,
        suggestions,
      },
    ),
  );
  docList.bindRows((sha) => sha !== session.sha && projects.open(sha));
  docList.bindView((filter) => projects.setFilter(filter));
  docList.bindProject((id) => projects.choose(id));
  docList.bindStatus(
    (status) => projects.setStatus(status),
    () => projects.doneNext(),
  );
  docList.bindRename(() => projects.rename());
  docList.bindExport((onlyDone) => corpus.exportProject(onlyDone));
  docList.bindFolder((list) => corpus.addFiles(list));
  bindAddress((sha) => projects.addressed(sha));
  chrome.bindLabelBar(({ label, edit: editing }) => (editing ? schemeEditing.open() : exec(edit.label, label)));
  chrome.bindButton('undo', () => suggestions.undoReject() || exec(edit.undo));
  chrome.bindButton('redo', () => suggestions.redoReject() || exec(edit.redo));
  chrome.bindButton('export', () => files.exportChosen().then((done) => done && guide.exported()));
  chrome.renderFormats(FORMATS);
  chrome.bindButton('exact', () => run(store, session.model, select.toggleExact(store.state)));
  chrome.bindButton('widen', () => exec(select.widen));
  chrome.bindButton('help-button', () => chrome.openDialog('help'));
  chrome.bindOpen((list) => files.open(list));
  chrome.bindDrop((list) => files.open(list));
  chrome.bindPaste((pasted) => files.paste(pasted));
  chrome.bindRecent((sha) => persistence.openStored(sha));
  chrome.bindCancel(() => documents.cancel());
  chrome.bindEncoding((label) => files.chooseEncoding(label));
  chrome.bindLocale(locale(), setLocale);
  onLocale(() => {
    applyStatic();
    renderHelp();
    chrome.relocalise();
    // What the store and the project drew is drawn again: the status line, the documents, the details.
    documents.relocalise();
    store.set({ status: store.state.status && { ...store.state.status }, hint: '' });
    projects.render();
    details.refresh();
  });
  chrome.bindLeaving(() => {
    persistence.leaving();
    projects.flush();
  });
  chrome.bindBeforeLeaving(() => persistence.mustAskBeforeUnload());
}

async function start() {
  wire();
  chrome.setStatus(t('status.loading'));
  // Opening the database can take longer than the core on a fresh profile;
  // the sample's text need not wait for it (a document's restore does, before it reads saved work).
  persistence.open();
  const core = await loadCore();
  documents.core = core;
  decoder.core = core;
  chrome.renderEncodings(core.encodingLabels());
  const projectsRead = persistence.storageReady.then((storage) => projects.start(storage));
  // With ?sample the sample opens (boot.js has fetched it), whatever was open last; else the document the
  // address names, else the project's last.
  let last = null;
  if (!sampleResponse) {
    await projectsRead;
    last = await persistence.last(await projects.firstDoc(addressedDoc()));
  }
  if (last) {
    segmenter.prefetch(last.text);
    await documents.open({ name: last.name, text: last.text, encoding: last.encoding ?? 'UTF-8', bytes: last.bytes });
    return;
  }
  const response = await (sampleResponse ?? fetch(SAMPLE.url));
  if (!response.ok) throw new Error(`the sample article could not be loaded (HTTP ${response.status})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const { text: sample, encoding } = await decodeBytes(bytes, decoder);
  // Asked for now, the words come while the text is laid out.
  segmenter.prefetch(sample);
  await documents.open({ name: SAMPLE.name, text: sample, encoding });
}

start().catch((e) => {
  chrome.showBanner(t('start.failed', { message: e.message }));
  chrome.setState('failed');
  console.error(e);
});
