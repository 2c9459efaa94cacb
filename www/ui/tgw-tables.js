// Transit gateway route tables, laid out like the console's page for one: per table its
// Associations, Propagations and Routes (CIDR, attachment, resource, route type, route state), with
// the actions that exist for them inline (create/delete association, create/delete propagation,
// create static or blackhole route, delete static route). Loaded when an estate has a transit
// gateway, so the first view's modules stay as they were. The engine decides every change: each
// control hands an action to `run` and shows the refusal in the table's card.

import { el, uid } from './dom.js';
import { attachmentLabel, named, subnetLabel, vpcName } from './view-model.js';

/**
 * A table whose caption names it for screen readers (the heading above says it on screen); `rows`
 * are arrays of cells, `attrs(i)` the attributes of row i. Each cell carries its column's name,
 * which narrow screens show beside the value (the rows are stacked there, see style.css).
 */
function table(caption, heads, rows, attrs = () => ({})) {
  const cell = (c, i) => {
    const td = c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c);
    td.setAttribute('role', 'cell');
    if (heads[i]) td.dataset.label = heads[i];
    return td;
  };
  return el(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    el(
      'table',
      { class: 'table tgw-table stack-table', role: 'table' },
      el('caption', { class: 'visually-hidden' }, caption),
      el('thead', {}, el('tr', { role: 'row' }, ...heads.map((h) => el('th', { scope: 'col', role: 'columnheader' }, h || el('span', { class: 'visually-hidden' }, 'Actions'))))),
      el('tbody', {}, ...rows.map((cells, i) => el('tr', { role: 'row', ...attrs(i) }, ...cells.map(cell)))),
    ),
  );
}

/** "VPC-1 (vpc-…)" for a VPC attachment, else the resource's type and id. */
function resourceText(a, l) {
  if (a.vpc) {
    const v = l.vpcs.find((x) => x.id === a.vpc);
    return v && vpcName(v) !== v.id ? `${vpcName(v)} (${v.id})` : a.vpc;
  }
  return `${a.resource_type ?? ''} ${a.resource_id ?? ''}`.trim();
}

/**
 * The transit gateways of the view's lists `l`, each with its attachments and route tables.
 * `can(name)` says whether an action is allowed; `run(action, keep)` applies it and returns null or
 * AWS's error (`keep`: the key prefixes of the controls the change uses up); `errors` maps a
 * table's id to its alert element (filled by the caller's showError).
 */
export function tgwSection({ l, can, run, errors, opened = new Set() }) {
  if (!l.tgws.length) return null;
  // A large transit gateway (a real estate's): each table's body is built when it is opened.
  const lazy = l.tgwRouteTables.length > LAZY_TABLES || l.tgwAttachments.length > LAZY_ATTACHMENTS;
  const headingId = uid('tgw-tables-h');
  const parts = [el('h3', { id: headingId, class: 'vpc-heading tgw-heading', tabindex: '-1' }, 'Transit gateway route tables')];
  for (const tgw of l.tgws) {
    const attachments = l.tgwAttachments.filter((a) => a.transit_gateway === tgw.id);
    const tables = l.tgwRouteTables.filter((t) => t.transit_gateway === tgw.id);
    parts.push(el('h4', { class: 'tgw-name' }, `Transit gateway ${named(tgw)}`, tgw.state && tgw.state !== 'available' ? ` · ${tgw.state}` : ''));
    if (attachments.length > LAZY_ATTACHMENTS) {
      const box = el('details', { class: 'tgw-attachments' }, el('summary', {}, `Attachments (${attachments.length})`));
      box.addEventListener('toggle', () => {
        if (box.open && box.childNodes.length === 1) box.append(attachmentsTable(tgw, attachments, tables, l));
      });
      parts.push(box);
    } else {
      parts.push(el('h5', { class: 'tgw-sub' }, `Attachments (${attachments.length})`), attachmentsTable(tgw, attachments, tables, l));
    }
    if (!tables.length) parts.push(el('p', { class: 'note' }, 'This transit gateway has no route table yet.'));
    for (const t of tables) parts.push(routeTableCard(t, attachments, l, { can, run, errors, lazy: lazy && !opened.has(t.id), opened }));
  }
  return el('section', { class: 'tgw-section', 'aria-labelledby': headingId }, ...parts);
}

