// The widget's core in the engines beside Chromium that readers use: Firefox (Debian's
// firefox-esr over WebDriver BiDi, through puppeteer-core) and WebKit (Debian's WebKitGTK
// MiniBrowser through WebKitWebDriver and selenium-webdriver, under Xvfb). The same scenarios in
// both, against the built dist/: ready with every country and base, no console errors, a click
// in Niger, the keyboard walk, a layer switch, a timeline step, the iframe's height; screenshots
// at 375 and 1280 px. A short tier: it guards the core, it does not repeat the Chromium tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { Builder, Key } from 'selenium-webdriver';

const BASE = process.env.SAHEL_BASE_URL ?? 'http://127.0.0.1:8080/';
const DIST = process.env.SAHEL_DIST ?? new URL('../../dist/', import.meta.url).pathname;
const SHOTS = process.env.SAHEL_SCREENSHOTS ?? new URL('../../target/screenshots/', import.meta.url).pathname;
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

// Pages of our own beside the demo, removed afterwards: the demo with a recorder of errors
// installed before anything else runs (WebDriver has no hook before a page's scripts), and a
// page that frames embed.html and keeps the heights it posts.
const RECORDER = `<script>
  window.__errors = [];
  addEventListener('error', (e) => __errors.push('error: ' + e.message));
  addEventListener('unhandledrejection', (e) => __errors.push('rejection: ' + e.reason));
  for (const level of ['error', 'warn']) {
    const original = console[level];
    console[level] = (...args) => { __errors.push(level + ': ' + args.join(' ')); original.apply(console, args); };
  }
</script>`;
const DEMO = '__engines-demo.html';
const FRAME = '__engines-frame.html';
// The demo laid out 375 px wide whatever the window (WebKitGTK's MiniBrowser keeps its window at
// least 447 px wide for its toolbar).
const PHONE = '__engines-phone.html';
// The demo with a loader whose wasm module cannot be had: what a reader gets where the engine
// cannot run it.
const BROKEN = '__engines-broken.html';
const BROKEN_LOADER = '__engines-broken.js';

before(() => {
  const demo = readFileSync(join(DIST, 'index.html'), 'utf8').replace('<head>', `<head>${RECORDER}`);
  writeFileSync(join(DIST, DEMO), demo);
  writeFileSync(join(DIST, PHONE), demo.replace('</head>', '<style>html { width: 375px; }</style></head>'));
  const loader = readFileSync(join(DIST, 'sahel-map.js'), 'utf8');
  writeFileSync(join(DIST, BROKEN_LOADER), loader.replace(/sahel_map_core\.[0-9a-f]+\.js/g, 'sahel_map_core.missing.js'));
  writeFileSync(join(DIST, BROKEN), demo.replace('src="sahel-map.js"', `src="${BROKEN_LOADER}"`));
  writeFileSync(
    join(DIST, FRAME),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">${RECORDER}</head><body>
      <script>window.__heights = []; addEventListener('message', (e) => { if (typeof e.data?.height === 'number') __heights.push(e.data.height); });</script>
      <iframe src="embed.html?lang=en" title="Map" style="width:100%;border:0"></iframe></body></html>`,
  );
});
after(() => {
  for (const f of [DEMO, FRAME, PHONE, BROKEN, BROKEN_LOADER]) rmSync(join(DIST, f), { force: true });
});

// Each engine behind one small interface: open a page at a size, run a function in it, click a
// point, press a key, take a screenshot.
async function firefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false },
  });
  const page = await browser.newPage();
  return {
    name: 'firefox',
    async open(path, [width, height]) {
      await page.setViewport({ width, height });
      await page.goto(new URL(path, BASE).href);
    },
    run: (fn, ...args) => page.evaluate(fn, ...args),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key),
    screenshot: (file) => page.screenshot({ path: file }),
    close: () => browser.close(),
  };
}

async function webkit() {
  const display = ':99';
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const port = 4445;
  const server = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  let driver;
  for (let i = 0; i < 50 && !driver; i++) {
    await new Promise((r) => setTimeout(r, 200));
    try {
      driver = await new Builder()
        .usingServer(`http://127.0.0.1:${port}`)
        .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
        .build();
    } catch {
      driver = undefined;
    }
  }
  assert.ok(driver, 'WebKitWebDriver did not start MiniBrowser');
  const keys = { Tab: Key.TAB, ArrowRight: Key.ARROW_RIGHT, Enter: Key.ENTER, Escape: Key.ESCAPE };
  return {
    name: 'webkit',
    async open(path, [width, height]) {
      await driver.manage().window().setRect({ width, height });
      await driver.get(new URL(path, BASE).href);
    },
    run: (fn, ...args) => driver.executeScript(`return (${fn}).apply(null, arguments)`, ...args),
    click: (x, y) => driver.actions({ async: true }).move({ x: Math.round(x), y: Math.round(y), origin: 'viewport' }).click().perform(),
    press: (key) => driver.actions({ async: true }).sendKeys(keys[key]).perform(),
    screenshot: async (file) => writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64')),
    async close() {
      await driver.quit().catch(() => {});
      server.kill();
      xvfb.kill();
    },
  };
}

