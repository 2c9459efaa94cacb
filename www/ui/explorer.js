// The estate workbench shared by the exercises and the sandbox: the diagram with the traced path,
// and tabs for the route tables, the other actions, the trace panel, the cost panel and the
// validation findings. It asks the Session for everything and redraws after each change.

import { drawDiagram } from './diagram.js';
import { el, message } from './dom.js';
import { createEditor } from './editor.js';
import { createTabs } from './tabs.js';

// The trace and cost panels' modules (ui/trace.js; ui/cost.js with its price tables and charts)
// are not needed to draw an estate: each is imported when its tab is first shown, or when the page
// is idle after its first view is drawn (prefetchPanels). Once a module is here, its panels are
// made at once when their tab is shown.
function lazyModule(load) {
  let module = null;
  let loading = null;
  return {
    get: () => module,
    load() {
      loading ??= load().then(
        (m) => {
          module = m;
          return m;
        },
        (err) => {
          loading = null;
          throw err;
        },
      );
      return loading;
    },
  };
}
const traceModule = lazyModule(() => import('./trace.js'));
const costModule = lazyModule(() => import('./cost.js'));

/** Imports the trace and cost panels' modules ahead of need, when the page is idle. */
export function prefetchPanels() {
  const idle = window.requestIdleCallback ?? ((f) => setTimeout(f, 200));
  idle(() => {
    traceModule.load().catch(() => {});
    costModule.load().catch(() => {});
  });
}

/**
 * A tab's panel made from `module` (a lazyModule) when first shown: `make(module)` returns the
 * panel ({element, …}); `shown(panel, made)` runs each time the tab is shown once the panel
 * exists (`made`: it was made just now).
 * Until then the tab holds a loading note (or the error if the module could not load).
 */
function lazyPanel(module, what, make, shown) {
  let panel = null;
  const box = el('div', { class: 'lazy-panel' });
  let fresh = false;
  const ready = (m) => {
    if (!panel) {
      panel = make(m);
      fresh = true;
      box.replaceChildren(panel.element);
    }
    return panel;
  };
  const tell = (p) => {
    const made = fresh;
    fresh = false;
    shown(p, made);
  };
  return {
    box,
    get panel() {
      return panel;
    },
    /** The tab is shown: the panel is made if need be, then `shown(panel)`. `isShown()` says whether it still is. */
    show(isShown) {
      if (module.get()) {
        tell(ready(module.get()));
        return;
      }
      if (!box.firstChild) box.append(el('p', { class: 'status', role: 'status' }, `Loading the ${what}…`));
      module.load().then(
        (m) => {
          const p = ready(m);
          if (isShown()) tell(p);
        },
        (err) => box.replaceChildren(el('p', { class: 'error', role: 'alert' }, `The ${what} could not be loaded: ${message(err)}`)),
      );
    },
  };
}

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
  // The engine's names: `web (i-…)` where a Name tag exists, else the id.
  const from = trace.from.label ?? trace.from.id;
  const to = trace.to.label ?? trace.to.id;
  const at = trace.blocked?.at_name ?? trace.blocked?.at ?? '?';
  return trace.reachable
    ? `Path drawn: ${from} → ${to} (${what}), reachable both ways.`
    : `Path drawn: ${from} → ${to} (${what}), blocked at ${at} (${trace.blocked?.code ?? ''}).`;
}

/**
 * `getSession()` returns the Session; `apply(action)` applies an action and returns null or an
 * error message (absent: read-only); `allowed()` names the allowed actions (null: all);
 * `designs()` / `saveDesign()` feed the cost comparison.
 */
