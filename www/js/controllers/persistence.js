// Persistence: the database, restoring a document's saved work when it
// opens, autosaving its changes (autosave.js), other tabs on the same
// document (BroadcastChannel), what a page going away had not written
// (unsaved.js), and the Recent menu. No DOM: the chrome offers what it needs.
import { openStorage } from '../storage.js';
import { Autosave } from '../autosave.js';
import { AnnotationModel, repairSaved } from '../model.js';
import { DEFAULT_LABELS } from '../labels.js';
import { dropUnsaved, keepUnsaved, takeUnsaved } from '../unsaved.js';
import { t } from '../i18n/index.js';

const clock = (d) => [d.getHours(), d.getMinutes(), d.getSeconds()].map((x) => String(x).padStart(2, '0')).join(':');

// Two tabs on one document would each save over the other's work. Every save
// is announced; a tab that hears of a save of its own document from another
// tab stops saving and asks which version to keep.
const TAB = Math.random().toString(36).slice(2);

export class Persistence {
  /**
   * `session`: the open document; `chrome`: banners and the Recent menu;
   * `reopen(record)`: opens a stored document ({name, text, encoding, bytes});
   * `exportNow()`: the way out offered when saving fails (the native file).
   */
  constructor({ store, session, chrome, reopen, exportNow, hooks = {} }) {
    Object.assign(this, { store, session, chrome, reopen, exportNow });
    // `hooks`: `labels()` the label set a document with none saved starts with (the project's), `stored()` once a
    // document's text is stored, `changed(change)` after each change (the project's list follows both).
    this.hooks = hooks;
    this.storage = null;
    this.storageReady = null; // the database while it opens (see open)
    this.failing = false;
    this.autosave = null;
    this.keptUnsaved = null; // the document whose unwritten changes were kept on leaving (unsaved.js)
    this.listedInRecent = false;
    // Changes made here since another tab saved this document: written nowhere until the person chooses which version to keep.
    this.changedInConflict = 0;
    this.tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('biaozhu') : null;
    this.tabs?.addEventListener('message', ({ data }) => this.#heard(data));
  }

  /**
   * Starts opening the database. The first text can show before it has
   * opened (a fresh profile is slow); `restore` waits for it.
   */
  open() {
    this.storageReady = openStorage().catch((e) => {
      this.failed(e);
      return null;
    });
    return this.storageReady;
  }

  /** The document `wanted` (a SHA-256), else the one open last: `{name, text, encoding, bytes}`, or null. */
  async last(wanted = null) {
    const storage = await this.storageReady;
    if (!storage) return null;
    try {
      const sha = (wanted && (await storage.load(wanted)) && wanted) || (await storage.getLast());
      return sha ? await storage.load(sha) : null;
    } catch (e) {
      this.failed(e);
      return null;
    }
  }

  /**
   * The model of the document just shown (`session` holds its adapter):
   * `state` and `history` when it comes from a file, else what storage holds
   * for it (with what the last page had not saved), else empty. Starts
   * autosaving it. Null when `stale()` says another open has begun meanwhile.
   */
  async restore({ state, history, stale }) {
    const { session } = this;
    this.autosave = null;
    this.listedInRecent = false;
    this.changedInConflict = 0;
    if (this.storageReady) {
      this.storage = await this.storageReady;
      this.storageReady = null;
      if (stale()) return null;
    }
    let saved = null;
    if (!state && this.storage) {
      try {
        saved = await this.storage.load(session.sha);
      } catch (e) {
        this.failed(e);
      }
      if (stale()) return null;
    }
    if (!session.bytes && saved?.bytes) session.bytes = saved.bytes;
    // What the last page had not got into storage when it went (unsaved.js), if storage has nothing newer.
    let leftover = !state && this.storage ? takeUnsaved(session.sha, saved?.state ? saved.writer : null) : null;
    // Work saved by an older page that today's rules refuse is repaired before it is loaded (model/repair.js).
    const repaired = [];
    if (saved?.state) {
      const r = repairSaved(saved);
      saved = { ...saved, state: r.state, history: r.history, deltas: r.deltas };
      repaired.push(...r.repaired);
    }
    if (leftover) {
      const r = repairSaved(leftover);
      leftover = { state: r.state, history: r.history };
      repaired.push(...r.repaired);
    }
    const initial = state ??
      leftover?.state ??
      saved?.state ?? { labels: this.hooks.labels?.() ?? DEFAULT_LABELS, scheme: this.hooks.scheme?.() ?? undefined };
    const model = new AnnotationModel({
      ...initial,
      history: state ? history : ((leftover ?? saved)?.history ?? null),
      length: session.doc.lengthCp,
    });
    // The changes saved after the snapshot, made again; a log that stops fitting keeps what fits.
    const log = state || leftover ? [] : (saved?.deltas ?? []);
    let replayed = 0;
    try {
      for (const { change, how } of log) {
        model.replay(change, how);
        replayed++;
      }
    } catch (e) {
      this.chrome.showBanner(t('restore.partial', { n: log.length - replayed, name: session.name, message: e.message }), 'warn');
    }
    // Repaired, the model is not what storage holds: it is written whole before any change.
    const exact = !leftover && replayed === log.length && !repaired.length;
    this.#startAutosave(model, saved?.state ? { base: saved.base, seq: saved.deltas.length } : null, exact);
    if (leftover) this.store.set({ saved: t('saved.restored') });
    if (repaired.length) this.#saidRepaired(repaired);
    return { model, fresh: !saved?.state || Boolean(state) || Boolean(leftover) || repaired.length > 0 };
  }

  /** Says which annotations saved by an older page were repaired on loading, and how. */
  #saidRepaired(repaired) {
    const pieces = (a) => (a.fragments ? a.fragments.map(([s, e]) => `[${s}, ${e})`).join(' + ') : `[${a.start}, ${a.end})`);
    const list = repaired.map((r) =>
      t('restore.repairedOne', { id: r.id, after: pieces(r.after), start: r.before.start, end: r.before.end, before: pieces(r.before) }),
    );
    const n = repaired.length;
    this.chrome.showBanner(t('restore.repaired', { n, list: list.join(t('list.semicolon')) }), 'warn');
  }

