// The goals of an exercise with live ticks, the feedback on known mistakes, and the hints shown
// one at a time. It draws the Verdict the Session's check() returns; nothing is decided here.

import { el } from './dom.js';

/**
 * `onShowTrace(goalResult)` is called when the learner asks to see a goal's path on the diagram.
 * `render(verdict)` redraws; `renderHints(all, shown)` draws the hints revealed so far.
 */
export function createGoalsPanel({ onShowTrace }) {
  const summary = el('p', { class: 'goals-summary', 'aria-live': 'polite' });
  const list = el('ol', { class: 'goals' });
  const feedback = el('div', { class: 'feedback', 'aria-live': 'polite' });
  const element = el('section', { class: 'goals-panel', 'aria-labelledby': 'goals-title' }, el('h2', { id: 'goals-title' }, 'Goals'), summary, feedback, list);
  let shown = null;

  /** Marks which goal's path the diagram shows (null: none, the trace panel's instead). */
  function mark(id) {
    shown = id;
    for (const b of list.querySelectorAll('[data-goal-trace]')) {
      const mine = b.dataset.goalTrace === id;
      b.setAttribute('aria-pressed', String(mine));
      b.textContent = mine ? 'Path shown on the diagram' : 'Show path on the diagram';
    }
  }

  function goalItem(g) {
    const state = g.passed ? 'passed' : 'failed';
    let show = null;
    if (g.trace) {
      const on = shown === g.id;
      show = el('button', { type: 'button', class: 'button button--small button--link', 'aria-pressed': String(on), 'data-goal-trace': g.id }, on ? 'Path shown on the diagram' : 'Show path on the diagram');
      show.addEventListener('click', () => {
        mark(g.id);
        onShowTrace(g);
      });
    }
    return el(
      'li',
      { class: `goal goal--${state}`, 'data-goal': g.id, 'data-passed': String(g.passed) },
      el('span', { class: 'goal__tick', 'aria-hidden': 'true' }, g.passed ? '✓' : '✗'),
      el(
        'div',
        { class: 'goal__body' },
        el('p', { class: 'goal__text' }, el('span', { class: 'visually-hidden' }, g.passed ? 'Met: ' : 'Not yet met: '), g.text ?? g.id),
        // The engine's sentence names what is at fault (`Default (rtb-0…)`, the route or rule);
        // the stable code follows as small print, for those who match on it.
        g.message ? el('p', { class: 'goal__message' }, g.message, g.code && !g.passed ? el('span', { class: 'goal__code note' }, ' Code ', el('code', { class: 'code' }, g.code), '.') : null) : null,
        show,
      ),
    );
  }

  return {
    element,
    /** Draws a Verdict; returns the goal result whose path should be on the diagram, if any. */
    render(verdict) {
      const goals = verdict?.goals ?? [];
      const met = goals.filter((g) => g.passed).length;
      summary.textContent = verdict?.passed ? `All ${goals.length} goals met.` : `${met} of ${goals.length} goals met.`;
      summary.dataset.passed = String(Boolean(verdict?.passed));
      // Keep the path the learner picked; else the first failing goal with a trace.
      const picked = goals.find((g) => g.id === shown && g.trace) ?? goals.find((g) => !g.passed && g.trace) ?? null;
      shown = picked?.id ?? null;
      list.replaceChildren(...goals.map(goalItem));
      const notes = verdict?.feedback ?? [];
      feedback.replaceChildren(
        ...notes.map((f) =>
          el('div', { class: 'callout callout--mistake', 'data-mistake': f.mistake ?? '' }, el('p', { class: 'callout__title' }, 'A known mistake'), el('p', {}, f.feedback ?? f.message ?? '')),
        ),
      );
      return picked;
    },
    /** Forgets which goal's path was picked. */
    reset() {
      shown = null;
    },
    mark,
  };
}

/**
 * Hints, one at a time. `hints` is the exercise's list; `revealed` how many are shown;
 * `onReveal(n)` is told of the new count.
 */
export function createHints({ onReveal }) {
  const listNode = el('ol', { class: 'hints' });
  const button = el('button', { type: 'button', class: 'button' }, 'Show a hint');
  const element = el('section', { class: 'hints-panel', 'aria-labelledby': 'hints-title' }, el('h2', { id: 'hints-title' }, 'Hints'), listNode, button);
  let hints = [];
  let revealed = 0;

  function draw() {
    listNode.replaceChildren(...hints.slice(0, revealed).map((h, i) => el('li', { class: 'hint-item', tabindex: '-1', 'data-hint': String(i) }, h)));
    listNode.hidden = revealed === 0;
    button.hidden = revealed >= hints.length;
    button.textContent = revealed === 0 ? `Show a hint (${hints.length} available)` : `Show the next hint (${revealed + 1} of ${hints.length})`;
    if (!hints.length) {
      button.hidden = true;
      listNode.hidden = false;
      listNode.replaceChildren(el('li', { class: 'note' }, 'No hints for this one.'));
    }
  }
  button.addEventListener('click', () => {
    revealed = Math.min(hints.length, revealed + 1);
    draw();
    onReveal?.(revealed);
    listNode.querySelector(`[data-hint="${revealed - 1}"]`)?.focus();
  });
  return {
    element,
    set(all, shownCount = 0) {
      hints = all ?? [];
      revealed = Math.min(shownCount, hints.length);
      draw();
    },
  };
}
