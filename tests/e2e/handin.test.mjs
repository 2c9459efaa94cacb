// Honest hand-ins, in Chromium, with a reload after every path: the work file ("My work, to hand
// in") records how the work was reached: hints opened, the solution revealed, which actions
// were played from it and which were the learner's own, and that a share link brought it. Hints
// opened before any action are not forgotten over a reload; the panels show them open again.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp } from './harness.mjs';

const EX = 'peer-default-vpc';

let app;

before(async () => {
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

const panel = (page) => page.locator('#exercises .solution-panel');

async function openExercise(page) {
  await page.goto(`${app.url}#exercises/${EX}`);
  await page.locator('#exercise-title').waitFor();
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
}

/** The panels' modules the page fetches once an exercise is shown (a reload before would abort them). */
const panelsFetched = (page) =>
  page.waitForFunction(() => ['trace.js', 'cost.js'].every((m) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(`/ui/${m}`))));

async function reload(page) {
  await panelsFetched(page);
  await page.reload();
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
}

/** The hand-in file, as the learner downloads it. */
async function handIn(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'My work, to hand in (JSON)' }).click()]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

test('the hand-in says which actions were the learner\'s, which were played, and what was opened', async () => {
  const { page } = app;
  await page.goto(`${app.url}#cidr`);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => localStorage.clear());
  await page.goto('about:blank');
  await openExercise(page);
  let work = await handIn(page);
  assert.equal(work.version, 2);
  assert.deepEqual(work.how, { hints_opened: 0, solution_revealed: false });

  // A hint, and nothing else yet: kept over a reload.
  await page.getByRole('button', { name: /Show a hint/ }).click();
  await reload(page);
  assert.equal(await page.locator('.hint-item').count(), 1, 'the hint opened is shown again');
  work = await handIn(page);
  assert.deepEqual(work.how, { hints_opened: 1, solution_revealed: false });
  assert.deepEqual(work.actions, []);

  // The learner's own first step, by its form.
  await page.locator('#exercises').getByRole('tab', { name: 'Actions' }).click();
  const card = page.locator('#exercises details.action-card[data-action="request_peering"]');
  if (!(await card.evaluate((d) => d.open))) await card.locator('summary').click();
  await card.locator('form button[type="submit"]').click();
  await page.locator('#exercises .d-peering').waitFor();
  await reload(page);
  work = await handIn(page);
  assert.equal(work.actions.length, 1);
  assert.deepEqual(work.how, { hints_opened: 1, solution_revealed: false }, 'own actions are not marked');

  // Then the solution revealed, and a step played from it.
  await panel(page).getByRole('button', { name: 'Reveal the solution' }).click();
  await reload(page);
  assert.equal(await panel(page).getByRole('button', { name: 'Reveal the solution' }).isVisible(), false, 'still revealed after a reload');
  work = await handIn(page);
  assert.deepEqual(work.how, { hints_opened: 1, solution_revealed: true });
  // The reference request is refused (one exists): undo the own one and play the solution.
  await page.getByRole('button', { name: /Undo/ }).click();
  await panel(page).getByRole('button', { name: 'Play all steps' }).click();
  await page.waitForFunction(() => document.querySelector('#exercises .solution-panel')?.dataset.playing === 'false');
  await page.locator('#exercises .banner').filter({ hasText: 'Solved!' }).waitFor();
  await reload(page);
  work = await handIn(page);
  const n = work.actions.length;
  assert.ok(n >= 2);
  assert.deepEqual(work.how, { hints_opened: 1, solution_revealed: true, solution_played: [...Array(n).keys()] });

  // Undo one played step and redo it: still marked as played.
  await page.getByRole('button', { name: /Undo/ }).click();
  await page.getByRole('button', { name: /Redo/ }).click();
  await reload(page);
  assert.deepEqual((await handIn(page)).how.solution_played, [...Array(n).keys()]);

  // A share link of this work, opened in another browser: the hand-in there says so.
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('#share-url').inputValue();
  const other = await openApp({ server: app.server, viewport: { width: 1280, height: 800 } });
  try {
    await other.page.goto(link);
    await other.page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
    await panelsFetched(other.page);
    await other.page.reload();
    await other.page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
    const theirs = await handIn(other.page);
    assert.equal(theirs.how.from_share_link, true);
    assert.equal(theirs.how.solution_played.length, n);
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
  assert.deepEqual(app.problems, []);
});
