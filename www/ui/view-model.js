// Reading the Session's view(): lists of resources with labels for pickers. Only lookups and
// wording; whether something may be done is the engine's answer to the action.

const list = (v) => (Array.isArray(v) ? v : []);

const cache = new WeakMap();

/**
 * Orders two names as people read them: letters regardless of case first (a lower-case letter
 * before its capital on a tie), then code units. Not String.prototype.localeCompare: its first
 * call loads the ICU collation data (about 10 ms), on the path of the first diagram drawn.
 */
export function compareText(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  if (a === b) return 0;
  return a < b ? 1 : -1;
}

/**
 * Every list the page reads from a view, flattened from the view's nesting (account → region →
 * VPC → zone → subnet) so that each item names its VPC, subnet, owner and region.
 */
export function lists(view) {
  if (view && typeof view === 'object' && cache.has(view)) return cache.get(view);
  const out = {
    accounts: [],
    vpcs: [],
    subnets: [],
    routeTables: [],
    peerings: list(view?.peerings),
    igws: [],
    eigws: [],
    nats: [],
    endpoints: [],
    tgws: [],
    tgwRouteTables: [],
    tgwAttachments: [],
    securityGroups: [],
    networkAcls: [],
    instances: [],
    enis: [],
    vgws: [],
    cgws: [],
    vpns: [],
    dxgws: list(view?.direct_connect_gateways),
    dxAssociations: list(view?.direct_connect_gateways).flatMap((g) => list(g.associations).map((a) => ({ ...a, direct_connect_gateway: g.id }))),
  };
  for (const account of list(view?.accounts)) {
    out.accounts.push(account.id);
    for (const r of list(account.regions)) {
      const region = r.region;
      for (const g of list(r.detached_internet_gateways)) out.igws.push({ ...g, attached_vpc: null, owner: account.id, region });
      for (const g of list(r.vpn_gateways)) out.vgws.push({ ...g, owner: account.id, region });
      for (const g of list(r.customer_gateways)) out.cgws.push({ ...g, owner: account.id, region });
      for (const v of list(r.vpn_connections)) out.vpns.push({ ...v, owner: account.id, region });
      for (const t of list(r.transit_gateways)) {
        out.tgws.push({ id: t.id, name: t.name, state: t.state, gone: t.gone, owner: account.id, region });
        for (const rt of list(t.route_tables)) out.tgwRouteTables.push({ ...rt, transit_gateway: t.id });
        for (const a of list(t.attachments)) {
          out.tgwAttachments.push({ ...a, transit_gateway: t.id, vpc: a.resource_type === 'vpc' ? a.resource_id : null });
        }
      }
      for (const v of list(r.vpcs)) {
        out.vpcs.push({ id: v.id, name: v.name, owner: v.owner ?? account.id, region, cidrs: list(v.cidrs), ipv6_cidrs: list(v.ipv6_cidrs), is_default: v.is_default, dns_support: v.dns_support, dns_hostnames: v.dns_hostnames });
        if (v.internet_gateway) out.igws.push({ ...v.internet_gateway, attached_vpc: v.id, owner: account.id, region });
        for (const g of list(v.egress_only_internet_gateways)) out.eigws.push({ ...g, attached_vpc: v.id, owner: account.id, region });
        for (const n of list(v.nat_gateways)) out.nats.push({ ...n, vpc: v.id });
        for (const e of list(v.endpoints)) out.endpoints.push({ ...e, kind: String(e.kind ?? '').toLowerCase(), service_name: e.service, vpc: v.id });
        for (const g of list(v.security_groups)) out.securityGroups.push({ ...g, vpc: v.id });
        for (const a of list(v.network_acls)) out.networkAcls.push({ ...a, vpc: v.id });
        const vpcSubnets = [];
        for (const z of list(v.zones)) {
          for (const sn of list(z.subnets)) {
            const subnet = { ...sn, availability_zone: z.zone, vpc: v.id, region };
            vpcSubnets.push(subnet);
            out.subnets.push(subnet);
            for (const i of list(sn.instances)) out.instances.push({ ...i, vpc: v.id, subnet: sn.id });
            for (const eni of list(sn.interfaces)) {
              if (eni.interface_type === 'interface') out.enis.push({ id: eni.id, name: eni.description || null, subnet: sn.id, vpc: v.id });
            }
          }
        }
        for (const t of list(v.route_tables)) {
          const implicit = t.main ? vpcSubnets.filter((sn) => sn.route_table === t.id && !sn.explicit_association).map((sn) => sn.id) : [];
          out.routeTables.push({
            ...t,
            vpc: v.id,
            implicit_subnets: implicit,
            routes: list(t.routes).map((rt) => ({ ...rt, state: rt.status ?? rt.state })),
          });
        }
      }
    }
  }
  if (view && typeof view === 'object') cache.set(view, out);
  return out;
}

