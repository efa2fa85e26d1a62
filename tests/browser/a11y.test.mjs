// Accessibility (issue 19): the checks of axe-core pass on the page as it
// opens, with annotations, with each dialog open and on a phone; the text,
// the lists and the dialogs have roles and names; the annotation under the
// caret is said (label and text) in a live region; text on a label colour
// keeps a readable contrast whatever colour the label has.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { drag, openPage, setup, waitReady } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => {
  env = await setup();
});
after(() => env.close());

/** axe-core's violations on `page` now: `[{id, help, nodes: [selector…]}]`. */
async function violations(page) {
  // Added by the test (the page's Content-Security-Policy allows no other script): Playwright's own injection bypasses it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return found;
}

const show = (found) => found.map((v) => `${v.id}: ${v.help} (${v.nodes.join(', ')})`).join('\n');

test('axe-core finds no violation on the page as it opens, with annotations and one picked', async () => {
  const { page, context } = await openPage(env);
  let found = await violations(page);
  assert.deepEqual(found, [], show(found));
  await drag(page, '普京');
  await page.keyboard.press('1');
  await drag(page, '新华社');
  await page.keyboard.press('2');
  await page.click('#annlist li');
  found = await violations(page);
  assert.deepEqual(found, [], show(found));
  await context.close();
});

test('axe-core finds no violation with each dialog open: labels, help, statistics', async () => {
  const { page, context } = await openPage(env);
  for (const [open, dialog] of [
    [() => page.click('#labelbar button:last-child'), '#labels-dialog'],
    [() => page.click('#help-button'), '#help'],
    [() => page.click('#stats-button'), '#stats-dialog'],
  ]) {
    await open();
    await page.waitForSelector(`${dialog}[open]`);
    const found = await violations(page);
    assert.deepEqual(found, [], `${dialog}:\n${show(found)}`);
    await page.keyboard.press('Escape');
    await page.waitForSelector(`${dialog}:not([open])`, { state: 'attached' });
  }
  await context.close();
});

test('axe-core finds no violation on a phone, with the annotations sheet and the documents drawer open', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(env.base);
  await waitReady(page);
  let found = await violations(page);
  assert.deepEqual(found, [], show(found));
  for (const toggle of ['#side-toggle', '#docs-toggle']) {
    await page.tap(toggle);
    await page.waitForFunction(() => document.documentElement.dataset.drawer);
    found = await violations(page);
    assert.deepEqual(found, [], `${toggle}:\n${show(found)}`);
    await page.keyboard.press('Escape');
  }
  await context.close();
});

test('the text, the lists, the dialogs and the label bar have roles and names', async () => {
  const { page, context } = await openPage(env);
  const names = await page.evaluate(() => {
    const name = (el) => el.getAttribute('aria-label') ?? document.getElementById(el.getAttribute('aria-labelledby'))?.textContent ?? null;
    return {
      text: name(document.getElementById('text')),
      annlist: name(document.getElementById('annlist')),
      doclist: name(document.getElementById('doclist')),
      labelbar: name(document.getElementById('labelbar')),
      dialogs: [...document.querySelectorAll('dialog')].map((d) => [d.id, name(d)]),
    };
  });
  for (const [what, n] of Object.entries(names)) if (what !== 'dialogs') assert.ok(n, `${what} has a name`);
  for (const [id, n] of names.dialogs) assert.ok(n, `dialog #${id} has a name`);
  await context.close();
});

test('the annotation under the caret is said in a live region: its label and its text', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '普京');
  await page.keyboard.press('1');
  // The caret on the first character of the text, then word by word to 普京.
  await page.keyboard.press('Escape');
  const live = await page.$eval('#announce', (el) => [el.getAttribute('aria-live') ?? el.getAttribute('role'), el.textContent]);
  assert.ok(live[0], 'a live region');
  await page.click('#annlist li');
  await page.waitForFunction(() => /普京/.test(document.getElementById('announce').textContent));
  assert.match(await page.textContent('#announce'), /人物 PER.*普京/);
  await page.keyboard.press('Escape');
  // Moved by the keyboard onto the annotation, the caret says it too. A row picked put the caret at the annotation's
  // start: one word back first.
  await page.keyboard.press('ArrowLeft');
  let said = '';
  for (let i = 0; i < 40 && !/普京/.test(said); i++) {
    await page.keyboard.press('ArrowRight');
    said = await page.textContent('#announce');
  }
  assert.match(said, /人物 PER.*普京/);
  await context.close();
});

test('Enter with the caret on an annotation picks it: a label key relabels it, Delete deletes it, without the mouse', async () => {
  // Regression: with the caret on an annotation, Enter did nothing; only a click could pick it.
  const { page, context } = await openPage(env);
  await drag(page, '普京');
  await page.keyboard.press('1');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('#hint'), /No annotation at the caret/);
  let said = '';
  for (let i = 0; i < 40 && !/普京/.test(said); i++) {
    await page.keyboard.press('ArrowRight');
    said = await page.textContent('#announce');
  }
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval('#annlist li.picked .quote', (el) => el.textContent), '普京');
  await page.keyboard.press('2');
  assert.deepEqual(
    await page.$$eval('#annlist li', (lis) =>
      lis.map((li) => [li.querySelector('.quote').textContent, li.querySelector('.lab').textContent]),
    ),
    [['普京', '机构 ORG']],
  );
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  assert.equal(await page.$$eval('#annlist li', (lis) => lis.length), 0);
  // Enter on a focused button is the button's, whatever the caret is on.
  await page.keyboard.press('Control+z');
  await page.focus('#stats-button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#stats-dialog[open]');
  await page.keyboard.press('Escape');
  // After a click on a button, a key the page takes (← →) brings the focus back to the text: Enter is the caret's again.
  await page.click('#stats-button');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'text');
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('#stats-dialog'), false);
  await context.close();
});

