// Label colours as the views draw them.
const HEX = /^#[0-9a-f]{6}$/i;

/** `#rrggbb` to `rgb(r g b / a)`; anything else becomes grey (colours are validated values). */
export function tint(color, alpha) {
  const c = HEX.test(color) ? color : '#999999';
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** Relative luminance (WCAG 2) of an sRGB colour `[r, g, b]` of 0–255. */
function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two luminances. */
const contrast = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * Dark and light text for label colours: black and white, the pair of which
 * one always has a contrast of at least 4.58 on any colour (WCAG AA asks 4.5).
 */
export const INK = { dark: '#000000', light: '#ffffff' };

/**
 * The text colour that reads best on `tint(color, alpha)` drawn over white
 * (the text's background): dark ink unless the label's colour is so dark
 * that white contrasts more. A person may choose any colour for a label; the
 * name on it stays readable whichever they pick.
 */
export function inkOn(color, alpha) {
  const c = HEX.test(color) ? color : '#999999';
  const rgb = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16) * alpha + 255 * (1 - alpha));
  const behind = luminance(rgb);
  const dark = contrast(behind, 0);
  const light = contrast(behind, 1);
  return dark >= light ? INK.dark : INK.light;
}
