// What a benchmark's page holds in memory, measured the same way by every benchmark.

/**
 * Memory after a full garbage collection: the page's JS heap (CDP), the
 * wasm memories of the page and of the segmentation worker, and the worker's
 * JS heap (CDP through the browser's target list), in MB (10^6 bytes, the unit).
 */
export async function memory(page, browser) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const wasmOf = async (where) =>
    where.evaluate(async () => {
      const url = new URL(self.document ? 'pkg/biaozhu.js' : '../pkg/biaozhu.js', location.href);
      const m = await import(url.href);
      const exports = await m.default({
        module_or_path: new URL(self.document ? 'pkg/biaozhu_bg.wasm' : '../pkg/biaozhu_bg.wasm', location.href),
      });
      return exports.memory.buffer.byteLength;
    });
  const pageWasm = await wasmOf(page);
  let workerWasm = 0;
  for (const w of page.workers()) workerWasm += await wasmOf(w);
  // A worker's own JS heap: Playwright gives no CDP session for a worker, so
  // the browser session sends the commands through the (older, unflattened)
  // target messaging.
  let workerHeap = 0;
  const bcdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await bcdp.send('Target.getTargets');
  for (const t of targetInfos.filter((x) => x.type === 'worker' && x.url.includes('segment-worker'))) {
    const { sessionId } = await bcdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
    const answer = new Promise((ok) =>
      bcdp.on('Target.receivedMessageFromTarget', (m) => {
        const msg = JSON.parse(m.message);
        if (m.sessionId === sessionId && msg.id === 2) ok(msg.result);
      }),
    );
    await bcdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }) });
    await bcdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 2, method: 'Runtime.getHeapUsage' }) });
    workerHeap += (await answer).usedSize;
  }
  await bcdp.detach();
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const MB = 1e6;
  return { heap: usedSize / MB, pageWasm: pageWasm / MB, workerWasm: workerWasm / MB, workerHeap: workerHeap / MB, nodes };
}
