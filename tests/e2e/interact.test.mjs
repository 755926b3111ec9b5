// Touch, zoom and hints (issue 6): the map never hijacks the page's scroll, zooms only when
// asked, pans by drag or two fingers, names things on hover, focus and tap, and lays out beside
// or below its panel by width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, open, waitForState, pointInside, SHOTS } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const transform = (page) =>
  page.evaluate(() => document.querySelector('sahel-map').shadowRoot.querySelector('g.sm-zoom').getAttribute('transform') ?? '');
const scale = async (page) => Number((/scale\(([\d.]+)\)/.exec(await transform(page)) ?? [0, 1])[1]);
const box = (page, selector) =>
  page.evaluate((s) => {
    const r = document.querySelector('sahel-map').shadowRoot.querySelector(s).getBoundingClientRect();
    return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, w: r.width, h: r.height };
  }, selector);

async function mapCentre(page) {
  const b = await box(page, 'svg.sm-map');
  return [b.x0 + b.w / 2, b.y0 + b.h / 2];
}

test('a plain wheel scrolls the page and says how to zoom; Ctrl + wheel zooms around the pointer; symbols keep their size', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.locator('sahel-map svg.sm-map').scrollIntoViewIfNeeded();
  const [x, y] = await mapCentre(page);
  await page.mouse.move(x, y);
  const before = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, 200);
  await page.waitForFunction((b) => window.scrollY > b, before);
  assert.equal(await transform(page), '');
  const hint = page.locator('sahel-map .sm-gesture-hint');
  await hint.waitFor({ state: 'visible' });
  assert.match(await hint.textContent(), /Ctrl \+ scroll/);

  const symbol = 'g[data-base="us-air-base-201-agadez"] .sm-sym';
  await page.locator('sahel-map svg.sm-map').scrollIntoViewIfNeeded();
  const size0 = await box(page, symbol);
  const [cx, cy] = await mapCentre(page);
  await page.mouse.move(cx, cy);
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelector('g.sm-zoom').getAttribute('transform'));
  assert.ok((await scale(page)) > 1.5, await transform(page));
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'Ctrl + wheel must not scroll the page');
  // Screen size of a symbol is unchanged (within a pixel), though the map is bigger, once the
  // wheel has paused (symbols are drawn anew then, not at every step of it).
  await page
    .waitForFunction(
      ([s, w]) => Math.abs(document.querySelector('sahel-map').shadowRoot.querySelector(s).getBoundingClientRect().width - w) < 1.5,
      [symbol, size0.w],
      { timeout: 5000, polling: 50 },
    )
    .catch(async () => assert.fail(`symbol ${size0.w} → ${(await box(page, symbol)).w} px wide after the wheel`));
  await context.close();
});

