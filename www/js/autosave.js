// When the open document is written to storage. Each change is written once
// the frame that shows it is drawn (so the write's work stays out of that
// frame), as a small delta: the change the model's onChange gave and whether
// it was a do, an undo or a redo. The whole state and undo history (a
// snapshot) is written only now and then. Loading is the last snapshot with
// its deltas replayed on it (storage.js `load`, model.js `replay`), so a crash
// loses nothing that was written, and a keypress on a long document costs a
// write of a few hundred bytes instead of megabytes.
//
// A snapshot is written
//   - instead of deltas that would be large (an import, or its undo);
//   - in an idle moment once enough deltas have piled up, and when the page is
//     hidden or left (`compact`), so that loading stays quick;
//   - when asked (`snapshot`), after a failed write (what failed is missing from
//     the deltas), and before any delta when the model is not exactly what was
//     stored (some stored deltas could not be replayed).
// Every write but an asked-for snapshot is made only if what is stored is still
// what this tab last read or wrote (a snapshot and how many deltas follow it),
// so the deltas of two tabs never interleave: when another tab has saved the
// document meanwhile, nothing is written and `conflict` is called (the message
// that says so may come later, or never). A compaction changes the snapshot
// but not what it holds; `compacted` tells other tabs, which `rebase` on it.
//
// A write still under way when the page goes (a reload right after a change)
// may never finish: `unwritten` gives what it holds, for unsaved.js to keep
// synchronously. Every write names its writer (this tab, and how many changes
// it had recorded), so that the next page can tell whether it landed after all.

/** Deltas (changes, or annotations, labels and relations in them) after which a snapshot is due. */
export const COMPACT_AFTER = Object.freeze({ changes: 500, items: 20_000 });

/** How many annotations, labels and relations a change carries: roughly its size. */
function itemsOf(change) {
  let n = 0;
  for (const name of ['annotations', 'labels', 'relations']) {
    const s = change[name];
    if (s) n += s.created.length + s.deleted.length + 2 * s.updated.length;
  }
  return n;
}

/** A name for a snapshot that no other snapshot of any tab has. */
export function newBase() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Runs `fn` once the next frame is drawn: a change shows before it is
 * written, and the write's work and callbacks stay out of that frame. Soon
 * anyway where there are no frames (a hidden page draws none).
 */
function afterNextPaint(fn) {
  let done = false;
  const run = () => {
    if (!done) {
      done = true;
      fn();
    }
  };
  const fallback = setTimeout(run, 100);
  globalThis.requestAnimationFrame?.(() => {
    clearTimeout(fallback);
    setTimeout(run, 0);
  });
}

/** Runs `fn` when the page is idle (or soon, where there is no idle callback). */
function whenIdle(fn) {
  if (globalThis.requestIdleCallback) requestIdleCallback(fn, { timeout: 5000 });
  else setTimeout(fn, 1000);
}

/** Writes one document's changes to storage, in order, one write at a time. */
export class Autosave {
  #storage;
  #sha;
  #model;
  #about;
  #saved;
  #compacted;
  #failed;
  #conflict;
  #compactAfter;
  #later;
  #afterPaint;
  #waiting = null; // a write to start once the frame showing the change is drawn
  #base = null; // the snapshot the next deltas follow; null: the next write is a snapshot
  #stored; // what this tab knows is stored: {base, seq} (a snapshot and its deltas), or null for nothing
  #force = false; // the next snapshot replaces whatever is stored
  #seq = 0; // deltas since the snapshot
  #items = 0; // annotations, labels and relations in them
  #pending = []; // changes not written yet
  #snapshotWanted = false;
  #announce = false;
  #held = false;
  #compactionDue = false;
  #running = null;
  #tab;
  #version = 0; // changes recorded (and snapshots asked for) by this tab
  #written = 0; // of those, how many are in storage

