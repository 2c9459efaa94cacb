// Every exercise the page lists is solvable in the browser: for each one (read from the list in
// the DOM, so exercises added later are covered with no change here), open it from the list, see
// a goal unmet, reveal the solution, play all its steps through the page (the same
// Session.applyAction path as a learner's form), then see every goal met, the exercise marked
// solved in the list and the progress count up. Also: undo takes a played step back; a step the
// engine refuses (the learner already made the peering) shows AWS's message and stops, and Reset
// recovers; and "Play the next step" run with the keyboard alone. No console error anywhere.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, axeViolations, openApp, startServer } from './harness.mjs';

const EX1 = 'peer-default-vpc';
const VIEWPORT = { width: 1280, height: 800 };
const SHOTS = path.join(ROOT, 'target/e2e');

let server;
let app;

before(async () => {
  server = await startServer();
  app = await openApp({ server, viewport: VIEWPORT });
  // "Play all steps" waits between steps unless the learner asks for less motion.
  await app.page.emulateMedia({ reducedMotion: 'reduce' });
});

after(async () => {
  await app?.close();
  await server?.close();
});

const goalStates = (page) => page.locator('#exercises .goal').evaluateAll((n) => n.map((x) => `${x.dataset.goal}=${x.dataset.passed}`));
const panel = (page) => page.locator('#exercises .solution-panel');
const played = async (page) => Number(await panel(page).getAttribute('data-played'));
const historyLength = (page) => page.locator('#exercises .history li:not(.note)').count();

/** Presses `button` (a Reset), then confirms in the page's dialog when there was work to reset. */
async function resetVia(page, button) {
  const had = await historyLength(page);
  await button.click();
  if (had) await page.getByRole('dialog').getByRole('button', { name: 'Reset to the start' }).click();
}

/** Opens exercise `id` by its link in the list, and waits for its goals. */
async function openFromList(page, id) {
  await page.goto(`${app.url}#exercises`);
  await page.locator(`.exercise-item[data-exercise="${id}"] a`).click();
  await page.waitForFunction((want) => location.hash === `#exercises/${want}`, id);
  await page.locator('#exercises .exercise-view:not([hidden]) .goal').first().waitFor();
}

/** Reveals the solution (still shown when the same exercise is opened again); returns how many steps it has. */
async function reveal(page) {
  const button = panel(page).getByRole('button', { name: 'Reveal the solution' });
  if (await button.isVisible()) await button.click();
  assert.ok(await panel(page).locator('.solution-controls').isVisible(), 'no play buttons after the reveal');
  const steps = Number(await panel(page).getAttribute('data-steps'));
  assert.equal(await panel(page).locator('.solution__step').count(), steps);
  return steps;
}

/** Presses "Play all steps" and waits until the play has stopped (done, refused or stopped). */
async function playAll(page) {
  await panel(page).getByRole('button', { name: 'Play all steps' }).click();
  await page.waitForFunction(() => document.querySelector('#exercises .solution-panel')?.dataset.playing === 'false', null, { timeout: 120_000 });
}

test('a played step goes through the history: undo takes it back, redo brings it again', async () => {
  const { page } = app;
  await openFromList(page, EX1);
  const steps = await reveal(page);
  assert.ok(steps >= 2, `${EX1} has ${steps} steps`);
  const next = panel(page).getByRole('button', { name: 'Play the next step' });
  await next.click();
  await next.click();
  assert.equal(await played(page), 2);
  assert.equal(await historyLength(page), 2);
  assert.match(await panel(page).locator('.solution-status').textContent(), /^Step 2 of \d+ played: /);
  assert.equal(await panel(page).locator('.solution__step[data-state="played"]').count(), 2);
  assert.equal(await panel(page).locator('.solution__step[aria-current="step"]').getAttribute('data-step'), '2');

  await page.getByRole('button', { name: /Undo/ }).click();
  assert.equal(await played(page), 1);
  assert.equal(await historyLength(page), 1);
  await page.getByRole('button', { name: /Redo/ }).click();
  assert.equal(await played(page), 2);
  // The next press plays step 3, not step 2 again.
  await next.click();
  assert.equal(await played(page), 3);
  assert.equal(await panel(page).locator('.solution-refusal').textContent(), '');

  await resetVia(page, page.getByRole('button', { name: 'Reset', exact: true }));
  assert.equal(await played(page), 0);
  assert.equal(await historyLength(page), 0);
  assert.deepEqual(app.problems, []);
});

