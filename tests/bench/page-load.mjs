// Page-load benchmark: how long the page takes to become useful, in Debian's Chromium driven by
// playwright-core, served from this repository by a static server on 127.0.0.1 (a free port).
// Run by `cargo xtask bench-page`, which builds www/pkg first; or directly:
//
//   node tests/bench/page-load.mjs [--runs N] [--no-gzip] [--profile NAME] [--root DIR]
//
// --profile unthrottled|throttled runs only that profile; --root DIR serves another copy of the
// page (a directory holding index.html and www/, www/pkg built) instead of this repository, so
// two versions can be compared one after the other under the same conditions; --raw also prints,
// per profile, a line `RAW <profile> {metric: [ms of each run]}` (to pool several invocations).
//
// Two profiles: the machine as it is, and a throttled one (DevTools Protocol: 10 Mbit/s down and
// up, 40 ms latency, CPU slowed 4×). Each profile does one warm-up run (not counted) then N runs
// (default 10), each in a fresh browser context with the HTTP cache disabled, so the wasm is
// really fetched and compiled every time. Per run, in the page's own clock (performance.now(),
// 0 = navigation start, or the click for the last two):
//
// - DOMContentLoaded (the module scripts, not the wasm, are loaded by then);
// - wasm fetched: the wasm response's last byte (Resource Timing responseEnd);
// - list drawn: the first `.exercise-item` in the DOM (main.js draws the list only after the
//   wasm is instantiated and the views mounted), then the next frame;
// - open exercise 1: click on the first exercise of the list → its goals (`.goal`) in the shown
//   exercise view, then the next frame;
// - first exercise interactive: a second page load, in its own fresh context, straight to
//   #exercises/FIRST (the list's first exercise, as a bookmark or a teacher's link opens it) →
//   its goals (`.goal`) drawn in the shown exercise view and the editor's action forms there
//   (`.action-card form`), then the next frame; from navigation start;
// - add a route: in exercise peer-default-vpc, its "Add route" form submitted (VPC-1's main
//   table, 172.31.0.0/16 → the peering, set up first by clicks and not timed) → the goals list
//   redrawn from the new check, then the next frame. This is the whole path of a learner's
//   action: Session.applyAction, then the editor, diagram, goals and history redrawn.
//
// "Next frame" is requestAnimationFrame then a zero timeout: the frame with the change has been
// produced (this waits up to one vsync interval, ~16 ms, so it is coarse).
//
// Bytes are those of the page's own requests (Resource Timing transferSize: body as sent plus
// headers; decodedBodySize: the file). The server gzips (level 6, as static hosts typically do)
// unless --no-gzip. Any console error, page error or failed request aborts the benchmark.

import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, MIME } from '../e2e/harness.mjs';

let ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const PREFIX = '/vpclab/';

// The exercise the route is added in, and its ids (as in tests/e2e/playground.test.mjs).
const EX1 = 'peer-default-vpc';
const VPC1_MAIN = 'rtb-00ed00402fb9aca4c';
const ROUTE_DESTINATION = '172.31.0.0/16';

const PROFILES = [
  { name: 'unthrottled', note: 'loopback network, CPU as is' },
  {
    name: 'throttled',
    note: '10 Mbit/s down and up, 40 ms latency, CPU slowed 4×',
    network: { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 },
    cpuRate: 4,
  },
];

