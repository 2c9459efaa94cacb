// The playground in Debian's Chromium, served under a sub-path: exercise 1 (peer VPC-1 with the
// default VPC) solved with clicks and typing, the one-sided-route mistake explained and its
// failing hop marked on the diagram, progress kept over a reload, undo/redo, a share link opened
// in a fresh browser, axe-core on every panel, and screenshots at 1280×800 and 390×844 in
// target/e2e/. Any console error, page error or failed request fails the run.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, axeViolations, openApp } from './harness.mjs';

const EX1 = 'peer-default-vpc';
const VPC1_MAIN = 'rtb-00ed00402fb9aca4c';
const DEFAULT_MAIN = 'rtb-084815080e17a7bee';
const SHOTS = path.join(ROOT, 'target/e2e');

let app;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

/** Serious and critical axe violations only (the brief's bar); minor ones are reported too. */
async function seriousViolations(page) {
  const all = await axeViolations(page, { withImpact: true });
  return all.filter((v) => v.startsWith('serious') || v.startsWith('critical'));
}

const goal = (page, id) => page.locator(`.goal[data-goal="${id}"]`);
const goalStates = (page) =>
  page.locator('.goal').evaluateAll((nodes) => nodes.map((n) => `${n.dataset.goal}=${n.dataset.passed}`));

async function openExercise(page, id) {
  await page.goto(`${app.url}#exercises/${id}`);
  await page.locator('#exercise-title').waitFor();
  await page.locator('.goal').first().waitFor();
}

/** Picks the option of `select` whose text contains `text`. */
async function choose(select, text) {
  const value = await select.evaluate((s, t) => [...s.options].find((o) => o.textContent.includes(t))?.value ?? null, text);
  assert.ok(value != null, `no option containing '${text}'`);
  await select.selectOption(value);
}

async function tab(page, name) {
  await page.getByRole('tab', { name }).click();
}

/** Opens an action card in the Actions tab and returns its form. */
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

test('the exercise list shows the exercises and the progress', async () => {
  const { page } = app;
  await page.goto(app.url);
  await page.locator('.exercise-item').first().waitFor();
  assert.ok(page.url().includes('/some/sub/path/'), page.url());
  assert.equal(await page.locator('#tools a[aria-current="page"]').textContent(), 'Exercises');
  const ids = await page.locator('.exercise-item').evaluateAll((n) => n.map((x) => x.dataset.exercise));
  assert.ok(ids.length >= 3, `only ${ids.length} exercises listed`);
  assert.ok(ids.includes(EX1), `${EX1} not listed`);
  assert.match(await page.locator('.progress-text').textContent(), /^0 of \d+ solved$/);
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: path.join(SHOTS, 'exercises-1280.png'), fullPage: true });
  assert.deepEqual(app.problems, []);
});

test('every exercise opens from the list, drawn, with its goals not all met at the start', async () => {
  const { page } = app;
  await page.goto(`${app.url}#exercises`);
  const ids = await page.locator('.exercise-item').evaluateAll((n) => n.map((x) => x.dataset.exercise));
  for (const id of ids) {
    await page.goto(`${app.url}#exercises`);
    await page.locator(`.exercise-item[data-exercise="${id}"] a`).click();
    await page.locator('.goal').first().waitFor();
    assert.ok(page.url().endsWith(`#exercises/${id}`), page.url());
    assert.ok((await page.locator('#exercises .d-vpc').count()) >= 1, `${id}: no VPC drawn`);
    assert.ok((await goalStates(page)).some((st) => st.endsWith('=false')), `${id} starts solved`);
    assert.ok((await page.locator('#exercises .rt-card').count()) >= 1, `${id}: no route table`);
    assert.match(await page.evaluate(() => document.title), /· Exercises · vpclab$/);
  }
  assert.deepEqual(app.problems, []);
});

