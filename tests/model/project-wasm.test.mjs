// The wasm package's project functions, as the worker calls them:
// importDocuments reads any file of documents from its bytes, and
// exportProject (on a Segmenter, or without one for the formats that write
// no words) writes the page's project in each format's multi-document form.
// Every export is read back by importDocuments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loaded, notBuilt as skip } from './wasm-package.mjs';

const FORMATS = ['biaozhu', 'w3c', 'brat', 'doccano', 'label-studio', 'prodigy', 'conll-char', 'conll-word'];

/** The page's project: three documents (an emoji before a span, a relation, one with nothing), each of another status. */
function sample() {
  const ann = (id, start, end, label) => ({ id, start, end, label, created: '' });
  return {
    name: 'news',
    labels: [
      { id: 'PER', name: '人物 PER', color: '#e6550d', key: '1' },
      { id: 'LOC', name: '地点 LOC', color: '#009e73', key: '3' },
    ],
    documents: [
      {
        name: 'libai.txt',
        text: '😀李白出生于碎叶城。',
        status: 'done',
        annotations: [ann('a1', 1, 3, 'PER'), ann('a2', 6, 9, 'LOC')],
        relations: [{ id: 'r1', from: 'a1', to: 'a2', kind: '出生地' }],
        docLabels: [],
      },
      {
        name: 'dufu.txt',
        text: '杜甫在成都。',
        status: 'progress',
        annotations: [ann('a1', 0, 2, 'PER')],
        relations: [],
        docLabels: ['诗'],
      },
      { name: 'empty.txt', text: '今天天气很好。', status: 'skipped', annotations: [], relations: [], docLabels: [] },
    ],
  };
}

/** Each document's text and its spans, sorted: what every format carries. */
const spans = (project) =>
  project.documents.map((d) => ({
    text: d.text,
    spans: d.annotations.map((a) => [a.start, a.end, a.label]).sort((x, y) => x[0] - y[0] || x[1] - y[1]),
  }));

test('every format exports the whole project as one file that importDocuments reads back, up to what the format loses', {
  skip,
}, async () => {
  const { segmenter, importDocuments } = await loaded();
  const project = sample();
  for (const format of FORMATS) {
    const out = segmenter.exportProject(format, JSON.stringify(project));
    assert.equal(out.files.length, 1, format);
    const [file] = out.files;
    assert.ok(file.content instanceof Uint8Array, format);
    assert.ok(Array.isArray(out.leftOut), format);
    const back = JSON.parse(importDocuments(file.name, file.content));
    assert.equal(back.documents.length, 3, format);
    const want = spans(project);
    const got = spans(back);
    if (format.startsWith('conll')) {
      // CoNLL keeps tokens, not the text.
      assert.deepEqual(
        got.map((d) => d.spans),
        want.map((d) => d.spans),
        format,
      );
    } else assert.deepEqual(got, want, format);
    for (const d of back.documents) {
      assert.equal(d.lengthCp, [...d.text].length, format);
      assert.match(d.sha256, /^[0-9a-f]{64}$/, format);
    }
    if (format === 'biaozhu' || format === 'w3c') {
      // Lossless: statuses, relations, document labels, label names.
      assert.deepEqual(
        back.documents.map((d) => d.status),
        ['done', 'progress', 'skipped'],
        format,
      );
      assert.deepEqual(back.documents[0].relations, project.documents[0].relations, format);
      assert.deepEqual(back.documents[1].docLabels, ['诗'], format);
      assert.deepEqual(back.labels, project.labels, format);
      assert.equal(back.name, 'news', format);
    } else
      assert.ok(
        back.documents.every((d) => d.status === 'new'),
        format,
      );
  }
});

