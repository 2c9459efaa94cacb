// Work kept aside, and asking before a change the learner may regret. Loaded when first needed
// (a reset asked for, or copies kept aside to list), not with the page.
//
// - askToConfirm: an in-page confirmation (a modal <dialog>, not window.confirm): keyboard
//   usable (Tab between the two buttons, Enter to press, Escape to cancel), focus starts on the
//   safe choice and goes back where it was.
// - createKeptList: the copies kept aside for one exercise or the sandbox (store.kept), each with
//   what set it aside, how many actions it holds, when, and "Bring back" / "Remove".

import { announce, el } from './dom.js';

let opened = null;

/**
 * Asks `question` (a heading) with `text` below it; resolves to true when the learner presses
 * `confirmLabel`, false for `cancelLabel`, Escape or closing.
 */
export function askToConfirm({ question, text, confirmLabel, cancelLabel = 'Cancel' }) {
  opened?.close();
  const back = document.activeElement;
  const title = el('h2', { id: 'confirm-title', class: 'confirm__title' }, question);
  const body = el('p', { id: 'confirm-text' }, text);
  const yes = el('button', { type: 'button', class: 'button button--primary', 'data-confirm': 'yes' }, confirmLabel);
  const no = el('button', { type: 'button', class: 'button', 'data-confirm': 'no' }, cancelLabel);
  const dialog = el('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' }, title, body, el('div', { class: 'toolbar confirm__buttons' }, yes, no));
  document.body.append(dialog);
  opened = dialog;
  return new Promise((resolve) => {
    let done = false;
    // Answered in the click's own task (not at the later 'close' event), so the change it asks
    // for is made before anything else can happen on the page.
    const finish = (answer) => {
      if (done) return;
      done = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (opened === dialog) opened = null;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
      resolve(answer);
    };
    yes.addEventListener('click', () => finish(true));
    no.addEventListener('click', () => finish(false));
    // Escape, or the dialog closed any other way.
    dialog.addEventListener('close', () => finish(false));
    dialog.showModal();
    no.focus();
  });
}

const WHY = {
  share: 'before you opened a share link',
  reset: 'before you reset',
  import: 'before you imported another estate',
  progress: 'before a progress file brought newer work',
  swap: 'before you brought back an earlier copy',
};

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What a saved state (Session save text) holds, in words: its actions ("4 actions"), or for an
 * estate its VPCs and changes ("3 VPCs, no changes"); '' if it cannot be read.
 */
function contents(state, what) {
  let saved;
  try {
    saved = JSON.parse(state);
  } catch {
    return '';
  }
  const n = Array.isArray(saved?.actions) ? saved.actions.length : null;
  if (what !== 'estate') return n == null ? '' : plural(n, 'action');
  const docs = Array.isArray(saved?.documents) ? saved.documents : [];
  const vpcs = docs.reduce((sum, d) => sum + (Array.isArray(d?.Vpcs) ? d.Vpcs.length : 0), 0);
  const changes = n ? plural(n, 'change') : 'no changes';
  return `${plural(vpcs, 'VPC')}, ${changes}`;
}

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The kept-aside list: `copies()` gives [{key, at, why, state}] (store.kept of the scope),
 * `bringBack(copy)` restores one (async or not; true when it was brought back), `remove(copy)`
 * deletes one. `what` names the work ("work", "estate"). Returns {element, draw()}.
 */
export function createKeptList({ copies, bringBack, remove, what = 'work', idPrefix }) {
  const list = el('ul', { class: 'kept__list' });
  const heading = el('h2', { id: `${idPrefix}-kept-title`, class: 'kept__title', tabindex: '-1' }, `Kept aside: your earlier ${what}`);
  const element = el(
    'section',
    { class: 'kept', 'aria-labelledby': `${idPrefix}-kept-title`, hidden: true },
    heading,
    el('p', { class: 'note' }, `Nothing replaces your ${what} without a copy being kept here, in this browser. Bring one back (what you have now is kept aside in its turn) or remove it once you no longer need it.`),
    list,
  );

  function draw() {
    const all = copies();
    element.hidden = !all.length;
    list.replaceChildren(
      ...all.map((copy) => {
        const held = contents(copy.state, what);
        const label = `Your ${what} ${WHY[copy.why] ?? `(${copy.why})`}`;
        const detail = `${held ? `${held} · ` : ''}kept ${when(copy.at)}`;
        const restore = el('button', { type: 'button', class: 'button button--small' }, 'Bring back');
        const drop = el('button', { type: 'button', class: 'button button--small button--quiet' }, 'Remove');
        restore.setAttribute('aria-label', `Bring back: ${label}, ${detail}`);
        drop.setAttribute('aria-label', `Remove: ${label}, ${detail}`);
        restore.addEventListener('click', async () => {
          if (await bringBack(copy)) {
            draw();
            announce(`${label} is back.`);
          }
        });
        drop.addEventListener('click', async () => {
          const sure = await askToConfirm({
            question: 'Remove this kept copy?',
            text: `${label} (${detail}) will be deleted from this browser for good.`,
            confirmLabel: 'Remove it',
            cancelLabel: 'Keep it',
          });
          if (!sure) return;
          remove(copy);
          draw();
          announce('The kept copy was removed.');
          (list.querySelector('button') ?? heading).focus();
        });
        return el('li', { class: 'kept__item', 'data-why': copy.why }, el('span', { class: 'kept__label' }, el('strong', {}, label), ` · ${detail}`), el('span', { class: 'toolbar' }, restore, drop));
      }),
    );
  }

  return { element, draw, heading };
}