// Polls `fn` in the page until it returns something truthy.
async function until(engine, fn, what, ...args) {
  for (let i = 0; i < 150; i++) {
    const v = await engine.run(fn, ...args);
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${engine.name}: timed out waiting for ${what}`);
}

// The bases the map shows on opening: started by the dataset's date, run by a partner whose layer
// is on by default (as `view::shown` decides).
function expectedBases() {
  const data = JSON.parse(readFileSync(join(DIST, 'sahel.json'), 'utf8'));
  const on = data.layers.filter((l) => l.default).flatMap((l) => l.actors);
  return data.bases.filter((b) => b.operators.some((o) => on.includes(o)) && !(b.opened && b.opened.date > data.as_of)).map((b) => b.id).sort();
}

const state = () => document.querySelector('sahel-map')?.getAttribute('state');
const inMap = (selector) => [...document.querySelector('sahel-map').shadowRoot.querySelectorAll(selector)].length;
const title = () => document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2')?.textContent.trim() ?? null;
// A point where the topmost element is the shape of `iso`, from a grid over its box.
const pointIn = (iso) => {
  const root = document.querySelector('sahel-map').shadowRoot;
  const shape = root.querySelector(`[data-iso="${iso}"]`);
  shape.scrollIntoView({ block: 'center' });
  const box = shape.getBoundingClientRect();
  let best = null;
  for (let i = 1; i < 20; i++) {
    for (let j = 1; j < 20; j++) {
      const x = box.left + (box.width * i) / 20;
      const y = box.top + (box.height * j) / 20;
      const d = Math.hypot(i - 10, j - 10);
      if (root.elementFromPoint(x, y) === shape && (!best || d < best.d)) best = { x, y, d };
    }
  }
  return best;
};

async function scenarios(engine) {
  const started = Date.now();
  // Ready, with every country and base, and nothing said on the console.
  await engine.open(DEMO, [1280, 900]);
  await until(engine, () => document.querySelector('sahel-map')?.getAttribute('state') === 'ready', 'ready');
  assert.equal(await engine.run(inMap, '[data-iso]'), 24);
  const drawn = await engine.run(() => [...new Set([...document.querySelector('sahel-map').shadowRoot.querySelectorAll('[data-base]')].map((e) => e.dataset.base))].sort());
  assert.deepEqual(drawn, expectedBases(), `${engine.name}: the bases drawn`);
  assert.ok((await engine.run(inMap, '[data-bloc="aes"]')) === 1, 'the Alliance drawn as an area');
  await engine.run(() => document.querySelector('sahel-map').scrollIntoView());
  await engine.screenshot(join(SHOTS, `engine-${engine.name}-1280.png`));

  // A real click inside Niger opens its panel.
  const point = await engine.run(pointIn, 'NER');
  assert.ok(point, 'a point inside Niger');
  await engine.click(point.x, point.y);
  assert.equal(await until(engine, title, 'Niger’s panel'), 'Niger');
  assert.ok((await engine.run(inMap, '[data-link$=":ner"]')) > 0, 'Niger’s lines');
  await engine.press('Escape');
  await until(engine, () => !document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2'), 'the panel to close');

  // The keyboard, on a fresh page: Tab into the map, an arrow to a neighbour, Enter, Esc.
  await engine.open(DEMO, [1280, 900]);
  await until(engine, () => document.querySelector('sahel-map')?.getAttribute('state') === 'ready', 'ready again');
  let iso = null;
  for (let i = 0; i < 30 && !iso; i++) {
    await engine.press('Tab');
    iso = await engine.run(() => (document.activeElement === document.querySelector('sahel-map') ? document.querySelector('sahel-map').shadowRoot.activeElement?.dataset?.iso ?? null : null));
  }
  assert.ok(iso, `${engine.name}: Tab never reached a country`);
  await engine.press('ArrowRight');
  const next = await engine.run(() => document.querySelector('sahel-map').shadowRoot.activeElement?.dataset?.iso ?? null);
  assert.ok(next && next !== iso, `${engine.name}: the arrow moved from ${iso} to ${next}`);
  await engine.press('Enter');
  assert.ok(await until(engine, title, 'a panel from Enter'));
  await engine.press('Escape');
  await until(engine, () => !document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2'), 'Esc to close');

  // A layer switch hides Russia's symbols and brings them back.
  const russian = () => document.querySelector('sahel-map').shadowRoot.querySelectorAll('[data-base^="ru-"]').length;
  const before = await engine.run(russian);
  assert.ok(before > 0);
  const toggle = () => document.querySelector('sahel-map').shadowRoot.querySelector('input[data-layer="rus"]').click();
  await engine.run(toggle);
  await until(engine, (n) => document.querySelector('sahel-map').shadowRoot.querySelectorAll('[data-base^="ru-"]').length === n, 'Russia hidden', 0);
  await engine.run(toggle);
  await until(engine, (n) => document.querySelector('sahel-map').shadowRoot.querySelectorAll('[data-base^="ru-"]').length === n, 'Russia back', before);

  // A timeline step moves the date.
  const date = () => document.querySelector('sahel-map').view?.date;
  const was = await engine.run(date);
  await engine.run(() => document.querySelector('sahel-map').shadowRoot.querySelector('.sm-timeline button').click());
  await until(engine, (d) => document.querySelector('sahel-map').view?.date !== d, 'a new date', was);
  assert.deepEqual(await engine.run(() => window.__errors), [], `${engine.name}: console errors`);

  // A phone's width: the map shows the five, taller, the key closed, nothing wider than 375 px.
  await engine.open(PHONE, [375, 800]);
  await until(engine, () => document.querySelector('sahel-map')?.getAttribute('state') === 'ready', 'ready at 375 px');
  await engine.run(() => document.querySelector('sahel-map').scrollIntoView());
  await engine.screenshot(join(SHOTS, `engine-${engine.name}-375.png`));
  const phone = await engine.run(() => {
    const root = document.querySelector('sahel-map').shadowRoot;
    const box = root.querySelector('.sm-root .sm-mapbox').getBoundingClientRect();
    return {
      width: document.querySelector('sahel-map').getBoundingClientRect().width,
      map: [box.width, box.height],
      key: root.querySelector('.sm-root details.sm-legend').open,
      wide: document.body.scrollWidth,
    };
  });
  assert.ok(phone.width <= 375 && phone.wide <= 375, `${engine.name}: ${JSON.stringify(phone)}`);
  assert.ok(phone.map[1] >= 320, `${engine.name}: the map is ${phone.map[1]} px tall`);
  assert.equal(phone.key, false, `${engine.name}: the key starts closed`);
  assert.deepEqual(await engine.run(() => window.__errors), []);

  // The iframe page posts its height to the page around it.
  await engine.open(FRAME, [900, 900]);
  const heights = await until(engine, () => (window.__heights.length ? window.__heights : null), 'a posted height');
  assert.ok(heights.at(-1) > 300, `${engine.name}: heights ${heights}`);
  assert.deepEqual(await engine.run(() => window.__errors), []);

  // Without the wasm: a message in the widget's place, state="error", the article whole.
  await engine.open(BROKEN, [1280, 900]);
  await until(engine, () => document.querySelector('sahel-map')?.getAttribute('state') === 'error', 'the error state');
  const broken = await engine.run(() => ({
    said: document.querySelector('sahel-map').shadowRoot.querySelector('.sm-error')?.textContent ?? '',
    headline: document.querySelector('sahel-map').shadowRoot.querySelector('.sm-head')?.textContent ?? '',
    article: document.querySelectorAll('article p').length,
  }));
  assert.equal(broken.said, 'The map could not be loaded.');
  assert.match(broken.headline, /Foreign forces and pacts in the Sahel/);
  assert.ok(broken.article > 5);
  console.log(`${engine.name}: every scenario in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

for (const [name, start] of [
  ['Firefox', firefox],
  ['WebKit', webkit],
]) {
  test(`${name}: ready with every country and base, a click, the keyboard, a switch, a timeline step, the iframe's height`, async () => {
    const engine = await start();
    try {
      await scenarios(engine);
    } finally {
      await engine.close();
    }
  });
}
