// The demo article as a reader gets it: load, look, click, keyboard, small screens, weight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { launch, open, waitForState, pointInside, file, BASE, DIST, SHOTS } from './helpers.mjs';

const CORE = ['NER', 'MLI', 'BFA', 'TCD', 'MRT'];
// Bytes the demo page fetches, each file brotli-compressed. 120 KB held the map alone; the
// dataset compiled in (34 KB of facts and sources, 14 KB to read and check them) and the layer,
// panel and link code took it past that; the readable default view (partner marks, blocs, lines
// on demand, symbols merged on screen) took 240 KB to 249 KB. Minifying the loader and the glue
// brought it to 244 KB, and the cap follows each gain down; issue 19's target is 150 KB. The
// article's prerendered first frame (3.7 KB, so the page never waits for the loader) less the
// countries at 2 decimals (1.4 KB) put it at 246.5 KB: 247 KB (246,975 B with the gestures'
// settling, commit e7e7872, and the frame's stylesheet trimmed). Short names for the wasm's
// imports and exports, in the wasm and the glue, took 5.3 KB off (241,689 B); moving the picture
// through the compositor during a wheel or pinch put 1.2 KB back (242,938 B), and loading in
// steps, each a task of its own, 1.5 KB more: 245 KB. Dropping wasm-streams' classes, which no
// page of ours makes, took 1.4 KB off (243,541 B): 244 KB. The map's names in a step of their own
// (0.5 KB) and the wasm's tool-only sections stripped (-0.5 KB): 243,354 B. The countries as one
// group of markup rather than a component each (-1.9 KB): 242,094 B, commit 8305ded: 243 KB. A
// tooltip that keeps its name under a still mouse (0.4 KB) and the dataset read in two tasks
// (0.6 KB): about 243.4 KB, 2026-12-02: 244 KB; the tooltip's handlers boxed took 0.4 KB back
// (about 243.3 KB, commit 3fb54d7). Every effect and memo made through one instantiation of
// Leptos's machinery (ui::effect, ui::memo): -1.9 KB, about 241.5 KB, 2026-12-02: 242 KB. Short
// lists ordered by one insertion (view::order) instead of three standard sorts: -4.1 KB,
// 237,313 B: 238 KB. The effects' boxed closures made outside generic code: 236,816 B. See
// ARCHITECTURE.md, "The byte budget".
const BUDGET = 238 * 1000;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the demo page loads cleanly and the map reports ready exactly once', async () => {
  const { page, context, record } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.waitForTimeout(300); // room for a second, wrong `ready`
  assert.equal(await page.evaluate(() => window.__sahel.ready), 1);
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.failed, []);
  const root = await page.evaluate(() => document.querySelector('sahel-map').shadowRoot?.mode);
  assert.equal(root, 'open');
  // Nothing leaks into the page outside the element.
  const outside = await page.evaluate(() => document.querySelectorAll('body [data-iso], body svg').length);
  assert.equal(outside, 0);
  await context.close();
});

test('the map draws the 24 countries, the Sahel core among them', async () => {
  const { page, context } = await open(browser, 'index.html');
  await waitForState(page, 'ready');
  const isos = await page.evaluate(() =>
    [...document.querySelector('sahel-map').shadowRoot.querySelectorAll('svg [data-iso]')].map((e) => e.dataset.iso),
  );
  assert.equal(isos.length, 24);
  assert.equal(new Set(isos).size, 24);
  for (const iso of CORE) assert.ok(isos.includes(iso), `${iso} missing`);
  await context.close();
});

test('a real click inside Niger selects it, names it, and a second click clears', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const point = await pointInside(page, 'NER');
  assert.ok(point, 'no visible point inside Niger');
  await page.mouse.click(point.x, point.y);
  const details = page.locator('sahel-map [data-part="details"]');
  await assert.doesNotReject(details.locator('h2', { hasText: 'Niger' }).waitFor({ timeout: 5000 }));
  assert.ok(await page.locator('sahel-map [data-iso="NER"]').evaluate((e) => e.classList.contains('is-selected')));
  assert.deepEqual(await page.evaluate(() => window.__sahel.select), [{ type: 'country', id: 'NER', iso: 'NER' }]);
  await page.screenshot({ path: join(SHOTS, 'demo-1280-niger.png'), fullPage: true });

  // Selected, Niger's lines are drawn and take clicks: click where the country itself is on top.
  const again = await pointInside(page, 'NER');
  await page.mouse.click(again.x, again.y);
  await details.locator('h2').waitFor({ state: 'detached', timeout: 5000 });
  assert.deepEqual(await page.evaluate(() => window.__sahel.select.at(-1)), { type: null, id: null, iso: null });
  await context.close();
});

