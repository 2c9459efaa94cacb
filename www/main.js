// The page's entry point: loads the wasm engine, then mounts each view as a <section> of <main>
// with a link in the header's nav. One view is shown at a time, chosen by the first word of the
// URL fragment (#exercises, #exercises/ID, #sandbox, #cidr), so links and the back button work
// under any path. A fragment #share/PAYLOAD is a share link: its state is handed to its view
// (which checks it and keeps the learner's own work aside before taking it), then the fragment is
// replaced by the view's own; a link that cannot be read or loaded is said, in words, at the top.
//
// A view is { id, title, mount(section, engine) }: it builds its own DOM inside `section` and
// asks `engine` (the wasm module's exports) for every answer. A view may set `section.route(args)`
// (called with the fragment's later words on each visit; returns the heading to focus) and
// `section.receive(state)` (a shared state for it).

import * as glue from './pkg/vpclab_wasm.js';
import { firstFiles, wasmModule } from './ui/boot.js';
import { guardEngine } from './ui/engine.js';
import { createExercisesView } from './ui/exercises.js';
import { setActionFields } from './ui/action-fields.js';
import { decodeShare } from './ui/store.js';

// The views, in the header's order. Only the first view's module is loaded with the page; the
// others' (and what only they use) are imported when first shown, so the page parses less before
// the first exercise is usable. `load()` returns the view (or a promise of it).
const VIEWS = [
  { id: 'exercises', title: 'Exercises', load: () => createExercisesView(engine.Session) },
  { id: 'sandbox', title: 'Sandbox', load: async () => (await import('./ui/sandbox.js')).createSandboxView(engine.Session) },
  { id: 'cidr', title: 'CIDR calculator', load: async () => (await import('./ui/cidr.js')).cidrView },
];

// Per view id: { section, view (once mounted), mounting (a promise while its module loads) }.
const sections = new Map();
// The engine's exports behind the trap guard (ui/engine.js); replaced by a restart.
let engine = null;
let restarts = 0;

/** The progress footer, storage notes and the engine-stopped note (ui/progress.js), loaded once asked for. */
let progressModule = null;
function progress() {
  progressModule ??= import('./ui/progress.js');
  return progressModule;
}

/**
 * Everything an engine instance needs before the views use it: `module` is the wasm-bindgen glue
 * (imported afresh, under a new URL, by a restart), instantiated from the module ui/boot.js
 * compiled. Returns its guarded exports.
 */
async function loadEngine(module) {
  await module.default({ module_or_path: wasmModule });
  // What a rule's port fields mean under each protocol: the engine's, read by the forms and panels.
  setActionFields(module.actionFields());
  return guardEngine(module, onTrap);
}

/** A wasm trap: the engine instance is dead; offer a fresh one (the work is in storage). */
function onTrap(err) {
  progress().then(
    ({ showEngineStopped }) => showEngineStopped(document.getElementById('main'), err, restartEngine),
    (failed) => console.error(failed),
  );
}

/** A fresh module instance (the glue imported under a new URL), then every view mounted anew. */
async function restartEngine() {
  restarts += 1;
  const module = await import(`./pkg/vpclab_wasm.js?restart=${restarts}`);
  engine = await loadEngine(module);
  mountViews();
  show(true);
}

async function start() {
  const status = document.getElementById('status');
  try {
    engine = await loadEngine(glue);
  } catch (err) {
    status.textContent = `The engine could not be loaded: ${err.message}`;
    status.setAttribute('role', 'alert');
    return;
  }
  status.remove();
  // For tests/e2e/recovery.test.mjs only: stops the engine on purpose, through the guard.
  window.__vpclabTestPanic = () => engine.__vpclabTestPanic();
  mountViews();
  window.addEventListener('hashchange', () => show(true));
  show(false);
  // The footer and the storage notes wait until the first view is drawn (its files are here) and
  // the page is idle.
  firstFiles.then(() => whenIdle(mountFooter));
}

/** The storage notes and the progress footer (ui/progress.js). */
function mountFooter() {
  progress().then(
    ({ mountProgress }) =>
      mountProgress(document.getElementById('main'), {
        // The views read the storage when they mount: after a progress file is merged, mount anew.
        onImported: () => {
          mountViews();
          show(false);
        },
      }),
    (err) => console.error(err),
  );
}

/** Calls `fn` when the page is next idle (at the latest after a second). */
function whenIdle(fn) {
  if (window.requestIdleCallback) window.requestIdleCallback(fn, { timeout: 1000 });
  else setTimeout(fn, 50);
}

/**
 * Makes every view's section and nav link anew (after a restart or an import the old views go),
 * and mounts the first view; the others mount when first shown.
 */
function mountViews() {
  const main = document.getElementById('main');
  const nav = document.getElementById('tools');
  for (const old of sections.values()) {
    // Hidden first: an old view's document-level listeners check it and stay quiet.
    old.section.hidden = true;
    old.section.remove();
  }
  sections.clear();
  nav.replaceChildren();
  for (const { id, title } of VIEWS) {
    const section = document.createElement('section');
    section.className = `view view--${id}`;
    section.id = id;
    section.hidden = true;
    main.append(section);
    sections.set(id, { section, view: null, mounting: null });

    const link = document.createElement('a');
    link.href = `#${id}`;
    link.textContent = title;
    link.dataset.view = id;
    const item = document.createElement('li');
    item.append(link);
    nav.append(item);
  }
  mountView(VIEWS[0].id);
}

