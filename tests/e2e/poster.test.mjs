// The first frame: on a slow network the element shows the poster in the widget's own layout
// before the wasm arrives, and the live map takes its place without moving anything on the page
// (a layout-shift score of 0).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitForState, servePage, BASE, SHOTS } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// Opens `path` on a throttled network with the wasm held back until `release()`; layout shifts
// are summed from the start (none after input: the test never touches the page).
async function slowly(path, options) {
  const context = await browser.newContext(options);
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.hadRecentInput) {
          window.__shifts.push({ value: e.value, at: Math.round(e.startTime), moved: e.sources.map((s) => `${s.node?.nodeName ?? '?'} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`) });
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // About a fast 3G line: 1.6 Mbit/s down, 150 ms round trips.
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  const posterResponse = page.waitForResponse((r) => /sahel-map[a-z.]*\.svg$/.test(r.url()));
  await page.goto(new URL(path, BASE).href);
  return { page, context, posterResponse, release };
}

// The element's box, its first frame's state and what a reader sees of the poster.
function frame(page, selector = 'sahel-map') {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const root = el.shadowRoot;
    const image = root.querySelector('.sm-first image');
    const box = image?.getBoundingClientRect();
    return {
      state: el.getAttribute('state'),
      height: el.getBoundingClientRect().height,
      poster: image ? image.getAttribute('href') : null,
      posterBox: box ? [Math.round(box.width), Math.round(box.height)] : null,
      first: !!root.querySelector('.sm-first'),
      key: root.querySelector('.sm-legend summary')?.textContent,
      downloads: [...root.querySelectorAll('.sm-downloads button')].map((b) => b.disabled),
      checked: [...root.querySelectorAll('input[data-layer]')].filter((i) => i.checked).map((i) => i.dataset.layer),
      next: document.querySelector('sahel-map ~ *, sahel-map + *')?.getBoundingClientRect().top ?? null,
    };
  }, selector);
}

for (const [name, path, viewport, lang, poster] of [
  ['the demo article, desktop', 'index.html', { width: 1280, height: 900 }, 'en', 'sahel-map.svg'],
  ['the demo article, phone', 'index.html', { width: 375, height: 800 }, 'en', 'sahel-map.svg'],
  ['the iframe page, wide (panel beside the map), in French', 'embed.html?lang=fr', { width: 1100, height: 900 }, 'fr', 'sahel-map.fr.svg'],
  ['the iframe page, narrow, in French, three layers', 'embed.html?lang=fr&layers=rus,bases,links', { width: 320, height: 700 }, 'fr', 'sahel-map.fr.svg'],
  ['the iframe page, dark', 'embed.html?theme=dark', { width: 640, height: 900 }, 'en', 'sahel-map.dark.svg'],
]) {
  test(`${name}: the poster shows before the wasm, and the swap moves nothing`, async () => {
    const { page, context, posterResponse, release } = await slowly(path, { viewport });
    const response = await posterResponse;
    assert.equal(response.status(), 200);
    assert.ok(response.url().endsWith(`/${poster}`), response.url());
    await page.locator('sahel-map').scrollIntoViewIfNeeded();
    const before = await frame(page);
    assert.equal(before.state, 'loading');
    assert.ok(before.first, 'no first frame');
    assert.ok(before.poster.endsWith(`/${poster}`), before.poster);
    // The poster fills the map's box at the map's aspect ratio.
    assert.ok(before.posterBox[0] > 200, `poster box ${before.posterBox}`);
    // In the widget's language, with the layers asked for, as the live widget will be.
    assert.equal(before.key, lang === 'fr' ? 'Légende' : 'Key');
    // The downloads hold their place, and wait for the map.
    assert.ok(before.downloads.length === 6 && before.downloads.every((d) => d), `${before.downloads}`);
    await page.screenshot({ path: `${SHOTS}/first-frame-${viewport.width}-${poster.replace('.svg', '')}.png` });
    release();
    await waitForState(page, 'ready');
    await page.waitForTimeout(300);
    const after = await frame(page);
    assert.equal(after.first, false, 'the first frame is still there');
    assert.ok(after.downloads.every((d) => !d), 'the downloads stay disabled');
    assert.equal(after.height, before.height, 'the element changed height');
    assert.deepEqual(after.checked, before.checked, 'the first frame showed other layers');
    if (/layers=/.test(path)) assert.deepEqual(before.checked, ['bases', 'links', 'rus']);
    if (before.next !== null) assert.equal(after.next, before.next, 'what follows the element moved');
    const shifts = await page.evaluate(() => window.__shifts);
    assert.deepEqual(shifts, [], 'layout shifts');
    await context.close();
  });
}

