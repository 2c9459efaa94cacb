// The page's entry point: loads the wasm engine, then mounts each view as a <section> of <main>
// with a link in the header's nav. One view is shown at a time, chosen by the first word of the
// URL fragment (#exercises, #exercises/ID, #sandbox, #cidr), so links and the back button work
// under any path. A fragment #share/PAYLOAD is a share link: its state is handed to its view,
// then the fragment is replaced by the view's own.
//
// A view is { id, title, mount(section, engine) }: it builds its own DOM inside `section` and
// asks `engine` (the wasm module's exports) for every answer. A view may set `section.route(args)`
// (called with the fragment's later words on each visit; returns the heading to focus) and
// `section.receive(state)` (a shared state for it).

import * as glue from './pkg/vpclab_wasm.js';
import { cidrView } from './ui/cidr.js';
import { guardEngine } from './ui/engine.js';
import { createExercisesView } from './ui/exercises.js';
import { mountProgress, showEngineStopped } from './ui/progress.js';
import { createSandboxView } from './ui/sandbox.js';
import { decodeShare } from './ui/store.js';

const sections = new Map();
let views = [];
// The engine's exports behind the trap guard (ui/engine.js); replaced by a restart.
let engine = null;
let restarts = 0;

/**
 * Everything an engine instance needs before the views use it: `module` is the wasm-bindgen glue
 * (imported afresh, under a new URL, by a restart). Returns its guarded exports.
 */
async function loadEngine(module) {
  await module.default();
  return guardEngine(module, onTrap);
}

/** A wasm trap: the engine instance is dead; offer a fresh one (the work is in storage). */
function onTrap(err) {
  showEngineStopped(document.getElementById('main'), err, restartEngine);
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
  mountProgress(document.getElementById('main'), {
    // The views read the storage when they mount: after a progress file is merged, mount anew.
    onImported: () => {
      mountViews();
      show(false);
    },
  });
  window.addEventListener('hashchange', () => show(true));
  show(false);
}

/** Mounts every view on `engine` (again after a restart or an import: the old ones go). */
function mountViews() {
  views = [createExercisesView(engine.Session), createSandboxView(engine.Session), cidrView];
  const main = document.getElementById('main');
  const nav = document.getElementById('tools');
  for (const old of sections.values()) {
    // Hidden first: an old view's document-level listeners check it and stay quiet.
    old.hidden = true;
    old.remove();
  }
  sections.clear();
  nav.replaceChildren();
  for (const view of views) {
    const section = document.createElement('section');
    section.className = `view view--${view.id}`;
    section.id = view.id;
    section.hidden = true;
    main.append(section);
    try {
      view.mount(section, engine);
    } catch (err) {
      section.append(Object.assign(document.createElement('p'), { className: 'error', textContent: `This view could not start: ${err.message}` }));
    }
    sections.set(view.id, section);

    const link = document.createElement('a');
    link.href = `#${view.id}`;
    link.textContent = view.title;
    link.dataset.view = view.id;
    const item = document.createElement('li');
    item.append(link);
    nav.append(item);
  }
}

/** Takes in a share link's state, then shows the view it belongs to. */
async function receiveShare(payload) {
  let state;
  try {
    state = await decodeShare(payload);
  } catch (err) {
    history.replaceState(null, '', '#exercises');
    show(false);
    const main = document.getElementById('main');
    const note = Object.assign(document.createElement('p'), { className: 'error', textContent: err.message });
    note.setAttribute('role', 'alert');
    main.prepend(note);
    return;
  }
  const target = state.kind === 'sandbox' ? 'sandbox' : 'exercises';
  sections.get(target)?.receive?.(state);
  history.replaceState(null, '', state.kind === 'sandbox' ? '#sandbox' : `#exercises/${encodeURIComponent(state.id)}`);
  show(true);
}

/** Shows the view named by the fragment (the first view if none matches). */
function show(moveFocus) {
  const words = location.hash.slice(1).split('/');
  if (words[0] === 'share' && words[1]) {
    receiveShare(words.slice(1).join('/'));
    return;
  }
  // A note about an earlier share link is stale once the learner moves on.
  for (const note of document.querySelectorAll('#main > .error')) note.remove();
  const id = sections.has(words[0]) ? words[0] : views[0].id;
  for (const [viewId, section] of sections) {
    section.hidden = viewId !== id;
  }
  for (const link of document.querySelectorAll('#tools a')) {
    if (link.dataset.view === id) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const section = sections.get(id);
  const view = views.find((v) => v.id === id);
  let heading = null;
  try {
    heading = section.route?.(words.slice(1).filter(Boolean)) ?? null;
  } catch (err) {
    console.warn(err);
  }
  const h1 = section.querySelector('h1:not([hidden])');
  const name = heading?.textContent || view.title;
  document.title = name === view.title ? `${view.title} · vpclab` : `${name} · ${view.title} · vpclab`;
  if (moveFocus) {
    (heading ?? h1 ?? section.querySelector('h1, h2'))?.focus();
    window.scrollTo(0, 0);
  }
}

start();
