// The exercise list: sections in the order of play, each exercise with its state (solved, in
// progress, not started) from localStorage, and a progress bar.

import { el } from './dom.js';
import { store } from './store.js';

const WORDS = { solved: 'Solved', started: 'In progress', new: 'Not started' };

/** `catalog` is the Session's exercises(). Returns `{element, heading, draw}`. */
export function createExerciseList(catalog) {
  const heading = el('h1', { id: 'exercises-title', tabindex: '-1' }, 'Exercises');
  const progress = el('p', { class: 'progress-text' });
  const progressBar = el('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Exercises solved', 'aria-valuemin': '0' }, el('div', { class: 'progress__bar' }));
  const sections = el('div', { class: 'exercise-sections' });
  const element = el(
    'div',
    { class: 'exercise-list-view' },
    heading,
    el('p', { class: 'lead' }, 'Each exercise starts from a small AWS estate with something missing. Change it the way the console lets you; the goals tick green as soon as the traffic really flows, and a failing goal names the hop where the packet dies.'),
    progress,
    progressBar,
    sections,
  );

  function item(e, solved) {
    const state = solved[e.id] ? 'solved' : store.work(e.id) ? 'started' : 'new';
    return el(
      'li',
      { class: `exercise-item exercise-item--${state}`, 'data-exercise': e.id },
      el(
        'a',
        { href: `#exercises/${e.id}`, class: 'exercise-link' },
        el('span', { class: 'exercise-item__number' }, String(e.number ?? '')),
        el('span', { class: 'exercise-item__title' }, e.title),
        el('span', { class: 'exercise-item__meta' }, `${e.topic} · ${e.goals} goal${e.goals === 1 ? '' : 's'}`),
        el('span', { class: `exercise-item__state state--${state}` }, WORDS[state]),
      ),
    );
  }

  function draw() {
    const solved = store.solved();
    const done = catalog.filter((e) => solved[e.id]).length;
    progress.textContent = `${done} of ${catalog.length} solved`;
    progressBar.setAttribute('aria-valuemax', String(catalog.length));
    progressBar.setAttribute('aria-valuenow', String(done));
    progressBar.firstChild.style.width = `${catalog.length ? (100 * done) / catalog.length : 0}%`;
    const groups = [];
    for (const e of catalog) {
      const key = e.section ?? '';
      let g = groups.find((x) => x.key === key);
      if (!g) groups.push((g = { key, title: e.section_title ?? e.section ?? 'Exercises', items: [] }));
      g.items.push(e);
    }
    sections.replaceChildren(
      ...groups.map((g) =>
        el('section', { class: 'exercise-section' }, el('h2', {}, g.title), el('ol', { class: 'exercise-list' }, ...g.items.map((e) => item(e, solved)))),
      ),
    );
  }

  return { element, heading, draw };
}
