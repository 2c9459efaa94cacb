// Forms for the console actions other than route edits, one per edit::Action, laid out like the
// AWS console's create dialogs. A form only gathers fields into the action's JSON; the Session
// applies it or refuses it with AWS's error, which the form shows inline.

import { el, uid } from './dom.js';
import { fieldSizes, fieldUse, isAny } from './action-fields.js';
import { attachmentLabel, lists, named, peeringLabel, subnetLabel, vpcLabel, vpcName } from './view-model.js';

/** The VPC a form is about: its VPC field, else the VPC of its subnet, attachment or endpoint. */
function vpcOf(l, get) {
  const vpc = get('vpc');
  if (vpc !== undefined) return vpc || null;
  const subnet = get('subnet');
  if (subnet !== undefined) return l.subnets.find((s) => s.id === subnet)?.vpc ?? null;
  const attachment = get('transit_gateway_attachment');
  if (attachment !== undefined) return l.tgwAttachments.find((a) => a.id === attachment)?.vpc ?? null;
  const endpoint = get('endpoint');
  if (endpoint !== undefined) return l.endpoints.find((e) => e.id === endpoint)?.vpc ?? null;
  return undefined;
}

/** Items in `vpc` (all of them when the form names no VPC: `vpc` undefined). */
const inVpc = (items, vpc) => (vpc === undefined ? items : items.filter((x) => x.vpc === vpc));

/** The group label of an item's VPC, for pickers that list several VPCs' items. */
const vpcGroup = (l, id) => {
  const v = l.vpcs.find((x) => x.id === id);
  return v ? `${vpcName(v)} (${v.id})` : id;
};

const subnetOptions = (l, items, scoped) => items.map((s) => [s.id, subnetLabel(s), scoped ? undefined : vpcGroup(l, s.vpc)]);
/** "for Data-db, Data-payroll" or "no subnets": the subnets a network ACL covers, by name. */
const aclSubnets = (l, a) => {
  const names = (a.subnets ?? []).map((id) => l.subnets.find((s) => s.id === id)?.name ?? id);
  return names.length ? `for ${names.join(', ')}` : 'no subnets';
};
const tableLabel = (t) => `${named(t)}${t.main ? ' · main' : ''}`;
const tableOptions = (l, items, scoped) => items.map((t) => [t.id, tableLabel(t), scoped ? undefined : vpcGroup(l, t.vpc)]);

/**
 * Pickers: `(l, get)` → `[value, label, group?]` options from the view's lists `l`. `get(name)`
 * reads another field of the same form (undefined when the form has no such field), so a picker
 * follows the form's choices: subnets of the chosen VPC, route tables the chosen endpoint has.
 * A form re-reads a picker whenever a field it read changes.
 */
