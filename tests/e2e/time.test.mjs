// The map through time and state a reader can share (issue 10): the date drives every layer,
// the timeline's controls, the URL fragment with back and forward, and "copy link".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, open, waitForState, SHOTS } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// Classes of the elements with `data-base` or `data-link` = id, in the first map.
const state = (page, attr, id) =>
  page.evaluate(
    ([attr, id]) => {
      const el = document.querySelector('sahel-map').shadowRoot.querySelector(`[${attr}="${id}"]`);
      return el ? (el.classList.contains('is-former') ? 'former' : 'active') : 'absent';
    },
    [attr, id],
  );

async function at(page, date) {
  await page.evaluate((d) => document.querySelector('sahel-map').setAttribute('date', d), date);
  await page.waitForFunction(
    (d) => document.querySelector('sahel-map').shadowRoot.querySelector('.sm-date-shown')?.dataset.date === d,
    date,
  );
}

// The AES area's members, in the first map.
const aes = (page) =>
  page.evaluate(() => document.querySelector('sahel-map').shadowRoot.querySelectorAll('[data-bloc="aes"] .sm-bloc-area').length);

const ecowas = (page) =>
  page.evaluate(() => document.querySelector('sahel-map').shadowRoot.querySelectorAll('[data-bloc="ecowas"] .sm-bloc-area').length);

test('2022-01-01: France active in Niger and Mali, no AES; 2025-02-01: the US gone from Niger, Russia there, the ECOWAS exit in effect', async () => {
  const { page, context, record } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.evaluate(() => document.querySelector('sahel-map').setAttribute('layers', 'usa,fra,rus,eu,un,aes,deu,ita,ecowas,bases,links'));
  await at(page, '2022-01-01');
  assert.equal(await state(page, 'data-base', 'fr-niamey-air-base'), 'active');
  assert.equal(await state(page, 'data-base', 'fr-gao-barkhane'), 'active');
  // Mali's lines: France's, in force (the treaty ended in May 2022).
  await page.evaluate(() => document.querySelector('sahel-map').select('MLI'));
  assert.equal(await state(page, 'data-link', 'fra:mli'), 'active');
  assert.equal(await aes(page), 0, 'no Alliance yet');
  // Members of ECOWAS until their exit: its area over the three.
  assert.equal(await ecowas(page), 3, 'ECOWAS over Mali, Burkina Faso and Niger');
  assert.equal(await state(page, 'data-base', 'ru-ner-africa-corps'), 'absent');

  await at(page, '2025-02-01');
  for (const id of ['us-air-base-201-agadez', 'us-air-base-101-niamey']) {
    assert.equal(await state(page, 'data-base', id), 'former', id);
  }
  assert.equal(await state(page, 'data-base', 'ru-ner-africa-corps'), 'active');
  assert.equal(await state(page, 'data-link', 'fra:mli'), 'former');
  await page.evaluate(() => document.querySelector('sahel-map').select('NER'));
  assert.equal(await state(page, 'data-link', 'rus:ner'), 'active');
  assert.equal(await state(page, 'data-link', 'usa:ner'), 'former');
  assert.equal(await aes(page), 3, 'the Alliance over its three members');
  // The exit from ECOWAS took effect on 29 January 2025: their membership ended, so no ECOWAS
  // area, and Niger's panel lists the membership as ended that day.
  assert.equal(await ecowas(page), 0);
  const membership = page.locator('sahel-map [data-part="details"] [data-open-link="ecowas-membership-aes"]');
  assert.match(await membership.textContent(), /ECOWAS membership of Mali, Burkina Faso and Niger.*ended 29 January 2025/);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('embed.html#country=NER&date=2023-06-01&lang=fr opens Niger, in French, as of that date; back walks through changes', async () => {
  const { page, context } = await open(browser, 'embed.html#country=NER&date=2023-06-01&lang=fr', { viewport: { width: 900, height: 900 } });
  await waitForState(page, 'ready');
  const inMap = (s) => page.locator('sahel-map').locator(s);
  await inMap('[data-part="details"] h2', { hasText: 'Niger' }).waitFor();
  assert.equal(await inMap('.sm').getAttribute('lang'), 'fr');
  assert.equal(await inMap('.sm-date-shown').textContent(), '1er juin 2023');
  // As of June 2023 the French air base at Niamey is still active; Russia is not there yet.
  assert.equal(await state(page, 'data-base', 'fr-niamey-air-base'), 'active');
  assert.equal(await state(page, 'data-link', 'rus:ner'), 'absent');
  const first = await page.evaluate(() => location.hash);
  assert.equal(first, '#country=NER&date=2023-06-01&lang=fr');
  // Two changes: another country, then the next event.
  await inMap('[data-iso="MLI"]').dispatchEvent('click');
  await page.waitForFunction(() => location.hash.includes('country=MLI'));
  await inMap('.sm-step').nth(1).click();
  await page.waitForFunction(() => !location.hash.includes('2023-06-01'));
  assert.equal(await page.evaluate(() => history.length >= 3), true);
  await page.goBack();
  await page.waitForFunction(() => location.hash.includes('2023-06-01') && location.hash.includes('MLI'));
  await page.goBack();
  await page.waitForFunction((h) => location.hash === h, first);
  await inMap('[data-part="details"] h2', { hasText: 'Niger' }).waitFor();
  assert.equal(await inMap('.sm-date-shown').textContent(), '1er juin 2023');
  await context.close();
});

test('an embed never touches its host page’s URL unless asked; copy link copies the view', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await waitForState(page, 'ready');
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('sahel-map').setAttribute('date', '2024-03-16'));
  await page.locator('sahel-map [data-iso="TCD"]').dispatchEvent('click');
  assert.equal(await page.evaluate(() => location.hash), '');
  await page.locator('sahel-map .sm-copy').click();
  await page.locator('sahel-map .sm-said', { hasText: 'Link copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /index\.html#country=TCD&date=2024-03-16&lang=en$/);
  await context.close();
});

test('with reduced motion, play steps from event to event, slowly', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await waitForState(page, 'ready');
  const shown = () => page.locator('sahel-map .sm-date-shown').getAttribute('data-date');
  await page.evaluate(() => (document.querySelector('sahel-map').date = '2020-01-31'));
  await page.locator('sahel-map .sm-play').click();
  // The first step lands on the next event (18 August 2020), not on a month's end.
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelector('.sm-date-shown').dataset.date !== '2020-01-31');
  assert.equal(await shown(), '2020-08-18');
  await page.locator('sahel-map .sm-play').click();
  await context.close();
});
