// `cargo xtask bench`: what the demo page weighs and how fast it gets going, in headless Debian
// Chromium against the built dist/. Prints a report and writes target/bench.json.
//
// - bytes: every file the demo page fetches, raw, gzip (level 9) and brotli (quality 11);
// - timings over fresh loads (new browser context each): navigation start → `sahel-map:ready`,
//   and a real click inside Niger → its name in the details panel;
// - memory after load: JS heap in use (CDP Runtime.getHeapUsage) and the wasm linear memory.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { launch, open, waitForState, pointInside, file, BASE, DIST } from '../tests/e2e/helpers.mjs';

const RUNS = Number(process.env.SAHEL_BENCH_RUNS ?? 7);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs });
const ms = (s) => `${s.median.toFixed(1)} ms (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)})`;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

const browser = await launch();
const ready = [];
const click = [];
const heap = [];
const wasm = [];
let files = [];

for (let run = 0; run < RUNS; run++) {
  const { page, context, record } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  ready.push(await page.evaluate(() => window.__sahel.readyAt));

  await page.waitForLoadState('networkidle');
  if (run === 0) files = [...new Set(record.responses)].filter((u) => u.startsWith(BASE));

  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const point = await pointInside(page, 'NER');
  await page.evaluate(() => {
    const root = document.querySelector('sahel-map').shadowRoot;
    window.__clicked = new Promise((resolve) => {
      let start = null;
      root.addEventListener('click', (e) => (start = e.timeStamp), { capture: true, once: true });
      new MutationObserver((_, observer) => {
        if (root.querySelector('[data-part="details"] h2')) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
  });
  await page.mouse.click(point.x, point.y);
  click.push(await page.evaluate(() => window.__clicked));

  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  heap.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
  wasm.push(
    await page.evaluate(async (name) => {
      const core = await import(new URL(name, document.baseURI).href);
      return (await core.default()).memory.buffer.byteLength;
    }, file('sahel_map_core.js')),
  );
  await context.close();
}
await browser.close();

const rows = files.map((url) => {
  const file = new URL(url).pathname.replace(/^\//, '') || 'index.html';
  const raw = readFileSync(join(DIST, file));
  return {
    file,
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
  raw: 0, gzip: 0, brotli: 0,
});

const report = {
  runs: RUNS,
  bytes: { files: rows, total },
  navigation_to_ready_ms: stats(ready),
  click_to_details_ms: stats(click),
  js_heap_bytes: stats(heap),
  wasm_memory_bytes: stats(wasm),
};
const out = process.env.SAHEL_BENCH_OUT ?? 'target/bench.json';
writeFileSync(out, JSON.stringify(report, null, 2) + '\n');

const pad = (s, n) => String(s).padStart(n);
console.log(`What the demo page fetches (bytes):`);
console.log(`${'file'.padEnd(28)} ${pad('raw', 9)} ${pad('gzip', 9)} ${pad('brotli', 9)}`);
for (const r of rows) console.log(`${r.file.padEnd(28)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}`);
console.log(`${'total'.padEnd(28)} ${pad(total.raw, 9)} ${pad(total.gzip, 9)} ${pad(total.brotli, 9)}`);
console.log(`\nHeadless Chromium, ${RUNS} fresh loads, median (min, max):`);
console.log(`navigation → ready      ${ms(report.navigation_to_ready_ms)}`);
console.log(`click → details         ${ms(report.click_to_details_ms)}`);
console.log(`JS heap after load      ${kb(median(heap))} (min ${kb(Math.min(...heap))}, max ${kb(Math.max(...heap))})`);
console.log(`wasm memory after load  ${kb(median(wasm))}`);
console.log(`\nwritten to ${out}`);
