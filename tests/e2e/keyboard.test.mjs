// Exercise 1 by keyboard alone, in a fresh browser: Tab, Shift+Tab, arrow keys, Enter and typing
// only (no clicks, no element.fill). Every control on the way must be reachable, show a visible
// focus ring, and let focus go on (no traps); the page must keep focus where the learner was
// after each action redraws it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './harness.mjs';

const VPC1_MAIN = 'rtb-00ed00402fb9aca4c';
const DEFAULT_MAIN = 'rtb-084815080e17a7bee';

let app;

before(async () => {
  app = await openApp({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await app?.close();
});

/** What has focus, as a short description the predicates below read. */
function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { tag: 'body' };
    const style = getComputedStyle(e);
    return {
      tag: e.tagName.toLowerCase(),
      role: e.getAttribute('role'),
      key: e.dataset?.key ?? null,
      text: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 80),
      selected: e.getAttribute('aria-selected'),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until `want(focused)` holds, at most `limit` times; fails naming
 * the last element reached. Each element passed on the way must show a focus ring.
 */
async function tabTo(page, want, { back = false, limit = 80, what = 'the target' } = {}) {
  const seen = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    seen.push(`${f.tag}${f.key ? `[${f.key}]` : ''} ${f.text ?? ''}`);
    if (f.tag !== 'body') assert.ok(f.outline, `no visible focus on ${seen[seen.length - 1]}`);
    if (want(f)) return f;
  }
  assert.fail(`${what} was not reached with ${back ? 'Shift+Tab' : 'Tab'}; passed: ${seen.slice(-8).join(' | ')}`);
}

const states = (page) => page.locator('.goal').evaluateAll((n) => n.map((x) => x.dataset.passed));

test('exercise 1 solved with the keyboard alone', async () => {
  const { page } = app;
  await page.goto(app.url);
  await page.locator('.exercise-item').first().waitFor();

  // The skip link comes first, then the nav, then the exercises.
  let f = await tabTo(page, (x) => x.tag === 'a', { what: 'the skip link' });
  assert.match(f.text, /Skip to content/);
  await tabTo(page, (x) => x.tag === 'a' && /Peer a new VPC/.test(x.text), { what: 'exercise 1 in the list' });
  await page.keyboard.press('Enter');
  await page.locator('#exercise-title').waitFor();
  f = await focused(page);
  assert.equal(f.tag, 'h1', 'focus moves to the exercise title');
  assert.match(f.text, /Peer a new VPC/);

  // Tabs: the tab list is one stop; the arrow keys move between tabs.
  await tabTo(page, (x) => x.role === 'tab', { what: 'the tab list' });
  await page.keyboard.press('ArrowRight');
  f = await focused(page);
  assert.equal(f.text, 'Actions');
  assert.equal(f.selected, 'true');

  // Create peering connection: open the card, keep the preselected VPCs, submit.
  await tabTo(page, (x) => x.tag === 'summary' && /Create peering connection/.test(x.text), { what: 'the peering form' });
  await page.keyboard.press('Enter');
  await tabTo(page, (x) => x.key === 'request_peering:submit', { what: 'the Create button' });
  await page.keyboard.press('Enter');
  await page.locator('.d-peering[data-status="pending-acceptance"]').waitFor();
  f = await focused(page);
  assert.equal(f.key, 'request_peering:submit', 'focus stays on the button after the redraw');

  // Accept it.
  await tabTo(page, (x) => x.tag === 'summary' && /Accept peering connection/.test(x.text), { what: 'the accept form' });
  await page.keyboard.press('Enter');
  await tabTo(page, (x) => x.key === 'accept_peering:submit', { what: 'the Accept button' });
  await page.keyboard.press('Enter');
  await page.locator('.d-peering[data-status="active"]').waitFor();

  // Back to the tab list, then the Route tables tab.
  await tabTo(page, (x) => x.role === 'tab', { back: true, what: 'the tab list (backwards)' });
  await page.keyboard.press('Home');
  f = await focused(page);
  assert.equal(f.text, 'Route tables');

  for (const [table, cidr] of [
    [VPC1_MAIN, '172.31.0.0/16'],
    [DEFAULT_MAIN, '10.1.0.0/16'],
  ]) {
    await tabTo(page, (x) => x.key === `${table}:dest`, { what: `the destination of ${table}` });
    await page.keyboard.type(cidr);
    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.equal(f.key, `${table}:target`);
    // Type-ahead in the closed select picks the first option starting with "pcx".
    await page.keyboard.type('pcx');
    assert.match(await page.locator(`[data-key="${table}:target"]`).inputValue(), /^pcx-/);
    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.equal(f.key, `${table}:add`);
    await page.keyboard.press('Enter');
    await page.locator(`.rt-card[data-route-table="${table}"] tr[data-destination="${cidr}"]`).waitFor();
  }

  await page.locator('.banner:not([hidden])').waitFor();
  assert.ok((await states(page)).every((s) => s === 'true'));

  // Undo by keyboard from the tab list (not a text field): one goal fails again, redo restores.
  await tabTo(page, (x) => x.role === 'tab', { back: true, what: 'the tab list' });
  await page.keyboard.press('Control+Z');
  assert.ok((await states(page)).some((s) => s === 'false'));
  await page.keyboard.press('Control+Y');
  assert.ok((await states(page)).every((s) => s === 'true'));
  assert.deepEqual(app.problems, []);
});

test('no keyboard trap: Tab walks the whole exercise page and comes back round', async () => {
  const { page } = app;
  await page.locator('#exercise-title').focus();
  const seen = new Set();
  let wrapped = false;
  for (let i = 0; i < 400 && !wrapped; i += 1) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    const id = `${f.tag}|${f.key}|${f.text}`;
    if (f.tag === 'a' && /Skip to content/.test(f.text) && seen.size > 10) wrapped = true;
    seen.add(id);
  }
  assert.ok(wrapped, `Tab did not come back to the top after ${seen.size} stops`);
  assert.deepEqual(app.problems, []);
});
