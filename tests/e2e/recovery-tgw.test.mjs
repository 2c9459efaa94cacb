// No dead ends, in Chromium: in tgw-hub a learner attaches each VPC with one subnet (the known
// mistake: the banner says to give each attachment both subnets), all through the Actions forms,
// the route-table editor and the transit gateway tables' inline controls, then recovers with the
// "Modify transit gateway attachment" form (adding the second zone's subnet to each attachment),
// without Reset or undo. Every goal then passes, the mistake's banner is gone, and the work
// survives a reload. Screenshots at 1280×800 and 390×844 in target/e2e/. Any console error, page
// error or failed request fails the run.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, openApp } from './harness.mjs';

const EX = 'tgw-hub';
const TGW = 'tgw-0d17f9221d0ef1181';
const TGW_RT = 'tgw-rtb-045e59b04928b333b';
const SHOTS = path.join(ROOT, 'target/e2e');

// Per VPC: its id, its subnet in us-east-1a (the mistake's only one), its subnet in us-east-1b
// (added by the recovery), the route table of its instances, and the attachment id vpclab gives.
const VPCS = [
  ['vpc-026528dbf6fe843e2', 'subnet-093d8a34b24992e6b', 'subnet-06e9f29e1bf994380', 'rtb-03fefdae72434c239', 'tgw-attach-0e5b872e00ce8e0ca'],
  ['vpc-0a3253f3659d80af1', 'subnet-0796fcac327a14e3f', 'subnet-093ed50c33f9bed21', 'rtb-09a50cb1dd00d3b86', 'tgw-attach-0ca95b8b56c953252'],
  ['vpc-09c0753816a611954', 'subnet-089836d712fd2735e', 'subnet-08c7b02ed6ceb774e', 'rtb-0b976656eab72066b', 'tgw-attach-00974159b5004a0b6'],
  ['vpc-0cb181658f7db674c', 'subnet-0b41411dce63d543a', 'subnet-0119418ba81adbaf4', 'rtb-0f3e66edba5368c66', 'tgw-attach-0455213aac2ceb938'],
  ['vpc-0cd9c7ff3d64db9f8', 'subnet-0a7cec393805227d9', 'subnet-0f383db7ac46c8078', 'rtb-0f0c814806e354dd7', 'tgw-attach-0ebf04e23be4ca7e8'],
];

let app;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

const view = (page) => page.locator('#exercises .exercise-view:not([hidden])');
const goalStates = (page) =>
  view(page).locator('.goal').evaluateAll((nodes) => nodes.map((n) => `${n.dataset.goal}=${n.dataset.passed}`));
const mistakes = (page) =>
  view(page).locator('.callout--mistake').evaluateAll((nodes) => nodes.map((n) => n.dataset.mistake));

async function tab(page, name) {
  await view(page).getByRole('tab', { name }).click();
}

/** Opens an action card in the Actions tab and returns it. */
async function actionCard(page, action) {
  await tab(page, 'Actions');
  const card = view(page).locator(`details.action-card[data-action="${action}"]`);
  if (!(await card.evaluate((d) => d.open))) await card.locator('summary').click();
  return card;
}

const historyLength = (page) => view(page).locator('.history li:not(.note)').count();

/** Submits the card's form and waits until the action shows in "Your actions", or its refusal. */
async function submit(page, card, button) {
  const before = await historyLength(page);
  const action = await card.getAttribute('data-action');
  await card.getByRole('button', { name: button }).click();
  await page.waitForFunction(
    ([n, action]) => {
      const v = document.querySelector('#exercises .exercise-view:not([hidden])');
      const err = v?.querySelector(`details.action-card[data-action="${action}"] .error`);
      return (err && err.textContent.trim() !== '') || v.querySelectorAll('.history li:not(.note)').length > n;
    },
    [before, action],
  );
  const error = view(page).locator(`details.action-card[data-action="${action}"] .error`);
  assert.equal((await error.count()) ? (await error.first().textContent()).trim() : '', '', `${button} refused`);
  assert.equal(await historyLength(page), before + 1);
}

/**
 * In the Route tables tab's transit gateway section: picks attachment `att` in the hub table's
 * "Associate attachment" (`what` = 'assoc') or "Propagate from attachment" ('prop') control and
 * submits it, waiting until the action shows in "Your actions".
 */
async function tgwTableStep(page, what, att) {
  await tab(page, 'Route tables');
  const pick = view(page).locator(`[data-key="${TGW_RT}:${what}-pick"]`);
  await pick.selectOption(att);
  const before = await historyLength(page);
  await view(page).locator(`[data-key="${TGW_RT}:${what}-add"]`).click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('#exercises .exercise-view:not([hidden]) .history li:not(.note)').length > n,
    before,
  );
}

async function check(card, field, value) {
  await card.locator('fieldset', { hasText: field }).locator(`input[type="checkbox"][value="${value}"]`).check();
}

