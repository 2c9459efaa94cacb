// The check budget in wasm: applying an action and re-checking every goal of an exercise, as the
// page does on a learner's action (Session.applyAction, then Session.check), timed in Debian's
// headless Chromium on the release engine (www/pkg, built by `cargo xtask bench-check`).
//
//   node tests/bench/check.mjs [--iterations N] [--survey N] [--glue PATH]
//
// Per exercise, the Session holds the reference solution minus its last step; one iteration
// applies that step (JSON text, as the page sends it), checks (the verdict crosses to JavaScript,
// traces included), then undoes the step, untimed, for the next iteration. The same loop as the
// native `cargo bench -p vpclab-core --bench check`. Every exercise is surveyed (`--survey`
// iterations, default 200), then the largest ones get `--iterations` (default 3000). Each
// iteration is timed alone with performance.now() (the page is cross-origin isolated, so its
// resolution is 5 µs); the verdict must pass every time.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, fmt, openBenchPage, parseArgs, startServer, stats } from './lib.mjs';

const USAGE = 'usage: node tests/bench/check.mjs [--iterations N] [--survey N] [--glue www/pkg/vpclab_wasm.js]';
const LARGEST = ['scale-twenty-vpcs', 'vpc-sharing'];

/** Runs in the page: load the engine, set up `id` before its last step, time `n` iterations. */
async function measure({ glue, id, n, warmup }) {
  const m = await import(`/${glue}`);
  if (!self.__engineReady) {
    await m.default();
    self.__engineReady = true;
  }
  const s = new m.Session();
  // A build without embedded exercises is given the file, as the page would fetch it.
  if (typeof s.addExercise === 'function') {
    s.addExercise(await (await fetch(`/crates/core/exercises/${id}.json`)).text());
  }
  const info = s.loadExercise(id);
  const steps = info.solution.map((a) => JSON.stringify(a));
  for (const step of steps.slice(0, -1)) s.applyAction(step);
  const last = steps[steps.length - 1];
  const applyCheck = [];
  const apply = [];
  const undo = [];
  let failed = 0;
  for (let i = 0; i < warmup + n; i += 1) {
    const t0 = performance.now();
    s.applyAction(last);
    const t1 = performance.now();
    const verdict = s.check();
    const t2 = performance.now();
    s.undo();
    const t3 = performance.now();
    if (!verdict.passed) failed += 1;
    if (i >= warmup) {
      applyCheck.push(t2 - t0);
      apply.push(t1 - t0);
      undo.push(t3 - t2);
    }
  }
  const goals = info.goals.length;
  s.free();
  return { id, goals, steps: steps.length, failed, applyCheck, apply, undo };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), { iterations: 3000, survey: 200, glue: 'www/pkg/vpclab_wasm.js' }, USAGE);
  const ids = (await readdir(path.join(ROOT, 'crates/core/exercises')))
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
  const server = await startServer();
  const bench = await openBenchPage(server);
  try {
    console.log(`Chromium ${bench.browserVersion}, cross-origin isolated: ${bench.isolated}, engine ${opts.glue}`);
    console.log('\nSurvey: apply the last solution step + check, then undo (not timed in the first column)');
    console.log('| exercise | goals | apply + check median | p95 | apply alone median |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const id of ids) {
      const r = await bench.page.evaluate(measure, { glue: opts.glue, id, n: opts.survey, warmup: 20 });
      if (r.failed) throw new Error(`${id}: the solved estate failed its check ${r.failed} times`);
      const a = stats(r.applyCheck);
      console.log(`| \`${id}\` | ${r.goals} | ${fmt(a.median)} | ${fmt(a.p95)} | ${fmt(stats(r.apply).median)} |`);
    }
    console.log(`\nThe largest, ${opts.iterations} iterations each (after 100 not counted):`);
    console.log('| exercise | measured | min | median | p95 | max | mean |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const id of LARGEST) {
      const r = await bench.page.evaluate(measure, { glue: opts.glue, id, n: opts.iterations, warmup: 100 });
      if (r.failed) throw new Error(`${id}: the solved estate failed its check ${r.failed} times`);
      for (const [what, values] of [['apply + check', r.applyCheck], ['apply alone', r.apply], ['undo (untimed above)', r.undo]]) {
        const st = stats(values);
        console.log(`| \`${id}\` (${r.goals} goals) | ${what} | ${fmt(st.min)} | **${fmt(st.median)}** | ${fmt(st.p95)} | ${fmt(st.max)} | ${fmt(st.mean)} |`);
      }
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