// The demo article is prerendered (`cargo xtask prerender`): its map's first frame is in the page
// as a declarative shadow root, so the page is drawn, first frame included, before the loader
// has even arrived, and neither the loader's own first frame nor the live map moves anything.
for (const width of [320, 375, 1100, 1280]) {
  test(`the demo article at ${width} px is drawn with its first frame before the loader runs, and nothing moves after`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (!e.hadRecentInput) window.__shifts.push({ value: e.value, moved: e.sources.map((s) => `${s.node?.nodeName ?? '?'} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const hold = (pattern) => {
      let release;
      const held = new Promise((resolve) => (release = resolve));
      context.route(pattern, async (route) => {
        await held;
        await route.continue();
      });
      return release;
    };
    const releaseLoader = hold(/\/sahel-map\.js$/);
    const releaseWasm = hold(/\.wasm$/);
    const page = await context.newPage();
    await page.goto(new URL('index.html', BASE).href, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0 && !!document.querySelector('sahel-map')?.shadowRoot?.querySelector('.sm-first image'), null, { polling: 100 });
    await page.locator('sahel-map').evaluate((el) => el.scrollIntoView());
    // What a frame shows: the element's height, what follows it, its visible text, its key.
    const look = () =>
      page.evaluate(() => {
        const el = document.querySelector('sahel-map');
        const key = [...el.shadowRoot.querySelectorAll('.sm-legend')].find((d) => d.getBoundingClientRect().height > 0);
        return {
          defined: !!customElements.get('sahel-map'),
          state: el.getAttribute('state'),
          height: el.getBoundingClientRect().height,
          next: el.parentElement.querySelector('figcaption').getBoundingClientRect().top - el.getBoundingClientRect().top,
          text: el.shadowRoot.querySelector('.sm-frame').innerText,
          keyOpen: key?.open,
        };
      });
    const prerendered = await look();
    // Painted with no script of ours run.
    assert.equal(prerendered.defined, false);
    assert.equal(prerendered.state, null);
    assert.ok(prerendered.height > 300, `height ${prerendered.height}`);
    assert.equal(prerendered.keyOpen, width >= 480, 'the key as the loader would set it');
    assert.match(prerendered.text, /Foreign forces and pacts in the Sahel/);
    assert.match(prerendered.text, /6 steps/);
    releaseLoader();
    await page.waitForFunction(() => document.querySelector('sahel-map').getAttribute('state') === 'loading', null, { polling: 100 });
    await page.waitForTimeout(200);
    const loaderFrame = await look();
    assert.equal(loaderFrame.defined, true);
    // The loader's own first frame is the prerendered one: the same words, the same size.
    assert.equal(loaderFrame.text, prerendered.text);
    assert.equal(loaderFrame.height, prerendered.height);
    assert.equal(loaderFrame.next, prerendered.next);
    assert.equal(loaderFrame.keyOpen, prerendered.keyOpen);
    releaseWasm();
    await waitForState(page, 'ready');
    await page.waitForTimeout(300);
    const live = await look();
    assert.equal(live.height, prerendered.height, 'the live map changed the height');
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'layout shifts');
    await context.close();
  });
}

// The loader takes a prerendered figure as the page drew it: the same nodes (nothing parsed or
// laid out again), its own rules until the map mounts, then the whole stylesheet; and its
// buttons work.
test('a prerendered figure is kept where it stands, and works', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  // The wasm is held until the figure has been looked at: the map cannot mount before.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await context.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const root = document.querySelector('sahel-map').shadowRoot;
      window.__drawn = { frame: root.querySelector('.sm-frame'), next: root.querySelector('.sm-step-next') };
    });
  });
  const page = await context.newPage();
  await page.goto(new URL('index.html', BASE).href);
  await page.waitForFunction(() => customElements.get('sahel-map') && document.querySelector('sahel-map').getAttribute('state'));
  const look = () =>
    page.evaluate(() => {
      const root = document.querySelector('sahel-map').shadowRoot;
      return {
        same: root.querySelector('.sm-frame') === window.__drawn.frame,
        own: [...root.children].filter((e) => e.localName === 'style').length,
        sheets: root.adoptedStyleSheets.length,
        downloads: [...root.querySelectorAll('.sm-downloads button')].filter((b) => !b.disabled).length,
      };
    });
  assert.deepEqual(await look(), { same: true, own: 1, sheets: 0, downloads: 0 });
  release();
  await waitForState(page, 'ready');
  assert.deepEqual(await look(), { same: true, own: 0, sheets: 1, downloads: 6 });
  // The prerendered Start button starts the story.
  await page.evaluate(() => window.__drawn.next.click());
  assert.equal(await page.locator('sahel-map').evaluate((el) => el.step), 0);
  await context.close();
});

// A page prerendered by another version may lack a part the loader wires: then the figure is
// built anew rather than half taken.
test('a prerendered figure missing a part is built anew, and works', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  await page.goto(
    await servePage(
      page,
      'old-prerender.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="sahel-map.js"></script></head>
      <body><sahel-map><template shadowrootmode="open"><div class="sm-frame" role="figure"><div class="sm-head">
      <div class="sm-news-headline" id="sm-news-headline"><slot name="headline"></slot></div></div>
      <p class="old">An older figure</p></div></template></sahel-map></body></html>`,
    ),
  );
  await waitForState(page, 'ready');
  const figure = await page.locator('sahel-map').evaluate((el) => ({
    old: el.shadowRoot.querySelectorAll('.old').length,
    downloads: [...el.shadowRoot.querySelectorAll('.sm-downloads button')].filter((b) => !b.disabled).length,
    map: el.shadowRoot.querySelectorAll('svg [data-iso]').length > 0,
  }));
  assert.deepEqual(figure, { old: 0, downloads: 6, map: true });
  await context.close();
});

test('a wasm that never arrives leaves the poster, then the error, and the page whole', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  await context.route(/\.wasm$/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(new URL('index.html', BASE).href);
  await waitForState(page, 'error');
  const text = await page.locator('sahel-map .sm-error').textContent();
  assert.match(text, /could not be loaded/);
  assert.equal(await page.locator('sahel-map .sm-first').count(), 0);
  await context.close();
});

test('before ready, a new language or theme redraws the first frame, even once the wasm is in', async () => {
  // The wasm arrives; the countries are held, so the widget is mounted but not ready.
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route(/countries\.[0-9a-f]+\.geojson$/, async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(new URL('index.html', BASE).href);
  await page.waitForFunction(() => window.performance.getEntriesByType('resource').some((e) => /\.wasm$/.test(e.name)));
  await page.waitForTimeout(500);
  const map = page.locator('sahel-map');
  await map.evaluate((el) => el.setAttribute('lang', 'fr'));
  await map.evaluate((el) => el.setAttribute('theme', 'dark'));
  const first = await map.evaluate((el) => ({
    state: el.getAttribute('state'),
    key: el.shadowRoot.querySelector('.sm-first .sm-legend summary')?.textContent,
    poster: el.shadowRoot.querySelector('.sm-first image')?.getAttribute('href'),
  }));
  assert.equal(first.state, 'loading');
  assert.equal(first.key, 'Légende');
  assert.ok(first.poster.endsWith('/sahel-map.fr.dark.svg'), first.poster);
  release();
  await waitForState(page, 'ready');
  assert.equal(await map.evaluate((el) => el.shadowRoot.querySelector('.sm-legend summary').textContent), 'Légende');
  await context.close();
});

test("a page's own dataset gets a plain box of the map's shape, not the bundled poster", async () => {
  const { page, context, posterResponse, release } = await slowly('embed.html?data-src=sahel.json', { viewport: { width: 640, height: 900 } });
  posterResponse.catch(() => {});
  await page.waitForFunction(() => document.querySelector('sahel-map')?.shadowRoot?.querySelector('.sm-first-box'));
  const box = await page.locator('sahel-map').evaluate((el) => {
    const first = el.shadowRoot.querySelector('.sm-first-box');
    const r = first.getBoundingClientRect();
    return { text: first.textContent, image: !!first.querySelector('image'), ratio: r.width / r.height };
  });
  assert.equal(box.text, 'Loading the map…');
  assert.equal(box.image, false);
  assert.ok(Math.abs(box.ratio - 1000 / 677) < 0.02, `ratio ${box.ratio}`);
  release();
  await waitForState(page, 'ready');
  const posters = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /sahel-map[a-z.]*\.svg$/.test(e.name)).length);
  assert.equal(posters, 0);
  await context.close();
});

