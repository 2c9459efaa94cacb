// Hostile input in Chromium: an estate whose every free-text field (Tags' keys and values, names,
// descriptions) and every resource id carries a script-injection payload is pasted into the
// sandbox and driven through each view (diagram, route tables, actions, trace, cost with a price
// table whose source link is javascript:, validate, the three downloads, a share link opened
// again); exercise and sandbox share links and fragments carry payloads too. No payload may run:
// every payload would set window.__pwned, and the test also watches for dialogs, Content-Security-
// Policy violations (the page's meta CSP), attributes that run script (on*, javascript: links)
// and console errors. The payloads must be shown as text. The policy itself is checked first.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, openApp } from './harness.mjs';

const SNAPSHOT = path.join(ROOT, 'tests/fixtures/batfish/test-vpc-peering/aws_configs');

/** Payloads, each setting window.__pwned if it ever ran; `#n` makes each one unique. */
const KINDS = [
  (n) => `<img src=x onerror="window.__pwned=(window.__pwned||0)+1">#${n}`,
  (n) => `<script>window.__pwned=1</script>#${n}`,
  (n) => `javascript:window.__pwned=1//#${n}`,
  (n) => `<svg onload="window.__pwned=1"></svg>#${n}`,
  (n) => `"></text><img src=x onerror=window.__pwned=1>#${n}`,
  (n) => `'); window.__pwned=1; ('<iframe src="javascript:window.parent.__pwned=1">#${n}`,
];
let counter = 0;
const payload = () => {
  counter += 1;
  return KINDS[counter % KINDS.length](counter);
};
const ID_PAYLOAD = '"><img src=x onerror=window.__pwned=1>';
const ID = /^(vpc|subnet|rtb|sg|i|eni|pcx|acl|igw|eipalloc|eipassoc|rtbassoc|aclassoc|dopt|vpc-cidr-assoc|subnet-cidr-assoc|r)-[0-9a-f]{8,17}$/;

/**
 * The Batfish snapshot test-vpc-peering as one document, with payloads in every Tags list (keys
 * and values), every Description, GroupName and KeyName, and after every resource id.
 */
function hostileEstate() {
  const ids = new Map();
  const walk = (v, key) => {
    if (Array.isArray(v)) {
      if (key === 'Tags') return [{ Key: 'Name', Value: payload() }, { Key: payload(), Value: payload() }];
      return v.map((x) => walk(x, key));
    }
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (typeof v === 'string') {
      if (['Description', 'GroupName', 'KeyName'].includes(key)) return payload();
      if (ID.test(v)) {
        if (!ids.has(v)) ids.set(v, `${v}${ID_PAYLOAD}`);
        return ids.get(v);
      }
    }
    return v;
  };
  const doc = { AccountId: '554773406868', Region: 'us-east-2' };
  for (const f of readdirSync(SNAPSHOT).filter((f) => f.endsWith('.json'))) {
    Object.assign(doc, walk(JSON.parse(readFileSync(path.join(SNAPSHOT, f), 'utf8'))));
  }
  return doc;
}

/** A share-link fragment for `state` (the page's "j" form: base64url of the JSON). */
const shareFragment = (state) => `#share/j${Buffer.from(JSON.stringify({ v: 1, ...state })).toString('base64url')}`;

let app;
const dialogs = [];

before(async () => {
  app = await openApp({ viewport: { width: 1280, height: 900 } });
  // Injected by the browser (not the page): CSP does not apply to it, and it sees the page load.
  await app.page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  app.page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
});

after(async () => {
  await app?.close();
});

