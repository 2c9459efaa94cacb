// Work is never lost, in Chromium, with a reload after every path: a classmate's share link
// opened over a solved exercise keeps the learner's own work aside (saved, listed after a reload,
// brought back, removed); the sandbox does the same for a share link and for an import over an
// estate; a progress file bringing newer work keeps the older aside; and a damaged, cut-short or
// unloadable share link is said in words (never the browser's atob text), as a bad link, not as
// "saved progress could not be read", and touches no saved work.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, axeViolations, openApp } from './harness.mjs';

const EX1 = 'peer-default-vpc';
const SHOTS = path.join(ROOT, 'target/e2e');

let app;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

const historyLength = (page) => page.locator('#exercises .history li:not(.note)').count();
const storage = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
const keptKeys = async (page, prefix) => Object.keys(await storage(page)).filter((k) => k.startsWith(prefix));
const shareFragment = (state) => `#share/j${Buffer.from(JSON.stringify({ v: 1, ...state })).toString('base64url')}`;

async function openExercise(page, id) {
  await page.goto(`${app.url}#exercises/${id}`);
  await page.locator('#exercise-title').waitFor();
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
}

/** The panels' modules the page fetches once an exercise is shown (a reload before would abort them). */
const panelsFetched = (page) =>
  page.waitForFunction(() => ['trace.js', 'cost.js'].every((m) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(`/ui/${m}`))));

/**
 * What a shown page fetches once idle: the panels' modules, and with the list shown the first
 * exercise not yet solved (warmed for the next click).
 */
const idleFetched = (page) =>
  page.waitForFunction(() => {
    const names = performance.getEntriesByType('resource').map((r) => r.name);
    const panels = ['trace.js', 'cost.js'].every((m) => names.some((n) => n.endsWith(`/ui/${m}`)));
    const list = !document.querySelector('#exercises .exercise-view:not([hidden])');
    return panels && (!list || names.some((n) => /\/exercises\/(?!list\.json)[^/]+\.json$/.test(n)));
  });

async function reloadExercise(page) {
  await panelsFetched(page);
  await page.reload();
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
}

async function playSteps(page, n) {
  const panel = page.locator('#exercises .solution-panel');
  const reveal = panel.getByRole('button', { name: 'Reveal the solution' });
  if (await reveal.isVisible()) await reveal.click();
  for (let i = 0; i < n; i += 1) await panel.getByRole('button', { name: 'Play the next step' }).click();
}

/** Empties the storage (from the app's origin, once the page is quiet), then opens `hash` afresh. */
async function fresh(page, hash = '#exercises') {
  await page.goto(`${app.url}#cidr`);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => localStorage.clear());
  await page.goto('about:blank');
  await page.goto(`${app.url}${hash}`);
}