// Where the side falls below the map (the article's 672 px column, a phone), the details a click
// opens come right after the timeline: with the map in view, their title is in view too, not
// under the layer switches and the key.
for (const [width, height] of [[1280, 900], [375, 812]]) {
  test(`at ${width} px a click's details start under the map, in view`, async () => {
    const { page, context } = await open(browser, 'index.html', { viewport: { width, height } });
    await waitForState(page, 'ready');
    // The map's box at the top of the window, as a reader scrolls to it.
    await page.evaluate(() => {
      const box = document.querySelector('sahel-map').shadowRoot.querySelector('.sm-mapbox');
      window.scrollBy(0, box.getBoundingClientRect().top - 8);
    });
    const point = await pointInside(page, 'NER');
    await page.mouse.click(point.x, point.y);
    const title = page.locator('sahel-map [data-part="details"] h2', { hasText: 'Niger' });
    await title.waitFor({ timeout: 5000 });
    const at = await page.evaluate(() => {
      const root = document.querySelector('sahel-map').shadowRoot;
      const rect = (s) => root.querySelector(s).getBoundingClientRect();
      return { map: rect('.sm-mapbox').bottom, title: rect('.sm-details-title').bottom, keys: rect('.sm-layers').top, view: innerHeight };
    });
    assert.ok(at.title <= at.view, `the title ends at ${at.title} px, below the window (${at.view} px)`);
    assert.ok(at.title < at.keys, 'the details come after the layer switches');
    assert.ok(at.title - at.map < 240, `the title is ${at.title - at.map} px under the map`);
    await page.screenshot({ path: join(SHOTS, `demo-${width}-details-in-view.png`) });
    await context.close();
  });
}

test('Tab reaches a country, Enter selects it and Esc clears', async () => {
  const { page, context } = await open(browser, 'index.html');
  await waitForState(page, 'ready');
  // Tab from the top of the page until focus is inside the map.
  let focused = null;
  for (let i = 0; i < 20 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.querySelector('sahel-map').shadowRoot.activeElement?.dataset?.iso ?? null);
  }
  assert.ok(focused, 'Tab never reached a country');
  await page.keyboard.press('Enter');
  const title = page.locator('sahel-map [data-part="details"] h2');
  await title.waitFor({ timeout: 5000 });
  const name = await page.locator(`sahel-map [data-iso="${focused}"]`).getAttribute('aria-label');
  // The shape's name is the country's, with what the map holds for it.
  assert.ok(name.startsWith(`${(await title.textContent()).trim()} — `), name);
  await page.keyboard.press('Escape');
  await title.waitFor({ state: 'detached', timeout: 5000 });
  // Arrows follow the neighbours: from Niger, right is Chad and left comes back.
  await page.locator('sahel-map [data-iso="NER"]').focus();
  const active = () => page.evaluate(() => document.querySelector('sahel-map').shadowRoot.activeElement?.dataset?.iso);
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(), 'TCD');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await active(), 'NER');
  // One more Tab leaves the map: the countries are a single tab stop.
  await page.keyboard.press('Tab');
  const stillOnCountry = await page.evaluate(
    () => document.querySelector('sahel-map').shadowRoot.activeElement?.hasAttribute('data-iso') ?? false,
  );
  assert.equal(stillOnCountry, false);
  await context.close();
});

test('labels never overlap as the browser renders them, at desktop and phone widths', async () => {
  for (const width of [1280, 375]) {
    const { page, context } = await open(browser, 'index.html', { viewport: { width, height: 800 } });
    await waitForState(page, 'ready');
    const boxes = await page.evaluate(() =>
      [...document.querySelector('sahel-map').shadowRoot.querySelectorAll('.sm-labels text')].map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
      }),
    );
    assert.ok(boxes.length >= (width > 500 ? 12 : 5), `only ${boxes.length} labels at ${width}px`);
    const svg = await page.locator('sahel-map svg.sm-map').boundingBox();
    for (const b of boxes) {
      const inside = b.x0 >= svg.x - 1 && b.x1 <= svg.x + svg.width + 1 && b.y0 >= svg.y - 1 && b.y1 <= svg.y + svg.height + 1;
      assert.ok(inside, `"${b.text}" is cut off by the map's edge at ${width}px`);
    }
    // Glyph boxes include some ascender/descender room: allow a pixel of touching.
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap =
          Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 1;
        assert.ok(!overlap, `"${a.text}" overlaps "${b.text}" at ${width}px`);
      }
    }
    const names = boxes.map((b) => b.text.replace(/\s+/g, ' ').trim().toUpperCase());
    for (const core of ['NIGER', 'MALI', 'CHAD']) assert.ok(names.includes(core), `${core} unlabelled at ${width}px: ${names}`);
    if (width > 500) {
      assert.ok(names.some((n) => n.startsWith('WESTERN') && n.endsWith('(DISPUTED)')), names.join(' | '));
    }
    await context.close();
  }
});

