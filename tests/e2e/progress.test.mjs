// No lost work, in Chromium: progress and work survive a reload (an exercise solved in full, with
// no Content-Security-Policy violation on the way); a damaged localStorage entry is kept aside
// under vpclab/unreadable/…, the learner is told, and every other entry is read as before; a
// version-1 record (tests/fixtures/saved/localstorage-v1.json) is migrated to the version-2
// layout; and "Download my progress" → cleared storage → "Load a progress file" brings it all
// back, refusing a bad file with a clear message and keeping newer local work; a change the
// browser refuses to store is reported once and saved again when it can be.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, axeViolations, openApp } from './harness.mjs';

const EX1 = 'peer-default-vpc';
const EX2 = 'public-subnet';
const V1_RECORD = path.join(ROOT, 'tests/fixtures/saved/localstorage-v1.json');

let app;

before(async () => {
  app = await openApp({ viewport: { width: 1280, height: 800 } });
  await app.page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

after(async () => {
  await app?.close();
});

const panel = (page) => page.locator('#exercises .solution-panel');
const historyLength = (page) => page.locator('#exercises .history li:not(.note)').count();
const storage = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));

async function openExercise(page, id) {
  await page.goto(`${app.url}#exercises/${id}`);
  await page.locator('#exercise-title').waitFor();
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
}

async function reveal(page) {
  const button = panel(page).getByRole('button', { name: 'Reveal the solution' });
  if (await button.isVisible()) await button.click();
}

async function playNext(page, times) {
  await reveal(page);
  for (let i = 0; i < times; i += 1) await panel(page).getByRole('button', { name: 'Play the next step' }).click();
}

/** The list's state of exercise `id`: Solved, Started or Not started. */
async function listState(page, id) {
  await page.goto(`${app.url}#exercises`);
  await page.locator('.exercise-item').first().waitFor();
  return page.locator(`.exercise-item[data-exercise="${id}"] .exercise-item__state`).textContent();
}

/** Empties the storage from a page of the same origin that is not the app, then opens the app. */
async function freshStorage(page, entries = {}) {
  const seen = app.problems.length;
  await page.goto(`${app.url}tests/fixtures/saved/localstorage-v1.json`);
  // Chromium asks for /favicon.ico for a JSON document: not the page's request.
  await page.waitForLoadState('networkidle');
  const extra = app.problems.splice(seen);
  assert.ok(extra.every((p) => /favicon\.ico|Failed to load resource: .* 404/.test(p)), extra.join('\n'));
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
}

async function noCspViolation(page) {
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
}

test('an exercise solved in full survives a reload, with no CSP violation', async () => {
  const { page } = app;
  await freshStorage(page);
  await openExercise(page, EX1);
  await reveal(page);
  await panel(page).getByRole('button', { name: 'Play all steps' }).click();
  await page.waitForFunction(() => document.querySelector('#exercises .solution-panel')?.dataset.playing === 'false');
  await page.locator('#exercises .banner').filter({ hasText: 'Solved!' }).waitFor();
  const steps = await historyLength(page);
  assert.ok(steps >= 2);
  await noCspViolation(page);
  await page.reload();
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
  assert.equal(await historyLength(page), steps);
  assert.equal(await listState(page, EX1), 'Solved');
  assert.equal((await storage(page))['vpclab/version'], '2');
  await noCspViolation(page);
  assert.deepEqual(app.problems, []);
});

