// For the tests of the page's translations of the core's English: that the
// core still writes each sentence or phrase a translation reads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** Asserts `src/<file>` holds each of `pieces` verbatim; `reader` names the module to update when it does not. */
export function assertCoreWrites(file, pieces, reader) {
  const src = readFileSync(new URL(`../../src/${file}`, import.meta.url), 'utf8');
  for (const piece of pieces) assert.ok(src.includes(piece), `src/${file} no longer writes ${piece}: update ${reader}`);
}