export const PICK = {
  vpc: (l) => l.vpcs.map((v) => [v.id, vpcLabel(v)]),
  subnet: (l, get) => {
    const vpc = vpcOf(l, get);
    return subnetOptions(l, inVpc(l.subnets, vpc), vpc !== undefined);
  },
  route_table: (l, get) => {
    const vpc = vpcOf(l, get);
    return tableOptions(l, inVpc(l.routeTables, vpc), vpc !== undefined);
  },
  /** The route tables the chosen gateway endpoint has a route in. */
  endpoint_route_table: (l, get) => {
    const e = l.endpoints.find((x) => x.id === get('endpoint'));
    const has = new Set(e?.route_tables ?? []);
    return tableOptions(l, l.routeTables.filter((t) => has.has(t.id)), true);
  },
  /** The route tables of the chosen endpoint's VPC that it has no route in. */
  endpoint_missing_route_table: (l, get) => {
    const e = l.endpoints.find((x) => x.id === get('endpoint'));
    if (!e) return [];
    const has = new Set(e.route_tables ?? []);
    return tableOptions(l, l.routeTables.filter((t) => t.vpc === e.vpc && !has.has(t.id)), true);
  },
  /** The subnets the chosen transit gateway attachment has an interface in. */
  attachment_subnet: (l, get) => {
    const a = l.tgwAttachments.find((x) => x.id === get('transit_gateway_attachment'));
    const has = new Set(a?.subnets ?? []);
    return subnetOptions(l, l.subnets.filter((s) => has.has(s.id)), true);
  },
  /** The subnets of the chosen attachment's VPC that it has no interface in. */
  attachment_missing_subnet: (l, get) => {
    const a = l.tgwAttachments.find((x) => x.id === get('transit_gateway_attachment'));
    if (!a?.vpc) return [];
    const has = new Set(a.subnets ?? []);
    return subnetOptions(l, l.subnets.filter((s) => s.vpc === a.vpc && !has.has(s.id)), true);
  },
  /** The secondary CIDRs of the chosen VPC (the primary one cannot be removed). */
  secondary_cidr: (l, get) => (l.vpcs.find((v) => v.id === get('vpc'))?.cidrs ?? []).slice(1).map((c) => [c, c]),
  peering: (l) => l.peerings.map((p) => [p.id, peeringLabel(p, l.vpcs)]),
  eigw: (l) => l.eigws.map((g) => [g.id, `${named(g)} · attached to ${vpcGroup(l, g.attached_vpc)}`]),
  igw: (l) => l.igws.map((g) => [g.id, `${named(g)}${g.attached_vpc ? ` · attached to ${vpcGroup(l, g.attached_vpc)}` : ' · detached'}`]),
  nat: (l, get) => inVpc(l.nats, vpcOf(l, get)).map((n) => [n.id, `${named(n)} · in ${named(l.subnets.find((s) => s.id === n.subnet) ?? { id: n.subnet ?? '' })}`]),
  endpoint: (l) => l.endpoints.map((e) => [e.id, `${named(e)} · ${e.service_name ?? ''}`]),
  gateway_endpoint: (l) => l.endpoints.filter((e) => e.has_route_tables).map((e) => [e.id, `${named(e)} · ${e.service_name ?? ''}`]),
  tgw: (l) => l.tgws.map((t) => [t.id, named(t)]),
  tgw_route_table: (l, get) => {
    const tgw = get('transit_gateway');
    return l.tgwRouteTables.filter((t) => !tgw || t.transit_gateway === tgw).map((t) => [t.id, `${named(t)} · ${t.transit_gateway}`]);
  },
  tgw_attachment: (l, get) => {
    const tgw = get('transit_gateway') ?? l.tgwRouteTables.find((t) => t.id === get('transit_gateway_route_table'))?.transit_gateway;
    return l.tgwAttachments.filter((a) => !tgw || a.transit_gateway === tgw).map((a) => [a.id, attachmentLabel(a, l)]);
  },
  sg: (l, get) => {
    const vpc = vpcOf(l, get);
    return inVpc(l.securityGroups, vpc).map((g) => [g.id, `${g.name ? `${g.name} (${g.id})` : g.id}`, vpc === undefined ? vpcGroup(l, g.vpc) : undefined]);
  },
  instance: (l, get) => inVpc(l.instances, vpcOf(l, get)).map((i) => [i.id, `${named(i)} · ${i.private_ip ?? ''}`, vpcGroup(l, i.vpc)]),
  vgw: (l) => l.vgws.map((g) => [g.id, vgwLabel(l, g)]),
  /** The virtual private gateways attached somewhere (what detaching can act on). */
  attached_vgw: (l) => l.vgws.filter((g) => g.attached_vpc).map((g) => [g.id, vgwLabel(l, g)]),
  /** The virtual private gateway attached to the chosen route table's VPC. */
  vgw_of_table: (l, get) => {
    const vpc = l.routeTables.find((t) => t.id === get('route_table'))?.vpc;
    return l.vgws.filter((g) => g.attached_vpc && g.attached_vpc === vpc).map((g) => [g.id, vgwLabel(l, g)]);
  },
  /** The virtual private gateways the chosen route table propagates. */
  propagating_vgw: (l, get) => (l.routeTables.find((t) => t.id === get('route_table'))?.propagating_vgws ?? []).map((id) => [id, vgwLabel(l, l.vgws.find((g) => g.id === id) ?? { id })]),
  cgw: (l) => l.cgws.map((g) => [g.id, `${named(g)} · ${g.ip_address ?? ''} · ASN ${g.bgp_asn ?? ''}`]),
  vpn: (l) => l.vpns.map((v) => [v.id, vpnLabel(v)]),
  /** Static VPN connections to a virtual private gateway: those that take static routes. */
  static_vpn: (l) => l.vpns.filter((v) => v.static_routes_only && String(v.gateway ?? '').startsWith('vgw-')).map((v) => [v.id, vpnLabel(v)]),
  /** The static routes of the chosen VPN connection. */
  vpn_route: (l, get) => (l.vpns.find((v) => v.id === get('vpn_connection'))?.routes ?? []).map((c) => [c, c]),
  dxgw: (l) => l.dxgws.map((g) => [g.id, `${g.name} (${g.id})`]),
  dx_association: (l) => l.dxAssociations.map((a) => [a.id, `${l.dxgws.find((g) => g.id === a.direct_connect_gateway)?.name ?? a.direct_connect_gateway} ↔ ${a.gateway} · ${(a.allowed_prefixes ?? []).join(', ')}`]),
  // A network ACL by its Name tag, and the subnets it covers.
  acl: (l) => l.networkAcls.map((a) => [a.id, `${named(a)}${a.is_default ? ' · default' : ''} · ${aclSubnets(l, a)}`, vpcGroup(l, a.vpc)]),
};

/** "to-dc (vgw-…) · attached to VPC-1 (vpc-…)" or "· detached". */
function vgwLabel(l, g) {
  return `${named(g)}${g.attached_vpc ? ` · attached to ${vpcGroup(l, g.attached_vpc)}` : ' · detached'}`;
}

/** "vpn (vpn-…) · cgw-… ↔ vgw-… · static". */
function vpnLabel(v) {
  return `${named(v)} · ${v.customer_gateway} ↔ ${v.gateway ?? ''} · ${v.static_routes_only ? 'static' : 'BGP'}`;
}

/** A rule's ports as the console writes them: `22`, `1024 - 65535`, `All`. */
function portsText(r) {
  if (r.from_port == null || isAny(r.from_port)) return 'All';
  return r.to_port == null || r.to_port === r.from_port ? String(r.from_port) : `${r.from_port} - ${r.to_port}`;
}

/**
 * The chosen group's rules, inbound then outbound, each with a Delete button that sends exactly
 * that rule (as the console's rule list does): nothing to retype. `submit(action)` applies it.
 */
