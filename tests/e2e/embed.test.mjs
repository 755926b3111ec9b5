// The element embedded as newsrooms embed it: next to hostile CSS, under a strict CSP, several
// on a page, inserted and removed, far below the fold, light and dark. Test pages are served at
// the dist/ origin through Playwright routes, so they load the real built files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE, waitForState, pointInside, file, servePage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const HOSTILE = `svg{display:none!important} path{fill:red!important}
*{box-sizing:content-box!important;line-height:3!important;font-family:"Comic Sans MS",cursive!important;color:lime!important}
input{display:none!important} button{display:none!important} text{font-size:40px!important}
div{padding:7px!important} p{margin:40px!important} body{font-size:40px} g{transform:scale(2)!important}`;

// A test page at the dist origin: `body` inside a minimal document, with optional head extras
// and response headers.
async function page(contextOptions, path, body, { head = '<link rel="icon" href="data:,">', headers = {} } = {}) {
  const context = await browser.newContext(contextOptions);
  const p = await context.newPage();
  const record = { errors: [], violations: [], requests: [] };
  p.on('console', (m) => m.type() === 'error' && record.errors.push(m.text()));
  p.on('pageerror', (e) => record.errors.push(e.message));
  p.on('request', (r) => record.requests.push(r.url()));
  await servePage(
    p,
    path,
    `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}
        <script type="module" src="sahel-map.js"></script></head><body>${body}</body></html>`,
    headers,
  );
  await p.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await p.goto(new URL(path, BASE).href);
  return { page: p, context, record };
}

// The share of pixels that differ between two PNGs, decoded by the browser itself.
async function pixelDifference(browserPage, a, b) {
  return browserPage.evaluate(
    async ([a, b]) => {
      const load = (s) =>
        new Promise((resolve) => {
          const img = new Image();
          img.onload = () => resolve(img);
          img.src = `data:image/png;base64,${s}`;
        });
      const pixels = (img) => {
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [img.width, img.height];
        const context = canvas.getContext('2d');
        context.drawImage(img, 0, 0);
        return context.getImageData(0, 0, img.width, img.height).data;
      };
      const [pa, pb] = [pixels(await load(a)), pixels(await load(b))];
      if (pa.length !== pb.length) return 1;
      let differing = 0;
      for (let i = 0; i < pa.length; i += 4) {
        if (Math.abs(pa[i] - pb[i]) + Math.abs(pa[i + 1] - pb[i + 1]) + Math.abs(pa[i + 2] - pb[i + 2]) > 24) differing++;
      }
      return differing / (pa.length / 4);
    },
    [a.toString('base64'), b.toString('base64')],
  );
}

test('hostile host CSS changes nothing inside the widget', async () => {
  const body = '<div id="box" style="width:600px"><sahel-map id="m"></sahel-map></div>';
  const renders = [];
  for (const head of ['', `<link rel="icon" href="data:,"><style>${HOSTILE}</style>`]) {
    const { page: p, context } = await page({ viewport: { width: 800, height: 900 } }, 'plain-or-hostile.html', body, { head });
    await waitForState(p, 'ready', '#m');
    await p.waitForTimeout(200); // labels follow the first resize
    const box = await p.locator('#m').boundingBox();
    const styles = await p.evaluate(() => {
      const root = document.querySelector('#m').shadowRoot;
      return ['.sm', 'svg', '[data-iso="NER"]', '.sm-label', '.sm-credit', '[data-part="details"]'].map((sel) => {
        const cs = getComputedStyle(root.querySelector(sel));
        return [sel, cs.display, cs.fontFamily, cs.fontSize, cs.lineHeight, cs.color, cs.fill, cs.boxSizing, cs.transform];
      });
    });
    renders.push({ png: await p.locator('#m').screenshot(), width: box.width, height: box.height, styles });
    await context.close();
  }
  const [plain, hostile] = renders;
  assert.deepEqual(hostile.styles, plain.styles);
  assert.equal(hostile.width, plain.width);
  assert.equal(hostile.height, plain.height);
  // Same picture, to anti-aliasing (the element sits 7 px further in on the hostile page).
  const { page: p, context } = await page({}, 'compare.html', '');
  const share = await pixelDifference(p, plain.png, hostile.png);
  await context.close();
  assert.ok(share < 0.005, `${(share * 100).toFixed(2)}% of the pixels differ`);
});

test("the widget's CSS never reaches the page around it", async () => {
  const body = `<p id="p">Text</p><svg id="s" width="50" height="50"><path id="path" d="M0,0L10,10Z"/></svg>
    <button id="b">B</button><div class="sm"><span class="sm-label" id="span">x</span></div>`;
  const styles = [];
  for (const widget of ['', '<sahel-map id="m"></sahel-map>']) {
    const { page: p, context } = await page({}, 'leak.html', body + widget);
    if (widget) await waitForState(p, 'ready', '#m');
    styles.push(
      await p.evaluate(() =>
        ['p', 's', 'path', 'b', 'span'].map((id) => {
          const cs = getComputedStyle(document.getElementById(id));
          return [id, cs.fontFamily, cs.fontSize, cs.color, cs.fill, cs.stroke, cs.lineHeight, cs.textTransform, cs.background];
        }),
      ),
    );
    await context.close();
  }
  assert.deepEqual(styles[1], styles[0]);
});

test('a strict CSP page runs the widget with no violation', async () => {
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
  const { page: p, context, record } = await page({}, 'csp.html', '<sahel-map id="m"></sahel-map>', {
    // Nothing inline on the page itself either (not even a data: favicon): any violation is ours.
    head: '',
    headers: { 'content-security-policy': csp },
  });
  await waitForState(p, 'ready', '#m');
  const point = await pointInside(p, 'NER', '#m');
  await p.mouse.click(point.x, point.y);
  await p.locator('#m [data-part="details"] h2').waitFor({ timeout: 5000 });
  await p.waitForTimeout(300);
  assert.deepEqual(await p.evaluate(() => window.__violations), []);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('two maps on one page select independently', async () => {
  const { page: p, context } = await page(
    { viewport: { width: 900, height: 1600 } },
    'two.html',
    '<sahel-map id="a" lang="en"></sahel-map><sahel-map id="b" lang="fr"></sahel-map>',
  );
  await waitForState(p, 'ready', '#a');
  await waitForState(p, 'ready', '#b');
  const point = await pointInside(p, 'NER', '#a');
  await p.mouse.click(point.x, point.y);
  await p.locator('#a [data-part="details"] h2').waitFor({ timeout: 5000 });
  assert.equal(await p.locator('#b [data-part="details"] h2').count(), 0);
  await p.locator('#b [data-iso="TCD"]').dispatchEvent('click');
  assert.equal((await p.locator('#b [data-part="details"] h2').textContent()).trim(), 'Tchad');
  assert.equal((await p.locator('#a [data-part="details"] h2').textContent()).trim(), 'Niger');
  await context.close();
});

// Twenty maps share the loader's early requests (the glue, the wasm, the countries file) and
// each asks for the countries again once its wasm runs: every one is answered and drawn, well
// before a map would give up waiting (30 s).
test('twenty maps in view at once are all ready', async () => {
  const n = 20;
  const { page: p, context } = await page(
    { viewport: { width: 1280, height: 8000 } },
    'twenty.html',
    `<div style="display:grid;grid-template-columns:repeat(5,1fr);gap:8px">${'<sahel-map></sahel-map>'.repeat(n)}</div>`,
  );
  await p
    .waitForFunction((n) => [...document.querySelectorAll('sahel-map')].filter((m) => m.getAttribute('state') === 'ready').length === n, n, {
      timeout: 25000,
      polling: 200,
    })
    .catch(async () => {
      const states = await p.evaluate(() => [...document.querySelectorAll('sahel-map')].map((m) => m.getAttribute('state')));
      assert.fail(`not all ready after 25 s: ${states.join(' ')}`);
    });
  await context.close();
});

test('dark from the theme attribute or the reader’s system, light when the page insists', async () => {
  const water = (p, id) => p.evaluate((id) => getComputedStyle(document.querySelector(id).shadowRoot.querySelector('svg.sm-map')).backgroundColor, id);
  const body = '<sahel-map id="plain"></sahel-map><sahel-map id="dark" theme="dark"></sahel-map><sahel-map id="light" theme="light"></sahel-map>';
  const light = await page({ viewport: { width: 500, height: 2000 } }, 'themes.html', body);
  for (const id of ['#plain', '#dark', '#light']) await waitForState(light.page, 'ready', id);
  const [lp, ld, ll] = [await water(light.page, '#plain'), await water(light.page, '#dark'), await water(light.page, '#light')];
  assert.notEqual(ld, lp);
  assert.equal(ll, lp);
  await light.context.close();

  const dark = await page({ viewport: { width: 500, height: 2000 }, colorScheme: 'dark' }, 'themes.html', body);
  for (const id of ['#plain', '#dark', '#light']) await waitForState(dark.page, 'ready', id);
  assert.equal(await water(dark.page, '#plain'), ld);
  assert.equal(await water(dark.page, '#light'), lp);
  await dark.context.close();
});

test('a map far below the fold starts its wasm only when the reader nears it', async () => {
  const { page: p, context, record } = await page(
    { viewport: { width: 800, height: 600 } },
    'long.html',
    '<div style="height:5000px">Long article</div><sahel-map id="m"></sahel-map>',
  );
  await p.waitForLoadState('networkidle');
  await p.waitForTimeout(300);
  assert.equal(await p.locator('#m').getAttribute('state'), 'loading');
  assert.ok(!record.requests.some((u) => u.endsWith('.wasm')), 'the wasm was fetched before it was needed');
  await p.locator('#m').scrollIntoViewIfNeeded();
  await waitForState(p, 'ready', '#m');
  await context.close();
});

test('400 insert and remove cycles leave listeners and memory flat', async () => {
  const { page: p, context } = await page({ viewport: { width: 800, height: 900 } }, 'cycles.html', '<main id="slot"></main>');
  const cdp = await context.newCDPSession(p);
  const cycle = (n) =>
    p.evaluate(async (n) => {
      const slot = document.getElementById('slot');
      for (let i = 0; i < n; i++) {
        const map = document.createElement('sahel-map');
        const ready = new Promise((resolve) => map.addEventListener('sahel-map:ready', resolve, { once: true }));
        slot.append(map);
        await ready;
        map.remove();
      }
      return slot.childElementCount;
    }, n);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'document' });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth: -1, pierce: true });
    const wasm = await p.evaluate(async (core) => (await (await import(new URL(core, document.baseURI).href)).default()).memory.buffer.byteLength, file('sahel_map_core.js'));
    return { heap: usedSize, listeners: listeners.length, wasm };
  };
  assert.equal(await cycle(20), 0); // warm up: caches, the shared stylesheet, the wasm
  const start = await measure();
  assert.equal(await cycle(200), 0);
  const mid = await measure();
  assert.equal(await cycle(200), 0);
  const end = await measure();
  console.log(`after 20 cycles ${JSON.stringify(start)}; 220 ${JSON.stringify(mid)}; 420 ${JSON.stringify(end)}`);
  assert.equal(end.listeners, start.listeners, 'listeners left behind');
  // One widget left behind (its DOM, closures and data) weighs tens of KB: 200 of them would
  // add megabytes. Allow 256 KB of collector noise per 200 cycles.
  assert.ok(mid.heap - start.heap < 256 * 1024, `JS heap grew by ${mid.heap - start.heap} bytes`);
  assert.ok(end.heap - mid.heap < 256 * 1024, `JS heap grew by ${end.heap - mid.heap} bytes`);
  // The wasm memory never shrinks: its allocator may take a few pages once as mounts come and
  // go, then stays. A leak keeps growing: the second 200 cycles may add one 64 KiB page at most.
  assert.ok(mid.wasm - start.wasm <= 4 * 65536, `wasm memory grew by ${mid.wasm - start.wasm} bytes`);
  assert.ok(end.wasm - mid.wasm <= 65536, `wasm memory grew by ${end.wasm - mid.wasm} bytes`);
  await context.close();
});

test('attribute changes apply live', async () => {
  const { page: p, context } = await page({ viewport: { width: 800, height: 900 } }, 'live.html', '<sahel-map id="m"></sahel-map>');
  await waitForState(p, 'ready', '#m');
  await p.evaluate(() => {
    const m = document.getElementById('m');
    m.setAttribute('lang', 'fr');
    m.setAttribute('country', 'NER');
    m.setAttribute('theme', 'dark');
  });
  const title = p.locator('#m [data-part="details"] h2');
  await title.waitFor({ timeout: 5000 });
  assert.equal((await title.textContent()).trim(), 'Niger');
  assert.equal(await p.locator('#m .sm').getAttribute('lang'), 'fr');
  assert.match(await p.locator('#m [data-iso="TCD"]').getAttribute('aria-label'), /^Tchad — (aucune base étrangère|\d+ bases? étrangères?), \S+ accords? en vigueur; partenaires : États-Unis$/);
  const water = await p.evaluate(() => getComputedStyle(document.getElementById('m').shadowRoot.querySelector('svg.sm-map')).backgroundColor);
  assert.equal(water, 'rgb(28, 39, 49)');
  await p.evaluate(() => document.getElementById('m').removeAttribute('country'));
  await title.waitFor({ state: 'detached', timeout: 5000 });
  await context.close();
});

test('a bad attribute warns once, naming what it accepts, and the map keeps working', async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  const warnings = [];
  p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await p.goto(
    await servePage(
      p,
      'bad.html',
      `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"><script type="module" src="sahel-map.js"></script></head>
        <body><sahel-map id="m" lang="de" theme="purple" date="2024-13" layers="USA;FRA" country="Niger"></sahel-map>
        <sahel-map id="n" layers="usa,atlantis"></sahel-map></body></html>`,
    ),
  );
  await waitForState(p, 'ready', '#m');
  for (const [name, accepts] of [['lang', 'en or fr'], ['theme', 'light or dark'], ['date', 'YYYY-MM-DD'], ['layers', 'comma-separated'], ['country', 'alpha-3']]) {
    const hits = warnings.filter((w) => w.includes(`${name}="`));
    assert.equal(hits.length, 1, `${name}: ${warnings.join(' | ')}`);
    assert.ok(hits[0].includes(accepts), hits[0]);
  }
  // A well-formed id the dataset lacks: one warning naming the layers it has; the rest apply.
  await waitForState(p, 'ready', '#n');
  const unknown = warnings.filter((w) => w.includes('atlantis'));
  assert.equal(unknown.length, 1, warnings.join(' | '));
  assert.match(unknown[0], /layers: atlantis is not a layer of this dataset: use usa, fra, rus/);
  assert.ok(await p.locator('#n input[data-layer="usa"]').isChecked());
  // Defaults apply: English, nothing selected, the map drawn and clickable.
  assert.equal(await p.locator('#m .sm').getAttribute('lang'), 'en');
  assert.equal(await p.locator('#m [data-part="details"] h2').count(), 0);
  await p.locator('#m [data-iso="MLI"]').dispatchEvent('click');
  assert.equal((await p.locator('#m [data-part="details"] h2').textContent()).trim(), 'Mali');
  await context.close();
});

