// Exercises solved as a learner would, through the editor's own forms and route-table controls
// (never the solution player): options chosen by their visible labels, the goals panel read until
// every goal turns green, mistakes made on the way and AWS's refusal read inline. Shows that forms
// keep what the learner chose across other actions (the ticked subnets of the SNS endpoint survive
// saving the DNS settings), show the resources' current values (DNS settings, a gateway endpoint's
// route tables, an attachment's VPC subnets), and that the transit gateway's route tables are drawn
// and edited like the console's. One exercise is solved with the keyboard alone. Screenshots of the
// editor at 1280×800 and 390×844 go to target/e2e/; at 390 px no Delete button is cut off.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, axeViolations, openApp } from './harness.mjs';

const SHOTS = path.join(ROOT, 'target/e2e');
const SOLVED = [];

let app;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

const view = (page) => page.locator('#exercises');
const goalStates = (page) => view(page).locator('.goal').evaluateAll((nodes) => nodes.map((n) => `${n.dataset.goal}=${n.dataset.passed}`));

async function openExercise(page, id) {
  await page.goto(`${app.url}#exercises/${id}`);
  await page.locator('#exercise-title').waitFor();
  await view(page).locator('.goal').first().waitFor();
  // A fresh start: nothing of an earlier run kept.
  if ((await view(page).locator('.history li:not(.note)').count()) > 0) await page.getByRole('button', { name: 'Reset', exact: true }).click();
  assert.ok((await goalStates(page)).some((s) => s.endsWith('=false')), `${id} starts solved`);
}

/** Every goal green and the Solved banner up. */
async function assertSolved(page, id) {
  await view(page).locator('.banner:not([hidden])').waitFor();
  assert.match(await view(page).locator('.banner').textContent(), /Solved/);
  const states = await goalStates(page);
  assert.ok(states.every((s) => s.endsWith('=true')), `${id}: ${states.join(', ')}`);
  SOLVED.push(id);
}

/** Picks the option of `select` whose visible text contains `text` (exactly one must). */
async function choose(select, text) {
  const values = await select.evaluate((s, t) => [...s.options].filter((o) => o.textContent.includes(t)).map((o) => o.value), text);
  assert.equal(values.length, 1, `options containing '${text}': ${values.length}`);
  await select.selectOption(values[0]);
}

/** The texts of a select's options, or of a fieldset's checkboxes. */
const optionTexts = (select) => select.evaluate((s) => [...s.options].map((o) => o.textContent));
const boxTexts = (fieldset) => fieldset.locator('label.check').evaluateAll((n) => n.map((x) => x.textContent.trim()));

/** Ticks the checkbox of `fieldset` whose label contains `text`. */
async function tick(fieldset, text) {
  const label = fieldset.locator('label.check', { hasText: text });
  assert.equal(await label.count(), 1, `boxes labelled '${text}'`);
  await label.locator('input').check();
}

async function tab(page, name) {
  await view(page).getByRole('tab', { name }).click();
}

/** Opens an action card in the Actions tab and returns its form. */
async function actionForm(page, action) {
  await tab(page, 'Actions');
  const card = view(page).locator(`details.action-card[data-action="${action}"]`);
  if (!(await card.evaluate((d) => d.open))) await card.locator('summary').click();
  return card.locator('form');
}
const field = (form, name) => form.locator(`[data-field="${name}"]`);

/** The route table card whose heading starts with `name`. */
async function tableCard(page, name) {
  await tab(page, 'Route tables');
  const card = view(page).locator('.rt-card:not(.tgw-rt-card)').filter({ has: page.locator('h4', { hasText: new RegExp(`^${name} \\(rtb-`) }) });
  assert.equal(await card.count(), 1, `route table '${name}'`);
  return card;
}

async function addRoute(card, destination, targetText) {
  const form = card.locator('form.route-add');
  await form.getByLabel('Destination').fill(destination);
  await choose(form.getByLabel('Target', { exact: true }), targetText);
  await form.getByRole('button', { name: 'Add route' }).click();
  await card.locator(`tr[data-destination="${destination}"]`).waitFor();
}

