// Shared set-up for the end-to-end tests: a static server for the repository root under a
// sub-path (so any absolute URL in the page breaks the test), and Debian's Chromium driven by
// playwright-core with a fresh profile. Every console error, page error and failed request is
// collected in `problems`; tests assert it stays empty.

import { createServer } from 'node:http';
import { mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** Where the page is mounted on the test server. */
export const SUB_PATH = '/some/sub/path/';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves `root` at http://127.0.0.1:PORT`prefix` on a free port. Nothing outside `root`, no
 * hidden files, no listings. Returns `{ url, close }`.
 */
export async function startServer(root = ROOT, prefix = SUB_PATH) {
  const realRoot = await realpath(root);
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
    if (pathname === prefix.slice(0, -1)) return send(301, '', { location: prefix });
    if (!pathname.startsWith(prefix)) return send(404, 'not found\n');
    const segments = pathname.slice(prefix.length).split('/').filter((s) => s && s !== '.');
    if (segments.some((s) => s.startsWith('.') || /[\\\0]/.test(s))) return send(403, 'forbidden\n');
    try {
      let file = await realpath(path.join(realRoot, ...segments));
      if (file !== realRoot && !file.startsWith(realRoot + path.sep)) return send(403, 'forbidden\n');
      if ((await stat(file)).isDirectory()) {
        if (!pathname.endsWith('/')) return send(301, '', { location: `${pathname}/` });
        file = path.join(file, 'index.html');
      }
      const body = await readFile(file);
      const type = MIME[path.extname(file)] ?? 'application/octet-stream';
      send(200, body, { 'content-type': type, 'cache-control': 'no-cache' });
    } catch {
      send(404, 'not found\n');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

/**
 * Starts the server (or uses `server`, a `startServer()` answer, left running on close) and a
 * headless Chromium with a fresh profile, and opens one page of `viewport` size.
 * Returns `{ url, page, context, problems, close }`.
 */
export async function openApp({ server: shared = null, viewport = { width: 1100, height: 900 } } = {}) {
  const server = shared ?? (await startServer());
  const profile = await mkdtemp(path.join(os.tmpdir(), 'vpclab-e2e-profile-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport,
    });
  } catch (err) {
    if (!shared) await server.close();
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A download's blob: URL is not a failed request of the page, nor is one the browser
    // cancelled because the test navigated or reloaded while it was in flight (ERR_ABORTED: seen
    // when the machine is busy, e.g. two test files at a time).
    if (req.url().startsWith('blob:') || req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return {
    url: server.url,
    server,
    page,
    context,
    problems,
    async close() {
      await context.close();
      if (!shared) await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs axe-core in the page and returns its violations (empty when accessible), each as
 * "impact id: help (targets)" when `withImpact`, else "id: help (targets)".
 */
export async function axeViolations(page, { withImpact = false } = {}) {
  // From the test server (same origin), not inline: the page's Content-Security-Policy forbids
  // inline scripts. The page is served at the repository root's URL.
  await page.addScriptTag({ url: new URL('tests/node_modules/axe-core/axe.min.js', page.url()).href });
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return violations.map((v) => ({ impact: v.impact, text: `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})` }));
  }).then((list) => list.map((v) => (withImpact ? `${v.impact} ${v.text}` : v.text)));
}