test('newsroom text from attributes or slots, shown as text, and the headline names the figure', async () => {
  const body = `<sahel-map id="m" headline="Foreign forces in the Sahel" subtitle="<b>Bases</b> &amp; pacts"
      credit="Graphic: The Sahel Desk"><span slot="notes" id="note">Sources: see <a href="#x">the dataset</a>.</span></sahel-map>
    <sahel-map id="bare"></sahel-map>`;
  const { page: p, context } = await page({ viewport: { width: 800, height: 2000 } }, 'texts.html', body);
  await waitForState(p, 'ready', '#m');
  await waitForState(p, 'ready', '#bare');
  const box = (id, name) => p.locator(`${id} .sm-news-${name}`);
  assert.equal((await box('#m', 'headline').textContent()).trim(), 'Foreign forces in the Sahel');
  // Markup in an attribute is text: shown as typed, never parsed.
  assert.equal((await box('#m', 'subtitle').textContent()).trim(), '<b>Bases</b> & pacts');
  assert.equal(await p.locator('#m .sm-news-subtitle b').count(), 0);
  assert.equal((await box('#m', 'credit').textContent()).trim(), 'Graphic: The Sahel Desk');
  // A slotted element is the page's own, placed in the footer.
  const slotted = await p.evaluate(() => document.getElementById('note').assignedSlot?.name);
  assert.equal(slotted, 'notes');
  assert.equal(await box('#m', 'notes').isVisible(), true);
  // The headline is the figure's accessible name.
  assert.equal(await p.locator('#m').getByRole('figure', { name: 'Foreign forces in the Sahel' }).count(), 1);
  // Live, and empty texts take no room.
  await p.evaluate(() => document.getElementById('m').setAttribute('headline', 'Who is where'));
  assert.equal(await p.locator('#m').getByRole('figure', { name: 'Who is where' }).count(), 1);
  for (const name of ['headline', 'subtitle', 'notes', 'credit']) {
    assert.equal(await box('#bare', name).isVisible(), false, `${name} shows with nothing in it`);
  }
  await context.close();
});