function sgRules(l, get, submit) {
  const g = l.securityGroups.find((x) => x.id === get('security_group'));
  if (!g) return null;
  const rows = [];
  for (const [direction, word, rules] of [['ingress', 'Inbound', g.ingress ?? []], ['egress', 'Outbound', g.egress ?? []]]) {
    for (const r of rules) {
      const peerGroup = r.peer_kind === 'peer_group' ? l.securityGroups.find((x) => x.id === r.peer) : null;
      const peer = peerGroup ? named(peerGroup) : r.peer;
      const proto = PROTOCOLS.find(([v]) => v === r.protocol)?.[1] ?? r.protocol;
      const what = `${word} ${proto} ${portsText(r)} ${direction === 'ingress' ? 'from' : 'to'} ${peer}`;
      const button = el('button', { type: 'button', class: 'button button--small button--danger', 'aria-label': `Delete the rule: ${what}` }, 'Delete');
      button.addEventListener('click', () => {
        const action = { action: 'remove_security_group_rule', security_group: g.id, direction, protocol: r.protocol, [r.peer_kind]: r.peer };
        if (r.from_port != null) action.from_port = r.from_port;
        if (r.to_port != null) action.to_port = r.to_port;
        return submit(action);
      });
      rows.push(
        el(
          'tr',
          { 'data-direction': direction },
          el('td', { 'data-label': 'Type' }, word),
          el('td', { 'data-label': 'Protocol' }, proto),
          el('td', { 'data-label': 'Ports' }, portsText(r)),
          el('td', { 'data-label': 'Peer' }, peer),
          el('td', { 'data-label': 'Description' }, r.description ?? ''),
          el('td', { class: 'row-actions' }, button),
        ),
      );
    }
  }
  const caption = `Rules of ${named(g)}`;
  if (!rows.length) return el('p', { class: 'note current-rules' }, `${caption}: none.`);
  return el(
    'div',
    { class: 'table-wrap current-rules', tabindex: '0', role: 'region', 'aria-label': caption },
    el(
      'table',
      { class: 'table stack-table' },
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, ...['Type', 'Protocol', 'Ports', 'Source or destination', 'Description', ''].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows),
    ),
  );
}

const PROTOCOLS = [['tcp', 'TCP'], ['udp', 'UDP'], ['icmp', 'ICMP'], ['-1', 'All traffic (-1)']];

// Field: (name, label, type, extra). Types: a PICK key, `text`, `number`, `check`, `choice`,
// `many:<PICK key>`. extra:
//   optional     the engine accepts the action without it (the label says "(optional)");
//   placeholder, options (choice), checked (check's start), always (a check sent even unticked),
//   prefer       which option a picker starts on (see `preferred`);
//   current      (l, get) → the resource's current value, shown until the learner changes it;
//   adapt        (get, action) → {label, optional, hidden}: the field as the other fields make it;
//   fallback     (get, action) → the value sent when the field is left empty.
const F = (name, label, type, extra = {}) => ({ name, label, type, ...extra });
const opt = { optional: true };
const vpcOfForm = (l, get) => l.vpcs.find((v) => v.id === get('vpc'));

// A rule's port fields: what each means under the chosen protocol (a TCP/UDP range, an ICMP type
// or code, or nothing: hidden) and whether it is needed are the engine's (ui/action-fields.js); the
// labels are the page's.
const PORT_LABEL = {
  port_from: 'Port range from',
  port_to: 'Port range to (empty: same as from)',
  icmp_type: 'ICMP type (empty: any)',
  icmp_code: 'ICMP code (empty: any)',
};
const byProtocol = (name) => (get, action) => {
  const use = fieldUse(action, name, get('protocol'));
  return use ? { label: PORT_LABEL[use.means], optional: !use.required } : { hidden: true };
};
/** An empty "to" port of a range is the "from" port (the engine needs both ends). */
const sameAsFrom = (get, action) => (fieldUse(action, 'to_port', get('protocol'))?.means === 'port_to' ? get('from_port') : '');

/** Security group rule ports: a TCP/UDP range, or ICMP type and code. */
const SG_PORTS = [
  F('from_port', 'Port range from', 'number', { adapt: byProtocol('from_port') }),
  F('to_port', 'Port range to', 'number', { adapt: byProtocol('to_port'), fallback: sameAsFrom }),
];
/** Network ACL rule ports: a TCP/UDP range, or ICMP type and code. */
const ACL_PORTS = [
  F('from_port', 'Port range from', 'number', { adapt: byProtocol('from_port') }),
  F('to_port', 'Port range to (empty: same as from)', 'number', { adapt: byProtocol('to_port'), fallback: sameAsFrom }),
  F('icmp_type', 'ICMP type (empty: any)', 'number', { optional: true, adapt: byProtocol('icmp_type') }),
  F('icmp_code', 'ICMP code (empty: any)', 'number', { optional: true, adapt: byProtocol('icmp_code') }),
];

/** A network ACL entry: what adding one and replacing one (by number and direction) both send. */
const ACL_ENTRY = [F('network_acl', 'Network ACL', 'acl'), F('rule_number', 'Rule number', 'number', { placeholder: '100' }), F('egress', 'Outbound rule', 'check'), F('protocol', 'Protocol', 'choice', { options: PROTOCOLS }), F('rule_action', 'Allow/Deny', 'choice', { options: [['allow', 'Allow'], ['deny', 'Deny']] }), F('cidr', 'CIDR', 'text', { placeholder: '0.0.0.0/0' }), ...ACL_PORTS];

/**
 * Every action this page has a form for in the Actions tab, by its JSON tag, in console order.
 * The transit gateway route tables' associations, propagations and routes are edited in their
 * cards (tgw-tables.js), as VPC routes are.
 */
