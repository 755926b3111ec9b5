// The default view as a reader sees it, measured on the demo article at a phone, a small
// tablet and a desktop width: how many partnership lines are drawn and how many pairs cross,
// whether base symbols pile up, how tall the map is; and, with Niger selected, that only its
// links are drawn, one per partner. Screenshots of each go to `target/screenshots/view-*`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DIST, launch, open, pointInside, SHOTS, waitForState } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// Every drawn partnership line as a polyline in page pixels, with its link's id.
const lines = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('sahel-map').shadowRoot;
    return [...root.querySelectorAll('svg.sm-map [data-link] .sm-arc')]
      .filter((p) => p.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
      .map((p) => {
        const m = p.getScreenCTM();
        const len = p.getTotalLength();
        const points = [];
        for (let i = 0; i <= 48; i++) {
          const q = p.getPointAtLength((len * i) / 48);
          points.push([m.a * q.x + m.c * q.y + m.e, m.b * q.x + m.d * q.y + m.f]);
        }
        const link = p.closest('[data-link]');
        return { id: link.getAttribute('data-link'), former: link.classList.contains('is-former'), points };
      });
  });

// Pairs of lines that cross away from their ends (lines that share an anchor meet there).
function crossings(polylines) {
  const cross = (p, q, r, s) => {
    const d = (q[0] - p[0]) * (s[1] - r[1]) - (q[1] - p[1]) * (s[0] - r[0]);
    if (Math.abs(d) < 1e-9) return null;
    const t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / d;
    const u = ((r[0] - p[0]) * (q[1] - p[1]) - (r[1] - p[1]) * (q[0] - p[0])) / d;
    return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])] : null;
  };
  const nearEnd = (pt, line) => [line[0], line[line.length - 1]].some((e) => Math.hypot(e[0] - pt[0], e[1] - pt[1]) < 4);
  let n = 0;
  for (let i = 0; i < polylines.length; i++) {
    for (let j = i + 1; j < polylines.length; j++) {
      const a = polylines[i].points;
      const b = polylines[j].points;
      let found = false;
      for (let k = 0; k + 1 < a.length && !found; k++) {
        for (let l = 0; l + 1 < b.length && !found; l++) {
          const x = cross(a[k], a[k + 1], b[l], b[l + 1]);
          if (x && !nearEnd(x, a) && !nearEnd(x, b)) found = true;
        }
      }
      if (found) n++;
    }
  }
  return n;
}

// Each drawn base or site symbol as a circle in page pixels (its shape's box: every shape of a
// radius has the circle's area, so the box's half-width is near the radius).
const symbols = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('sahel-map').shadowRoot;
    return [...root.querySelectorAll('.sm-bases > g')].map((g) => {
      const shape = g.querySelector(':scope > .sm-site-disc, :scope > .sm-sym');
      const b = shape.getBoundingClientRect();
      return { id: g.dataset.base ?? g.dataset.site, x: b.x + b.width / 2, y: b.y + b.height / 2, r: Math.max(b.width, b.height) / 2 };
    });
  });

// The share of the smaller circle's area that two circles have in common.
function overlap(a, b) {
  const d = Math.hypot(a.x - b.x, a.y - b.y);
  const [r, s] = [Math.min(a.r, b.r), Math.max(a.r, b.r)];
  if (d >= r + s) return 0;
  if (d <= s - r) return 1;
  const x = (d * d + r * r - s * s) / (2 * d);
  const y = (d * d + s * s - r * r) / (2 * d);
  const lens = r * r * Math.acos(x / r) - x * Math.sqrt(r * r - x * x) + s * s * Math.acos(y / s) - y * Math.sqrt(s * s - y * y);
  return lens / (Math.PI * r * r);
}

const mapBox = (page) =>
  page.evaluate(() => {
    // The box the reader sees (on a phone the map inside it is wider: the neighbours are cropped).
    const b = document.querySelector('sahel-map').shadowRoot.querySelector('.sm-root .sm-mapbox').getBoundingClientRect();
    return { width: b.width, height: b.height };
  });

