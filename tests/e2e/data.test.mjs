// The dataset in the widget, as a reader meets it: bases, links, layers, the details panel and
// provenance (issue 5), and a page's own dataset through `data-src`, good or bad (issue 4).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, waitForState, pointInside, BASE, DIST, SHOTS } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const bundled = () => JSON.parse(readFileSync(join(DIST, 'sahel.json'), 'utf8'));

// Serves `body` (JSON text) at `name` beside the demo page.
async function serve(page, name, body) {
  await page.route(new URL(name, BASE).href, (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'application/json' }, body }),
  );
}

const inMap = (page, selector) => page.locator('sahel-map').first().locator(selector);

test('the bundled dataset draws bases, partner marks and blocs, and a country’s links when selected; the credit names its version and date', async () => {
  const { page, context, record } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  const data = bundled();
  assert.ok((await inMap(page, 'g[data-base], [data-site]').count()) >= 8);
  // Nothing selected: no lines; Niger's partners in force (Russia, Italy) under its name, the
  // Alliance of Sahel States as one area over its three members.
  assert.equal(await inMap(page, '[data-link]').count(), 0);
  assert.deepEqual(await inMap(page, '[data-of="NER"]').evaluateAll((els) => els.map((e) => e.dataset.partner).sort()), ['ita', 'rus']);
  assert.equal(await inMap(page, '[data-bloc="aes"] .sm-bloc-area').count(), 3);
  // A mark selects its partner: its lines, one per state.
  await inMap(page, '[data-of="NER"][data-partner="rus"]').dispatchEvent('click');
  assert.deepEqual(await page.evaluate(() => window.__sahel.select.at(-1)), { type: 'partner', id: 'rus', iso: null });
  const russia = await inMap(page, '[data-link]').evaluateAll((els) => els.map((e) => e.dataset.link).sort());
  assert.deepEqual(russia, ['rus:bfa', 'rus:mli', 'rus:ner']);
  await page.evaluate(() => document.querySelector('sahel-map').select('NER'));
  assert.ok((await inMap(page, '[data-link]').count()) >= 4);
  assert.equal(await inMap(page, 'g[data-base="us-air-base-201-agadez"]').count(), 1);
  const credit = await inMap(page, '.sm-credit').textContent();
  assert.ok(credit.includes(`version ${data.version}`), credit);
  assert.ok(credit.includes('as of 31 January 2026'), credit);
  // Agadez is sized by a count the research could not verify: the symbol carries the mark.
  assert.equal(await inMap(page, 'g[data-base="us-air-base-201-agadez"] .sm-unverified-mark').count(), 1);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('turning Russia off hides its bases and links and nothing else; on again restores them', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const count = () =>
    page.evaluate(() => {
      const root = document.querySelector('sahel-map').shadowRoot;
      const n = (s) => root.querySelectorAll(s).length;
      return {
        rus: n('[data-base^="ru-"]') + n('[data-link^="rus:"]') + n('[data-partner="rus"]'),
        others: n('[data-base]:not([data-base^="ru-"])') + n('[data-link]:not([data-link^="rus:"])') + n('[data-partner]:not([data-partner="rus"])'),
      };
    });
  // Niger selected: its lines are drawn, Russia's among them.
  await page.evaluate(() => document.querySelector('sahel-map').select('NER'));
  // The country shapes are never redrawn: the same element carries a mark set before.
  await page.evaluate(() => (document.querySelector('sahel-map').shadowRoot.querySelector('[data-iso="NER"]').__mark = 1));
  const before = await count();
  assert.ok(before.rus >= 4, JSON.stringify(before));
  const rus = inMap(page, 'input[type=checkbox][data-layer="rus"]');
  assert.equal(await rus.isChecked(), true);
  await rus.click();
  // Pointing at a switch draws that partner's lines: count with the pointer away.
  await page.mouse.move(0, 0);
  const off = await count();
  assert.equal(off.rus, 0);
  assert.equal(off.others, before.others);
  await rus.click();
  await page.mouse.move(0, 0);
  assert.deepEqual(await count(), before);
  // Keyboard: Space on the focused switch toggles it as well.
  await rus.focus();
  await page.keyboard.press('Space');
  assert.equal((await count()).rus, 0);
  assert.equal(
    await page.evaluate(() => document.querySelector('sahel-map').shadowRoot.querySelector('[data-iso="NER"]').__mark),
    1,
  );
  await context.close();
});

test('a click inside Niger lists Air Base 201 and the US–Niger agreement with its 2024 end', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const point = await pointInside(page, 'NER');
  await page.mouse.click(point.x, point.y);
  const panel = inMap(page, '[data-part="details"]');
  await panel.locator('h2', { hasText: 'Niger' }).waitFor();
  const agadez = panel.locator('[data-open-base="us-air-base-201-agadez"]');
  assert.match(await agadez.textContent(), /Air Base 201, Agadez — United States.*closed 5 August 2024/);
  const sofa = panel.locator('[data-open-link="usa-ner-sofa-2012"]');
  assert.match(await sofa.textContent(), /ended 16 March 2024/);
  // From the list to the base itself: its counts, with as-of dates and sources as links.
  await agadez.click();
  await panel.locator('h2', { hasText: 'Air Base 201' }).waitFor();
  const text = await panel.textContent();
  assert.match(text, /about 200 troops, at this base \(as of 24 July 2024\)/);
  assert.match(text, /not independently verified/);
  // Troops leaving are told in the note, never counted as the base's strength.
  assert.doesNotMatch(text, /about 600 troops, at this base/);
  assert.match(text, /a count of departures, not of the base’s strength/);
  // Each source says how far it can be relied on.
  assert.match(text, /· republished copy of France 24/);
  assert.match(text, /· official/);
  const hrefs = await panel.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs.length > 0 && hrefs.every((h) => /^https?:\/\//.test(h)));
  // Esc closes.
  await page.keyboard.press('Escape');
  await panel.locator('.sm-hint').waitFor();
  await context.close();
});

test('of two bases counted at base level, the larger count has the larger symbol', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  // Ouallam (about 200) and Abéché (about 100): both French, so both squares. Zoomed in,
  // Ouallam comes apart from the Niamey symbols it shares at first.
  for (let i = 0; i < 4; i++) await page.locator('sahel-map .sm-zoom-in').click();
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelector('g[data-base="fr-ouallam-forward-base"]'));
  const area = (id) =>
    page.evaluate((id) => {
      const box = document.querySelector('sahel-map').shadowRoot.querySelector(`g[data-base="${id}"] .sm-sym`).getBBox();
      return box.width * box.height;
    }, id);
  const [ouallam, abeche] = [await area('fr-ouallam-forward-base'), await area('fr-abeche')];
  assert.ok(ouallam > abeche, `${ouallam} ≤ ${abeche}`);
  assert.ok(Math.abs(ouallam / abeche - 2) < 0.2, `area ratio ${ouallam / abeche}, counts 200:100`);
  await context.close();
});

