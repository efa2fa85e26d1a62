// Files in: what the person opens, drops or pastes. Decoding and every
// import format live in the Rust core; this module only reads bytes and
// routes them.

/** Files larger than this are refused before reading (the core has its own limit too). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const ANNOTATION_FILE = /\.(json|jsonl|ann|conll|tsv)$/i;

/** Bytes to text with the core's decoder: `{text, encoding}`; throws with a message naming the problem. */
export function decodeBytes(bytes, core, encoding = null) {
  const d = core.decodeBytes(bytes, encoding);
  return { text: d.text, encoding: d.encoding, warnings: d.warnings ?? [] };
}

/**
 * Reads a File: a text becomes `{kind: 'text', text, encoding}`, an
 * annotation file `{kind: 'state', state}` (the page's state, in code
 * points). Throws an Error whose message names the file and the problem.
 */
export async function readFile(file, app) {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(`${file.name} was not opened: it is ${(file.size / 1048576).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit.`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const looksAnnotation = ANNOTATION_FILE.test(file.name);
  let decoded;
  try {
    decoded = decodeBytes(bytes, app.core);
  } catch (e) {
    throw new Error(`${file.name} was not opened: ${e.message}`);
  }
  const head = decoded.text.trimStart()[0];
  if (!looksAnnotation && !(file.name.endsWith('.txt') === false && (head === '{' || head === '['))) {
    return { kind: 'text', text: decoded.text, encoding: decoded.encoding, warnings: decoded.warnings };
  }
  try {
    const json = app.core.importFile(file.name, decoded.text, null, app.text ?? null);
    return { kind: 'state', state: JSON.parse(json) };
  } catch (e) {
    throw new Error(`${file.name} was not imported, nothing changed: ${e.message}`);
  }
}
