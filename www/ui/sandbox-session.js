// The page's side of the sandbox's engine worker (ui/sandbox-worker.js): an object shaped like a
// Session, so the explorer, trace and cost panels use it as they use the exercises' Session.
//
// - Changes (loadDocuments, loadFiles, loadExercise, restore, applyAction, undo, redo, reset) are
//   sent to the worker and return promises; their answer carries a snapshot (view, validation
//   findings, endpoints, saved state) that view(), validate(), endpoints() and save() then return
//   at once, without asking the worker (they throw the worker's error if it had one).
// - Questions about the estate (reach, cost, compareCost, exportDocuments, exportAwsCli,
//   exportTerraform) return promises answered by the worker.
// - priceTable(region) does not depend on the estate: the page's own engine answers it.
// - engine() says which build the worker runs (its speed build, www/pkg/fast/, or the page's
//   module as a fallback).
//
// Errors come back as Error objects with the engine's message (and AWS's `code` for a refused
// action). A wasm trap in the worker (`stopped`) ends that worker; the next request starts a
// fresh one, which restores the last saved state first, and the learner is told by the error.
// `onBusy(text | null)` is told what the worker is doing (a load's stages) and when it is idle.
//
// The worker starts on the first request (a page that never opens the sandbox never pays for a
// second copy of the engine), and is shared by the sandbox's later mounts (after an engine
// restart or a progress import the views are mounted anew; each mount's first request is a load
// or a restore, which replaces the worker's estate). Request ids are unique in the page, so each
// mount only hears its own answers.

const WORKER_URL = new URL('./sandbox-worker.js', import.meta.url);

/** The page's sandbox worker, shared by the mounts; null until first used or after a stop. */
let shared = null;
let nextId = 1;

export function createWorkerSession({ Session, onBusy = () => {} }) {
  const local = new Session();
  let worker = null;
  const pending = new Map();
  let snap = null;
  let lastSave = null;
  let busy = 0;

  function start() {
    shared ??= new Worker(WORKER_URL, { type: 'module' });
    worker = shared;
    worker.addEventListener('message', (event) => {
      const { id, progress, ok, result, error, snapshot } = event.data ?? {};
      const job = pending.get(id);
      if (!job) return;
      if (progress != null) {
        onBusy(progress);
        return;
      }
      pending.delete(id);
      idle();
      if (ok) {
        if (snapshot) {
          snap = snapshot;
          if (snapshot.save && 'value' in snapshot.save) lastSave = snapshot.save.value;
        }
        job.resolve(result);
      } else {
        if (error?.stopped) restartLater();
        job.reject(Object.assign(new Error(error?.message ?? 'the engine failed'), error?.code ? { code: error.code } : {}));
      }
    });
    worker.addEventListener('error', (event) => {
      // The worker's module could not load (or threw outside a request): fail what waits.
      if (!pending.size) return;
      const err = new Error(`The sandbox's engine could not start: ${event.message || 'worker error'}`);
      for (const job of pending.values()) job.reject(err);
      pending.clear();
      busy = 0;
      onBusy(null);
      restartLater();
    });
  }

  function restartLater() {
    if (worker && worker === shared) {
      shared.terminate();
      shared = null;
    }
    worker = null;
  }

  function idle() {
    busy = Math.max(0, busy - 1);
    if (!busy) onBusy(null);
  }

  function send(op, args = [], transfer = []) {
    if (worker && worker !== shared) worker = null;
    if (!worker) {
      const fresh = shared == null;
      start();
      if (!fresh) return post(op, args, transfer);
      // A fresh worker after a stop: bring back the last saved state first (not for a new load).
      if (lastSave && !op.startsWith('load') && op !== 'restore') post('restore', [lastSave]).catch(() => {});
    }
    return post(op, args, transfer);
  }

  function post(op, args, transfer = []) {
    const id = nextId;
    nextId += 1;
    busy += 1;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, args }, transfer);
    });
  }

  const cached = (key) => () => {
    const part = snap?.[key];
    if (!part) throw new Error('Nothing is loaded in the sandbox yet.');
    if ('error' in part) throw Object.assign(new Error(part.error.message), part.error.code ? { code: part.error.code } : {});
    return part.value;
  };

  return {
    loadDocuments: (text) => send('loadDocuments', [text]),
    loadFiles: (files) => send('loadFiles', [files]),
    loadExercise: (text, id) => send('loadExercise', [text, id]),
    restore: (saved) => send('restore', [saved]),
    applyAction: (json) => send('applyAction', [json]),
    undo: () => send('undo'),
    redo: () => send('redo'),
    reset: () => send('reset'),
    reach: (src, dst, protocol, port, ipv6) => send('reach', [src, dst, protocol, port, ipv6]),
    cost: (traffic, prices) => send('cost', [traffic, prices]),
    defaultTraffic: () => send('defaultTraffic'),
    compareCost: (documents, traffic, prices) => send('compareCost', [documents, traffic, prices]),
    exportDocuments: () => send('exportDocuments'),
    exportAwsCli: () => send('exportAwsCli'),
    exportTerraform: () => send('exportTerraform'),
    priceTable: (region) => local.priceTable(region),
    /** Which build the worker runs: {module: 'fast' | 'page', build: 'opt-level=3' | …, fallback?}. */
    engine: () => send('engine'),
    view: cached('view'),
    validate: cached('validate'),
    endpoints: cached('endpoints'),
    save: cached('save'),
    /** Whether a request is being answered. */
    get busy() {
      return busy > 0;
    },
  };
}
