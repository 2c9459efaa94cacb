// The engine stopping (a wasm trap) in Chromium: the panic hook logs the panic with
// console.error, the page says the engine stopped and that the work is saved, a stopped engine is
// never called again (the views say so instead), and "Restart engine" brings a fresh module
// instance with the learner's work restored from storage, ready for more. The panic is made on
// purpose through the hidden export __vpclabTestPanic (window.__vpclabTestPanic calls it through
// the page's guard).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, openApp } from './harness.mjs';

const EX1 = 'peer-default-vpc';

let app;

before(async () => {
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

const panel = (page) => page.locator('#exercises .solution-panel');
const historyLength = (page) => page.locator('#exercises .history li:not(.note)').count();
const goalStates = (page) => page.locator('#exercises .goal').evaluateAll((n) => n.map((x) => `${x.dataset.goal}=${x.dataset.passed}`));

async function openExercise(page, id) {
  await page.goto(`${app.url}#exercises/${id}`);
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
}

async function playNext(page, times) {
  const reveal = panel(page).getByRole('button', { name: 'Reveal the solution' });
  if (await reveal.isVisible()) await reveal.click();
  const next = panel(page).getByRole('button', { name: 'Play the next step' });
  for (let i = 0; i < times; i += 1) await next.click();
}

test('a panic stops the engine: the page says so, restarts it, and the work is intact', async () => {
  const { page } = app;
  await openExercise(page, EX1);
  await playNext(page, 2);
  assert.equal(await historyLength(page), 2);
  const before = await goalStates(page);
  const title = await page.locator('#exercise-title').textContent();
  const saved = await page.evaluate((id) => localStorage.getItem(`vpclab/work/${id}`), EX1);
  assert.ok(saved, 'the work is saved before the panic');

  const thrown = await page.evaluate(() => {
    try {
      window.__vpclabTestPanic();
      return null;
    } catch (err) {
      return `${err.constructor.name}: ${err.message}`;
    }
  });
  assert.match(thrown, /^RuntimeError: /);
  // The panic hook logged the message, and nothing else went wrong.
  assert.equal(app.problems.length, 1, app.problems.join('\n'));
  assert.match(app.problems[0], /^console error: vpclab engine: panicked at .*deliberate panic from __vpclabTestPanic/s);
  app.problems.length = 0;

  const note = page.locator('#engine-stopped');
  await note.waitFor();
  assert.equal(await note.getAttribute('role'), 'alert');
  assert.match(await note.textContent(), /The engine stopped unexpectedly\. Your work is saved/);
  assert.match(await note.textContent(), /What stopped it: unreachable/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'engine-stopped');
  const serious = (await axeViolations(page, { withImpact: true })).filter((v) => /^(serious|critical) /.test(v));
  assert.deepEqual(serious, [], 'the note is accessible');

  // The stopped instance is not called again: an action says the engine stopped.
  await page.locator('#exercises').getByRole('button', { name: '↶ Undo' }).click();
  await page.locator('#exercises .error').filter({ hasText: 'The engine stopped; restart it' }).waitFor();
  assert.equal(await page.evaluate((id) => localStorage.getItem(`vpclab/work/${id}`), EX1), saved, 'the saved work is untouched');

  await note.getByRole('button', { name: 'Restart engine' }).click();
  await note.waitFor({ state: 'detached' });
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
  assert.equal(await page.locator('#exercise-title').textContent(), title);
  assert.equal(await historyLength(page), 2, 'the two steps are back');
  assert.deepEqual(await goalStates(page), before);
  // One set of views, not two.
  assert.equal(await page.locator('#main > section#exercises').count(), 1);
  assert.equal(await page.locator('#tools a').count(), 3);

  // The stopped instance's objects are collected without calling into it (no error from a
  // finalizer): a full garbage collection, then a moment for finalizers to run.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  assert.deepEqual(app.problems, []);

  // The fresh engine works: the rest of the solution solves the exercise, and it is saved.
  await playNext(page, 2);
  assert.equal(await historyLength(page), 4);
  await page.locator('#exercises .banner').filter({ hasText: 'Solved!' }).waitFor();
  const solved = await page.evaluate(() => JSON.parse(localStorage.getItem('vpclab/solved')).data);
  assert.ok(solved[EX1], 'marked solved after the restart');
  assert.deepEqual(app.problems, []);

  // A second panic after a restart is caught the same way.
  await page.evaluate(() => {
    try {
      window.__vpclabTestPanic();
    } catch {
      // Expected.
    }
  });
  await note.waitFor();
  app.problems.length = 0;
  await note.getByRole('button', { name: 'Restart engine' }).click();
  await note.waitFor({ state: 'detached' });
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
  assert.equal(await historyLength(page), 4);
  await page.reload();
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
  assert.equal(await historyLength(page), 4);
  assert.deepEqual(app.problems, []);
});
