// The learner's progress as a whole: the page's footer offers it as a file (Download my
// progress) and takes such a file back (merged, see store.js; older work here that the file's
// replaces is kept aside, not lost); a note at the top of the page says
// when a saved entry could not be read (it was kept aside); and when the engine stops (a wasm
// trap), a note says the work is saved and offers to restart it.

import { announce, el, message } from './dom.js';
import { exportProgress, importProgress, onProblem, storageProblems } from './store.js';

function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

/** The sentence telling what `p` (a store problem) means for the learner. */
function problemText(p) {
  if (p.kind === 'unsaved') {
    return `Your latest change to ${p.what} could not be saved: ${p.reason}. Use Download my progress (at the bottom of the page) to keep your work.`;
  }
  const where = p.aside ? ` It was kept aside in this browser's storage as '${p.aside}'.` : ' This browser\'s storage is full, so it could not be kept aside.';
  return `Part of your saved progress could not be read: ${p.what} (${p.reason}).${where} Everything else you saved is as you left it.`;
}

/** A note at the top of `main` listing entries that could not be read, with a Dismiss button. */
function createStorageNotice(main) {
  const list = el('ul', {});
  const dismiss = el('button', { type: 'button', class: 'button button--small' }, 'Dismiss');
  const box = el('div', { class: 'callout callout--warning storage-notice', role: 'alert', hidden: true }, list, dismiss);
  dismiss.addEventListener('click', () => {
    box.hidden = true;
    list.replaceChildren();
  });
  const add = (p) => {
    list.append(el('li', {}, problemText(p)));
    box.hidden = false;
  };
  for (const p of storageProblems()) add(p);
  onProblem(add);
  main.prepend(box);
  return box;
}

/**
 * Mounts the storage note in `main` and the progress footer after it. `onImported()` is called
 * after a file was merged, so the views can read the storage again.
 */
export function mountProgress(main, { onImported }) {
  createStorageNotice(main);
  const status = el('p', { class: 'note', role: 'status', id: 'progress-status' });
  const error = el('p', { class: 'error', role: 'alert', id: 'progress-error' });
  const downloadButton = el('button', { type: 'button', class: 'button button--small' }, 'Download my progress');
  const file = el('input', { type: 'file', id: 'progress-file', accept: '.json,application/json', 'aria-describedby': 'progress-error progress-status' });
  downloadButton.addEventListener('click', () => {
    error.textContent = '';
    try {
      const text = `${JSON.stringify(exportProgress(), null, 1)}\n`;
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = el('a', { href: url, download: `vpclab-progress-${new Date().toISOString().slice(0, 10)}.json`, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      status.textContent = 'Your progress was downloaded: keep the file to load it here or in another browser.';
    } catch (err) {
      error.textContent = `Your progress could not be downloaded: ${message(err)}`;
    }
  });
  file.addEventListener('change', async () => {
    const picked = file.files?.[0];
    if (!picked) return;
    error.textContent = '';
    status.textContent = '';
    let counts;
    try {
      counts = importProgress(await picked.text());
    } catch (err) {
      error.textContent = `${picked.name}: ${message(err)}`;
      file.value = '';
      return;
    }
    file.value = '';
    const taken = [
      counts.solved ? `${plural(counts.solved, 'exercise')} newly solved` : null,
      counts.work ? `work on ${plural(counts.work, 'exercise')}` : null,
      counts.sandbox ? 'the sandbox estate' : null,
      counts.designs ? plural(counts.designs, 'design') : null,
    ].filter(Boolean);
    const kept = counts.keptLocal ? ` Kept ${plural(counts.keptLocal, 'newer entry', 'newer entries')} of this browser.` : '';
    // Older work here that the file's replaced was not lost: it is listed as kept aside.
    const aside = counts.setAside ? ` Your earlier work here (${plural(counts.setAside, 'entry', 'entries')}) was kept aside: bring it back from the list "Kept aside" of the exercise or the sandbox.` : '';
    const text = `Loaded ${picked.name}: ${taken.length ? taken.join(', ') : 'nothing new'}.${kept}${aside}`;
    try {
      onImported?.();
    } finally {
      status.textContent = text;
      announce(text);
    }
  });
  const footer = el(
    'footer',
    { class: 'site-footer', 'aria-labelledby': 'progress-title' },
    el(
      'div',
      { class: 'site-footer__inner' },
      el('h2', { id: 'progress-title', class: 'site-footer__title' }, 'Your progress'),
      el('p', { class: 'note' }, 'Your progress and work are kept in this browser. Download them as a file to keep a copy or move to another browser; loading a file merges it, keeping whichever work is newer.'),
      el('div', { class: 'toolbar' }, downloadButton, el('label', { for: 'progress-file', class: 'progress-file' }, 'Load a progress file'), file),
      status,
      error,
    ),
  );
  main.after(footer);
  return footer;
}

/**
 * Shows, at the top of `main`, that the engine stopped (`err`, a wasm trap), with a Restart
 * button calling `restart()` (async). Returns the note.
 */
export function showEngineStopped(main, err, restart) {
  document.getElementById('engine-stopped')?.remove();
  const button = el('button', { type: 'button', class: 'button button--primary' }, 'Restart engine');
  const detail = el('p', { class: 'note' }, `What stopped it: ${message(err)}.`);
  const box = el(
    'div',
    { class: 'callout callout--warning engine-stopped', id: 'engine-stopped', role: 'alert', tabindex: '-1' },
    el('p', {}, el('strong', {}, 'The engine stopped unexpectedly. '), 'Your work is saved up to your last change that went through. Restart the engine to go on where you were.'),
    detail,
    el('p', {}, button),
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Restarting…';
    try {
      await restart();
      box.remove();
      announce('The engine was restarted; your saved work is back.');
    } catch (e) {
      button.disabled = false;
      button.textContent = 'Restart engine';
      detail.textContent = `The engine could not be restarted (${message(e)}); reload the page: your saved work is kept.`;
    }
  });
  main.prepend(box);
  box.focus();
  return box;
}
