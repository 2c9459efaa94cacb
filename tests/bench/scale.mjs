// The scale budget in the page: the 100,000-route synthetic estate (vpclab_core::synth, default
// parameters, 16 MB of AWS CLI JSON) loaded into the sandbox, whose engine runs in a Web Worker,
// and its reach queries timed in wasm. Run by `cargo xtask bench-scale`, which writes the estate
// to target/bench/synth-1000.json (with --dual-stack: the IPv6 variant, synth-1000-ds.json, the
// same queries, which are IPv4) and builds www/pkg; or directly:
//
//   node tests/bench/scale.mjs --estate target/bench/synth-1000.json [--queries N] [--draw-timeout S]
//
// 1. The page (index.html, served from 127.0.0.1 with COOP/COEP so its clock is fine-grained):
//    the file picked in the sandbox → the worker's answer (the busy note goes) → "Loaded …
//    VPCs" drawn, in the page's clock, and the longest gap between animation frames up to the
//    worker's answer (the import is in the worker; the drawing of the result is not, and may
//    take longer than --draw-timeout seconds, default 120: then it is reported as such, the page
//    is closed and step 2 skipped).
// 2. A trace asked in the sandbox's Trace tab (VPC 0 → VPC 500 over the transit gateway): click
//    → the result drawn (the worker's answer plus the page's drawing).
// 3. The engine alone in a module worker (tests/bench/scale-worker.js), as the sandbox's worker
//    runs it: Session.loadDocuments of the same text, then each reach query --queries times
//    (default 30), per-query performance.now(). The same two queries as the native
//    `cargo bench -p vpclab-core --bench scale` (reach_query_tgw, reach_query_peering).

import path from 'node:path';
import { ROOT, fmt, openBenchPage, parseArgs, startServer, stats } from './lib.mjs';

const USAGE = 'usage: node tests/bench/scale.mjs --estate FILE [--queries N] [--answer-timeout S] [--draw-timeout S] [--glue www/pkg/fast/vpclab_wasm.js] [--steps all|engine]';
const QUERIES = [
  { name: 'reach_query_tgw', from: 'i-000000', to: 'i-000500', protocol: 'tcp', port: 22 },
  { name: 'reach_query_peering', from: 'i-000003', to: 'i-000010', protocol: 'tcp', port: 22 },
];