export const FORMS = [
  { action: 'request_peering', title: 'Create peering connection', submit: 'Create peering connection', fields: [F('vpc', 'VPC ID (Requester)', 'vpc', { prefer: 'named' }), F('peer_vpc', 'VPC ID (Accepter)', 'vpc', { prefer: 'other' }), F('peer_owner', 'Account ID of the accepter (if another account)', 'text', { ...opt, placeholder: '111122223333' }), F('peer_region', 'Region of the accepter (if another region)', 'text', { ...opt, placeholder: 'us-west-2' }), F('name', 'Name tag', 'text', opt)] },
  { action: 'accept_peering', title: 'Accept peering connection', submit: 'Accept request', fields: [F('peering', 'Peering connection', 'peering', { prefer: 'pending' })] },
  { action: 'reject_peering', title: 'Reject peering connection', submit: 'Reject request', fields: [F('peering', 'Peering connection', 'peering', { prefer: 'pending' })] },
  { action: 'delete_peering', title: 'Delete peering connection', submit: 'Delete', fields: [F('peering', 'Peering connection', 'peering')] },
  { action: 'create_vpc', title: 'Create VPC', submit: 'Create VPC', fields: [F('cidr', 'IPv4 CIDR', 'text', { placeholder: '10.2.0.0/16' }), F('name', 'Name tag', 'text', opt), F('region', 'Region (if not the first one)', 'text', opt)] },
  { action: 'delete_vpc', title: 'Delete VPC', submit: 'Delete', fields: [F('vpc', 'VPC (empty: no subnets, gateways or extra groups and tables)', 'vpc')] },
  { action: 'add_vpc_cidr', title: 'Add secondary IPv4 CIDR', submit: 'Add CIDR', fields: [F('vpc', 'VPC', 'vpc'), F('cidr', 'IPv4 CIDR', 'text', { placeholder: '10.3.0.0/16' })] },
  { action: 'associate_vpc_ipv6_cidr', title: 'Add an IPv6 block to a VPC (Amazon-provided /56)', submit: 'Add IPv6 block', fields: [F('vpc', 'VPC', 'vpc')] },
  { action: 'associate_subnet_ipv6_cidr', title: 'Add an IPv6 block to a subnet', submit: 'Add IPv6 block', fields: [F('subnet', 'Subnet', 'subnet'), F('cidr', 'IPv6 CIDR', 'text', { placeholder: '2600:1f18:0:1::/64', adapt: (get, action) => ({ label: `IPv6 CIDR (${fieldSizes(action, 'cidr')}, inside the VPC’s /56; a /64 is usual)` }) })] },
  { action: 'create_egress_only_internet_gateway', title: 'Create egress-only internet gateway (IPv6 out)', submit: 'Create gateway', fields: [F('vpc', 'VPC', 'vpc'), F('name', 'Name tag', 'text', opt)] },
  { action: 'delete_egress_only_internet_gateway', title: 'Delete egress-only internet gateway', submit: 'Delete', fields: [F('egress_only_internet_gateway', 'Egress-only internet gateway', 'eigw')] },
  { action: 'remove_vpc_cidr', title: 'Remove secondary IPv4 CIDR', submit: 'Remove CIDR', fields: [F('vpc', 'VPC', 'vpc'), F('cidr', 'IPv4 CIDR', 'secondary_cidr')] },
  { action: 'modify_vpc_attribute', title: 'Edit VPC settings (DNS)', submit: 'Save', fields: [F('vpc', 'VPC', 'vpc'), F('enable_dns_support', 'Enable DNS resolution', 'check', { always: true, current: (l, get) => vpcOfForm(l, get)?.dns_support ?? false }), F('enable_dns_hostnames', 'Enable DNS hostnames', 'check', { always: true, current: (l, get) => vpcOfForm(l, get)?.dns_hostnames ?? false })] },
  { action: 'create_subnet', title: 'Create subnet', submit: 'Create subnet', fields: [F('vpc', 'VPC', 'vpc'), F('cidr', 'IPv4 subnet CIDR block', 'text', { placeholder: '10.1.3.0/24', optional: true, adapt: (get) => (get('ipv6_native') ? { label: 'IPv4 subnet CIDR block (none: the subnet is IPv6-only)' } : {}) }), F('availability_zone', 'Availability Zone', 'text', { placeholder: 'us-east-1a', suggest: 'az' }), F('name', 'Name tag', 'text', opt), F('ipv6_cidr', 'IPv6 CIDR block', 'text', { ...opt, placeholder: 'empty: IPv4 only', adapt: (get, action) => ({ label: `IPv6 CIDR block (optional; ${fieldSizes(action, 'ipv6_cidr')} of the VPC’s /56)` }) }), F('ipv6_native', 'IPv6-only (no IPv4 block)', 'check')] },
  { action: 'delete_subnet', title: 'Delete subnet', submit: 'Delete', fields: [F('subnet', 'Subnet (no instances or interfaces in it)', 'subnet')] },
  { action: 'create_route_table', title: 'Create route table', submit: 'Create route table', fields: [F('vpc', 'VPC', 'vpc'), F('name', 'Name tag', 'text', opt)] },
  { action: 'delete_route_table', title: 'Delete route table', submit: 'Delete', fields: [F('route_table', 'Route table', 'route_table')] },
  { action: 'create_internet_gateway', title: 'Create internet gateway', submit: 'Create internet gateway', fields: [F('name', 'Name tag', 'text', opt), F('region', 'Region (if not the first one)', 'text', opt)] },
  { action: 'attach_internet_gateway', title: 'Attach internet gateway to a VPC', submit: 'Attach', fields: [F('internet_gateway', 'Internet gateway', 'igw'), F('vpc', 'VPC', 'vpc')] },
  { action: 'detach_internet_gateway', title: 'Detach internet gateway', submit: 'Detach', fields: [F('internet_gateway', 'Internet gateway', 'igw'), F('vpc', 'VPC', 'vpc')] },
  { action: 'delete_internet_gateway', title: 'Delete internet gateway', submit: 'Delete', fields: [F('internet_gateway', 'Internet gateway (detached)', 'igw')] },
  { action: 'create_nat_gateway', title: 'Create NAT gateway', submit: 'Create NAT gateway', fields: [F('subnet', 'Subnet (a public one, for a public NAT gateway)', 'subnet'), F('private', 'Private NAT gateway (no Elastic IP)', 'check'), F('name', 'Name tag', 'text', opt)] },
  { action: 'delete_nat_gateway', title: 'Delete NAT gateway', submit: 'Delete', fields: [F('nat_gateway', 'NAT gateway', 'nat')] },
  { action: 'create_gateway_endpoint', title: 'Create gateway endpoint', submit: 'Create endpoint', fields: [F('vpc', 'VPC', 'vpc'), F('service', 'Service', 'choice', { options: [['s3', 'Amazon S3 (s3)'], ['dynamodb', 'Amazon DynamoDB (dynamodb)']] }), F('route_tables', 'Route tables (each gets a route to the service)', 'many:route_table', opt), F('name', 'Name tag', 'text', opt)] },
  { action: 'create_interface_endpoint', title: 'Create interface endpoint', submit: 'Create endpoint', fields: [F('vpc', 'VPC', 'vpc'), F('service', 'Service name', 'text', { placeholder: 'sns or com.amazonaws.us-east-1.sns' }), F('subnets', 'Subnets (one per Availability Zone)', 'many:subnet'), F('security_groups', 'Security groups (default: the VPC default group)', 'many:sg', opt), F('private_dns', 'Enable private DNS name', 'check', { checked: true, always: true }), F('name', 'Name tag', 'text', opt)] },
  { action: 'modify_gateway_endpoint', title: 'Manage gateway endpoint route tables', submit: 'Save', fields: [F('endpoint', 'Endpoint', 'gateway_endpoint'), F('add_route_tables', 'Add route tables (of its VPC, without its route)', 'many:endpoint_missing_route_table', opt), F('remove_route_tables', 'Remove route tables (those with its route)', 'many:endpoint_route_table', opt)] },
  { action: 'delete_endpoint', title: 'Delete endpoint', submit: 'Delete', fields: [F('endpoint', 'Endpoint', 'endpoint')] },
  { action: 'create_transit_gateway', title: 'Create transit gateway', submit: 'Create transit gateway', fields: [F('name', 'Name tag', 'text', opt), F('default_association', 'Default route table association', 'check', { checked: true, always: true }), F('default_propagation', 'Default route table propagation', 'check', { checked: true, always: true }), F('region', 'Region (if not the first one)', 'text', opt)] },
  { action: 'delete_transit_gateway', title: 'Delete transit gateway', submit: 'Delete', fields: [F('transit_gateway', 'Transit gateway (no attachments)', 'tgw')] },
  { action: 'create_transit_gateway_route_table', title: 'Create transit gateway route table', submit: 'Create', fields: [F('transit_gateway', 'Transit gateway', 'tgw'), F('name', 'Name tag', 'text', opt)] },
  { action: 'delete_transit_gateway_route_table', title: 'Delete transit gateway route table', submit: 'Delete', fields: [F('transit_gateway_route_table', 'Transit gateway route table (no associations)', 'tgw_route_table')] },
  { action: 'create_transit_gateway_attachment', title: 'Create transit gateway attachment (VPC)', submit: 'Create attachment', fields: [F('transit_gateway', 'Transit gateway', 'tgw'), F('vpc', 'VPC', 'vpc'), F('subnets', 'Subnets (one per Availability Zone)', 'many:subnet'), F('name', 'Name tag', 'text', opt)] },
  { action: 'modify_transit_gateway_attachment', title: 'Modify transit gateway attachment (subnets)', submit: 'Modify attachment', fields: [F('transit_gateway_attachment', 'Attachment', 'tgw_attachment'), F('add_subnets', 'Add subnets (of its VPC, one per Availability Zone)', 'many:attachment_missing_subnet', opt), F('remove_subnets', 'Remove subnets (at least one stays)', 'many:attachment_subnet', opt)] },
  { action: 'delete_transit_gateway_attachment', title: 'Delete transit gateway attachment', submit: 'Delete attachment', fields: [F('transit_gateway_attachment', 'Attachment', 'tgw_attachment')] },
  { action: 'share_subnet', title: 'Share a subnet (AWS RAM)', submit: 'Create resource share', fields: [F('subnet', 'Subnet', 'subnet'), F('with_account', 'Principal: account ID', 'text', { placeholder: '444455556666' })] },
  { action: 'create_security_group', title: 'Create security group', submit: 'Create security group', fields: [F('vpc', 'VPC', 'vpc'), F('name', 'Security group name', 'text'), F('description', 'Description', 'text', opt)] },
  { action: 'delete_security_group', title: 'Delete security group', submit: 'Delete', fields: [F('security_group', 'Security group (not the default one, not in use)', 'sg')] },
  { action: 'add_security_group_rule', title: 'Add security group rule', submit: 'Save rule', fields: [F('security_group', 'Security group', 'sg'), F('direction', 'Rule type', 'choice', { options: [['ingress', 'Inbound'], ['egress', 'Outbound']] }), F('protocol', 'Protocol', 'choice', { options: PROTOCOLS }), ...SG_PORTS, F('cidr', 'Source or destination CIDR', 'text', { ...opt, placeholder: '10.0.0.0/16' }), F('peer_group', 'or: security group', 'sg', opt), F('prefix_list', 'or: prefix list', 'text', { ...opt, placeholder: 'pl-…' }), F('description', 'Description', 'text', opt)] },
  { action: 'remove_security_group_rule', title: 'Delete security group rule', submit: 'Delete rule', after: 'security_group', current: sgRules, fields: [F('security_group', 'Security group', 'sg'), F('direction', 'Rule type', 'choice', { options: [['ingress', 'Inbound'], ['egress', 'Outbound']] }), F('protocol', 'Protocol', 'choice', { options: PROTOCOLS }), ...SG_PORTS, F('cidr', 'CIDR', 'text', opt), F('peer_group', 'or: security group', 'sg', opt), F('prefix_list', 'or: prefix list', 'text', opt)] },
  { action: 'add_network_acl_entry', title: 'Add network ACL rule', submit: 'Save rule', fields: ACL_ENTRY },
  { action: 'replace_network_acl_entry', title: 'Edit network ACL rule (same number and direction)', submit: 'Save rule', fields: ACL_ENTRY },
  { action: 'remove_network_acl_entry', title: 'Delete network ACL rule', submit: 'Delete rule', fields: [F('network_acl', 'Network ACL', 'acl'), F('rule_number', 'Rule number', 'number'), F('egress', 'Outbound rule', 'check')] },
  { action: 'launch_instance', title: 'Launch instance', submit: 'Launch instance', fields: [F('subnet', 'Subnet', 'subnet'), F('name', 'Name tag', 'text', opt), F('private_ip', 'Primary private IPv4 address', 'text', { ...opt, placeholder: 'empty: the next free one' }), F('public_ip', 'Auto-assign public IP', 'check'), F('ipv6_address', 'Assign an IPv6 address (the subnet needs an IPv6 block)', 'check'), F('security_groups', 'Security groups (default: the VPC default group)', 'many:sg', opt)] },
  { action: 'terminate_instance', title: 'Terminate instance', submit: 'Terminate', fields: [F('instance', 'Instance', 'instance')] },
  { action: 'create_vpn_gateway', title: 'Create virtual private gateway', submit: 'Create virtual private gateway', fields: [F('name', 'Name tag', 'text', opt), F('amazon_side_asn', 'Amazon side ASN (empty: 64512)', 'number', { ...opt, placeholder: '64512' }), F('region', 'Region (if not the first one)', 'text', opt)] },
  { action: 'attach_vpn_gateway', title: 'Attach virtual private gateway to a VPC', submit: 'Attach to VPC', fields: [F('vpn_gateway', 'Virtual private gateway', 'vgw'), F('vpc', 'VPC (one virtual private gateway per VPC)', 'vpc')] },
  { action: 'detach_vpn_gateway', title: 'Detach virtual private gateway', submit: 'Detach', fields: [F('vpn_gateway', 'Virtual private gateway', 'attached_vgw'), F('vpc', 'VPC', 'vpc')] },
  { action: 'delete_vpn_gateway', title: 'Delete virtual private gateway', submit: 'Delete', fields: [F('vpn_gateway', 'Virtual private gateway (detached, no VPN connection)', 'vgw')] },
  { action: 'create_customer_gateway', title: 'Create customer gateway', submit: 'Create customer gateway', fields: [F('ip_address', 'IP address (the device’s public IPv4)', 'text', { placeholder: '203.0.113.12' }), F('bgp_asn', 'BGP ASN (empty: 65000)', 'number', { ...opt, placeholder: '65000' }), F('name', 'Name tag', 'text', opt), F('region', 'Region (if not the first one)', 'text', opt)] },
  { action: 'delete_customer_gateway', title: 'Delete customer gateway', submit: 'Delete', fields: [F('customer_gateway', 'Customer gateway (no VPN connection)', 'cgw')] },
  { action: 'create_vpn_connection', title: 'Create Site-to-Site VPN connection', submit: 'Create VPN connection', fields: [F('customer_gateway', 'Customer gateway', 'cgw'), F('vpn_gateway', 'Target: virtual private gateway', 'vgw', opt), F('transit_gateway', 'or target: transit gateway', 'tgw', opt), F('static_routes_only', 'Routing options: static (not BGP)', 'check'), F('name', 'Name tag', 'text', opt)] },
  { action: 'delete_vpn_connection', title: 'Delete VPN connection', submit: 'Delete', fields: [F('vpn_connection', 'VPN connection', 'vpn')] },
  { action: 'create_vpn_connection_route', title: 'Add a static route to a VPN connection', submit: 'Add route', fields: [F('vpn_connection', 'VPN connection (static, to a virtual private gateway)', 'static_vpn'), F('destination', 'On-premises IPv4 CIDR', 'text', { placeholder: '192.168.0.0/16' })] },
  { action: 'delete_vpn_connection_route', title: 'Remove a static route from a VPN connection', submit: 'Remove route', fields: [F('vpn_connection', 'VPN connection', 'static_vpn'), F('destination', 'Static route', 'vpn_route')] },
  { action: 'enable_vgw_route_propagation', title: 'Enable route propagation (virtual private gateway)', submit: 'Enable propagation', fields: [F('route_table', 'Route table', 'route_table'), F('vpn_gateway', 'Virtual private gateway (attached to its VPC)', 'vgw_of_table')] },
  { action: 'disable_vgw_route_propagation', title: 'Disable route propagation', submit: 'Disable propagation', fields: [F('route_table', 'Route table', 'route_table'), F('vpn_gateway', 'Virtual private gateway it propagates', 'propagating_vgw')] },
  { action: 'create_direct_connect_gateway', title: 'Create Direct Connect gateway', submit: 'Create Direct Connect gateway', fields: [F('name', 'Name', 'text'), F('amazon_side_asn', 'Amazon side ASN (empty: 64512)', 'number', { ...opt, placeholder: '64512' }), F('region', 'Region (if not the first one)', 'text', opt)] },
  { action: 'delete_direct_connect_gateway', title: 'Delete Direct Connect gateway', submit: 'Delete', fields: [F('direct_connect_gateway', 'Direct Connect gateway (no associations)', 'dxgw')] },
  { action: 'create_direct_connect_gateway_association', title: 'Associate a gateway with a Direct Connect gateway', submit: 'Associate gateway', fields: [F('direct_connect_gateway', 'Direct Connect gateway', 'dxgw'), F('vpn_gateway', 'Virtual private gateway (attached to a VPC)', 'vgw', opt), F('transit_gateway', 'or transit gateway', 'tgw', opt), F('allowed_prefixes', 'Allowed prefixes (comma-separated; required for a transit gateway)', 'list', { ...opt, placeholder: '10.0.0.0/8, 172.16.0.0/12' })] },
  { action: 'delete_direct_connect_gateway_association', title: 'Disassociate a gateway from a Direct Connect gateway', submit: 'Disassociate', fields: [F('association_id', 'Association', 'dx_association')] },
];

