// Safe to publish: a crafted link to embed.html cannot put data or words on the newsroom's
// domain (the page's own markup still can), and a server that holds a request open ends in
// "still waiting" and "try again", never in endless loading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, BASE, DIST, SHOTS, waitForState, file } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// Another origin than the dist/ server's: same server, other host name.
const FOREIGN = BASE.replace('127.0.0.1', 'localhost');

function bundled() {
  return JSON.parse(readFileSync(join(DIST, 'sahel.json'), 'utf8'));
}

// The texts of the figure around the map, as a reader sees them.
async function figureText(page, selector = 'sahel-map') {
  return page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('.sm-frame').innerText, selector);
}

test('a crafted link: foreign data and unpublished words are refused with a warning; the published set and own-origin data are taken', async () => {
  assert.notEqual(new URL(FOREIGN).origin, new URL(BASE).origin);
  const forged = bundled();
  forged.version = '6.6.6-forged';
  const words = { headline: 'FORGED HEADLINE', subtitle: 'FORGED SUBTITLE', notes: 'FORGED NOTES', credit: 'FORGED CREDIT' };
  const query = new URLSearchParams({
    'data-src': new URL('forged.json', FOREIGN).href,
    'data-geo-src': new URL('forged.geojson', FOREIGN).href,
    ...words,
    lang: 'fr',
    country: 'NER',
  });
  const { page, context, record } = await open(browser, 'about:blank', { viewport: { width: 900, height: 900 } });
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await context.route(`${FOREIGN}**`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(forged) }));
  await page.goto(new URL(`embed.html?${query}`, BASE).href);
  await waitForState(page, 'ready');

  // Nothing was fetched from the other origin; the bundled data and no forged word are shown.
  assert.deepEqual(requested.filter((u) => u.startsWith(FOREIGN)), []);
  const map = page.locator('sahel-map');
  assert.equal(await map.getAttribute('data-src'), null);
  assert.equal(await map.getAttribute('data-geo-src'), null);
  assert.doesNotMatch(await page.locator('sahel-map .sm-credit').textContent(), /6\.6\.6/);
  const shown = await figureText(page);
  for (const word of Object.values(words)) assert.ok(!shown.includes(word), `${word} is shown`);
  // The view options were taken: French, Niger selected.
  assert.equal(await page.locator('sahel-map .sm').getAttribute('lang'), 'fr');
  assert.equal(await page.evaluate(() => document.querySelector('sahel-map').view.country), 'NER');
  // One warning for each refusal, naming it and saying how to allow it.
  const warnings = record.errors.filter((e) => e.includes('embed.html'));
  for (const name of ['data-src', 'data-geo-src', ...Object.keys(words)]) {
    const warning = warnings.find((w) => w.includes(`?${name}=`));
    assert.ok(warning, `no warning for ${name}: ${warnings.join('\n')}`);
    assert.match(warning, /refused/);
    assert.match(warning, name.startsWith('data') ? /data_origins in embed\.config\.json/ : /"texts" in embed\.config\.json/);
  }
  await context.close();
});

test('a link may pick a published set of texts, and data from embed.html’s own origin', async () => {
  const { page, context, record } = await open(browser, 'about:blank', { viewport: { width: 900, height: 900 } });
  const own = bundled();
  own.version = '1.2.3-own';
  await page.route(new URL('own-data.json', BASE).href, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(own) }));
  await page.goto(new URL('embed.html?texts=demo&data-src=own-data.json&lang=en', BASE).href);
  await waitForState(page, 'ready');
  const policy = JSON.parse(readFileSync(new URL('../../embed.config.json', import.meta.url), 'utf8'));
  const shown = await figureText(page);
  for (const text of Object.values(policy.texts.demo)) assert.ok(shown.includes(text), `${text} not in ${shown}`);
  assert.match(await page.locator('sahel-map .sm-credit').textContent(), /version 1\.2\.3-own/);
  assert.deepEqual(record.errors, []);
  await context.close();

  // A set that was never published is refused too.
  const other = await open(browser, 'embed.html?texts=__proto__', { viewport: { width: 900, height: 900 } });
  await waitForState(other.page, 'ready');
  assert.ok(other.record.errors.some((e) => /\?texts=__proto__ refused/.test(e)), other.record.errors.join('\n'));
  await other.context.close();
});

test('the allowed origins are the newsroom’s to set when it builds dist/', async () => {
  // The same embed.js with a policy that allows the other origin, as the build writes one.
  const { page, context, record } = await open(browser, 'about:blank', { viewport: { width: 900, height: 900 } });
  const embedJs = readFileSync(join(DIST, file('embed.js')), 'utf8');
  const origin = new URL(FOREIGN).origin;
  const allowed = embedJs.replace(/const POLICY = \{[^\n]*\};/, `const POLICY = ${JSON.stringify({ dataOrigins: [origin], texts: {} })};`);
  assert.notEqual(allowed, embedJs, 'embed.js lost its policy line');
  await context.route(new URL(file('embed.js'), BASE).href, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: allowed }));
  const theirs = bundled();
  theirs.version = '4.5.6-partner';
  await context.route(`${origin}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify(theirs) }),
  );
  await page.goto(new URL(`embed.html?data-src=${encodeURIComponent(`${origin}/partner.json`)}`, BASE).href);
  await waitForState(page, 'ready');
  assert.match(await page.locator('sahel-map .sm-credit').textContent(), /version 4\.5\.6-partner/);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('the page’s own markup may set any data and words', async () => {
  const { page, context } = await open(browser, 'about:blank', { viewport: { width: 900, height: 900 } });
  const theirs = bundled();
  theirs.version = '7.7.7-page';
  await context.route(`${FOREIGN}**`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify(theirs) }),
  );
  await page.route(new URL('own-page.html', BASE).href, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
        <script type="module" src="sahel-map.js"></script></head><body>
        <sahel-map data-src="${new URL('theirs.json', FOREIGN).href}" headline="Our own headline" credit="Our own credit"></sahel-map></body></html>`,
    }),
  );
  await page.goto(new URL('own-page.html', BASE).href);
  await waitForState(page, 'ready');
  assert.match(await page.locator('sahel-map .sm-credit').textContent(), /version 7\.7\.7-page/);
  const shown = await figureText(page);
  assert.ok(shown.includes('Our own headline') && shown.includes('Our own credit'), shown);
  await context.close();
});

