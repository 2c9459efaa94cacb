// Explanations in Chromium (issue 11, item 8 and part of 11): a failing goal and the trace panel
// say what went wrong in words, naming the route table `Name (id)` and the route at fault (the
// stable code stays, as small print); a pending peering says it waits for acceptance; an id no
// AWS API gives (`vpc-"><script>…`) is flagged on import and by Validate, shown as text. Screenshots
// of the trace panel for a failing goal at 1280×800 and 390×844 go to target/e2e/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, openApp } from './harness.mjs';

const EX1 = 'peer-default-vpc';
const VPC1_MAIN = 'rtb-00ed00402fb9aca4c';
const SHOTS = path.join(ROOT, 'target/e2e');

let app;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

const goal = (page, id) => page.locator(`.goal[data-goal="${id}"]`);

async function choose(select, text) {
  const value = await select.evaluate((s, t) => [...s.options].find((o) => o.textContent.includes(t))?.value ?? null, text);
  assert.ok(value != null, `no option containing '${text}'`);
  await select.selectOption(value);
}

async function tab(page, name, scope = page) {
  await scope.getByRole('tab', { name }).click();
}

async function actionForm(page, action) {
  await tab(page, 'Actions');
  const card = page.locator(`details.action-card[data-action="${action}"]`);
  if (!(await card.evaluate((d) => d.open))) await card.locator('summary').click();
  return card.locator('form');
}

async function addRoute(page, table, destination, target) {
  await tab(page, 'Route tables');
  const form = page.locator(`form.route-add[data-route-table="${table}"]`);
  await form.getByLabel('Destination').fill(destination);
  await form.getByLabel('Target', { exact: true }).selectOption(target);
  await form.getByRole('button', { name: 'Add route' }).click();
}

/** Traces app → db on TCP 5432 in the exercise's trace panel; returns the panel. */
async function traceAppToDb(page) {
  await tab(page, 'Trace');
  const panel = page.locator('#exercises .trace-panel').first();
  await choose(panel.getByLabel('From', { exact: true }), 'i-0240b51ff80fa5b25');
  await choose(panel.getByLabel('To', { exact: true }), 'i-006b113aefa3df45c');
  await panel.getByLabel('Protocol').selectOption('tcp');
  await panel.getByLabel('Port').fill('5432');
  await panel.getByRole('button', { name: 'Trace' }).click();
  await panel.locator('.trace-result').waitFor();
  return panel;
}

