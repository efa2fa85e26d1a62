// The README's example of the wasm package's JS API, run as written: words
// come back in bulk as typed arrays, in code points and in UTF-16 units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
// The package, initialised once, and a segmenter of the whole dictionary, for
// the tests after the README's example (which does this itself, as written).
import { loaded } from './wasm-package.mjs';

const pkg = new URL('../../www/pkg/biaozhu.js', import.meta.url);

test('the wasm package segments a string from JS with boundaries in code points and UTF-16 units, as typed arrays', {
  skip: !existsSync(pkg) && 'www/pkg is not built (make build)',
}, async () => {
  const { default: init, Segmenter, Document } = await import(pkg);
  await init({ module_or_path: readFileSync(new URL('../../www/pkg/biaozhu_bg.wasm', import.meta.url)) });
  const segmenter = new Segmenter(gunzipSync(readFileSync(new URL('../../www/dict/jieba.dict.gz', import.meta.url))));
  const text = '😀习近平同普京举行视频会晤';
  const words = segmenter.segment(text);
  assert.ok(words.wordsCp instanceof Uint32Array);
  assert.ok(words.wordsU16 instanceof Uint32Array);
  assert.ok(words.kinds instanceof Uint8Array);
  assert.deepEqual([...words.wordsCp.slice(0, 8)], [0, 1, 1, 4, 4, 5, 5, 7]);
  assert.deepEqual([...words.wordsU16.slice(0, 8)], [0, 2, 2, 5, 5, 6, 6, 8]);
  assert.equal(text.slice(words.wordsU16[2], words.wordsU16[3]), '习近平');
  assert.equal([...text].slice(words.wordsCp[2], words.wordsCp[3]).join(''), '习近平');
  assert.deepEqual([...words.kinds.slice(0, 4)], [2, 0, 0, 0]);
  const doc = new Document(text);
  assert.deepEqual([...doc.cpToU16(Uint32Array.of(1, 4))], [2, 5]);
  assert.deepEqual([...doc.paragraphsCp()], [0, 13]);
  // A lone surrogate is refused with a message, not silently replaced.
  assert.throws(() => new Document('a\ud800b'), /lone surrogate/);
});

test('snapping and export answer on the live document with named spans in both units, as the README shows', {
  skip: !existsSync(pkg) && 'www/pkg is not built (make build)',
}, async () => {
  const { Document, segmenter } = await loaded();
  const text = '😀习近平同普京举行视频会晤';
  const words = segmenter.segment(text);
  const doc = new Document(text);
  doc.setWords(words.wordsCp, words.kinds, words.subwordsCp);
  assert.deepEqual(doc.snap(3, 4, false), { startCp: 1, endCp: 4, startU16: 2, endU16: 5, cut: false });
  assert.deepEqual(doc.snapCp(1, 2, true), { startCp: 1, endCp: 2, startU16: 2, endU16: 3, cut: false });
  assert.equal(doc.snap(0, 0, false), undefined);
  assert.deepEqual(doc.wordAt(3), { startCp: 1, endCp: 4, startU16: 2, endU16: 5 });
  assert.deepEqual(doc.widen(1, 4), { startCp: 0, endCp: 13, startU16: 0, endU16: 14 });
  const para = new Document('美国\n政府');
  assert.equal(para.snap(0, 5, true).cut, true, 'a drag across a line break is cut');
  assert.equal(para.wordAt(0), undefined, 'no words yet');
  const state = JSON.stringify({
    name: 'x.txt',
    labels: [{ id: 'PER', name: 'PER', color: '#e6550d', key: '1' }],
    annotations: [{ id: 'a1', start: 1, end: 4, label: 'PER', created: '' }],
    relations: [],
    docLabels: [],
  });
  const out = doc.exportAs('conll-word', state);
  assert.deepEqual(out.leftOut, []);
  assert.equal(out.files[0].name, 'x.word.bio');
  assert.ok(out.files[0].content instanceof Uint8Array);
  assert.match(new TextDecoder().decode(out.files[0].content), /^😀\tO\n习近平\tB-PER\n同\tO\n/);
  const native = JSON.parse(doc.exportNative(state));
  assert.equal(native.document.text, text);
  assert.equal(native.document.sha256, doc.sha256);
  assert.equal(native.annotations[0].quote, '习近平');
  assert.throws(() => new Document(text).exportAs('prodigy', state), /needs the words/);
});

test('a text segmented piece by piece with segmentNext gives the words of the whole, and a bad piece names its offset in the whole', {
  skip: !existsSync(pkg) && 'www/pkg is not built (make build)',
}, async () => {
  const { segmenter } = await loaded();
  const pieces = ['𠮷野家的牛肉饭\r\n', '😀李白出生于碎叶城\n\n', '👨‍👩‍👧家庭 ВСТРЕЧА\r\n', '美国政府发表声明'];
  const whole = segmenter.segment(pieces.join(''));
  const seg = segmenter.segment(pieces[0]);
  for (const piece of pieces.slice(1)) segmenter.segmentNext(seg, piece);
  for (const key of ['wordsCp', 'wordsU16', 'kinds', 'subwordsCp', 'subwordsU16', 'wordCount', 'lengthCp']) {
    assert.deepEqual(seg[key], whole[key], key);
  }
  const text = pieces.join('');
  const at = whole.kinds.length - 2; // the last piece's first word, after astral characters, emoji and CRLF
  assert.equal(text.slice(seg.wordsU16[2 * at], seg.wordsU16[2 * at + 1]), '美国政府');
  const u16 = text.length;
  assert.throws(() => segmenter.segmentNext(seg, 'ab\ud800'), new RegExp(`lone surrogate .* at UTF-16 offset ${u16 + 2}\\b`));
  assert.deepEqual(seg.wordsCp, whole.wordsCp, 'a refused piece changes nothing');
});

test('a segmenter built from the packed dictionary straight (buildAll, buildFor) cuts as one built from its lines', {
  skip: !existsSync(pkg) && 'www/pkg is not built (make build)',
}, async () => {
  const { default: init, PackedDictionary, Segmenter } = await import(pkg);
  await init({ module_or_path: readFileSync(new URL('../../www/pkg/biaozhu_bg.wasm', import.meta.url)) });
  const bytes = gunzipSync(readFileSync(new URL('../../www/dict/jieba.pack.gz', import.meta.url)));
  const text = '😀习近平同普京举行视频会晤。美国政府发表声明，ВСТРЕЧА𠮷野家';
  const read = (start, take) => {
    const dict = new PackedDictionary(bytes);
    start(dict);
    while (!dict.step(1 << 13));
    try {
      return take(dict);
    } finally {
      dict.free();
    }
  };
  const want = new Segmenter(
    read(
      (d) => d.readAll(),
      (d) => d.take(),
    ),
  ).segment(text);
  for (const start of [(d) => d.buildAll(), (d) => assert.ok(d.buildFor(text))]) {
    const got = read(start, (d) => {
      assert.equal(d.take(), undefined, 'no lines while a segmenter is built');
      return d.takeSegmenter();
    }).segment(text);
    for (const key of ['wordsCp', 'wordsU16', 'kinds', 'subwordsCp']) assert.deepEqual(got[key], want[key], key);
  }
  const dict = new PackedDictionary(bytes);
  assert.throws(() => dict.step(10), /nothing is being read/);
  dict.readAll();
  assert.equal(dict.takeSegmenter(), undefined, 'no segmenter while lines are read');
  dict.free();
});