  /**
   * @param {object} storage What `openStorage()` gave.
   * @param {string} sha The document.
   * @param {import('./model.js').AnnotationModel} model Its annotations; the snapshots are taken from it.
   * @param {object} options
   * @param {string} options.name The document's name, for the list of recent documents.
   * @param {number} options.length Its length in code points, likewise.
   * @param {{base: string, seq: number}|null} options.stored What the model was loaded from: the
   *   snapshot's base and how many deltas follow it (storage.js `load`); null when nothing.
   * @param {boolean} [options.exact] Whether the model is exactly what is stored (false when
   *   some stored deltas could not be replayed); the first write is a snapshot then.
   * @param {(announce: boolean) => void} options.saved Called after each write; `announce` is
   *   true when the write holds a change (other tabs should hear of it), false for a compaction.
   * @param {(from: {base: string, seq: number}, to: string) => void} [options.compacted] Called
   *   after a compaction replaced `from` by the snapshot `to`, which holds the same.
   * @param {(error: Error) => void} options.failed Called when a write fails; the next change
   *   tries again, with a snapshot.
   * @param {() => void} options.conflict Called when another tab saved the document
   *   meanwhile; nothing more is written until `snapshot()`.
   * @param {{changes: number, items: number}} [options.compactAfter]
   * @param {(fn: () => void) => void} [options.later] Runs a compaction when the page is idle.
   * @param {(fn: () => void) => void} [options.afterPaint] Starts the write of a recorded change
   *   (after the next frame, by default).
   * @param {string} [options.tab] Names this tab in what it writes (see `unwritten`).
   */
  constructor(
    storage,
    sha,
    model,
    {
      name,
      length,
      stored,
      exact = true,
      saved,
      compacted = () => {},
      failed,
      conflict,
      compactAfter = COMPACT_AFTER,
      later = whenIdle,
      afterPaint = afterNextPaint,
      tab = newBase(),
    },
  ) {
    this.#tab = tab;
    this.#storage = storage;
    this.#sha = sha;
    this.#model = model;
    this.#about = { name, length };
    this.#stored = stored;
    if (stored && exact) {
      this.#base = stored.base;
      this.#seq = stored.seq;
    }
    this.#saved = saved;
    this.#compacted = compacted;
    this.#failed = failed;
    this.#conflict = conflict;
    this.#compactAfter = compactAfter;
    this.#later = later;
    this.#afterPaint = afterPaint;
  }