test('a damaged entry is kept aside and the learner told; everything else is kept', async () => {
  const { page } = app;
  await openExercise(page, EX1);
  const ex1Steps = await historyLength(page);
  await openExercise(page, EX2);
  await playNext(page, 1);
  assert.equal(await historyLength(page), 1);
  const before = await storage(page);
  const key = `vpclab/work/${EX2}`;
  assert.ok(before[key]);
  // One changed character inside the saved state: still JSON, but not what was written.
  const damaged = before[key].replace('"format', '"f0rmat');
  assert.notEqual(damaged, before[key]);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, damaged]);
  await page.reload();

  const notice = page.locator('.storage-notice');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('role'), 'alert');
  const text = await notice.textContent();
  assert.match(text, new RegExp(`your work on the exercise '${EX2}' \\(its contents were changed or damaged\\)`));
  assert.ok(text.includes(`'vpclab/unreadable/work/${EX2}'`), text);
  assert.match(text, /Everything else you saved is as you left it/);
  const serious = (await axeViolations(page, { withImpact: true })).filter((v) => /^(serious|critical) /.test(v));
  assert.deepEqual(serious, [], 'the note and the footer are accessible');
  const after = await storage(page);
  assert.equal(after[`vpclab/unreadable/work/${EX2}`], damaged, 'kept aside, byte for byte');
  assert.equal(after[key], undefined);
  // Nothing else lost.
  assert.equal(after[`vpclab/work/${EX1}`], before[`vpclab/work/${EX1}`]);
  assert.equal(after['vpclab/solved'], before['vpclab/solved']);
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
  assert.equal(await historyLength(page), 0, `${EX2} starts afresh`);
  await openExercise(page, EX1);
  assert.equal(await historyLength(page), ex1Steps);
  assert.equal(await listState(page, EX1), 'Solved');

  // Not JSON at all: the list of solved exercises; the work on EX1 stays.
  await page.evaluate(() => localStorage.setItem('vpclab/solved', '{"at": "2026-'));
  await page.reload();
  await notice.waitFor();
  assert.match(await notice.textContent(), /the list of exercises you solved \(it is not JSON\)/);
  assert.equal((await storage(page))['vpclab/unreadable/solved'], '{"at": "2026-');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await notice.isVisible(), false);
  assert.equal(await listState(page, EX1), 'In progress');
  await openExercise(page, EX1);
  assert.equal(await historyLength(page), ex1Steps);
  assert.deepEqual(app.problems, []);
});

test('a version-1 record is migrated to the version-2 layout', async () => {
  const { page } = app;
  const record = JSON.parse(await readFile(V1_RECORD, 'utf8'));
  await freshStorage(page, { vpclab: JSON.stringify(record) });
  await page.goto(`${app.url}#exercises`);
  await page.locator('.exercise-item').first().waitFor();
  const after = await storage(page);
  assert.equal(after.vpclab, undefined, 'the old record is gone');
  assert.equal(after['vpclab/version'], '2');
  assert.equal(JSON.parse(after['vpclab/work/peer-default-vpc']).data, record.work['peer-default-vpc']);
  // The sandbox restored it and saved it again (the same start and actions, the documents as the engine writes them).
  assert.deepEqual(JSON.parse(JSON.parse(after['vpclab/sandbox']).data).actions, JSON.parse(record.sandbox).actions);
  assert.equal(JSON.parse(after['vpclab/design/one subnet']).data, record.designs['one subnet']);
  assert.deepEqual(JSON.parse(after['vpclab/solved']).data, record.solved);
  assert.equal(await page.locator('.storage-notice').isVisible(), false);

  assert.equal(await listState(page, 'cidr-plan'), 'Solved');
  assert.equal(await listState(page, EX1), 'In progress');
  await openExercise(page, EX1);
  assert.equal(await historyLength(page), JSON.parse(record.work[EX1]).actions.length);
  await page.goto(`${app.url}#sandbox`);
  await page.locator('.import-status').filter({ hasText: '1 VPC' }).waitFor();
  assert.match(await page.locator('.import-status').textContent(), /2 subnets/);
  await page.locator('#sandbox').getByRole('tab', { name: 'Cost' }).click();
  const compare = page.locator('#sandbox').getByLabel('Compare this design with');
  assert.ok((await compare.locator('option').allTextContents()).includes('saved: one subnet'));

  // An unreadable version-1 record is kept aside too, and the learner told.
  await freshStorage(page, { vpclab: '{"version": 1, "solved": {' });
  await page.goto(`${app.url}#exercises`);
  await page.locator('.storage-notice').waitFor();
  assert.match(await page.locator('.storage-notice').textContent(), /your saved progress \(an earlier format\) \(it is not JSON\).*'vpclab\/unreadable\/v1-record'/);
  assert.equal((await storage(page))['vpclab/unreadable/v1-record'], '{"version": 1, "solved": {');
  assert.deepEqual(app.problems, []);
});

