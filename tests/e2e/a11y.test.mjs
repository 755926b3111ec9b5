// Accessible to everyone, in English and French (issue 9): a keyboard-only walk, names read
// from Chromium's accessibility tree, a polite live region, the table view, French formats, and
// axe-core clean in both languages and both themes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, open, waitForState } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// What has focus inside the widget: its data attributes and accessible label.
const focused = (page) =>
  page.evaluate(() => {
    const map = document.querySelector('sahel-map');
    const el = document.activeElement === map ? map.shadowRoot.activeElement : document.activeElement;
    if (!el) return null;
    return { inMap: document.activeElement === map, iso: el.dataset?.iso ?? null, base: el.dataset?.openBase ?? null, label: el.getAttribute('aria-label'), tag: el.tagName };
  });

async function tabUntil(page, predicate, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && predicate(f)) return f;
  }
  throw new Error('focus never got there');
}

test('a keyboard-only walk: into the map, Niger east to Chad, select, read, reach a base, Esc, out', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  // Niger becomes the map's tab stop (as if the reader had been there), then nothing is selected.
  await page.evaluate(() => {
    const m = document.querySelector('sahel-map');
    m.select('NER');
    m.select(null);
  });
  await page.evaluate(() => document.activeElement?.blur());
  const niger = await tabUntil(page, (f) => f.inMap && f.iso);
  assert.equal(niger.iso, 'NER');
  assert.match(niger.label, /^Niger — \d+ foreign bases?, \d+ agreements? in force; partners: Russia, Italy$/);
  // One tab stop for all the countries: the next Tab leaves them.
  await page.keyboard.press('ArrowRight');
  const chad = await focused(page);
  assert.equal(chad.iso, 'TCD');
  await page.keyboard.press('Enter');
  const panel = page.locator('sahel-map [data-part="details"]');
  await panel.locator('h2', { hasText: 'Chad' }).waitFor();
  assert.match(await panel.textContent(), /Foreign bases/);
  assert.match(await page.locator('sahel-map .sm-announce').textContent(), /^Selected: Chad — /);
  // On to the bases listed for Chad, by Tab alone.
  const base = await tabUntil(page, (f) => f.base);
  assert.ok(base.base.length > 0);
  await page.keyboard.press('Enter');
  await panel.locator('h2').filter({ hasNotText: 'Chad' }).waitFor();
  // The panel's new title has focus, so the reader continues there.
  assert.equal((await focused(page)).tag, 'H2');
  await page.keyboard.press('Escape');
  await panel.locator('.sm-hint').waitFor();
  // And out of the widget: no trap.
  const out = await tabUntil(page, (f) => !f.inMap, 80);
  assert.equal(out.inMap, false);
  await context.close();
});

test('names that carry the data, read from Chromium’s accessibility tree', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const names = nodes.filter((n) => !n.ignored && n.role?.value === 'button').map((n) => n.name?.value ?? '');
  // A country's name says what its marks show: its partners in force.
  assert.ok(names.some((n) => /^Niger — \d+ foreign bases?, \d+ agreements? in force; partners: Russia, Italy$/.test(n)), names.slice(0, 30).join(' | '));
  assert.ok(names.includes('Air Base 201, Agadez — United States, about 200 troops, closed 5 August 2024'));
  // A partner mark names its pair.
  assert.ok(names.includes('Russia – Niger: defence memorandum, 1 agreement, active'), names.join(' | '));
  assert.ok(!nodes.some((n) => n.role?.value === 'application'));
  await context.close();
});

test('the live region tells of layers and dates; the table view lists what the map shows', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  const said = () => page.locator('sahel-map .sm-announce').textContent();
  await page.locator('sahel-map input[data-layer="rus"]').click();
  assert.equal(await said(), 'Russia: hidden');
  await page.locator('sahel-map input[data-layer="rus"]').click();
  await page.evaluate(() => (document.querySelector('sahel-map').date = '2022-01-01'));
  await page.waitForFunction(async () => document.querySelector('sahel-map').shadowRoot.querySelector('.sm-announce').textContent === 'The map shows 1 January 2022');
  const toggle = page.locator('sahel-map .sm-tables-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const tables = page.locator('sahel-map [data-part="tables"]');
  // One row per base on the map, as of the date and with the layers shown.
  const onMap = await page.evaluate(() => new Set([...document.querySelector('sahel-map').shadowRoot.querySelectorAll('.sm-overlay [data-base]')].map((e) => e.dataset.base)).size);
  assert.equal(await tables.locator('table').first().locator('tbody tr').count(), onMap);
  assert.doesNotMatch(await tables.textContent(), /Russian instructors/);
  assert.match(await tables.textContent(), /French air base, Niamey/);
  // A country's name in the table selects it.
  await tables.locator('[data-open-country="MLI"]').click();
  await page.locator('sahel-map [data-part="details"] h2', { hasText: 'Mali' }).waitFor();
  await context.close();
});

test('French: strings, numbers and dates as French writes them', async () => {
  const { page, context } = await open(browser, 'embed.html?lang=fr#country=NER&date=2024-03-01', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  const text = (s) => page.locator('sahel-map').locator(s).first().textContent();
  assert.equal(await text('.sm-date-shown'), '1er mars 2024');
  assert.match(await text('.sm-legend-body'), /1\u202f000/);
  assert.match(await text('[data-part="details"]'), /Bases étrangères/);
  assert.match(await text('.sm-credit'), /Données : .*au 31 janvier 2026/);
  assert.equal(await page.locator('sahel-map .sm').getAttribute('lang'), 'fr');
  await context.close();
});

for (const lang of ['en', 'fr']) {
  for (const theme of ['light', 'dark']) {
    test(`axe-core finds nothing, ${lang} ${theme}, a country selected and the tables open`, async () => {
      const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 }, colorScheme: theme });
      await waitForState(page, 'ready');
      await page.evaluate(
        ([lang, theme]) => {
          const m = document.querySelector('sahel-map');
          m.setAttribute('lang', lang);
          m.setAttribute('theme', theme);
          document.documentElement.lang = lang;
          m.select('NER');
        },
        [lang, theme],
      );
      await page.locator('sahel-map .sm-tables-toggle').click();
      await page.locator('sahel-map [data-part="details"] h2').waitFor();
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document.querySelector('sahel-map'), {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        });
        return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' ; ')}`);
      });
      assert.deepEqual(violations, []);
      await context.close();
    });
  }
}

test('at 200 % zoom (a desktop window of 640 CSS pixels) nothing is lost: no sideways scroll, every control inside the widget', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  await waitForState(page, 'ready');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${overflow}px of sideways scroll`);
  const outside = await page.evaluate(() => {
    const root = document.querySelector('sahel-map').shadowRoot;
    const box = document.querySelector('sahel-map').getBoundingClientRect();
    return [...root.querySelectorAll('button, input, summary')]
      .filter((el) => el.getClientRects().length)
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < box.left - 1 || r.right > box.right + 1;
      })
      .map((el) => el.className || el.tagName);
  });
  assert.deepEqual(outside, []);
  await context.close();
});
