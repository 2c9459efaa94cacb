// The editor, laid out like the AWS console: route tables (Routes with Destination / Target /
// Status, Subnet associations), and a list of forms for the other actions the exercise allows.
// Every change is an edit::Action handed to `apply`; a refusal comes back as AWS's error and is
// shown inline next to the control that caused it (role=alert).

import { el, message, uid } from './dom.js';
import { FORMS, buildForm } from './forms.js';
import { compareText, lists, named, subnetLabel, targetGroups, vpcLabel } from './view-model.js';

/** What a route's target is, as the console writes it. */
function targetText(route) {
  const t = route.target;
  if (t == null) return '';
  if (typeof t === 'string') return t;
  return t.id ?? t.value ?? Object.values(t).join(' ');
}

function destinationText(route) {
  const d = route.destination;
  if (d == null) return '';
  if (typeof d === 'string') return d;
  return d.cidr ?? d.prefix_list ?? d.id ?? Object.values(d).join(' ');
}

/** The transit gateway route tables' module, imported when an estate first has a transit gateway. */
const tgwTables = {
  module: null,
  loading: null,
  load() {
    this.loading ??= import('./tgw-tables.js').then(
      (m) => {
        this.module = m;
        return m;
      },
      (err) => {
        this.loading = null;
        throw err;
      },
    );
    return this.loading;
  },
};

/** The actions done in the transit gateway route tables' cards rather than in the Actions tab. */
const TGW_TABLE_ACTIONS = [
  'associate_transit_gateway_route_table',
  'disassociate_transit_gateway_route_table',
  'enable_transit_gateway_propagation',
  'disable_transit_gateway_propagation',
  'create_transit_gateway_route',
  'delete_transit_gateway_route',
];

/** Above this many route tables, a table's card is drawn closed and built when opened. */
export const OPEN_TABLES_MAX = 12;

function stateText(state) {
  return state === 'blackhole' ? 'Blackhole' : state === 'active' ? 'Active' : String(state ?? '');
}

/**
 * The editor. `apply(action)` applies one action and returns null or an error message;
 * `allowed()` returns the allowed action names (null for every action).
 */
