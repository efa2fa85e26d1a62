// Files in: what the person opens, drops or pastes. Decoding and every
// import format live in the Rust core; this module only reads bytes and
// routes them. What it needs is handed in as `using`: `{core, segmenter}`
// (the core on this thread, and the worker that decodes long files),
// `encoding` (the label the person chose, or null to detect) and `openText`
// (the open document's text, for formats that keep theirs elsewhere).

import { errorText, t } from './i18n/index.js';

/** Files larger than this are refused before reading (the core has its own limit too). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A file whose name says it holds annotations (any other is read as a text). */
export const ANNOTATION_FILE = /\.(json|jsonld|jsonl|ann|conll|tsv|iob|bio|zip)$/i;

/** Files up to this size are decoded on the main thread: quicker than a round trip to the worker, and well under a frame. */
const DECODE_HERE = 256 * 1024;

/** Bytes to text with the core's decoder (in the worker for long files): `{text, encoding, warnings, exact}`. */
export async function decodeBytes(bytes, { core, segmenter }, encoding = null) {
  const d = bytes.length <= DECODE_HERE && core ? core.decodeBytes(bytes, encoding ?? undefined) : await segmenter.decode(bytes, encoding);
  return { text: d.text, encoding: d.encoding, warnings: d.warnings ?? [], exact: d.encoding === 'UTF-8' && !d.bom && !d.replaced };
}

/** Whether `bytes` hold nothing but a UTF-8 byte order mark, spaces, tabs and line ends. */
function isBlank(bytes) {
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = from; i < bytes.length; i++) if (![0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) return false;
  return true;
}

/**
 * Reads a File: a text becomes `{kind: 'text', text, encoding}`, an
 * annotation file `{kind: 'state', state}` (the page's state, in code
 * points). Throws an Error whose message names the file and the problem.
 * `companion` is the text an annotation file is read against, decoded as
 * `companionEncoding`.
 */
export async function readFile(file, using, format = null, companion = undefined, companionEncoding = null) {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(t('io.tooLarge', { name: file.name, mb: (file.size / 1048576).toFixed(1), limit: MAX_FILE_BYTES / 1048576 }));
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let decoded;
  try {
    // biaozhu writes an empty .ann for a text with no annotations, and brat reads one as such; the decoder
    // refuses empty files as no text, so a blank .ann is not handed to it.
    decoded =
      /\.ann$/i.test(file.name) && isBlank(bytes)
        ? { text: '', encoding: 'UTF-8', warnings: [], exact: true }
        : await decodeBytes(bytes, using, using.encoding ?? null);
    // A .ann that is not UTF-8 is in its text's encoding, which the longer text tells better: a few names are
    // too short to guess from (a GBK 李强 read as Big5 is 川膿).
    const theirs = companionEncoding;
    if (!using.encoding && theirs && theirs !== 'UTF-8' && decoded.encoding !== 'UTF-8' && decoded.encoding !== theirs)
      decoded = await decodeBytes(bytes, using, theirs);
  } catch (e) {
    throw new Error(t('io.notOpened', { name: file.name, message: errorText(e) }));
  }
  const head = decoded.text.trimStart()[0];
  const jsonLike = !/\.txt$/i.test(file.name) && (head === '{' || head === '[');
  if (!format && !ANNOTATION_FILE.test(file.name) && !jsonLike) {
    // The bytes are kept for decoding again with another encoding, unless
    // they are exactly the text's UTF-8 (then they can be made again from it).
    return {
      kind: 'text',
      text: decoded.text,
      encoding: decoded.encoding,
      warnings: decoded.warnings,
      bytes: decoded.exact ? null : bytes,
    };
  }
  try {
    const { core } = using;
    const chosen = format || core.detectFormat(file.name, decoded.text);
    if (!chosen) throw new Error(t('io.unknownFormat'));
    // Formats that keep their text elsewhere are read against the text
    // opened with them, or else the open document's.
    const text = companion ?? (core.formatNeedsText(chosen) ? using.openText : null);
    const json = core.importFile(file.name, decoded.text, chosen, text ?? undefined);
    return { kind: 'state', state: JSON.parse(json) };
  } catch (e) {
    throw new Error(t('files.notImported', { name: file.name, message: errorText(e) }));
  }
}

/**
 * Whether readFile refused `error`'s file because it holds several documents
 * (a JSONL, a task list, a project): a file for the project's import
 * (controllers/corpus.js), not for one document. Read from the core's
 * sentence, which the page's message keeps.
 */
export const holdsSeveralDocuments = (error) => / holds \d+ documents/.test(error?.message ?? '');

/** The formats the page reads and writes: `[name, what the person sees]`. */
export const FORMATS = [
  ['biaozhu', 'biaozhu JSON'],
  ['w3c', 'W3C Web Annotation'],
  ['brat', 'brat standoff (.txt + .ann)'],
  ['doccano', 'doccano JSONL'],
  ['label-studio', 'Label Studio JSON'],
  ['prodigy', 'Prodigy / spaCy JSONL'],
  ['conll-char', 'CoNLL BIO, characters'],
  ['conll-word', 'CoNLL BIO, words'],
];

/**
 * Reads several files opened together: a text file and an annotation file
 * that needs it (brat's `.ann` beside its `.txt`) are paired by name.
 * Returns the result of `readFile` for the annotation file, or of the text.
 */
export async function readFiles(files, using, format = null) {
  if (files.length === 1) return readFile(files[0], using, format);
  const texts = files.filter((f) => /\.txt$/i.test(f.name));
  const others = files.filter((f) => !/\.txt$/i.test(f.name));
  if (others.length !== 1 || texts.length > 1) {
    throw new Error(t('io.which', { names: files.map((f) => f.name).join(', ') }));
  }
  let companion = null;
  if (texts.length) {
    const bytes = new Uint8Array(await texts[0].arrayBuffer());
    try {
      companion = await decodeBytes(bytes, using, using.encoding ?? null);
    } catch (e) {
      throw new Error(t('io.notOpened', { name: texts[0].name, message: errorText(e) }));
    }
  }
  return readFile(others[0], using, format, companion?.text, companion?.encoding);
}