/** Chooses the option a picker starts on: the first named VPC, a pending peering … */
function preferred(field, options, l) {
  if (field.prefer === 'named') return l.vpcs.find((v) => !v.is_default)?.id;
  if (field.prefer === 'other') {
    const first = preferred({ prefer: 'named' }, options, l);
    return options.find(([v]) => v !== first)?.[0];
  }
  if (field.prefer === 'pending') return l.peerings.find((p) => p.status === 'pending-acceptance')?.id;
  return undefined;
}

/** `[value, label, group?]` options as `<option>`s, in `<optgroup>`s where they name a group. */
export function optionNodes(options) {
  const out = [];
  let group = null;
  for (const [value, label, name] of options) {
    const option = el('option', { value }, label);
    if (name === undefined) {
      group = null;
      out.push(option);
    } else {
      if (group?.label !== name) {
        group = el('optgroup', { label: name });
        out.push(group);
      }
      group.append(option);
    }
  }
  return out;
}

/**
 * Builds the form for `spec` over the view's lists `l`, in a `<details>` card. `submit(action)`
 * applies the action and returns an error message or null. Controls carry `data-key` so focus
 * and the learner's choices survive a redraw. With `lazy` (a large estate) the form is built when
 * the card is first opened, unless `open` says it is open already.
 */
