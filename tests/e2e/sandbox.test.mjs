// The sandbox in Chromium under a sub-path: a Batfish snapshot (tests/fixtures/batfish) imported
// as picked files and as a picked folder, drawn, traced hop by hop, validated, exported; pasted
// JSON with a mistake refused with its JSON path; the estate kept over a reload; axe-core; a
// screenshot at 1280×800 and 390×844.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, axeViolations, openApp } from './harness.mjs';

const SNAPSHOT = path.join(ROOT, 'tests/fixtures/batfish/test-vpc-peering');
const SHOTS = path.join(ROOT, 'target/e2e');

let app;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ viewport: { width: 1280, height: 800 } });
  await app.page.goto(`${app.url}#sandbox`);
  await app.page.locator('#sandbox-title').waitFor();
});

after(async () => {
  await app?.close();
});

async function choose(select, text) {
  const value = await select.evaluate((s, t) => [...s.options].find((o) => o.textContent.includes(t))?.value ?? null, text);
  assert.ok(value != null, `no option containing '${text}'`);
  await select.selectOption(value);
}

test('pasted JSON with a mistake is refused with its JSON path, and the page recovers', async () => {
  const { page } = app;
  await page.getByLabel('Paste AWS CLI JSON').fill('{"Vpcs": [{"VpcId": 7}]}');
  await page.getByRole('button', { name: 'Load JSON' }).click();
  // The sandbox's engine is in a Web Worker: its answers arrive after the click.
  // Said right under the box.
  await page.locator('#sandbox-json-error').filter({ hasText: 'Could not load' }).waitFor();
  assert.match(await page.locator('#sandbox-json-error').textContent(), /\$\.Vpcs\[0\]\.VpcId/);
  await page.getByLabel('Paste AWS CLI JSON').fill('{"AccountId": "111122223333", "Region": "us-east-1", "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}');
  await page.getByRole('button', { name: 'Load JSON' }).click();
  await page.locator('.import-status').filter({ hasText: /1 VPC\b/ }).waitFor();
  assert.equal(await page.locator('#sandbox-error').textContent(), '');
  assert.equal(await page.locator('#sandbox-json-error').textContent(), '');
  assert.equal(await page.locator('#sandbox .d-vpc').count(), 1);
  assert.deepEqual(app.problems, []);
});

test('a Batfish snapshot picked as files is drawn and traced hop by hop', async () => {
  const { page } = app;
  const dir = path.join(SNAPSHOT, 'aws_configs');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
  await page.locator('#sandbox-files').setInputFiles(files);
  await page.locator('.import-status').filter({ hasText: '3 VPCs' }).waitFor();
  assert.match(await page.locator('.import-status').textContent(), /2 peerings/);
  assert.equal(await page.locator('#sandbox .d-vpc').count(), 3);
  assert.equal(await page.locator('#sandbox .d-peering').count(), 2);

  await page.locator('#sandbox').getByRole('tab', { name: 'Trace' }).click();
  const panel = page.locator('#sandbox .trace-panel');
  await choose(panel.getByLabel('From', { exact: true }), '10.10.10.157');
  await choose(panel.getByLabel('To', { exact: true }), '192.168.2.229');
  await panel.getByLabel('Protocol').selectOption('icmp');
  await panel.getByRole('button', { name: 'Trace' }).click();
  const result = panel.locator('.trace-result');
  await result.waitFor();
  const forward = panel.locator('ol[aria-label="Forward hops"] li');
  assert.ok((await forward.count()) >= 3, `${await forward.count()} hops`);
  const text = await result.textContent();
  assert.match(text, /i-06ba034d88c84ef07/);
  // Whatever the verdict, the diagram draws the path, and a failure is marked where it happens.
  assert.equal(await page.locator('#sandbox .d-trace__path--forward').count(), 1);
  if ((await result.getAttribute('data-reachable')) === 'false') {
    assert.equal(await page.locator('#sandbox .d-failed').count(), 1);
  }
  await page.screenshot({ path: path.join(SHOTS, 'sandbox-1280.png'), fullPage: true });
  assert.deepEqual(app.problems, []);
});

