// Story steps: the demo article's `<ol slot="steps">`, walked by mouse, keyboard and the `step`
// property; the map's date, layers and selection follow; each caption is announced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, open, SHOTS, waitForState } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const where = (page) => page.locator('sahel-map .sm-step-where').textContent();
const view = (page) => page.evaluate(() => document.querySelector('sahel-map').view);
// The captions the page shows (its own `li`s, through the slot).
const shown = (page) => page.evaluate(() => [...document.querySelectorAll('sahel-map li')].filter((li) => li.checkVisibility()).map((li) => li.textContent.trim()));

test('steps: the map opens as written; Start, Next and Previous walk the story, the map follows, each caption is announced', async () => {
  const { page, context, record } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.evaluate(() => document.addEventListener('sahel-map:step', (e) => window.__sahel.steps = [...(window.__sahel.steps ?? []), e.detail.index]));
  const box = page.locator('sahel-map [data-part="steps"]');
  assert.ok(await box.isVisible());
  // Nothing applied yet: the dataset's as-of date, no caption shown.
  assert.equal(await where(page), '6 steps');
  assert.deepEqual(await shown(page), []);
  const asOf = (await view(page)).date;
  assert.equal(await page.evaluate(() => document.querySelector('sahel-map').step), null);

  // Mouse: Start is step 1.
  await box.getByRole('button', { name: 'Start the story' }).click();
  assert.equal(await where(page), 'Step 1 of 6');
  let v = await view(page);
  assert.equal(v.date, '2013-02');
  assert.deepEqual(v.layers.filter((l) => !['bases', 'links'].includes(l)).sort(), ['fra', 'usa']);
  assert.equal(v.country, 'NER');
  const captions = await shown(page);
  assert.equal(captions.length, 1);
  assert.match(captions[0], /^The agreement Niger/);
  assert.match(await page.locator('sahel-map .sm-steps-live').textContent(), /^Step 1 of 6: The agreement Niger/);
  // Next: a base selected by the step, its panel open.
  await box.getByRole('button', { name: 'Next step' }).click();
  assert.equal(await where(page), 'Step 2 of 6');
  await page.waitForFunction(() => document.querySelector('sahel-map').view.id === 'us-air-base-201-agadez');
  v = await view(page);
  assert.equal(v.type, 'base');
  await page.locator('sahel-map [data-part="details"] h2').waitFor();
  assert.match(await page.locator('sahel-map [data-part="details"] h2').textContent(), /Air Base 201/);

  // Keyboard: Enter on Next, Space on Previous.
  await box.getByRole('button', { name: 'Next step' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await where(page), 'Step 3 of 6');
  assert.equal((await view(page)).date, '2023-08');
  await box.getByRole('button', { name: 'Previous step' }).focus();
  await page.keyboard.press('Space');
  assert.equal(await where(page), 'Step 2 of 6');
  // Back to the first step, Previous is disabled: focus moves to Next, not to the page.
  await page.keyboard.press('Space');
  assert.equal(await where(page), 'Step 1 of 6');
  assert.equal(await page.evaluate(() => document.querySelector('sahel-map').shadowRoot.activeElement?.getAttribute('aria-label')), 'Next step');
  await page.keyboard.press('Enter');
  assert.equal(await where(page), 'Step 2 of 6');

  // The page's script: any step, and null for none (the page's own attributes again).
  await page.evaluate(() => (document.querySelector('sahel-map').step = 5));
  assert.equal(await where(page), 'Step 6 of 6');
  v = await view(page);
  assert.equal(v.date, '2025-02');
  assert.ok(v.layers.includes('aes') && v.layers.includes('ecowas'), v.layers.join());
  assert.ok(await box.getByRole('button', { name: 'Next step' }).isDisabled());
  await page.screenshot({ path: join(SHOTS, 'steps-last-1280.png') });
  await page.evaluate(() => (document.querySelector('sahel-map').step = null));
  assert.equal(await where(page), '6 steps');
  assert.deepEqual(await shown(page), []);
  v = await view(page);
  assert.equal(v.date, asOf);
  assert.equal(v.country, null);
  // Every change told the page.
  assert.deepEqual(await page.evaluate(() => window.__sahel.steps), [0, 1, 2, 1, 0, 1, 5, null]);
  // Wrong values are errors naming the property.
  const errors = await page.evaluate(() => {
    const m = document.querySelector('sahel-map');
    return [() => (m.step = 'two'), () => (m.step = 6), () => (m.step = 1.5)].map((f) => {
      try {
        f();
        return null;
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    });
  });
  assert.match(errors[0], /^TypeError: sahel-map step/);
  assert.match(errors[1], /^RangeError: sahel-map step: expected 0 to 5/);
  assert.match(errors[2], /^TypeError: sahel-map step/);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('steps in French, on a phone, with the step set before the map is ready', async () => {
  const { page, context } = await open(browser, 'about:blank', { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
  await page.route('**/steps-fr.html', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <link rel="icon" href="data:,"><script type="module" src="sahel-map.js"></script></head><body>
        <sahel-map><ol slot="steps"><li data-date="2020">Premier.</li><li data-date="2024-03-16" data-select="link:usa:ner">Second.</li></ol></sahel-map>
        <script type="module">document.querySelector('sahel-map').step = 1;</script></body></html>`,
    }),
  );
  await page.goto(new URL('steps-fr.html', process.env.SAHEL_BASE_URL ?? 'http://127.0.0.1:8080/').href);
  await waitForState(page, 'ready');
  assert.equal(await where(page), 'Étape 2 sur 2');
  await page.waitForFunction(() => document.querySelector('sahel-map').view.id === 'usa:ner');
  assert.equal((await view(page)).date, '2024-03-16');
  await page.locator('sahel-map').getByRole('button', { name: 'Étape précédente' }).tap();
  assert.equal(await where(page), 'Étape 1 sur 2');
  assert.equal((await view(page)).date, '2020');
  // The link the second step selected goes with it.
  assert.equal((await view(page)).id, null);
  await page.screenshot({ path: join(SHOTS, 'steps-fr-375.png'), fullPage: true });
  await context.close();
});

test('with url-state the step is in the link: back and forward walk the steps, and a link opens at its step', async () => {
  const page$ = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
    <script type="module" src="sahel-map.js"></script></head><body>
    <sahel-map url-state><ol slot="steps"><li data-date="2015" data-country="MLI">One.</li>
    <li data-date="2023-08" data-country="NER">Two.</li><li data-date="2025-02">Three.</li></ol></sahel-map></body></html>`;
  const { page, context } = await open(browser, 'about:blank', { viewport: { width: 1000, height: 900 } });
  await context.route('**/steps-url.html', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: page$ }));
  const base = process.env.SAHEL_BASE_URL ?? 'http://127.0.0.1:8080/';
  await page.goto(new URL('steps-url.html', base).href);
  await waitForState(page, 'ready');
  const box = page.locator('sahel-map [data-part="steps"]');
  await box.getByRole('button', { name: 'Start the story' }).click();
  await page.waitForFunction(() => /(^#|&)step=0(&|$)/.test(location.hash));
  await box.getByRole('button', { name: 'Next step' }).click();
  await page.waitForFunction(() => /(^#|&)step=1(&|$)/.test(location.hash));
  assert.match(await page.evaluate(() => location.hash), /date=2023-08/);
  // Back: step 1 again, its caption and its view.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('sahel-map').step === 0);
  assert.equal(await where(page), 'Step 1 of 3');
  assert.deepEqual(await shown(page), ['One.']);
  assert.equal((await view(page)).date, '2015');
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('sahel-map').step === 1);
  assert.equal((await view(page)).country, 'NER');
  // The link as shared opens at its step, with its view.
  const link = await page.evaluate(() => location.href);
  const other = await context.newPage();
  await other.goto(link);
  await waitForState(other, 'ready');
  assert.equal(await where(other), 'Step 2 of 3');
  assert.equal((await view(other)).date, '2023-08');
  await context.close();
});