test('the element API: select, layers, date and view; a wrong type is an error naming it', async () => {
  const { page: p, context } = await page({ viewport: { width: 900, height: 900 } }, 'api.html', '<sahel-map id="m"></sahel-map>');
  await waitForState(p, 'ready', '#m');
  const run = (f, ...args) => p.evaluate(f, ...args);
  // Select a country, then a link, by method; the panel and the view follow.
  await run(() => document.getElementById('m').select('NER'));
  await p.locator('#m [data-part="details"] h2', { hasText: 'Niger' }).waitFor();
  await run(() => document.getElementById('m').select('ner-rus-defence-mou-2023', 'link'));
  await p.locator('#m [data-part="details"] h2', { hasText: /Russia|Russie/ }).waitFor();
  const view = await run(() => document.getElementById('m').view);
  assert.equal(view.type, 'link');
  assert.equal(view.id, 'ner-rus-defence-mou-2023');
  assert.equal(view.date, '2026-01-31');
  assert.ok(view.layers.includes('rus') && view.layers.includes('bases'));
  // Layers and date as properties.
  await run(() => {
    const m = document.getElementById('m');
    m.layers = ['usa', 'links'];
    m.date = '2022-01-01';
  });
  await p.waitForFunction(() => document.getElementById('m').date === '2022-01-01');
  assert.deepEqual(await run(() => document.getElementById('m').layers), ['usa', 'links']);
  assert.equal(await p.locator('#m g[data-base], #m [data-site]').count(), 0);
  // Wrong types: errors that name what was wrong.
  const thrown = await run(() => {
    const m = document.getElementById('m');
    const errors = [];
    for (const f of [() => m.select(42), () => (m.layers = 'usa'), () => (m.date = 2024), () => m.select('x', 'planet')]) {
      try {
        f();
        errors.push(null);
      } catch (e) {
        errors.push(`${e.name}: ${e.message}`);
      }
    }
    return errors;
  });
  assert.match(thrown[0], /TypeError: .*select\(id\)/);
  assert.match(thrown[1], /TypeError: .*layers/);
  assert.match(thrown[2], /TypeError: .*date/);
  assert.match(thrown[3], /TypeError: .*type must be/);
  // The mount options are checked field by field too.
  const optionError = await run(async (name) => {
    const core = await import(new URL(name, document.baseURI).href);
    try {
      core.mount(document.body, document.createElement('div'), { geoSrc: 'countries.geojson', lang: 3 });
      return null;
    } catch (e) {
      return String(e.message ?? e);
    }
  }, file('sahel_map_core.js'));
  assert.match(optionError, /options\.lang: expected a string/);
  await context.close();
});

