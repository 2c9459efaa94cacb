// The CIDR calculator in Debian's Chromium, served under a sub-path: values shown, a bad input
// and its message, a split and its count, keyboard reach, axe-core checks, a narrow screen.
// Any console error, page error or failed request fails the run. Leaves a screenshot in
// target/e2e/cidr.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, axeViolations, openApp } from './harness.mjs';

let app;

before(async () => {
  app = await openApp();
  await app.page.goto(`${app.url}#cidr`);
  await app.page.locator('#cidr-input').waitFor();
});

after(async () => {
  await app?.close();
});

const field = (key) => app.page.locator(`[data-field="${key}"]`).textContent();

test('the page loads under a sub-path with the calculator shown', async () => {
  const { page } = app;
  assert.ok(page.url().includes('/some/sub/path/'), page.url());
  assert.equal(await page.locator('#tools a[aria-current="page"]').textContent(), 'CIDR calculator');
  assert.equal(await page.locator('#cidr').isVisible(), true);
  assert.deepEqual(app.problems, []);
});

test('a block shows its addresses, sizes, reserved addresses and bits', async () => {
  const { page } = app;
  await page.getByLabel('CIDR block').fill('10.1.0.0/16');
  assert.equal(await field('network'), '10.1.0.0');
  assert.equal(await field('last'), '10.1.255.255');
  assert.equal(await field('netmask'), '255.255.0.0');
  assert.equal(await field('prefix_len'), '/16');
  assert.equal(await field('total'), '65,536');
  assert.equal(await field('aws_usable'), '65,531');

  const rows = await page.locator('.reserved-table tbody tr').allTextContents();
  assert.deepEqual(rows, [
    '10.1.0.0Network address',
    '10.1.0.1VPC router',
    '10.1.0.2Amazon DNS server',
    '10.1.0.3Reserved for future use',
    '10.1.255.255Last address (network broadcast is not supported)',
  ]);

  assert.equal(await page.locator('.bit').count(), 32);
  assert.equal(await page.locator('.bit.bit--net').count(), 16);
  const bits = (await page.locator('.bit').allTextContents()).join('');
  assert.equal(bits, '00001010000000010000000000000000');
  assert.deepEqual(await page.locator('.octet__value').allTextContents(), ['10', '1', '0', '0']);

  // A /28: 16 addresses, 11 usable; a /8 is not a subnet size, so nothing is reserved.
  await page.getByLabel('CIDR block').fill('192.0.2.16/28');
  assert.equal(await field('total'), '16');
  assert.equal(await field('aws_usable'), '11');
  assert.equal(await page.locator('.bit.bit--net').count(), 28);
  await page.getByLabel('CIDR block').fill('10.0.0.0/8');
  assert.equal(await field('aws_usable'), 'not a valid AWS subnet size');
  assert.equal(await page.locator('.reserved-table').count(), 0);
  assert.deepEqual(app.problems, []);
});

test('an IPv6 block shows its 128 bits and an exact total', async () => {
  const { page } = app;
  await page.getByLabel('CIDR block').fill('2001:db8::/56');
  assert.equal(await field('network'), '2001:db8::');
  assert.equal(await field('last'), '2001:db8:0:ff:ffff:ffff:ffff:ffff');
  assert.equal(await field('total'), '4,722,366,482,869,645,213,696');
  assert.equal(await page.locator('.bit').count(), 128);
  assert.equal(await page.locator('.bit.bit--net').count(), 56);
  assert.deepEqual(app.problems, []);
});

test('a bad block shows its message inline and the page recovers', async () => {
  const { page } = app;
  const input = page.getByLabel('CIDR block');
  await input.fill('10.0.0.1/16');
  const alert = page.locator('#cidr-error[role="alert"]');
  const message = await alert.textContent();
  assert.match(message, /10\.0\.0\.1\/16/);
  assert.match(message, /10\.0\.0\.0\/16/);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#cidr-result').isVisible(), false);

  await input.fill('not a cidr');
  assert.match(await alert.textContent(), /'not a cidr' is not a CIDR block/);

  await input.fill('10.0.0.0/16');
  assert.equal(await alert.textContent(), '');
  assert.equal(await input.getAttribute('aria-invalid'), null);
  assert.equal(await field('network'), '10.0.0.0');
  assert.deepEqual(app.problems, []);
});

test('a split lists its subnets a page at a time and refuses bad prefixes', async () => {
  const { page } = app;
  await page.getByLabel('CIDR block').fill('10.0.0.0/16');
  const prefix = page.getByLabel('New prefix length');
  await prefix.fill('24');
  assert.equal(
    await page.locator('#split-summary').textContent(),
    '256 subnets of /24, each 256 addresses, 251 usable in AWS.',
  );
  const items = page.locator('.subnets li');
  assert.equal(await items.count(), 64);
  assert.equal(await items.first().textContent(), '10.0.0.0/24');
  await page.getByRole('button', { name: /Show 64 more/ }).click();
  assert.equal(await items.count(), 128);
  assert.equal(await items.nth(127).textContent(), '10.0.127.0/24');

  await prefix.fill('18');
  assert.deepEqual(await items.allTextContents(), ['10.0.0.0/18', '10.0.64.0/18', '10.0.128.0/18', '10.0.192.0/18']);
  assert.equal(await page.locator('.more').isVisible(), false);

  await prefix.fill('8');
  assert.match(await page.locator('#split-error').textContent(), /must be \/16 to \/32/);
  assert.equal(await items.count(), 0);

  await prefix.fill('20');
  assert.equal(await items.count(), 16);
  assert.equal(await page.locator('#split-error').textContent(), '');
  assert.deepEqual(app.problems, []);
});

test('the keyboard reaches the input, and axe finds no accessibility violations', async () => {
  const { page } = app;
  await page.getByLabel('CIDR block').fill('10.0.0.0/16');
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 12 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'cidr-input');
  }
  assert.ok(reached, 'Tab never reached the CIDR input');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('172.31.0.0/20');
  assert.equal(await field('last'), '172.31.15.255');

  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel('CIDR block').fill('10.0.0.1/16');
  assert.deepEqual(await axeViolations(page), [], 'with an error shown');
  await page.getByLabel('CIDR block').fill('10.0.0.0/16');
  assert.deepEqual(app.problems, []);
});

test('readable at 390 px wide; screenshot saved', async () => {
  const { page } = app;
  const dir = path.join(ROOT, 'target/e2e');
  await mkdir(dir, { recursive: true });
  await page.getByLabel('CIDR block').fill('10.0.0.0/16');
  await page.getByLabel('New prefix length').fill('20');
  await page.screenshot({ path: path.join(dir, 'cidr.png'), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 390px`);
  await page.screenshot({ path: path.join(dir, 'cidr-390.png'), fullPage: true });
  assert.deepEqual(app.problems, []);
});