test('a step the engine refuses shows AWS\'s message and stops; Reset lets the solution play through', async () => {
  const { page } = app;
  await openFromList(page, EX1);
  await reveal(page);
  // The learner requests the peering first, by its form (the VPCs it offers, no name).
  await page.locator('#exercises').getByRole('tab', { name: 'Actions' }).click();
  const card = page.locator('#exercises details.action-card[data-action="request_peering"]');
  if (!(await card.evaluate((d) => d.open))) await card.locator('summary').click();
  await card.locator('form button[type="submit"]').click();
  await page.locator('#exercises .d-peering[data-status="pending-acceptance"]').waitFor();
  assert.equal(await historyLength(page), 1);

  // Playing from there: the reference request is a second one between the same VPCs.
  await playAll(page);
  const refusal = panel(page).locator('.solution-refusal');
  assert.match(await refusal.textContent(), /Step 1 was refused: VpcPeeringConnectionAlreadyExists/);
  assert.match(await refusal.textContent(), /Reset the exercise/);
  assert.equal(await panel(page).locator('.solution__step[data-state="refused"]').count(), 1);
  assert.match(await panel(page).locator('.solution-status').textContent(), /refused; playing stopped/);
  assert.equal(await historyLength(page), 1, 'nothing applied after the refusal');
  assert.ok((await goalStates(page)).some((s) => s.endsWith('=false')));
  const serious = (await axeViolations(page, { withImpact: true })).filter((v) => /^(serious|critical)/.test(v));
  assert.deepEqual(serious, []);
  await mkdir(SHOTS, { recursive: true });
  await panel(page).screenshot({ path: path.join(SHOTS, 'solution-refused.png') });

  await resetVia(page, refusal.getByRole('button', { name: 'Reset the exercise' }));
  await page.waitForFunction(() => document.querySelector('#exercises .solution-refusal')?.textContent === '');
  assert.equal(await historyLength(page), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Play the next step');
  await playAll(page);
  assert.ok((await goalStates(page)).every((s) => s.endsWith('=true')), (await goalStates(page)).join());
  await resetVia(page, page.getByRole('button', { name: 'Reset', exact: true }));
  assert.deepEqual(app.problems, []);
});

test('every exercise the page lists is solved by playing its reference solution', async () => {
  const { page } = app;
  // Start from a clean slate: the tests above leave no solved mark, but be sure.
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${app.url}#exercises`);
  await page.locator('.exercise-item').first().waitFor();
  const ids = await page.locator('.exercise-item').evaluateAll((n) => n.map((x) => x.dataset.exercise));
  assert.ok(ids.length >= 1, 'no exercise listed');
  assert.equal(new Set(ids).size, ids.length, `an exercise is listed twice: ${ids.join()}`);
  assert.match(await page.locator('.progress-text').textContent(), new RegExp(`^0 of ${ids.length} solved$`));

  for (const [i, id] of ids.entries()) {
    await openFromList(page, id);
    const start = await goalStates(page);
    assert.ok(start.length >= 1, `${id}: no goal shown`);
    assert.ok(start.some((s) => s.endsWith('=false')), `${id} starts with every goal met: ${start.join()}`);

    const steps = await reveal(page);
    assert.ok(steps >= 1, `${id}: no reference solution`);
    await playAll(page);
    const refusal = (await panel(page).locator('.solution-refusal').textContent()).trim();
    assert.equal(refusal, '', `${id}: ${refusal}`);
    assert.equal(await played(page), steps, `${id}: ${await played(page)} of ${steps} steps played`);
    assert.equal(await historyLength(page), steps, `${id}: the history has every step`);

    const end = await goalStates(page);
    assert.ok(end.every((s) => s.endsWith('=true')), `${id}: goals after the solution: ${end.join()}`);
    assert.equal(await page.locator('#exercises .goals-summary').getAttribute('data-passed'), 'true', id);
    assert.match(await page.locator('#exercises .banner').textContent(), /Solved!/, id);
    assert.ok(await page.locator('#exercises .banner').isVisible(), `${id}: no Solved banner`);
    assert.match(await panel(page).locator('.solution-status').textContent(), /All steps played\.$/, id);
    assert.equal(await panel(page).getByRole('button', { name: 'Play the next step' }).getAttribute('aria-disabled'), 'true', id);

    // Back in the list: marked solved, and counted.
    await page.locator('#exercises .crumbs a').click();
    await page.locator('.exercise-list-view:not([hidden])').waitFor();
    const item = page.locator(`.exercise-item[data-exercise="${id}"]`);
    assert.match(await item.getAttribute('class'), /exercise-item--solved/, `${id} is not marked solved in the list`);
    assert.equal(await item.locator('.exercise-item__state').textContent(), 'Solved', id);
    assert.equal(await page.locator('.progress-text').textContent(), `${i + 1} of ${ids.length} solved`, id);
    assert.deepEqual(app.problems, [], id);
  }
  assert.equal(await page.locator('.exercise-item--solved').count(), ids.length);
});

test('"Play all steps" paces the steps, and "Stop playing" stops between two of them', async () => {
  // A fresh browser on a fake clock and with motion allowed: the pause between steps is real.
  const other = await openApp({ server, viewport: VIEWPORT });
  try {
    const { page } = other;
    await page.clock.install();
    await page.goto(`${other.url}#exercises/${EX1}`);
    await page.locator('#exercises .goal').first().waitFor();
    const steps = await reveal(page);
    assert.ok(steps >= 3, `${EX1} has ${steps} steps`);
    // From here the clock moves only when the test says: a busy machine must not play a step
    // between two assertions.
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
    await panel(page).getByRole('button', { name: 'Play all steps' }).click();
    // The first step is played at once; the next waits for the clock.
    assert.equal(await played(page), 1);
    assert.equal(await panel(page).getAttribute('data-playing'), 'true');
    assert.equal(await panel(page).getByRole('button', { name: 'Play the next step' }).getAttribute('aria-disabled'), 'true');
    // Half a second: one pause over (the page waits a third of a second between steps).
    await page.clock.runFor(500);
    const during = await played(page);
    assert.ok(during > 1 && during < steps, `${during} of ${steps} played after half a second`);
    await panel(page).getByRole('button', { name: 'Stop playing' }).click();
    await page.clock.runFor(1000);
    assert.equal(await panel(page).getAttribute('data-playing'), 'false');
    assert.equal(await played(page), during, 'no step after Stop');
    assert.match(await panel(page).locator('.solution-status').textContent(), new RegExp(`^Stopped after step ${during} of ${steps}\\.$`));
    // Play all again finishes the rest.
    await panel(page).getByRole('button', { name: 'Play all steps' }).click();
    await page.clock.runFor(steps * 1000);
    assert.equal(await played(page), steps);
    assert.ok((await goalStates(page)).every((st) => st.endsWith('=true')), (await goalStates(page)).join());
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
});

/** What has focus: tag, text, and whether it shows a focus ring. */
function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { tag: 'body', text: '' };
    const style = getComputedStyle(e);
    return {
      tag: e.tagName.toLowerCase(),
      text: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 80),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
  });
}

