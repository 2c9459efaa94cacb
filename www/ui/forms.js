// Forms for the console actions other than route edits, one per edit::Action, laid out like the
// AWS console's create dialogs. A form only gathers fields into the action's JSON; the Session
// applies it or refuses it with AWS's error, which the form shows inline.

import { el, uid } from './dom.js';
import { lists, named, peeringLabel, subnetLabel, vpcLabel } from './view-model.js';

/** Pickers: the view's resources of a kind, as [value, label] options. */
const PICK = {
  vpc: (l) => l.vpcs.map((v) => [v.id, vpcLabel(v)]),
  subnet: (l) => l.subnets.map((s) => [s.id, subnetLabel(s)]),
  route_table: (l) => l.routeTables.map((t) => [t.id, `${named(t)}${t.main ? ' · main' : ''}`]),
  peering: (l) => l.peerings.map((p) => [p.id, peeringLabel(p, l.vpcs)]),
  igw: (l) => l.igws.map((g) => [g.id, `${named(g)}${g.attached_vpc ? ` · attached to ${g.attached_vpc}` : ' · detached'}`]),
  nat: (l) => l.nats.map((n) => [n.id, `${named(n)} · ${n.subnet ?? ''}`]),
  endpoint: (l) => l.endpoints.map((e) => [e.id, `${named(e)} · ${e.service_name ?? ''}`]),
  gateway_endpoint: (l) => l.endpoints.filter((e) => String(e.kind ?? '').toLowerCase() === 'gateway').map((e) => [e.id, `${named(e)} · ${e.service_name ?? ''}`]),
  tgw: (l) => l.tgws.map((t) => [t.id, named(t)]),
  tgw_route_table: (l) => l.tgwRouteTables.map((t) => [t.id, `${named(t)}${t.transit_gateway ? ` · ${t.transit_gateway}` : ''}`]),
  tgw_attachment: (l) => l.tgwAttachments.map((a) => [a.id, `${named(a)}${a.vpc ? ` · ${a.vpc}` : ''}`]),
  sg: (l) => l.securityGroups.map((g) => [g.id, `${g.name ? `${g.name} · ` : ''}${g.id}${g.vpc ? ` · ${g.vpc}` : ''}`]),
  instance: (l) => l.instances.map((i) => [i.id, `${named(i)} · ${i.subnet ?? ''}`]),
  acl: (l) => l.networkAcls.map((a) => [a.id, `${a.id}${a.vpc ? ` · ${a.vpc}` : ''}${a.is_default ? ' · default' : ''}`]),
};

const PROTOCOLS = [['tcp', 'TCP'], ['udp', 'UDP'], ['icmp', 'ICMP'], ['-1', 'All traffic (-1)']];

// Field: [name, label, type, extra]. Types: a PICK key, `text`, `number`, `check`, `choice`,
// `many:<PICK key>`. extra: {optional, placeholder, options, checked, second}.
const F = (name, label, type, extra = {}) => ({ name, label, type, ...extra });
const opt = { optional: true };

