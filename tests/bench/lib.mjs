// Shared by the engine benchmarks in wasm (check.mjs, scale.mjs): a static server for the
// repository on 127.0.0.1 (a free port) and Debian's headless Chromium driven by playwright-core.
//
// The server sends Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy, so the page is
// cross-origin isolated and performance.now() has Chromium's fine resolution (5 µs) instead of
// the coarse 100 µs of an ordinary page: the benchmarks time sub-millisecond calls one by one.
// `/__bench.html` is an empty page (no script) to run the measurements in.

import { createServer } from 'node:http';
import { mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, MIME } from '../e2e/harness.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cache-control': 'no-cache',
};
const BLANK = '<!doctype html><html lang="en"><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"><body></body></html>';

/** Serves ROOT at http://127.0.0.1:PORT/ (plus `extra`: a Map of path → {type, body}). */
export async function startServer(extra = new Map()) {
  const realRoot = await realpath(ROOT);
  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, ...ISOLATION });
      res.end(body);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (pathname === '/__bench.html') return send(200, BLANK, MIME['.html']);
    if (extra.has(pathname)) {
      const { type, body } = extra.get(pathname);
      return send(200, body, type);
    }
    const segments = pathname.split('/').filter((s) => s && s !== '.');
    if (segments.some((s) => s.startsWith('.') || /[\\\0]/.test(s))) return send(403, 'forbidden\n');
    try {
      const file = await realpath(path.join(realRoot, ...segments));
      if (!file.startsWith(realRoot + path.sep) || !(await stat(file)).isFile()) return send(404, 'not found\n');
      send(200, await readFile(file), MIME[path.extname(file)] ?? 'application/octet-stream');
    } catch {
      send(404, 'not found\n');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

/** A headless Chromium with a fresh profile; the blank bench page open. Returns {page, browserVersion, close}. */
export async function openBenchPage(server) {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'vpclab-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  await page.goto(`${server.url}__bench.html`);
  const isolated = await page.evaluate(() => self.crossOriginIsolated);
  return {
    page,
    problems,
    isolated,
    browserVersion: context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent)),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** min / median / p95 / max / mean of a list of numbers. */
export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (q) => v[Math.min(v.length - 1, Math.floor(q * (v.length - 1) + 0.5))];
  return { n: v.length, min: v[0], median: at(0.5), p95: at(0.95), max: v[v.length - 1], mean: v.reduce((a, b) => a + b, 0) / v.length };
}

/** A number of milliseconds as µs or ms, three significant digits. */
export function fmt(ms) {
  return ms < 1 ? `${(ms * 1000).toPrecision(3)} µs` : `${ms.toPrecision(3)} ms`;
}

/** `--name value` / `--name=value` options with defaults; unknown ones are refused. */
export function parseArgs(argv, defaults, usage) {
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const [name, inline] = a.startsWith('--') ? a.slice(2).split(/=(.*)/s) : [null];
    if (!name || !(name in defaults)) throw new Error(`unknown argument '${a}'\n${usage}`);
    const raw = inline ?? argv[(i += 1)];
    if (raw === undefined) throw new Error(`--${name} wants a value\n${usage}`);
    opts[name] = typeof defaults[name] === 'number' ? Number(raw) : raw;
    if (typeof defaults[name] === 'number' && !(Number.isInteger(opts[name]) && opts[name] > 0)) throw new Error(`--${name} wants a whole number above 0, not '${raw}'`);
  }
  return opts;
}