function attachmentsTable(tgw, attachments, tables, l) {
  if (!attachments.length) return el('p', { class: 'note' }, `No attachments yet: create one in the Actions tab (Create transit gateway attachment).`);
  const tableName = (id) => {
    const t = tables.find((x) => x.id === id);
    return t ? named(t) : id ?? '';
  };
  const subnetsOf = (a) => {
    const items = (a.subnets ?? []).map((id) => l.subnets.find((s) => s.id === id) ?? { id });
    return items.length ? el('ul', { class: 'plain-list' }, ...items.map((s) => el('li', {}, subnetLabel(s)))) : '—';
  };
  return table(
    `Attachments of ${named(tgw)} (${attachments.length})`,
    ['Attachment', 'Resource', 'Subnets', 'Associated with', 'State'],
    attachments.map((a) => [named(a), resourceText(a, l), subnetsOf(a), a.association ? tableName(a.association) : 'none', a.state ?? '']),
    (i) => ({ 'data-attachment': attachments[i].id }),
  );
}

/** Above this many route tables or attachments, a table's card is built when opened. */
const LAZY_TABLES = 12;
const LAZY_ATTACHMENTS = 40;

function routeTableCard(t, attachments, l, { can, run, errors, lazy, opened }) {
  const error = el('p', { class: 'error', role: 'alert' });
  errors.set(t.id, error);
  const fail = (problem) => {
    error.textContent = problem ?? '';
  };
  const byId = new Map(attachments.map((a) => [a.id, a]));
  const attachmentText = (id) => (byId.has(id) ? named(byId.get(id)) : id ?? '');
  const headingId = uid(`${t.id}-h`);
  const badges = [t.default_association ? el('span', { class: 'badge' }, 'Default association') : null, t.default_propagation ? el('span', { class: 'badge' }, 'Default propagation') : null];
  const head = el('header', { class: 'rt-card__head' }, el('h5', { id: headingId, class: 'rt-card__title' }, named(t), ...badges));
  const card = el('section', { class: 'rt-card tgw-rt-card', 'data-tgw-route-table': t.id, 'aria-labelledby': headingId }, head);
  if (lazy) {
    const counts = `Associations (${(t.associations ?? []).length}) · Propagations (${(t.propagations ?? []).length}) · Routes (${(t.routes ?? []).length})`;
    const toggle = el('button', { type: 'button', class: 'button button--small rt-card__toggle', 'aria-expanded': 'false', 'data-key': `${t.id}:toggle` }, counts);
    toggle.addEventListener('click', () => {
      opened.add(t.id);
      card.replaceWith(routeTableCard(t, attachments, l, { can, run, errors, lazy: false, opened }));
      document.querySelector(`[data-key="${CSS.escape(`${t.id}:toggle-close`)}"]`)?.focus();
    });
    head.append(el('p', { class: 'rt-card__open' }, toggle));
    errors.set(t.id, el('p', { class: 'error', role: 'alert' }));
    card.append(errors.get(t.id));
    return card;
  }
  if (opened.has(t.id)) {
    const close = el('button', { type: 'button', class: 'button button--small rt-card__toggle', 'aria-expanded': 'true', 'data-key': `${t.id}:toggle-close` }, 'Close');
    close.addEventListener('click', () => {
      opened.delete(t.id);
      card.replaceWith(routeTableCard(t, attachments, l, { can, run, errors, lazy: true, opened }));
      document.querySelector(`[data-key="${CSS.escape(`${t.id}:toggle`)}"]`)?.focus();
    });
    head.append(el('p', { class: 'rt-card__open' }, close));
  }

  // Associations: each attachment is associated with one table of its transit gateway.
  const associated = t.associations ?? [];
  const deleteButton = (text, key, label, action, keep) => {
    const b = el('button', { type: 'button', class: 'button button--small button--danger', 'data-key': key, 'aria-label': label }, text);
    b.addEventListener('click', () => fail(run(action, keep)));
    return b;
  };
  const ref = { transit_gateway_route_table: t.id };
  card.append(
    el('h6', {}, `Associations (${associated.length})`),
    associated.length
      ? table(
          `Associations of ${t.id}`,
          ['Attachment', 'Resource', ''],
          associated.map((id) => [
            attachmentText(id),
            byId.has(id) ? resourceText(byId.get(id), l) : '',
            el('td', { class: 'row-actions' }, can('disassociate_transit_gateway_route_table') ? deleteButton('Delete', `${t.id}:disassociate:${id}`, `Delete the association of ${id} with ${t.id}`, { action: 'disassociate_transit_gateway_route_table', ...ref, transit_gateway_attachment: id }, null) : null),
          ]),
          (i) => ({ 'data-attachment': associated[i] }),
        )
      : el('p', { class: 'note' }, 'No attachment is associated with this table: no traffic is looked up here.'),
  );
  if (attachments.length && can('associate_transit_gateway_route_table')) {
    const free = attachments.filter((a) => !associated.includes(a.id));
    card.append(pickForm(t, 'assoc', 'Associate attachment', 'Create association', free.map((a) => [a.id, `${attachmentLabel(a, l)}${a.association ? ` · now associated with ${a.association}` : ''}`]), (id) => ({ action: 'associate_transit_gateway_route_table', ...ref, transit_gateway_attachment: id }), run, fail));
  }

  // Propagations: attachments whose VPC CIDRs are propagated into this table.
  const propagating = t.propagations ?? [];
  card.append(
    el('h6', {}, `Propagations (${propagating.length})`),
    propagating.length
      ? table(
          `Propagations into ${t.id}`,
          ['Attachment', 'Resource', ''],
          propagating.map((id) => [
            attachmentText(id),
            byId.has(id) ? resourceText(byId.get(id), l) : '',
            el('td', { class: 'row-actions' }, can('disable_transit_gateway_propagation') ? deleteButton('Delete', `${t.id}:disable:${id}`, `Delete the propagation of ${id} into ${t.id}`, { action: 'disable_transit_gateway_propagation', ...ref, transit_gateway_attachment: id }, null) : null),
          ]),
          (i) => ({ 'data-attachment': propagating[i] }),
        )
      : el('p', { class: 'note' }, 'No attachment propagates its routes into this table.'),
  );
  if (attachments.length && can('enable_transit_gateway_propagation')) {
    const free = attachments.filter((a) => !propagating.includes(a.id));
    card.append(pickForm(t, 'prop', 'Propagate from attachment', 'Create propagation', free.map((a) => [a.id, attachmentLabel(a, l)]), (id) => ({ action: 'enable_transit_gateway_propagation', ...ref, transit_gateway_attachment: id }), run, fail));
  }

  // Routes: static and propagated, as the engine computed them (most specific first).
  const routes = t.routes ?? [];
  const canDelete = can('delete_transit_gateway_route');
  card.append(
    el('h6', {}, `Routes (${routes.length})`),
    routes.length
      ? table(
          `Routes of ${t.id}`,
          ['CIDR', 'Attachment', 'Resource', 'Route type', 'Route state', ''],
          routes.map((r) => {
            const att = r.attachment ? byId.get(r.attachment) : null;
            const isStatic = r.kind !== 'propagated';
            return [
              el('code', { class: 'nowrap' }, r.destination),
              r.attachment ? attachmentText(r.attachment) : '—',
              att ? resourceText(att, l) : '—',
              r.kind === 'propagated' ? 'Propagated' : r.kind === 'prefix_list' ? 'Static (prefix list)' : 'Static',
              el('span', { class: `status status--${r.blackhole ? 'blackhole' : 'active'}` }, r.blackhole ? 'Blackhole' : 'Active'),
              el('td', { class: 'row-actions' }, isStatic && canDelete ? deleteButton('Delete', `${t.id}:delete:${r.destination}`, `Delete static route ${r.destination} from ${t.id}`, { action: 'delete_transit_gateway_route', ...ref, destination: r.destination }, null) : null),
            ];
          }),
          (i) => ({ 'data-destination': routes[i].destination, 'data-kind': routes[i].kind, 'data-state': routes[i].blackhole ? 'blackhole' : 'active' }),
        )
      : el('p', { class: 'note' }, 'No routes: traffic looked up here goes nowhere.'),
  );
  if (can('create_transit_gateway_route')) card.append(staticRouteForm(t, attachments, l, run, fail));
  card.append(error);
  return card;
}