test('a snapshot folder picked whole loads the same estate', async () => {
  const { page } = app;
  await page.locator('#sandbox-folder').setInputFiles(SNAPSHOT);
  await page.locator('.import-status').filter({ hasText: '3 VPCs' }).waitFor();
  assert.equal(await page.locator('#sandbox-error').textContent(), '');
  assert.deepEqual(app.problems, []);
});

test('an edit in the sandbox, undone and redone, travels in a share link to a fresh browser', async () => {
  const { page } = app;
  const sandbox = page.locator('#sandbox');
  await sandbox.getByRole('tab', { name: 'Actions' }).click();
  const card = sandbox.locator('details.action-card[data-action="create_subnet"]');
  await card.locator('summary').click();
  const form = card.locator('form');
  await choose(form.getByLabel('VPC', { exact: true }), '10.10.0.0/16');
  await form.getByLabel('IPv4 subnet CIDR block').fill('10.10.99.0/24');
  await form.getByLabel('Availability Zone').fill('us-east-2c');
  await form.getByRole('button', { name: 'Create subnet' }).click();
  await sandbox.locator('.d-subnet', { hasText: '10.10.99.0/24' }).waitFor();
  await sandbox.getByRole('button', { name: /Undo/ }).click();
  await sandbox.locator('.d-subnet', { hasText: '10.10.99.0/24' }).waitFor({ state: 'detached' });
  await sandbox.getByRole('button', { name: /Redo/ }).click();
  await sandbox.locator('.d-subnet', { hasText: '10.10.99.0/24' }).waitFor();
  assert.equal(await sandbox.locator('.d-subnet', { hasText: '10.10.99.0/24' }).count(), 1);

  await sandbox.getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('#sandbox-share-url').inputValue();
  assert.match(link, /#share\/z[A-Za-z0-9_-]+$/, 'a snapshot is long enough to be compressed');
  const other = await openApp({ server: app.server, viewport: { width: 1280, height: 800 } });
  try {
    await other.page.goto(link);
    await other.page.locator('#sandbox .d-subnet', { hasText: '10.10.99.0/24' }).waitFor();
    assert.ok(other.page.url().endsWith('#sandbox'), other.page.url());
    assert.equal(await other.page.locator('#sandbox .d-vpc').count(), 3);
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
  assert.deepEqual(app.problems, []);
});

test('validate, export, reload, and axe on every panel', async () => {
  const { page } = app;
  const sandbox = page.locator('#sandbox');
  await sandbox.getByRole('tab', { name: 'Validate' }).click();
  assert.ok((await sandbox.locator('.check-panel').textContent()).length > 0);

  const [download] = await Promise.all([page.waitForEvent('download'), sandbox.getByRole('button', { name: 'Download JSON' }).click()]);
  assert.equal(download.suggestedFilename(), 'vpclab-estate.json');
  const docs = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
  assert.ok(Array.isArray(docs) && docs.length >= 1);
  assert.equal(docs.flatMap((d) => d.Vpcs ?? []).length, 3);
  assert.ok(docs.flatMap((d) => d.Subnets ?? []).some((sn) => sn.CidrBlock === '10.10.99.0/24'));

  await page.reload();
  await page.locator('.import-status').filter({ hasText: '3 VPCs' }).waitFor();
  for (const name of ['Route tables', 'Actions', 'Trace', 'Cost', 'Validate']) {
    await sandbox.getByRole('tab', { name }).click();
    const serious = (await axeViolations(page, { withImpact: true })).filter((v) => /^(serious|critical)/.test(v));
    assert.deepEqual(serious, [], `${name} tab`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the sandbox scrolls sideways by ${overflow}px at 390px`);
  await page.screenshot({ path: path.join(SHOTS, 'sandbox-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(app.problems, []);
});