test('exercise 1 starts unsolved, and a refused action shows AWS\'s error inline', async () => {
  const { page } = app;
  await openExercise(page, EX1);
  assert.equal(await page.locator('#exercise-title').textContent(), 'Peer a new VPC with the default VPC');
  const states = await goalStates(page);
  assert.ok(states.length >= 2, states.join());
  assert.ok(states.some((s) => s.endsWith('=false')), states.join());
  // The diagram shows both VPCs and the failing path of the first goal.
  assert.equal(await page.locator('.d-vpc').count(), 2);
  assert.equal(await page.locator('.d-failed').count(), 1);

  // A route to a peering that does not exist yet: refused, and said so next to the form.
  await addRoute(page, VPC1_MAIN, '172.31.0.0/16', '__other');
  const form = page.locator(`form.route-add[data-route-table="${VPC1_MAIN}"]`);
  await form.getByLabel('Target id').fill('pcx-0123456789abcdef0');
  await form.getByRole('button', { name: 'Add route' }).click();
  const alert = page.locator(`.rt-card[data-route-table="${VPC1_MAIN}"] .error[role="alert"]`);
  assert.match(await alert.textContent(), /pcx-0123456789abcdef0/);
  assert.equal(await page.locator(`.rt-card[data-route-table="${VPC1_MAIN}"] tbody tr`).count(), 1);
  assert.deepEqual(app.problems, []);
});

test('exercise 1 by clicks and typing: the one-sided route is explained, then every goal ticks', async () => {
  const { page } = app;
  await openExercise(page, EX1);

  let form = await actionForm(page, 'request_peering');
  await choose(form.getByLabel('VPC ID (Requester)'), 'VPC-1');
  await choose(form.getByLabel('VPC ID (Accepter)'), 'default VPC');
  await form.getByRole('button', { name: 'Create peering connection' }).click();
  const peering = page.locator('.d-peering');
  await peering.waitFor();
  assert.equal(await peering.getAttribute('data-status'), 'pending-acceptance');
  const pcx = await peering.getAttribute('data-id');
  assert.match(pcx, /^pcx-/);

  form = await actionForm(page, 'accept_peering');
  await form.getByLabel('Peering connection').selectOption(pcx);
  await form.getByRole('button', { name: 'Accept request' }).click();
  assert.equal(await page.locator('.d-peering').getAttribute('data-status'), 'active');

  // Only VPC-1's side: the request gets there, the reply has no route back.
  await addRoute(page, VPC1_MAIN, '172.31.0.0/16', pcx);
  const row = page.locator(`.rt-card[data-route-table="${VPC1_MAIN}"] tr[data-destination="172.31.0.0/16"]`);
  assert.match(await row.textContent(), new RegExp(`${pcx}.*Active`));
  const mistake = page.locator('.callout--mistake');
  await mistake.waitFor();
  assert.match(await mistake.textContent(), /NO_RETURN_ROUTE/);
  assert.match(await goal(page, 'app-to-db').textContent(), /NO_RETURN_ROUTE/);
  assert.equal(await goal(page, 'app-to-db').getAttribute('data-passed'), 'false');
  const failed = page.locator('.d-failed');
  assert.equal(await failed.getAttribute('data-code'), 'NO_RETURN_ROUTE');
  assert.equal(await failed.getAttribute('data-direction'), 'return');
  assert.equal(await page.locator('.d-trace__path--forward').count(), 1);
  // From the top: a full-page shot taken scrolled would print the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'exercise-mistake-1280.png'), fullPage: true });

  // The other side: every goal ticks.
  await addRoute(page, DEFAULT_MAIN, '10.1.0.0/16', pcx);
  await page.locator('.banner:not([hidden])').waitFor();
  assert.match(await page.locator('.banner').textContent(), /Solved/);
  const states = await goalStates(page);
  assert.ok(states.every((s) => s.endsWith('=true')), states.join());
  assert.equal(await page.locator('.callout--mistake').count(), 0);
  assert.equal(await page.locator('.d-failed').count(), 0);
  assert.deepEqual(app.problems, []);
});