test('a link or a site opens its own facts; screenshots at 1280 and 375', async () => {
  for (const width of [1280, 375]) {
    const { page, context } = await open(browser, 'index.html', { viewport: { width, height: 900 } });
    await waitForState(page, 'ready');
    await page.locator('sahel-map').scrollIntoViewIfNeeded();
    const panel = inMap(page, '[data-part="details"]');
    // Niger selected draws its lines; Russia's lists its agreements (one, the memorandum).
    await page.evaluate(() => document.querySelector('sahel-map').select('NER'));
    await inMap(page, '[data-link="rus:ner"]').dispatchEvent('click');
    await panel.locator('h2', { hasText: 'Russia – Niger' }).waitFor();
    assert.match(await panel.textContent(), /defence memorandum/);
    assert.equal(await panel.locator('h3.sm-agreement').count(), 1);
    // The whole dataset arriving replaces the panel's nodes: measure the ones that stay.
    await panel.locator('.sm-whole').waitFor({ state: 'detached' });
    // The status word is a word in a line, not the loading box of the map's shape.
    const status = await panel.locator('.sm-status').first().boundingBox();
    assert.ok(status.height < 40, `the status word is ${status.height}px tall`);
    assert.equal(await page.evaluate(() => window.__sahel.select.at(-1).type), 'link');
    const site = inMap(page, '[data-site]').first();
    await site.dispatchEvent('click');
    await panel.locator('[data-open-base]').first().waitFor();
    await page.locator('sahel-map').screenshot({ path: join(SHOTS, `data-${width}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal scroll of ${overflow}px at ${width}`);
    await context.close();
  }
});

test('a page’s own dataset: used when valid, and strings in it stay text', async () => {
  const { page, context } = await open(browser, 'index.html');
  await waitForState(page, 'ready');
  const data = bundled();
  const agadez = data.bases.find((b) => b.id === 'us-air-base-201-agadez');
  agadez.name.en = '<img src=x onerror="window.__pwned=1">Agadez <b>base</b>';
  data.version = '9.9.9-test';
  await serve(page, 'own.json', JSON.stringify(data));
  await page.evaluate(() => {
    const map = document.createElement('sahel-map');
    map.id = 'own';
    map.setAttribute('data-src', 'own.json');
    map.setAttribute('country', 'NER');
    document.querySelector('article').append(map);
  });
  await page.locator('#own').scrollIntoViewIfNeeded();
  await waitForState(page, 'ready', '#own');
  assert.match(await page.locator('#own .sm-credit').textContent(), /version 9\.9\.9-test/);
  const button = page.locator('#own [data-open-base="us-air-base-201-agadez"]');
  assert.match(await button.textContent(), /<img src=x onerror="window.__pwned=1">Agadez <b>base<\/b>/);
  assert.equal(await page.locator('#own img, #own b').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await context.close();
});

test('a truncated, invalid or unreachable data-src: the first problems in the widget, state="error", an error event', async () => {
  const { page, context, record } = await open(browser, 'index.html');
  await waitForState(page, 'ready');
  const text = readFileSync(join(DIST, 'sahel.json'), 'utf8');
  await serve(page, 'truncated.json', text.slice(0, 4000));
  const invalid = bundled();
  invalid.bases[3].troops[0].as_of = '2024-13-01';
  invalid.bases[4].id = invalid.bases[5].id;
  invalid.agreements[0].sources[0].url = 'javascript:alert(1)';
  invalid.events[0].date = 'soon';
  await serve(page, 'invalid.json', JSON.stringify(invalid));
  await page.evaluate(() => {
    for (const [id, src] of [['missing', 'no-such-dataset.json'], ['truncated', 'truncated.json'], ['invalid', 'invalid.json']]) {
      const map = document.createElement('sahel-map');
      map.id = id;
      map.setAttribute('data-src', src);
      document.querySelector('article').append(map);
    }
  });
  const alerts = {};
  for (const id of ['missing', 'truncated', 'invalid']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await waitForState(page, 'error', `#${id}`);
    alerts[id] = await page.locator(`#${id} [role="alert"]`).textContent();
    assert.match(alerts[id], /data could not be loaded/, alerts[id]);
  }
  assert.match(alerts.missing, /no-such-dataset\.json answered 404/);
  assert.match(alerts.truncated, /truncated\.json: not JSON/);
  // The first three problems, each with its path, then how many more.
  assert.match(alerts.invalid, /bases\[3\]\.troops\[0\]\.as_of/);
  assert.match(alerts.invalid, /… and \d+ more/);
  assert.equal(await page.locator('#invalid [role="alert"] li').count(), 4);
  const messages = await page.evaluate(() => window.__sahel.error.map((d) => d.message));
  assert.equal(messages.length, 3);
  // The page is untouched: the first map is still ready, nothing thrown.
  assert.equal(await page.locator('sahel-map').first().getAttribute('state'), 'ready');
  assert.deepEqual(record.errors.filter((e) => !/404/.test(e)), []);
  await context.close();
});

test('get the data: one CSV row per base shown, the dataset as of the date, and the map as SVG and PNG', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await waitForState(page, 'ready');
  await page.evaluate(() => (document.querySelector('sahel-map').date = '2024-01-01'));
  await page.locator('sahel-map input[data-layer="rus"]').click();
  const download = async (text) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('sahel-map .sm-downloads button', { hasText: text }).click()]);
    return { name: file.suggestedFilename(), body: readFileSync(await file.path()) };
  };
  const shown = await page.evaluate(() =>
    [...new Set([...document.querySelector('sahel-map').shadowRoot.querySelectorAll('.sm-overlay [data-base]')].map((e) => e.dataset.base))].sort(),
  );
  const bases = await download('bases.csv');
  assert.equal(bases.name, 'sahel-map-bases-2024-01-01.csv');
  const lines = bases.body.toString('utf8').trim().split('\r\n');
  assert.match(lines[0], /^id,name,host,city,lon,lat,/);
  const ids = lines.slice(1).map((l) => l.split(',')[0]);
  // One row per base on the map: the same ids, each once.
  assert.deepEqual([...ids].sort(), shown);
  assert.ok(!ids.some((id) => id.startsWith('ru-')), 'Russia is switched off');
  const json = JSON.parse((await download('JSON')).body.toString('utf8'));
  assert.equal(json.view_date, '2024-01-01');
  assert.ok(!json.bases.some((b) => b.id === 'ru-bfa-africa-corps'), 'opened 24 January 2024');
  assert.ok(json.bases.some((b) => b.id === 'us-air-base-201-agadez'));
  const svg = (await download('SVG')).body.toString('utf8');
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /data-iso="NER"/);
  assert.match(svg, /Natural Earth/);
  const png = (await download('PNG')).body;
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  writeFileSync(join(SHOTS, 'download.png'), png);
  await context.close();
});

