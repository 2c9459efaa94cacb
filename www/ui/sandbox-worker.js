// The sandbox's engine, in a module Web Worker: a learner's own estate can be large (the scale
// benchmark's is 16 MB of AWS JSON, 100,000 routes), and importing, validating or tracing it must
// not freeze the page. The worker imports the full engine built for speed, `pkg/fast/` (opt-level
// 3; the page's own module, `pkg/vpclab_wasm.js`, is built for size and answers a reach query on
// that estate about 1.5x slower: BENCHMARKS.md), falling back to the page's module if the fast
// one cannot be loaded. It keeps one Session and answers messages (ui/sandbox-session.js is the
// page's side):
//
//   request  {id, op, args}
//   progress {id, progress: 'words for the learner'}
//   answer   {id, ok: true, result, snapshot?} | {id, ok: false, error: {message, code?, stopped?}}
//
// After every change (a load, an action, undo, redo, reset, restore) the answer carries a
// snapshot of what the page draws without asking again: {view, validate, endpoints, save}, each
// as {value} or {error}. A wasm trap (a panic) stops this engine for good: every later request is
// refused with `stopped`, and the page starts a fresh worker.
//
// `engine` (no snapshot) answers which build runs: {module: 'fast' | 'page', build:
// 'opt-level=3' | …, fallback?: why the fast one was not used}.

const FAST = '../pkg/fast/vpclab_wasm.js';
const PAGE = '../pkg/vpclab_wasm.js';

let Session = null;
let session = null;
let stopped = false;
let engine = null;

async function open(url) {
  const m = await import(url);
  await m.default();
  return m;
}

const ready = (async () => {
  let m;
  try {
    m = await open(FAST);
    engine = { module: 'fast' };
  } catch (err) {
    // Not built (an older checkout's pkg/), or it would not instantiate: the page's own module
    // answers the same, only slower.
    m = await open(PAGE);
    engine = { module: 'page', fallback: String(err?.message ?? err) };
  }
  engine.build = typeof m.engineBuild === 'function' ? m.engineBuild() : 'unknown';
  ({ Session } = m);
  session = new Session();
})();

const settle = (fn) => {
  try {
    return { value: fn() };
  } catch (err) {
    return { error: errorOf(err) };
  }
};

function errorOf(err) {
  const out = { message: err?.message ?? String(err) };
  if (err?.code) out.code = String(err.code);
  if (err instanceof WebAssembly.RuntimeError) {
    stopped = true;
    out.stopped = true;
  }
  return out;
}

function snapshot() {
  return {
    view: settle(() => session.view()),
    validate: settle(() => session.validate()),
    endpoints: settle(() => session.endpoints()),
    save: settle(() => session.save()),
  };
}

const MB = (n) => `${(n / 1e6).toFixed(1)} MB`;

/** Each op: (args, progress) → result; `changes` ops answer with a snapshot. */
const OPS = {
  loadDocuments: ([text], progress) => {
    progress(`Importing ${MB(text.length)} of JSON…`);
    return session.loadDocuments(text);
  },
  loadFiles: ([files], progress) => {
    progress(`Importing ${files.length} files (${MB(files.reduce((n, f) => n + f.text.length, 0))})…`);
    return session.loadFiles(files);
  },
  loadExercise: ([text, id]) => {
    const other = new Session();
    try {
      other.addExercise(text);
      other.loadExercise(id);
      return session.loadDocuments(other.exportDocuments());
    } finally {
      other.free();
    }
  },
  restore: ([saved], progress) => {
    progress('Restoring the saved estate…');
    return session.restore(saved);
  },
  applyAction: ([json]) => session.applyAction(json),
  undo: () => session.undo(),
  redo: () => session.redo(),
  reset: () => session.reset(),
  reach: ([src, dst, protocol, port, ipv6]) => session.reach(src, dst, protocol, port, ipv6),
  cost: ([traffic, prices]) => session.cost(traffic, prices),
  defaultTraffic: () => session.defaultTraffic(),
  compareCost: ([documents, traffic, prices]) => session.compareCost(documents, traffic, prices),
  exportDocuments: () => session.exportDocuments(),
  exportAwsCli: () => session.exportAwsCli(),
  exportTerraform: () => session.exportTerraform(),
  engine: () => ({ ...engine }),
};
const CHANGES = new Set(['loadDocuments', 'loadFiles', 'loadExercise', 'restore', 'applyAction', 'undo', 'redo', 'reset']);

self.addEventListener('message', async (event) => {
  const { id, op, args = [] } = event.data ?? {};
  const reply = (message) => self.postMessage({ id, ...message });
  try {
    await ready;
  } catch (err) {
    reply({ ok: false, error: { message: `The engine could not be loaded: ${err?.message ?? err}`, stopped: true } });
    return;
  }
  if (stopped) {
    reply({ ok: false, error: { message: 'The engine stopped; it is being restarted.', stopped: true } });
    return;
  }
  const run = OPS[op];
  if (!run) {
    reply({ ok: false, error: { message: `the sandbox's engine has no operation '${op}'` } });
    return;
  }
  try {
    const result = run(args, (progress) => reply({ progress }));
    if (CHANGES.has(op)) {
      reply({ progress: 'Drawing…' });
      reply({ ok: true, result, snapshot: snapshot() });
    } else {
      reply({ ok: true, result });
    }
  } catch (err) {
    reply({ ok: false, error: errorOf(err) });
  }
});