/** A select of attachments and a button: create an association or a propagation. */
function pickForm(t, what, label, submitText, options, action, run, fail) {
  if (!options.length) return el('p', { class: 'note' }, what === 'assoc' ? 'Every attachment of this transit gateway is associated here.' : 'Every attachment of this transit gateway propagates here.');
  const id = uid(`${t.id}-${what}`);
  const pick = el('select', { id, 'data-key': `${t.id}:${what}-pick` }, ...options.map(([v, text]) => el('option', { value: v }, text)));
  const form = el(
    'form',
    { class: 'assoc-add', 'data-tgw-form': what },
    el('div', { class: 'field' }, el('label', { for: id }, label), pick),
    el('div', { class: 'field field--submit' }, el('button', { type: 'submit', class: 'button', 'data-key': `${t.id}:${what}-add` }, submitText)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fail(run(action(pick.value), [`${t.id}:${what}-`]));
  });
  return form;
}

/** Create static route: a CIDR and an attachment, or Blackhole (the traffic is dropped). */
function staticRouteForm(t, attachments, l, run, fail) {
  const cidrId = uid(`${t.id}-cidr`);
  const attId = uid(`${t.id}-route-att`);
  const holeId = uid(`${t.id}-blackhole`);
  const cidr = el('input', { id: cidrId, type: 'text', class: 'route-dest', placeholder: 'e.g. 10.2.0.0/16', autocomplete: 'off', spellcheck: 'false', 'data-key': `${t.id}:route-dest` });
  const blackhole = el('input', { id: holeId, type: 'checkbox', 'data-key': `${t.id}:route-blackhole` });
  const attachment = el('select', { id: attId, class: 'route-target', 'data-key': `${t.id}:route-att` }, ...attachments.map((a) => el('option', { value: a.id }, attachmentLabel(a, l))));
  const sync = () => {
    attachment.disabled = blackhole.checked;
  };
  blackhole.addEventListener('change', sync);
  const form = el(
    'form',
    { class: 'route-add', 'data-tgw-form': 'route' },
    el('div', { class: 'field' }, el('label', { for: cidrId }, 'CIDR'), cidr),
    el('div', { class: 'field field--check' }, el('label', { for: holeId, class: 'check' }, blackhole, ' Blackhole')),
    el('div', { class: 'field' }, el('label', { for: attId }, 'Attachment'), attachments.length ? attachment : el('p', { class: 'note' }, 'No attachment: only a blackhole route')),
    el('div', { class: 'field field--submit' }, el('button', { type: 'submit', class: 'button button--primary', 'data-key': `${t.id}:route-add` }, 'Create static route')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const action = { action: 'create_transit_gateway_route', transit_gateway_route_table: t.id, destination: cidr.value.trim(), blackhole: blackhole.checked };
    if (!blackhole.checked && attachments.length) action.transit_gateway_attachment = attachment.value;
    fail(run(action, [`${t.id}:route-`]));
  });
  return form;
}