/** Every action this page has a form for, by its JSON tag, in console order. */
export const FORMS = [
  { action: 'request_peering', title: 'Create peering connection', submit: 'Create peering connection', fields: [F('vpc', 'VPC ID (Requester)', 'vpc', { prefer: 'named' }), F('peer_vpc', 'VPC ID (Accepter)', 'vpc', { prefer: 'other' }), F('peer_owner', 'Account ID of the accepter (if another account)', 'text', { ...opt, placeholder: '111122223333' }), F('peer_region', 'Region of the accepter (if another region)', 'text', { ...opt, placeholder: 'us-west-2' }), F('name', 'Name tag', 'text', opt)] },
  { action: 'accept_peering', title: 'Accept peering connection', submit: 'Accept request', fields: [F('peering', 'Peering connection', 'peering', { prefer: 'pending' })] },
  { action: 'reject_peering', title: 'Reject peering connection', submit: 'Reject request', fields: [F('peering', 'Peering connection', 'peering', { prefer: 'pending' })] },
  { action: 'delete_peering', title: 'Delete peering connection', submit: 'Delete', fields: [F('peering', 'Peering connection', 'peering')] },
  { action: 'create_vpc', title: 'Create VPC', submit: 'Create VPC', fields: [F('cidr', 'IPv4 CIDR', 'text', { placeholder: '10.2.0.0/16' }), F('name', 'Name tag', 'text', opt), F('region', 'Region (if not the first one)', 'text', opt)] },
  { action: 'delete_vpc', title: 'Delete VPC', submit: 'Delete', fields: [F('vpc', 'VPC (empty: no subnets, gateways or extra groups and tables)', 'vpc')] },
  { action: 'add_vpc_cidr', title: 'Add secondary IPv4 CIDR', submit: 'Add CIDR', fields: [F('vpc', 'VPC', 'vpc'), F('cidr', 'IPv4 CIDR', 'text', { placeholder: '10.3.0.0/16' })] },
  { action: 'remove_vpc_cidr', title: 'Remove secondary IPv4 CIDR', submit: 'Remove CIDR', fields: [F('vpc', 'VPC', 'vpc'), F('cidr', 'IPv4 CIDR', 'text')] },
  { action: 'modify_vpc_attribute', title: 'Edit VPC settings (DNS)', submit: 'Save', fields: [F('vpc', 'VPC', 'vpc'), F('enable_dns_support', 'DNS resolution', 'choice', { options: [['', 'unchanged'], ['true', 'enabled'], ['false', 'disabled']], bool: true }), F('enable_dns_hostnames', 'DNS hostnames', 'choice', { options: [['', 'unchanged'], ['true', 'enabled'], ['false', 'disabled']], bool: true })] },
  { action: 'create_subnet', title: 'Create subnet', submit: 'Create subnet', fields: [F('vpc', 'VPC', 'vpc'), F('cidr', 'IPv4 subnet CIDR block', 'text', { placeholder: '10.1.3.0/24' }), F('availability_zone', 'Availability Zone', 'text', { placeholder: 'us-east-1a', suggest: 'az' }), F('name', 'Name tag', 'text', opt)] },
  { action: 'delete_subnet', title: 'Delete subnet', submit: 'Delete', fields: [F('subnet', 'Subnet (no instances or interfaces in it)', 'subnet')] },
  { action: 'create_route_table', title: 'Create route table', submit: 'Create route table', fields: [F('vpc', 'VPC', 'vpc'), F('name', 'Name tag', 'text', opt)] },
  { action: 'delete_route_table', title: 'Delete route table', submit: 'Delete', fields: [F('route_table', 'Route table', 'route_table')] },
  { action: 'create_internet_gateway', title: 'Create internet gateway', submit: 'Create internet gateway', fields: [F('name', 'Name tag', 'text', opt), F('region', 'Region (if not the first one)', 'text', opt)] },
  { action: 'attach_internet_gateway', title: 'Attach internet gateway to a VPC', submit: 'Attach', fields: [F('internet_gateway', 'Internet gateway', 'igw'), F('vpc', 'VPC', 'vpc')] },
  { action: 'detach_internet_gateway', title: 'Detach internet gateway', submit: 'Detach', fields: [F('internet_gateway', 'Internet gateway', 'igw'), F('vpc', 'VPC', 'vpc')] },
  { action: 'delete_internet_gateway', title: 'Delete internet gateway', submit: 'Delete', fields: [F('internet_gateway', 'Internet gateway (detached)', 'igw')] },
  { action: 'create_nat_gateway', title: 'Create NAT gateway', submit: 'Create NAT gateway', fields: [F('subnet', 'Subnet (a public one, for a public NAT gateway)', 'subnet'), F('private', 'Private NAT gateway (no Elastic IP)', 'check'), F('name', 'Name tag', 'text', opt)] },
  { action: 'delete_nat_gateway', title: 'Delete NAT gateway', submit: 'Delete', fields: [F('nat_gateway', 'NAT gateway', 'nat')] },
  { action: 'create_gateway_endpoint', title: 'Create gateway endpoint', submit: 'Create endpoint', fields: [F('vpc', 'VPC', 'vpc'), F('service', 'Service', 'choice', { options: [['s3', 'Amazon S3 (s3)'], ['dynamodb', 'Amazon DynamoDB (dynamodb)']] }), F('route_tables', 'Route tables', 'many:route_table'), F('name', 'Name tag', 'text', opt)] },
  { action: 'create_interface_endpoint', title: 'Create interface endpoint', submit: 'Create endpoint', fields: [F('vpc', 'VPC', 'vpc'), F('service', 'Service name', 'text', { placeholder: 'sns or com.amazonaws.us-east-1.sns' }), F('subnets', 'Subnets (one per Availability Zone)', 'many:subnet'), F('security_groups', 'Security groups (default: the VPC default group)', 'many:sg', { optional: true }), F('private_dns', 'Enable private DNS name', 'check', { checked: true, always: true }), F('name', 'Name tag', 'text', opt)] },
  { action: 'modify_gateway_endpoint', title: 'Manage gateway endpoint route tables', submit: 'Save', fields: [F('endpoint', 'Endpoint', 'gateway_endpoint'), F('add_route_tables', 'Add route tables', 'many:route_table', opt), F('remove_route_tables', 'Remove route tables', 'many:route_table', opt)] },
  { action: 'delete_endpoint', title: 'Delete endpoint', submit: 'Delete', fields: [F('endpoint', 'Endpoint', 'endpoint')] },
  { action: 'create_transit_gateway', title: 'Create transit gateway', submit: 'Create transit gateway', fields: [F('name', 'Name tag', 'text', opt), F('default_association', 'Default route table association', 'check', { checked: true, always: true }), F('default_propagation', 'Default route table propagation', 'check', { checked: true, always: true }), F('region', 'Region (if not the first one)', 'text', opt)] },
  { action: 'delete_transit_gateway', title: 'Delete transit gateway', submit: 'Delete', fields: [F('transit_gateway', 'Transit gateway (no attachments)', 'tgw')] },
  { action: 'create_transit_gateway_route_table', title: 'Create transit gateway route table', submit: 'Create', fields: [F('transit_gateway', 'Transit gateway', 'tgw'), F('name', 'Name tag', 'text', opt)] },
  { action: 'delete_transit_gateway_route_table', title: 'Delete transit gateway route table', submit: 'Delete', fields: [F('transit_gateway_route_table', 'Transit gateway route table (no associations)', 'tgw_route_table')] },
  { action: 'create_transit_gateway_attachment', title: 'Create transit gateway attachment (VPC)', submit: 'Create attachment', fields: [F('transit_gateway', 'Transit gateway', 'tgw'), F('vpc', 'VPC', 'vpc'), F('subnets', 'Subnets (one per Availability Zone)', 'many:subnet'), F('name', 'Name tag', 'text', opt)] },
  { action: 'modify_transit_gateway_attachment', title: 'Modify transit gateway attachment (subnets)', submit: 'Modify attachment', fields: [F('transit_gateway_attachment', 'Attachment', 'tgw_attachment'), F('add_subnets', 'Add subnets (one per Availability Zone)', 'many:subnet', opt), F('remove_subnets', 'Remove subnets', 'many:subnet', opt)] },
  { action: 'delete_transit_gateway_attachment', title: 'Delete transit gateway attachment', submit: 'Delete attachment', fields: [F('transit_gateway_attachment', 'Attachment', 'tgw_attachment')] },
  { action: 'associate_transit_gateway_route_table', title: 'Associate attachment with a TGW route table', submit: 'Create association', fields: [F('transit_gateway_route_table', 'Transit gateway route table', 'tgw_route_table'), F('transit_gateway_attachment', 'Attachment', 'tgw_attachment')] },
  { action: 'disassociate_transit_gateway_route_table', title: 'Delete TGW route table association', submit: 'Delete association', fields: [F('transit_gateway_route_table', 'Transit gateway route table', 'tgw_route_table'), F('transit_gateway_attachment', 'Attachment', 'tgw_attachment')] },
  { action: 'enable_transit_gateway_propagation', title: 'Create TGW route table propagation', submit: 'Create propagation', fields: [F('transit_gateway_route_table', 'Transit gateway route table', 'tgw_route_table'), F('transit_gateway_attachment', 'Attachment', 'tgw_attachment')] },
  { action: 'disable_transit_gateway_propagation', title: 'Delete TGW route table propagation', submit: 'Delete propagation', fields: [F('transit_gateway_route_table', 'Transit gateway route table', 'tgw_route_table'), F('transit_gateway_attachment', 'Attachment', 'tgw_attachment')] },
  { action: 'create_transit_gateway_route', title: 'Create transit gateway static route', submit: 'Create static route', fields: [F('transit_gateway_route_table', 'Transit gateway route table', 'tgw_route_table'), F('destination', 'CIDR', 'text', { placeholder: '10.2.0.0/16' }), F('transit_gateway_attachment', 'Attachment', 'tgw_attachment', opt), F('blackhole', 'Blackhole (drop matching traffic)', 'check')] },
  { action: 'delete_transit_gateway_route', title: 'Delete transit gateway static route', submit: 'Delete route', fields: [F('transit_gateway_route_table', 'Transit gateway route table', 'tgw_route_table'), F('destination', 'CIDR', 'text')] },
  { action: 'share_subnet', title: 'Share a subnet (AWS RAM)', submit: 'Create resource share', fields: [F('subnet', 'Subnet', 'subnet'), F('with_account', 'Principal: account ID', 'text', { placeholder: '444455556666' })] },
  { action: 'create_security_group', title: 'Create security group', submit: 'Create security group', fields: [F('vpc', 'VPC', 'vpc'), F('name', 'Security group name', 'text'), F('description', 'Description', 'text', opt)] },
  { action: 'delete_security_group', title: 'Delete security group', submit: 'Delete', fields: [F('security_group', 'Security group (not the default one, not in use)', 'sg')] },
  { action: 'add_security_group_rule', title: 'Add security group rule', submit: 'Save rule', fields: [F('security_group', 'Security group', 'sg'), F('direction', 'Rule type', 'choice', { options: [['ingress', 'Inbound'], ['egress', 'Outbound']] }), F('protocol', 'Protocol', 'choice', { options: PROTOCOLS }), F('from_port', 'Port range from', 'number', opt), F('to_port', 'Port range to', 'number', opt), F('cidr', 'Source or destination CIDR', 'text', { ...opt, placeholder: '10.0.0.0/16' }), F('peer_group', 'or: security group', 'sg', opt), F('prefix_list', 'or: prefix list', 'text', { ...opt, placeholder: 'pl-…' }), F('description', 'Description', 'text', opt)] },
  { action: 'remove_security_group_rule', title: 'Delete security group rule', submit: 'Delete rule', fields: [F('security_group', 'Security group', 'sg'), F('direction', 'Rule type', 'choice', { options: [['ingress', 'Inbound'], ['egress', 'Outbound']] }), F('protocol', 'Protocol', 'choice', { options: PROTOCOLS }), F('from_port', 'Port range from', 'number', opt), F('to_port', 'Port range to', 'number', opt), F('cidr', 'CIDR', 'text', opt), F('peer_group', 'or: security group', 'sg', opt), F('prefix_list', 'or: prefix list', 'text', opt)] },
  { action: 'add_network_acl_entry', title: 'Add network ACL rule', submit: 'Save rule', fields: [F('network_acl', 'Network ACL', 'acl'), F('rule_number', 'Rule number', 'number', { placeholder: '100' }), F('egress', 'Outbound rule', 'check'), F('protocol', 'Protocol', 'choice', { options: PROTOCOLS }), F('rule_action', 'Allow/Deny', 'choice', { options: [['allow', 'Allow'], ['deny', 'Deny']] }), F('cidr', 'CIDR', 'text', { placeholder: '0.0.0.0/0' }), F('from_port', 'Port range from', 'number', opt), F('to_port', 'Port range to', 'number', opt), F('icmp_type', 'ICMP type', 'number', opt), F('icmp_code', 'ICMP code', 'number', opt)] },
  { action: 'remove_network_acl_entry', title: 'Delete network ACL rule', submit: 'Delete rule', fields: [F('network_acl', 'Network ACL', 'acl'), F('rule_number', 'Rule number', 'number'), F('egress', 'Outbound rule', 'check')] },
  { action: 'launch_instance', title: 'Launch instance', submit: 'Launch instance', fields: [F('subnet', 'Subnet', 'subnet'), F('name', 'Name tag', 'text', opt), F('private_ip', 'Primary private IPv4 address (optional)', 'text', opt), F('public_ip', 'Auto-assign public IP', 'check'), F('security_groups', 'Security groups (default: the VPC default group)', 'many:sg', { optional: true })] },
  { action: 'terminate_instance', title: 'Terminate instance', submit: 'Terminate', fields: [F('instance', 'Instance', 'instance')] },
];

