// What the diagram draws, read from the Session's view(): `normalise` turns the view into the
// nesting the drawing needs (account → region → VPC → AZ → subnet → items), leaving out what no
// longer exists (a deleted NAT gateway, peering or attachment, a terminated instance); and the
// size of a label's text, so that the layout can keep labels apart and lines off them.

import { compareText, lists } from './view-model.js';

const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const MONO = 'ui-monospace, Menlo, Consolas, monospace';

/** The fonts of the diagram's labels, as style.css sets them (class → [CSS font, size px]). */
export const FONTS = {
  'd-vpc__name': [`700 13px ${SANS}`, 13],
  'd-mono': [`11px ${MONO}`, 11],
  'd-az': [`600 11px ${SANS}`, 11],
  'd-subnet__name': [`600 12px ${SANS}`, 12],
  'd-subnet__name d-subnet__name--compact': [`600 11px ${SANS}`, 11],
  'd-item__label': [`11px ${SANS}`, 11],
  'd-gw__label': [`600 11px ${SANS}`, 11],
  'd-account__label': [`700 12px ${SANS}`, 12],
  'd-region__label': [`700 12px ${SANS}`, 12],
  'd-tgw__kind': [`700 12px ${SANS}`, 12],
  'd-tgw__name': [`11px ${MONO}`, 11],
  'd-outside__label': [`700 12px ${SANS}`, 12],
  'd-peering-tag__id': [`600 11px ${MONO}`, 11],
  'd-peering-tag__status': [`700 11px ${SANS}`, 11],
  'd-failed__text': [`700 12px ${SANS}`, 12],
};

// One canvas context per font: setting `font` parses it again each time, which cost more than
// the measuring when labels of different classes alternate.
let canvasOk;
const contexts = new Map();
const glyphs = new Map();
const widths = new Map();

/** A 2D context set to `font`, or null where there is no canvas. */
function contextFor(font) {
  if (canvasOk === false) return null;
  let c = contexts.get(font);
  if (c === undefined) {
    try {
      c = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    } catch {
      c = null;
    }
    canvasOk = Boolean(c);
    if (!c) return null;
    c.font = font;
    contexts.set(font, c);
  }
  return c;
}

/** The width of one character in `font`, measured once. */
function glyph(ch, font, c) {
  const key = `${font}\n${ch}`;
  let w = glyphs.get(key);
  if (w === undefined) {
    w = c.measureText(ch).width;
    glyphs.set(key, w);
  }
  return w;
}

/**
 * The width in pixels of `text` in the font of label class `cls`: the sum of its characters'
 * widths, each measured once on a canvas (kerning is left out: the margin below covers it), or
 * estimated where there is no canvas.
 */
export function textWidth(text, cls) {
  const [font, size] = FONTS[cls] ?? FONTS['d-item__label'];
  const key = `${cls}\n${text}`;
  let w = widths.get(key);
  if (w !== undefined) return w;
  const c = contextFor(font);
  if (c) {
    w = 0;
    for (const ch of text) w += glyph(ch, font, c);
  } else {
    w = text.length * size * 0.62;
  }
  // A little more than measured: the SVG may pick a slightly wider fallback face.
  w = w * 1.04 + 1;
  if (widths.size > 4000) widths.clear();
  widths.set(key, w);
  return w;
}

/** `text` cut (with an ellipsis) to at most `px` pixels in the font of `cls`. */
export function fit(text, px, cls) {
  if (textWidth(text, cls) <= px) return text;
  let lo = 1;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(`${text.slice(0, mid)}…`, cls) <= px) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/**
 * A label: text at (x, y) (the baseline), anchored start/middle/end, with the box its glyphs
 * take (a little taller than the font size: ascenders above, descenders below the baseline).
 */
export function textBox(x, y, text, cls, anchor = 'start') {
  const [, size] = FONTS[cls] ?? FONTS['d-item__label'];
  const w = textWidth(text, cls);
  const left = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
  return { x, y, text, cls, anchor, box: { x: left, y: y - size * 0.95, w, h: size * 1.25 } };
}

const by = (key) => (a, b) => compareText(String(a[key]), String(b[key]));

/** A service name's short form: `com.amazonaws.us-east-1.s3` → `s3`. */
export function shortService(name) {
  const parts = String(name ?? '').split('.');
  return parts[parts.length - 1] || String(name);
}

