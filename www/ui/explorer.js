// The estate workbench shared by the exercises and the sandbox: the diagram with the traced path,
// and tabs for the route tables, the other actions, the trace panel, the cost panel and the
// validation findings. It asks the Session for everything and redraws after each change.

import { drawDiagram } from './diagram.js';
import { el, message } from './dom.js';
import { createCostPanel } from './cost.js';
import { createEditor } from './editor.js';
import { createTabs } from './tabs.js';
import { createTracePanel } from './trace.js';

function findings(diagnostics) {
  const row = (d, severity) =>
    el('li', { class: `finding finding--${severity}`, 'data-code': d.code }, el('span', { class: 'finding__severity' }, severity === 'error' ? 'Error' : 'Warning'), ' ', el('code', { class: 'code' }, d.code), ' ', d.resource ? el('code', {}, d.resource) : null, `: ${d.message}`);
  const errors = diagnostics?.errors ?? [];
  const warnings = diagnostics?.warnings ?? [];
  if (!errors.length && !warnings.length) return el('p', { class: 'verdict verdict--ok' }, el('strong', {}, 'Valid. '), 'AWS would accept every resource here, and nothing looks like a mistake.');
  return el(
    'div',
    {},
    el('p', {}, `${errors.length} error${errors.length === 1 ? '' : 's'} (AWS would refuse these), ${warnings.length} warning${warnings.length === 1 ? '' : 's'}.`),
    el('ul', { class: 'findings' }, ...errors.map((d) => row(d, 'error')), ...warnings.map((d) => row(d, 'warning'))),
  );
}

function traceCaption(trace) {
  if (!trace) return 'No path drawn: trace a connection, or pick a goal to see its path.';
  const what = `${trace.protocol}${trace.port != null ? ` ${trace.port}` : ''}`;
  return trace.reachable
    ? `Path drawn: ${trace.from.id} → ${trace.to.id} (${what}), reachable both ways.`
    : `Path drawn: ${trace.from.id} → ${trace.to.id} (${what}), blocked at ${trace.blocked?.at ?? '?'} (${trace.blocked?.code ?? ''}).`;
}

/**
 * `getSession()` returns the Session; `apply(action)` applies an action and returns null or an
 * error message (absent: read-only); `allowed()` names the allowed actions (null: all);
 * `designs()` / `saveDesign()` feed the cost comparison.
 */
export function createExplorer({ getSession, apply, allowed = () => null, designs = () => [], saveDesign, suggestFlows, onPanelTrace, idPrefix }) {
  let trace = null;
  // Who asked for the path drawn: 'panel' (the trace panel), 'goal', or null.
  let source = null;
  let width = 900;
  const diagramBox = el('div', { class: 'diagram', tabindex: '0', role: 'region', 'aria-label': 'Diagram of the estate (scrolls sideways when wide)' });
  const caption = el('p', { class: 'diagram-caption', 'aria-live': 'polite' });
  const clear = el('button', { type: 'button', class: 'button button--small', hidden: true }, 'Clear path');
  clear.addEventListener('click', () => setTrace(null, null));
  const legend = el(
    'p',
    { class: 'legend diagram-legend' },
    el('span', { class: 'swatch swatch--forward', 'aria-hidden': 'true' }),
    ' request ',
    el('span', { class: 'swatch swatch--return', 'aria-hidden': 'true' }),
    ' reply ',
    el('span', { class: 'swatch swatch--failed', 'aria-hidden': 'true' }),
    ' where it fails ',
    el('span', { class: 'swatch swatch--pending', 'aria-hidden': 'true' }),
    ' peering not active',
  );

  const tracePanel = createTracePanel({ getSession, onTrace: (t) => {
      setTrace(t, 'panel');
      onPanelTrace?.(t);
    }, idPrefix: `${idPrefix}-trace` });
  const costPanel = createCostPanel({ getSession, designs, saveDesign, suggestFlows, idPrefix: `${idPrefix}-cost` });
  const checkBox = el('div', { class: 'check-panel' });
  const editor = apply ? createEditor({ apply, allowed }) : null;

  const tabItems = [];
  if (editor) {
    tabItems.push({ key: 'routes', label: 'Route tables', panel: editor.routesElement });
    tabItems.push({ key: 'actions', label: 'Actions', panel: editor.actionsElement });
  }
  tabItems.push({ key: 'trace', label: 'Trace', panel: tracePanel.element });
  tabItems.push({ key: 'cost', label: 'Cost', panel: costPanel.element });
  tabItems.push({ key: 'check', label: 'Validate', panel: checkBox });
  const tabs = createTabs(tabItems, {
    label: 'Work on the estate',
    onChange: (key) => {
      // The cost panel is priced only when shown: every flow is a trace.
      if (key === 'cost') costPanel.refresh();
    },
  });

  let view = null;
  function redraw() {
    try {
      drawDiagram(diagramBox, view, trace, width);
    } catch (err) {
      diagramBox.replaceChildren(el('p', { class: 'error' }, `The diagram could not be drawn: ${message(err)}`));
    }
    caption.textContent = traceCaption(trace);
    clear.hidden = !trace;
  }

  function setTrace(t, from = 'goal') {
    trace = t;
    source = t ? from : null;
    redraw();
  }

  const observer = new ResizeObserver((entries) => {
    const w = Math.round(entries[0].contentRect.width);
    if (w > 0 && Math.abs(w - width) > 40) {
      width = w;
      if (view) redraw();
    }
  });
  observer.observe(diagramBox);

  const element = el(
    'div',
    { class: 'explorer' },
    el('div', { class: 'diagram-wrap' }, diagramBox, el('div', { class: 'diagram-bar' }, caption, clear), legend),
    tabs.element,
  );

  return {
    element,
    tabs,
    tracePanel,
    /** Re-reads everything from the Session: view, diagram, editor, pickers, findings, cost. */
    refresh() {
      const session = getSession();
      try {
        view = session.view();
      } catch (err) {
        view = null;
        diagramBox.replaceChildren(el('p', { class: 'error', role: 'alert' }, message(err)));
      }
      editor?.refresh(view);
      tracePanel.refresh({ rerun: source === 'panel' });
      try {
        checkBox.replaceChildren(findings(session.validate()));
      } catch (err) {
        checkBox.replaceChildren(el('p', { class: 'error' }, message(err)));
      }
      if (tabs.current === 'cost') costPanel.refresh();
      redraw();
    },
    /** A new estate: forget the path, the flows and the last question. */
    reset() {
      trace = null;
      source = null;
      tracePanel.clear();
      costPanel.reset();
    },
    setTrace,
    get trace() {
      return trace;
    },
    /** The last view drawn. */
    get view() {
      return view;
    },
    /** 'panel' when the path drawn was asked for in the trace panel, 'goal', or null. */
    get traceSource() {
      return source;
    },
  };
}
