// Lazy loading: an exercise opened by its link is usable before the modules only other views use
// are fetched (the sandbox, the CIDR calculator, the trace and cost panels, share links, the
// progress footer), and each of those works when first used, with no console error. A view whose
// module cannot be fetched says so in its section. Any console error, page error or failed
// request fails the run (the one deliberate 404 is accounted for).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './harness.mjs';

const FIRST = 'cidr-plan';
// Modules the exercise view does not need before it is usable.
const LAZY = ['sandbox.js', 'sandbox-session.js', 'sandbox-worker.js', 'cidr.js', 'cost.js', 'trace.js', 'share.js', 'progress.js'];

let app;

before(async () => {
  app = await openApp({ viewport: { width: 1280, height: 800 } });
  // Notes when the exercise is usable (its goals and action forms shown), as the page bench does.
  await app.page.addInitScript(() => {
    const seen = new MutationObserver(() => {
      const view = document.querySelector('#exercises .exercise-view');
      if (!view || view.hidden || !view.querySelector('.goal') || !view.querySelector('.action-card form')) return;
      seen.disconnect();
      window.__usableAt = performance.now();
    });
    seen.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
  });
});

after(async () => {
  await app?.close();
});

/** The page's modules under www/ui/ requested before `t` (page clock), by file name. */
const modulesBefore = (page, t) =>
  page.evaluate(
    (until) =>
      performance
        .getEntriesByType('resource')
        .filter((r) => r.startTime < until && /\/www\/ui\/[^/]+\.js$/.test(new URL(r.name).pathname))
        .map((r) => new URL(r.name).pathname.split('/').pop()),
    t,
  );

test('an exercise opened by its link is usable before the other views\' modules are fetched', async () => {
  const { page } = app;
  await page.goto(`${app.url}#exercises/${FIRST}`);
  await page.waitForFunction(() => window.__usableAt !== undefined);
  const usableAt = await page.evaluate(() => window.__usableAt);
  const early = await modulesBefore(page, usableAt);
  assert.ok(early.includes('exercises.js') && early.includes('boot.js'), early.join(', '));
  assert.deepEqual(early.filter((m) => LAZY.includes(m)), [], 'fetched before the exercise was usable');
  // The nav offers every view from the start.
  assert.deepEqual(await page.locator('#tools a').allTextContents(), ['Exercises', 'Sandbox', 'CIDR calculator']);
  // The progress footer comes once the page is idle.
  await page.locator('#progress-file').waitFor({ state: 'attached' });
  assert.deepEqual(app.problems, []);
});

test('the trace and cost panels and share links work when first used', async () => {
  const { page } = app;
  const view = page.locator('#exercises');
  await view.getByRole('tab', { name: 'Trace' }).click();
  const from = view.locator('.trace-panel').getByLabel('From', { exact: true });
  await from.waitFor();
  assert.ok((await from.locator('option').count()) >= 2, 'the trace pickers are filled from the estate');
  await view.getByRole('tab', { name: 'Cost' }).click();
  const total = view.locator('.cost-panel .cost-total');
  await total.waitFor();
  await page.waitForFunction(() => /\$\d/.test(document.querySelector('#exercises .cost-panel .cost-total')?.textContent ?? ''));
  await view.getByRole('tab', { name: 'Validate' }).click();
  assert.ok((await view.locator('.check-panel').textContent()).length > 0, 'the findings are drawn when the tab is shown');
  await view.getByRole('button', { name: 'Share link' }).click();
  const share = view.locator('.share-box:not([hidden]) input, .share-box:not([hidden]) textarea').first();
  await share.waitFor();
  assert.match(await share.inputValue(), /#share\//);
  assert.deepEqual(app.problems, []);
});

test('the sandbox and the CIDR calculator mount when first shown, focus on their heading', async () => {
  const { page } = app;
  await page.locator('#tools a[data-view="sandbox"]').click();
  await page.locator('#sandbox-title').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'sandbox-title');
  assert.equal(await page.title(), 'Sandbox · vpclab');
  assert.equal(await page.locator('#exercises').isVisible(), false);
  await page.getByLabel('Paste AWS CLI JSON').fill(
    JSON.stringify({ AccountId: '111122223333', Region: 'us-east-1', Vpcs: [{ VpcId: 'vpc-0a1', CidrBlock: '10.0.0.0/16' }] }),
  );
  await page.getByRole('button', { name: 'Load JSON', exact: true }).click();
  await page.locator('.import-status').filter({ hasText: '1 VPC' }).waitFor();

  await page.locator('#tools a[data-view="cidr"]').click();
  await page.locator('#cidr-input').waitFor();
  assert.equal(await page.locator('#sandbox').isVisible(), false);
  // Back and forth: mounted once, kept.
  await page.goBack();
  await page.locator('.import-status').filter({ hasText: '1 VPC' }).waitFor();
  assert.equal(await page.locator('#sandbox-title').count(), 1);
  assert.deepEqual(app.problems, []);
});

test('a view whose module cannot be fetched says so, and the others still work', async () => {
  const { page } = app;
  await page.route('**/www/ui/cidr.js', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found\n' }));
  try {
    await page.goto(`${app.url}#exercises/${FIRST}`);
    await page.reload();
    await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
    await page.locator('#tools a[data-view="cidr"]').click();
    await page.locator('#cidr .error').filter({ hasText: /This view could not start/ }).waitFor();
    await page.locator('#tools a[data-view="exercises"]').click();
    await page.locator('#exercises .exercise-list, #exercises .exercise-item').first().waitFor();
  } finally {
    await page.unroute('**/www/ui/cidr.js');
  }
  const expected = (p) => /cidr\.js/.test(p) || /Failed to load resource: .* 404/.test(p);
  assert.ok(app.problems.every(expected), app.problems.join('\n'));
  assert.ok(app.problems.length >= 1, 'the refused module was requested');
  app.problems.length = 0;
});