test('progress downloaded, storage cleared, the file loaded: everything is back', async () => {
  const { page } = app;
  const record = JSON.parse(await readFile(V1_RECORD, 'utf8'));
  await freshStorage(page, { vpclab: JSON.stringify(record) });
  await openExercise(page, EX1);
  const steps = await historyLength(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my progress' }).click()]);
  assert.match(download.suggestedFilename(), /^vpclab-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const saved = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(saved.format, 'vpclab-progress');
  assert.equal(saved.version, 2);
  assert.deepEqual(Object.keys(saved.work), [EX1]);
  assert.deepEqual(saved.solved, record.solved);

  await freshStorage(page);
  assert.equal(await listState(page, 'cidr-plan'), 'Not started');

  // Bad files change nothing and say why.
  const input = page.locator('#progress-file');
  const error = page.locator('#progress-error');
  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await error.filter({ hasText: /notes\.txt: This file is not JSON/ }).waitFor();
  await input.setInputFiles(path.join(ROOT, 'tests/fixtures/saved/workspace-v1-exercise.json'));
  await error.filter({ hasText: /one exercise's work \("format": "vpclab-workspace"\), not a progress file/ }).waitFor();
  const broken = { ...saved, work: { [EX1]: { at: 'yesterday', state: 7 } } };
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await error.filter({ hasText: `damaged at "work"."${EX1}"` }).waitFor();
  assert.deepEqual(Object.keys(await storage(page)).filter((k) => k !== 'vpclab/version'), []);

  await input.setInputFiles(file);
  await page.locator('#progress-status').filter({ hasText: /^Loaded .*: 1 exercise newly solved, work on 1 exercise, the sandbox estate, 1 design\.$/ }).waitFor();
  assert.equal(await error.textContent(), '');
  assert.equal(await listState(page, 'cidr-plan'), 'Solved');
  await openExercise(page, EX1);
  assert.equal(await historyLength(page), steps);

  // Newer local work is kept when the same file is loaded again.
  await playNext(page, 1);
  assert.equal(await historyLength(page), steps + 1);
  await input.setInputFiles(file);
  await page.locator('#progress-status').filter({ hasText: /nothing new\. Kept 1 newer entry of this browser\.$/ }).waitFor();
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
  assert.equal(await historyLength(page), steps + 1);
  await noCspViolation(page);
  assert.deepEqual(app.problems, []);
});

test('a change the browser refuses to store is reported once, and saved again when it can be', async () => {
  const { page } = app;
  await freshStorage(page);
  await openExercise(page, EX2);
  await page.evaluate(() => {
    const real = Storage.prototype.setItem;
    window.__restoreSetItem = () => {
      Storage.prototype.setItem = real;
    };
    Storage.prototype.setItem = function setItem(key, value) {
      if (String(key).startsWith('vpclab/work/')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.call(this, key, value);
    };
  });
  await playNext(page, 1);
  const notice = page.locator('.storage-notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), new RegExp(`Your latest change to your work on the exercise '${EX2}' could not be saved: this browser's storage is full`));
  assert.match(await notice.textContent(), /Download my progress/);
  await playNext(page, 1);
  assert.equal(await notice.locator('li').count(), 1, 'told once, not at every change');
  assert.equal((await storage(page))[`vpclab/work/${EX2}`], undefined);

  await page.evaluate(() => window.__restoreSetItem());
  await page.locator('#exercises').getByRole('button', { name: '↶ Undo' }).click();
  const saved = JSON.parse((await storage(page))[`vpclab/work/${EX2}`]);
  assert.equal(JSON.parse(saved.data).actions.length, 1, 'saved again once the browser allows it');
  assert.deepEqual(app.problems, []);
});