// During a wheel the compositor moves the picture (a CSS transform of the <svg>) and the map's
// group is drawn at the new zoom once the wheel pauses; the pointer's place is read through that
// transform, so two quick steps at two places end where two slow ones do.
test('a Ctrl + wheel moves the drawn picture until the wheel pauses, and zooms where the pointer is', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.locator('sahel-map svg.sm-map').scrollIntoViewIfNeeded();
  const b = await box(page, 'svg.sm-map');
  const points = [
    [b.x0 + b.w * 0.4, b.y0 + b.h * 0.45],
    [b.x0 + b.w * 0.6, b.y0 + b.h * 0.55],
  ];
  const settled = () =>
    page.waitForFunction(() => {
      const root = document.querySelector('sahel-map').shadowRoot;
      return root.querySelector('g.sm-zoom').getAttribute('transform') && !root.querySelector('svg.sm-map').style.transform;
    });
  const wheelAt = async ([x, y]) => {
    await page.mouse.move(x, y);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -120);
    await page.keyboard.up('Control');
  };
  // What changes, in order: the <svg>'s transform and the group's, with the picture's scale.
  await page.evaluate(() => {
    const root = document.querySelector('sahel-map').shadowRoot;
    const svg = root.querySelector('svg.sm-map');
    const g = root.querySelector('g.sm-zoom');
    window.__changes = [];
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target === svg) window.__changes.push(['svg', svg.style.transform, getComputedStyle(svg).willChange]);
        if (r.target === g) window.__changes.push(['g', g.getAttribute('transform') ?? '']);
      }
    }).observe(root.querySelector('.sm-mapbox'), { attributes: true, subtree: true, attributeFilter: ['style', 'class', 'transform'] });
  });
  // Both steps inside one pause (they are dispatched back to back).
  await wheelAt(points[0]);
  await wheelAt(points[1]);
  await settled();
  const quick = await transform(page);
  const changes = await page.evaluate(() => window.__changes);
  const firstG = changes.findIndex(([what]) => what === 'g');
  assert.ok(firstG > 0, JSON.stringify(changes));
  const [what, moved, hint] = changes[0];
  assert.ok(what === 'svg' && /scale\(/.test(moved) && hint === 'transform', JSON.stringify(changes));
  assert.ok(changes.filter(([what]) => what === 'g').length <= 2, JSON.stringify(changes));
  assert.notEqual(changes.at(-1)[0] === 'g' ? changes.at(-1)[1] : '', '', JSON.stringify(changes));
  // Once drawn, the picture is as laid out again.
  assert.equal(await page.evaluate(() => document.querySelector('sahel-map').shadowRoot.querySelector('svg.sm-map').style.transform), '');

  // The same two steps, each drawn before the next.
  await page.locator('sahel-map .sm-zoom-reset').click();
  await page.waitForFunction(() => !document.querySelector('sahel-map').shadowRoot.querySelector('g.sm-zoom').getAttribute('transform'));
  await wheelAt(points[0]);
  await settled();
  await wheelAt(points[1]);
  await page.waitForFunction((one) => {
    const root = document.querySelector('sahel-map').shadowRoot;
    const t = root.querySelector('g.sm-zoom').getAttribute('transform');
    return t && t !== one && !root.querySelector('svg.sm-map').style.transform;
  }, await transform(page));
  const slow = await transform(page);
  const numbers = (t) => t.match(/-?[\d.]+/g).map(Number);
  const [q, s] = [numbers(quick), numbers(slow)];
  assert.equal(q.length, 3, quick);
  q.forEach((v, i) => assert.ok(Math.abs(v - s[i]) < 0.6, `quick ${quick}, slow ${slow}`));
  await context.close();
});

test('the buttons and keys zoom and reset; a drag pans without selecting', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const zoomIn = page.locator('sahel-map .sm-zoom-in');
  assert.equal(await zoomIn.getAttribute('aria-label'), 'Zoom in');
  await zoomIn.click();
  assert.ok(Math.abs((await scale(page)) - 1.6) < 0.01);
  await zoomIn.click();
  const k = await scale(page);
  await page.locator('sahel-map .sm-zoom-out').click();
  assert.ok((await scale(page)) < k);
  // Drag: the translation changes, nothing is selected.
  const t0 = await transform(page);
  const [x, y] = await mapCentre(page);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 80, y + 40, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await transform(page), t0);
  assert.deepEqual(await page.evaluate(() => window.__sahel.select), []);
  await page.locator('sahel-map .sm-zoom-reset').click();
  assert.equal(await transform(page), '');
  // Keys, with focus in the map: + zooms, 0 resets.
  await page.locator('sahel-map [data-iso="NER"]').focus();
  await page.keyboard.press('+');
  assert.ok((await scale(page)) > 1.5);
  await page.keyboard.press('0');
  assert.equal(await transform(page), '');
  await context.close();
});

test('a tooltip names what is under the pointer or focused, beside it, inside the widget; Esc hides it', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const tip = page.locator('sahel-map .sm-tip');
  const agadez = await box(page, 'g[data-base="us-air-base-201-agadez"] .sm-sym');
  await page.mouse.move((agadez.x0 + agadez.x1) / 2, (agadez.y0 + agadez.y1) / 2);
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), /Air Base 201, Agadez — United States/);
  const t = await box(page, '.sm-tip');
  const overlaps = t.x0 < agadez.x1 && agadez.x0 < t.x1 && t.y0 < agadez.y1 && agadez.y0 < t.y1;
  assert.ok(!overlaps, 'the tooltip covers the symbol it names');
  const widget = await box(page, '.sm-mapbox');
  assert.ok(t.x0 >= widget.x0 && t.x1 <= widget.x1 && t.y0 >= widget.y0 && t.y1 <= widget.y1);
  await page.keyboard.press('Escape');
  await tip.waitFor({ state: 'hidden' });
  // Keyboard focus shows it too.
  await page.locator('sahel-map [data-iso="TCD"]').focus();
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), /^Chad — /);
  await context.close();
});