export function createEditor({ apply, allowed }) {
  const accountId = uid('acting-account');
  const accountSelect = el('select', { id: accountId, 'data-key': 'acting-account' });
  const accountBar = el('div', { class: 'field field--inline acting', hidden: true }, el('label', { for: accountId }, 'Acting as account'), accountSelect);
  const tables = el('div', { class: 'route-tables' });
  const forms = el('div', { class: 'action-forms' });
  // The acting account applies to route-table edits too: the bar sits on whichever of the two
  // editing tabs is shown (one control, so one label on the page).
  const routesElement = el('div', { class: 'editor editor--routes' }, tables);
  const actionsElement = el('div', { class: 'editor editor--actions' }, accountBar, forms);
  let view = null;
  // The controls whose action is being applied (key prefixes): their values are used up, so they
  // are not carried over the redraw that follows.
  let submitting = [];
  // Route tables whose card the learner opened (large estates only), kept over redraws.
  const opened = new Set();
  // The add-route target list of the current view, computed once per draw.
  let groups = null;
  // Route target id → its Name tag, from the same list, for the routes' Target column.
  let targetNames = null;
  const targetName = (id) => {
    groups ??= targetGroups(view);
    targetNames ??= new Map(groups.flatMap(([, opts]) => opts).filter(([v, t]) => t !== v && t.startsWith(`${t.split(' (')[0]} (${v})`)).map(([v, t]) => [v, t.split(' (')[0]]));
    return targetNames.get(id) ?? null;
  };

  const can = (name) => {
    const list = allowed();
    return list == null || list.includes(name);
  };
  const account = () => (accountBar.hidden ? null : accountSelect.value || null);
  const run = (action, keys = null) => {
    if (account() && !action.account) action.account = account();
    submitting = keys == null ? [] : [keys].flat();
    try {
      return apply(action);
    } finally {
      submitting = [];
    }
  };
  // A control the learner changed is marked, so a redraw puts back what they chose (and a form
  // does not replace it with the resource's current value).
  const touch = (event) => {
    if (event.target?.dataset?.key) event.target.dataset.touched = '';
  };
  for (const root of [routesElement, actionsElement]) {
    root.addEventListener('input', touch);
    root.addEventListener('change', touch);
  }

  function routeRow(table, route) {
    const target = targetText(route);
    const dest = destinationText(route);
    const local = target === 'local';
    const propagated = route.origin === 'propagated' || route.origin === 'EnableVgwRoutePropagation';
    let remove = null;
    if (propagated) {
      // AWS deletes no propagated route: turning the gateway's propagation off removes it.
      remove = el('span', { class: 'note' }, 'propagated');
    } else if (!local && can('delete_route')) {
      remove = el('button', { type: 'button', class: 'button button--small button--danger', 'data-key': `${table.id}:delete:${dest}`, 'aria-label': `Delete route ${dest} from ${table.id}` }, 'Delete');
      remove.addEventListener('click', () => {
        const problem = run({ action: 'delete_route', route_table: table.id, destination: dest });
        if (problem) showError(table.id, problem);
      });
    }
    // Each cell names its column, shown beside the value where narrow screens stack the rows.
    return el(
      'tr',
      { role: 'row', 'data-destination': dest, 'data-state': route.state ?? '' },
      el('td', { role: 'cell', 'data-label': 'Destination' }, el('code', {}, dest), route.prefix_list_name ? el('span', { class: 'note' }, ` (${route.prefix_list_name})`) : null),
      el('td', { role: 'cell', 'data-label': 'Target' }, el('code', {}, target), local ? null : targetName(target) && el('span', { class: 'note' }, ` ${targetName(target)}`)),
      el('td', { role: 'cell', 'data-label': 'Status' }, el('span', { class: `status status--${route.state ?? 'unknown'}` }, stateText(route.state))),
      el('td', { role: 'cell', 'data-label': 'Propagated' }, propagated ? 'Yes' : 'No'),
      el('td', { role: 'cell', class: 'row-actions' }, remove),
    );
  }

  const errors = new Map();
  function showError(tableId, text) {
    const node = errors.get(tableId);
    if (node) node.textContent = text;
  }

  function addRouteForm(table) {
    const destId = uid(`${table.id}-dest`);
    const targetId = uid(`${table.id}-target`);
    const otherId = uid(`${table.id}-other`);
    const dest = el('input', { id: destId, type: 'text', class: 'route-dest', placeholder: 'e.g. 10.2.0.0/16', autocomplete: 'off', spellcheck: 'false', 'data-key': `${table.id}:dest` });
    groups ??= targetGroups(view);
    const target = el(
      'select',
      { id: targetId, class: 'route-target', 'data-key': `${table.id}:target` },
      el('option', { value: '' }, 'Choose a target'),
      ...groups.map(([label, opts]) => el('optgroup', { label }, ...opts.map(([v, t]) => el('option', { value: v }, t)))),
      el('optgroup', { label: 'Other' }, el('option', { value: '__other' }, 'Another id (type it)…')),
    );
    const other = el('input', { id: otherId, type: 'text', class: 'route-target-other', placeholder: 'igw-, nat-, pcx-, vpce-, tgw-, vgw-, eni-…', autocomplete: 'off', spellcheck: 'false', 'data-key': `${table.id}:other` });
    const otherField = el('div', { class: 'field', hidden: true }, el('label', { for: otherId }, 'Target id'), other);
    target.addEventListener('change', () => {
      otherField.hidden = target.value !== '__other';
    });
    const form = el(
      'form',
      { class: 'route-add', 'data-route-table': table.id },
      el('div', { class: 'field' }, el('label', { for: destId }, 'Destination'), dest),
      el('div', { class: 'field' }, el('label', { for: targetId }, 'Target'), target),
      otherField,
      el('div', { class: 'field field--submit' }, el('button', { type: 'submit', class: 'button button--primary', 'data-key': `${table.id}:add` }, 'Add route')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = target.value === '__other' ? other.value.trim() : target.value;
      const keys = [`${table.id}:dest`, `${table.id}:target`, `${table.id}:other`];
      const destination = dest.value.trim();
      const problem = run({ action: 'create_route', route_table: table.id, destination, target: chosen }, keys);
      if (!problem) return;
      showError(table.id, problem);
      // The engine says the destination is taken: offer what the console's "Edit routes" does,
      // a new target for that route (ReplaceRoute), in one step instead of delete and add.
      const node = errors.get(table.id);
      if (node && /^RouteAlreadyExists\b/.test(problem) && chosen && can('replace_route')) {
        const replace = el('button', { type: 'button', class: 'button button--small', 'data-key': `${table.id}:replace` }, `Replace the target of ${destination}`);
        replace.addEventListener('click', () => {
          const again = run({ action: 'replace_route', route_table: table.id, destination, target: chosen }, keys);
          if (again) showError(table.id, again);
        });
        node.append(' ', replace);
      }
    });
    return form;
  }

  function associations(table, l) {
    const explicit = (table.subnets ?? []).map((id) => l.subnets.find((s) => s.id === id) ?? { id });
    const items = explicit.map((s) => {
      let button = null;
      if (can('disassociate_route_table')) {
        button = el('button', { type: 'button', class: 'button button--small', 'data-key': `${table.id}:disassociate:${s.id}`, 'aria-label': `Disassociate ${s.id} from ${table.id}` }, 'Disassociate');
        button.addEventListener('click', () => {
          const problem = run({ action: 'disassociate_route_table', subnet: s.id });
          if (problem) showError(table.id, problem);
        });
      }
      return el('li', { 'data-subnet': s.id }, s.cidr || s.ipv6_cidrs?.length ? subnetLabel(s) : s.id, ' ', button);
    });
    const implicit = (table.implicit_subnets ?? []).map((id) => l.subnets.find((s) => s.id === id) ?? { id });
    const parts = [
      el('h5', {}, 'Subnet associations'),
      items.length ? el('ul', { class: 'assoc-list' }, ...items) : el('p', { class: 'note' }, 'No explicit subnet associations.'),
    ];
    if (table.main) {
      parts.push(
        el(
          'p',
          { class: 'note' },
          implicit.length
            ? `Main route table: also used by the subnets without an explicit association: ${implicit.map((s) => (s.name ? `${s.name} (${s.id})` : s.id)).join(', ')}.`
            : 'Main route table: used by every subnet of the VPC without an explicit association.',
        ),
      );
    }
    if (can('associate_route_table')) {
      const ownSubnets = l.subnets.filter((s) => s.vpc === table.vpc && !(table.subnets ?? []).includes(s.id));
      if (ownSubnets.length) {
        const id = uid(`${table.id}-assoc`);
        const pick = el('select', { id, 'data-key': `${table.id}:assoc` }, ...ownSubnets.map((s) => el('option', { value: s.id }, subnetLabel(s))));
        const form = el('form', { class: 'assoc-add' }, el('div', { class: 'field' }, el('label', { for: id }, 'Associate subnet'), pick), el('div', { class: 'field field--submit' }, el('button', { type: 'submit', class: 'button', 'data-key': `${table.id}:assoc-submit` }, 'Save associations')));
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          const problem = run({ action: 'associate_route_table', route_table: table.id, subnet: pick.value }, `${table.id}:assoc`);
          if (problem) showError(table.id, problem);
        });
        parts.push(form);
      }
    }
    if (!table.main && can('replace_main_route_table')) {
      const button = el('button', { type: 'button', class: 'button button--small', 'data-key': `${table.id}:main` }, 'Set main route table');
      button.addEventListener('click', () => {
        const problem = run({ action: 'replace_main_route_table', route_table: table.id });
        if (problem) showError(table.id, problem);
      });
      parts.push(el('p', {}, button));
    }
    return parts;
  }

  /**
   * Route propagation, as the console's "Route propagation" tab: each virtual private gateway
   * attached to the table's VPC, on or off. Null when the VPC has none.
   */
  function propagation(table) {
    const gateways = [...new Set([...(table.attached_vgws ?? []), ...(table.propagating_vgws ?? [])])];
    if (!gateways.length) return null;
    const rows = gateways.map((vgw) => {
      const on = (table.propagating_vgws ?? []).includes(vgw);
      const action = on ? 'disable_vgw_route_propagation' : 'enable_vgw_route_propagation';
      const button = can(action)
        ? el('button', { type: 'button', class: 'button button--small', 'data-key': `${table.id}:propagate:${vgw}` }, on ? 'Turn off' : 'Turn on')
        : null;
      button?.addEventListener('click', () => {
        const problem = run({ action, route_table: table.id, vpn_gateway: vgw });
        if (problem) showError(table.id, problem);
      });
      return el('li', { 'data-vgw': vgw, 'data-propagating': String(on) }, el('code', {}, vgw), ` ${on ? 'propagates its VPN and Direct Connect routes here' : 'does not propagate here'} `, button);
    });
    return el('div', { class: 'rt-propagation' }, el('h4', {}, 'Route propagation'), el('ul', { class: 'plain-list' }, ...rows));
  }

  /** The card's routes, add-route form and associations (built when the card is open). */
  function tableBody(table, l) {
    const routes = table.routes ?? [];
    return [
      el(
        'div',
        { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `Routes of ${table.id}` },
        el(
          'table',
          { class: 'table routes stack-table', role: 'table' },
          el('caption', {}, `Routes (${routes.length})`),
          el('thead', {}, el('tr', { role: 'row' }, ...['Destination', 'Target', 'Status', 'Propagated', ''].map((h) => el('th', { scope: 'col', role: 'columnheader' }, h || el('span', { class: 'visually-hidden' }, 'Actions'))))),
          el('tbody', {}, ...routes.map((r) => routeRow(table, r))),
        ),
      ),
      can('create_route') ? addRouteForm(table) : null,
      propagation(table),
      errors.get(table.id),
      ...associations(table, l),
      // Element.append would write a null as the text "null".
    ].filter(Boolean);
  }

  function tableCard(table, l, vpcById, lazy) {
    const vpc = vpcById.get(table.vpc);
    const error = el('p', { class: 'error', role: 'alert' });
    errors.set(table.id, error);
    const headingId = uid(`${table.id}-h`);
    const head = el(
      'header',
      { class: 'rt-card__head' },
      el('h4', { id: headingId }, named(table), table.main ? el('span', { class: 'badge' }, 'Main') : null),
      el('p', { class: 'rt-card__vpc' }, 'VPC: ', vpc ? vpcLabel(vpc) : table.vpc, l.accounts.length > 1 && vpc?.owner ? ` · owner ${vpc.owner}` : ''),
    );
    const card = el('section', { class: 'rt-card', 'data-route-table': table.id, 'aria-labelledby': headingId }, head);
    if (!lazy || opened.has(table.id)) {
      card.append(...tableBody(table, l));
      if (!lazy) return card;
    }
    // A large estate: the card's body (routes, the add-route form with its target list,
    // associations) is built only when the learner opens it, so drawing stays proportional to
    // the number of tables, not tables × targets.
    const bodyId = uid(`${table.id}-body`);
    const body = el('div', { id: bodyId, class: 'rt-card__body' });
    const count = (table.routes ?? []).length;
    const toggle = el('button', { type: 'button', class: 'button button--small rt-card__toggle', 'aria-expanded': 'false', 'aria-controls': bodyId, 'aria-label': `Routes of ${table.id} (${count})`, 'data-key': `${table.id}:toggle` }, `Routes (${count})`);
    const show = (isOpen) => {
      toggle.setAttribute('aria-expanded', String(isOpen));
      body.hidden = !isOpen;
    };
    if (card.childNodes.length > 1) {
      // Open before this redraw: its body was built above; move it into the toggled part.
      body.append(...[...card.childNodes].slice(1));
      show(true);
    } else {
      card.append(error);
      show(false);
    }
    toggle.addEventListener('click', () => {
      if (opened.has(table.id)) {
        opened.delete(table.id);
        show(false);
        return;
      }
      opened.add(table.id);
      if (!body.childNodes.length) body.replaceChildren(...tableBody(table, l));
      show(true);
    });
    head.append(el('p', { class: 'rt-card__open' }, toggle));
    card.append(body);
    return card;
  }

  /** The transit gateways' route tables (tgw-tables.js, loaded the first time an estate has one). */
  function tgwPart(l) {
    if (tgwTables.module) return tgwTables.module.tgwSection({ l, can, run, errors, opened });
    const box = el('p', { class: 'status tgw-loading', role: 'status' }, 'Loading the transit gateway route tables…');
    tgwTables.load().then(
      () => {
        if (view) redraw();
      },
      (err) => box.replaceChildren(el('span', { class: 'error' }, `The transit gateway route tables could not be loaded: ${message(err)}`)),
    );
    return box;
  }

  /** A link to the transit gateway route tables below the VPCs' ones. */
  function tgwJump() {
    const link = el('a', { href: '#', class: 'tgw-jump' }, 'Transit gateway route tables ↓');
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const heading = tables.querySelector('.tgw-heading');
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus();
    });
    return el('p', { class: 'rt-jump' }, link);
  }

  function draw() {
    const l = lists(view);
    errors.clear();
    // Route tables grouped by VPC, the main table first.
    const vpcs = [...l.vpcs].sort((a, b) => Number(b.is_default) - Number(a.is_default) || compareText(a.name ?? a.id, b.name ?? b.id));
    const vpcById = new Map(l.vpcs.map((v) => [v.id, v]));
    const tablesOf = new Map();
    for (const t of l.routeTables) {
      if (!tablesOf.has(t.vpc)) tablesOf.set(t.vpc, []);
      tablesOf.get(t.vpc).push(t);
    }
    const byVpc = vpcs.map((v) => [v, (tablesOf.get(v.id) ?? []).sort((a, b) => Number(b.main) - Number(a.main))]);
    const lazy = l.routeTables.length > OPEN_TABLES_MAX;
    groups = null;
    targetNames = null;
    const known = new Set([...l.routeTables, ...l.tgwRouteTables].map((t) => t.id));
    for (const id of opened) if (!known.has(id)) opened.delete(id);
    tables.replaceChildren(
      ...(l.tgws.length ? [tgwJump()] : []),
      ...(lazy ? [el('p', { class: 'note rt-lazy-note' }, `${l.routeTables.length} route tables in ${l.vpcs.length} VPCs: open a table to see its routes and edit them.`)] : []),
      ...byVpc.filter(([, ts]) => ts.length).flatMap(([v, ts]) => [el('h3', { class: 'vpc-heading' }, vpcLabel(v)), ...ts.map((t) => tableCard(t, l, vpcById, lazy))]),
    );
    if (!l.routeTables.length) tables.append(el('p', { class: 'note' }, 'No route tables in this estate.'));
    if (l.tgws.length) tables.append(tgwPart(l));

    const accounts = l.accounts.map((a) => (typeof a === 'string' ? a : a.id));
    accountBar.hidden = accounts.length < 2;
    const keep = accountSelect.value;
    accountSelect.replaceChildren(...accounts.map((a) => el('option', { value: a }, a)));
    if (accounts.includes(keep)) accountSelect.value = keep;

    const open = new Set([...forms.querySelectorAll('details[open]')].map((d) => d.dataset.action));
    const specs = FORMS.filter((f) => can(f.action));
    // A large estate: each action's form (whose pickers list every VPC, subnet, table…) is built
    // when the learner opens it.
    const largeForms = lazy || l.subnets.length > 4 * OPEN_TABLES_MAX;
    forms.replaceChildren(
      ...specs.map((spec) => {
        // `keys`: the controls whose values the action uses up (the whole form by default; none
        // for a row of the form's current rules, so the chosen group stays chosen).
        const card = buildForm(spec, l, (action, keys = `${spec.action}:`) => run(action, keys), { lazy: largeForms, open: open.has(spec.action) });
        if (open.has(spec.action)) card.open = true;
        return card;
      }),
    );
    if (l.tgws.length && TGW_TABLE_ACTIONS.some(can)) {
      forms.prepend(el('p', { class: 'note' }, 'Associations, propagations and static routes of transit gateway route tables are edited in their tables, in the Route tables tab.'));
    }
    if (!specs.length) forms.append(el('p', { class: 'note' }, 'Nothing else to do here: this exercise is done in the route tables.'));
  }

  /**
   * Draws the current view again. What the learner chose and has not yet used (typed text, a
   * ticked box, a picked option) is put back on the new controls of the same key: selects first,
   * each announcing a change so that the pickers depending on it follow, then boxes and text.
   */
  function redraw() {
    const active = document.activeElement;
    const key = active?.dataset?.key;
    const inEditor = active && (routesElement.contains(active) || actionsElement.contains(active));
    const kept = new Map();
    for (const root of [routesElement, actionsElement]) {
      for (const c of root.querySelectorAll('[data-touched]')) {
        const k = c.dataset.key;
        if (k && !submitting.some((p) => k.startsWith(p))) kept.set(k, c.type === 'checkbox' ? c.checked : c.value);
      }
    }
    draw();
    const find = (k) => routesElement.querySelector(`[data-key="${CSS.escape(k)}"]`) ?? actionsElement.querySelector(`[data-key="${CSS.escape(k)}"]`);
    const put = (c, v) => {
      if (c.type === 'checkbox') c.checked = v;
      else c.value = v;
      c.dataset.touched = '';
      c.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const later = [];
    for (const [k, v] of kept) {
      const c = find(k);
      if (!c) continue;
      if (c.tagName === 'SELECT') {
        if ([...c.options].some((o) => o.value === v)) put(c, v);
      } else later.push(k);
    }
    for (const k of later) {
      const c = find(k);
      if (c) put(c, kept.get(k));
    }
    if (inEditor && key) {
      const again = find(key);
      (again ?? routesElement.querySelector('h4') ?? routesElement).focus?.();
    }
  }

  return {
    routesElement,
    actionsElement,
    /** Moves the acting-account bar to the tab shown ('routes' or 'actions'). */
    showTab(key) {
      if (key === 'routes') routesElement.prepend(accountBar);
      else if (key === 'actions') actionsElement.prepend(accountBar);
    },
    /** Redraws from a new view, keeping focus on the control that had it and every choice made. */
    refresh(newView) {
      view = newView;
      redraw();
    },
  };
}
