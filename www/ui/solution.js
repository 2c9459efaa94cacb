// The Solution panel: the reference solution revealed on request, then played one step at a time
// ("Play the next step") or to the end ("Play all steps") through the very path a learner's form
// takes: the view's `apply(action)`, which calls Session.applyAction and redraws (goals tick,
// history grows, undo works). The engine decides everything; this file only keeps the place.
//
// Which step comes next is read from the session's own action log (the reference steps found in
// it, in order), so undo, redo, a reload and the learner's own actions in between keep the place
// right. A step the engine refuses stops the play and shows AWS's message, with a way to reset.

import { el } from './dom.js';

/** Between two steps of "Play all steps", so that the goals are seen ticking one by one. */
const STEP_DELAY_MS = 350;

/** The same JSON whatever the key order: actions are compared by value. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined && value[k] !== null)
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `apply(action)` applies one step (the view records it as played from the solution) and returns
 * AWS's error message, or null; `actionsDone()` is the session's action log (what `save()`
 * holds); `onReset()` asks to reset the exercise; `onRevealed()` is told when the learner reveals
 * the solution (a hand-in records it); `describe(action)` is a step in words.
 * Returns `{element, set(steps, {revealed}), refresh()}`: `set` starts afresh with an exercise's
 * reference steps (hidden until revealed, unless the saved work says they were); `refresh`
 * redraws after any change to the estate.
 */