test('Tab reaches the annotation and relation lists, where ↑ ↓ Home End pick rows and the keys act on the pick', async () => {
  // Regression: the rows of both lists could be picked only with the mouse.
  const { page, context } = await openPage(env);
  // Empty lists are no Tab stops (they were, with nothing to pick).
  assert.deepEqual(await page.$$eval('#annlist, #rellist', (ols) => ols.map((ol) => ol.tabIndex)), [-1, -1]);
  await drag(page, '普京');
  await page.keyboard.press('1');
  await drag(page, '北京');
  await page.keyboard.press('3');
  await page.keyboard.press('Escape');
  const picked = (list) => page.$eval(`#${list}`, (ol) => ol.querySelector('li.picked')?.textContent ?? null);
  assert.equal(await page.$eval('#annlist', (ol) => ol.tabIndex), 0);
  await page.focus('#annlist');
  await page.keyboard.press('ArrowDown');
  assert.match(await picked('annlist'), /普京/);
  await page.keyboard.press('ArrowDown');
  assert.match(await picked('annlist'), /北京/);
  await page.keyboard.press('Home');
  assert.match(await picked('annlist'), /普京/);
  // A screen reader is told which row is picked, and where it stands, by the list itself (a listbox of options).
  const aria = await page.$eval('#annlist', (ol) => ({
    role: ol.getAttribute('role'),
    active: document.getElementById(ol.getAttribute('aria-activedescendant'))?.textContent ?? null,
    rows: [...ol.querySelectorAll('li')].map((li) => [li.getAttribute('role'), li.ariaSelected, li.ariaPosInSet, li.ariaSetSize]),
  }));
  assert.equal(aria.role, 'listbox');
  assert.match(aria.active, /普京/);
  assert.deepEqual(aria.rows, [
    ['option', 'true', '1', '2'],
    ['option', 'false', '2', '2'],
  ]);
  // The keys act on the row picked: r, → to the other annotation, Enter, the type key 1 make a relation.
  await page.keyboard.press('r');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.keyboard.press('1');
  await page.waitForFunction(() => document.querySelectorAll('#rellist li').length === 1);
  await page.keyboard.press('Escape');
  await page.focus('#rellist');
  await page.keyboard.press('ArrowDown');
  assert.match(await picked('rellist'), /普京.*北京/);
  assert.match(
    await page.$eval('#rellist', (ol) => document.getElementById(ol.getAttribute('aria-activedescendant'))?.textContent),
    /普京.*北京/,
  );
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => document.querySelectorAll('#rellist li').length === 0);
  assert.equal(await page.$$eval('#annlist li', (lis) => lis.length), 2, 'Delete on a picked relation deletes it and nothing else');
  await context.close();
});

test('a label of a dark colour gets white text on its tags and rows, a light one dark text', async () => {
  const { page, context } = await openPage(env);
  await drag(page, '普京');
  await page.keyboard.press('1');
  const inks = async () =>
    page.evaluate(() => [
      getComputedStyle(document.querySelector('#text .tag')).color,
      getComputedStyle(document.querySelector('#annlist .lab')).color,
    ]);
  assert.deepEqual(await inks(), ['rgb(0, 0, 0)', 'rgb(0, 0, 0)'], 'orange: dark text');
  await page.click('#labelbar button:last-child');
  await page.waitForSelector('#labels-dialog[open]');
  await page.$eval('#label-rows input[type=color]', (input) => {
    input.value = '#000033';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#text .tag')).color === 'rgb(255, 255, 255)');
  assert.deepEqual(await inks(), ['rgb(255, 255, 255)', 'rgb(255, 255, 255)'], 'navy: white text');
  const found = await violations(page);
  assert.deepEqual(found, [], show(found));
  await context.close();
});

// Regression: Open… and Add folder… are labels around hidden file inputs, which Tab passed by: a person without
// a mouse could not open a file.
test('Open… is reached without a mouse: Ctrl+O, and Tab (or Shift+Tab) to it then Enter, bring the file chooser, and the file chosen opens', async () => {
  const { page, problems } = await openPage(env);
  await waitReady(page);
  // Playwright catches file choosers only while something listens: one listener for the whole test, so that
  // catching is on before each key press (a waitForEvent alone turns it on a moment later).
  page.on('filechooser', () => {});
  await page.click('#text');
  let chooser = page.waitForEvent('filechooser', { timeout: 5000 });
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles({ name: 'keys.txt', mimeType: 'text/plain', buffer: Buffer.from('键盘打开的文件。') });
  await page.waitForFunction(() => document.getElementById('docname').textContent.startsWith('keys.txt'), null, { timeout: 15_000 });

  await page.focus('#export');
  let reached = '';
  // Back from Export, past the format menus, as a person tabbing along the toolbar.
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Shift+Tab');
    reached = await page.evaluate(() => {
      const at = document.activeElement;
      return at?.matches('label.button') && at.querySelector('#open-file') ? 'open' : '';
    });
  }
  assert.equal(reached, 'open', 'Tab reaches Open…');
  chooser = page.waitForEvent('filechooser', { timeout: 5000 });
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'tab.txt', mimeType: 'text/plain', buffer: Buffer.from('用 Tab 打开的文件。') });
  await page.waitForFunction(() => document.getElementById('docname').textContent.startsWith('tab.txt'), null, { timeout: 15_000 });
  assert.deepEqual(problems.page, []);
});