test('undo and redo, with the buttons and with Ctrl+Z / Ctrl+Y', async () => {
  const { page } = app;
  await openExercise(page, EX1);
  assert.equal(await goal(page, 'bastion-to-app').getAttribute('data-passed'), 'true');
  await page.getByRole('button', { name: /Undo/ }).click();
  assert.equal(await goal(page, 'bastion-to-app').getAttribute('data-passed'), 'false');
  await page.getByRole('button', { name: /Redo/ }).click();
  assert.equal(await goal(page, 'bastion-to-app').getAttribute('data-passed'), 'true');

  await page.locator('#exercise-title').focus();
  await page.keyboard.press('Control+Z');
  assert.equal(await goal(page, 'bastion-to-app').getAttribute('data-passed'), 'false');
  await page.keyboard.press('Control+Y');
  assert.equal(await goal(page, 'bastion-to-app').getAttribute('data-passed'), 'true');
  assert.equal(await page.locator('.history li').count(), 4);
  assert.deepEqual(app.problems, []);
});

test('a reload keeps the progress and the work', async () => {
  const { page } = app;
  await page.goto(`${app.url}#exercises`);
  await page.reload();
  await page.locator('.exercise-item').first().waitFor();
  assert.match(await page.locator('.progress-text').textContent(), /^1 of \d+ solved$/);
  assert.match(await page.locator(`.exercise-item[data-exercise="${EX1}"]`).textContent(), /Solved/);
  await openExercise(page, EX1);
  const states = await goalStates(page);
  assert.ok(states.every((s) => s.endsWith('=true')), states.join());
  assert.equal(await page.locator('.history li').count(), 4);
  assert.deepEqual(app.problems, []);
});