export function createSolutionPanel({ apply, actionsDone, onReset, onRevealed, describe }) {
  const revealButton = el('button', { type: 'button', class: 'button' }, 'Reveal the solution');
  const list = el('ol', { class: 'solution', hidden: true });
  const nextButton = el('button', { type: 'button', class: 'button', 'data-key': 'solution:next' }, 'Play the next step');
  const allButton = el('button', { type: 'button', class: 'button', 'data-key': 'solution:all' }, 'Play all steps');
  const controls = el('div', { class: 'toolbar solution-controls', role: 'group', 'aria-label': 'Play the solution', hidden: true }, nextButton, allButton);
  const status = el('p', { class: 'solution-status', role: 'status', 'aria-live': 'polite' });
  const refusalBox = el('div', { class: 'solution-refusal', role: 'alert' });
  const element = el(
    'section',
    { class: 'solution-panel', 'aria-labelledby': 'solution-title' },
    el('h2', { id: 'solution-title' }, 'Solution'),
    el('p', { class: 'note' }, 'One way to solve it, as console actions. Any other way that meets the goals counts too. Playing a step applies it to your estate, as if you had submitted its form.'),
    list,
    controls,
    status,
    refusalBox,
    revealButton,
  );

  let steps = [];
  let shown = false;
  let playing = false;
  // Bumped by `set`: a "Play all" still waiting between steps of another exercise stops.
  let run = 0;
  let stopAsked = false;
  let refusal = null; // {index, text}

  /** How many reference steps the session has applied, in order (the next one's index). */
  function played() {
    let done = [];
    try {
      done = actionsDone() ?? [];
    } catch {
      done = [];
    }
    let k = 0;
    for (const action of done) {
      if (k < steps.length && canonical(action) === canonical(steps[k])) k += 1;
    }
    return k;
  }

  function draw() {
    const next = played();
    revealButton.hidden = shown || !steps.length;
    list.hidden = !shown && steps.length > 0;
    controls.hidden = !shown || !steps.length;
    if (!steps.length) {
      list.replaceChildren(el('li', { class: 'note' }, 'No reference solution for this one.'));
    } else {
      list.replaceChildren(
        ...steps.map((a, i) => {
          const state = refusal?.index === i ? 'refused' : i < next ? 'played' : i === next ? 'next' : 'pending';
          const word = { played: 'Played: ', next: 'Next: ', refused: 'Refused: ', pending: '' }[state];
          return el(
            'li',
            { class: `solution__step solution__step--${state}`, 'data-step': String(i), 'data-state': state, 'aria-current': state === 'next' ? 'step' : null, tabindex: '-1' },
            word ? el('span', { class: 'visually-hidden' }, word) : null,
            describe(a),
          );
        }),
      );
    }
    const finished = steps.length > 0 && next >= steps.length;
    nextButton.setAttribute('aria-disabled', String(finished || playing));
    allButton.setAttribute('aria-disabled', String(finished && !playing));
    allButton.textContent = playing ? 'Stop playing' : 'Play all steps';
    element.dataset.played = String(next);
    element.dataset.steps = String(steps.length);
    element.dataset.playing = String(playing);
    if (!refusal) refusalBox.replaceChildren();
  }

  function say(text) {
    status.textContent = text;
  }

  /** Plays step `k`; false (and the refusal shown) when the engine refuses it. */
  function playStep(k) {
    const action = steps[k];
    const error = apply(action);
    if (error) {
      refusal = { index: k, text: error };
      draw();
      const reset = el('button', { type: 'button', class: 'button button--small' }, 'Reset the exercise');
      reset.addEventListener('click', async () => {
        // onReset asks first; false when the learner kept their work.
        if (!(await onReset())) return;
        refusal = null;
        draw();
        say(`Back to the start: step 1 of ${steps.length} comes next.`);
        nextButton.focus();
      });
      refusalBox.replaceChildren(
        el('p', {}, el('strong', {}, `Step ${k + 1} was refused: `), error),
        el('p', {}, 'Your estate has changes the reference solution does not expect. Reset the exercise to play the solution from the start (your own actions are undone), or carry on by hand.'),
        reset,
      );
      say(`Step ${k + 1} of ${steps.length} was refused; playing stopped.`);
      return false;
    }
    const next = played();
    const finished = next >= steps.length;
    say(`Step ${k + 1} of ${steps.length} played: ${describe(action)}.${finished ? ' All steps played.' : ''}`);
    if (next <= k) {
      // The step went in, yet the log does not show it as the reference step (it should).
      refusal = { index: k, text: 'the step was applied but could not be followed in your history' };
      refusalBox.replaceChildren(el('p', {}, `Step ${k + 1} could not be followed; play the rest by hand.`));
      draw();
      return false;
    }
    return true;
  }

  function playNext() {
    if (playing || !steps.length) return;
    const k = played();
    if (k >= steps.length) {
      say(`All ${steps.length} steps are played.`);
      return;
    }
    playStep(k);
  }

  async function playAll() {
    if (playing) {
      stopAsked = true;
      return;
    }
    if (!steps.length) return;
    if (played() >= steps.length) {
      say(`All ${steps.length} steps are played.`);
      return;
    }
    const mine = run;
    const delay = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : STEP_DELAY_MS;
    playing = true;
    stopAsked = false;
    draw();
    let stopped = false;
    try {
      for (;;) {
        const k = played();
        if (k >= steps.length || !playStep(k) || played() >= steps.length) break;
        // Let the page paint the ticks (and a Stop press arrive) before the next step.
        await wait(delay);
        if (mine !== run) return;
        if (stopAsked) {
          stopped = true;
          break;
        }
      }
    } finally {
      if (mine === run) {
        playing = false;
        draw();
      }
    }
    if (stopped) say(`Stopped after step ${played()} of ${steps.length}.`);
  }

  revealButton.addEventListener('click', () => {
    shown = true;
    onRevealed?.();
    draw();
    say(`${steps.length} step${steps.length === 1 ? '' : 's'}; step ${played() + 1} comes next.`);
    list.querySelector('li')?.focus();
  });
  nextButton.addEventListener('click', playNext);
  allButton.addEventListener('click', playAll);

  return {
    element,
    /** A new exercise's reference steps, hidden until revealed (`revealed`: shown already). */
    set(all, { revealed = false } = {}) {
      run += 1;
      steps = all ?? [];
      shown = revealed;
      playing = false;
      stopAsked = false;
      refusal = null;
      say('');
      draw();
    },
    /** After any change to the estate (an action, undo, redo, reset): the place is read again. */
    refresh() {
      refusal = null;
      draw();
    },
  };
}