export function buildForm(spec, l, submit, { lazy = false, open = false } = {}) {
  const summary = el('summary', {}, spec.title);
  const card = el('details', { class: 'action-card', 'data-action': spec.action }, summary);
  if (!lazy || open) {
    card.append(formOf(spec, l, submit));
    return card;
  }
  // Built on first opening: the summary's click (mouse, Enter, Space) comes before the details
  // opens, so the form is there when it shows; `toggle` covers an opening by script.
  const build = () => {
    if (!card.querySelector('form')) card.append(formOf(spec, l, submit));
  };
  summary.addEventListener('click', build);
  card.addEventListener('toggle', () => {
    if (card.open) build();
  });
  return card;
}

/** A field's label: its text, and "(optional)" when the engine does without it. */
// No null in the list: replaceChildren, unlike el(), would write it as the text "null".
function labelParts(text, optional) {
  return optional ? [text, el('span', { class: 'optional' }, ' (optional)')] : [text];
}

/**
 * One field of a form: `{name, element, control, value(), read(), update(get)}`. `update` (re)fills
 * what depends on the form's other fields: a picker's options, a current value, the label.
 */
function fieldOf(spec, field, l) {
  const key = `${spec.action}:${field.name}`;
  const id = uid(key.replace(/[:_]/g, '-'));
  const touched = (node) => node.dataset.touched != null;
  let optional = field.optional ?? false;
  let hidden = false;
  const adapt = (wrap, labelNode, get) => {
    if (!field.adapt) return;
    const a = field.adapt(get, spec.action);
    hidden = a.hidden ?? false;
    optional = a.optional ?? field.optional ?? false;
    wrap.hidden = hidden;
    labelNode.replaceChildren(...labelParts(a.label ?? field.label, optional));
  };

  if (field.type.startsWith('many:')) {
    const kind = field.type.slice(5);
    const legend = el('legend', {}, ...labelParts(field.label, optional));
    const list = el('div', { class: 'many-options' });
    const element = el('fieldset', { class: 'field field--many', 'data-field': field.name }, legend, list);
    let boxes = [];
    const value = () => boxes.filter((b) => b.checked).map((b) => b.value);
    return {
      name: field.name,
      element,
      value,
      read: () => (hidden ? null : value().length || !optional ? [field.name, value()] : null),
      update(get) {
        adapt(element, legend, get);
        // The boxes of the new options; a box the learner ticked stays ticked while it is offered.
        const ticked = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
        const options = PICK[kind](l, get);
        boxes = [];
        const labels = options.map(([v, label, group]) => {
          const box = el('input', { type: 'checkbox', id: uid(`${key}-${v}`), value: v, 'data-key': `${key}:${v}`, checked: ticked.has(v) });
          boxes.push(box);
          return el('label', { for: box.id, class: 'check' }, box, ` ${label}${group ? ` · ${group}` : ''}`);
        });
        list.replaceChildren(...(labels.length ? labels : [el('p', { class: 'note' }, 'None to choose here.')]));
      },
    };
  }

  if (field.type === 'check') {
    const box = el('input', { type: 'checkbox', id, 'data-key': key, checked: field.checked ?? false });
    const text = el('span', {}, ` ${field.label}`);
    const element = el('div', { class: 'field field--check', 'data-field': field.name }, el('label', { for: id, class: 'check' }, box, text));
    return {
      name: field.name,
      element,
      value: () => box.checked,
      read: () => (hidden ? null : box.checked || field.always ? [field.name, box.checked] : null),
      update(get) {
        adapt(element, text, get);
        if (field.current && !touched(box)) box.checked = Boolean(field.current(l, get));
      },
    };
  }

  const labelText = el('span', {}, ...labelParts(field.label, optional));
  let control;
  let update = () => {};
  if (PICK[field.type]) {
    control = el('select', { id, 'data-key': key });
    update = (get) => {
      const options = PICK[field.type](l, get);
      const before = control.value;
      const had = control.options.length > 0;
      const first = field.optional ? [el('option', { value: '' }, '(none)')] : options.length ? [] : [el('option', { value: '' }, 'None to choose here')];
      control.replaceChildren(...first, ...optionNodes(options));
      if (had && options.some(([v]) => v === before)) control.value = before;
      else if (!had) {
        const want = preferred(field, options, l);
        if (want) control.value = want;
      }
    };
  } else if (field.type === 'choice') {
    control = el('select', { id, 'data-key': key }, ...field.options.map(([v, t]) => el('option', { value: v }, t)));
  } else {
    control = el('input', {
      id,
      'data-key': key,
      type: field.type === 'number' ? 'number' : 'text',
      placeholder: field.placeholder ?? null,
      autocomplete: 'off',
      spellcheck: 'false',
    });
  }
  // On a narrow screen a closed select cuts a long option ("VPC-1 (vpc-0…) · 10"): the chosen
  // option is written out in full under it (for the eye; the select itself is what is read out).
  const chosen = control.tagName === 'SELECT' ? el('p', { class: 'field__chosen', 'aria-hidden': 'true' }) : null;
  const showChosen = () => {
    if (!chosen) return;
    const text = control.selectedOptions[0]?.textContent ?? '';
    chosen.textContent = text.length > 28 ? text : '';
  };
  control.addEventListener('change', showChosen);
  const element = el('div', { class: 'field', 'data-field': field.name }, el('label', { for: id }, labelText), control, chosen);
  const value = () => control.value.trim();
  return {
    name: field.name,
    element,
    control,
    value,
    read(get) {
      if (hidden) return null;
      let raw = value();
      if (raw === '' && field.fallback) raw = String(field.fallback(get, spec.action) ?? '').trim();
      if (raw === '') return optional || field.type === 'choice' ? null : [field.name, ''];
      if (field.type === 'number') return [field.name, Number(raw)];
      // A list of words (CIDRs), separated by commas or spaces.
      if (field.type === 'list') return [field.name, raw.split(/[\s,]+/).filter(Boolean)];
      return [field.name, raw];
    },
    update(get) {
      adapt(element, labelText, get);
      update(get);
      showChosen();
    },
  };
}