/** The transit gateway route table card named `name`. */
async function tgwCard(page, name) {
  await tab(page, 'Route tables');
  await view(page).locator('.tgw-section').waitFor();
  const card = view(page).locator('.tgw-rt-card').filter({ has: page.locator('h5', { hasText: new RegExp(`^${name} \\(tgw-rtb-`) }) });
  assert.equal(await card.count(), 1, `transit gateway route table '${name}'`);
  return card;
}

async function submitIn(form, name) {
  await form.getByRole('button', { name, exact: true }).click();
  // The form's alert stays empty when the engine accepted the action.
  const alert = form.locator('.error[role="alert"]');
  if (await alert.count()) assert.equal(await alert.first().textContent(), '', `refused: ${name}`);
}

test('public-subnet: attach the gateway, a table with its route, an instance with a public IP', async () => {
  const { page } = app;
  await openExercise(page, 'public-subnet');
  let form = await actionForm(page, 'attach_internet_gateway');
  await choose(form.getByLabel('Internet gateway'), 'VPC-1 igw');
  await choose(form.getByLabel('VPC', { exact: true }), 'VPC-1 (vpc-');
  await submitIn(form, 'Attach');

  form = await actionForm(page, 'create_route_table');
  await choose(form.getByLabel('VPC', { exact: true }), 'VPC-1 (vpc-');
  await form.getByLabel('Name tag').fill('Public');
  await submitIn(form, 'Create route table');

  const card = await tableCard(page, 'Public');
  // Only the subnets of the table's VPC, named and placed.
  const assoc = card.getByLabel('Associate subnet');
  assert.deepEqual((await optionTexts(assoc)).map((t) => t.replace(/subnet-\w+/, 'subnet-…')), ['Public-A (subnet-…) · us-east-2a · 10.0.0.0/24', 'App-A (subnet-…) · us-east-2a · 10.0.10.0/24']);
  await choose(assoc, 'Public-A');
  await card.getByRole('button', { name: 'Save associations' }).click();
  await card.locator('.assoc-list li', { hasText: 'Public-A' }).waitFor();
  await addRoute(card, '0.0.0.0/0', 'VPC-1 igw');

  form = await actionForm(page, 'launch_instance');
  await choose(form.getByLabel('Subnet', { exact: true }), 'Public-A');
  await form.getByLabel('Name tag').fill('web');
  await form.getByLabel('Auto-assign public IP').check();
  // The security groups of the chosen subnet's VPC.
  const groups = field(form, 'security_groups');
  assert.deepEqual((await boxTexts(groups)).map((t) => t.replace(/sg-\w+/, 'sg-…')).sort(), ['default (sg-…)', 'web (sg-…)']);
  await tick(groups, 'web (');
  await submitIn(form, 'Launch instance');
  await assertSolved(page, 'public-subnet');
  assert.deepEqual(app.problems, []);
});

test('nat-gateway: a NAT gateway in the public subnet, the private table routes to it', async () => {
  const { page } = app;
  await openExercise(page, 'nat-gateway');
  // A learner's mistake first: the NAT gateway in the private subnet goes nowhere.
  let form = await actionForm(page, 'create_nat_gateway');
  const subnet = form.getByLabel(/^Subnet/);
  assert.ok((await optionTexts(subnet)).every((t) => /^(Public-A|App-A) \(subnet-\w+\) · us-east-2a · 10\.0\.\d+\.0\/24$/.test(t)), (await optionTexts(subnet)).join());
  await choose(subnet, 'Public-A');
  await form.getByLabel('Name tag').fill('nat-a');
  await submitIn(form, 'Create NAT gateway');
  // The App subnet's table is the VPC's main one (no Name tag).
  await tab(page, 'Route tables');
  const card = view(page).locator('.rt-card').filter({ has: page.locator('.badge', { hasText: 'Main' }) });
  await addRoute(card, '0.0.0.0/0', 'nat-a (nat-');
  assert.match(await card.locator('tr[data-destination="0.0.0.0/0"]').textContent(), /Active/);
  await assertSolved(page, 'nat-gateway');
  assert.deepEqual(app.problems, []);
});