// What no longer exists (deleted, terminated …), what a peering's status means and what an
// interface is are the engine's answers, sent with the view (`gone`, `phase`, `what`). A rejected
// or failed peering stays drawn: it is the learner's answer from AWS, as the console keeps it.

/** A peering's phase as a CSS class: active, pending, or gone (closed: rejected, failed …). */
const phaseClass = (phase) => (phase === 'active' || phase === 'pending' ? phase : 'gone');

/**
 * The drawing model of a view: VPCs with their zones and subnets, each subnet with its instances,
 * network interfaces (ECS tasks …), NAT gateways and interface endpoints; the gateways on the
 * VPC's edge; peerings; transit gateways with the VPCs attached.
 */
export function normalise(view) {
  const l = lists(view);
  const vpcs = new Map();
  for (const v of l.vpcs) {
    vpcs.set(v.id, {
      id: v.id,
      name: v.name ?? null,
      owner: v.owner ?? 'unknown',
      region: v.region ?? 'unknown',
      cidrs: v.cidrs,
      isDefault: Boolean(v.is_default),
      azMap: new Map(),
      edge: [],
      subnetCount: 0,
    });
  }
  const subnets = new Map();
  for (const s of l.subnets) {
    const vpc = vpcs.get(s.vpc);
    if (!vpc) continue;
    const az = s.availability_zone ?? '?';
    // An IPv6-only subnet is drawn with its IPv6 block.
    const sub = { id: s.id, name: s.name ?? null, cidr: s.cidr ?? (s.ipv6_cidrs ?? [])[0] ?? '', az, vpc: s.vpc, items: [], shared: s.shared_with ?? [] };
    subnets.set(s.id, sub);
    if (!vpc.azMap.has(az)) vpc.azMap.set(az, []);
    vpc.azMap.get(az).push(sub);
    vpc.subnetCount += 1;
    for (const n of s.interfaces ?? []) {
      if (n.interface_type !== 'interface') {
        // A gateway's or an endpoint's own interface: drawn as that gateway or endpoint.
        sub.owned = sub.owned ?? [];
        sub.owned.push(n);
        continue;
      }
      const what = n.what ?? 'ENI';
      const ip = (n.private_ips ?? [])[0] ?? '';
      sub.items.push({
        id: n.id,
        kind: 'eni',
        label: `${what} · ${ip}`,
        title: `${what === 'ENI' ? 'Network interface' : `${what}, network interface`} ${n.id}, ${(n.private_ips ?? []).join(', ')}${n.description ? ` (${n.description})` : ''}`,
      });
    }
  }
  for (const i of l.instances) {
    if (i.gone) continue;
    const name = i.name ? `${i.name} · ` : '';
    const vpcOwner = vpcs.get(i.vpc)?.owner;
    subnets.get(i.subnet)?.items.push({
      id: i.id,
      kind: 'instance',
      label: `${name}${i.private_ip ?? ''}`,
      title: `Instance ${i.name ? `${i.name} (${i.id})` : i.id}, ${i.private_ip ?? ''}${i.public_ip ? `, public ${i.public_ip}` : ''}${i.state && i.state !== 'running' ? `, ${i.state}` : ''}${i.owner && i.owner !== vpcOwner ? `, account ${i.owner}` : ''}`,
    });
  }
  for (const n of l.nats) {
    if (n.gone) continue;
    subnets.get(n.subnet)?.items.push({
      id: n.id,
      kind: 'nat_gateway',
      label: `NAT ${n.name ?? n.id}`,
      title: `NAT gateway ${n.id} (${n.public === false ? 'private' : 'public'}, ${n.state ?? 'available'})`,
    });
  }
  const services = new Set();
  for (const e of l.endpoints) {
    if (e.gone) continue;
    const service = shortService(e.service_name);
    if (e.kind === 'interface') {
      for (const sid of e.subnets ?? []) {
        subnets.get(sid)?.items.push({
          id: e.id,
          kind: 'interface_endpoint',
          label: `${service} endpoint`,
          title: `Interface endpoint ${e.id} for ${e.service_name}`,
        });
      }
    } else if (e.kind === 'gateway') {
      vpcs.get(e.vpc)?.edge.push({
        id: e.id,
        kind: 'gateway_endpoint',
        label: `${service} gateway endpoint`,
        title: `Gateway endpoint ${e.id} for ${e.service_name}, in route tables ${(e.route_tables ?? []).join(', ') || '(none)'}`,
        service,
      });
    }
    services.add(service);
  }
  // A trace may name the interface of a NAT gateway or an endpoint: the same place as it.
  const endpointEnis = new Map(l.endpoints.map((e) => [e.id, e.interfaces ?? []]));
  for (const sub of subnets.values()) {
    for (const n of sub.owned ?? []) {
      const item = sub.items.find((i) => String(n.description ?? '').includes(i.id) || endpointEnis.get(i.id)?.includes(n.id));
      if (item) (item.aliases = item.aliases ?? []).push(n.id);
    }
  }
  let internet = false;
  for (const g of l.igws) {
    const vpc = vpcs.get(g.attached_vpc);
    if (!vpc) continue;
    internet = true;
    vpc.edge.unshift({ id: g.id, kind: 'internet_gateway', label: `IGW ${g.name ?? g.id}`, title: `Internet gateway ${g.id}, attached to ${g.attached_vpc}` });
  }
  for (const g of l.eigws) {
    // IPv6 out and the replies back: on the VPC's edge, next to its internet gateway.
    if (vpcs.has(g.attached_vpc)) internet = true;
    vpcs.get(g.attached_vpc)?.edge.push({ id: g.id, kind: 'egress_only_internet_gateway', label: `EIGW ${g.name ?? g.id}`, title: `Egress-only internet gateway ${g.id} (IPv6 out only), attached to ${g.attached_vpc}` });
  }
  for (const g of l.vgws) {
    // The VPN / Direct Connect end of the VPC: on its edge, like its internet gateway.
    if (g.attached_vpc) vpcs.get(g.attached_vpc)?.edge.push({ id: g.id, kind: 'virtual_private_gateway', label: `VGW ${g.name ?? g.id}`, title: `Virtual private gateway ${g.id}, attached to ${g.attached_vpc}` });
  }
  // A trace names a TGW hop by attachment or TGW route table: all are drawn at the TGW.
  const tgws = l.tgws.filter((t) => !t.gone).map((t) => ({ id: t.id, name: t.name ?? null, owner: t.owner, region: t.region, vpcs: [], attachments: new Map(), aliases: [] }));
  const tgwById = new Map(tgws.map((t) => [t.id, t]));
  for (const rt of l.tgwRouteTables) tgwById.get(rt.transit_gateway)?.aliases.push(rt.id);
  for (const a of l.tgwAttachments) {
    const t = tgwById.get(a.transit_gateway);
    if (!t || a.gone) continue;
    t.aliases.push(a.id);
    if (a.vpc && vpcs.has(a.vpc) && !t.vpcs.includes(a.vpc)) {
      t.vpcs.push(a.vpc);
      t.attachments.set(a.vpc, a.id);
    }
  }
  const peerings = l.peerings
    .filter((p) => p.phase !== 'gone')
    .map((p) => ({ id: p.id, aVpc: p.requester?.vpc, bVpc: p.accepter?.vpc, status: p.status ?? 'unknown', statusClass: phaseClass(p.phase) }))
    .filter((p) => vpcs.has(p.aVpc) && vpcs.has(p.bVpc));

  // Frames: accounts, then regions inside, holding VPCs and transit gateways.
  const accounts = new Map();
  const frame = (owner, region) => {
    if (!accounts.has(owner)) accounts.set(owner, { id: owner, regions: new Map() });
    const regions = accounts.get(owner).regions;
    if (!regions.has(region)) regions.set(region, { name: region, vpcs: [], tgws: [] });
    return regions.get(region);
  };
  const vpcList = [...vpcs.values()].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || compareText(a.name ?? a.id, b.name ?? b.id));
  for (const v of vpcList) {
    v.azs = [...v.azMap.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([name, subs]) => ({ name, subnets: subs.sort(by('cidr')) }));
    delete v.azMap;
    frame(v.owner, v.region).vpcs.push(v);
  }
  for (const t of tgws) frame(t.owner, t.region).tgws.push(t);
  return {
    accounts: [...accounts.values()]
      .sort(by('id'))
      .map((a) => ({ id: a.id, regions: [...a.regions.values()].sort(by('name')) })),
    vpcs: vpcList,
    peerings,
    tgws,
    internet,
    // Networks on premises: behind a VPN connection or a Direct Connect gateway of the estate.
    onPremises: l.vpns.some((v) => !v.gone) || l.dxgws.length > 0,
    services: [...services].sort(),
  };
}