test('the iframe grows and shrinks with its content; the classic script loads the element', async () => {
  const body = `<iframe id="f" src="embed.html?lang=en" title="map" style="width:700px;border:0;height:200px"></iframe>
    <script src="embed-parent.js"></script>`;
  const { page: p, context } = await page({ viewport: { width: 900, height: 900 } }, 'iframe.html', body);
  const height = () => p.evaluate(() => document.getElementById('f').getBoundingClientRect().height);
  await p.waitForFunction(() => document.getElementById('f').getBoundingClientRect().height > 400);
  const frame = p.frameLocator('#f');
  await frame.locator('sahel-map[state="ready"]').waitFor();
  await p.waitForTimeout(300);
  const closed = await height();
  await frame.locator('sahel-map .sm-tables-toggle').click();
  await p.waitForFunction((h) => document.getElementById('f').getBoundingClientRect().height > h + 200, closed);
  await frame.locator('sahel-map .sm-tables-toggle').click();
  await p.waitForFunction((h) => Math.abs(document.getElementById('f').getBoundingClientRect().height - h) < 2, closed);
  // A page with nothing but the classic script gets the element too.
  await p.goto(
    await servePage(
      p,
      'classic.html',
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><script src="sahel-map-classic.js" defer></script></head><body><sahel-map id="c"></sahel-map></body></html>',
    ),
  );
  await waitForState(p, 'ready', '#c');
  await context.close();
});