  /** Writes a change the model made (what `onChange` gave), after any write under way. */
  record(change, how) {
    if (this.#held) return;
    this.#version++;
    this.#pending.push({ how, change });
    this.#announce = true;
    if (this.#waiting) return; // changes made before that frame are written together
    let started;
    this.#waiting = new Promise((resolve) => {
      started = resolve;
    });
    this.#afterPaint(() => {
      this.#waiting = null;
      this.#kick();
      started();
    });
  }

  /**
   * Writes the whole state and history over whatever is stored (after any
   * write under way), and writes again after a `hold()`.
   * @param {{announce?: boolean}} [options] Whether other tabs should hear of it as a change.
   */
  snapshot({ announce = false } = {}) {
    this.#held = false;
    this.#version++;
    this.#snapshotWanted = true;
    this.#force = true;
    this.#announce ||= announce;
    this.#kick();
  }

  /** Folds the deltas written so far into a snapshot, if there are any. */
  compact() {
    if (this.#held || (!this.#seq && !this.#pending.length)) return;
    this.#snapshotWanted = true;
    this.#kick();
  }

  /**
   * Another tab folded what this tab also has stored (`from`) into the snapshot
   * `to`: the next deltas follow that one. Ignored unless this tab is idle on
   * exactly `from` (its next write then reports a conflict, as it would without
   * this message).
   */
  rebase(from, to) {
    const idle = !this.#held && !this.#running && !this.#pending.length;
    if (!idle || this.#base === null || this.#base !== from?.base || this.#seq !== from.seq) return;
    this.#stored = { base: to, seq: 0 };
    this.#base = to;
    this.#seq = 0;
    this.#items = 0;
  }

  /** Stops writing (another tab saved this document) until `snapshot()` is called. */
  hold() {
    this.#held = true;
    this.#pending = [];
  }

  /**
   * What is not known to be in storage yet, or null when everything is: the
   * whole state and history, and `writer` ({tab, v}), which the writes under
   * way will carry if they land. Null too while held (another tab's version
   * is stored, and this tab's is not to be kept over it without asking).
   */
  unwritten() {
    if (this.#held || this.allWritten) return null;
    const model = this.#model;
    return {
      writer: { tab: this.#tab, v: this.#version },
      state: {
        labels: model.labels,
        annotations: model.annotations,
        relations: model.relations,
        docLabels: model.docLabels,
        scheme: model.scheme,
      },
      history: model.toHistory(),
    };
  }

  /** Whether everything recorded or asked for is known to be in storage. */
  get allWritten() {
    return this.#written === this.#version;
  }

  /** Resolves when everything asked for so far is written, or has failed. */
  async settled() {
    while (this.#waiting || this.#running) await (this.#waiting ?? this.#running);
  }

  #hasWork() {
    return !this.#held && (this.#pending.length > 0 || this.#snapshotWanted);
  }

  #kick() {
    if (this.#running || !this.#hasWork()) return;
    this.#running = this.#run().then(() => {
      this.#running = null;
      this.#kick(); // work asked for while the last write was finishing
    });
  }

  async #run() {
    while (this.#hasWork()) {
      const announce = this.#announce;
      this.#announce = false;
      const before = this.#stored;
      let compaction = false;
      try {
        const items = this.#pending.reduce((n, d) => n + itemsOf(d.change), 0);
        if (this.#snapshotWanted || this.#base === null || this.#items + items > this.#compactAfter.items) {
          compaction = !announce && !this.#force && this.#base !== null;
          await this.#writeSnapshot();
        } else {
          await this.#writeDeltas(items);
        }
      } catch (err) {
        // What was not written is in the next snapshot, which the next change asks for.
        this.#base = null;
        this.#pending = [];
        this.#snapshotWanted = false;
        if (err?.kind === 'conflict') {
          this.hold();
          this.#conflict();
        } else {
          this.#failed(err);
        }
        return;
      }
      this.#saved(announce);
      if (compaction) this.#compacted(before, this.#base);
    }
  }

  #summary() {
    return { ...this.#about, count: this.#model.annotations.length };
  }

  async #writeSnapshot() {
    // The snapshot holds every change made so far, so none of them is written as a delta.
    this.#pending = [];
    this.#snapshotWanted = false;
    this.#base = null;
    const base = newBase();
    const model = this.#model;
    const only = this.#force ? {} : { onlyIf: this.#stored };
    const t0 = performance.now();
    // The state as JSON text: a string is copied into storage many times faster than
    // ten thousand objects, and this skips the copy toState() makes (it is the same JSON).
    const state = JSON.stringify({
      labels: model.labels,
      annotations: model.annotations,
      relations: model.relations,
      docLabels: model.docLabels,
      scheme: model.scheme,
    });
    const writer = { tab: this.#tab, v: this.#version };
    const record = { state, history: model.toHistory(), base, writer, ...this.#summary() };
    // Main-thread time the autosave benchmark adds to that of save() and of the write itself.
    performance.measure('biaozhu:snapshot', { start: t0 });
    await this.#storage.putState(this.#sha, record, only);
    this.#written = writer.v;
    this.#force = false;
    this.#base = base;
    this.#stored = { base, seq: 0 };
    this.#seq = 0;
    this.#items = 0;
  }

  async #writeDeltas(items) {
    const writer = { tab: this.#tab, v: this.#version };
    const batch = this.#pending.splice(0).map(({ how, change }) => ({ seq: ++this.#seq, how, change, writer }));
    await this.#storage.putDeltas(this.#sha, this.#base, batch, this.#summary());
    this.#written = writer.v;
    this.#stored = { base: this.#base, seq: this.#seq };
    this.#items += items;
    if (this.#seq >= this.#compactAfter.changes && !this.#compactionDue) {
      this.#compactionDue = true;
      this.#later(() => {
        this.#compactionDue = false;
        this.compact();
      });
    }
  }
}
