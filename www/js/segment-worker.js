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

/** UTF-16 units per piece: a long text is cut at line breaks into pieces about this long. */
const PIECE = 1 << 16;

/**
 * Segments `text` a piece at a time, cut after line breaks (words never
 * cross one): many short calls let the engine optimise the segmenter, where
 * one long call would run unoptimised for the whole text. Offsets are moved
 * from each piece to the whole text.
 */
function segmentInPieces(text) {
  const parts = [];
  let total = 0;
  for (let at = 0, cp = 0; at < text.length;) {
    let end = at + PIECE >= text.length ? text.length : text.indexOf('\n', at + PIECE) + 1 || text.length;
    const piece = text.slice(at, end);
    const seg = segmenter.segment(piece);
    parts.push({ at, cp, wordsCp: seg.wordsCp, wordsU16: seg.wordsU16, kinds: seg.kinds, subwordsCp: seg.subwordsCp, wordCount: seg.wordCount });
    total += seg.kinds.length;
    cp += seg.lengthCp; // the core counts; the next piece's offsets shift by this
    seg.free();
    at = end;
  }
  if (parts.length === 1) return parts[0];
  const out = { wordsCp: new Uint32Array(total * 2), wordsU16: new Uint32Array(total * 2), kinds: new Uint8Array(total), subwordsCp: null, wordCount: 0 };
  const subs = [];
  let w = 0;
  for (const p of parts) {
    for (let i = 0; i < p.wordsCp.length; i++) {
      out.wordsCp[w * 2 + i] = p.wordsCp[i] + p.cp;
      out.wordsU16[w * 2 + i] = p.wordsU16[i] + p.at;
    }
    out.kinds.set(p.kinds, w);
    w += p.kinds.length;
    out.wordCount += p.wordCount;
    // A piece's last boundary is the next piece's first one: keep it once.
    const from = subs.length && p.subwordsCp.length && p.subwordsCp[0] + p.cp === subs[subs.length - 1] ? 1 : 0;
    for (let i = from; i < p.subwordsCp.length; i++) subs.push(p.subwordsCp[i] + p.cp);
  }
  out.subwordsCp = Uint32Array.from(subs);
  return out;
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
    const msg = { type: 'segmented', id: data.id, ...segmentInPieces(data.text), ms: 0 };
    msg.ms = performance.now() - t0;
    postMessage(msg, [msg.wordsCp.buffer, msg.wordsU16.buffer, msg.kinds.buffer, msg.subwordsCp.buffer]);
  } catch (e) {
    postMessage({ type: 'error', id: data.id, message: String(e?.message ?? e) });
  }
};
