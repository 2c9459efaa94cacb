// The page's first script, and its catalog of exercises. It imports nothing, so it runs as soon
// as it has arrived and the document is parsed (index.html loads it ahead of main.js), while
// main.js's modules are still being fetched and parsed. It starts what the first view waits for:
// - the wasm engine: fetched and compiled (WebAssembly.compileStreaming compiles on background
//   threads as the bytes arrive), so main.js only has to instantiate it (`wasmModule`);
// - the exercise list, and the exercise file a link such as #exercises/ID opens.
// main.js and the views import this module too: the same instance (it runs once), so they take
// over what it started.
//
// The exercises: the wasm carries none (it stays small). `cargo xtask` writes
// `pkg/exercises/list.json` (the list, in order of play: {id, title, topic, section,
// section_title, number, goals, hints}) and each exercise's file, minified, as
// `pkg/exercises/ID.json`. The list is fetched once; an exercise's file when it is first wanted,
// then handed to the engine (`session.addExercise(text)`), which checks it and can play it.

const PKG = new URL('../pkg/', import.meta.url);
const EXERCISES = new URL('exercises/', PKG);

/** The wasm engine, compiled: a promise of a WebAssembly.Module (main.js instantiates it). */
export const wasmModule = compileWasm();
// Whoever awaits it later hears a failure; this only keeps it from being reported unhandled
// before main.js has had a chance to ask.
wasmModule.catch(() => {});

async function compileWasm() {
  const url = new URL('vpclab_wasm_bg.wasm', PKG);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`failed to fetch Wasm: ${response.status} ${response.statusText} fetching '${url}'`);
  // Streaming needs the application/wasm type; a host that serves another gets the slower path.
  const type = response.headers.get('content-type') ?? '';
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(type)) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

const texts = new Map();

/** The text of `name` under pkg/exercises/ (a promise; fetched once, again after a failure). */
function exerciseFile(name) {
  if (!texts.has(name)) {
    const p = fetchText(name);
    texts.set(name, p);
    p.catch(() => texts.delete(name));
  }
  return texts.get(name);
}

async function fetchText(name) {
  let response;
  try {
    // High priority: the first view waits for these, not for the modules queued before them.
    response = await fetch(new URL(name, EXERCISES), { priority: 'high' });
  } catch (err) {
    throw new Error(`${name} could not be fetched (${err.message})`);
  }
  if (!response.ok) throw new Error(`${name} could not be fetched (HTTP ${response.status})`);
  return response.text();
}

let listPromise = null;

/** The exercise list, in order of play (a promise; fetched once). */
export function exerciseList() {
  listPromise ??= exerciseFile('list.json').then((text) => {
    const list = JSON.parse(text);
    if (!Array.isArray(list)) throw new Error('list.json is not a list of exercises');
    return list;
  });
  return listPromise;
}

/** The text of exercise `id`'s file (a promise; fetched once, again after a failure). */
export function exerciseText(id) {
  return exerciseFile(`${encodeURIComponent(id)}.json`);
}

/**
 * Makes exercise `id` playable by `session`'s engine instance: fetches its file and registers it
 * unless `registered` (a Set the caller keeps per engine instance) says it is there already.
 */
export async function ensureExercise(session, id, registered) {
  if (registered.has(id)) return;
  const text = await exerciseText(id);
  if (registered.has(id)) return;
  session.addExercise(text);
  registered.add(id);
}

// The list, then the exercise the link opens once the list says it exists (a wrong id is never
// fetched: the view says there is no such exercise).
function firstFetches() {
  const words = location.hash.slice(1).split('/');
  let wanted = null;
  try {
    wanted = words[0] === 'exercises' && words[1] ? decodeURIComponent(words[1]) : null;
  } catch {
    // A malformed fragment: the view says so when it routes.
  }
  return exerciseList().then(
    (list) => (wanted && list.some((e) => e?.id === wanted) ? exerciseText(wanted).then(noop, noop) : undefined),
    noop,
  );
}

function noop() {}

/**
 * Settles (never fails) once the files the first view waits for have arrived or failed: the
 * list, and the exercise the link opens. main.js waits for it before loading what can wait.
 */
export const firstFiles = firstFetches();
