// The page's layout rules (ARCHITECTURE.md), checked on the source so that
// they hold as the page grows: main.js is wiring, no module is long, the
// controllers and commands never touch the DOM, and only the anchoring
// adapter asks the wasm Document to convert units, snap, find words or export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const JS = new URL('../../www/js/', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}

/** A module's code without its comments (what it says about the DOM in prose is allowed). */
function code(path) {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const lines = (path) => readFileSync(path, 'utf8').split('\n').length - 1;
const all = files(JS).map((p) => relative(JS, p));

test('main.js is wiring, and no module of the page is over 500 lines', () => {
  assert.ok(lines(join(JS, 'main.js')) < 250, `main.js has ${lines(join(JS, 'main.js'))} lines`);
  const long = all.filter((f) => lines(join(JS, f)) > 500);
  assert.deepEqual(long, []);
});

test('controllers, commands and main.js touch no DOM', () => {
  const dom = /\bdocument\.|querySelector|\.closest\(|\bconfirm\(|\bwindow\.|getSelection\(/;
  const bound = all.filter((f) => f === 'main.js' || f.startsWith('controllers/') || f.startsWith('commands/'));
  assert.ok(bound.length > 5);
  const offenders = bound.flatMap((f) =>
    code(join(JS, f))
      .split('\n')
      .filter((l) => dom.test(l) && !/chrome\.confirm\(/.test(l))
      .map((l) => `${f}: ${l.trim()}`),
  );
  assert.deepEqual(offenders, []);
});

test('only anchor.js asks the wasm Document to convert, snap, find words or export', () => {
  const calls = /\.(cpToU16|u16ToCp|snap|snapCp|wordAt|widen|exportAs|exportNative)\(/;
  const offenders = all
    .filter((f) => f !== 'anchor.js')
    .flatMap((f) =>
      code(join(JS, f))
        .split('\n')
        .filter((l) => calls.test(l))
        .map((l) => `${f}: ${l.trim()}`),
    );
  assert.deepEqual(offenders, []);
  assert.match(code(join(JS, 'anchor.js')), /this\.doc\.snap\(/);
});
