// Text on a label colour stays readable (issue 19): whatever colour a person
// gives a label, the ink chosen for its tags and rows has a WCAG contrast of
// at least 4.5 on it, at the opacities the views draw it with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inkOn, INK } from '../../www/js/views/tint.js';

const lum = (hex) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const over = (hex, alpha) =>
  `#${[1, 3, 5]
    .map((i) =>
      Math.round(parseInt(hex.slice(i, i + 2), 16) * alpha + 255 * (1 - alpha))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);

test('every colour of a 4096-colour grid, at the tag and row opacities, gets ink of contrast 4.5 or more', () => {
  let worst = Infinity;
  for (let r = 0; r < 256; r += 17)
    for (let g = 0; g < 256; g += 17)
      for (let b = 0; b < 256; b += 17) {
        const hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
        for (const alpha of [0.6, 0.85, 1]) worst = Math.min(worst, ratio(inkOn(hex, alpha), over(hex, alpha)));
      }
  assert.ok(worst >= 4.5, `worst contrast ${worst.toFixed(2)}`);
});

test('dark ink on the default light labels, white on a dark one; a malformed colour is drawn grey with dark ink', () => {
  assert.equal(inkOn('#e6550d', 0.85), INK.dark);
  assert.equal(inkOn('#000033', 0.85), INK.light);
  assert.equal(inkOn('#000000', 1), INK.light);
  assert.equal(inkOn('not a colour', 0.85), INK.dark);
});
