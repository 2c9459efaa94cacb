// The page's entry point: loads the wasm engine, then mounts each view as a <section> of <main>
// with a link in the header's nav. One view is shown at a time, chosen by the first word of the
// URL fragment (#cidr, later #exercise/…), so links and the back button work under any path.
//
// A view is { id, title, mount(section, engine) }: it builds its own DOM inside `section` and
// asks `engine` (the wasm module's exports) for every answer.

import init, * as engine from './pkg/vpclab_wasm.js';
import { cidrView } from './ui/cidr.js';

const VIEWS = [cidrView];

const sections = new Map();

async function start() {
  const status = document.getElementById('status');
  try {
    await init();
  } catch (err) {
    status.textContent = `The engine could not be loaded: ${err.message}`;
    status.setAttribute('role', 'alert');
    return;
  }
  status.remove();
  const main = document.getElementById('main');
  const nav = document.getElementById('tools');
  for (const view of VIEWS) {
    const section = document.createElement('section');
    section.className = 'view';
    section.id = view.id;
    section.hidden = true;
    view.mount(section, engine);
    main.append(section);
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

/** Shows the view named by the fragment (the first view if none matches). */
function show(moveFocus) {
  const wanted = location.hash.slice(1).split('/')[0];
  const id = sections.has(wanted) ? wanted : VIEWS[0].id;
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
  const view = VIEWS.find((v) => v.id === id);
  document.title = `${view.title} · vpclab`;
  if (moveFocus) {
    sections.get(id).querySelector('h1, h2')?.focus();
  }
}

start();