test('the brat export is one ZIP of a folder of .txt/.ann pairs with an annotation.conf', { skip }, async () => {
  const { segmenter, importDocuments } = await loaded();
  const out = segmenter.exportProject('brat', JSON.stringify(sample()));
  const [file] = out.files;
  assert.equal(file.name, 'news.brat.zip');
  assert.deepEqual([...file.content.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  const names = new TextDecoder('latin1').decode(file.content);
  for (const n of ['news/libai.txt', 'news/libai.ann', 'news/empty.ann', 'news/annotation.conf']) assert.ok(names.includes(n), n);
  const back = JSON.parse(importDocuments(file.name, file.content));
  assert.deepEqual(
    back.documents.map((d) => d.name),
    ['libai.txt', 'dufu.txt', 'empty.txt'],
  );
  assert.equal(back.documents[0].relations.length, 1);
  // brat has no place for label names or document labels: said, not silent.
  assert.ok(
    out.leftOut.some((l) => l.includes('document label')),
    out.leftOut.join('; '),
  );
});

test('only the documents of one status are exported when asked, and a bad format or status is refused', { skip }, async () => {
  const { segmenter, exportProject, importDocuments } = await loaded();
  const project = JSON.stringify(sample());
  const out = segmenter.exportProject('doccano', project, 'done');
  const back = JSON.parse(importDocuments(out.files[0].name, out.files[0].content));
  assert.deepEqual(
    back.documents.map((d) => d.text),
    ['😀李白出生于碎叶城。'],
  );
  assert.throws(() => segmenter.exportProject('csv', project), /unknown format "csv"/);
  assert.throws(() => segmenter.exportProject('doccano', project, 'finished'), /unknown status "finished"/);
  // Without a segmenter: the formats without words, and a clear refusal for the others.
  const native = exportProject('biaozhu', project);
  assert.equal(native.files[0].name, 'news.biaozhu-project.json');
  assert.throws(() => exportProject('prodigy', project), /needs the words/);
});

test('importDocuments reads hand-written multi-document files and a one-document file, decoded as any file', { skip }, async () => {
  const { importDocuments } = await loaded();
  const utf8 = (s) => new TextEncoder().encode(s);
  const three =
    '{"text":"李白出生于碎叶城。","label":[[0,2,"PER"],[5,8,"LOC"]]}\n{"text":"杜甫在成都。","label":[[0,2,"PER"]]}\n{"text":"今天天气很好。","label":[]}\n';
  const doccano = JSON.parse(importDocuments('three.jsonl', utf8(three)));
  assert.equal(doccano.name, 'three');
  assert.deepEqual(
    doccano.labels.map((l) => l.id),
    ['PER', 'LOC'],
  );
  assert.deepEqual(
    doccano.documents.map((d) => d.annotations.length),
    [2, 1, 0],
  );
  // UTF-16 with a BOM is decoded as the page decodes a file.
  const utf16 = new Uint8Array(Buffer.from(`\ufeff${three}`, 'utf16le'));
  assert.equal(JSON.parse(importDocuments('three.jsonl', utf16)).documents.length, 3);
  // A label the person chose decodes as they said (Latin-1 bytes of é read as windows-1252).
  const latin = JSON.parse(
    importDocuments('l.jsonl', Uint8Array.of(...utf8('{"text":"caf'), 0xe9, ...utf8('","label":[]}\n')), null, 'windows-1252'),
  );
  assert.equal(latin.documents[0].text, 'café');
  const conll = '-DOCSTART- -X- O O\n\n李\tB-PER\n白\tI-PER\n\n-DOCSTART- -X- O O\n\n杜\tB-PER\n甫\tI-PER\n。\tO\n';
  assert.deepEqual(
    JSON.parse(importDocuments('two.bio', utf8(conll))).documents.map((d) => d.text),
    ['李白', '杜甫。'],
  );
  const tasks = JSON.stringify([
    { data: { text: '王维。' }, annotations: [] },
    { data: { text: '杜牧。' }, annotations: [] },
  ]);
  assert.equal(JSON.parse(importDocuments('tasks.json', utf8(tasks), 'label-studio')).documents.length, 2);
  const one = JSON.parse(importDocuments('one.jsonl', utf8('{"text":"王维。","label":[[0,2,"PER"]]}\n')));
  assert.equal(one.documents.length, 1);
  assert.equal(one.documents[0].status, 'new');
});

test('importDocuments refuses a bad file whole, naming the file and line', { skip }, async () => {
  const { importDocuments } = await loaded();
  const utf8 = (s) => new TextEncoder().encode(s);
  const bad = '{"text":"李白。","label":[[0,2,"PER"]]}\n{"text":"杜甫。","label":[[0,9,"PER"]]}\n';
  assert.throws(() => importDocuments('bad.jsonl', utf8(bad)), /^Error: bad\.jsonl:2/);
  assert.throws(() => importDocuments('a.txt', utf8('李白出生')), /cannot tell the format/);
  assert.throws(() => importDocuments('x.zip', utf8('PK\u0003\u0004 cut short')), /x\.zip: not a ZIP archive that can be read/);
  assert.throws(() => importDocuments('x.pdf.json', utf8('%PDF-1.4 ...')), /looks like a PDF/);
});

// Regression: the page told a project file by "biaozhu-project" in its first 256 characters; a file of one
// document whose keys were sorted (jq -S, Python's sort_keys) names its format after its documents, and was
// opened as one text, its status and record of suggestions left unread.
test('importDocuments says a project file is one, of one document and with sorted keys too; a one-document file is not', {
  skip,
}, async () => {
  const { exportProject, importDocuments } = await loaded();
  const utf8 = (s) => new TextEncoder().encode(s);
  // Written as jq -S and Python's sort_keys write it: every object's keys in order.
  const sorting = (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v);
  const native = new TextDecoder().decode(exportProject('biaozhu', JSON.stringify(sample()), 'done').files[0].content);
  const sorted = JSON.stringify(JSON.parse(native), sorting, 2);
  assert.ok(sorted.indexOf('"biaozhu-project"') > 256, 'the format is named late in the sorted file');
  const read = (name, text) => JSON.parse(importDocuments(name, utf8(text)));
  assert.deepEqual(
    [read('p.json', native), read('sorted.json', sorted)].map((p) => [p.projectFile, p.documents.length, p.documents[0].status]),
    [
      [true, 1, 'done'],
      [true, 1, 'done'],
    ],
  );
  assert.equal(read('one.jsonl', '{"text":"王维。","label":[[0,2,"PER"]]}\n').projectFile, false);
});
