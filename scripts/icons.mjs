// Draws the page's icons (www/icons/): a line of text with one word marked
// by a coloured bar under it and a tag above, as the page marks an
// annotation. Plain shapes, so the drawing is the same everywhere: no font
// is read, and the PNGs come out byte for byte the same on every machine.
// The manifest (www/manifest.json) names them.
//
// Usage: node scripts/icons.mjs   (writes www/icons/*.svg, *.png)
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const OUT = new URL('../www/icons/', import.meta.url);

/** Colours of the page (style.css): its accent, and a label colour. */
const BLUE = [36, 88, 214];
const WHITE = [255, 255, 255];
const MARK = [255, 196, 61];

/**
 * The shapes on a 100 × 100 square, drawn in order: `[x, y, w, h, radius,
 * colour]`. With `bleed`, the background fills the square (a maskable icon,
 * whose platform cuts its own shape, keeps what matters in the middle 80 %).
 */
function shapes(bleed) {
  const s = bleed ? 0.8 : 1;
  const o = bleed ? 10 : 0;
  const at = (x, y, w, h, r, colour) => [o + x * s, o + y * s, w * s, h * s, r * s, colour];
  return [
    bleed ? [0, 0, 100, 100, 0, BLUE] : [0, 0, 100, 100, 20, BLUE],
    // Three lines of text, as grey-white blocks.
    at(16, 28, 68, 9, 4.5, WHITE),
    at(16, 50, 20, 9, 4.5, WHITE),
    at(58, 50, 26, 9, 4.5, WHITE),
    at(16, 72, 50, 9, 4.5, WHITE),
    // The marked word, its bar and its tag.
    at(39, 50, 16, 9, 4.5, MARK),
    at(39, 62, 16, 3.5, 1.75, MARK),
    at(38, 40, 18, 6, 3, MARK),
  ];
}

/** Coverage of `(px, py)` by the rounded rectangle (1 inside, 0 outside). */
function inside([x, y, w, h, r], px, py) {
  const dx = Math.max(x + r - px, 0, px - (x + w - r));
  const dy = Math.max(y + r - py, 0, py - (y + h - r));
  if (px < x || px > x + w || py < y || py > y + h) return false;
  return dx * dx + dy * dy <= r * r;
}

/** RGBA pixels of the icon at `size` px, 4 × 4 samples a pixel for smooth edges. */
function raster(size, bleed) {
  const list = shapes(bleed);
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const ux = ((px + (sx + 0.5) / n) / size) * 100;
          const uy = ((py + (sy + 0.5) / n) / size) * 100;
          let colour = null;
          for (const shape of list) if (inside(shape, ux, uy)) colour = shape[5];
          if (!colour) continue;
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
          sum[3] += 255;
        }
      }
      const covered = sum[3] / 255;
      const i = (py * size + px) * 4;
      // Colour averaged over the covered samples (not darkened by the empty ones), alpha by coverage.
      for (let c = 0; c < 3; c++) pixels[i + c] = covered ? Math.round(sum[c] / covered) : 0;
      pixels[i + 3] = Math.round(sum[3] / (n * n));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG (8-bit RGBA, no filter) of `size` × `size` `pixels`. */
export function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg(bleed) {
  const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const rects = shapes(bleed).map(
    ([x, y, w, h, r, colour]) => `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${r}" fill="${hex(colour)}"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${rects.join('')}</svg>\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(new URL('icon.svg', OUT), svg(false));
  for (const size of [192, 512]) writeFileSync(new URL(`icon-${size}.png`, OUT), png(size, raster(size, false)));
  writeFileSync(new URL('maskable-512.png', OUT), png(512, raster(512, true)));
  // iOS cuts its own corners and fills what is transparent with black: the square filled.
  writeFileSync(new URL('icon-180.png', OUT), png(180, raster(180, true)));
  console.log('www/icons/: icon.svg, icon-180.png, icon-192.png, icon-512.png, maskable-512.png');
}