async function addRoute(page, table, destination, target) {
  await tab(page, 'Route tables');
  const form = view(page).locator(`form.route-add[data-route-table="${table}"]`);
  await form.getByLabel('Destination').fill(destination);
  await form.getByLabel('Target', { exact: true }).selectOption(target);
  const before = await historyLength(page);
  await form.getByRole('button', { name: 'Add route' }).click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('#exercises .exercise-view:not([hidden]) .history li:not(.note)').length > n,
    before,
  );
}

test('tgw-hub: the one-subnet attachments mistake is recovered with the modify form, and survives a reload', async () => {
  const { page } = app;
  await page.goto(`${app.url}#exercises/${EX}`);
  await view(page).locator('.goal').first().waitFor();
  assert.ok((await goalStates(page)).some((s) => s.endsWith('=false')));

  // The mistake, as a learner makes it: each VPC attached with its us-east-1a subnet only.
  for (const [vpc, subnetA, , table, att] of VPCS) {
    let card = await actionCard(page, 'create_transit_gateway_attachment');
    await card.getByLabel('Transit gateway').selectOption(TGW);
    await card.getByLabel('VPC', { exact: true }).selectOption(vpc);
    await check(card, 'Subnets', subnetA);
    await submit(page, card, 'Create attachment');
    await tgwTableStep(page, 'assoc', att);
    await tgwTableStep(page, 'prop', att);
    await addRoute(page, table, '10.0.0.0/8', TGW);
  }
  await view(page).locator('.callout--mistake[data-mistake="one-zone-attachments"]').waitFor();
  assert.deepEqual(await mistakes(page), ['one-zone-attachments']);
  // The banner points at the way out the page offers.
  assert.match(await view(page).locator('.callout--mistake').textContent(), /Modify transit gateway attachment/);
  assert.ok((await goalStates(page)).some((s) => s.endsWith('=false')));
  await view(page).locator('.callout--mistake').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'recovery-tgw-mistake-1280.png'), fullPage: false });

  // A second attachment for the same VPC is refused, as AWS refuses it: the way out is modify.
  let card = await actionCard(page, 'create_transit_gateway_attachment');
  await card.getByLabel('Transit gateway').selectOption(TGW);
  await card.getByLabel('VPC', { exact: true }).selectOption(VPCS[0][0]);
  await check(card, 'Subnets', VPCS[0][2]);
  await card.getByRole('button', { name: 'Create attachment' }).click();
  await card.locator('.error').filter({ hasText: 'DuplicateTransitGatewayAttachment' }).waitFor();

  // The recovery: the modify form adds each attachment's us-east-1b subnet.
  for (const [, , subnetB, , att] of VPCS) {
    card = await actionCard(page, 'modify_transit_gateway_attachment');
    await card.getByLabel('Attachment').selectOption(att);
    await check(card, 'Add subnets', subnetB);
    await submit(page, card, 'Modify attachment');
  }
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#exercises .exercise-view:not([hidden]) .goal')].every((g) => g.dataset.passed === 'true'),
  );
  assert.deepEqual(await mistakes(page), []);
  const solved = await goalStates(page);
  assert.ok(solved.every((s) => s.endsWith('=true')), solved.join());
  await page.screenshot({ path: path.join(SHOTS, 'recovery-tgw-form-1280.png'), fullPage: false });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'recovery-tgw-1280.png'), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'recovery-tgw-390.png'), fullPage: false });
  await view(page).locator('details.action-card[data-action="modify_transit_gateway_attachment"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'recovery-tgw-form-390.png'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The work survives a reload: same goals passed, and the modify form shows each attachment's
  // subnets as they now are.
  await page.reload();
  await view(page).locator('.goal').first().waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#exercises .exercise-view:not([hidden]) .goal')].every((g) => g.dataset.passed === 'true'),
  );
  assert.deepEqual(await goalStates(page), solved);
  assert.deepEqual(await mistakes(page), []);
  card = await actionCard(page, 'modify_transit_gateway_attachment');
  await card.getByLabel('Attachment').selectOption(VPCS[0][4]);
  // The form offers to add only the subnets the attachment lacks, to remove only those it has.
  const offered = (legend) =>
    card.locator('fieldset', { hasText: legend }).locator('input[type="checkbox"]').evaluateAll((boxes) => boxes.map((b) => b.value));
  assert.deepEqual(await offered('Add subnets'), []);
  assert.deepEqual((await offered('Remove subnets')).sort(), [VPCS[0][1], VPCS[0][2]].sort());
  // Removing every subnet is refused, as AWS refuses it: delete the attachment instead.
  await check(card, 'Remove subnets', VPCS[0][1]);
  await check(card, 'Remove subnets', VPCS[0][2]);
  await card.getByRole('button', { name: 'Modify attachment' }).click();
  await card.locator('.error').filter({ hasText: 'keeps at least one subnet' }).waitFor();
  assert.deepEqual(app.problems, []);
});