test('a pending peering and a one-sided route are explained by name, with the route at fault', async () => {
  const { page } = app;
  await page.goto(`${app.url}#exercises/${EX1}`);
  await page.locator('.goal').first().waitFor();

  let form = await actionForm(page, 'request_peering');
  await choose(form.getByLabel('VPC ID (Requester)'), 'VPC-1');
  await choose(form.getByLabel('VPC ID (Accepter)'), 'default VPC');
  await form.getByRole('button', { name: 'Create peering connection' }).click();
  const peering = page.locator('.d-peering');
  await peering.waitFor();
  const pcx = await peering.getAttribute('data-id');

  // Not accepted yet: the route is a blackhole, and the words say why (not "deleted").
  await addRoute(page, VPC1_MAIN, '172.31.0.0/16', pcx);
  const app2db = goal(page, 'app-to-db');
  await app2db.filter({ hasText: 'pending acceptance' }).waitFor();
  const pending = await app2db.locator('.goal__message').textContent();
  assert.match(pending, /Blackhole route: route table VPC-1 main \(rtb-00ed00402fb9aca4c\)/);
  assert.match(pending, new RegExp(`route 172\\.31\\.0\\.0/16 → .*${pcx}`));
  assert.match(pending, new RegExp(`peering .*${pcx}.* is pending acceptance: accept it in the accepter's account`));
  assert.doesNotMatch(pending, /deleted peering/);
  assert.match(pending, /Code BLACKHOLE_ROUTE\./, 'the code stays, as small print');
  let panel = await traceAppToDb(page);
  assert.match(await panel.locator('.blocked__headline').textContent(), /^Blackhole route: .*pending acceptance/);

  form = await actionForm(page, 'accept_peering');
  await form.getByLabel('Peering connection').selectOption(pcx);
  await form.getByRole('button', { name: 'Accept request' }).click();
  await app2db.filter({ hasText: 'No return route' }).waitFor();
  const oneSided = await app2db.locator('.goal__message').textContent();
  assert.match(oneSided, /^app \(i-0240b51ff80fa5b25\) cannot reach db \(i-006b113aefa3df45c\)/);
  assert.match(oneSided, /No return route: the reply from .* finds no route back in route table rtb-084815080e17a7bee of default VPC \(vpc-/);
  assert.match(oneSided, /its route 0\.0\.0\.0\/0 → igw-/);
  assert.doesNotMatch(oneSided, /NO_RETURN_ROUTE at internet/);

  panel = await traceAppToDb(page);
  const result = panel.locator('.trace-result');
  assert.equal(await result.getAttribute('data-reachable'), 'false');
  const headline = await panel.locator('.blocked__headline').textContent();
  assert.match(headline, /^No return route: the reply from .* route table rtb-084815080e17a7bee/);
  assert.match(await panel.locator('.blocked__code').textContent(), /Code NO_RETURN_ROUTE at rtb-084815080e17a7bee · route 0\.0\.0\.0\/0 → igw-/);
  assert.match(await result.locator('.verdict').textContent(), /app \(i-0240b51ff80fa5b25\) cannot connect to db \(i-006b113aefa3df45c\)/);
  // A hop names the subnet and table by their Name tags, ids beside them.
  assert.match(await panel.locator('ol[aria-label="Forward hops"]').textContent(), /route table VPC-1 main \(rtb-00ed00402fb9aca4c\) of App-A \(subnet-0549feac004cb69d6\)/);

  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SHOTS, 'explain-trace-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SHOTS, 'explain-trace-390.png') });
  await app2db.scrollIntoViewIfNeeded();
  await app2db.screenshot({ path: path.join(SHOTS, 'explain-goal-390.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(app.problems, []);
});

test('an id no AWS API gives is flagged on import and by Validate, shown as text', async () => {
  const { page } = app;
  const odd = 'vpc-"><script>window.__pwned=1</script>';
  const doc = {
    AccountId: '111122223333',
    Region: 'us-east-1',
    Vpcs: [
      { VpcId: odd, CidrBlock: '10.0.0.0/16' },
      { VpcId: 'vpc-0a1b2c3d\n4e5f6071', CidrBlock: '10.1.0.0/16' },
      { VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.2.0.0/16' },
    ],
  };
  await page.goto(`${app.url}#sandbox`);
  await page.locator('#sandbox-json').fill(JSON.stringify(doc));
  await page.locator('#sandbox').getByRole('button', { name: 'Load JSON' }).click();
  await page.locator('.import-status').filter({ hasText: '3 VPCs' }).waitFor();
  const warnings = page.locator('.import-warnings');
  await warnings.waitFor();
  const text = await warnings.textContent();
  assert.match(text, /2 ids are not of the form AWS gives/);
  assert.ok(text.includes(`UNUSUAL_ID ${odd}`), text);
  assert.ok(text.includes('vpc-0a1b2c3d\\n4e5f6071'), 'the newline shows escaped');
  assert.match(text, /'vpc-' followed by 17/);
  assert.doesNotMatch(text, /vpc-0123456789abcdef0/, 'an id of the AWS form is not flagged');
  assert.doesNotMatch(text, /null/);
  assert.equal(await warnings.locator('script').count(), 0);

  await tab(page, 'Validate', page.locator('#sandbox'));
  const findings = page.locator('#sandbox .check-panel .finding[data-code="UNUSUAL_ID"]');
  await findings.first().waitFor();
  assert.equal(await findings.count(), 2);
  assert.ok((await findings.first().textContent()).includes(odd));
  assert.equal(await page.locator('#sandbox .check-panel script').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(app.problems, []);
});
