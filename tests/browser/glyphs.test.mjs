// Fonts (issue 19): a character of CJK Extension B, 𠮷 (U+20BB7), is drawn
// with a real glyph, not the empty box of a character no font has. The box is
// what U+10FFFD (a private-use code point, in no font) draws: 𠮷's pixels
// must differ from it, and Chromium must say that a font with 𠮷 drew the
// paragraph that holds 𠮷 alone. (Two code points no font has need not draw
// the same box: some last-resort fonts print the code point in it.) The page's font stack (style.css) names the fonts
// that have Extension B, and scripts/setup.sh installs one on Debian.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { locate, openPage, paste, setup } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env.close());

/** The screenshot of a square around the `needle`'s first character. */
async function drawn(page, needle) {
  const { first } = await locate(page, needle);
  const h = first.bottom - first.top;
  const clip = { x: first.left - 2, y: first.top - 2, width: h + 4, height: h + 4 };
  // The glyph alone: the word shading and the caret differ with the segmentation, not the font.
  await page.evaluate(() => CSS.highlights.clear());
  return { png: await page.screenshot({ clip }) };
}

test('𠮷 (CJK Extension B) is drawn with a glyph of a real font, unlike a code point no font has', async () => {
  const fonts = execFileSync('fc-list', [':charset=20bb7', 'family'], { encoding: 'utf8' }).trim();
  assert.ok(fonts, 'a font with U+20BB7 is installed (scripts/setup.sh installs fonts-babelstone-han)');
  const { page, context } = await openPage(env);
  await paste(page, env, '𠮷\n\u{10FFFD}野家');
  await page.waitForFunction(() => document.querySelector('#text .para')?.textContent === '𠮷');
  const real = await drawn(page, '𠮷');
  const none = await drawn(page, '\u{10FFFD}');
  assert.notDeepEqual(real.png, none.png, '𠮷 is not drawn as the missing-glyph box');
  // The font the text's first paragraph was drawn with, as Chromium reports it.
  const cdp = await context.newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#text .para' });
  await cdp.send('CSS.enable');
  const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  const families = used.map((f) => f.familyName);
  assert.ok(
    families.some((f) => fonts.includes(f)),
    `a font with 𠮷 (${fonts.replace(/\n/g, ', ')}) draws the paragraph; used: ${families.join(', ')}`,
  );
  await context.close();
});
