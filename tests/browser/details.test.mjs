// Notes, attributes and document labels made in the page (issue 16), as a
// person does it: pick, `n`, type, Enter; Alt and an attribute's key; the
// panel's fields; Alt+Shift and a document label's key, or its toggle; each
// undone and redone, kept over a reload, and in the export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, download, waitReady, hint, drag, clickChar } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const panel = (page) =>
  page.evaluate(() => ({
    shown: !document.getElementById('details').hidden,
    title: document.getElementById('details-title').textContent,
    note: document.getElementById('note').value,
    fields: [...document.querySelectorAll('#attrs [data-attr]')].map((f) => [f.dataset.attr, f.type === 'checkbox' ? f.checked : f.value]),
  }));
const docLabels = (page) =>
  page.$$eval('#doclabels button', (bs) =>
    bs
      .map((b) => [b.dataset.docLabel, b.getAttribute('aria-pressed')])
      .filter(([, on]) => on === 'true')
      .map(([id]) => id),
  );
const exported = async (page) => (await download(page, () => page.keyboard.press('Control+s'))).json;

test('pick 普京, n, type a note, Enter: saved on the annotation; Ctrl+Z takes it back, Ctrl+Shift+Z brings it again; kept over a reload and exported', async () => {
  const { page, problems } = await openPage(env);
  assert.equal((await panel(page)).shown, false, 'nothing is picked: no details');
  await drag(page, '普京');
  await page.keyboard.press('1');
  await clickChar(page, '普京');
  let p = await panel(page);
  assert.equal(p.shown, true);
  assert.equal(p.title, '人物 PER “普京”');
  await page.keyboard.press('n');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'note');
  await page.keyboard.type('俄罗斯总统');
  await page.keyboard.press('Enter');
  assert.notEqual(await page.evaluate(() => document.activeElement.id), 'note', 'Enter gives the keyboard back to the text');
  assert.match(await hint(page), /Note saved/);
  let file = await exported(page);
  assert.equal(file.annotations[0].note, '俄罗斯总统');
  assert.equal(await page.textContent('#annlist li .extra'), 'note: 俄罗斯总统');

  await page.keyboard.press('Control+z');
  assert.equal((await panel(page)).note, '');
  assert.equal((await exported(page)).annotations[0].note, undefined);
  await page.keyboard.press('Control+Shift+z');
  assert.equal((await panel(page)).note, '俄罗斯总统');

  // Esc in the note leaves it as it was.
  await page.keyboard.press('n');
  await page.keyboard.type('不要');
  await page.keyboard.press('Escape');
  assert.equal((await panel(page)).note, '俄罗斯总统');

  await page.reload();
  await waitReady(page);
  await clickChar(page, '普京');
  p = await panel(page);
  assert.equal(p.note, '俄罗斯总统', 'the note came back with the reload');
  await page.keyboard.press('Control+z');
  assert.equal((await panel(page)).note, '', 'and its undo too');
  file = await exported(page);
  assert.equal(file.annotations[0].note, undefined);
  assert.deepEqual(problems, { console: [], offOrigin: [], page: [] });
  await page.close();
});

test('Alt+u toggles the flag, Alt+p steps through the choice; the panel fields set them too; each one undoable change', async () => {
  const { page, problems } = await openPage(env);
  await drag(page, '北京');
  await page.keyboard.press('3');
  await clickChar(page, '北京');
  await page.keyboard.press('Alt+u');
  assert.match(await hint(page), /不确定 uncertain: on/);
  await page.keyboard.press('Alt+p');
  await page.keyboard.press('Alt+p');
  let p = await panel(page);
  assert.deepEqual(p.fields, [
    ['uncertain', true],
    ['polarity', 'neutral'],
  ]);
  assert.deepEqual((await exported(page)).annotations[0].attributes, { polarity: 'neutral', uncertain: 'true' });
  // The list row names them as the scheme does (it showed the ids, and a flag as =true).
  assert.deepEqual((await page.textContent('#annlist li .extra')).split(' · ').sort(), ['不确定 uncertain', '倾向 polarity=neutral']);

  await page.selectOption('#attrs select[data-attr="polarity"]', 'negative');
  await page.click('#attrs input[data-attr="uncertain"]');
  p = await panel(page);
  assert.deepEqual(p.fields, [
    ['uncertain', false],
    ['polarity', 'negative'],
  ]);
  assert.deepEqual((await exported(page)).annotations[0].attributes, { polarity: 'negative' });
  // Four changes (flag on, two steps, choice, flag off): each one undo.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Control+z');
  assert.deepEqual((await panel(page)).fields, [
    ['uncertain', true],
    ['polarity', 'negative'],
  ]);
  await page.keyboard.press('Control+z');
  assert.deepEqual((await panel(page)).fields, [
    ['uncertain', true],
    ['polarity', 'neutral'],
  ]);
  assert.deepEqual(problems, { console: [], offOrigin: [], page: [] });
  await page.close();
});

test('Alt+Shift+1 and the toggles label the whole document; undo, redo, reload, export', async () => {
  const { page, problems } = await openPage(env);
  assert.deepEqual(await docLabels(page), []);
  await page.keyboard.press('Alt+Shift+1');
  assert.deepEqual(await docLabels(page), ['relevant']);
  await page.click('#doclabels button[data-doc-label="review"]');
  assert.deepEqual(await docLabels(page), ['relevant', 'review']);
  await page.keyboard.press('Alt+Shift+1');
  assert.deepEqual(await docLabels(page), ['review']);
  assert.deepEqual((await exported(page)).docLabels, ['review']);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await docLabels(page), ['relevant', 'review']);
  await page.keyboard.press('Control+Shift+z');
  await page.reload();
  await waitReady(page);
  assert.deepEqual(await docLabels(page), ['review']);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await docLabels(page), ['relevant', 'review'], 'the undo history came back with the reload');
  const file = await exported(page);
  assert.deepEqual(file.docLabels, ['relevant', 'review']);
  assert.deepEqual(
    file.scheme.docLabels.map((d) => d.id),
    ['relevant', 'irrelevant', 'review'],
    'the native file declares the document labels',
  );
  assert.deepEqual(problems, { console: [], offOrigin: [], page: [] });
  await page.close();
});
