// What the page benchmarks that drive Chromium share: figures of a list of
// timings, a wait for the page to have drawn, and the browser with a server
// of www/ and a scratch folder, closed whatever happens.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../serve.mjs';
import { CHROMIUM_ARGS } from '../../tests/browser/harness.mjs';

export const sorted = (xs) => [...xs].sort((a, b) => a - b);
export const p95 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] ?? NaN;
export const median = (xs) => sorted(xs)[Math.floor((xs.length - 1) / 2)] ?? NaN;
export const ms = (x) => `${x.toFixed(1)} ms`;

/** Resolves once the page has rendered two frames and run a task after them. */
export const settle = (page) =>
  page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 0)))));

/** `run({dir, base, browser})` with a scratch folder, a server of www/ at `base` and headless Chromium; all closed after. */
export async function inBrowser(prefix, run) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const server = await startServer(undefined, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    return await run({ dir, base, browser });
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A page (with `instrument` run before its scripts) that opens `file` through
 * the Open control, once it holds `count` annotations and is ready:
 * `{page, context, before}`, `before` what `beforeOpen(page)` gave just before.
 */
export async function openFile(browser, base, { file, count, instrument, beforeOpen }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(`${base}?sample`);
  const ready = () =>
    page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 120_000, polling: 100 });
  await ready();
  const before = await beforeOpen?.(page);
  await page.setInputFiles('#open-file', file);
  await page
    .waitForFunction((n) => document.getElementById('count').textContent === String(n), count, { timeout: 120_000, polling: 100 })
    .catch(async (e) => {
      throw new Error(
        `the page counts ${await page.textContent('#count')} annotations, not ${count}: ${await page.textContent('#banner')} (${e.message})`,
      );
    });
  await ready();
  return { page, context, before };
}
