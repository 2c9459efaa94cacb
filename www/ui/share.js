// Showing a share link: a read-only field holding the URL, selected for copying, and a Copy
// button using the clipboard when the browser allows it.

import { el } from './dom.js';

/** Fills `box` with the link `url` (input id `id`, labelled `label`) and focuses it. */
export function showShareLink(box, url, id, label) {
  const input = el('input', { type: 'text', id, readonly: true, value: url, class: 'share-url' });
  const copy = el('button', { type: 'button', class: 'button' }, 'Copy');
  const status = el('span', { class: 'note', role: 'status' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = 'Copied.';
    } catch {
      input.select();
      status.textContent = 'Select and copy the link (Ctrl+C).';
    }
  });
  box.replaceChildren(el('label', { for: id }, label), el('div', { class: 'share-row' }, input, copy, status));
  box.hidden = false;
  input.focus();
  input.select();
}
