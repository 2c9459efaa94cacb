// The cost panel gives one answer everywhere (issue 11, item 6), in Chromium under a sub-path:
// sns-interface-endpoint solved through the page is priced with its own traffic (150 GB a task,
// the cost goal's) at $17.60, the goal's own total, with named resources, one price date and no
// literal "null"; the learner's flow edits (a bad port, a bad amount) get a message on their
// row naming the field; in the sandbox a design that allows only SSH is priced on port 22, and
// moved to 443 is shown as not carried. Screenshots at 1280×800 and 390×844 in target/e2e/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, axeViolations, openApp } from './harness.mjs';

const SHOTS = path.join(ROOT, 'target/e2e');
const SNS = 'sns-interface-endpoint';
const TASK_A = 'eni-036366b9d9ea8d528';

let app;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

const exercisePanel = (page) => page.locator('#exercises .cost-panel');
const total = (panel) => panel.locator('.cost-total');

/** Waits until the panel's total reads `text` ($17.60); returns it. */
async function totalIs(page, scope, text) {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(`${sel} .cost-panel .cost-total`)?.textContent.startsWith(want),
    [scope, text],
  );
  return text;
}

async function solveThroughThePage(page, id) {
  await page.goto(`${app.url}#exercises/${id}`);
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
  const solution = page.locator('#exercises .solution-panel');
  const reveal = solution.getByRole('button', { name: 'Reveal the solution' });
  if (await reveal.isVisible()) await reveal.click();
  await solution.getByRole('button', { name: 'Play all steps' }).click();
  await page.waitForFunction(() => document.querySelector('#exercises .solution-panel')?.dataset.playing === 'false', null, { timeout: 120_000 });
}

test('sns-interface-endpoint: the Cost tab shows the cost goal’s $17.60, named, with one price date and no null', async () => {
  const { page } = app;
  await solveThroughThePage(page, SNS);
  const budget = page.locator('.goal[data-goal="budget"]');
  assert.equal(await budget.getAttribute('data-passed'), 'true');
  assert.match(await budget.textContent(), /\$17\.60 a month/);

  await page.locator('#exercises').getByRole('tab', { name: 'Cost' }).click();
  const panel = exercisePanel(page);
  await total(panel).waitFor();
  await totalIs(page, '#exercises', '$17.60');
  // The goal's traffic, as the goal states it: two flows of 150 GB.
  assert.deepEqual(await panel.locator('.flow__gb').evaluateAll((inputs) => inputs.map((i) => i.value)), ['150', '150']);
  assert.match(await panel.locator('.cost-source').textContent(), /150 GB a month from each task to SNS/);
  // Pickers and line items name what they show: the task, not its attachment's ARN.
  const from = panel.locator('.flow').first().getByLabel('From', { exact: true });
  assert.equal(await from.evaluate((s) => s.selectedOptions[0].textContent), `ECS task in App-A (${TASK_A})`);
  assert.equal(await panel.locator('.flow').first().getByLabel('Port').inputValue(), '443');
  const text = await panel.innerText();
  assert.doesNotMatch(text, /\bnull\b|\bundefined\b|NaN/);
  assert.doesNotMatch(text, /arn:aws/);
  assert.match(text, /endpoint Amazon SNS in App-A|Amazon SNS/);
  // One date, the price table's.
  const prices = await panel.locator('.cost-prices').textContent();
  assert.match(prices, /^Prices of us-east-1 as of 2026-12-07 \(Amazon VPC pricing\)\. A month is 730 hours\.$/);
  assert.equal((prices.match(/as of/g) ?? []).length, 1);
  assert.deepEqual(
    (await axeViolations(page, { withImpact: true })).filter((v) => /^(serious|critical)/.test(v)),
    [],
  );
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SHOTS, 'cost-1280.png') });
  assert.deepEqual(app.problems, []);
});

test('a learner’s bad port or amount is named on its row; the goal’s traffic comes back with one click', async () => {
  const { page } = app;
  const panel = exercisePanel(page);
  const first = panel.locator('.flow').first();
  await first.getByLabel('Port').fill('70000');
  await first.locator('.flow__error').filter({ hasText: "Port: '70000' is not a port; give a whole number from 0 to 65535" }).waitFor();
  assert.equal(await first.getByLabel('Port').getAttribute('aria-invalid'), 'true');
  await first.screenshot({ path: path.join(SHOTS, 'cost-flow-invalid-1280.png') });
  // The other flow is still priced: 150 GB less through the endpoint.
  await totalIs(page, '#exercises', '$16.10');
  assert.match(await panel.locator('.cost-source').textContent(), /no longer the one the goal/);
  await first.getByLabel('Port').fill('443');
  await first.getByLabel('GB a month', { exact: true }).fill('lots');
  await first.locator('.flow__error').filter({ hasText: "GB a month: 'lots' is not an amount; give a number of GB, 0 or more" }).waitFor();
  await first.getByLabel('GB a month', { exact: true }).fill('1500');
  await totalIs(page, '#exercises', '$31.10');
  await panel.getByRole('button', { name: 'Back to the goal’s traffic' }).click();
  await totalIs(page, '#exercises', '$17.60');
  assert.equal(await panel.locator('.flow__error:not(:empty)').count(), 0);

  await page.setViewportSize({ width: 390, height: 844 });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'cost-390.png') });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(wide, false, 'the page scrolls sideways at 390 px');
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(app.problems, []);
});