test('a click keeps the tip its hover showed, even as focus moves from another country; focus leaving takes its own tip', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const tip = page.locator('sahel-map .sm-tip');
  // A point of Niger that stays its shape once Niger is selected (its lines then take clicks).
  const first = await pointInside(page, 'NER');
  await page.mouse.click(first.x, first.y);
  const niger = await pointInside(page, 'NER');
  // Mali selected and focused by a click.
  const mali = await pointInside(page, 'MLI');
  await page.mouse.click(mali.x, mali.y);
  assert.equal(await page.evaluate(() => document.querySelector('sahel-map').shadowRoot.activeElement?.getAttribute('data-iso')), 'MLI');
  // The pointer moves to Niger: its tip shows beside the pointer.
  await page.mouse.move(niger.x, niger.y);
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), /^Niger — /);
  // From here to the click, the tip is neither hidden nor moved: the press that takes focus
  // from Mali to Niger leaves the hover's tip as it is (re-placing it would lay the page out
  // in the middle of the click, and make it jump).
  await page.evaluate(() => {
    const el = document.querySelector('sahel-map').shadowRoot.querySelector('.sm-tip');
    window.__tipChanges = [];
    new MutationObserver((records) => {
      for (const r of records) window.__tipChanges.push(`${r.attributeName}=${el.getAttribute(r.attributeName)}`);
    }).observe(el, { attributes: true, attributeFilter: ['hidden', 'style'] });
  });
  await page.mouse.down();
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2')?.textContent === 'Niger');
  assert.equal(await page.evaluate(() => document.querySelector('sahel-map').shadowRoot.activeElement?.getAttribute('data-iso')), 'NER');
  assert.deepEqual(await page.evaluate(() => window.__tipChanges), []);
  assert.match(await tip.textContent(), /^Niger — /);
  // Keyboard focus moving on names the next country; leaving the map hides the tip.
  await page.mouse.move(5, 5);
  await tip.waitFor({ state: 'hidden' });
  await page.keyboard.press('ArrowRight');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), /^Chad — /);
  await page.evaluate(() => document.querySelector('sahel-map').shadowRoot.activeElement.blur());
  await tip.waitFor({ state: 'hidden' });
  await context.close();
});

test('lines a click draws under a still mouse leave its tip alone; the next move names what is under it', async () => {
  const { page, context } = await open(browser, 'index.html', { viewport: { width: 1280, height: 900 } });
  await waitForState(page, 'ready');
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const tip = page.locator('sahel-map .sm-tip');
  const details = () => page.evaluate(() => document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2')?.textContent);
  // Points of Niger's own shape with nothing selected …
  const grid = await page.evaluate(() => {
    const root = document.querySelector('sahel-map').shadowRoot;
    const niger = root.querySelector('[data-iso="NER"]');
    const box = niger.getBoundingClientRect();
    const points = [];
    for (let i = 2; i < 40; i++) {
      for (let j = 2; j < 40; j++) {
        const x = Math.round(box.left + (box.width * i) / 40);
        const y = Math.round(box.top + (box.height * j) / 40);
        if (root.elementFromPoint(x, y) === niger) points.push({ x, y });
      }
    }
    return points;
  });
  // … and one that a line covers once Niger is selected.
  const first = await pointInside(page, 'NER');
  await page.mouse.click(first.x, first.y);
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2')?.textContent === 'Niger');
  await page.mouse.move(5, 5);
  const onLine = await page.evaluate((grid) => {
    const root = document.querySelector('sahel-map').shadowRoot;
    for (const { x, y } of grid) {
      const line = root.elementFromPoint(x, y)?.closest('[data-link]');
      if (line) return { x, y, name: line.getAttribute('aria-label') };
    }
    return null;
  }, grid);
  assert.ok(onLine, 'a line of Niger\'s selection lies over Niger');
  // Nothing selected, the mouse away: no line there any more.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2'));
  // The mouse moves to that point: Niger's tip.
  await page.mouse.move(onLine.x, onLine.y);
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), /^Niger — /);
  // The click draws Niger's lines, one of them under the mouse, which has not moved.
  await page.mouse.down();
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('sahel-map').shadowRoot.querySelector('[data-part="details"] h2')?.textContent === 'Niger');
  const under = (p) => page.evaluate(({ x, y }) => document.querySelector('sahel-map').shadowRoot.elementFromPoint(x, y)?.closest('[data-link]')?.getAttribute('aria-label') ?? null, p);
  assert.equal(await under(onLine), onLine.name);
  // The browser's hover follows what lies under the mouse after a layout; give it its frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
  assert.match(await tip.textContent(), /^Niger — /, 'the tip still names what was clicked');
  assert.equal(await tip.isVisible(), true);
  assert.equal(await details(), 'Niger');
  // The mouse moves on, still over the line: now the tip names the line.
  const near = [[1, 0], [-1, 0], [0, 1], [0, -1]]
    .map(([dx, dy]) => ({ x: onLine.x + dx, y: onLine.y + dy }));
  let next = null;
  for (const p of near) if ((await under(p)) === onLine.name) { next = p; break; }
  assert.ok(next, 'the line is wider than a pixel');
  await page.mouse.move(next.x, next.y);
  await page.waitForFunction((name) => document.querySelector('sahel-map').shadowRoot.querySelector('.sm-tip').textContent === name, onLine.name);
  await context.close();
});