test('French: the element speaks the language it is given', async () => {
  const { page, context } = await open(browser, 'index.html');
  await waitForState(page, 'ready');
  await page.evaluate(() => {
    const map = document.createElement('sahel-map');
    map.id = 'fr';
    map.setAttribute('lang', 'fr');
    document.querySelector('article').append(map);
  });
  // Maps start when they near the viewport: bring this one to the reader.
  await page.locator('#fr').scrollIntoViewIfNeeded();
  await waitForState(page, 'ready', '#fr');
  assert.equal(await page.locator('#fr .sm').getAttribute('lang'), 'fr');
  await page.locator('#fr [data-iso="TCD"]').dispatchEvent('click');
  const title = page.locator('#fr [data-part="details"] h2');
  await title.waitFor({ timeout: 5000 });
  assert.equal((await title.textContent()).trim(), 'Tchad');
  await context.close();
});

test('readable at 320 and 375 px: no horizontal scroll, the map fits the column', async () => {
  for (const width of [320, 375]) {
    const { page, context } = await open(browser, 'index.html', {
      viewport: { width, height: 700 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await waitForState(page, 'ready');
    const scroll = await page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok(scroll <= width, `page is ${scroll}px wide at ${width}`);
    // The map's box: on a phone the map in it is wider, the neighbours east and west cropped.
    const box = await page.locator('sahel-map .sm-root .sm-mapbox').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= width, `map overflows at ${width}`);
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('article > p:not([class])')).fontSize));
    assert.ok(size >= 16, `body text is ${size}px`);
    // The widget is taller than a phone's screen: bring the map itself into view.
    await page.locator('sahel-map svg.sm-map').scrollIntoViewIfNeeded();
    // A tap on a country opens its details on a phone too.
    const point = await pointInside(page, 'MLI');
    await page.touchscreen.tap(point.x, point.y);
    await page.locator('sahel-map [data-part="details"] h2', { hasText: 'Mali' }).waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, `demo-${width}.png`) });
    await context.close();
  }
});

test('unreachable or broken geodata: a message in the widget, state="error", an error event', async () => {
  const { page, context, record } = await open(browser, 'index.html');
  await waitForState(page, 'ready');
  await page.evaluate(() => {
    const empty = 'data:application/json,' + encodeURIComponent('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":null}]}');
    for (const [id, src] of [['missing', 'no-such-file.geojson'], ['broken', 'data:application/json,{"type":"Feat'], ['empty', empty]]) {
      const map = document.createElement('sahel-map');
      map.id = id;
      map.setAttribute('data-geo-src', src);
      document.querySelector('article').append(map);
    }
  });
  for (const id of ['missing', 'broken', 'empty']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await waitForState(page, 'error', `#${id}`);
    const alert = await page.locator(`#${id} [role="alert"]`).textContent();
    assert.match(alert, /could not be loaded/);
  }
  const messages = await page.evaluate(() => window.__sahel.error.map((d) => d.message));
  assert.equal(messages.length, 3);
  assert.ok(messages.some((m) => /404/.test(m)), messages.join(' | '));
  assert.ok(messages.some((m) => /not a GeoJSON/.test(m)), messages.join(' | '));
  assert.ok(messages.some((m) => /no country/.test(m)), messages.join(' | '));
  // The page itself keeps working: the first map is still there and ready.
  assert.equal(await page.locator('sahel-map').first().getAttribute('state'), 'ready');
  assert.deepEqual(record.errors.filter((e) => !/404/.test(e)), []);
  await context.close();
});

test(`what the demo page fetches stays under ${BUDGET / 1000} KB brotli-compressed`, async () => {
  const { page, context, record } = await open(browser, 'index.html');
  await waitForState(page, 'ready');
  await page.waitForLoadState('networkidle');
  const files = [...new Set(record.responses)]
    .filter((url) => url.startsWith(BASE))
    .map((url) => new URL(url).pathname.replace(/^\//, '') || 'index.html');
  let total = 0;
  const rows = [];
  for (const file of files) {
    const path = join(DIST, file);
    assert.ok(existsSync(path), `${file} is fetched but not in dist/`);
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    rows.push(`${file.padEnd(28)} ${String(raw.length).padStart(8)} ${String(br).padStart(8)}`);
    total += br;
  }
  console.log(`fetched by the demo page (raw, brotli):\n${rows.join('\n')}\ntotal brotli ${total} bytes`);
  for (const needed of ['index.html', 'sahel-map.js', file('sahel_map_core_bg.wasm'), file('countries.geojson')]) {
    assert.ok(files.includes(needed), `${needed} was not fetched: ${files}`);
  }
  assert.ok(total <= BUDGET, `${total} bytes brotli > ${BUDGET}`);
  // The countries file on its own stays small (issue 3: at most 40 KB brotli).
  const geo = brotliCompressSync(readFileSync(join(DIST, 'countries.geojson')), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  assert.ok(geo <= 40 * 1000, `countries.geojson is ${geo} bytes brotli`);
  await context.close();
});