// The load gives the page its main thread back between its steps (countries, the dataset's two
// halves, font, map, its symbols and blocs, its names, the panel's side): the page's own tasks run between the
// map's drawing, its symbols, its names and the side, and the map is whole, names placed, when `ready` comes. Tasks are counted by a message loop of the
// page's own, so the test reads order, not time.
test("the map's load runs in steps, with the page's own tasks between them", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__task = 0;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      window.__task++;
      if (window.__task < 100000) channel.port2.postMessage(null);
    };
    channel.port2.postMessage(null);
    window.__seen = {};
    const note = (root) => {
      new MutationObserver(() => {
        for (const [name, selector] of [['map', '.sm:not(.sm-first) svg.sm-map'], ['sites', '.sm:not(.sm-first) .sm-bases > g'], ['blocs', '.sm:not(.sm-first) .sm-blocs > *'], ['side', '.sm:not(.sm-first) .sm-side .sm-layers'], ['labels', '.sm:not(.sm-first) .sm-labels text']]) {
          if (!(name in window.__seen) && root.querySelector(selector)) window.__seen[name] = window.__task;
        }
      }).observe(root, { childList: true, subtree: true });
    };
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      note(root);
      return root;
    };
    document.addEventListener('sahel-map:ready', () => (window.__seen.ready = window.__task));
    // The dataset's halves: its layers read, then (a task later at least) its bases.
    const get = Reflect.get;
    Reflect.get = function (target, key, ...rest) {
      if ((key === 'layers' || key === 'bases') && target && typeof target === 'object' && 'as_of' in target) {
        window.__seen[key] ??= window.__task;
      }
      return get.call(this, target, key, ...rest);
    };
  });
  const page = await context.newPage();
  await page.goto(
    await servePage(
      page,
      'steps.html',
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="sahel-map.js"></script></head><body><sahel-map></sahel-map></body></html>',
    ),
  );
  await waitForState(page, 'ready');
  const seen = await page.evaluate(() => window.__seen);
  assert.ok(['map', 'sites', 'blocs', 'side', 'labels', 'ready'].every((k) => k in seen), JSON.stringify(seen));
  assert.ok(seen.sites > seen.map, `the symbols were drawn in the map's task: ${JSON.stringify(seen)}`);
  assert.ok(seen.blocs > seen.map, `the blocs' areas were drawn in the map's task: ${JSON.stringify(seen)}`);
  assert.ok(seen.labels > seen.sites, `the names were placed in the symbols' task: ${JSON.stringify(seen)}`);
  assert.ok(seen.side > seen.labels, `the side was drawn in the names' task: ${JSON.stringify(seen)}`);
  assert.ok(seen.side <= seen.ready, JSON.stringify(seen));
  assert.ok(seen.bases > seen.layers, `the dataset was read in one task: ${JSON.stringify(seen)}`);
  assert.ok(seen.bases < seen.map, JSON.stringify(seen));
  await context.close();
});