test('the download titles are in the widget’s language, from the start and when it changes', async () => {
  const { page, context } = await open(browser, 'index.html');
  await page.evaluate(() => {
    const map = document.createElement('sahel-map');
    map.id = 'fr';
    map.setAttribute('lang', 'fr-FR');
    document.querySelector('article').append(map);
  });
  await page.locator('#fr').scrollIntoViewIfNeeded();
  await waitForState(page, 'ready', '#fr');
  const titles = () => page.locator('#fr .sm-download-group > span:first-child').allTextContents();
  assert.deepEqual(await titles(), ['Télécharger les données :', 'Télécharger l’image :']);
  await page.evaluate(() => document.getElementById('fr').setAttribute('lang', 'en'));
  await page.locator('#fr .sm-download-group > span', { hasText: 'Get the data:' }).waitFor();
  assert.deepEqual(await titles(), ['Get the data:', 'Download image:']);
  await context.close();
});

test('sources and notes come when a reader wants them: not with the page, before the first click', async () => {
  const { page, context, record } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.waitForLoadState('networkidle');
  const whole = () => record.responses.filter((url) => url.endsWith('/sahel.json'));
  assert.deepEqual(whole(), [], 'the whole dataset came with the page');
  await page.locator('sahel-map svg.sm-map').scrollIntoViewIfNeeded();
  // The pointer coming over the map fetches it, once.
  const fetched = page.waitForResponse((r) => r.url().endsWith('/sahel.json'));
  const point = await pointInside(page, 'NER');
  await page.mouse.move(point.x, point.y);
  assert.equal((await fetched).status(), 200);
  await page.mouse.click(point.x, point.y);
  const details = inMap(page, '[data-part="details"]');
  await details.locator('h2', { hasText: 'Niger' }).waitFor();
  await details.locator('.sm-sources').first().waitFor();
  assert.equal(await details.locator('.sm-whole').count(), 0);
  await page.waitForTimeout(200);
  assert.equal(whole().length, 1);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('sources that cannot be fetched: the panel keeps the facts and says so', async () => {
  const { page, context, record } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await page.route(/\/sahel\.json$/, (route) => route.abort());
  await waitForState(page, 'ready');
  await page.evaluate(() => document.querySelector('sahel-map').select('NER'));
  const details = inMap(page, '[data-part="details"]');
  await details.locator('h2', { hasText: 'Niger' }).waitFor();
  await details.locator('.sm-whole', { hasText: 'could not be loaded' }).waitFor();
  // The core's facts are all there: the bases in Niger, with their dates.
  assert.ok((await details.locator('[data-open-base]').count()) > 3);
  assert.equal(await details.locator('.sm-sources').count(), 0);
  assert.ok(record.errors.some((e) => /sahel\.json/.test(e)), 'no console warning names the file');
  await context.close();
});