/** Asserts that nothing ran: no flag, no dialog, no CSP violation, no script-running markup. */
async function assertNothingRan(page, where) {
  const found = await page.evaluate(() => {
    const bad = [];
    for (const node of document.querySelectorAll('*')) {
      for (const a of node.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${node.tagName} ${a.name}`);
        if (/^(href|src|xlink:href|action|formaction)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) bad.push(`${node.tagName} ${a.name}=${a.value}`);
      }
    }
    for (const node of document.querySelectorAll('img, iframe, object, embed, script:not([src])')) bad.push(`element ${node.tagName}`);
    return { pwned: window.__pwned ?? null, csp: window.__csp ?? null, bad };
  });
  assert.equal(found.pwned, null, `${where}: a payload ran`);
  assert.deepEqual(found.csp, [], `${where}: CSP violations`);
  assert.deepEqual(found.bad, [], `${where}: script-running markup in the page`);
  assert.deepEqual(dialogs, [], `${where}: dialogs`);
  assert.deepEqual(app.problems, [], `${where}: console errors`);
}

async function tab(page, name) {
  await page.locator('#sandbox').getByRole('tab', { name }).click();
}

/** Picks option `index` of a select that has at least that many. */
async function pickOption(select, index) {
  const value = await select.evaluate((s, i) => s.options[Math.min(i, s.options.length - 1)]?.value ?? null, index);
  assert.ok(value != null, 'the select has no options');
  await select.selectOption(value);
}

test("the page's Content-Security-Policy allows its own origin only, no inline script or style, no eval", async () => {
  const { page } = app;
  await page.goto(`${app.url}#exercises`);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((w) => w[0]).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  for (const [name, sources] of Object.entries(directives)) {
    for (const source of sources) {
      assert.ok(["'self'", "'none'", "'wasm-unsafe-eval'"].includes(source), `${name} allows ${source}`);
    }
  }
  // No inline style or script in the markup the page is served with (the CSSOM may set styles).
  const html = await (await fetch(app.url)).text();
  assert.deepEqual(html.match(/\sstyle\s*=|<style\b|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=/gi), null);
  await assertNothingRan(page, 'start');
});

test('a hostile estate pasted into the sandbox is shown as text in every view', async () => {
  const { page } = app;
  await page.goto(`${app.url}#sandbox`);
  await page.locator('#sandbox-title').waitFor();
  const estate = hostileEstate();
  await page.getByLabel('Paste AWS CLI JSON').fill(JSON.stringify(estate));
  await page.getByRole('button', { name: 'Load JSON', exact: true }).click();
  await page.locator('.import-status').filter({ hasText: '3 VPCs' }).waitFor();
  assert.equal(await page.locator('#sandbox-error').textContent(), '');
  assert.equal(await page.locator('#sandbox .d-vpc').count(), 3);
  await assertNothingRan(page, 'diagram');
  // The diagram names things by their Name tag (shortened when long) and by their ids.
  const diagram = await page.locator('#sandbox .sandbox-work svg').first().textContent();
  assert.match(diagram, /<img src=x onerror|<script>|<svg onload|javascript:|"><\/text>|'\); window/);

  await tab(page, 'Route tables');
  const routes = await page.locator('#sandbox').innerText();
  assert.ok(routes.includes(`rtb-`) && routes.includes(ID_PAYLOAD), 'route tables show the ids literally');
  await assertNothingRan(page, 'route tables');

  await tab(page, 'Actions');
  for (const summary of await page.locator('#sandbox details.action-card summary').all()) await summary.click();
  const actions = await page.locator('#sandbox details.action-card').first().innerText();
  assert.ok(actions.length > 0);
  await assertNothingRan(page, 'actions');

  await tab(page, 'Trace');
  const panel = page.locator('#sandbox .trace-panel');
  await pickOption(panel.getByLabel('From', { exact: true }), 0);
  await pickOption(panel.getByLabel('To', { exact: true }), 2);
  await panel.getByRole('button', { name: 'Trace' }).click();
  await panel.locator('.trace-result').waitFor();
  assert.ok((await panel.locator('.trace-result').textContent()).includes(ID_PAYLOAD), 'the trace names hops by their ids, literally');
  await assertNothingRan(page, 'trace');

  await tab(page, 'Cost');
  const cost = page.locator('#sandbox .cost-panel, #sandbox [class*="cost"]').first();
  await cost.waitFor();
  // A price table of the learner's own whose source is a javascript: URL and whose title is a payload.
  const prices = page.locator('#sandbox').getByLabel('Price table JSON: change any price and apply');
  assert.equal(await prices.count(), 1);
  if (!(await prices.isVisible())) await page.locator('#sandbox details:has(textarea) > summary').first().click();
  const table = JSON.parse(await prices.inputValue());
  table.source = { url: 'javascript:window.__pwned=1', title: KINDS[0](999) };
  await prices.fill(JSON.stringify(table));
  await page.locator('#sandbox').getByRole('button', { name: 'Use these prices' }).click();
  await page.locator('#sandbox').getByText(KINDS[0](999)).first().waitFor();
  await assertNothingRan(page, 'cost');

  await tab(page, 'Validate');
  await assertNothingRan(page, 'validate');

  for (const name of ['Download JSON', 'Changes as AWS CLI', 'Changes as Terraform']) {
    const button = page.locator('#sandbox').getByRole('button', { name, exact: true });
    if (!(await button.isVisible())) continue;
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.ok(await download.path());
  }
  await assertNothingRan(page, 'downloads');

  // The estate travels in a share link, and comes back the same, as text.
  await page.locator('#sandbox').getByRole('button', { name: 'Share link' }).click();
  const url = await page.locator('#sandbox-share-url').inputValue();
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator('.import-status').filter({ hasText: '3 VPCs' }).waitFor();
  assert.equal(await page.locator('#sandbox .d-vpc').count(), 3);
  await assertNothingRan(page, 'sandbox share link');
});

test('exercise links and share links with payloads in every field are refused as text', async () => {
  const { page } = app;
  const bad = KINDS[0](1000);
  await page.goto(`${app.url}#exercises/${encodeURIComponent(bad)}`);
  await page.locator('#exercises .error').first().waitFor();
  assert.ok((await page.locator('#exercises .error').first().textContent()).includes(bad), 'the unknown id is quoted literally');
  await assertNothingRan(page, 'exercise fragment');

  const states = [
    { kind: 'exercise', id: bad, state: JSON.stringify({ format: 'vpclab-workspace', version: 1, exercise: bad, actions: [] }) },
    {
      kind: 'exercise',
      id: 'peer-default-vpc',
      state: JSON.stringify({ format: 'vpclab-workspace', version: 1, exercise: 'peer-default-vpc', actions: [{ action: 'create_route', route_table: KINDS[1](1001), destination: KINDS[3](1002), target: KINDS[4](1003) }] }),
    },
    { kind: 'sandbox', state: JSON.stringify({ format: KINDS[2](1004), version: 1, documents: [hostileEstate()], actions: [{ action: KINDS[5](1005) }] }) },
    { kind: KINDS[0](1006), id: KINDS[1](1007), state: KINDS[3](1008), documents: KINDS[4](1009) },
  ];
  for (const state of states) {
    await page.goto('about:blank');
    await page.goto(`${app.url}${shareFragment(state)}`);
    await page.waitForFunction(() => document.querySelector('#main > section:not([hidden])') && !location.hash.startsWith('#share/'));
    await page.waitForLoadState('networkidle');
    await assertNothingRan(page, `share link ${state.kind}`);
  }
  // The refused actions are reported with their text, as text.
  await page.goto('about:blank');
  await page.goto(`${app.url}${shareFragment(states[1])}`);
  // A link whose work does not load is a bad link (nothing stored), its reason quoted as text.
  const refused = page.locator('#main > .bad-link').filter({ hasText: /does not load here/ });
  await refused.waitFor();
  assert.ok((await refused.textContent()).includes('<script>'), 'the refusal quotes the payload');
  await assertNothingRan(page, 'refused share link');
});

test('a progress file and damaged storage entries with payloads in their names are shown as text', async () => {
  const { page } = app;
  await page.goto(`${app.url}#sandbox`);
  await page.locator('#sandbox-title').waitFor();
  const name = KINDS[3](2001);
  const id = KINDS[0](2002);
  const documents = JSON.stringify([hostileEstate()]);
  const at = new Date().toISOString();
  const file = {
    format: 'vpclab-progress',
    version: 2,
    solved: { [id]: at },
    work: { [id]: { at, state: KINDS[1](2003) } },
    sandbox: null,
    designs: { [name]: { at, documents } },
  };
  await page.locator('#progress-file').setInputFiles({ name: `${KINDS[4](2004)}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.locator('#progress-status').filter({ hasText: /^Loaded / }).waitFor();
  assert.ok((await page.locator('#progress-status').textContent()).includes(KINDS[4](2004)), 'the file name is shown literally');
  await page.locator('#sandbox-title').waitFor();
  await page.getByLabel('Paste AWS CLI JSON').fill(JSON.stringify(hostileEstate()));
  await page.getByRole('button', { name: 'Load JSON', exact: true }).click();
  await page.locator('.import-status').filter({ hasText: '3 VPCs' }).waitFor();
  await tab(page, 'Cost');
  const options = await page.locator('#sandbox').getByLabel('Compare this design with').locator('option').allTextContents();
  assert.ok(options.includes(`saved: ${name}`), options.join(' | '));
  await page.locator('#sandbox').getByLabel('Compare this design with').selectOption({ label: `saved: ${name}` });
  await assertNothingRan(page, 'imported progress');

  // A damaged entry whose key carries a payload: the note names it, as text.
  await page.evaluate((k) => localStorage.setItem(`vpclab/design/${k}`, '<img src=x onerror=window.__pwned=1>'), name);
  await page.reload();
  await page.locator('.storage-notice').waitFor();
  assert.ok((await page.locator('.storage-notice').textContent()).includes(`your saved design '${name}'`));
  await assertNothingRan(page, 'storage notice');
});