function parseArgs(argv) {
  const opts = { runs: 10, gzip: true, profile: null, root: null, raw: false };
  const usage = 'usage: node tests/bench/page-load.mjs [--runs N] [--no-gzip] [--profile NAME] [--root DIR] [--raw]';
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--no-gzip') opts.gzip = false;
    else if (a === '--raw') opts.raw = true;
    else if (a === '--profile' || a === '--root') {
      const v = argv[(i += 1)];
      if (v === undefined) throw new Error(`${a} wants a value; ${usage}`);
      if (a === '--root') opts.root = path.resolve(v);
      else if (!PROFILES.some((p) => p.name === v)) throw new Error(`--profile wants one of ${PROFILES.map((p) => p.name).join(', ')}, not '${v}'`);
      else opts.profile = v;
    }
    else if (a === '--runs' || a.startsWith('--runs=')) {
      const v = a === '--runs' ? argv[(i += 1)] : a.slice('--runs='.length);
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--runs wants a whole number of at least 1, not '${v}'`);
      opts.runs = n;
    } else {
      throw new Error(`unknown argument '${a}'; ${usage}`);
    }
  }
  return opts;
}

/** The repository root at PREFIX, gzipped when the browser accepts it (compressed once per file). */
async function startServer(gzip) {
  const realRoot = await realpath(ROOT);
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    if (!pathname.startsWith(PREFIX)) return send(404, 'not found\n');
    const segments = pathname.slice(PREFIX.length).split('/').filter((s) => s && s !== '.');
    if (segments.some((s) => s.startsWith('.') || /[\\\0]/.test(s))) return send(403, 'forbidden\n');
    try {
      let file = await realpath(path.join(realRoot, ...segments));
      if (file !== realRoot && !file.startsWith(realRoot + path.sep)) return send(403, 'forbidden\n');
      const info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, 'index.html');
      }
      let body = await readFile(file);
      const headers = { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${file}:${body.length}:${info.mtimeMs}`;
        if (!compressed.has(key)) compressed.set(key, gzipSync(body, { level: 6 }));
        body = compressed.get(key);
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      send(200, body, headers);
    } catch {
      send(404, 'not found\n');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}${PREFIX}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

/** Installed before the page's scripts: notes when the exercise list first appears. */
function watchList() {
  window.__bench = {};
  const seen = new MutationObserver(() => {
    if (!document.querySelector('.exercise-item')) return;
    seen.disconnect();
    window.__bench.listDom = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        window.__bench.listFrame = performance.now();
      }, 0),
    );
  });
  seen.observe(document, { childList: true, subtree: true });
}

/** Installed before the page's scripts: notes when an exercise opened by its link is usable. */
function watchExercise() {
  window.__bench = {};
  const seen = new MutationObserver(() => {
    const view = document.querySelector('#exercises .exercise-view');
    if (!view || view.hidden || !view.querySelector('.goal') || !view.querySelector('.action-card form')) return;
    seen.disconnect();
    window.__bench.exerciseDom = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        window.__bench.exerciseFrame = performance.now();
      }, 0),
    );
  });
  seen.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
}

/** A fresh context navigating straight to exercise `id`: when it is usable, from navigation start. */
async function runDirect(browser, url, profile, id) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  try {
    await context.addInitScript(watchExercise);
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
    if (profile.cpuRate) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate });
    await page.goto(`${url}#exercises/${id}`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.__bench?.exerciseFrame !== undefined, null, { timeout: 60_000 });
    const times = await page.evaluate(() => ({ dom: window.__bench.exerciseDom, frame: window.__bench.exerciseFrame }));
    if (problems.length) throw new Error(`the page had problems:\n${problems.join('\n')}`);
    return times;
  } finally {
    await context.close();
  }
}

/**
 * In the page: runs `act()`, waits until `done()` holds (checked on every DOM change), then for
 * the next frame. Returns the two times since just before `act`, in ms.
 */
async function timeInPage({ kind, rtb }) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  let act;
  let done;
  if (kind === 'open') {
    const link = document.querySelector('.exercise-item a');
    act = () => link.click();
    done = () => {
      const view = document.querySelector('.exercise-view');
      return Boolean(view && !view.hidden && view.querySelector('.goal'));
    };
  } else {
    const form = document.querySelector(`form.route-add[data-route-table="${rtb}"]`);
    const goals = document.querySelector('#exercises ol.goals');
    const before = goals.firstElementChild;
    act = () => form.querySelector('button[type="submit"]').click();
    // The goals panel replaces its items on every check: a new first item is a redraw.
    done = () => goals.firstElementChild && goals.firstElementChild !== before;
  }
  const t0 = performance.now();
  const reached = new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (!done()) return;
      watch.disconnect();
      resolve(performance.now());
    });
    watch.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
  });
  act();
  const tDom = await reached;
  await frame();
  return { dom: tDom - t0, frame: performance.now() - t0 };
}

/** Picks the option of `select` whose text contains `text`. */
async function choose(select, text) {
  const value = await select.evaluate((s, t) => [...s.options].find((o) => o.textContent.includes(t))?.value ?? null, text);
  if (value == null) throw new Error(`no option containing '${text}' in the form`);
  await select.selectOption(value);
}

