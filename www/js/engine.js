// The Rust core, twice: on the main thread for the open document (offsets,
// structure, snapping, formats), and in a worker that holds the dictionary
// and segments.
import init, * as core from '../pkg/biaozhu.js';

let loaded = null;

/** Loads the wasm module on the main thread (small and quick: no dictionary). */
export function loadCore() {
  loaded ??= init({ module_or_path: new URL('../pkg/biaozhu_bg.wasm', import.meta.url) }).then(() => core);
  return loaded;
}

/** The segmentation worker: `segment(text)` resolves to typed arrays of words. */
export class Segmentation {
  constructor(onState) {
    this.worker = new Worker(new URL('./segment-worker.js', import.meta.url), { type: 'module' });
    this.pending = new Map();
    this.nextId = 1;
    this.onState = onState;
    this.worker.onmessage = ({ data }) => this.#receive(data);
    this.worker.onerror = (e) => this.#fail(e.message || 'the segmentation worker failed to start');
  }

  #receive(data) {
    if (data.type === 'ready') this.onState({ state: 'dictionary', ...data });
    else if (data.type === 'segmented' || data.type === 'decoded') {
      this.pending.get(data.id)?.resolve(data);
      this.pending.delete(data.id);
    } else if (data.type === 'error') {
      if (data.id) {
        this.pending.get(data.id)?.reject(new Error(data.message));
        this.pending.delete(data.id);
      } else this.#fail(data.message);
    }
  }

  #fail(message) {
    this.onState({ state: 'failed', message });
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  #ask(message, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Words of `text`: `{wordsCp, wordsU16, kinds, subwordsCp, wordCount}`. */
  segment(text) {
    return this.#ask({ type: 'segment', text });
  }

  /**
   * Bytes to text with the core's decoder, in the worker: `{text, encoding,
   * bom, detected, replaced, warnings}`; rejects with the core's message.
   * `encoding` is a label the person chose, or null to detect.
   */
  decode(bytes, encoding = null) {
    return this.#ask({ type: 'decode', bytes, encoding });
  }
}