test('a share link opened in a fresh browser shows the same state', async () => {
  const { page } = app;
  await openExercise(page, EX1);
  // Take the last route back first, so the shared state is not the solved one.
  await page.getByRole('button', { name: /Undo/ }).click();
  const before = await goalStates(page);
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('#share-url').inputValue();
  assert.ok(link.startsWith(app.url), link);
  assert.match(link, /#share\/[jz][A-Za-z0-9_-]+$/);

  const other = await openApp({ server: app.server, viewport: { width: 1280, height: 800 } });
  try {
    await other.page.goto(link);
    await other.page.locator('.goal').first().waitFor();
    assert.ok(other.page.url().endsWith(`#exercises/${EX1}`), other.page.url());
    assert.deepEqual(await goalStates(other.page), before);
    assert.equal(await other.page.locator('.history li').count(), 3);
    assert.equal(await other.page.locator('.d-peering').getAttribute('data-status'), 'active');
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
  // Here, where the learner has moved on since, the link replaces their work but keeps it aside.
  await page.getByRole('button', { name: /Redo/ }).click();
  assert.equal(await page.locator('.history li').count(), 4);
  await page.goto(link);
  await page.locator('.callout--info:not([hidden])').waitFor();
  assert.equal(await page.locator('.history li').count(), 3);
  await page.getByRole('button', { name: 'Bring back my own work' }).click();
  assert.equal(await page.locator('.history li').count(), 4);
  assert.ok((await goalStates(page)).every((st) => st.endsWith('=true')));
  assert.equal(await page.locator('.callout--info:not([hidden])').count(), 0);
  assert.deepEqual(app.problems, []);
});

test('a damaged share link says so, and the page still works', async () => {
  const { page } = app;
  await page.goto(`${app.url}#share/zAAAA-not-deflate`);
  const alert = page.locator('main > .error[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /damaged/);
  assert.ok(page.url().endsWith('#exercises'), page.url());
  await page.locator('.exercise-item').first().waitFor();
  await page.goto(`${app.url}#share/j${Buffer.from('{"v":99}').toString('base64url')}`);
  await page.locator('main > .error[role="alert"]', { hasText: 'another version' }).waitFor();
  assert.deepEqual(app.problems, []);
});

test('hints one at a time, the solution on request, and reset', async () => {
  const { page } = app;
  await openExercise(page, EX1);
  const hints = page.locator('.hint-item');
  assert.equal(await hints.count(), 0);
  await page.getByRole('button', { name: /Show a hint/ }).click();
  assert.equal(await hints.count(), 1);
  await page.getByRole('button', { name: /Show the next hint/ }).click();
  assert.equal(await hints.count(), 2);
  await page.getByRole('button', { name: 'Reveal the solution' }).click();
  assert.ok((await page.locator('.solution li').count()) >= 4);
  assert.match(await page.locator('.solution').textContent(), /request peering/);
  await page.getByRole('button', { name: 'Reset' }).click();
  // The page asks first (in the page, not window.confirm).
  await page.getByRole('dialog').getByRole('button', { name: 'Reset to the start' }).click();
  assert.equal(await page.locator('.d-peering').count(), 0);
  assert.ok((await goalStates(page)).some((s) => s.endsWith('=false')));
  assert.deepEqual(app.problems, []);
});

test('the trace and cost panels answer, and axe finds nothing serious on any panel', async () => {
  const { page } = app;
  await openExercise(page, EX1);
  assert.deepEqual(await seriousViolations(page), [], 'route tables tab');
  for (const name of ['Actions', 'Trace', 'Cost', 'Validate']) {
    await tab(page, name);
    assert.deepEqual(await seriousViolations(page), [], `${name} tab`);
  }

  await tab(page, 'Trace');
  const panel = page.locator('.trace-panel').first();
  await choose(panel.getByLabel('From', { exact: true }), 'bastion');
  await choose(panel.getByLabel('To', { exact: true }), 'app ');
  await panel.getByLabel('Port').fill('22');
  await panel.getByRole('button', { name: 'Trace' }).click();
  const result = panel.locator('.trace-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-reachable'), 'false');
  assert.ok((await panel.locator('ol[aria-label="Forward hops"] li').count()) >= 2);
  assert.match(await page.locator('.diagram-caption').first().textContent(), /bastion|i-05683d8f579e349c8/);

  await tab(page, 'Cost');
  const cost = page.locator('#exercises .cost-panel');
  const total = cost.locator('.cost-total');
  await total.waitFor();
  assert.match(await total.textContent(), /\$\d/);
  // The goals' connections are the first flows, each with a slider.
  assert.ok((await cost.locator('.flow input[type="range"]').count()) >= 1);
  const before = Number(await total.getAttribute('data-usd'));
  await cost.locator('.flow__gb').first().fill('5000');
  await page.waitForFunction((b) => Number(document.querySelector('#exercises .cost-total').dataset.usd) >= b, before);
  // Compare with the start: both totals and the difference are shown.
  await cost.getByLabel('Compare this design with').selectOption('start');
  const totals = cost.locator('.compare-totals dd');
  await totals.first().waitFor();
  assert.equal(await totals.count(), 3);
  assert.match(await totals.nth(0).textContent(), /\$\d/);
  assert.match(await totals.nth(1).textContent(), /\$\d/);
  // Another price table re-prices the same design.
  await cost.getByLabel('Price table', { exact: true }).selectOption('eu-west-1');
  assert.match(await cost.locator('.cost-prices').textContent(), /eu-west-1/);
  assert.deepEqual(app.problems, []);
});

test('screenshots at 1280×800 and 390×844; nothing scrolls sideways at 390', async () => {
  const { page } = app;
  await openExercise(page, EX1);
  await page.reload();
  await page.locator('.goal').first().waitFor();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'exercise-1280.png') });
  await page.screenshot({ path: path.join(SHOTS, 'exercise-1280-full.png'), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  for (const hash of [`#exercises/${EX1}`, '#exercises', '#sandbox']) {
    await page.goto(`${app.url}${hash}`);
    await page.locator('h1:visible').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${hash} scrolls sideways by ${overflow}px at 390px`);
  }
  await openExercise(page, EX1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'exercise-390.png') });
  await page.screenshot({ path: path.join(SHOTS, 'exercise-390-full.png'), fullPage: true });
  await page.goto(`${app.url}#exercises`);
  await page.screenshot({ path: path.join(SHOTS, 'exercises-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(app.problems, []);
});