function formOf(spec, l, submit) {
  const errorId = uid(`${spec.action}-error`);
  const error = el('p', { id: errorId, class: 'error', role: 'alert' });
  const fields = spec.fields.map((field) => fieldOf(spec, field, l));
  const byName = new Map(fields.map((f) => [f.name, f]));
  // Which fields each field read when it was last updated.
  const reads = new Map();
  const getFor = (self) => (name) => {
    if (name === self.name) return undefined;
    reads.get(self).add(name);
    return byName.get(name)?.value();
  };
  const updateField = (f) => {
    reads.set(f, new Set());
    f.update(getFor(f));
  };
  for (const f of fields) updateField(f);
  // A field reading one defined after it is updated again once that one has its value.
  for (const f of fields) if ([...reads.get(f)].some((n) => byName.has(n))) updateField(f);

  // What the chosen resource has now (its rules), after the field that chooses it, redrawn when
  // the form changes; each row may act on itself.
  const current = spec.current ? el('div', { class: 'form-current' }) : null;
  const drawCurrent = () => {
    if (!current) return;
    const get = (name) => byName.get(name)?.value();
    const shown = spec.current(l, get, (action) => {
      // Nothing typed is used up: the form stays on the chosen resource.
      const problem = submit(action, []);
      error.textContent = problem ?? '';
    });
    current.replaceChildren(...(shown ? [shown] : []));
  };
  const destructive = /^(delete|reject|detach|remove|disassociate|disable)_/.test(spec.action);
  const button = el('button', { type: 'submit', class: destructive ? 'button button--danger' : 'button button--primary', 'data-key': `${spec.action}:submit` }, spec.submit);
  const parts = fields.map((f) => f.element);
  if (current) parts.splice(fields.findIndex((f) => f.name === spec.after) + 1, 0, current);
  const form = el('form', { class: 'action-form', 'data-action': spec.action, 'aria-describedby': errorId }, ...parts, el('div', { class: 'form-actions' }, button), error);
  drawCurrent();
  // A changed field updates the fields that read it, and theirs in turn.
  const changed = (event) => {
    const from = fields.find((f) => f.element.contains(event.target));
    if (!from) return;
    const queue = [from.name];
    const done = new Set();
    while (queue.length) {
      const name = queue.shift();
      for (const f of fields) {
        if (done.has(f) || !reads.get(f).has(name)) continue;
        done.add(f);
        updateField(f);
        queue.push(f.name);
      }
    }
  };
  form.addEventListener('change', changed);
  form.addEventListener('input', changed);
  if (current) {
    form.addEventListener('change', (event) => {
      if (!current.contains(event.target)) drawCurrent();
    });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const get = (name) => byName.get(name)?.value();
    const action = { action: spec.action };
    for (const f of fields) {
      const pair = f.read(get);
      if (pair) action[pair[0]] = pair[1];
    }
    const problem = submit(action);
    error.textContent = problem ?? '';
  });
  return form;
}

/** The view's lists, for building forms. */
export { lists };
