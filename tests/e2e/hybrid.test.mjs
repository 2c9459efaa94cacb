// A Site-to-Site VPN and a Direct Connect gateway in the page, as an engineer builds them in the
// sandbox by the forms: a virtual private gateway attached to the VPC (drawn on its edge), a
// customer gateway (a private address first: refused, saying a public IPv4 is needed), a static
// VPN connection with a route to the on-premises network, route propagation in the main table
// (the propagated route shown, without a Delete button), a static route to the gateway by the
// route-table editor, and a Direct Connect gateway associated with the vgw. Screenshots in
// target/e2e/hybrid-*.png. A reload keeps it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, openApp } from './harness.mjs';

const SHOTS = path.join(ROOT, 'target/e2e');
const VPC = 'vpc-0a1b2c3d4e5f60718';
const RTB = 'rtb-0a1b2c3d4e5f60718';

const ESTATE = {
  AccountId: '111122223333',
  Region: 'us-east-1',
  Vpcs: [{ VpcId: VPC, CidrBlock: '10.0.0.0/16', OwnerId: '111122223333', Tags: [{ Key: 'Name', Value: 'app' }] }],
  Subnets: [{ SubnetId: 'subnet-0a1b2c3d4e5f60718', VpcId: VPC, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a', Tags: [{ Key: 'Name', Value: 'private' }] }],
  RouteTables: [
    {
      RouteTableId: RTB,
      VpcId: VPC,
      Associations: [{ Main: true }],
      Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }],
      Tags: [{ Key: 'Name', Value: 'main' }],
    },
  ],
};

let app;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

const sandbox = (page) => page.locator('#sandbox');

async function actionForm(page, action) {
  await sandbox(page).getByRole('tab', { name: 'Actions' }).click();
  const card = sandbox(page).locator(`details.action-card[data-action="${action}"]`);
  if (!(await card.evaluate((d) => d.open))) await card.locator('summary').click();
  return card.locator('form');
}

/** Picks the option of `select` whose text contains `text` (exactly one must). */
async function choose(select, text) {
  const values = await select.evaluate((s, t) => [...s.options].filter((o) => o.textContent.includes(t)).map((o) => o.value), text);
  assert.equal(values.length, 1, `options containing '${text}': ${values.length}`);
  await select.selectOption(values[0]);
}

function routeRow(page, destination, text) {
  return sandbox(page).locator(`.rt-card[data-route-table="${RTB}"] tr[data-destination="${destination}"]`, { hasText: text });
}

