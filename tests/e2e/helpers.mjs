// Shared set-up for the end-to-end tests: one headless Debian Chromium, pages opened with their
// console errors, failed requests and sahel-map events recorded.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BASE = process.env.SAHEL_BASE_URL ?? 'http://127.0.0.1:8080/';
export const DIST = process.env.SAHEL_DIST ?? new URL('../../dist/', import.meta.url).pathname;
export const SHOTS = process.env.SAHEL_SCREENSHOTS ?? new URL('../../target/screenshots/', import.meta.url).pathname;

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

// Opens `path` and records what a reader's browser would complain about.
export async function open(browser, path, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const record = { errors: [], failed: [], responses: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') record.errors.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => record.errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => record.failed.push(`${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) record.failed.push(`${res.url()} ${res.status()}`);
    record.responses.push(res.url());
  });
  // Count the element's events from before any script of the page runs.
  await page.addInitScript(() => {
    window.__sahel = { ready: 0, readyAt: null, select: [], error: [] };
    document.addEventListener('sahel-map:ready', () => {
      window.__sahel.ready++;
      window.__sahel.readyAt ??= performance.now(); // ms since navigation start
    });
    document.addEventListener('sahel-map:select', (e) => window.__sahel.select.push(e.detail));
    document.addEventListener('sahel-map:error', (e) => window.__sahel.error.push(e.detail));
  });
  await page.goto(new URL(path, BASE).href);
  return { page, context, record };
}

export async function waitForState(page, state, selector = 'sahel-map') {
  try {
    await page.waitForFunction(
      ([sel, s]) => document.querySelector(sel)?.getAttribute('state') === s,
      [selector, state],
      { timeout: 30000, polling: 100 },
    );
  } catch (e) {
    // Say what the page holds, so a failure names its cause rather than only the wait.
    const seen = await page
      .evaluate((sel) => {
        const el = document.querySelector(sel);
        const box = el?.getBoundingClientRect();
        return {
          state: el?.getAttribute('state'),
          box: box && [box.top, box.height],
          maps: [...document.querySelectorAll('sahel-map')].map((m) => m.getAttribute('state')),
          text: el?.shadowRoot?.textContent.slice(0, 300),
        };
      }, selector)
      .catch((err) => err.message);
    throw new Error(`${selector} never became ${state}: ${JSON.stringify(seen)}`, { cause: e });
  }
}

// A viewport point where the topmost element is the shape of `iso` (so a real mouse click there
// lands on the country itself, not a label or symbol above it). Scans a grid over its box.
export async function pointInside(page, iso, selector = 'sahel-map') {
  return page.evaluate(([sel, iso]) => {
    const root = document.querySelector(sel).shadowRoot;
    const shape = root.querySelector(`[data-iso="${iso}"]`);
    const box = shape.getBoundingClientRect();
    const candidates = [];
    for (let i = 1; i < 20; i++) {
      for (let j = 1; j < 20; j++) {
        const x = box.left + (box.width * i) / 20;
        const y = box.top + (box.height * j) / 20;
        if (root.elementFromPoint(x, y) === shape) candidates.push({ x, y, d: Math.hypot(i - 10, j - 10) });
      }
    }
    candidates.sort((a, b) => a.d - b.d);
    return candidates[0] ?? null;
  }, [selector, iso]);
}

export function shadow(page, selector, inner) {
  return page.locator(selector).locator(inner);
}

// What the build named each hashed file (dist/manifest.json): `file('sahel_map_core.js')`.
export function file(name) {
  return JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'))[name] ?? name;
}

// A page of the test's own at the dist's origin, as a newsroom's page would sit beside the
// loader: `name` answers with `html` (and `headers`); returns its URL for `page.goto`.
export async function servePage(page, name, html, headers = {}) {
  const url = new URL(name, BASE).href;
  await page.route(url, (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: html }),
  );
  return url;
}
