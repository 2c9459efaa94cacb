// IPv6 in the page, as an engineer meets it in the sandbox: a VPC given an Amazon-provided /56,
// a subnet a /64 of it (a /65 first: refused, the sizes AWS takes named), an egress-only internet
// gateway, and a ::/0 route to it through the route-table editor; the diagram draws the gateway on
// the VPC's edge. Screenshots at 1280×800 and 390×844 in target/e2e/ipv6-*.png. A reload keeps it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, openApp } from './harness.mjs';

const SHOTS = path.join(ROOT, 'target/e2e');
const VPC = 'vpc-0a1b2c3d4e5f60718';
const SUBNET = 'subnet-0a1b2c3d4e5f60718';
const RTB = 'rtb-0a1b2c3d4e5f60718';

const ESTATE = {
  AccountId: '111122223333',
  Region: 'us-east-1',
  Vpcs: [{ VpcId: VPC, CidrBlock: '10.0.0.0/16', OwnerId: '111122223333', Tags: [{ Key: 'Name', Value: 'dual' }] }],
  Subnets: [{ SubnetId: SUBNET, VpcId: VPC, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a', Tags: [{ Key: 'Name', Value: 'app' }] }],
  RouteTables: [
    {
      RouteTableId: RTB,
      VpcId: VPC,
      Associations: [{ Main: true }],
      Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }],
      Tags: [{ Key: 'Name', Value: 'main' }],
    },
  ],
  NetworkAcls: [
    {
      NetworkAclId: 'acl-0a1b2c3d4e5f60718',
      VpcId: VPC,
      IsDefault: true,
      Entries: [
        { RuleNumber: 100, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 32767, Egress: false, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 32767, Egress: true, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' },
      ],
    },
  ],
  SecurityGroups: [
    {
      GroupId: 'sg-0a1b2c3d4e5f60718',
      GroupName: 'default',
      Description: 'default VPC security group',
      VpcId: VPC,
      IpPermissions: [],
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
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

/** Waits until the route table's card shows a row for `destination` with `text` in it. */
function routeRow(page, destination, text) {
  return sandbox(page).locator(`.rt-card[data-route-table="${RTB}"] tr[data-destination="${destination}"]`, { hasText: text });
}

test('a dual-stack VPC by the forms: a /56, a /64 (a /65 refused first), an egress-only gateway and its ::/0 route', async () => {
  const { page } = app;
  await page.goto(`${app.url}#sandbox`);
  await page.locator('#sandbox-title').waitFor();
  await page.getByLabel('Paste AWS CLI JSON').fill(JSON.stringify(ESTATE));
  await page.getByRole('button', { name: 'Load JSON' }).click();
  await sandbox(page).locator('.d-vpc').first().waitFor();

  let form = await actionForm(page, 'associate_vpc_ipv6_cidr');
  await form.getByLabel('VPC', { exact: true }).selectOption(VPC);
  await form.getByRole('button', { name: 'Add IPv6 block' }).click();
  // Every route table of the VPC gets the block's local route.
  await sandbox(page).getByRole('tab', { name: 'Route tables' }).click();
  await routeRow(page, '2600:1f18::/56', 'local').waitFor();
  // The VPC is named with both its blocks.
  await sandbox(page).locator('.vpc-heading', { hasText: 'dual (vpc-0a1b2c3d4e5f60718) · 10.0.0.0/16, 2600:1f18::/56' }).waitFor();

  // Mistake: a /65 (AWS takes /44 to /64 in steps of 4): refused, in words that say what is valid.
  form = await actionForm(page, 'associate_subnet_ipv6_cidr');
  await form.getByLabel('Subnet', { exact: true }).selectOption(SUBNET);
  await form.getByLabel(/^IPv6 CIDR/).fill('2600:1f18:0:1::/65');
  await form.getByRole('button', { name: 'Add IPv6 block' }).click();
  const refused = page.locator('#sandbox-error, #sandbox details[data-action="associate_subnet_ipv6_cidr"] .error[role="alert"]').filter({ hasText: /InvalidSubnet\.Range/ });
  await refused.first().waitFor();
  assert.match(await refused.first().textContent(), /\/64/);
  await page.screenshot({ path: path.join(SHOTS, 'ipv6-refused-1280.png') });
  form = await actionForm(page, 'associate_subnet_ipv6_cidr');
  await form.getByLabel('Subnet', { exact: true }).selectOption(SUBNET);
  await form.getByLabel(/^IPv6 CIDR/).fill('2600:1f18:0:1::/64');
  await form.getByRole('button', { name: 'Add IPv6 block' }).click();

  form = await actionForm(page, 'create_egress_only_internet_gateway');
  await form.getByLabel('VPC', { exact: true }).selectOption(VPC);
  await form.getByLabel('Name tag').fill('out6');
  await form.getByRole('button', { name: 'Create gateway' }).click();
  // Drawn on the VPC's edge.
  const eigw = sandbox(page).locator('.d-gw--egress_only_internet_gateway');
  await eigw.waitFor();
  assert.match(await eigw.textContent(), /EIGW out6/);

  // The ::/0 route in the route-table editor, to the gateway by its name.
  await sandbox(page).getByRole('tab', { name: 'Route tables' }).click();
  const add = sandbox(page).locator(`.rt-card[data-route-table="${RTB}"] form.route-add`);
  await add.getByLabel('Destination').fill('::/0');
  const target = add.getByLabel('Target', { exact: true });
  const option = await target.locator('option', { hasText: 'out6 (eigw-' }).getAttribute('value');
  await target.selectOption(option);
  await add.getByRole('button', { name: 'Add route' }).click();
  await routeRow(page, '::/0', 'Active').waitFor();

  // An instance with an IPv6 address, by the launch form, then traced over IPv6 to the internet.
  form = await actionForm(page, 'launch_instance');
  await form.getByLabel('Subnet', { exact: true }).selectOption(SUBNET);
  await form.getByLabel('Name tag').fill('web6');
  await form.getByLabel('Assign an IPv6 address').check();
  await form.getByRole('button', { name: 'Launch instance' }).click();
  await sandbox(page).getByRole('tab', { name: 'Trace' }).click();
  const panel = sandbox(page).locator('.trace-panel');
  await panel.getByLabel('IP version').selectOption('6');
  const from = panel.getByLabel('From', { exact: true });
  const web6 = await from.locator('option', { hasText: 'web6' }).getAttribute('value');
  assert.match(await from.locator(`option[value="${web6}"]`).textContent(), /2600:1f18:0:1::4/);
  await from.selectOption(web6);
  await panel.getByLabel('To', { exact: true }).selectOption('2001:db8::20');
  await panel.getByRole('button', { name: 'Trace' }).click();
  await panel.locator('.trace-result[data-reachable="true"]').waitFor();
  assert.ok(await panel.locator('.hop[data-at^="eigw-"]').count() >= 2);

  // An IPv6-only subnet. Mistake first: IPv6-only ticked with an IPv4 block still given.
  form = await actionForm(page, 'create_subnet');
  await form.getByLabel('VPC', { exact: true }).selectOption(VPC);
  await form.getByLabel(/^IPv4 subnet CIDR block/).fill('10.0.2.0/24');
  await form.getByLabel('Availability Zone').fill('us-east-1b');
  await form.getByLabel(/^IPv6 CIDR block/).fill('2600:1f18:0:2::/64');
  await form.getByLabel('IPv6-only (no IPv4 block)').check();
  await form.getByRole('button', { name: 'Create subnet' }).click();
  const combination = page.locator('#sandbox-error, #sandbox details[data-action="create_subnet"] .error[role="alert"]').filter({ hasText: /InvalidParameterCombination/ });
  await combination.first().waitFor();
  assert.match(await combination.first().textContent(), /leave the IPv4 CIDR empty/);
  form = await actionForm(page, 'create_subnet');
  await form.getByLabel(/^IPv4 subnet CIDR block/).fill('');
  await form.getByRole('button', { name: 'Create subnet' }).click();
  // Drawn with its IPv6 block.
  await sandbox(page).locator('.d-subnet', { hasText: '2600:1f18:0:2::/64' }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'ipv6-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, 'ipv6-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The sandbox keeps it over a reload.
  await page.reload();
  await page.locator('#sandbox-title').waitFor();
  await sandbox(page).locator('.d-gw--egress_only_internet_gateway').waitFor();
  await sandbox(page).getByRole('tab', { name: 'Route tables' }).click();
  await routeRow(page, '::/0', 'Active').waitFor();
  assert.deepEqual(app.problems.filter((p) => !/storage/i.test(p)), []);
});

/** A dual-stack estate with an instance holding an IPv6 address, a ::/0 route to an egress-only
 *  gateway, and a static VPN to 192.168.0.0/16 propagated into the table. */
const TRACED = {
  ...ESTATE,
  Vpcs: [{ ...ESTATE.Vpcs[0], Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: '2600:1f18::/56', Ipv6CidrBlockState: { State: 'associated' } }] }],
  Subnets: [{ ...ESTATE.Subnets[0], Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: '2600:1f18::/64', Ipv6CidrBlockState: { State: 'associated' } }] }],
  RouteTables: [
    {
      ...ESTATE.RouteTables[0],
      PropagatingVgws: [{ GatewayId: 'vgw-0a1b2c3d4e5f60718' }],
      Routes: [
        ...ESTATE.RouteTables[0].Routes,
        { DestinationIpv6CidrBlock: '2600:1f18::/56', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
        { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-0a1b2c3d4e5f60718', Origin: 'CreateRoute', State: 'active' },
      ],
    },
  ],
  NetworkAcls: [
    {
      ...ESTATE.NetworkAcls[0],
      Entries: [
        ...ESTATE.NetworkAcls[0].Entries,
        { RuleNumber: 101, Egress: false, Protocol: '-1', RuleAction: 'allow', Ipv6CidrBlock: '::/0' },
        { RuleNumber: 101, Egress: true, Protocol: '-1', RuleAction: 'allow', Ipv6CidrBlock: '::/0' },
      ],
    },
  ],
  SecurityGroups: [
    {
      ...ESTATE.SecurityGroups[0],
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] }],
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] }],
    },
  ],
  EgressOnlyInternetGateways: [{ EgressOnlyInternetGatewayId: 'eigw-0a1b2c3d4e5f60718', Attachments: [{ State: 'attached', VpcId: VPC }] }],
  Reservations: [
    {
      OwnerId: '111122223333',
      Instances: [
        {
          InstanceId: 'i-0a1b2c3d4e5f60718',
          VpcId: VPC,
          SubnetId: SUBNET,
          PrivateIpAddress: '10.0.1.10',
          Ipv6Address: '2600:1f18::10',
          State: { Name: 'running' },
          SecurityGroups: [{ GroupId: 'sg-0a1b2c3d4e5f60718' }],
          Tags: [{ Key: 'Name', Value: 'web' }],
        },
      ],
    },
  ],
  VpnGateways: [{ VpnGatewayId: 'vgw-0a1b2c3d4e5f60718', State: 'available', Type: 'ipsec.1', VpcAttachments: [{ VpcId: VPC, State: 'attached' }] }],
  CustomerGateways: [{ CustomerGatewayId: 'cgw-0a1b2c3d4e5f60718', IpAddress: '203.0.113.12', BgpAsn: '65000', State: 'available' }],
  VpnConnections: [
    {
      VpnConnectionId: 'vpn-0a1b2c3d4e5f60718',
      CustomerGatewayId: 'cgw-0a1b2c3d4e5f60718',
      VpnGatewayId: 'vgw-0a1b2c3d4e5f60718',
      State: 'available',
      Options: { StaticRoutesOnly: true },
      Routes: [{ DestinationCidrBlock: '192.168.0.0/16', State: 'available' }],
    },
  ],
};

