// Label colours as the views draw them.
const HEX = /^#[0-9a-f]{6}$/i;

/** `#rrggbb` to `rgb(r g b / a)`; anything else becomes grey (colours are validated values). */
export function tint(color, alpha) {
  const c = HEX.test(color) ? color : '#999999';
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}
