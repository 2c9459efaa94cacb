// The sandbox's engine runs in a Web Worker (www/ui/sandbox-worker.js): a large estate (here a
// generated one of about 4 MB of AWS CLI JSON, 200 VPCs and 24,000 routes) is imported without
// freezing the page. Behavioural checks, not a timing budget: while the worker is busy (the import
// section says so), animation frames keep coming and a click on another control is handled; then
// the estate is drawn and can be traced, and a refused action comes back as a message.

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

/** `vpcs` VPCs in 10.0.0.0/8, each with 4 subnets, a main table of `routes` routes and an instance. */
function largeEstate(vpcs, routes) {
  const doc = { AccountId: '111122223333', Region: 'us-east-1', Vpcs: [], Subnets: [], RouteTables: [], SecurityGroups: [], Reservations: [{ OwnerId: '111122223333', Instances: [] }] };
  for (let i = 0; i < vpcs; i += 1) {
    const vpc = `vpc-${String(i).padStart(8, '0')}`;
    const base = `10.${Math.floor(i / 16)}.${(i % 16) * 16}`;
    doc.Vpcs.push({ VpcId: vpc, OwnerId: '111122223333', CidrBlock: `${base}.0/20`, Tags: [{ Key: 'Name', Value: `vpc ${i}` }] });
    for (let s = 0; s < 4; s += 1) {
      doc.Subnets.push({ SubnetId: `subnet-${String(i).padStart(8, '0')}${s}`, VpcId: vpc, OwnerId: '111122223333', CidrBlock: `10.${Math.floor(i / 16)}.${(i % 16) * 16 + s}.0/24`, AvailabilityZone: `us-east-1${'abc'[s % 3]}` });
    }
    const table = [{ DestinationCidrBlock: `${base}.0/20`, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }];
    for (let r = 0; r < routes; r += 1) {
      table.push({ DestinationCidrBlock: `192.168.${r % 256}.${(Math.floor(r / 256) * 16) % 256}/28`, VpcPeeringConnectionId: 'pcx-deleted', Origin: 'CreateRoute', State: 'blackhole' });
    }
    doc.RouteTables.push({ RouteTableId: `rtb-${String(i).padStart(8, '0')}`, VpcId: vpc, OwnerId: '111122223333', Associations: [{ Main: true }], Routes: table });
    const sg = `sg-${String(i).padStart(8, '0')}`;
    doc.SecurityGroups.push({ GroupId: sg, GroupName: 'open', VpcId: vpc, OwnerId: '111122223333', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }], IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
    doc.Reservations[0].Instances.push({ InstanceId: `i-${String(i).padStart(8, '0')}`, VpcId: vpc, SubnetId: `subnet-${String(i).padStart(8, '0')}1`, PrivateIpAddress: `10.${Math.floor(i / 16)}.${(i % 16) * 16 + 1}.10`, SecurityGroups: [{ GroupId: sg }], State: { Name: 'running' } });
  }
  return doc;
}

