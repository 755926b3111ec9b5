// The loader's attribute checks against the shared table (tests/fixtures/attributes.json),
// which the Rust tests read too: a value is warned about exactly when the table refuses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const TABLE = JSON.parse(readFileSync(new URL('../fixtures/attributes.json', import.meta.url), 'utf8'));

test('the loader warns about exactly the values the shared table refuses', async () => {
  const { page, context, record } = await open(browser, 'index.html');
  await page.waitForFunction(() => customElements.get('sahel-map'));
  for (const name of ['date', 'layers']) {
    for (const [verdict, values] of Object.entries({ accepted: TABLE[name].accepted, refused: TABLE[name].refused })) {
      for (const value of values) {
        record.errors.length = 0;
        // A fresh element, not in the page: the check runs on the attribute alone.
        await page.evaluate(([n, v]) => document.createElement('sahel-map').setAttribute(n, v), [name, value]);
        const warned = record.errors.some((e) => e.includes(`${name}="${value}" is not accepted`));
        assert.equal(warned, verdict === 'refused', `${name}="${value}" should be ${verdict}`);
      }
    }
  }
  await context.close();
});