  /**
   * Once the document is drawn: its text is stored, it becomes the last one
   * open, and a state that did not come from storage is written whole.
   */
  async stored({ fresh }) {
    const { session, storage } = this;
    if (!storage) {
      await this.hooks.stored?.();
      return;
    }
    try {
      await storage.putText(session.sha, { name: session.name, text: session.doc.text, encoding: session.encoding, bytes: session.bytes });
      await storage.setLast(session.sha);
      this.#noteOpened(session.sha);
      await this.hooks.stored?.();
      // A state read back from storage is saved already: writing it again would tell other tabs of a change that is none.
      if (fresh) this.autosave.snapshot({ announce: true });
      else {
        this.listedInRecent = true;
        await this.refreshRecent();
      }
    } catch (e) {
      this.failed(e);
    }
  }

  /**
   * Notes whether the next page will open the prerendered sample or another
   * document, for js/first-view.js, which must know before the first paint
   * (the database opens long after).
   */
  #noteOpened(sha) {
    try {
      localStorage.setItem('biaozhu:opens', sha === this.chrome.prerenderedSha() ? 'sample' : 'other');
    } catch {
      // Without localStorage the sample shows first and is replaced: a moment's flash, nothing lost.
    }
  }

  /** Autosaves a change of the open document (what the model's onChange gave): see autosave.js. */
  save(change, how) {
    // Measured (biaozhu:save) because it runs on every keypress that changes something: see scripts/bench/autosave.mjs.
    const t0 = performance.now();
    try {
      if (this.store.state.conflict) {
        this.changedInConflict++;
        this.store.set({ saved: t('saved.conflict') });
      } else this.autosave?.record(change, how);
      // Recent is read from storage only now and then: the open document's count follows the model instead.
      this.chrome.setRecentCount(this.session.sha, this.session.model.annotationCount);
      this.hooks.changed?.(change);
    } finally {
      performance.measure('biaozhu:save', { start: t0 });
    }
  }

  /** Starts autosaving `model`, loaded from `stored` ({base, seq}; null: nothing), `exact`ly or not. */
  #startAutosave(model, stored, exact) {
    const { sha, name } = this.session;
    const tabs = this.tabs;
    this.autosave =
      this.storage &&
      new Autosave(this.storage, sha, model, {
        name,
        length: this.session.doc.lengthCp,
        stored,
        exact,
        compacted: (from, to) => tabs?.postMessage({ type: 'compacted', sha, tab: TAB, from, to }),
        saved: (announce) => {
          this.store.set({ saved: t('saved.at', { time: clock(new Date()) }) });
          // A compaction changes nothing another tab could lose.
          if (announce) tabs?.postMessage({ type: 'saved', sha, tab: TAB });
          if (this.keptUnsaved === sha && this.autosave?.allWritten) {
            dropUnsaved(sha);
            this.keptUnsaved = null;
          }
          if (!this.listedInRecent) {
            this.listedInRecent = true;
            this.refreshRecent();
          }
          if (this.failing) {
            this.failing = false;
            this.chrome.hideBanner();
          }
        },
        failed: (e) => this.failed(e),
        conflict: () => sha === this.session.sha && this.#otherTabSaved(),
        tab: TAB,
      });
  }

  failed(e) {
    this.failing = true;
    this.store.set({ saved: 'NOT SAVED' });
    this.chrome.showBanner(t('saved.failed', { message: e.message }), 'warn', { text: t('saved.exportNow'), run: this.exportNow });
  }

  async refreshRecent() {
    if (!this.storage) return;
    const { sha, model } = this.session;
    const items = await this.storage.recent();
    // Storage may not hold the last changes yet (they are written after the frame): the open document's count is the model's.
    this.chrome.renderRecent(
      items.map((it) => (it.sha === sha && model ? { ...it, count: model.annotationCount } : it)),
      sha,
    );
  }

  /** Opens document `sha` from storage (the Recent menu): whether it opened (Cancel, say), or null when its text is not stored. */
  async openStored(sha) {
    const rec = await this.storage.load(sha);
    if (!rec) return null;
    return (await this.reopen(rec)) !== false;
  }

  /**
   * The page is being left: what autosave has not written is kept
   * synchronously, and the deltas are folded into a snapshot (nothing is lost
   * if that does not finish).
   */
  leaving() {
    const unwritten = this.autosave?.unwritten();
    if (unwritten && keepUnsaved(this.session.sha, unwritten)) this.keptUnsaved = this.session.sha;
    this.autosave?.compact();
  }

  /** Whether leaving the page (or this document) now would drop changes written nowhere: see `changedInConflict`. */
  mustAsk() {
    return this.store.state.conflict && this.changedInConflict > 0;
  }

  /**
   * Whether leaving the page now would lose changes: those of `mustAsk`, or
   * the last ones, still on their way to storage, when localStorage cannot
   * keep them for the next page (refused, or full).
   */
  mustAskBeforeUnload() {
    if (this.mustAsk()) return true;
    const unwritten = this.autosave?.unwritten();
    if (!unwritten) return false;
    if (keepUnsaved(this.session.sha, unwritten)) {
      this.keptUnsaved = this.session.sha;
      return false;
    }
    return true;
  }

  /**
   * Before another document replaces this one: true when nothing would be
   * lost, or the person agrees to drop the changes of this tab that no version
   * holds yet.
   */
  mayLeave() {
    if (!this.mustAsk()) return true;
    const n = this.changedInConflict;
    return this.chrome.confirm(t('conflict.confirmLeave', { n }));
  }

  // ---- other tabs ------------------------------------------------------------------

  #heard(data) {
    if (data?.sha !== this.session.sha || data.tab === TAB || !this.session.model) return;
    if (data.type === 'saved') this.#otherTabSaved();
    // The other tab only folded its deltas into a snapshot: nothing changed, so follow it.
    else if (data.type === 'compacted') this.autosave?.rebase(data.from, data.to);
  }

  /** Another tab saved the open document (it said so, or its snapshot replaced ours). */
  #otherTabSaved() {
    this.store.set({ conflict: true, saved: t('saved.conflict') });
    this.autosave?.hold();
    // A question, not a notice: until it is answered this tab writes nothing, so it cannot be dismissed.
    this.chrome.ask(
      t('conflict.ask'),
      { text: t('conflict.loadOther'), run: () => this.#loadOtherTab() },
      { text: t('conflict.keepThis'), run: () => this.#keepThisTab() },
    );
  }

  async #loadOtherTab() {
    const rec = await this.storage.load(this.session.sha);
    // The person chose to drop this tab's changes: opening the other version asks nothing more.
    this.changedInConflict = 0;
    this.chrome.answered();
    // Opened as from Recent: its saved snapshot and the changes after it are read again, and nothing is written.
    if (rec) await this.reopen(rec);
  }

  #keepThisTab() {
    this.store.set({ conflict: false });
    this.changedInConflict = 0;
    this.chrome.answered();
    // The changes made meanwhile were not written as deltas: the whole state goes, and the other tab hears of it.
    this.autosave?.snapshot({ announce: true });
  }
}