/**
 * Mounts view `id` unless it is: returns its entry, or a promise of it while its module loads.
 * A view that cannot start says so in its section.
 */
function mountView(id) {
  const entry = sections.get(id);
  if (entry.view || entry.failed) return entry;
  if (entry.mounting) return entry.mounting;
  const { section } = entry;
  const fail = (err) => {
    entry.failed = true;
    section.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: `This view could not start: ${err.message}` }));
    return entry;
  };
  const mount = (view) => {
    try {
      view.mount(section, engine);
      entry.view = view;
    } catch (err) {
      fail(err);
    }
    return entry;
  };
  let loaded;
  try {
    loaded = VIEWS.find((v) => v.id === id).load();
  } catch (err) {
    return fail(err);
  }
  if (typeof loaded?.then !== 'function') return mount(loaded);
  const note = Object.assign(document.createElement('p'), { className: 'status', role: 'status', textContent: 'Loading…' });
  section.replaceChildren(note);
  entry.mounting = loaded.then(
    (view) => {
      entry.mounting = null;
      // Mounted anew meanwhile (an engine restart or a progress import): this one is gone.
      if (sections.get(id) !== entry) return entry;
      note.remove();
      return mount(view);
    },
    (err) => {
      entry.mounting = null;
      return fail(err);
    },
  );
  return entry.mounting;
}

/**
 * Takes in a share link's state, then shows the view it belongs to. A link that cannot be read,
 * or whose work does not load, is a bad link: the page says so in words (never the browser's
 * error text), shows the exercise list, and no saved work is touched.
 */
async function receiveShare(payload) {
  let state;
  try {
    state = await decodeShare(payload);
    const target = state.kind === 'sandbox' ? 'sandbox' : 'exercises';
    const entry = await mountView(target);
    if (entry.failed) throw new Error('This share link could not be opened: its view could not start. Reload the page and open the link again.');
    await entry.section.receive?.(state);
  } catch (err) {
    history.replaceState(null, '', '#exercises');
    show(false);
    badLink(err);
    return;
  }
  history.replaceState(null, '', state.kind === 'sandbox' ? '#sandbox' : `#exercises/${encodeURIComponent(state.id)}`);
  show(true);
}

/** The note at the top of the page saying why a share link could not be opened (focused). */
function badLink(err) {
  const text = err?.name === 'BadShareLink' ? err.message : `This share link could not be opened: ${err?.message ?? err}. Ask the person who sent it for the link again.`;
  const note = document.createElement('div');
  note.className = 'error bad-link';
  note.setAttribute('role', 'alert');
  note.tabIndex = -1;
  note.textContent = text;
  document.getElementById('main').prepend(note);
  // A link opened in a new tab: the browser settles focus when the page has loaded, after us.
  const focus = () => {
    if (!note.isConnected) return;
    note.focus();
    window.scrollTo(0, 0);
  };
  if (document.readyState === 'complete') focus();
  else window.addEventListener('load', () => setTimeout(focus, 0), { once: true });
}

// The view last asked for by show(), so a view whose module arrives late is only routed if it
// is still the one wanted.
let shown = null;

/** Shows the view named by the fragment (the first view if none matches). */
function show(moveFocus) {
  const words = location.hash.slice(1).split('/');
  if (words[0] === 'share' && words[1]) {
    receiveShare(words.slice(1).join('/'));
    return;
  }
  // A note about an earlier share link is stale once the learner moves on.
  for (const note of document.querySelectorAll('#main > .error')) note.remove();
  const id = sections.has(words[0]) ? words[0] : VIEWS[0].id;
  for (const [viewId, entry] of sections) {
    entry.section.hidden = viewId !== id;
  }
  for (const link of document.querySelectorAll('#tools a')) {
    if (link.dataset.view === id) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const asked = { id, words };
  shown = asked;
  const mounted = mountView(id);
  if (typeof mounted?.then !== 'function') {
    route(mounted, words, moveFocus);
    return;
  }
  document.title = `${VIEWS.find((v) => v.id === id).title} · vpclab`;
  mounted.then((entry) => {
    if (shown === asked && sections.get(id) === entry) route(entry, words, moveFocus);
  });
}

/** Routes the shown view `entry` to the fragment's later words; titles the page; moves focus if asked. */
function route(entry, words, moveFocus) {
  const { section, view } = entry;
  const title = view?.title ?? VIEWS.find((v) => v.id === section.id).title;
  let heading = null;
  try {
    heading = section.route?.(words.slice(1).filter(Boolean)) ?? null;
  } catch (err) {
    console.warn(err);
  }
  const h1 = section.querySelector('h1:not([hidden])');
  const name = heading?.textContent || title;
  document.title = name === title ? `${title} · vpclab` : `${name} · ${title} · vpclab`;
  if (moveFocus) {
    (heading ?? h1 ?? section.querySelector('h1, h2'))?.focus();
    window.scrollTo(0, 0);
  }
}

start();
