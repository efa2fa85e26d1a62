// The core's slow work, off the main thread: decoding files, building the
// jieba dictionary (a few hundred milliseconds) and segmenting texts, any of
// which would freeze the page for a long text if done there.
import init, { Segmenter, decodeBytes } from '../pkg/biaozhu.js';

let segmenter = null;
let failed = null;

async function fetchDictionary(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the dictionary ${url} could not be loaded (HTTP ${response.status})`);
  // Served as a plain .gz file so that any static host works, with or
  // without Content-Encoding support.
  const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const wasm = init({ module_or_path: new URL('../pkg/biaozhu_bg.wasm', import.meta.url) });

const ready = (async () => {
  const t0 = performance.now();
  await wasm;
  const dict = await fetchDictionary(new URL('../dict/jieba.dict.gz', import.meta.url));
  const t1 = performance.now();
  segmenter = new Segmenter(dict);
  const t2 = performance.now();
  postMessage({ type: 'ready', loadMs: t1 - t0, buildMs: t2 - t1 });
})().catch((e) => {
  failed = e;
  postMessage({ type: 'error', message: String(e?.message ?? e) });
});

async function decode({ id, bytes, encoding }) {
  try {
    await wasm;
    const d = decodeBytes(bytes, encoding ?? undefined);
    postMessage({ type: 'decoded', id, text: d.text, encoding: d.encoding, bom: d.bom, detected: d.detected, replaced: d.replaced, warnings: d.warnings ?? [] });
  } catch (e) {
    postMessage({ type: 'error', id, message: String(e?.message ?? e) });
  }
}

onmessage = async ({ data }) => {
  if (data.type === 'decode') { decode(data); return; }
  if (data.type !== 'segment') return;
  await ready;
  if (!segmenter) {
    postMessage({ type: 'error', id: data.id, message: String(failed?.message ?? failed) });
    return;
  }
  try {
    const t0 = performance.now();
    const seg = segmenter.segment(data.text);
    const msg = {
      type: 'segmented',
      id: data.id,
      wordsCp: seg.wordsCp,
      wordsU16: seg.wordsU16,
      kinds: seg.kinds,
      subwordsCp: seg.subwordsCp,
      wordCount: seg.wordCount,
      ms: performance.now() - t0,
    };
    seg.free();
    postMessage(msg, [msg.wordsCp.buffer, msg.wordsU16.buffer, msg.kinds.buffer, msg.subwordsCp.buffer]);
  } catch (e) {
    postMessage({ type: 'error', id: data.id, message: String(e?.message ?? e) });
  }
};