async function actionForm(page, action) {
  await page.getByRole('tab', { name: 'Actions' }).click();
  const card = page.locator(`details.action-card[data-action="${action}"]`);
  if (!(await card.evaluate((d) => d.open))) await card.locator('summary').click();
  return card.locator('form');
}

/** One run in a fresh context: returns its times (ms) and the bytes by kind of file. */
async function run(browser, url, profile) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  try {
    await context.addInitScript(watchList);
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
    if (profile.cpuRate) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate });

    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.__bench?.listFrame !== undefined, null, { timeout: 60_000 });
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      const files = [nav, ...performance.getEntriesByType('resource')].map((r) => ({
        name: r.name,
        transfer: r.transferSize,
        decoded: r.decodedBodySize,
      }));
      return { dcl: nav.domContentLoadedEventStart, wasm: wasm?.responseEnd ?? NaN, list: window.__bench.listFrame, files };
    });

    const first = await page.locator('.exercise-item').first().getAttribute('data-exercise');
    const open = await page.evaluate(timeInPage, { kind: 'open' });

    // Set-up for the timed route, not timed: exercise EX1 opened by its link (main.js's hashchange
    // listener, added before this one, has drawn it when this one runs), then a peering from
    // VPC-1 to the default VPC, requested and accepted.
    await page.evaluate(
      (id) =>
        new Promise((resolve) => {
          window.addEventListener('hashchange', resolve, { once: true });
          location.hash = `#exercises/${id}`;
        }),
      EX1,
    );
    let form = await actionForm(page, 'request_peering');
    await choose(form.getByLabel('VPC ID (Requester)'), 'VPC-1');
    await choose(form.getByLabel('VPC ID (Accepter)'), 'default VPC');
    await form.getByRole('button', { name: 'Create peering connection' }).click();
    const pcx = await page.locator('.d-peering').getAttribute('data-id');
    form = await actionForm(page, 'accept_peering');
    await form.getByLabel('Peering connection').selectOption(pcx);
    await form.getByRole('button', { name: 'Accept request' }).click();
    await page.getByRole('tab', { name: 'Route tables' }).click();
    const routeForm = page.locator(`form.route-add[data-route-table="${VPC1_MAIN}"]`);
    await routeForm.getByLabel('Destination').fill(ROUTE_DESTINATION);
    await routeForm.getByLabel('Target', { exact: true }).selectOption(pcx);

    const route = await page.evaluate(timeInPage, { kind: 'route', rtb: VPC1_MAIN });
    const row = page.locator(`.rt-card[data-route-table="${VPC1_MAIN}"] tr[data-destination="${ROUTE_DESTINATION}"]`);
    if ((await row.count()) !== 1) throw new Error(`the route to ${ROUTE_DESTINATION} is not in ${VPC1_MAIN}'s table after the timed submit`);
    if (problems.length) throw new Error(`the page had problems:\n${problems.join('\n')}`);
    return {
      times: {
        dcl: load.dcl,
        wasm: load.wasm,
        list: load.list,
        openDom: open.dom,
        openFrame: open.frame,
        routeDom: route.dom,
        routeFrame: route.frame,
      },
      files: load.files,
      first,
    };
  } finally {
    await context.close();
  }
}

const METRICS = [
  ['dcl', 'DOMContentLoaded (from navigation start)'],
  ['wasm', 'wasm fetched (its last byte)'],
  ['list', 'engine ready, exercise list drawn (next frame)'],
  ['exerciseDom', 'first exercise interactive (FIRST opened by its link): goals and action forms in the DOM'],
  ['exerciseFrame', 'first exercise interactive (FIRST opened by its link): next frame'],
  ['openDom', 'open exercise 1 (FIRST): click → goals in the DOM'],
  ['openFrame', 'open exercise 1 (FIRST): click → next frame'],
  ['routeDom', `add a route (${EX1}): submit → goals redrawn in the DOM`],
  ['routeFrame', `add a route (${EX1}): submit → next frame`],
];

