// dist/ ready for a CDN (issue 8): hashed names the loader and pages use, .br and .gz beside
// each file that are that file, and embed snippets whose SRI hashes match what they load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { launch, open, waitForState, file, servePage, BASE, DIST } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('hashed names: the content decides the name, and the loader and pages use them', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  for (const [plain, hashed] of Object.entries(manifest)) {
    const hex = createHash('sha256').update(readFileSync(join(DIST, hashed))).digest('hex').slice(0, 10);
    assert.equal(hashed, plain.replace(/\.([a-z]+)$/, `.${hex}.$1`));
  }
  const loader = readFileSync(join(DIST, 'sahel-map.js'), 'utf8');
  for (const name of ['sahel_map_core.js', 'sahel_map_core_bg.wasm', 'countries.geojson']) {
    assert.ok([`'./${file(name)}'`, `"./${file(name)}"`].some((q) => loader.includes(q)), `the loader does not use ${file(name)}`);
  }
  assert.ok(readFileSync(join(DIST, 'index.html'), 'utf8').includes(`"${file('article.css')}"`));
  assert.ok(readFileSync(join(DIST, 'embed.html'), 'utf8').includes(`"${file('embed.js')}"`));
});

test('every text and wasm file has .br and .gz twins with the same bytes inside', () => {
  const names = readdirSync(DIST);
  const plain = names.filter((n) => /\.(js|css|html|json|geojson|wasm|svg)$/.test(n));
  assert.ok(plain.length >= 10);
  for (const name of plain) {
    const raw = readFileSync(join(DIST, name));
    assert.ok(names.includes(`${name}.br`) && names.includes(`${name}.gz`), name);
    assert.ok(brotliDecompressSync(readFileSync(join(DIST, `${name}.br`))).equals(raw), `${name}.br`);
    assert.ok(gunzipSync(readFileSync(join(DIST, `${name}.gz`))).equals(raw), `${name}.gz`);
  }
});

test('the server sends the twins as a CDN would: brotli to a browser that takes it, the file itself to a client that asks for nothing', async () => {
  const { page, context } = await open(browser, 'index.html');
  // Reloaded once the first load is over: on a prerendered page the wasm is fetched after the
  // load event, and a reload in the middle of that fetch once waited out Playwright's 30 s in CI.
  await waitForState(page, 'ready');
  const encodings = {};
  page.on('response', (r) => (encodings[new URL(r.url()).pathname.slice(1)] = r.headers()['content-encoding'] ?? null));
  await page.reload();
  await waitForState(page, 'ready');
  for (const name of ['index.html', 'sahel-map.js', file('sahel_map_core_bg.wasm'), file('countries.geojson')]) {
    assert.equal(encodings[name], 'br', name);
  }
  await context.close();
  // No Accept-Encoding: the plain bytes, no Content-Encoding.
  const wasm = file('sahel_map_core_bg.wasm');
  const { headers, body } = await new Promise((resolve, reject) => {
    request(new URL(wasm, BASE), (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
  assert.equal(headers['content-encoding'], undefined);
  assert.equal(headers['content-type'], 'application/wasm');
  assert.ok(body.equals(readFileSync(join(DIST, wasm))));
});

test('the printed snippets carry SRI hashes that match their files, and a page using them works', async () => {
  const snippets = readFileSync(join(DIST, 'snippets.txt'), 'utf8');
  const pairs = [...snippets.matchAll(/src="https:\/\/YOUR-CDN\/sahel-map\/([^"]+)" integrity="(sha384-[^"]+)"/g)];
  assert.equal(pairs.length, 3);
  for (const [, name, integrity] of pairs) {
    const digest = createHash('sha384').update(readFileSync(join(DIST, name))).digest('base64');
    assert.equal(integrity, `sha384-${digest}`, name);
  }
  // The element snippet, pointed at this dist/, loads the map.
  const element = snippets.split('\n').find((l) => l.includes('type="module"')).replace('https://YOUR-CDN/sahel-map/', BASE);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(
    await servePage(page, 'sri.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">${element}</head><body><sahel-map></sahel-map></body></html>`),
  );
  await page.waitForFunction(() => document.querySelector('sahel-map').getAttribute('state') === 'ready', null, { timeout: 30000 });
  await context.close();
});

test('the poster: drawn at build time, shown to readers without JavaScript', async () => {
  const svg = readFileSync(join(DIST, 'sahel-map.svg'), 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal(svg.match(/class="sm-country/g).length, 24);
  assert.ok(svg.includes('data-base="us-air-base-201-agadez"') && svg.includes('Natural Earth'));
  const png = readFileSync(join(DIST, 'sahel-map.png'));
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  assert.equal(png.readUInt32BE(16), 2000);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(new URL('index.html', BASE).href);
  const poster = page.locator('img.map-poster');
  await poster.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('img.map-poster')?.complete);
  assert.ok((await poster.evaluate((img) => img.naturalWidth)) === 2000);
  await context.close();
});
