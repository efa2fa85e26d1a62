// The label-scheme editor (issue 16) as a person uses it: ids renamed with
// every annotation, a key another item has refused in words, relation types,
// attributes and document labels added and reordered, the scheme exported as
// brat and Label Studio files and imported from one; each change undoable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { setup, openPage, download, waitReady, drag, listed } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const ok = { console: [], offOrigin: [], page: [] };
const rowIds = (page, body) => page.$$eval(`#${body} tr`, (trs) => trs.map((tr) => tr.dataset.id));
const error = (page) => page.textContent('#label-error');

/** Types `value` into field `field` of the row `id` of table `body`, and leaves it (a change). */
async function fill(page, body, id, field, value) {
  const input = page.locator(`#${body} tr[data-id="${id}"] [name="${field}"]`);
  await input.fill(value);
  await input.press('Tab');
}

test('renaming a label id renames its annotations, one undo puts both back; a taken key is refused naming who has it', async () => {
  const { page, problems } = await openPage(env);
  await drag(page, '普京');
  await page.keyboard.press('1');
  await page.click('#edit-labels');
  await fill(page, 'label-rows', 'PER', 'id', 'PERSON');
  assert.deepEqual((await rowIds(page, 'label-rows')).slice(0, 2), ['PERSON', 'ORG'], 'the renamed label keeps its place');
  await fill(page, 'relation-rows', 'LOCATED_IN', 'key', '1');
  assert.match(await error(page), /The key "1" is already used by the relation type "发言 said"/);
  await page.click('#labels-dialog button[value="close"]');
  let file = (await download(page, () => page.keyboard.press('Control+s'))).json;
  assert.equal(file.annotations[0].label, 'PERSON');
  assert.equal(file.scheme.relations.find((r) => r.id === 'LOCATED_IN').key, '2', 'the refused key changed nothing');
  await page.keyboard.press('Control+z');
  file = (await download(page, () => page.keyboard.press('Control+s'))).json;
  assert.equal(file.annotations[0].label, 'PER');
  assert.ok(file.labels.some((l) => l.id === 'PER'));
  assert.deepEqual(problems, ok);
  await page.close();
});

test('relation types, attributes and document labels are added, edited, reordered and removed, and kept over a reload', async () => {
  const { page, problems } = await openPage(env);
  await page.click('#edit-labels');
  await page.click('#relation-add');
  const added = (await rowIds(page, 'relation-rows')).at(-1);
  assert.equal(added, 'REL');
  await fill(page, 'relation-rows', 'REL', 'name', '引用 quotes');
  await fill(page, 'relation-rows', 'REL', 'id', 'QUOTES');
  await page.click('#relation-rows tr[data-id="QUOTES"] .move-up');
  assert.deepEqual(await rowIds(page, 'relation-rows'), ['SAID', 'LOCATED_IN', 'MEMBER_OF', 'QUOTES', 'RELATED']);
  await page.click('#attribute-add');
  await page.selectOption('#attribute-rows tr[data-id="attr"] [name="type"]', 'choice');
  assert.match(await error(page), /needs two values or more/, 'a choice without values is refused');
  await fill(page, 'attribute-rows', 'attr', 'values', '真|假');
  await page.selectOption('#attribute-rows tr[data-id="attr"] [name="type"]', 'choice');
  assert.equal(await error(page), '');
  await page.click('#doclabel-rows tr[data-id="irrelevant"] .delete');
  assert.deepEqual(await rowIds(page, 'doclabel-rows'), ['relevant', 'review']);
  await page.click('#labels-dialog button[value="close"]');
  assert.equal(await page.$$eval('#doclabels button', (bs) => bs.length), 2, 'the document label toggles follow');

  await page.reload();
  await waitReady(page);
  const { json } = await download(page, () => page.keyboard.press('Control+s'));
  assert.deepEqual(
    json.scheme.relations.map((r) => [r.id, r.name]),
    [
      ['SAID', '发言 said'],
      ['LOCATED_IN', '位于 located in'],
      ['MEMBER_OF', '隶属 member of'],
      ['QUOTES', '引用 quotes'],
      ['RELATED', '相关 related'],
    ],
  );
  assert.deepEqual(json.scheme.attributes.at(-1).values, ['真', '假']);
  // Each edit was one change: undo the document label's removal brings it back.
  await page.keyboard.press('Control+z');
  assert.equal(await page.$$eval('#doclabels button', (bs) => bs.length), 3);
  assert.deepEqual(problems, ok);
  await page.close();
});