test('a large estate loads in the worker while the page keeps answering', async () => {
  const { page } = app;
  const text = JSON.stringify(largeEstate(200, 120));
  assert.ok(text.length > 3e6, `${text.length} bytes`);

  // Another control, whose click handler notes whether the sandbox was still busy.
  await page.evaluate(() => {
    const probe = document.createElement('button');
    probe.type = 'button';
    probe.id = 'probe';
    probe.textContent = 'probe';
    probe.addEventListener('click', () => {
      window.__probe = { busy: document.querySelector('#sandbox .import')?.getAttribute('aria-busy') === 'true', loaded: /200 VPCs/.test(document.querySelector('#sandbox .import-status')?.textContent ?? '') };
    });
    document.body.append(probe);
  });

  await page.locator('#sandbox-files').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const busy = page.locator('#sandbox .import-busy');
  await busy.waitFor({ state: 'visible' });
  assert.match(await busy.textContent(), /Importing 3\.\d MB|Importing [4-9]\.\d MB|Drawing/);

  // While the worker imports: frames keep coming…
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let n = 0;
        const stillBusy = () => document.querySelector('#sandbox .import')?.getAttribute('aria-busy') === 'true';
        const tick = () => {
          n += 1;
          if (n >= 5 || !stillBusy()) resolve({ n, busy: stillBusy() });
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
  assert.deepEqual(frames, { n: 5, busy: true }, 'five animation frames while the worker is still importing');
  // …and a click elsewhere is handled before the estate is loaded.
  await page.locator('#probe').click();
  assert.deepEqual(await page.evaluate(() => window.__probe), { busy: true, loaded: false });

  await page.locator('#sandbox .import-status').filter({ hasText: '200 VPCs' }).waitFor({ timeout: 120_000 });
  assert.equal(await page.locator('#sandbox-error').textContent(), '');
  assert.equal(await busy.isHidden(), true);
  assert.equal(await page.locator('#sandbox .import').getAttribute('aria-busy'), 'false');

  // The worker answers questions about the estate: a trace between two VPCs that do not route
  // to each other is blocked, with the engine's code.
  const sandbox = page.locator('#sandbox');
  await sandbox.getByRole('tab', { name: 'Trace' }).click();
  const panel = sandbox.locator('.trace-panel');
  await panel.getByLabel('From', { exact: true }).selectOption('i-00000000');
  await panel.getByLabel('To', { exact: true }).selectOption('i-00000150');
  await panel.getByRole('button', { name: 'Trace' }).click();
  await panel.locator('.trace-result[data-reachable="false"]').waitFor();
  assert.match(await panel.locator('.trace-result').textContent(), /NO_ROUTE|no route/i);

  // A refused action comes back from the worker as AWS's message, shown to the learner.
  await page.evaluate(() => {
    document.querySelector('#sandbox-error').textContent = '';
  });
  await sandbox.getByRole('tab', { name: 'Actions' }).click();
  const card = sandbox.locator('details.action-card[data-action="create_subnet"]');
  await card.locator('summary').click();
  const form = card.locator('form');
  await form.getByLabel('VPC', { exact: true }).selectOption({ index: 1 });
  await form.getByLabel('IPv4 subnet CIDR block').fill('172.16.0.0/24');
  await form.getByLabel('Availability Zone').fill('us-east-1a');
  await form.getByRole('button', { name: 'Create subnet' }).click();
  await page.locator('#sandbox-error').filter({ hasText: /InvalidSubnet\.Range/ }).waitFor();
  assert.deepEqual(app.problems.filter((p) => !/storage/i.test(p)), []);
});

/** Starts the sandbox's worker script in the page, asks it `engine` and ends it. */
function askEngine(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const w = new Worker(new URL('www/ui/sandbox-worker.js', document.baseURI), { type: 'module' });
        const done = (f, v) => {
          w.terminate();
          f(v);
        };
        w.addEventListener('message', (e) => {
          if (e.data?.id !== 1 || e.data.progress != null) return;
          if (e.data.ok) done(resolve, e.data.result);
          else done(reject, new Error(e.data.error?.message));
        });
        w.addEventListener('error', (e) => done(reject, new Error(e.message || 'worker error')));
        w.postMessage({ id: 1, op: 'engine' });
      }),
  );
}

test("the sandbox's worker runs the engine built for speed, and the page's module without it", async () => {
  const { page } = app;
  // www/pkg/fast/ (profile release-fast, opt-level 3), not the page's size build.
  assert.deepEqual(await askEngine(page), { module: 'fast', build: 'opt-level=3' });
  // The page itself loads the size build.
  const pageBuild = await page.evaluate(async () => {
    const m = await import(new URL('www/pkg/vpclab_wasm.js', document.baseURI).href);
    await m.default();
    return m.engineBuild();
  });
  assert.equal(pageBuild, 'opt-level=z');

  // Without the fast build (a 404 here), the worker falls back to the page's module.
  const fast = '**/www/pkg/fast/vpclab_wasm.js';
  await page.route(fast, (route) => route.fulfill({ status: 404, body: 'not found' }));
  try {
    const fallback = await askEngine(page);
    assert.equal(fallback.module, 'page');
    assert.equal(fallback.build, 'opt-level=z');
    assert.match(fallback.fallback, /vpclab_wasm\.js|import|fetch/i);
  } finally {
    await page.unroute(fast);
  }
  const unexpected = app.problems.filter((p) => !/storage/i.test(p) && !/\/www\/pkg\/fast\/vpclab_wasm\.js/.test(p));
  assert.deepEqual(unexpected, []);
});