test('on a phone: a tap opens the details and a tooltip, one finger scrolls the page, two fingers are needed to move the map', async () => {
  const { page, context } = await open(browser, 'index.html', {
    viewport: { width: 375, height: 667 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
  });
  await waitForState(page, 'ready');
  await page.locator('sahel-map').scrollIntoViewIfNeeded();
  const point = await pointInside(page, 'NER');
  await page.touchscreen.tap(point.x, point.y);
  await page.locator('sahel-map [data-part="details"] h2', { hasText: 'Niger' }).waitFor();
  const tip = page.locator('sahel-map .sm-tip');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), /^Niger — /);
  await page.screenshot({ path: join(SHOTS, 'phone-tap-375.png') });
  // A one-finger swipe up over the map scrolls the page, and the map stays as it was.
  const cdp = await context.newCDPSession(page);
  const swipe = async (fingers, dx, dy) => {
    const [x, y] = await mapCentre(page);
    const at = (i) => fingers.map((f) => ({ x: Math.round(x + f[0] + (dx * i) / 10), y: Math.round(y + 40 + f[1] + (dy * i) / 10) }));
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
    for (let i = 1; i <= 10; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i) });
      await page.waitForTimeout(16);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  const before = await page.evaluate(() => window.scrollY);
  await swipe([[0, 0]], 0, -150);
  await page.waitForFunction((b) => window.scrollY > b + 50, before);
  assert.equal(await transform(page), '');
  // Across the map with one finger: the map stays, and says how to move it.
  await page.locator('sahel-map svg.sm-map').scrollIntoViewIfNeeded();
  await swipe([[0, 0]], 120, 0);
  assert.equal(await transform(page), '');
  assert.match(await page.locator('sahel-map .sm-gesture-hint').textContent(), /two fingers/);
  // Two fingers spreading apart zoom in.
  const pinch = async () => {
    const [x, y] = await mapCentre(page);
    const pts = (d) => [
      { x: Math.round(x - d), y: Math.round(y + 20) },
      { x: Math.round(x + d), y: Math.round(y + 20) },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pts(20) });
    for (let d = 25; d <= 80; d += 5) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: pts(d) });
      await page.waitForTimeout(16);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  await pinch();
  // Drawn at its zoom once the fingers pause (the picture moved meanwhile).
  await page.waitForFunction(() => {
    const root = document.querySelector('sahel-map').shadowRoot;
    return root.querySelector('g.sm-zoom').getAttribute('transform') && !root.querySelector('svg.sm-map').style.transform;
  });
  assert.ok((await scale(page)) > 2, `pinch gave ${await transform(page)}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0);
  await context.close();
});

test('wide, the panel sits beside the map; narrow, below it', async () => {
  for (const [width, beside] of [[1280, true], [375, false]]) {
    const { page, context } = await open(browser, 'embed.html', { viewport: { width, height: 900 } });
    await waitForState(page, 'ready');
    const map = await box(page, 'svg.sm-map');
    const panel = await box(page, '[data-part="details"]');
    if (beside) assert.ok(panel.x0 >= map.x1 - 1, `panel at ${panel.x0}, map ends at ${map.x1}`);
    else assert.ok(panel.y0 >= map.y1 - 1, `panel at ${panel.y0}, map ends at ${map.y1}`);
    await page.screenshot({ path: join(SHOTS, `embed-${width}.png`), fullPage: true });
    await context.close();
  }
});
