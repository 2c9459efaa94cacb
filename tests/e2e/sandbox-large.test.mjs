// A large estate is drawn without freezing the page (BENCHMARKS.md, scale in the page): a
// generated estate of 200 VPCs, 400 route tables and 200 internet gateways is loaded in the
// sandbox. Behavioural checks, not a timing budget: once the estate is loaded and drawn,
// animation frames keep coming and a click elsewhere is handled; the route-table editor lists
// every table with its body closed (built when opened), opening one shows its routes and edits
// them; the action forms are built when opened; the diagram is a summary with the counts.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './harness.mjs';

let app;

before(async () => {
  app = await openApp({ viewport: { width: 1280, height: 800 } });
  await app.page.goto(`${app.url}#sandbox`);
  await app.page.locator('#sandbox-title').waitFor();
});

after(async () => {
  await app?.close();
});

const pad = (i) => String(i).padStart(8, '0');

/**
 * `vpcs` VPCs in 10.0.0.0/8, each with 4 subnets, an attached internet gateway, a main table
 * (local + `routes` routes) and a public table (local + default route to the gateway) associated
 * with two subnets, and an instance.
 */
function largeEstate(vpcs, routes) {
  const owner = '111122223333';
  const doc = { AccountId: owner, Region: 'us-east-1', Vpcs: [], Subnets: [], RouteTables: [], InternetGateways: [], SecurityGroups: [], Reservations: [{ OwnerId: owner, Instances: [] }] };
  for (let i = 0; i < vpcs; i += 1) {
    const vpc = `vpc-${pad(i)}`;
    const igw = `igw-${pad(i)}`;
    const base = `10.${Math.floor(i / 16)}.${(i % 16) * 16}`;
    doc.Vpcs.push({ VpcId: vpc, OwnerId: owner, CidrBlock: `${base}.0/20`, Tags: [{ Key: 'Name', Value: `vpc ${i}` }] });
    doc.InternetGateways.push({ InternetGatewayId: igw, OwnerId: owner, Attachments: [{ VpcId: vpc, State: 'available' }] });
    for (let s = 0; s < 4; s += 1) {
      doc.Subnets.push({ SubnetId: `subnet-${pad(i)}${s}`, VpcId: vpc, OwnerId: owner, CidrBlock: `10.${Math.floor(i / 16)}.${(i % 16) * 16 + s}.0/24`, AvailabilityZone: `us-east-1${'abc'[s % 3]}` });
    }
    const local = { DestinationCidrBlock: `${base}.0/20`, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
    const main = [local];
    for (let r = 0; r < routes; r += 1) {
      main.push({ DestinationCidrBlock: `192.168.${r % 256}.${(Math.floor(r / 256) * 16) % 256}/28`, VpcPeeringConnectionId: 'pcx-deleted', Origin: 'CreateRoute', State: 'blackhole' });
    }
    doc.RouteTables.push({ RouteTableId: `rtb-${pad(i)}`, VpcId: vpc, OwnerId: owner, Associations: [{ Main: true }], Routes: main });
    doc.RouteTables.push({
      RouteTableId: `rtb-${pad(i)}p`,
      VpcId: vpc,
      OwnerId: owner,
      Tags: [{ Key: 'Name', Value: `public ${i}` }],
      Associations: [0, 1].map((s) => ({ Main: false, SubnetId: `subnet-${pad(i)}${s}` })),
      Routes: [local, { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw, Origin: 'CreateRoute', State: 'active' }],
    });
    const sg = `sg-${pad(i)}`;
    doc.SecurityGroups.push({ GroupId: sg, GroupName: 'open', VpcId: vpc, OwnerId: owner, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }], IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
    doc.Reservations[0].Instances.push({ InstanceId: `i-${pad(i)}`, VpcId: vpc, SubnetId: `subnet-${pad(i)}1`, PrivateIpAddress: `10.${Math.floor(i / 16)}.${(i % 16) * 16 + 1}.10`, SecurityGroups: [{ GroupId: sg }], State: { Name: 'running' } });
  }
  return doc;
}

/** Resolves after `n` animation frames: only if the main thread is free to paint. */
const frames = (page, n) =>
  page.evaluate(
    (count) =>
      new Promise((resolve) => {
        let seen = 0;
        const tick = () => {
          seen += 1;
          if (seen >= count) resolve(seen);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    n,
  );

test('a 200-VPC estate is drawn and the page keeps answering', async () => {
  const { page } = app;
  const text = JSON.stringify(largeEstate(200, 20));
  const sandbox = page.locator('#sandbox');

  // Another control, whose click handler notes what the page has drawn so far.
  await page.evaluate(() => {
    const probe = document.createElement('button');
    probe.type = 'button';
    probe.id = 'probe';
    probe.textContent = 'probe';
    probe.addEventListener('click', () => {
      window.__probe = {
        loaded: /200 VPCs/.test(document.querySelector('#sandbox .import-status')?.textContent ?? ''),
        cards: document.querySelectorAll('#sandbox .rt-card').length,
      };
    });
    document.body.append(probe);
  });

  await page.locator('#sandbox-files').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.locator('#sandbox .import-status').filter({ hasText: '200 VPCs' }).waitFor({ timeout: 120_000 });
  assert.equal(await page.locator('#sandbox-error').textContent(), '');

  // Drawn, and the page answers: frames come and a click elsewhere is handled, with every
  // route table already in the editor.
  assert.equal(await frames(page, 5), 5);
  await page.locator('#probe').click();
  assert.deepEqual(await page.evaluate(() => window.__probe), { loaded: true, cards: 400 });

  // The diagram is a summary with the counts, not 200 laid-out boxes.
  const summary = sandbox.locator('.diagram-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /200 VPCs: too many to draw/);
  assert.match(await summary.textContent(), /800 subnets/);
  assert.equal(await sandbox.locator('.sandbox-work svg.d-svg').count(), 0);

  // The editor lists every table, closed: no route rows and no add-route forms are built yet.
  await sandbox.getByRole('tab', { name: 'Route tables' }).click();
  assert.equal(await sandbox.locator('.rt-card').count(), 400);
  assert.match(await sandbox.locator('.rt-lazy-note').textContent(), /400 route tables in 200 VPCs/);
  assert.equal(await sandbox.locator('.rt-card tbody tr').count(), 0);
  assert.equal(await sandbox.locator('form.route-add').count(), 0);

  // Opening one (by mouse) shows its routes and its add-route form, whose target list offers
  // the estate's gateways.
  const card = sandbox.locator('.rt-card[data-route-table="rtb-00000007"]');
  const toggle = card.getByRole('button', { name: 'Routes of rtb-00000007 (21)' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await card.locator('tbody tr').count(), 21);
  assert.equal(await card.locator('tr[data-destination="10.0.112.0/20"] code').first().textContent(), '10.0.112.0/20');
  const form = card.locator('form.route-add[data-route-table="rtb-00000007"]');
  assert.ok((await form.locator('select.route-target option[value="igw-00000007"]').count()) === 1, 'the target list offers the VPC gateway');
  assert.equal(await sandbox.locator('form.route-add').count(), 1, 'only the opened table has a form');

  // An edit through the opened card: the redraw keeps it open, with the new route.
  await form.getByLabel('Destination').fill('0.0.0.0/0');
  await form.getByLabel('Target', { exact: true }).selectOption('igw-00000007');
  await form.getByRole('button', { name: 'Add route' }).click();
  await card.locator('tr[data-destination="0.0.0.0/0"]').waitFor();
  assert.equal(await sandbox.locator('.rt-card[data-route-table="rtb-00000007"] tbody tr').count(), 22);
  assert.equal(await sandbox.locator('.rt-card[data-route-table="rtb-00000007"] button[aria-expanded]').getAttribute('aria-expanded'), 'true');

  // By keyboard: Enter on another table's button opens it; again closes it.
  const other = sandbox.locator('.rt-card[data-route-table="rtb-00000150p"]');
  const otherToggle = other.getByRole('button', { name: /^Routes of rtb-00000150p/ });
  await otherToggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await otherToggle.getAttribute('aria-expanded'), 'true');
  await other.locator('tr[data-destination="0.0.0.0/0"]').waitFor();
  assert.match(await other.locator('.assoc-list').textContent(), /subnet-000001500/);
  await page.keyboard.press('Enter');
  assert.equal(await otherToggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await other.locator('tbody').isHidden(), true);

  // The action forms are built when opened: the subnet form lists the 200 VPCs.
  await sandbox.getByRole('tab', { name: 'Actions' }).click();
  const action = sandbox.locator('details.action-card[data-action="create_subnet"]');
  assert.equal(await action.locator('form').count(), 0);
  await action.locator('summary').click();
  assert.equal(await action.locator('form').getByLabel('VPC', { exact: true }).locator('option').count(), 200);
  assert.equal(await frames(page, 3), 3);
  assert.deepEqual(app.problems.filter((p) => !/storage/i.test(p)), []);
});