for (const width of [320, 375, 640, 1280]) {
  test(`default view at ${width} px: few lines, few crossings, no pile-ups`, async () => {
    const { page, context, record } = await open(browser, 'index.html', { viewport: { width, height: 900 } });
    await waitForState(page, 'ready');
    const map = page.locator('sahel-map .sm-root .sm-mapbox');
    await map.scrollIntoViewIfNeeded();
    await map.screenshot({ path: join(SHOTS, `view-default-${width}.png`) });
    const drawn = await lines(page);
    const crossed = crossings(drawn);
    const syms = await symbols(page);
    const piled = [];
    for (let i = 0; i < syms.length; i++) {
      for (let j = i + 1; j < syms.length; j++) {
        const o = overlap(syms[i], syms[j]);
        if (o > 0.3) piled.push(`${syms[i].id}/${syms[j].id} ${(o * 100).toFixed(0)} %`);
      }
    }
    const box = await mapBox(page);
    console.log(`${width} px: map ${box.width.toFixed(0)} × ${box.height.toFixed(0)}, ${drawn.length} lines, ${crossed} crossing pairs, ${syms.length} symbols, ${piled.length} piled`);
    assert.ok(drawn.length <= 12, `${drawn.length} lines drawn`);
    assert.ok(crossed <= 10, `${crossed} pairs of lines cross`);
    assert.deepEqual(piled, [], 'symbols overlapping by more than 30 %');
    assert.ok(syms.length > 0, 'the bases are drawn');
    if (width === 375) assert.ok(box.height >= 320, `the map is ${box.height} px tall`);
    assert.deepEqual(record.errors, []);
    await context.close();
  });
}

// The partners with an agreement in force with `actor` on `date` (started: signed, or else in
// force; not ended). Blocs, layers of organisations that bind two or more of the region's states
// (the Alliance of Sahel States, ECOWAS), are drawn as areas, not lines.
function partnersInForce(data, actor, date) {
  const inForce = (a) => {
    const from = a.signed?.date ?? a.in_force?.date;
    return !(from && from > date) && !(a.ended && a.ended.date <= date);
  };
  const layerOf = (id) => data.layers.find((l) => l.actors.includes(id));
  const local = (a) => a.parties.filter((p) => !layerOf(p));
  const organisation = (id) => data.actors.find((a) => a.id === id)?.kind === 'organisation';
  const blocs = new Set(data.layers.filter((l) => l.actors.every(organisation) && data.agreements.some((a) => a.parties.some((p) => l.actors.includes(p)) && local(a).length > 1)).map((l) => l.id));
  const ids = data.agreements
    .filter((a) => a.parties.includes(actor) && inForce(a))
    .flatMap((a) => a.parties.map(layerOf).filter((l) => l && !blocs.has(l.id)).map((l) => l.id));
  return [...new Set(ids)].sort();
}

for (const width of [375, 1280]) {
  test(`Niger selected at ${width} px: only its links, one for each partner in force`, async () => {
    const { page, context, record } = await open(browser, 'index.html', { viewport: { width, height: 900 } });
    await waitForState(page, 'ready');
    await page.evaluate(() => document.querySelector('sahel-map').select('NER'));
    const map = page.locator('sahel-map .sm-root .sm-mapbox');
    await map.scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await map.screenshot({ path: join(SHOTS, `view-niger-${width}.png`) });
    const drawn = await lines(page);
    const ids = drawn.map((l) => l.id);
    console.log(`${width} px, Niger: ${ids.join(', ')}`);
    // Niger's partners in force as of the dataset's date, from the data the page downloads.
    const date = await page.evaluate(() => document.querySelector('sahel-map').view.date);
    const partners = partnersInForce(JSON.parse(readFileSync(join(DIST, 'sahel.json'), 'utf8')), 'ner', date);
    assert.ok(partners.length > 0);
    assert.deepEqual([...new Set(ids)].sort(), ids.slice().sort(), 'one line per partner');
    assert.ok(ids.every((id) => id.endsWith(':ner')), 'only Niger’s links');
    // Former partners (France, the United States) are drawn as former; every partner in force
    // has a line of its own.
    const current = drawn.filter((l) => !l.former).map((l) => l.id.split(':')[0]);
    assert.deepEqual(current.sort(), partners, 'a line for each partner in force');
    assert.deepEqual(record.errors, []);
    await context.close();
  });
}