test('traces over IPv6 and to on premises: out through the egress-only gateway, no way in, a VPN', async () => {
  // A browser of its own: the first test left its estate in this one's storage.
  const fresh = await openApp({ server: app.server, viewport: { width: 1280, height: 800 } });
  try {
    await tracedFlows(fresh);
  } finally {
    await fresh.close();
  }
});

async function tracedFlows(app) {
  const { page } = app;
  await page.goto(`${app.url}#sandbox`);
  await page.locator('#sandbox-title').waitFor();
  await page.getByLabel('Paste AWS CLI JSON').fill(JSON.stringify(TRACED));
  await page.getByRole('button', { name: 'Load JSON' }).click();
  await sandbox(page).locator('.d-vpc').first().waitFor();
  await sandbox(page).getByRole('tab', { name: 'Trace' }).click();
  const panel = sandbox(page).locator('.trace-panel');
  // The estate holds an IPv6 address: the IP version picker shows.
  const family = panel.getByLabel('IP version');
  await family.waitFor();
  await family.selectOption('6');
  // The instance is offered by its IPv6 address.
  const from = panel.getByLabel('From', { exact: true });
  assert.match(await from.locator('option[value="i-0a1b2c3d4e5f60718"]').textContent(), /2600:1f18::10/);
  await from.selectOption('i-0a1b2c3d4e5f60718');
  await panel.getByLabel('To', { exact: true }).selectOption('2001:db8::20');
  await panel.getByLabel('Port').fill('443');
  await panel.getByRole('button', { name: 'Trace' }).click();
  await panel.locator('.trace-result[data-reachable="true"]').waitFor();
  assert.ok(await panel.locator('.hop[data-at="eigw-0a1b2c3d4e5f60718"]').count() >= 2, 'out and back through the egress-only gateway');

  // The learner's mistake: expecting the internet to connect in over IPv6.
  await from.selectOption('2001:db8::10');
  await panel.getByLabel('To', { exact: true }).selectOption('i-0a1b2c3d4e5f60718');
  await panel.getByLabel('Port').fill('22');
  await panel.getByRole('button', { name: 'Trace' }).click();
  await panel.locator('.trace-result[data-reachable="false"]').waitFor();
  assert.match(await panel.locator('.trace-result').textContent(), /egress-only internet gateway[\s\S]*never a connection from the internet/);
  await page.screenshot({ path: path.join(SHOTS, 'ipv6-trace-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, 'ipv6-trace-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Over IPv4 to on premises: the propagated route sends it to the VPN.
  await family.selectOption('4');
  await from.selectOption('i-0a1b2c3d4e5f60718');
  await panel.getByLabel('To', { exact: true }).selectOption('ip');
  await panel.getByLabel('Destination IP address').fill('192.168.1.10');
  await panel.getByRole('button', { name: 'Trace' }).click();
  await panel.locator('.trace-result[data-reachable="true"]').waitFor();
  assert.match(await panel.locator('.trace-result').textContent(), /out of AWS over VPN connection vpn-0a1b2c3d4e5f60718/);
  await page.screenshot({ path: path.join(SHOTS, 'vpn-trace-1280.png'), fullPage: true });
  // The route table shows the propagated route, without a Delete button.
  await sandbox(page).getByRole('tab', { name: 'Route tables' }).click();
  const propagated = routeRow(page, '192.168.0.0/16', 'vgw-0a1b2c3d4e5f60718');
  await propagated.waitFor();
  assert.equal(await propagated.getByRole('button', { name: /Delete/ }).count(), 0);
  assert.deepEqual(app.problems.filter((p) => !/storage/i.test(p)), []);
}