export function createExplorer({ getSession, apply, allowed = () => null, designs = () => [], saveDesign, onPanelTrace, idPrefix }) {
  let trace = null;
  // Who asked for the path drawn: 'panel' (the trace panel), 'goal', or null.
  let source = null;
  let width = 900;
  const diagramBox = el('div', { class: 'diagram', tabindex: '0', role: 'region', 'aria-label': 'Diagram of the estate' });
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

  const traceTab = lazyPanel(
    traceModule,
    'trace panel',
    ({ createTracePanel }) =>
      createTracePanel({
        getSession,
        onTrace: (t) => {
          setTrace(t, 'panel');
          onPanelTrace?.(t);
        },
        idPrefix: `${idPrefix}-trace`,
      }),
    // Once made, refresh() keeps its pickers filled from the estate; here they are filled first.
    (panel, made) => {
      if (made) panel.refresh({ rerun: false });
    },
  );
  // The cost panel is priced only when shown: every flow is a trace.
  const costTab = lazyPanel(
    costModule,
    'cost panel',
    ({ createCostPanel }) => createCostPanel({ getSession, designs, saveDesign, idPrefix: `${idPrefix}-cost` }),
    (panel) => panel.refresh(),
  );
  const checkBox = el('div', { class: 'check-panel' });
  // The validation findings are drawn when the Validate tab is shown (stale until then).
  let checkStale = true;
  function drawFindings() {
    checkStale = false;
    try {
      checkBox.replaceChildren(findings(getSession().validate()));
    } catch (err) {
      checkBox.replaceChildren(el('p', { class: 'error' }, message(err)));
    }
  }
  const editor = apply ? createEditor({ apply, allowed }) : null;

  const tabItems = [];
  if (editor) {
    tabItems.push({ key: 'routes', label: 'Route tables', panel: editor.routesElement });
    tabItems.push({ key: 'actions', label: 'Actions', panel: editor.actionsElement });
  }
  tabItems.push({ key: 'trace', label: 'Trace', panel: traceTab.box });
  tabItems.push({ key: 'cost', label: 'Cost', panel: costTab.box });
  tabItems.push({ key: 'check', label: 'Validate', panel: checkBox });
  const tabs = createTabs(tabItems, {
    label: 'Work on the estate',
    onChange: (key) => {
      editor?.showTab(key);
      if (key === 'trace') traceTab.show(() => tabs.current === 'trace');
      if (key === 'cost') costTab.show(() => tabs.current === 'cost');
      if (key === 'check' && checkStale) drawFindings();
    },
  });

  let view = null;
  // The diagram is laid out for its box's width, known once the box is laid out (the exercise
  // view is shown after its first check): until then drawing waits for the first measure, which
  // comes before the first paint, so the diagram is drawn once, at its width, in the frame that
  // shows the goals and forms.
  let measured = false;
  function redraw() {
    if (measured) {
      try {
        drawDiagram(diagramBox, view, trace, width);
      } catch (err) {
        diagramBox.replaceChildren(el('p', { class: 'error' }, `The diagram could not be drawn: ${message(err)}`));
      }
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
    if (w > 0 && (!measured || Math.abs(w - width) > 40)) {
      measured = true;
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
    /** The trace panel, once its tab has been shown (null before). */
    get tracePanel() {
      return traceTab.panel;
    },
    /**
     * Re-reads everything from the Session: view, diagram, editor, pickers, findings (when
     * shown), cost (when shown). `{draw: false}`: the diagram is not drawn (the caller sets the
     * path next, which draws it).
     */
    refresh({ draw = true } = {}) {
      const session = getSession();
      try {
        view = session.view();
      } catch (err) {
        view = null;
        diagramBox.replaceChildren(el('p', { class: 'error', role: 'alert' }, message(err)));
      }
      editor?.refresh(view);
      traceTab.panel?.refresh({ rerun: source === 'panel' });
      if (tabs.current === 'check') drawFindings();
      else checkStale = true;
      if (tabs.current === 'cost') costTab.show(() => tabs.current === 'cost');
      if (draw) redraw();
    },
    /** A new estate: forget the path, the flows and the last question. */
    reset() {
      trace = null;
      source = null;
      traceTab.panel?.clear();
      costTab.panel?.reset();
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