async function tabTo(page, want, what) {
  const seen = [];
  for (let i = 0; i < 300; i += 1) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    seen.push(`${f.tag} ${f.text}`);
    if (want(f)) return f;
  }
  return assert.fail(`${what} not reached with Tab; last stops: ${seen.slice(-6).join(' | ')}`);
}

test('"Play the next step" with the keyboard alone, in a fresh browser', async () => {
  const other = await openApp({ server, viewport: VIEWPORT });
  try {
    const { page } = other;
    await page.goto(`${other.url}#exercises`);
    await page.locator('.exercise-item').first().waitFor();
    // The first exercise the page lists, opened with Enter on its link.
    const id = await page.locator('.exercise-item').first().getAttribute('data-exercise');
    const title = (await page.locator('.exercise-item__title').first().textContent()).trim();
    await tabTo(page, (f) => f.tag === 'a' && f.text.includes(title), `the link to ${id}`);
    await page.keyboard.press('Enter');
    await page.locator('#exercise-title').waitFor();
    assert.equal((await focused(page)).tag, 'h1');
    assert.ok((await goalStates(page)).some((s) => s.endsWith('=false')));

    let f = await tabTo(page, (x) => x.tag === 'button' && x.text === 'Reveal the solution', 'Reveal the solution');
    assert.ok(f.ring, 'no focus ring on Reveal the solution');
    await page.keyboard.press('Enter');
    const steps = Number(await panel(page).getAttribute('data-steps'));
    assert.ok(steps >= 1);
    assert.equal((await focused(page)).tag, 'li', 'focus moves to the first step');
    f = await tabTo(page, (x) => x.tag === 'button' && x.text === 'Play the next step', 'Play the next step');
    assert.ok(f.ring, 'no focus ring on Play the next step');

    const status = panel(page).locator('.solution-status');
    assert.equal(await status.getAttribute('role'), 'status');
    for (let k = 1; k <= steps; k += 1) {
      await page.keyboard.press('Enter');
      assert.equal(await played(page), k);
      assert.match(await status.textContent(), new RegExp(`^Step ${k} of ${steps} played: `));
      f = await focused(page);
      assert.equal(f.text, 'Play the next step', `focus kept on the button after step ${k}`);
      assert.equal(await historyLength(page), k);
    }
    assert.ok((await goalStates(page)).every((s) => s.endsWith('=true')), (await goalStates(page)).join());
    assert.ok(await page.locator('#exercises .banner').isVisible());
    assert.equal(await panel(page).getByRole('button', { name: 'Play the next step' }).getAttribute('aria-disabled'), 'true');
    // One more press says so, and changes nothing.
    await page.keyboard.press('Enter');
    assert.equal(await historyLength(page), steps);
    assert.match(await status.textContent(), /^All \d+ steps are played\.$/);
    // Undo by keyboard, and the step is next again.
    await page.keyboard.press('Control+Z');
    assert.equal(await played(page), steps - 1);
    await page.keyboard.press('Enter');
    assert.equal(await played(page), steps);
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
});

test('a solved exercise downloads as a work file that `vpclab grade` passes', async () => {
  const { page } = app;
  await openFromList(page, EX1);
  await resetVia(page, page.getByRole('toolbar', { name: 'Exercise' }).getByRole('button', { name: 'Reset' }));
  await reveal(page);
  await playAll(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'My work, to hand in (JSON)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${EX1}.json`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vpclab-class-'));
  try {
    const file = path.join(dir, 'alice.json');
    await download.saveAs(file);
    const work = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(work.exercise, EX1);
    assert.ok(work.actions.length >= 1, 'the work file holds the actions taken');
    // The teacher's side: the same file graded by the CLI, every goal passed.
    const out = execFileSync('cargo', ['run', '-q', '-p', 'vpclab', '--', 'grade', '--exercise', EX1, dir, '--json'], { cwd: ROOT, encoding: 'utf8' });
    const graded = JSON.stringify(JSON.parse(out));
    assert.match(graded, /alice\.json/);
    assert.match(graded, /"passed":true/);
    assert.doesNotMatch(graded, /"passed":false/);
    // Played from the revealed solution, and the grade says so.
    assert.match(graded, /"how":"[^"]*solution revealed; (\d+) of \1 actions played from the solution"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.deepEqual(app.problems, []);
});