/** Chooses the option a picker starts on: the first named VPC, a pending peering … */
function preferred(field, options, l, form) {
  if (field.prefer === 'named') return l.vpcs.find((v) => !v.is_default)?.id;
  if (field.prefer === 'other') {
    const first = preferred({ prefer: 'named' }, options, l, form);
    return options.find(([v]) => v !== first)?.[0];
  }
  if (field.prefer === 'pending') return l.peerings.find((p) => p.status === 'pending-acceptance')?.id;
  return undefined;
}

/**
 * Builds the form for `spec` over the view's lists `l`, in a `<details>` card. `submit(action,
 * form)` applies the action and returns an error message or null. Controls carry `data-key` so
 * focus survives a redraw. With `lazy` (a large estate) the form is built when the card is first
 * opened, unless `open` says it is open already.
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

function formOf(spec, l, submit) {
  const errorId = uid(`${spec.action}-error`);
  const error = el('p', { id: errorId, class: 'error', role: 'alert' });
  const readers = [];
  const body = [];
  for (const field of spec.fields) {
    const key = `${spec.action}:${field.name}`;
    const id = uid(key.replace(/[:_]/g, '-'));
    if (field.type.startsWith('many:')) {
      const kind = field.type.slice(5);
      const options = PICK[kind](l);
      const boxes = options.map(([value, label]) => {
        const boxId = uid(`${key}-${value}`);
        const box = el('input', { type: 'checkbox', id: boxId, value, 'data-key': `${key}:${value}` });
        return [box, el('label', { for: boxId, class: 'check' }, box, ` ${label}`)];
      });
      body.push(
        el(
          'fieldset',
          { class: 'field field--many' },
          el('legend', {}, field.label),
          boxes.length ? boxes.map(([, label]) => label) : el('p', { class: 'note' }, 'None in this estate.'),
        ),
      );
      readers.push(() => {
        const chosen = boxes.filter(([b]) => b.checked).map(([b]) => b.value);
        return chosen.length || !field.optional ? [field.name, chosen] : null;
      });
      continue;
    }
    if (field.type === 'check') {
      const box = el('input', { type: 'checkbox', id, 'data-key': key, checked: field.checked ?? false });
      body.push(el('div', { class: 'field field--check' }, el('label', { for: id, class: 'check' }, box, ` ${field.label}`)));
      readers.push(() => (box.checked || field.always ? [field.name, box.checked] : null));
      continue;
    }
    let control;
    if (PICK[field.type]) {
      const options = PICK[field.type](l);
      if (options.length) {
        control = el('select', { id, 'data-key': key }, field.optional ? el('option', { value: '' }, '(none)') : null, ...options.map(([v, t]) => el('option', { value: v }, t)));
        const want = preferred(field, options, l);
        if (want) control.value = want;
      }
    } else if (field.type === 'choice') {
      control = el('select', { id, 'data-key': key }, ...field.options.map(([v, t]) => el('option', { value: v }, t)));
    }
    if (!control) {
      control = el('input', {
        id,
        'data-key': key,
        type: field.type === 'number' ? 'number' : 'text',
        placeholder: field.placeholder ?? (PICK[field.type] ? 'an id' : null),
        autocomplete: 'off',
        spellcheck: 'false',
      });
    }
    body.push(el('div', { class: 'field' }, el('label', { for: id }, field.label, field.optional ? el('span', { class: 'optional' }, ' (optional)') : null), control));
    readers.push(() => {
      const raw = control.value.trim();
      if (raw === '') return field.optional || field.type === 'choice' ? null : [field.name, ''];
      if (field.type === 'number') return [field.name, Number(raw)];
      if (field.bool) return [field.name, raw === 'true'];
      return [field.name, raw];
    });
  }
  const destructive = /^(delete|reject|detach|remove|disassociate|disable)_/.test(spec.action);
  const button = el('button', { type: 'submit', class: destructive ? 'button button--danger' : 'button button--primary', 'data-key': `${spec.action}:submit` }, spec.submit);
  const form = el('form', { class: 'action-form', 'data-action': spec.action, 'aria-describedby': errorId }, ...body, el('div', { class: 'form-actions' }, button), error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const action = { action: spec.action };
    for (const read of readers) {
      const pair = read();
      if (pair) action[pair[0]] = pair[1];
    }
    const problem = submit(action);
    error.textContent = problem ?? '';
  });
  return form;
}

/** The view's lists, for building forms. */
export { lists };