async function main() {
  const opts = parseArgs(process.argv.slice(2), { estate: '', queries: 30, 'answer-timeout': 300, 'draw-timeout': 120, glue: 'www/pkg/fast/vpclab_wasm.js', steps: 'all' }, USAGE);
  if (!['all', 'engine'].includes(opts.steps)) throw new Error(`--steps is all or engine, not '${opts.steps}'\n${USAGE}`);
  if (!opts.estate) throw new Error(`--estate is required\n${USAGE}`);
  const estate = path.resolve(opts.estate);
  if (!estate.startsWith(`${ROOT}/`)) throw new Error(`the estate must be inside the repository (${ROOT}), not ${estate}`);
  const estateUrl = `/${path.relative(ROOT, estate)}`;
  const server = await startServer();
  const bench = await openBenchPage(server);
  let { page } = bench;
  try {
    console.log(`Chromium ${bench.browserVersion}, cross-origin isolated: ${bench.isolated}, engine ${opts.glue}, estate ${estateUrl}`);

    // 3 (run first, on the blank page). The engine alone in a worker.
    const engine = await page.evaluate(
      ({ glue, url, queries, n }) =>
        new Promise((resolve) => {
          const w = new Worker(new URL('/tests/bench/scale-worker.js', location.href), { type: 'module' });
          w.addEventListener('message', (e) => {
            resolve(e.data);
            w.terminate();
          });
          w.postMessage({ glue: new URL(`/${glue}`, location.href).href, url, queries, n });
        }),
      { glue: opts.glue, url: estateUrl, queries: QUERIES, n: opts.queries },
    );
    if (!engine.ok) throw new Error(engine.error);

    console.log('\n| what | time |');
    console.log('| --- | ---: |');
    if (opts.steps === 'all') {
      // 1. The sandbox: pick the file, wait for the estate drawn; frames watched meanwhile.
      await page.goto(`${server.url}index.html#sandbox`);
      await page.locator('#sandbox-title').waitFor();
      await page.evaluate(() => {
        const input = document.querySelector('#sandbox-files');
        const status = document.querySelector('#sandbox .import-status');
        const busy = document.querySelector('#sandbox .import-busy');
        const w = { picked: null, answered: null, loaded: null, drawn: null, maxGap: 0, frames: 0 };
        window.__scale = w;
        input.addEventListener('change', () => {
          w.picked = performance.now();
          let last = w.picked;
          const tick = (now) => {
            w.maxGap = Math.max(w.maxGap, now - last);
            last = now;
            w.frames += 1;
            if (w.answered == null) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }, { capture: true });
        // The proxy hides the busy note when the worker's answer arrives, before the page draws it.
        new MutationObserver(() => {
          if (w.picked != null && w.answered == null && busy.hidden) w.answered = performance.now();
        }).observe(busy, { attributes: true });
        new MutationObserver(() => {
          if (w.loaded == null && /1000 VPCs/.test(status.textContent)) {
            w.loaded = performance.now();
            requestAnimationFrame(() => setTimeout(() => (w.drawn = performance.now())));
          }
        }).observe(status, { childList: true, characterData: true, subtree: true });
      });
      await page.locator('#sandbox-files').setInputFiles(estate);
      let answered = null;
      let partial = null;
      let load = null;
      try {
        await page.waitForFunction(() => window.__scale.answered != null, null, { timeout: opts['answer-timeout'] * 1000, polling: 500 });
        answered = await page.evaluate(() => ({ ...window.__scale }));
        await page.locator('#sandbox .import-status').filter({ hasText: '1000 VPCs' }).waitFor({ timeout: opts['draw-timeout'] * 1000 });
        await page.waitForFunction(() => window.__scale.drawn != null);
        load = await page.evaluate(() => window.__scale);
        const error = await page.locator('#sandbox-error').textContent();
        if (error) throw new Error(`the sandbox refused the estate: ${error}`);
      } catch (err) {
        if (err.name !== 'TimeoutError') throw err;
        const sofar = await Promise.race([page.evaluate(() => ({ ...window.__scale })), new Promise((resolve) => setTimeout(() => resolve(null), 5000))]).catch(() => null);
        if (!answered) partial = sofar;
        // The page is still busy or drawing: close it (the browser can, whatever its main thread does).
        await page.close();
        page = await bench.page.context().newPage();
        await page.goto(`${server.url}__bench.html`);
      }
      if (answered) {
        console.log(`| sandbox: file picked → the worker's answer (import, validation, view, endpoints, saved state) | ${fmt(answered.answered - answered.picked)} |`);
        console.log(`| sandbox: longest gap between animation frames until the worker answered (${answered.frames} frames) | ${fmt(answered.maxGap)} |`);
      } else {
        const w = partial;
        console.log(`| sandbox: file picked → the worker's answer | not within ${opts['answer-timeout']} s |`);
        if (w) console.log(`| sandbox: longest gap between animation frames while waiting (${w.frames} frames) | ${fmt(w.maxGap)} |`);
      }
      if (load) {
        console.log(`| sandbox: file picked → "Loaded … 1000 VPCs" in the DOM (drawn by the page) | ${fmt(load.loaded - load.picked)} |`);
        console.log(`| sandbox: file picked → next frame after it | ${fmt(load.drawn - load.picked)} |`);
      } else {
        console.log(`| sandbox: file picked → the estate drawn by the page | not within ${opts['draw-timeout']} s (page closed) |`);
      }
      const ui = [];
      // 2. One trace asked in the Trace tab.
      if (load) {
        const sandbox = page.locator('#sandbox');
        await sandbox.getByRole('tab', { name: 'Trace' }).click();
        const panel = sandbox.locator('.trace-panel');
        await panel.getByLabel('From', { exact: true }).selectOption('i-000000');
        await panel.getByLabel('To', { exact: true }).selectOption('i-000500');
        await panel.getByLabel('Port').fill('22');
        for (let i = 0; i < 5; i += 1) {
          await page.evaluate(() => {
            const r = document.querySelector('#sandbox .trace-output');
            r.replaceChildren();
            window.__t0 = null;
            document.querySelector('#sandbox .trace-form button[type="submit"]').addEventListener('click', () => (window.__t0 = performance.now()), { once: true, capture: true });
          });
          await panel.getByRole('button', { name: 'Trace' }).click();
          await panel.locator('.trace-result').waitFor();
          ui.push(await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - window.__t0))))));
        }
        const reachable = await panel.locator('.trace-result').getAttribute('data-reachable');
        console.log(`| sandbox: Trace tab, VPC 0 → VPC 500, click → result drawn, median of 5 (reachable: ${reachable}) | ${fmt(stats(ui).median)} |`);
      }
    }

    console.log(`| engine alone in a worker: Session.loadDocuments (parse + import) | ${fmt(engine.loadMs)} |`);
    console.log(`\nestate: ${engine.bytes.toLocaleString('en')} bytes of JSON; ${JSON.stringify(engine.summary)}`);
    console.log(`\nReach queries, engine in a worker, ${opts.queries} each (Session.reach: trace with the kept topology, result to JS; the first query, which builds the topology, not counted):`);
    console.log('| query | reachable | min | median | p95 | max |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const r of engine.results) {
      const st = stats(r.samples);
      console.log(`| \`${QUERIES.find((q) => q.from === r.from).name}\` ${r.from} → ${r.to} | ${r.reachable} | ${fmt(st.min)} | **${fmt(st.median)}** | ${fmt(st.p95)} | ${fmt(st.max)} |`);
    }
    console.log(`\nOf which the answer (JSON text → JSON.parse in the glue), timed alone in the same worker, ${opts.queries} each:`);
    console.log('| query | answer | JSON.parse median |');
    console.log('| --- | ---: | ---: |');
    for (const r of engine.results) {
      console.log(`| \`${QUERIES.find((q) => q.from === r.from).name}\` | ${r.answerBytes.toLocaleString('en')} bytes | ${fmt(stats(r.parse).median)} |`);
    }
    if (bench.problems.length) throw new Error(bench.problems.join('\n'));
  } finally {
    await bench.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err.stack ?? err);
  process.exit(1);
});