test('sns-interface-endpoint: ticked subnets survive saving the DNS settings; the DNS form shows the current values', async () => {
  const { page } = app;
  await openExercise(page, 'sns-interface-endpoint');

  let form = await actionForm(page, 'create_security_group');
  await choose(form.getByLabel('VPC', { exact: true }), 'VPC-1 (vpc-');
  await form.getByLabel('Security group name').fill('sns-endpoint');
  await form.getByLabel('Description').fill('HTTPS from the orders tasks');
  await submitIn(form, 'Create security group');

  // "Port range to" left empty: the same as "from" (the engine needs both for TCP).
  form = await actionForm(page, 'add_security_group_rule');
  await choose(form.getByLabel('Security group', { exact: true }), 'sns-endpoint (sg-');
  await form.getByLabel('Rule type').selectOption('ingress');
  await form.getByLabel('Protocol').selectOption('tcp');
  assert.equal(await field(form, 'to_port').locator('.optional').count(), 0, 'TCP ports are not optional');
  await form.getByLabel('Port range from').fill('443');
  await choose(form.getByLabel('or: security group'), 'orders-task (sg-');
  await submitIn(form, 'Save rule');
  // All traffic has no ports: the fields go away.
  await form.getByLabel('Protocol').selectOption('-1');
  assert.equal(await field(form, 'from_port').isHidden(), true);
  await form.getByLabel('Protocol').selectOption('tcp');

  // The endpoint: subnets of the chosen VPC only, named; ticked, then a detour.
  form = await actionForm(page, 'create_interface_endpoint');
  await choose(form.getByLabel('VPC', { exact: true }), 'VPC-1 (vpc-');
  await form.getByLabel('Service name').fill('sns');
  await form.getByLabel('Name tag').fill('SNS');
  const subnets = field(form, 'subnets');
  assert.deepEqual((await boxTexts(subnets)).map((t) => t.replace(/subnet-\w+/, 'subnet-…')), ['Public-A (subnet-…) · us-east-1a · 10.20.0.0/24', 'App-A (subnet-…) · us-east-1a · 10.20.10.0/24', 'App-B (subnet-…) · us-east-1b · 10.20.11.0/24']);
  await tick(subnets, 'App-A (');
  await tick(subnets, 'App-B (');
  await tick(field(form, 'security_groups'), 'sns-endpoint (');
  // Private DNS needs the VPC's DNS hostnames: AWS refuses, said next to the form.
  await form.getByRole('button', { name: 'Create endpoint' }).click();
  assert.match(await form.locator('.error[role="alert"]').textContent(), /DNS/i);

  // The DNS form shows the VPC's settings as they are: resolution on, hostnames off.
  const dns = await actionForm(page, 'modify_vpc_attribute');
  await choose(dns.getByLabel('VPC', { exact: true }), 'VPC-1 (vpc-');
  assert.equal(await dns.getByLabel('Enable DNS resolution').isChecked(), true);
  assert.equal(await dns.getByLabel('Enable DNS hostnames').isChecked(), false);
  await dns.getByLabel('Enable DNS hostnames').check();
  await submitIn(dns, 'Save');
  assert.equal(await (await actionForm(page, 'modify_vpc_attribute')).getByLabel('Enable DNS hostnames').isChecked(), true, 'the saved value is shown');

  // Back to the endpoint form: everything chosen is still there.
  form = await actionForm(page, 'create_interface_endpoint');
  const ticked = await field(form, 'subnets').locator('input:checked').evaluateAll((n) => n.map((x) => x.parentElement.textContent.trim().split(' (')[0]));
  assert.deepEqual(ticked, ['App-A', 'App-B']);
  assert.equal(await field(form, 'security_groups').locator('label.check', { hasText: 'sns-endpoint (' }).locator('input').isChecked(), true);
  assert.equal(await form.getByLabel('Service name').inputValue(), 'sns');
  const endpointCard = view(page).locator('details.action-card[data-action="create_interface_endpoint"]');
  await endpointCard.screenshot({ path: path.join(SHOTS, 'editor-form-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await endpointCard.screenshot({ path: path.join(SHOTS, 'editor-form-390.png') });
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await submitIn(form, 'Create endpoint');

  // The NAT gateway is no longer needed: its route, then itself.
  const app1 = await tableCard(page, 'App');
  await app1.getByRole('button', { name: /^Delete route 0\.0\.0\.0\/0/ }).click();
  assert.equal(await app1.locator('tr[data-destination="0.0.0.0/0"]').count(), 0);
  form = await actionForm(page, 'delete_nat_gateway');
  await choose(form.getByLabel('NAT gateway'), 'nat-a (nat-');
  await submitIn(form, 'Delete');
  await assertSolved(page, 'sns-interface-endpoint');
  assert.deepEqual(app.problems, []);
});

test('tgw-hub: five attachments, each associated and propagating in the hub table, by the inline controls', async () => {
  const { page } = app;
  await openExercise(page, 'tgw-hub');
  const hub = await tgwCard(page, 'hub-rt');
  assert.match(await hub.textContent(), /No attachment is associated/);
  for (const n of [1, 2, 3, 4, 5]) {
    const form = await actionForm(page, 'create_transit_gateway_attachment');
    await choose(form.getByLabel('Transit gateway'), 'hub (tgw-');
    await choose(form.getByLabel('VPC', { exact: true }), `VPC-${n} (vpc-`);
    // Only the chosen VPC's subnets, re-listed when the VPC changes.
    const subnets = field(form, 'subnets');
    assert.deepEqual((await boxTexts(subnets)).map((t) => t.split(' (')[0]), [`App-${n}A`, `App-${n}B`]);
    await tick(subnets, `App-${n}A`);
    await tick(subnets, `App-${n}B`);
    await form.getByLabel('Name tag').fill(`VPC-${n}`);
    await submitIn(form, 'Create attachment');

    const card = await tgwCard(page, 'hub-rt');
    await choose(card.getByLabel('Associate attachment'), `VPC-${n} (tgw-attach-`);
    await card.getByRole('button', { name: 'Create association' }).click();
    await choose(card.getByLabel('Propagate from attachment'), `VPC-${n} (tgw-attach-`);
    await card.getByRole('button', { name: 'Create propagation' }).click();
    const route = card.locator(`tr[data-destination="10.${n}.0.0/16"]`);
    await route.waitFor();
    assert.equal(await route.getAttribute('data-kind'), 'propagated');
    assert.match(await route.textContent(), new RegExp(`VPC-${n} \\(tgw-attach-.*Propagated.*Active`));

    // The VPC's own table sends the other VPCs to the transit gateway.
    const vpcTable = view(page).locator('.rt-card:not(.tgw-rt-card)').filter({ has: page.locator('.rt-card__vpc', { hasText: `VPC-${n} (vpc-` }) });
    await addRoute(vpcTable, '10.0.0.0/8', 'hub (tgw-');
  }
  const hubNow = await tgwCard(page, 'hub-rt');
  assert.equal(await hubNow.locator('h6', { hasText: 'Associations (5)' }).count(), 1);
  assert.equal(await hubNow.locator('h6', { hasText: 'Propagations (5)' }).count(), 1);
  // The attachments table names each attachment's subnets.
  assert.match(await view(page).locator('.tgw-section tr[data-attachment]').first().textContent(), /App-\dA \(subnet-\w+\) · us-east-1a/);
  await assertSolved(page, 'tgw-hub');
  assert.deepEqual(app.problems, []);
});

test('tgw-segmentation: a spokes table, associations moved, Shared propagated; a static and a blackhole route come and go', async () => {
  const { page } = app;
  await openExercise(page, 'tgw-segmentation');
  const form = await actionForm(page, 'create_transit_gateway_route_table');
  await choose(form.getByLabel('Transit gateway'), 'core (tgw-');
  await form.getByLabel('Name tag').fill('spokes');
  await submitIn(form, 'Create');

  let spokes = await tgwCard(page, 'spokes');
  // An attachment is associated with one table: AWS refuses a second association.
  await choose(spokes.getByLabel('Associate attachment'), 'Dev (tgw-attach-');
  await spokes.getByRole('button', { name: 'Create association' }).click();
  assert.match(await spokes.locator('.error[role="alert"]').textContent(), /associat/i);

  const defaultTable = view(page).locator('.tgw-rt-card').filter({ has: page.locator('.badge', { hasText: 'Default association' }) });
  for (const name of ['Dev', 'Prod']) {
    const row = defaultTable.locator('tr[data-attachment]', { hasText: `${name} (tgw-attach-` }).first();
    await row.getByRole('button', { name: /^Delete the association/ }).click();
    spokes = await tgwCard(page, 'spokes');
    await choose(spokes.getByLabel('Associate attachment'), `${name} (tgw-attach-`);
    await spokes.getByRole('button', { name: 'Create association' }).click();
    assert.equal(await spokes.locator('.error[role="alert"]').textContent(), '');
  }
  spokes = await tgwCard(page, 'spokes');
  await choose(spokes.getByLabel('Propagate from attachment'), 'Shared (tgw-attach-');
  await spokes.getByRole('button', { name: 'Create propagation' }).click();
  await spokes.locator('tr[data-destination="10.0.0.0/16"][data-kind="propagated"]').waitFor();
  await assertSolved(page, 'tgw-segmentation');

  // A static route to an attachment and a blackhole: shown with their type and state, then deleted.
  const add = spokes.locator('form[data-tgw-form="route"]');
  await add.getByLabel('CIDR').fill('10.99.0.0/16');
  await choose(add.getByLabel('Attachment'), 'Shared (tgw-attach-');
  await add.getByRole('button', { name: 'Create static route' }).click();
  let row = spokes.locator('tr[data-destination="10.99.0.0/16"]');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-kind'), 'static');
  assert.match(await row.textContent(), /Shared \(tgw-attach-.*Static.*Active/);
  await add.getByLabel('CIDR').fill('10.98.0.0/16');
  await add.getByLabel('Blackhole').check();
  assert.equal(await add.getByLabel('Attachment').isDisabled(), true);
  await add.getByRole('button', { name: 'Create static route' }).click();
  row = spokes.locator('tr[data-destination="10.98.0.0/16"]');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-state'), 'blackhole');
  assert.match(await row.textContent(), /Static.*Blackhole/);
  // Propagated routes have no Delete; static ones do.
  assert.equal(await spokes.locator('tr[data-kind="propagated"] button').count(), 0);
  for (const cidr of ['10.99.0.0/16', '10.98.0.0/16']) {
    await spokes.locator(`tr[data-destination="${cidr}"]`).getByRole('button', { name: 'Delete' }).click();
    assert.equal(await spokes.locator(`tr[data-destination="${cidr}"]`).count(), 0);
  }
  assert.equal((await goalStates(page)).every((s) => s.endsWith('=true')), true);
  // No control is missing its place: a table whose Add route form is not allowed here shows no
  // stray text where it would be.
  const stray = await view(page).locator('.route-tables').evaluate((root) => [...root.querySelectorAll('.rt-card')].flatMap((c) => [...c.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()).map((n) => n.textContent)));
  assert.deepEqual(stray, []);
  const serious = (await axeViolations(page, { withImpact: true })).filter((v) => /^(serious|critical)/.test(v));
  assert.deepEqual(serious, [], 'axe on the transit gateway tables');

  // Screenshots of the transit gateway tables, wide and narrow (the sticky exercise header,
  // which would be drawn over an element's shot, is let scroll away).
  await page.evaluate(() => {
    document.querySelector('#exercises .exercise-head').style.position = 'static';
    window.scrollTo(0, 0);
  });
  await view(page).locator('.tgw-section').screenshot({ path: path.join(SHOTS, 'editor-tgw-1280.png') });
  await page.screenshot({ path: path.join(SHOTS, 'editor-tgw-1280-full.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await view(page).locator('.tgw-section').screenshot({ path: path.join(SHOTS, 'editor-tgw-390.png') });
    assert.deepEqual(await clippedButtons(page), [], 'buttons cut off at 390 px');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 390px: ${await wider(page)}`);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  assert.deepEqual(app.problems, []);
});

/** The elements that reach past the right edge of the window. */
function wider(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className?.baseVal ?? e.className} ${e.dataset.key ?? ''}`)
      .join(', '),
  );
}

/** Buttons of the Route tables tab whose box is not wholly inside their scrolling table's box. */
function clippedButtons(page) {
  return page.evaluate(() => {
    const out = [];
    for (const b of document.querySelectorAll('#exercises .route-tables .table-wrap button')) {
      const box = b.getBoundingClientRect();
      const wrap = b.closest('.table-wrap').getBoundingClientRect();
      if (box.right > wrap.right + 0.5 || box.left < wrap.left - 0.5) out.push(`${b.getAttribute('aria-label') ?? b.textContent} (${Math.round(box.left)}–${Math.round(box.right)} of ${Math.round(wrap.left)}–${Math.round(wrap.right)})`);
    }
    return out;
  });
}

test('peer-default-vpc at 390 px: the route tables fit, every Delete visible; the history says "1 route"', async () => {
  const { page } = app;
  await openExercise(page, 'peer-default-vpc');
  let form = await actionForm(page, 'request_peering');
  await choose(form.getByLabel('VPC ID (Requester)'), 'VPC-1 (vpc-');
  await choose(form.getByLabel('VPC ID (Accepter)'), 'default VPC (vpc-');
  await submitIn(form, 'Create peering connection');
  // A route to the pending peering first (a blackhole), then the acceptance turns it active.
  const vpc1 = view(page).locator('.rt-card').filter({ has: page.locator('.rt-card__vpc', { hasText: 'VPC-1 (vpc-' }) });
  await tab(page, 'Route tables');
  await addRoute(vpc1, '172.31.0.0/16', 'pending-acceptance');
  assert.match(await vpc1.locator('tr[data-destination="172.31.0.0/16"]').textContent(), /Blackhole/);
  form = await actionForm(page, 'accept_peering');
  await choose(form.getByLabel('Peering connection'), 'pending-acceptance');
  await submitIn(form, 'Accept request');
  assert.match(await view(page).locator('.history li').last().textContent(), /\(1 route now active\)/);
  const other = view(page).locator('.rt-card').filter({ has: page.locator('.rt-card__vpc', { hasText: 'default VPC (vpc-' }) });
  await tab(page, 'Route tables');
  await addRoute(other, '10.1.0.0/16', 'VPC-1 ↔ default VPC');
  await assertSolved(page, 'peer-default-vpc');

  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await tab(page, 'Route tables');
    assert.deepEqual(await clippedButtons(page), [], 'buttons cut off at 390 px');
    await view(page).locator('.route-tables').screenshot({ path: path.join(SHOTS, 'editor-routes-390.png') });
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await view(page).locator('.route-tables').screenshot({ path: path.join(SHOTS, 'editor-routes-1280.png') });
  assert.deepEqual(app.problems, []);
});

/** What has focus: tag, key, label text, checked. */
function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { tag: 'body' };
    const label = e.labels?.[0]?.textContent ?? e.getAttribute('aria-label') ?? e.textContent ?? '';
    return { tag: e.tagName.toLowerCase(), role: e.getAttribute('role'), key: e.dataset?.key ?? null, text: label.trim().slice(0, 120), checked: e.checked ?? null };
  });
}

async function tabTo(page, want, what, { back = false, limit = 120 } = {}) {
  const seen = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    seen.push(`${f.tag}[${f.key ?? ''}] ${f.text}`);
    if (want(f)) return f;
  }
  assert.fail(`${what} not reached; passed: ${seen.slice(-8).join(' | ')}`);
}

test('s3-gateway-endpoint with the keyboard alone; the manage form lists only what applies', async () => {
  const { page } = app;
  await openExercise(page, 's3-gateway-endpoint');
  await page.locator('#exercise-title').focus();
  await tabTo(page, (f) => f.role === 'tab', 'the tab list');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused(page)).text, 'Actions');
  await tabTo(page, (f) => f.tag === 'summary' && /Create gateway endpoint/.test(f.text), 'the gateway endpoint form');
  await page.keyboard.press('Enter');
  // VPC: the only one; Service: S3 (the first); then the route tables, ticked with Space.
  let f = await tabTo(page, (x) => x.key === 'create_gateway_endpoint:vpc', 'the VPC');
  assert.match(await page.locator('[data-key="create_gateway_endpoint:vpc"]').evaluate((s) => s.selectedOptions[0].textContent), /^VPC-1 \(vpc-/);
  f = await tabTo(page, (x) => x.key === 'create_gateway_endpoint:service', 'the service');
  assert.equal(await page.locator('[data-key="create_gateway_endpoint:service"]').inputValue(), 's3');
  f = await tabTo(page, (x) => x.tag === 'input' && /^App \(rtb-/.test(x.text), 'the App route table');
  await page.keyboard.press('Space');
  assert.equal((await focused(page)).checked, true);
  await tabTo(page, (x) => x.key === 'create_gateway_endpoint:name', 'the name');
  await page.keyboard.type('S3 for App');
  await tabTo(page, (x) => x.key === 'create_gateway_endpoint:submit', 'the Create button');
  await page.keyboard.press('Enter');
  await assertSolved(page, 's3-gateway-endpoint');
  assert.equal((await focused(page)).key, 'create_gateway_endpoint:submit', 'focus stays on the button');

  // Manage the endpoint's tables: remove lists only App, add lists only the VPC's other tables.
  const form = await actionForm(page, 'modify_gateway_endpoint');
  assert.deepEqual((await boxTexts(field(form, 'remove_route_tables'))).map((t) => t.split(' (')[0]), ['App']);
  assert.deepEqual((await boxTexts(field(form, 'add_route_tables'))).map((t) => t.split(' (')[0]).sort(), ['Public', 'VPC-1 main']);
  assert.deepEqual(app.problems, []);
});

test('a reload keeps every exercise solved here', async () => {
  const { page } = app;
  assert.ok(SOLVED.length >= 5, `only ${SOLVED.length} solved: ${SOLVED.join()}`);
  // Reloaded where the learner is (a reload from the list could cut short a prefetch of an
  // exercise under the pointer), then to the list by its link.
  await page.reload();
  await view(page).locator('.goal').first().waitFor();
  assert.ok((await goalStates(page)).every((st) => st.endsWith('=true')));
  await page.goto(`${app.url}#exercises`);
  await page.locator('.exercise-item').first().waitFor();
  for (const id of SOLVED) assert.match(await page.locator(`.exercise-item[data-exercise="${id}"]`).textContent(), /Solved/, id);
  await page.goto(`${app.url}#exercises/tgw-hub`);
  await view(page).locator('.goal').first().waitFor();
  assert.ok((await goalStates(page)).every((s) => s.endsWith('=true')));
  assert.equal(await (await tgwCard(page, 'hub-rt')).locator('h6', { hasText: 'Associations (5)' }).count(), 1);
  assert.deepEqual(app.problems, []);
});

test('a transit gateway with many route tables: each card opens on demand, stays open over an edit', async () => {
  const { page } = app;
  const owner = '111122223333';
  const tgw = 'tgw-0000000000000000a';
  const tables = Array.from({ length: 14 }, (_, i) => `tgw-rtb-${String(i).padStart(17, '0')}`);
  const doc = {
    AccountId: owner,
    Region: 'us-east-1',
    TransitGateways: [{ TransitGatewayId: tgw, OwnerId: owner, State: 'available', Options: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' }, Tags: [{ Key: 'Name', Value: 'big' }] }],
    TransitGatewayRouteTables: tables.map((id, i) => ({ TransitGatewayRouteTableId: id, TransitGatewayId: tgw, State: 'available', DefaultAssociationRouteTable: false, DefaultPropagationRouteTable: false, Tags: [{ Key: 'Name', Value: `segment-${i}` }] })),
  };
  await page.goto(`${app.url}#sandbox`);
  await page.getByLabel('Paste AWS CLI JSON').fill(JSON.stringify(doc));
  await page.getByRole('button', { name: 'Load JSON' }).click();
  const sandbox = page.locator('#sandbox');
  await sandbox.getByRole('tab', { name: 'Route tables' }).click();
  await sandbox.locator('.tgw-section').waitFor();
  const cards = sandbox.locator('.tgw-rt-card');
  assert.equal(await cards.count(), 14);
  // Closed: a toggle with the counts, no table built.
  assert.equal(await sandbox.locator('.tgw-rt-card table').count(), 0);
  const card = () => sandbox.locator(`.tgw-rt-card[data-tgw-route-table="${tables[3]}"]`);
  await card().getByRole('button', { name: /Associations \(0\)/ }).click();
  await card().locator('form[data-tgw-form="route"]').waitFor();
  const form = card().locator('form[data-tgw-form="route"]');
  await form.getByLabel('CIDR').fill('192.0.2.0/24');
  await form.getByLabel('Blackhole').check();
  await form.getByRole('button', { name: 'Create static route' }).click();
  // The engine answers from its worker; the card is drawn again, still open, with the route.
  await card().locator('tr[data-destination="192.0.2.0/24"][data-state="blackhole"]').waitFor();
  assert.equal(await sandbox.locator('.tgw-rt-card form[data-tgw-form="route"]').count(), 1, 'only the opened card is built');
  await card().getByRole('button', { name: 'Close' }).click();
  assert.equal(await card().locator('table').count(), 0);
  assert.deepEqual(app.problems, []);
});