test('pointing at a country or a partner’s switch draws its lines, the keyboard too; leaving clears them', async () => {
  const { page, context, record } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  const map = page.locator('sahel-map .sm-root .sm-mapbox');
  await map.scrollIntoViewIfNeeded();
  const ids = async () => (await lines(page)).map((l) => l.id).sort();
  const point = await pointInside(page, 'MLI');
  await page.mouse.move(point.x, point.y);
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelectorAll('[data-link]').length > 0);
  const mali = await ids();
  assert.ok(mali.length > 0 && mali.every((id) => id.endsWith(':mli')), mali.join());
  // A preview: the lines let clicks through to the country.
  const through = await page.evaluate(() =>
    [...document.querySelector('sahel-map').shadowRoot.querySelectorAll('.sm-links .sm-hit')].map((p) => getComputedStyle(p).pointerEvents),
  );
  assert.ok(through.length > 0 && through.every((p) => p === 'none'), through.join());
  // Symbols of other states fade.
  const faded = await page.evaluate(() =>
    [...document.querySelector('sahel-map').shadowRoot.querySelectorAll('.sm-bases > g')].map((g) => [g.dataset.host, getComputedStyle(g).opacity]),
  );
  assert.ok(faded.some(([host, o]) => !host.includes('MLI') && Number(o) < 1), JSON.stringify(faded));
  assert.ok(faded.filter(([host]) => host.includes('MLI')).every(([, o]) => Number(o) === 1));
  await page.mouse.move(2, 2);
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelectorAll('[data-link]').length === 0);

  // A partner's switch: France's lines, to every state.
  await page.locator('sahel-map label.sm-layer', { has: page.locator('input[data-layer="fra"]') }).hover();
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelectorAll('[data-link]').length > 0);
  assert.ok((await ids()).every((id) => id.startsWith('fra:')));
  await page.mouse.move(2, 2);

  // The keyboard: a focused country lights its lines; moving on lights the next.
  await page.locator('sahel-map [data-iso="NER"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => [...document.querySelector('sahel-map').shadowRoot.querySelectorAll('[data-link]')].some((l) => l.dataset.link.endsWith(':tcd')));
  assert.ok((await ids()).every((id) => id.endsWith(':tcd')));
  await map.screenshot({ path: join(SHOTS, 'view-keyboard-chad-1280.png') });
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('on a phone: the key starts closed, six switches before “More”, a tooltip covers neither what it names nor more than a quarter of the map', async () => {
  const { page, context, record } = await open(browser, 'index.html', {
    viewport: { width: 375, height: 667 },
    isMobile: true,
    hasTouch: true,
  });
  await waitForState(page, 'ready');
  const root = page.locator('sahel-map .sm-root');
  assert.equal(await root.locator('details.sm-legend').evaluate((d) => d.open), false);
  const shown = await root.locator('.sm-layers input[data-layer]').evaluateAll((els) => els.filter((e) => e.checkVisibility()).map((e) => e.dataset.layer));
  assert.ok(shown.length <= 6, shown.join());
  const more = root.locator('details.sm-layer-more');
  assert.equal(await more.evaluate((d) => d.open), false);
  await more.locator('summary').tap();
  const all = await root.locator('.sm-layers input[data-layer]').evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
  assert.ok(all > shown.length);
  // The groups are named.
  assert.deepEqual(await root.locator('.sm-layer-group > legend').allTextContents(), ['Partners', 'Regional blocs', 'Partners', 'Regional blocs']);
  // Tap the biggest site symbol: its tooltip is beside it and small.
  const mapbox = root.locator('.sm-mapbox');
  await mapbox.scrollIntoViewIfNeeded();
  const site = root.locator('.sm-bases > [data-site]').first();
  const target = await site.locator('.sm-site-disc').boundingBox();
  await page.touchscreen.tap(target.x + target.width / 2, target.y + target.height / 2);
  const tip = root.locator('.sm-tip');
  await tip.waitFor({ state: 'visible' });
  const t = await tip.boundingBox();
  const m = await mapbox.boundingBox();
  const shared = Math.max(0, Math.min(t.x + t.width, target.x + target.width) - Math.max(t.x, target.x)) * Math.max(0, Math.min(t.y + t.height, target.y + target.height) - Math.max(t.y, target.y));
  assert.equal(shared, 0, 'the tooltip covers the symbol it names');
  assert.ok(t.width * t.height <= (m.width * m.height) / 4, `the tooltip is ${t.width} × ${t.height} on a ${m.width} × ${m.height} map`);
  await mapbox.screenshot({ path: join(SHOTS, 'view-phone-tooltip-375.png') });
  assert.deepEqual(record.errors, []);
  await context.close();
});
