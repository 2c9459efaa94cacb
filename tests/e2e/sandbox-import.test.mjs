// The sandbox's import box, in Chromium, as a learner meets it: Load on an empty box, or on text
// that is not JSON, says so right under the box, in view, in words (what to paste; the line and
// column where the JSON breaks, with the caret put there), never the parser's `$: … EOF`; the
// placeholder cannot be taken for JSON; "Load this estate" looks like a button, not a field.
// Screenshots at 1280x800 and 390x844.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, openApp } from './harness.mjs';

const SHOTS = path.join(ROOT, 'target/e2e');

let app;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

/** Whether `locator`'s box is inside the viewport. */
const inView = (locator) =>
  locator.evaluate((n) => {
    const r = n.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight + 1;
  });

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`an empty or broken paste is said under the box, in view and in words (${viewport.width}px)`, async () => {
    const { page } = app;
    await page.setViewportSize(viewport);
    await page.goto(`${app.url}#sandbox`);
    await page.locator('#sandbox-title').waitFor();
    const box = page.getByLabel('Paste AWS CLI JSON');
    await box.fill('');
    const error = page.locator('#sandbox-json-error');

    // The placeholder is instructions, not JSON.
    const placeholder = await box.getAttribute('placeholder');
    assert.match(placeholder, /aws ec2 describe-vpcs/);
    assert.doesNotMatch(placeholder.trim(), /^[[{]/, 'it does not start like JSON');
    assert.throws(() => JSON.parse(placeholder));

    await page.getByRole('button', { name: 'Load JSON', exact: true }).click();
    await error.filter({ hasText: 'the box is empty' }).waitFor();
    const text = await error.textContent();
    assert.match(text, /^Paste the JSON of an `aws ec2 describe-\*` call .* the box is empty\.$/);
    assert.doesNotMatch(text, /EOF|\$:/);
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.ok(await inView(error), 'the error is in view');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sandbox-json', 'the box has the focus');
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    assert.match(await box.getAttribute('aria-describedby'), /sandbox-json-error/);
    await page.screenshot({ path: path.join(SHOTS, `sandbox-empty-${viewport.width}.png`) });

    // Typing clears it; text that is not JSON names the line and column and puts the caret there.
    await box.fill('{\n  "Vpcs": [\n    {"VpcId": "vpc-1",}\n  ]\n}');
    assert.equal(await error.textContent(), '');
    await page.getByRole('button', { name: 'Load JSON', exact: true }).click();
    await error.filter({ hasText: 'is not JSON' }).waitFor();
    const broken = await error.textContent();
    assert.match(broken, /^The box is not JSON: line 3, column \d+: /);
    assert.doesNotMatch(broken, /EOF|\$:/);
    assert.ok(await inView(error));
    const caret = await box.evaluate((t) => t.value.slice(0, t.selectionStart).split('\n').length);
    assert.equal(caret, 3, 'the caret is on the broken line');
    await page.screenshot({ path: path.join(SHOTS, `sandbox-not-json-${viewport.width}.png`) });
    assert.deepEqual(app.problems, []);
  });
}

test('"Load this estate" looks like a button, not like the field beside it', async () => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${app.url}#sandbox`);
  const button = page.getByRole('button', { name: 'Load this estate' });
  await button.waitFor();
  const select = page.locator('#sandbox-example');
  const look = (l) => l.evaluate((n) => getComputedStyle(n).backgroundColor);
  assert.notEqual(await look(button), await look(select));
  assert.notEqual(await look(button), 'rgb(255, 255, 255)');
  await page.locator('.import-example').screenshot({ path: path.join(SHOTS, 'sandbox-example-form.png') });
  await button.click();
  await page.locator('#sandbox .d-vpc').first().waitFor();
  await page.reload();
  await page.locator('#sandbox .d-vpc').first().waitFor();
  assert.deepEqual(app.problems, []);
});