test("a classmate's share link keeps the learner's solved work aside, saved: it survives a reload, comes back, and can be removed", async () => {
  const { page } = app;
  await fresh(page);
  await openExercise(page, EX1);
  await playSteps(page, 4);
  await page.locator('#exercises .banner').filter({ hasText: 'Solved!' }).waitFor();
  const own = JSON.parse((await storage(page))[`vpclab/work/${EX1}`]).data;

  // The classmate, in another browser, one step in, shares a link.
  const other = await openApp({ server: app.server, viewport: { width: 1280, height: 800 } });
  let link;
  try {
    await openExercise(other.page, EX1);
    await playSteps(other.page, 1);
    await other.page.getByRole('button', { name: 'Share link' }).click();
    link = await other.page.locator('#share-url').inputValue();
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }

  await page.goto(link);
  await page.locator('#exercises .callout--info:not([hidden])').filter({ hasText: 'kept aside' }).waitFor();
  assert.equal(await historyLength(page), 1, "the classmate's state is shown");
  const kept = page.locator('#exercises .kept');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Your work before you opened a share link · 4 actions/);
  // Saved, byte for byte, not only in memory.
  const keys = await keptKeys(page, `vpclab/kept/work/${EX1}/`);
  assert.equal(keys.length, 1);
  assert.equal(JSON.parse((await storage(page))[keys[0]]).data.state, own);

  // After a reload the offer is still there, and the shared work is the saved work.
  await reloadExercise(page);
  assert.equal(await historyLength(page), 1);
  await kept.waitFor();
  assert.match(await kept.textContent(), /before you opened a share link · 4 actions/);
  const serious = (await axeViolations(page, { withImpact: true })).filter((v) => /^(serious|critical)/.test(v));
  assert.deepEqual(serious, [], 'the kept-aside list is accessible');
  await kept.screenshot({ path: path.join(SHOTS, 'kept-aside-1280.png') });

  await kept.getByRole('button', { name: /^Bring back: Your work before you opened a share link/ }).click();
  await page.locator('#exercises .banner').filter({ hasText: 'Solved!' }).waitFor();
  assert.equal(await historyLength(page), 4);
  // The classmate's work is kept aside in its turn: bringing back loses nothing either.
  assert.match(await kept.textContent(), /Your work before you brought back an earlier copy · 1 action/);
  assert.doesNotMatch(await kept.textContent(), /opened a share link/);
  await reloadExercise(page);
  assert.equal(await historyLength(page), 4);
  assert.equal(JSON.parse((await storage(page))[`vpclab/work/${EX1}`]).data.includes('"from_share_link"'), false, 'the own work, not the shared');

  // Removing asks first; Keep it changes nothing, Remove it deletes, for good (after a reload too).
  await kept.getByRole('button', { name: /^Remove:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove this kept copy?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  assert.equal((await keptKeys(page, 'vpclab/kept/')).length, 1);
  await kept.getByRole('button', { name: /^Remove:/ }).click();
  await dialog.getByRole('button', { name: 'Remove it' }).click();
  await kept.waitFor({ state: 'hidden' });
  assert.deepEqual(await keptKeys(page, 'vpclab/kept/'), []);
  await reloadExercise(page);
  assert.equal(await kept.count(), 0);
  assert.equal(await historyLength(page), 4);
  assert.deepEqual(app.problems, []);
});

const doc = (cidr) => JSON.stringify({ AccountId: '111122223333', Region: 'us-east-1', Vpcs: [{ VpcId: 'vpc-1', CidrBlock: cidr }] });

async function paste(page, text) {
  await page.getByLabel('Paste AWS CLI JSON').fill(text);
  await page.getByRole('button', { name: 'Load JSON', exact: true }).click();
}

const vpcShown = (page, cidr) => page.locator('#sandbox .d-vpc', { hasText: cidr }).waitFor();

async function reloadSandbox(page, cidr) {
  await page.reload();
  await vpcShown(page, cidr);
}

test('the sandbox keeps its estate aside when another is imported over it or a share link opened, over reloads', async () => {
  const { page } = app;
  await fresh(page, '#sandbox');
  await page.locator('#sandbox-title').waitFor();
  await paste(page, doc('10.1.0.0/16'));
  await vpcShown(page, '10.1.0.0/16');
  assert.equal(await page.locator('#sandbox .kept').count(), 0, 'nothing to keep aside yet');

  // An import over it: the earlier estate is kept aside, saved.
  await paste(page, doc('10.2.0.0/16'));
  await vpcShown(page, '10.2.0.0/16');
  const kept = page.locator('#sandbox .kept');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Your estate before you imported another estate · 1 VPC, no changes · kept /);
  await reloadSandbox(page, '10.2.0.0/16');
  await kept.waitFor();
  await kept.getByRole('button', { name: /^Bring back/ }).click();
  await vpcShown(page, '10.1.0.0/16');
  await reloadSandbox(page, '10.1.0.0/16');
  assert.match(await kept.textContent(), /Your estate before you brought back an earlier copy/);

  // A share link: the shared estate is shown and saved; the own one kept aside.
  const shared = JSON.stringify({ format: 'vpclab-workspace', version: 1, documents: [JSON.parse(doc('10.3.0.0/16'))], actions: [] });
  await page.goto('about:blank');
  await page.goto(`${app.url}${shareFragment({ kind: 'sandbox', state: shared })}`);
  await vpcShown(page, '10.3.0.0/16');
  await page.locator('#sandbox .callout--info:not([hidden])').filter({ hasText: 'kept aside' }).waitFor();
  await reloadSandbox(page, '10.3.0.0/16');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Your estate before you opened a share link/);
  await kept.getByRole('button', { name: /^Bring back: Your estate before you opened a share link/ }).click();
  await vpcShown(page, '10.1.0.0/16');
  await reloadSandbox(page, '10.1.0.0/16');
  assert.equal(await page.locator('#sandbox .d-vpc').count(), 1);
  assert.deepEqual(app.problems, []);
});

