// What the first view waits on, started before the rest of the page's
// modules have arrived (index.html loads this one alone, async): the wasm
// compile, the segmentation worker and the download of its dictionary (a
// worker takes a while to start; the bytes are handed to it as they come),
// and, for `?sample`, the sample article. main.js and engine.js import what
// it started.

/** The core, compiled once: the page and the worker instantiate the same module. */
export const wasmModule = WebAssembly.compileStreaming(fetch(new URL('../pkg/biaozhu_bg.wasm', import.meta.url)));

/** The seed article, the text the page opens when there is none to restore. */
export const SAMPLE = { url: 'samples/seed.txt', name: '000_cbc67faf9157e332.txt' };

/** The sample's response, already on its way when the page is opened with `?sample`. */
export const sampleResponse = new URLSearchParams(location.search).has('sample') ? fetch(SAMPLE.url) : null;
sampleResponse?.catch(() => {}); // a failure is reported where it is awaited

const DICTIONARY = new URL('../dict/jieba.pack.gz', import.meta.url);

/** Settled once the last dictionary download asked for has ended (the service worker waits for it). */
let dictionaryDone = Promise.resolve();

/** A worker of segment-worker.js, handed the compiled core and (unless `dictionary` is false) the dictionary. */
export function newWorker({ dictionary = true } = {}) {
  const worker = new Worker(new URL('./segment-worker.js', import.meta.url), { type: 'module' });
  wasmModule.then(
    (module) => worker.postMessage({ type: 'module', module }),
    (e) => worker.postMessage({ type: 'module', error: String(e?.message ?? e) }),
  );
  if (!dictionary) return worker;
  dictionaryDone = fetch(DICTIONARY)
    .then((response) => {
      if (!response.ok) throw new Error(`the dictionary ${DICTIONARY} could not be loaded (HTTP ${response.status})`);
      return response.arrayBuffer();
    })
    .then(
      // Whole, in one message: a stream handed over would cross threads a piece at a time.
      (gzipped) => worker.postMessage({ type: 'dictionary', gzipped }, [gzipped]),
      (e) => worker.postMessage({ type: 'dictionary', error: String(e?.message ?? e) }),
    );
  return worker;
}

function startWorker() {
  const worker = newWorker();
  // What the worker says before anyone listens is kept, not dropped.
  const queued = [];
  worker.onmessage = ({ data }) => queued.push({ data });
  worker.onerror = (error) => queued.push({ error });
  return { worker, queued };
}

let early = startWorker();

/**
 * The segmentation worker (the one started here the first time, a new one
 * after that), handing its messages and errors, those already received
 * first, to `onMessage(data)` and `onError(event)`.
 */
export function takeWorker(onMessage, onError) {
  const { worker, queued } = early ?? startWorker();
  early = null;
  worker.onmessage = ({ data }) => onMessage(data);
  worker.onerror = onError;
  for (const q of queued) {
    if (q.error) onError(q.error);
    else onMessage(q.data);
  }
  return worker;
}

// Offline and installable: the service worker (sw.js) keeps a copy of the page for visits with no network.
// Registered once the page has loaded and the core and the dictionary have arrived: its own download of
// them would otherwise share the line with the page's, and a first visit would wait longer for its words.
if ('serviceWorker' in navigator) {
  addEventListener(
    'load',
    () =>
      Promise.allSettled([wasmModule, dictionaryDone])
        .then(() => navigator.serviceWorker.register(new URL('../sw.js', import.meta.url)))
        .catch((e) => console.warn(`biaozhu: no copy for offline visits (${e.message})`)),
    { once: true },
  );
}
