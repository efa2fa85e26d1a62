// Writes www/precache.js, read by the service worker (www/sw.js): the files a
// visit needs, so that the page opens with no network, and a version made
// of their contents. A build that changes any of them changes the version,
// hence precache.js, which is how the browser learns that the worker is new
// (it compares the bytes of the worker and of what it imports): the new one
// fetches the new set and drops the old. Deterministic: the same files give
// the same bytes. `scripts/build.sh` runs it last.
//
// Usage: node scripts/precache.mjs
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = fileURLToPath(new URL('../www/', import.meta.url));

/** What the page loads (index.html, its scripts, the core, the dictionary, the sample) and what installs it (manifest, icons). */
const FILES = ['index.html', 'manifest.json', 'samples/seed.txt', 'pkg/biaozhu.js', 'pkg/biaozhu_bg.wasm', 'dict/jieba.pack.gz'];
const DIRS = [
  ['js', '.js'],
  ['icons', ''],
];

function walk(dir, ending) {
  return readdirSync(join(WWW, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path, ending);
    return entry.name.endsWith(ending) ? [path] : [];
  });
}

/** `{version, files}`: the paths (relative to www/, sorted) and a hash of their names and contents. */
export function precache() {
  const files = [...FILES, ...DIRS.flatMap(([dir, ending]) => walk(dir, ending))].map((p) => relative('.', p)).sort();
  const missing = files.filter((f) => !existsSync(join(WWW, f)));
  if (missing.length) throw new Error(`precache: ${missing.join(', ')} not in www/ (run scripts/build.sh)`);
  const hash = createHash('sha256');
  for (const f of files)
    hash.update(
      `${f}\0${createHash('sha256')
        .update(readFileSync(join(WWW, f)))
        .digest('hex')}\n`,
    );
  return { version: hash.digest('hex').slice(0, 16), files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { version, files } = precache();
  const body = `// Written by scripts/precache.mjs at each build: do not edit.\nself.PRECACHE = ${JSON.stringify({ version, files }, null, 1)};\n`;
  const out = join(WWW, 'precache.js');
  if (!existsSync(out) || readFileSync(out, 'utf8') !== body) writeFileSync(out, body);
  console.error(`precache: ${files.length} files, version ${version}`);
}