test('a progress file bringing newer work keeps the older work here aside', async () => {
  const { page } = app;
  await fresh(page);
  await openExercise(page, EX1);
  await playSteps(page, 2);
  const mine = JSON.parse((await storage(page))[`vpclab/work/${EX1}`]).data;
  const theirs = JSON.stringify({ format: 'vpclab-workspace', version: 1, exercise: EX1, actions: JSON.parse(mine).actions.slice(0, 1) });
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const file = { format: 'vpclab-progress', version: 2, solved: {}, work: { [EX1]: { at: future, state: theirs } }, sandbox: null, designs: {} };
  await page.locator('#progress-file').setInputFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.locator('#progress-status').filter({ hasText: /work on 1 exercise\..*was kept aside/ }).waitFor();
  await openExercise(page, EX1);
  assert.equal(await historyLength(page), 1);
  const kept = page.locator('#exercises .kept');
  await kept.waitFor();
  assert.match(await kept.textContent(), /before a progress file brought newer work · 2 actions/);
  await reloadExercise(page);
  await kept.getByRole('button', { name: /^Bring back/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('#exercises .history li:not(.note)').length === 2);
  await reloadExercise(page);
  assert.equal(await historyLength(page), 2);
  assert.deepEqual(app.problems, []);
});

test('a cut-short, garbled or unloadable share link is a bad link, said in words; no saved work changes', async () => {
  const { page } = app;
  await fresh(page);
  await openExercise(page, EX1);
  await playSteps(page, 2);
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('#share-url').inputValue();
  const before = await storage(page);
  const payload = link.split('#share/')[1];
  const refused = { kind: 'exercise', id: EX1, state: JSON.stringify({ format: 'vpclab-workspace', version: 1, exercise: EX1, actions: [{ action: 'accept_peering', peering: 'pcx-0nothere' }] }) };
  const cases = [
    // Cut short by one character: a base64 length atob refuses.
    [`#share/${payload.slice(0, 1 + 4 * (Math.floor((payload.length - 1) / 4) - 1) + 1)}`, /damaged or incomplete/],
    [`#share/${payload.slice(0, Math.floor(payload.length / 2))}`, /damaged or incomplete/],
    ['#share/j%%%%', /damaged or incomplete/],
    ['#share/zAAAA-not-deflate', /damaged or incomplete/],
    [shareFragment(refused), /does not load here.*Ask the person who sent it/],
    [shareFragment({ kind: 'exercise', id: 'no-such-exercise', state: '{}' }), /an exercise this site does not have/],
  ];
  for (const [fragment, words] of cases) {
    // Leaving a page while it still fetches (a lazy module, the next exercise) aborts the fetch,
    // which the harness counts as a failed request: leave it once those are here.
    await idleFetched(page);
    await page.goto('about:blank');
    await page.goto(`${app.url}${fragment}`);
    const alert = page.locator('#main > .bad-link[role="alert"]');
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, words, fragment);
    assert.match(text, /Ask the person who sent it|ask the person who sent it/, fragment);
    assert.doesNotMatch(text, /atob|Failed to execute|InvalidCharacterError|not correctly encoded/, fragment);
    // The note gets the focus (once the page has loaded: the browser settles focus then).
    await page.waitForFunction(() => document.activeElement?.classList.contains('bad-link'));
    assert.ok(page.url().endsWith('#exercises'), page.url());
    if (fragment === cases[0][0]) await page.screenshot({ path: path.join(SHOTS, 'bad-share-link-1280.png') });
    // Not a storage problem: no "saved progress could not be read" note, now or after a reload.
    assert.equal(await page.locator('.storage-notice:not([hidden])').count(), 0, fragment);
    await idleFetched(page);
    await page.reload();
    await page.locator('.exercise-item').first().waitFor();
    await page.locator('#progress-file').waitFor({ state: 'attached' });
    assert.equal(await page.locator('.storage-notice:not([hidden])').count(), 0, fragment);
    assert.deepEqual(await storage(page), before, `${fragment}: saved work untouched`);
  }
  await openExercise(page, EX1);
  assert.equal(await historyLength(page), 2);
  assert.deepEqual(app.problems, []);
});