// A server in front of dist/ that holds the requests for `held` open (never answers) until
// released, and serves the rest from the dist/ server.
async function holdingServer(held) {
  const waiting = [];
  let holding = true;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const answer = async () => {
      const upstream = await fetch(new URL(path.slice(1), BASE));
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    };
    if (holding && held.some((h) => path.endsWith(h))) {
      waiting.push(answer);
      req.on('close', () => waiting.includes(answer) && waiting.splice(waiting.indexOf(answer), 1));
    } else {
      await answer().catch(() => res.destroy());
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    held: () => waiting.length,
    release() {
      holding = false;
    },
    // Whatever is still held is dropped, so nothing outlives the test.
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

test('a countries file that never comes: the first frame stays, "still waiting" with Try again, which loads the map once the server answers', async (t) => {
  const server = await holdingServer([file('countries.geojson')]);
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  t.after(() => Promise.all([context.close(), server.close()]));
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`${server.base}index.html`);
  const map = page.locator('sahel-map').first();
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelector('.sm-stalled'), null, { timeout: 20000 });
  const waited = (Date.now() - started) / 1000;
  assert.ok(waited >= 7, `said so after ${waited} s`);
  assert.equal(await map.getAttribute('state'), 'loading');
  assert.ok(server.held() >= 1, 'the request is held open');
  // The first frame is still shown, under the notice; the notice is seen and readable.
  const first = page.locator('sahel-map .sm-first-box');
  assert.ok(await first.isVisible());
  const notice = page.locator('sahel-map .sm-stalled');
  assert.ok(await notice.isVisible());
  assert.match(await notice.textContent(), /taking longer than usual/);
  const frameBox = await first.boundingBox();
  const noticeBox = await notice.boundingBox();
  assert.ok(noticeBox.y >= frameBox.y - 1 && noticeBox.y + noticeBox.height <= frameBox.y + frameBox.height, 'the notice sits over the first frame');
  await map.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'stalled-countries.png') });

  server.release();
  await notice.getByRole('button', { name: 'Try again' }).click();
  // At once: the new request must not queue behind the one still held open.
  await page.waitForFunction(() => document.querySelector('sahel-map').getAttribute('state') === 'ready', null, { timeout: 10000 });
  assert.equal(await page.locator('sahel-map .sm-stalled').count(), 0);
  assert.ok((await page.locator('sahel-map [data-iso="NER"]').count()) === 1);
});

test('a data-src held open is given up after 30 s: an error that says so, state="error", and Try again', async (t) => {
  const server = await holdingServer(['held.json']);
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  t.after(() => Promise.all([context.close(), server.close()]));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.base}embed.html?data-src=held.json`);
  // First the notice, then, the request given up, the error.
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelector('.sm-stalled'), null, { timeout: 20000 });
  await page.waitForFunction(() => document.querySelector('sahel-map').getAttribute('state') === 'error', null, { timeout: 40000 });
  const alert = page.locator('sahel-map [role="alert"]');
  assert.match(await alert.textContent(), /held\.json did not answer within 30 seconds/);
  const retry = alert.getByRole('button', { name: 'Try again' });
  assert.ok(await retry.isVisible());
  await page.screenshot({ path: join(SHOTS, 'stalled-data-error.png') });
  // The server answers now (with the bundled dataset under that name): trying again works.
  server.release();
  await context.route('**/held.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(join(DIST, 'sahel.json'), 'utf8') }));
  await retry.click();
  await waitForState(page, 'ready');
  assert.deepEqual(errors, []);
});

test('the sources held open: the panel says it is still waiting, and Try again brings them', async (t) => {
  const server = await holdingServer(['sahel.json']);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => Promise.all([context.close(), server.close()]));
  const page = await context.newPage();
  await page.goto(`${server.base}index.html`);
  const map = page.locator('sahel-map').first();
  await map.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('sahel-map').getAttribute('state') === 'ready', null, { timeout: 30000 });
  await page.evaluate(() => document.querySelector('sahel-map').select('NER'));
  const panel = page.locator('sahel-map [data-part="details"]');
  await page.waitForFunction(() => /still waiting/i.test(document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"]').textContent), null, { timeout: 20000 });
  assert.match(await panel.textContent(), /Still waiting for the sources and notes/);
  server.release();
  await panel.getByRole('button', { name: 'Try again' }).click();
  await page.waitForFunction(() => /Sources \(\d+\)/.test(document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"]').textContent), null, { timeout: 10000 });
  assert.equal(await panel.getByRole('button', { name: 'Try again' }).count(), 0);
});