// Two instances in two AZs whose security group lets in SSH only.
const SSH_ONLY = JSON.stringify({
  AccountId: '111122223333',
  Region: 'us-east-1',
  Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }],
  Subnets: [
    { SubnetId: 'subnet-a', VpcId: 'vpc-1', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' },
    { SubnetId: 'subnet-b', VpcId: 'vpc-1', CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-east-1b' },
  ],
  RouteTables: [{ RouteTableId: 'rtb-1', VpcId: 'vpc-1', Associations: [{ Main: true }], Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' }] }],
  SecurityGroups: [
    {
      GroupId: 'sg-1',
      VpcId: 'vpc-1',
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }],
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    },
  ],
  Reservations: [
    {
      OwnerId: '111122223333',
      Instances: [
        { InstanceId: 'i-a', VpcId: 'vpc-1', SubnetId: 'subnet-a', PrivateIpAddress: '10.0.1.10', SecurityGroups: [{ GroupId: 'sg-1' }], State: { Name: 'running' }, Tags: [{ Key: 'Name', Value: 'bastion' }] },
        { InstanceId: 'i-b', VpcId: 'vpc-1', SubnetId: 'subnet-b', PrivateIpAddress: '10.0.2.10', SecurityGroups: [{ GroupId: 'sg-1' }], State: { Name: 'running' }, Tags: [{ Key: 'Name', Value: 'app' }] },
      ],
    },
  ],
});

test('sandbox: a design that allows only SSH is priced on port 22; on 443 the row says it is not carried', async () => {
  const { page } = app;
  await page.goto(`${app.url}#sandbox`);
  await page.locator('#sandbox-title').waitFor();
  await page.getByLabel('Paste AWS CLI JSON').fill(SSH_ONLY);
  await page.getByRole('button', { name: 'Load JSON' }).click();
  await page.locator('.import-status').filter({ hasText: /2 instances/ }).waitFor();
  await page.locator('#sandbox').getByRole('tab', { name: 'Cost' }).click();
  const panel = page.locator('#sandbox .cost-panel');
  await panel.locator('.flow').first().waitFor();
  const flow = panel.locator('.flow').first();
  assert.equal(await flow.getByLabel('Port').inputValue(), '22');
  assert.equal(await flow.getByLabel('Protocol').inputValue(), 'tcp');
  assert.equal(await flow.getByLabel('From', { exact: true }).evaluate((s) => s.selectedOptions[0].textContent), 'bastion (i-a)');
  // 100 GB from us-east-1a to us-east-1b: $1.00 out, $1.00 in.
  await totalIs(page, '#sandbox', '$2.00');
  assert.equal(await panel.locator('.unreachable').count(), 0);

  await flow.getByLabel('Port').fill('443');
  await flow.locator('.flow__status').filter({ hasText: /Not priced: the design does not carry it/ }).waitFor();
  await totalIs(page, '#sandbox', '$0.00');
  assert.match(await panel.locator('.unreachable').textContent(), /bastion \(i-a\) → app \(i-b\), TCP 443 cannot get through/);
  await page.setViewportSize({ width: 390, height: 844 });
  await flow.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'cost-sandbox-390.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Flows can be added, pointed anywhere the estate offers, and removed.
  await panel.getByRole('button', { name: 'Add a flow' }).click();
  assert.equal(await panel.locator('.flow').count(), 2);
  const added = panel.locator('.flow').nth(1);
  const to = added.getByLabel('To', { exact: true });
  const options = await to.evaluate((s) => [...s.options].map((o) => o.textContent));
  assert.ok(options.includes('app (i-b)') && options.includes('Amazon S3 (s3)') && options.includes('the internet (203.0.113.10)'), options.join(', '));
  await to.selectOption('i-a');
  await added.getByLabel('From', { exact: true }).selectOption('i-a');
  await added.locator('.flow__error').filter({ hasText: 'To: choose another end than From' }).waitFor();
  await added.getByRole('button', { name: 'Remove flow 2' }).click();
  assert.equal(await panel.locator('.flow').count(), 1);
  assert.doesNotMatch(await panel.innerText(), /\bnull\b|\bundefined\b|NaN/);
  assert.deepEqual(app.problems, []);
});