/** "VPC-1 (vpc-0de9…)" style names, as the console writes a resource with a Name tag. */
export function named(item) {
  if (!item) return '';
  return item.name ? `${item.name} (${item.id})` : item.id;
}

/** "VPC-1 (vpc-…) · 10.1.0.0/16, 2600:1f18::/56"; the default VPC without a Name tag is "default VPC (vpc-…)". */
export function vpcLabel(v) {
  const cidrs = [...list(v.cidrs), ...list(v.ipv6_cidrs)].join(', ');
  const name = v.name ?? (v.is_default ? 'default VPC' : null);
  return `${name ? `${name} (${v.id})` : v.id}${cidrs ? ` · ${cidrs}` : ''}`;
}

/** "App-A (subnet-…) · us-east-1a · 10.1.1.0/24" (and its IPv6 block, if it has one). */
export function subnetLabel(s) {
  const v6 = list(s.ipv6_cidrs).join(', ');
  return `${named(s)}${s.availability_zone ? ` · ${s.availability_zone}` : ''}${s.cidr ? ` · ${s.cidr}` : ''}${v6 ? ` · ${v6}` : ''}`;
}

/** A VPC's short name: its Name tag, "default VPC", or its id. */
export function vpcName(v) {
  return v ? v.name ?? (v.is_default ? 'default VPC' : v.id) : '';
}

/** "VPC-1 (tgw-attach-…) · VPC-1 (vpc-…)": an attachment and what it attaches. */
export function attachmentLabel(a, l) {
  if (!a) return '';
  const vpc = a.vpc ? l.vpcs.find((v) => v.id === a.vpc) : null;
  const what = vpc ? named({ id: vpc.id, name: vpcName(vpc) === vpc.id ? null : vpcName(vpc) }) : a.resource_id ? `${a.resource_type} ${a.resource_id}` : a.resource_type;
  return `${named(a)}${what ? ` · ${what}` : ''}`;
}

/** The VPC a peering's side names. */
export function peeringEnds(p) {
  return [p.requester?.vpc ?? p.requester_vpc, p.accepter?.vpc ?? p.accepter_vpc];
}

export function peeringLabel(p, vpcs) {
  const name = (id) => {
    const v = vpcs.find((x) => x.id === id);
    return v ? v.name ?? (v.is_default ? 'default VPC' : v.id) : id;
  };
  const [a, b] = peeringEnds(p);
  return `${named(p)} · ${name(a)} ↔ ${name(b)} · ${p.status}`;
}

/**
 * Route targets offered by kind (the id prefix says the kind), for the route editor: what the
 * engine says a route may point at (`route_target`: not a deleted NAT gateway, not a rejected or
 * failed peering, only a Gateway Load Balancer endpoint), nothing that no longer exists.
 */
export function targetGroups(view) {
  const l = lists(view);
  const groups = [['Local', [['local', 'local']]]];
  const add = (title, items, label = named) => {
    if (items.length) groups.push([title, items.map((i) => [i.id, label(i)])]);
  };
  add('Internet gateway (igw-)', l.igws);
  add('Egress-only internet gateway (eigw-, IPv6)', l.eigws);
  add('NAT gateway (nat-)', l.nats.filter((n) => n.route_target));
  add('Peering connection (pcx-)', l.peerings.filter((p) => p.route_target), (p) => peeringLabel(p, l.vpcs));
  add('Endpoint (vpce-)', l.endpoints.filter((e) => e.route_target));
  add('Transit gateway (tgw-)', l.tgws.filter((t) => !t.gone));
  add('Virtual private gateway (vgw-)', l.vgws.filter((g) => g.route_target));
  add('Network interface (eni-)', l.enis);
  return groups;
}