function median(sorted) {
  const m = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const int = (v) => v.toLocaleString('en-US');

function timesTable(results) {
  const lines = ['| metric | min ms | median ms | max ms |', '| --- | ---: | ---: | ---: |'];
  for (const [key, label] of METRICS) {
    const values = results.map((r) => r.times[key]).sort((a, b) => a - b);
    lines.push(`| ${label.replace('FIRST', results[0].first)} | ${ms(values[0])} | **${ms(median(values))}** | ${ms(values.at(-1))} |`);
  }
  return lines.join('\n');
}

function kindOf(name) {
  const p = new URL(name).pathname;
  if (p.endsWith('.wasm')) return 'wasm';
  if (p.endsWith('.js')) return 'JS';
  if (p.endsWith('.css')) return 'CSS';
  if (p.endsWith('.json')) return 'JSON';
  if (p.endsWith('/') || p.endsWith('.html')) return 'HTML';
  return 'other';
}

function bytesTable(files) {
  const kinds = new Map();
  for (const f of files) {
    const k = kindOf(f.name);
    const sum = kinds.get(k) ?? { files: 0, transfer: 0, decoded: 0 };
    sum.files += 1;
    sum.transfer += f.transfer;
    sum.decoded += f.decoded;
    kinds.set(k, sum);
  }
  const order = ['wasm', 'JS', 'JSON', 'CSS', 'HTML', 'other'].filter((k) => kinds.has(k));
  const lines = ['| files | requests | transferred bytes | file bytes |', '| --- | ---: | ---: | ---: |'];
  const total = { files: 0, transfer: 0, decoded: 0 };
  for (const k of order) {
    const s = kinds.get(k);
    lines.push(`| ${k} | ${s.files} | ${int(s.transfer)} | ${int(s.decoded)} |`);
    total.files += s.files;
    total.transfer += s.transfer;
    total.decoded += s.decoded;
  }
  const wjc = ['wasm', 'JS', 'CSS'].filter((k) => kinds.has(k)).map((k) => kinds.get(k));
  lines.push(
    `| wasm + JS + CSS | ${wjc.reduce((a, s) => a + s.files, 0)} | ${int(wjc.reduce((a, s) => a + s.transfer, 0))} | ${int(wjc.reduce((a, s) => a + s.decoded, 0))} |`,
  );
  lines.push(`| **all** | ${total.files} | **${int(total.transfer)}** | ${int(total.decoded)} |`);
  return lines.join('\n');
}

function machine() {
  const cpu = os.cpus();
  let debian = '';
  try {
    debian = readFileSync('/etc/debian_version', 'utf8').trim();
  } catch {
    debian = '';
  }
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}${debian ? ` (Debian ${debian})` : ''}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.root) {
    if (!existsSync(path.join(opts.root, 'index.html'))) throw new Error(`--root ${opts.root} has no index.html`);
    ROOT = opts.root;
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (cargo xtask test installs it)`);
  for (const f of ['www/pkg/vpclab_wasm.js', 'www/pkg/vpclab_wasm_bg.wasm']) {
    if (!existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: build it first (cargo xtask bench-page does)`);
  }
  const server = await startServer(opts.gzip);
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    const out = [
      `Chromium ${browser.version()} (headless, playwright-core), Node ${process.version}; ${machine()}.`,
      `Served from 127.0.0.1 ${opts.root ? `(${opts.root}) ` : ''}${opts.gzip ? 'with gzip (level 6)' : 'uncompressed'}; 1 warm-up run then ${opts.runs} measured runs per profile, each in a fresh browser context with the HTTP cache disabled.`,
    ];
    let files = null;
    for (const profile of PROFILES.filter((p) => !opts.profile || p.name === opts.profile)) {
      process.stderr.write(`${profile.name}: warm-up`);
      await run(browser, server.url, profile);
      const results = [];
      for (let i = 0; i < opts.runs; i += 1) {
        process.stderr.write(` ${i + 1}`);
        const r = await run(browser, server.url, profile);
        const direct = await runDirect(browser, server.url, profile, r.first);
        r.times.exerciseDom = direct.dom;
        r.times.exerciseFrame = direct.frame;
        results.push(r);
      }
      process.stderr.write('\n');
      files ??= results[0].files;
      out.push('', `**${profile.name}** (${profile.note}), ${opts.runs} runs:`, '', timesTable(results));
      if (opts.raw) out.push('', `RAW ${profile.name} ${JSON.stringify(Object.fromEntries(METRICS.map(([key]) => [key, results.map((r) => r.times[key])])))}`);
    }
    out.push('', 'Bytes per page load, up to the exercise list (first measured run):', '', bytesTable(files));
    console.log(out.join('\n'));
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(`page-load: ${err.message}`);
  process.exitCode = 1;
});
