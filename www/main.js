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

import init, * as engine from './pkg/vpclab_wasm.js';
import { cidrView } from './ui/cidr.js';
import { createExercisesView } from './ui/exercises.js';
import { createSandboxView } from './ui/sandbox.js';
import { decodeShare } from './ui/store.js';

const sections = new Map();
let views = [];

async function start() {
  const status = document.getElementById('status');
  try {
    await init();
  } catch (err) {
    status.textContent = `The engine could not be loaded: ${err.message}`;
    status.setAttribute('role', 'alert');
    return;
  }
  views = [createExercisesView(engine.Session), createSandboxView(engine.Session), cidrView];
  status.remove();
  const main = document.getElementById('main');
  const nav = document.getElementById('tools');
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
  window.addEventListener('hashchange', () => show(true));
  show(false);
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