test('a VPN by the forms: vgw attached, a private customer address refused, static routes propagated; a Direct Connect gateway associated', async () => {
  const { page } = app;
  await page.goto(`${app.url}#sandbox`);
  await page.locator('#sandbox-title').waitFor();
  await page.getByLabel('Paste AWS CLI JSON').fill(JSON.stringify(ESTATE));
  await page.getByRole('button', { name: 'Load JSON' }).click();
  await sandbox(page).locator('.d-vpc').first().waitFor();

  let form = await actionForm(page, 'create_vpn_gateway');
  await form.getByLabel(/^Name tag/).fill('to-dc');
  await form.getByRole('button', { name: 'Create virtual private gateway' }).click();
  form = await actionForm(page, 'attach_vpn_gateway');
  await choose(form.getByLabel(/^Virtual private gateway/), 'to-dc');
  await form.getByLabel(/^VPC/).selectOption(VPC);
  await form.getByRole('button', { name: 'Attach to VPC' }).click();
  const vgw = sandbox(page).locator('.d-gw--virtual_private_gateway');
  await vgw.waitFor();
  assert.match(await vgw.textContent(), /VGW to-dc/);

  // Mistake: the device's private address. AWS needs the public one.
  form = await actionForm(page, 'create_customer_gateway');
  await form.getByLabel(/^IP address/).fill('192.168.1.1');
  await form.getByLabel(/^Name tag/).fill('dc1');
  await form.getByRole('button', { name: 'Create customer gateway' }).click();
  const refused = page.locator('#sandbox-error, #sandbox details[data-action="create_customer_gateway"] .error[role="alert"]').filter({ hasText: /InvalidParameterValue/ });
  await refused.first().waitFor();
  assert.match(await refused.first().textContent(), /public IPv4/);
  await page.screenshot({ path: path.join(SHOTS, 'hybrid-refused-1280.png') });
  form = await actionForm(page, 'create_customer_gateway');
  await form.getByLabel(/^IP address/).fill('203.0.113.12');
  await form.getByLabel(/^Name tag/).fill('dc1');
  await form.getByRole('button', { name: 'Create customer gateway' }).click();

  form = await actionForm(page, 'create_vpn_connection');
  await choose(form.getByLabel(/^Customer gateway/), 'dc1');
  await choose(form.getByLabel(/^Target: virtual private gateway/), 'to-dc');
  await form.getByLabel(/static \(not BGP\)/).check();
  await form.getByLabel(/^Name tag/).fill('to-dc-vpn');
  await form.getByRole('button', { name: 'Create VPN connection' }).click();
  form = await actionForm(page, 'create_vpn_connection_route');
  await choose(form.getByLabel(/^VPN connection/), 'to-dc-vpn');
  await form.getByLabel(/^On-premises IPv4 CIDR/).fill('192.168.0.0/16');
  await form.getByRole('button', { name: 'Add route' }).click();

  form = await actionForm(page, 'enable_vgw_route_propagation');
  await form.getByLabel(/^Route table/).selectOption(RTB);
  await choose(form.getByLabel(/^Virtual private gateway/), 'to-dc');
  await form.getByRole('button', { name: 'Enable propagation' }).click();

  // The propagated route, in the main table, with no Delete button.
  await sandbox(page).getByRole('tab', { name: 'Route tables' }).click();
  const propagated = routeRow(page, '192.168.0.0/16', 'vgw-');
  await propagated.waitFor();
  assert.match(await propagated.textContent(), /Yes/);
  assert.equal(await propagated.getByRole('button', { name: /Delete/ }).count(), 0);

  // A static route to the gateway by the editor, to it by its name.
  const add = sandbox(page).locator(`.rt-card[data-route-table="${RTB}"] form.route-add`);
  await add.getByLabel('Destination').fill('172.16.0.0/12');
  const target = add.getByLabel('Target', { exact: true });
  const option = await target.locator('option', { hasText: 'to-dc (vgw-' }).getAttribute('value');
  await target.selectOption(option);
  await add.getByRole('button', { name: 'Add route' }).click();
  await routeRow(page, '172.16.0.0/12', 'Active').waitFor();

  form = await actionForm(page, 'create_direct_connect_gateway');
  await form.getByLabel(/^Name/).fill('dx');
  await form.getByRole('button', { name: 'Create Direct Connect gateway' }).click();
  form = await actionForm(page, 'create_direct_connect_gateway_association');
  await choose(form.getByLabel(/^Direct Connect gateway/), 'dx (');
  await choose(form.getByLabel(/^Virtual private gateway/), 'to-dc');
  await form.getByRole('button', { name: 'Associate gateway' }).click();
  form = await actionForm(page, 'delete_direct_connect_gateway_association');
  await choose(form.getByLabel(/^Association/), 'dx ↔ vgw-');
  await page.screenshot({ path: path.join(SHOTS, 'hybrid-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, 'hybrid-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.reload();
  await page.locator('#sandbox-title').waitFor();
  await sandbox(page).locator('.d-gw--virtual_private_gateway').waitFor();
  await sandbox(page).getByRole('tab', { name: 'Route tables' }).click();
  await routeRow(page, '192.168.0.0/16', 'vgw-').waitFor();
  assert.deepEqual(app.problems.filter((p) => !/storage/i.test(p)), []);
});
