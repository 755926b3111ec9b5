// `cargo xtask bench`: the demo page against ../shared/peer/ (a hand-built D3 map of the same
// region), measured in one run by one harness, in headless Debian Chromium. Prints a report and
// writes target/bench.json. These machines are noisy: read the ratios, not the milliseconds.
//
// - bytes: every file each page fetches, raw, gzip (level 9) and brotli (quality 11);
// - fresh loads (new browser context each): navigation start → ready (`sahel-map:ready`; the
//   peer's `data-ready`), a real click inside Niger → its details, JS heap after load (and the
//   widget's wasm memory);
// - the host page on a throttled network (1.6 Mbit/s down, 150 ms round trip, 4× CPU): the
//   demo article's first contentful paint and layout shift with the widget and without it;
// - under 4× CPU: click → details for the five states, and frame times during a drag and a
//   Ctrl + wheel zoom (median, 95th percentile, worst);
// - the load's main-thread tasks under 4× CPU at a phone's size (Chromium trace), both pages:
//   the longest task from navigation to ready and the time past 50 ms summed over those tasks
//   (what Lighthouse calls blocking, without its simulation);
// - twenty maps on one page: the last one ready, heap and wasm memory;
// - Lighthouse (mobile preset, simulated slow 4G and 4× CPU), both pages, two runs each.
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { launch, open, waitForState, pointInside, file, BASE, DIST } from '../tests/e2e/helpers.mjs';

const RUNS = Number(process.env.SAHEL_BENCH_RUNS ?? 7);
const THROTTLED_RUNS = Number(process.env.SAHEL_BENCH_THROTTLED_RUNS ?? 5);
const LIGHTHOUSE_RUNS = Number(process.env.SAHEL_BENCH_LIGHTHOUSE_RUNS ?? 2);
const PEER = process.env.SAHEL_PEER_URL;
const PEER_DIR = process.env.SAHEL_PEER_DIR;
const LIGHTHOUSE = process.env.SAHEL_LIGHTHOUSE;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs });

// The bytes of the files a page fetched from `base`, read from `dir`.
function bytes(urls, base, dir) {
  const files = [...new Set(urls)].filter((u) => u.startsWith(base)).map((url) => {
    const name = new URL(url).pathname.replace(/^\//, '') || 'index.html';
    const raw = readFileSync(join(dir, name));
    return {
      file: name,
      raw: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
      brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const sum = (k) => files.reduce((t, f) => t + f[k], 0);
  return { files, total: { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') } };
}

// Times a real click at `point` until `done()` holds in the page, from the click event's stamp;
// `painted`: until the frame that shows it is drawn (a message posted from the next animation
// frame runs once its style, layout and paint are done).
async function timeClick(page, point, done, painted = false) {
  await page.evaluate(([done, painted]) => {
    const test = new Function(`return (${done})()`);
    window.__clicked = new Promise((resolve) => {
      let start = null;
      document.addEventListener('click', (e) => (start = e.timeStamp), { capture: true, once: true });
      const check = () => {
        if (start !== null && test()) {
          observer.disconnect();
          if (!painted) return resolve(performance.now() - start);
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now() - start);
            channel.port2.postMessage(null);
          });
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, childList: true, characterData: true });
      // The widget renders into a shadow root, which a document observer does not see.
      const root = document.querySelector('sahel-map')?.shadowRoot;
      if (root) observer.observe(root, { subtree: true, childList: true, characterData: true });
    });
  }, [done.toString(), painted]);
  await page.mouse.click(point.x, point.y);
  return page.evaluate(() => window.__clicked);
}

async function heapOf(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

const browser = await launch();

// The widget, on the demo article.
const widget = { ready: [], click: [], heap: [], wasm: [], urls: [] };
for (let run = 0; run < RUNS; run++) {
  const { page, context, record } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  widget.ready.push(await page.evaluate(() => window.__sahel.readyAt));
  await page.waitForLoadState('networkidle');
  if (run === 0) widget.urls = [...record.responses]; // before the click fetches the whole dataset
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const point = await pointInside(page, 'NER');
  widget.click.push(
    await timeClick(page, point, () => !!document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2')),
  );
  widget.heap.push(await heapOf(context, page));
  widget.wasm.push(
    await page.evaluate(async (name) => {
      const core = await import(new URL(name, document.baseURI).href);
      return (await core.default()).memory.buffer.byteLength;
    }, file('sahel_map_core.js')),
  );
  await context.close();
}

// The reference is ready when #map says `data-ready`: marked `bench-ready` by an init script,
// for the fresh loads and the traces alike.
function markPeerReady() {
  new MutationObserver((_, observer) => {
    if (document.getElementById('map')?.getAttribute('data-ready') === 'true') {
      performance.mark('bench-ready');
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, childList: true });
}
const readyMark = () => performance.getEntriesByName('bench-ready').length > 0;

// The reference page: ready when #map says so, details when #details names Niger.
const peer = { ready: [], click: [], heap: [], urls: [] };
for (let run = 0; PEER && run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const urls = [];
  page.on('response', (r) => urls.push(r.url()));
  await page.addInitScript(markPeerReady);
  await page.goto(new URL('index.html', PEER).href);
  await page.waitForFunction(readyMark, null, { timeout: 30000, polling: 50 });
  peer.ready.push(await page.evaluate(() => performance.getEntriesByName('bench-ready')[0].startTime));
  await page.waitForLoadState('networkidle');
  if (run === 0) peer.urls = [...urls];
  // A point where Niger's own shape is on top (not a city marker or a link).
  const point = await page.evaluate(() => {
    const shape = document.querySelector('path[data-iso="562"]');
    const box = shape.getBoundingClientRect();
    for (let i = 1; i < 20; i++) {
      for (let j = 1; j < 20; j++) {
        const [x, y] = [box.left + (box.width * i) / 20, box.top + (box.height * j) / 20];
        if (document.elementFromPoint(x, y) === shape) return { x, y };
      }
    }
    return null;
  });
  peer.click.push(await timeClick(page, point, () => /562/.test(document.getElementById('details')?.textContent ?? '')));
  peer.heap.push(await heapOf(context, page));
  await context.close();
}

// The load's tasks on the page's main thread under 4× CPU, at Lighthouse's phone size, from
// navigation start to ready (the widget's `sahel-map:ready`, the peer's `data-ready`), read
// from a Chromium trace: the longest, and the time past 50 ms summed over them.
const LOAD_TASK_RUNS = 3;
async function loadTasks(url, readyScript) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  await page.addInitScript(readyScript);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  await page.goto(url);
  await page.waitForFunction(readyMark, null, { timeout: 60000, polling: 50 });
  await cdp.send('Tracing.end');
  await complete;
  await context.close();
  const ready = events.find((e) => e.name === 'bench-ready');
  const start = events
    .filter((e) => e.name === 'navigationStart' && e.pid === ready?.pid && e.ts <= ready.ts)
    .sort((a, b) => b.ts - a.ts)[0];
  if (!ready || !start) throw new Error(`bench: no navigation or ready mark in the trace of ${url}`);
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.pid === ready.pid && e.tid === ready.tid && e.ts >= start.ts && e.ts <= ready.ts)
    .map((e) => e.dur / 1000);
  return { longest_ms: Math.max(0, ...tasks), past_50_ms: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0) };
}
const loadTaskStats = (runs) => ({ longest_ms: stats(runs.map((r) => r.longest_ms)), past_50_ms: stats(runs.map((r) => r.past_50_ms)) });
const widgetTasks = [];
const peerTasks = [];
for (let run = 0; run < LOAD_TASK_RUNS; run++) {
  widgetTasks.push(
    await loadTasks(new URL('index.html', BASE).href, () =>
      document.addEventListener('sahel-map:ready', () => performance.mark('bench-ready'), { once: true }),
    ),
  );
  if (PEER) {
    peerTasks.push(
      await loadTasks(new URL('index.html', PEER).href, markPeerReady),
    );
  }
}

// Interaction under 4× CPU throttling, the whole dataset in (its sources in the panel): a real
// click on each of the five states in turn → its details drawn (the next frame painted), and the main thread's time per frame
// during a mouse drag and a Ctrl + wheel zoom, one input per frame. A frame's time runs from its
// start (the `requestAnimationFrame` stamp, before input is handled) to a message posted from
// that callback, which runs once style, layout and paint are done.
// Niger is selected first, so the round starts elsewhere and every click changes the details.
const STATES = ['MLI', 'BFA', 'TCD', 'MRT', 'NER'];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const dist = (xs) => ({ median: median(xs), p95: p95(xs), max: Math.max(...xs), count: xs.length });
async function throttledInteraction() {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const heading = () => page.evaluate(() => document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2')?.textContent ?? '');
  const niger = await pointInside(page, 'NER');
  await page.mouse.click(niger.x, niger.y);
  await page.waitForFunction(() => !!document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] .sm-sources a[href^="http"]'), null, { timeout: 30000, polling: 100 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const clicks = [];
  for (let round = 0; round < 4; round++) {
    for (const iso of STATES) {
      const point = await pointInside(page, iso);
      const before = await heading();
      await page.evaluate((before) => (window.__before = before), before);
      clicks.push(
        await timeClick(
          page,
          point,
          () => {
            const h2 = document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2');
            return !!h2 && h2.textContent !== window.__before;
          },
          true,
        ),
      );
    }
  }
  // Clear the selection, so the gestures run over the default view.
  await page.keyboard.press('Escape');
  const box = await page.evaluate(() => {
    const r = document.querySelector('sahel-map').shadowRoot.querySelector('svg.sm-map').getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  const nextFrame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
  const frames = async (gesture) => {
    await page.evaluate(() => {
      window.__frames = [];
      window.__measuring = true;
      const channel = new MessageChannel();
      let start = 0;
      channel.port1.onmessage = () => window.__frames.push(performance.now() - start);
      const tick = (t) => {
        if (!window.__measuring) return;
        start = t;
        channel.port2.postMessage(null);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await gesture();
    return page.evaluate(() => {
      window.__measuring = false;
      return window.__frames;
    });
  };
  const drag = await frames(async () => {
    await page.mouse.move(box.x, box.y);
    await page.mouse.down();
    for (let i = 1; i <= 40; i++) {
      await page.mouse.move(box.x + i * 4, box.y + i * 2);
      await nextFrame();
    }
    await page.mouse.up();
  });
  const zoom = await frames(async () => {
    await page.keyboard.down('Control');
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, i < 10 ? -60 : 60);
      await nextFrame();
    }
    await page.keyboard.up('Control');
  });
  await context.close();
  return { clicks, drag, zoom };
}
const interaction = await throttledInteraction();

// Twenty maps on one page, all in view at once (a viewport tall enough for every one, so none
// waits to be scrolled to): navigation → the last one ready, JS heap and wasm memory after.
const MAPS = 20;
async function manyMaps() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 8000 } });
  const page = await context.newPage();
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Twenty maps</title>
<script type="module" src="${file('sahel-map.js')}"></script>
<style>body{margin:0;display:grid;grid-template-columns:repeat(5,1fr);gap:8px}</style></head><body>
${Array.from({ length: MAPS }, (_, i) => `<sahel-map headline="Map ${i + 1}"></sahel-map>`).join('\n')}
</body></html>`;
  const url = new URL('bench-twenty.html', BASE).href;
  await page.route(url, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html }));
  await page.addInitScript(() => {
    window.__ready = [];
    window.__errors = [];
    document.addEventListener('sahel-map:ready', () => window.__ready.push(performance.now()));
    document.addEventListener('sahel-map:error', (e) => window.__errors.push(e.detail?.message ?? String(e.detail)));
  });
  await page.goto(url);
  await page
    .waitForFunction((n) => window.__ready.length >= n, MAPS, { timeout: 120000, polling: 100 })
    .catch(async (e) => {
      const states = await page.evaluate(() => [...document.querySelectorAll('sahel-map')].map((m) => m.getAttribute('state')));
      const errors = await page.evaluate(() => window.__errors);
      throw new Error(`bench: ${MAPS} maps never all ready: ${states.join(' ')}; errors: ${errors.join(' | ')}`, { cause: e });
    });
  const ready = await page.evaluate(() => ({ first: Math.min(...window.__ready), last: Math.max(...window.__ready) }));
  const heap = await heapOf(context, page);
  const wasm = await page.evaluate(async (name) => {
    const core = await import(new URL(name, document.baseURI).href);
    return (await core.default()).memory.buffer.byteLength;
  }, file('sahel_map_core.js'));
  await context.close();
  return { maps: MAPS, ready_first_ms: ready.first, ready_last_ms: ready.last, js_heap_bytes: heap, wasm_memory_bytes: wasm };
}
const many = [];
for (let run = 0; run < 3; run++) many.push(await manyMaps());

// The host page on a throttled network: the article's first paint and layout shift with the
// widget, and with the element and its loader taken out of the same article.
const article = readFileSync(join(DIST, 'index.html'), 'utf8');
const bare = article
  .replace(/<script type="module" src="sahel-map\.js"[^>]*><\/script>/, '')
  .replace(/<sahel-map[\s\S]*?<\/sahel-map>/, '');
if (bare === article) throw new Error('bench: could not take the widget out of dist/index.html');
// Served as the article is, with its compressed twins: a page fulfilled by the harness would
// skip the throttled network and flatter the page without the widget.
const BARE = 'bench-without-widget.html';
writeFileSync(join(DIST, BARE), bare);
writeFileSync(join(DIST, `${BARE}.gz`), gzipSync(bare, { level: 9 }));
writeFileSync(join(DIST, `${BARE}.br`), brotliCompressSync(bare, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
async function throttledLoad(withWidget) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    window.__readyAt = null;
    document.addEventListener('sahel-map:ready', () => (window.__readyAt ??= performance.now()));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1e6) / 8,
    uploadThroughput: (0.75 * 1e6) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(new URL(withWidget ? 'index.html' : BARE, BASE).href, { waitUntil: 'load', timeout: 120000 });
  if (withWidget) await page.waitForFunction(() => window.__readyAt !== null, null, { timeout: 120000, polling: 100 });
  await page.waitForTimeout(500);
  const result = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    cls: window.__shift,
    ready: window.__readyAt,
  }));
  await context.close();
  return result;
}
const host = { with: [], without: [] };
for (let run = 0; run < THROTTLED_RUNS; run++) {
  host.without.push(await throttledLoad(false));
  host.with.push(await throttledLoad(true));
}
await browser.close();
for (const name of [BARE, `${BARE}.gz`, `${BARE}.br`]) rmSync(join(DIST, name));

// Lighthouse, mobile preset, performance only.
function lighthouse(url) {
  if (!LIGHTHOUSE) return null;
  const runs = [];
  for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
    const out = execFileSync(
      process.execPath,
      [
        LIGHTHOUSE,
        url,
        `--chrome-path=${process.env.CHROMIUM ?? '/usr/bin/chromium'}`,
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
        '--only-categories=performance',
        '--output=json',
        '--output-path=stdout',
        '--quiet',
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const lhr = JSON.parse(out.toString());
    const audit = (id) => lhr.audits[id]?.numericValue ?? null;
    runs.push({
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      fcp_ms: audit('first-contentful-paint'),
      tti_ms: audit('interactive'),
      tbt_ms: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
    });
  }
  const pick = (k) => median(runs.map((r) => r[k]));
  return { runs, median: { score: pick('score'), fcp_ms: pick('fcp_ms'), tti_ms: pick('tti_ms'), tbt_ms: pick('tbt_ms'), cls: pick('cls') } };
}

const widgetBytes = bytes(widget.urls, BASE, DIST);
const peerBytes = PEER ? bytes(peer.urls, PEER, PEER_DIR) : null;
const ratio = (a, b) => (b ? a / b : null);
const fcpWith = median(host.with.map((r) => r.fcp));
const fcpWithout = median(host.without.map((r) => r.fcp));
const report = {
  runs: RUNS,
  widget: {
    bytes: widgetBytes,
    navigation_to_ready_ms: stats(widget.ready),
    click_to_details_ms: stats(widget.click),
    js_heap_bytes: stats(widget.heap),
    wasm_memory_bytes: stats(widget.wasm),
    load_tasks_cpu_4x: loadTaskStats(widgetTasks),
    lighthouse: lighthouse(new URL('index.html', BASE).href),
  },
  peer: PEER && {
    bytes: peerBytes,
    navigation_to_ready_ms: stats(peer.ready),
    click_to_details_ms: stats(peer.click),
    js_heap_bytes: stats(peer.heap),
    load_tasks_cpu_4x: loadTaskStats(peerTasks),
    lighthouse: lighthouse(new URL('index.html', PEER).href),
  },
  host_page_throttled: {
    network: '1.6 Mbit/s down, 0.75 up, 150 ms round trip; CPU 4× slower',
    runs: THROTTLED_RUNS,
    fcp_with_widget_ms: stats(host.with.map((r) => r.fcp)),
    fcp_without_widget_ms: stats(host.without.map((r) => r.fcp)),
    fcp_ratio: ratio(fcpWith, fcpWithout),
    layout_shift_with_widget: stats(host.with.map((r) => r.cls)),
    ready_with_widget_ms: stats(host.with.map((r) => r.ready)),
  },
  interaction_cpu_4x: {
    click_to_details_ms: dist(interaction.clicks),
    drag_frame_ms: dist(interaction.drag),
    zoom_frame_ms: dist(interaction.zoom),
  },
  twenty_maps: {
    runs: many,
    ready_last_ms: stats(many.map((r) => r.ready_last_ms)),
    js_heap_bytes: stats(many.map((r) => r.js_heap_bytes)),
    wasm_memory_bytes: stats(many.map((r) => r.wasm_memory_bytes)),
  },
};
report.ratios = PEER && {
  bytes_brotli: ratio(widgetBytes.total.brotli, peerBytes.total.brotli),
  ready: ratio(report.widget.navigation_to_ready_ms.median, report.peer.navigation_to_ready_ms.median),
  click: ratio(report.widget.click_to_details_ms.median, report.peer.click_to_details_ms.median),
  lighthouse_tti: report.peer.lighthouse && ratio(report.widget.lighthouse.median.tti_ms, report.peer.lighthouse.median.tti_ms),
};
const out = process.env.SAHEL_BENCH_OUT ?? 'target/bench.json';
writeFileSync(out, JSON.stringify(report, null, 2) + '\n');

// The report: one table, the widget beside the reference, with the ratios.
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const msf = (n) => (n === null || n === undefined ? '–' : `${Math.round(n)} ms`);
const x = (r) => (r === null || r === undefined ? '–' : `${r.toFixed(2)}×`);
const lw = report.widget.lighthouse?.median;
const lp = report.peer?.lighthouse?.median;
const rows = [
  ['fetched on load, brotli', kb(widgetBytes.total.brotli), peerBytes ? kb(peerBytes.total.brotli) : '–', x(report.ratios?.bytes_brotli)],
  ['navigation → ready, median', msf(report.widget.navigation_to_ready_ms.median), msf(report.peer?.navigation_to_ready_ms.median), x(report.ratios?.ready)],
  ['click → details, median', `${report.widget.click_to_details_ms.median.toFixed(1)} ms`, report.peer ? `${report.peer.click_to_details_ms.median.toFixed(1)} ms` : '–', x(report.ratios?.click)],
  ['load at 4× CPU: longest task, median', msf(report.widget.load_tasks_cpu_4x.longest_ms.median), msf(report.peer?.load_tasks_cpu_4x.longest_ms.median), ''],
  ['load at 4× CPU: time past 50 ms, median', msf(report.widget.load_tasks_cpu_4x.past_50_ms.median), msf(report.peer?.load_tasks_cpu_4x.past_50_ms.median), ''],
  ['JS heap after load, median', kb(median(widget.heap)), peer.heap.length ? kb(median(peer.heap)) : '–', ''],
  ['Lighthouse mobile: score', lw ? String(lw.score) : '–', lp ? String(lp.score) : '–', ''],
  ['Lighthouse: first contentful paint', msf(lw?.fcp_ms), msf(lp?.fcp_ms), x(lw && lp && ratio(lw.fcp_ms, lp.fcp_ms))],
  ['Lighthouse: time to interactive', msf(lw?.tti_ms), msf(lp?.tti_ms), x(report.ratios?.lighthouse_tti)],
  ['Lighthouse: total blocking time', msf(lw?.tbt_ms), msf(lp?.tbt_ms), ''],
];
console.log(`The widget (demo article) and the D3 reference (../shared/peer), ${RUNS} fresh loads each:\n`);
console.log('| | the widget | the D3 reference | ratio |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
const h = report.host_page_throttled;
console.log(`\nThe article on a throttled network (${h.network}), ${THROTTLED_RUNS} loads each:`);
console.log(`first contentful paint: ${msf(h.fcp_with_widget_ms.median)} with the widget, ${msf(h.fcp_without_widget_ms.median)} without (${x(h.fcp_ratio)})`);
console.log(`layout shift with the widget: ${h.layout_shift_with_widget.max.toFixed(3)} at most; ready at ${msf(h.ready_with_widget_ms.median)}`);
console.log(`wasm memory after load: ${kb(median(widget.wasm))}`);
const ix = report.interaction_cpu_4x;
const ms1 = (n) => `${n.toFixed(1)} ms`;
console.log(`\nUnder 4× CPU, the whole dataset in (median, 95th percentile, worst):`);
console.log(`click → details drawn (${ix.click_to_details_ms.count} clicks): ${ms1(ix.click_to_details_ms.median)}, ${ms1(ix.click_to_details_ms.p95)}, ${ms1(ix.click_to_details_ms.max)}`);
console.log(`frame during a drag (${ix.drag_frame_ms.count} frames): ${ms1(ix.drag_frame_ms.median)}, ${ms1(ix.drag_frame_ms.p95)}, ${ms1(ix.drag_frame_ms.max)}`);
console.log(`frame during a Ctrl + wheel zoom (${ix.zoom_frame_ms.count} frames): ${ms1(ix.zoom_frame_ms.median)}, ${ms1(ix.zoom_frame_ms.p95)}, ${ms1(ix.zoom_frame_ms.max)}`);
const tm = report.twenty_maps;
console.log(`\n${MAPS} maps on one page, all in view: the last ready at ${msf(tm.ready_last_ms.median)} (median of ${many.length}); JS heap ${kb(tm.js_heap_bytes.median)}, wasm memory ${kb(tm.wasm_memory_bytes.median)}`);
console.log(`\nFiles the demo fetches (raw, gzip, brotli):`);
for (const f of widgetBytes.files) console.log(`  ${f.file.padEnd(36)} ${String(f.raw).padStart(8)} ${String(f.gzip).padStart(8)} ${String(f.brotli).padStart(8)}`);
console.log(`\nwritten to ${out}`);
