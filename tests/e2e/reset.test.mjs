// Reset asks first and can be undone, in Chromium, with a reload after every path: the page's
// own confirmation (a modal dialog, not window.confirm) works from the keyboard (focus starts on
// "Keep my work", Escape keeps the work, Shift+Tab and Enter reset); Undo after Reset brings the
// work back (and it is saved); a reset kept over a reload is listed as kept aside and comes back;
// the sandbox's "Back to the import" does the same. Screenshots at 1280x800 and 390x844.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, axeViolations, openApp } from './harness.mjs';

const EX = 'public-subnet';
const SHOTS = path.join(ROOT, 'target/e2e');

let app;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ viewport: { width: 1280, height: 800 } });
  // A window.confirm would be a failure: the page must ask in the page.
  app.page.on('dialog', (d) => {
    app.problems.push(`browser dialog: ${d.type()} ${d.message()}`);
    d.dismiss();
  });
});

after(async () => {
  await app?.close();
});

const historyLength = (page) => page.locator('#exercises .history li:not(.note)').count();
const savedActions = (page, id) =>
  page.evaluate((k) => {
    const e = localStorage.getItem(k);
    return e == null ? null : JSON.parse(JSON.parse(e).data).actions.length;
  }, `vpclab/work/${id}`);

async function openExercise(page, id) {
  await page.goto(`${app.url}#exercises/${id}`);
  await page.locator('#exercise-title').waitFor();
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
}

/** The panels' modules the page fetches once an exercise is shown (a reload before would abort them). */
const panelsFetched = (page) =>
  page.waitForFunction(() => ['trace.js', 'cost.js'].every((m) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(`/ui/${m}`))));

async function reload(page) {
  await panelsFetched(page);
  await page.reload();
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
}

test('Reset asks in the page, from the keyboard; Undo brings the work back; both survive a reload', async () => {
  const { page } = app;
  await page.goto(`${app.url}#cidr`);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => localStorage.clear());
  await page.goto('about:blank');
  await openExercise(page, EX);
  const panel = page.locator('#exercises .solution-panel');
  await panel.getByRole('button', { name: 'Reveal the solution' }).click();
  await panel.getByRole('button', { name: 'Play the next step' }).click();
  await panel.getByRole('button', { name: 'Play the next step' }).click();
  assert.equal(await historyLength(page), 2);

  const reset = page.getByRole('toolbar', { name: 'Exercise' }).getByRole('button', { name: 'Reset' });
  await reset.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Start this exercise again?' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Your 2 actions will be taken back.*Undo \(Ctrl\+Z\) brings them back/);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Keep my work', 'focus starts on the safe choice');
  const serious = (await axeViolations(page, { withImpact: true })).filter((v) => /^(serious|critical)/.test(v));
  assert.deepEqual(serious, [], 'the dialog is accessible');
  await page.screenshot({ path: path.join(SHOTS, 'reset-confirm-1280.png') });
  // Ctrl+Z behind the open question changes nothing.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await historyLength(page), 2, 'Escape keeps the work');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Reset', 'focus goes back to Reset');

  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Reset to the start');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await historyLength(page), 0);
  const undo = page.getByRole('toolbar', { name: 'Exercise' }).getByRole('button', { name: /Undo/ });
  assert.equal(await undo.getAttribute('aria-disabled'), 'false', 'Undo is offered after a reset');
  await undo.click();
  assert.equal(await historyLength(page), 2, 'Undo brings the work back');
  // Nothing left kept aside once undone: the copy says no more than the work shown.
  await page.locator('#exercises .kept').waitFor({ state: 'hidden' });
  await reload(page);
  assert.equal(await historyLength(page), 2);
  assert.equal(await savedActions(page, EX), 2);

  // Reset, then reload: undo (in memory) is gone, the copy kept aside is not.
  await reset.click();
  await dialog.getByRole('button', { name: 'Reset to the start' }).click();
  assert.equal(await historyLength(page), 0);
  await reload(page);
  assert.equal(await historyLength(page), 0);
  const kept = page.locator('#exercises .kept');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Your work before you reset · 2 actions/);
  await page.setViewportSize({ width: 390, height: 844 });
  await kept.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'reset-kept-390.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px at 390px`);
  await reset.click();
  assert.equal(await dialog.count(), 0, 'nothing to reset: no question');
  await page.setViewportSize({ width: 1280, height: 800 });
  await kept.getByRole('button', { name: /^Bring back/ }).click();
  assert.equal(await historyLength(page), 2);
  await reload(page);
  assert.equal(await historyLength(page), 2);
  assert.deepEqual(app.problems, []);
});

test("the sandbox's Back to the import asks first and can be undone, over a reload", async () => {
  const { page } = app;
  await page.goto(`${app.url}#sandbox`);
  await page.locator('#sandbox-title').waitFor();
  await page.getByLabel('Paste AWS CLI JSON').fill(JSON.stringify({ AccountId: '111122223333', Region: 'us-east-1', Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] }));
  await page.getByRole('button', { name: 'Load JSON', exact: true }).click();
  const sandbox = page.locator('#sandbox');
  await sandbox.locator('.d-vpc').first().waitFor();
  await sandbox.getByRole('tab', { name: 'Actions' }).click();
  const card = sandbox.locator('details.action-card[data-action="create_subnet"]');
  await card.locator('summary').click();
  await card.locator('form').getByLabel('IPv4 subnet CIDR block').fill('10.0.7.0/24');
  await card.locator('form').getByLabel('Availability Zone').fill('us-east-1a');
  await card.locator('form button[type="submit"]').click();
  const subnet = sandbox.locator('.d-subnet', { hasText: '10.0.7.0/24' });
  await subnet.waitFor();

  await sandbox.getByRole('button', { name: 'Back to the import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Go back to the estate as imported?' });
  await dialog.getByRole('button', { name: 'Keep my changes' }).click();
  assert.equal(await subnet.count(), 1);
  await sandbox.getByRole('button', { name: 'Back to the import' }).click();
  await dialog.getByRole('button', { name: 'Back to the import' }).click();
  await subnet.waitFor({ state: 'detached' });
  await sandbox.getByRole('button', { name: /Undo/ }).click();
  await subnet.waitFor();
  await page.reload();
  await subnet.waitFor();

  await sandbox.getByRole('button', { name: 'Back to the import' }).click();
  await dialog.getByRole('button', { name: 'Back to the import' }).click();
  await subnet.waitFor({ state: 'detached' });
  await page.reload();
  await sandbox.locator('.d-vpc').first().waitFor();
  assert.equal(await subnet.count(), 0);
  const kept = sandbox.locator('.kept');
  await kept.waitFor();
  await kept.getByRole('button', { name: /^Bring back: Your estate before you reset/ }).click();
  await subnet.waitFor();
  await page.reload();
  await subnet.waitFor();
  assert.deepEqual(app.problems, []);
});