test('the scheme exported as brat annotation.conf and a Label Studio config; a Label Studio config imported as the scheme, undoable', async () => {
  const { page, problems } = await openPage(env);
  await drag(page, '普京');
  await page.keyboard.press('1');
  await page.click('#edit-labels');
  await page.selectOption('#scheme-format', 'brat');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#scheme-export')]);
  assert.equal(dl.suggestedFilename(), 'annotation.conf');
  const text = readFileSync(await dl.path(), 'utf8');
  assert.match(text, /\[entities\]\nPER\nORG\n/);
  assert.match(text, /RELATED\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric/);
  assert.match(await error(page), /Left out .*3 document labels/);
  await page.selectOption('#scheme-format', 'label-studio');
  const [xml] = await Promise.all([page.waitForEvent('download'), page.click('#scheme-export')]);
  assert.equal(xml.suggestedFilename(), 'labeling-config.xml');
  const config0 = readFileSync(await xml.path(), 'utf8');
  assert.match(config0, /<Label value="PER" alias="人物 PER" background="#e6550d" hotkey="1"\/>/);
  assert.match(config0, /<Relation value="SAID" background="#d95f02"\/>/);
  assert.match(config0, /<Choices name="polarity" toName="text" perRegion="true">/);

  const config = join(tmpdir(), `biaozhu-config-${process.pid}.xml`);
  writeFileSync(
    config,
    `<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text">
    <Label value="PER" alias="人名" background="#aa3300" hotkey="p"/>
    <Label value="Country" background="#0055aa"/>
  </Labels>
  <Relations><Relation value="visits"/></Relations>
  <Choices name="topic" toName="text" choice="multiple"><Choice value="politics"/><Choice value="sport"/></Choices>
</View>`,
  );
  await page.setInputFiles('#scheme-file', config);
  await page.waitForFunction(() => /is in use/.test(document.getElementById('label-error').textContent));
  assert.deepEqual(await rowIds(page, 'label-rows'), ['PER', 'Country']);
  assert.deepEqual(await rowIds(page, 'relation-rows'), ['visits']);
  assert.deepEqual(await rowIds(page, 'doclabel-rows'), ['politics', 'sport']);
  const keyOf = (body, id) => page.inputValue(`#${body} tr[data-id="${id}"] [name="key"]`);
  assert.equal(await keyOf('relation-rows', 'visits'), '1', 'a relation type the file gives no key takes a free one');
  assert.deepEqual([await keyOf('doclabel-rows', 'politics'), await keyOf('doclabel-rows', 'sport')], ['1', '2']);
  await page.click('#labels-dialog button[value="close"]');
  assert.match(await page.textContent('#labelbar'), /人名/);
  assert.equal((await listed(page))[0].tag, '人名', 'the annotation keeps its label, now named by the file');
  // Regression: a scheme file without keys (brat's never has any) left its labels and relation types keyless,
  // so no key labelled or typed a relation. A label without one takes the first free key; one given is kept.
  const keys = await page.$$eval('#labelbar button.label', (bs) => bs.map((b) => [b.dataset.label, b.querySelector('kbd')?.textContent]));
  assert.deepEqual(keys, [
    ['PER', 'p'],
    ['Country', '1'],
  ]);
  await drag(page, '俄罗斯');
  await page.keyboard.press('1');
  assert.deepEqual(
    (await listed(page)).map((r) => [r.quote, r.tag]),
    [
      ['俄罗斯', 'Country'],
      ['普京', '人名'],
    ],
  );
  await page.keyboard.press('Control+z');

  // A file that is no scheme is refused, and nothing changes.
  const bad = join(tmpdir(), `biaozhu-bad-scheme-${process.pid}.conf`);
  writeFileSync(bad, 'hello');
  await page.click('#edit-labels');
  await page.setInputFiles('#scheme-file', bad);
  await page.waitForFunction(() => /not a label scheme/.test(document.getElementById('label-error').textContent));
  assert.match(await error(page), /Nothing changed\.$/);
  assert.deepEqual(await rowIds(page, 'label-rows'), ['PER', 'Country']);
  await page.click('#labels-dialog button[value="close"]');

  await page.keyboard.press('Control+z');
  assert.match(await page.textContent('#labelbar'), /人物 PER/, 'one undo brings the scheme before the import back');
  assert.deepEqual(problems, ok);
  await page.close();
});

test('a relation type the document uses and a scheme file lacks stays, with a key: the keyboard still types it', async () => {
  // Regression: it came back keyless after a brat annotation.conf was imported, and no key could make one.
  const { page, problems } = await openPage(env);
  await drag(page, '普京');
  await page.keyboard.press('1');
  await drag(page, '普京', { nth: 1 });
  await page.keyboard.press('1');
  await page.click('#annlist li');
  await page.keyboard.press('r');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.keyboard.press('1');
  await page.waitForFunction(() => document.querySelectorAll('#rellist li').length === 1);
  const conf = join(tmpdir(), `biaozhu-annotation-${process.pid}.conf`);
  writeFileSync(conf, '[entities]\nPER\n\n[relations]\nvisits\tArg1:PER, Arg2:PER\n\n[events]\n\n[attributes]\n');
  await page.click('#edit-labels');
  await page.setInputFiles('#scheme-file', conf);
  await page.waitForFunction(() => document.querySelectorAll('#relation-rows tr').length === 2);
  const keyOf = (id) => page.inputValue(`#relation-rows tr[data-id="${id}"] [name="key"]`);
  assert.deepEqual([await keyOf('visits'), await keyOf('SAID')], ['1', '2']);
  await page.click('#labels-dialog button[value="close"]');
  assert.deepEqual(problems, ok);
  await page.close();
});
