// Accessible tabs (WAI-ARIA tabs pattern, manual activation not needed: arrow keys move and
// select): a tablist of buttons, one panel shown. Home/End jump to the ends.

import { el, uid } from './dom.js';

/**
 * `tabs = createTabs([{key, label, panel}], {label, onChange})`; `tabs.element` holds the list
 * and the panels; `tabs.select(key)` shows one.
 */
export function createTabs(items, { label, onChange } = {}) {
  const list = el('div', { role: 'tablist', class: 'tabs__list', 'aria-label': label ?? 'Panels' });
  const panels = el('div', { class: 'tabs__panels' });
  const entries = items.map((item) => {
    const tabId = uid(`tab-${item.key}`);
    const panelId = uid(`panel-${item.key}`);
    const tab = el('button', { type: 'button', role: 'tab', id: tabId, class: 'tabs__tab', 'aria-controls': panelId, 'data-tab': item.key }, item.label);
    const panel = el('div', { role: 'tabpanel', id: panelId, class: 'tabs__panel', 'aria-labelledby': tabId, tabindex: '0', 'data-panel': item.key }, item.panel);
    list.append(tab);
    panels.append(panel);
    return { ...item, tab, panel };
  });
  let current = null;

  function select(key, focus = false) {
    const entry = entries.find((e) => e.key === key) ?? entries[0];
    for (const e of entries) {
      const on = e === entry;
      e.tab.setAttribute('aria-selected', String(on));
      e.tab.tabIndex = on ? 0 : -1;
      e.panel.hidden = !on;
    }
    if (focus) entry.tab.focus();
    if (current !== entry.key) {
      current = entry.key;
      onChange?.(entry.key);
    }
  }

  list.addEventListener('click', (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab) select(tab.dataset.tab);
  });
  list.addEventListener('keydown', (event) => {
    const i = entries.findIndex((e) => e.key === current);
    let next = null;
    if (event.key === 'ArrowRight') next = (i + 1) % entries.length;
    else if (event.key === 'ArrowLeft') next = (i - 1 + entries.length) % entries.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = entries.length - 1;
    if (next == null) return;
    event.preventDefault();
    select(entries[next].key, true);
  });
  select(entries[0].key);
  return {
    element: el('div', { class: 'tabs' }, list, panels),
    select,
    get current() {
      return current;
    },
  };
}
