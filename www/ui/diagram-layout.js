// Where each box of the diagram goes. `normalise` turns the Session's view() into the nesting the
// drawing needs (account → region → VPC → AZ → subnet → items); `layout` gives every box its
// coordinates: boxes flow left to right and wrap at the width available. Pure arithmetic.

import { compareText, lists } from './view-model.js';

const PAD = 14;
const HEAD = 50;
const AZ_LABEL = 18;
const SUB_W = 178;
const SUB_GAP = 10;
const COL_GAP = 12;
const ITEM_H = 20;
const VPC_MIN_W = 240;
const REGION_PAD = 16;
const FRAME_LABEL = 30;
const VPC_GAP_X = 170;
const VPC_GAP_Y = 64;
const TGW_W = 170;
const TGW_H = 42;
const OUTSIDE_H = 34;
const OUTSIDE_BAND = 70;
const MARGIN = 12;

const by = (key) => (a, b) => compareText(String(a[key]), String(b[key]));

/** A service name's short form: `com.amazonaws.us-east-1.s3` → `s3`. */
export function shortService(name) {
  const parts = String(name ?? '').split('.');
  return parts[parts.length - 1] || String(name);
}

/** The peering status as a CSS class: active, pending, or gone (rejected, deleted, failed …). */
function statusClass(status) {
  if (status === 'active') return 'active';
  if (status === 'pending-acceptance' || status === 'provisioning' || status === 'initiating-request') return 'pending';
  return 'gone';
}

/**
 * The drawing model of a view (the Session's view(), read through `lists`): VPCs with their
 * zones and subnets, each subnet with its instances, NAT gateways and interface endpoints; the
 * gateways on the VPC's edge; peerings; transit gateways with the VPCs attached.
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
    const sub = { id: s.id, name: s.name ?? null, cidr: s.cidr, az, vpc: s.vpc, items: [], public: s.public };
    subnets.set(s.id, sub);
    if (!vpc.azMap.has(az)) vpc.azMap.set(az, []);
    vpc.azMap.get(az).push(sub);
    vpc.subnetCount += 1;
  }
  for (const i of l.instances) {
    const name = i.name ? `${i.name} · ` : '';
    subnets.get(i.subnet)?.items.push({
      id: i.id,
      kind: 'instance',
      label: `${name}${i.private_ip ?? ''}`,
      title: `Instance ${i.name ? `${i.name} (${i.id})` : i.id}, ${i.private_ip ?? ''}${i.public_ip ? `, public ${i.public_ip}` : ''}${i.state && i.state !== 'running' ? `, ${i.state}` : ''}`,
    });
  }
  for (const n of l.nats) {
    subnets.get(n.subnet)?.items.push({
      id: n.id,
      kind: 'nat_gateway',
      label: `NAT ${n.name ?? n.id}`,
      title: `NAT gateway ${n.id} (${n.public === false ? 'private' : 'public'}, ${n.state ?? 'available'})`,
    });
  }
  const services = new Set();
  for (const e of l.endpoints) {
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
        side: 'bottom',
        label: `${service} gateway endpoint`,
        title: `Gateway endpoint ${e.id} for ${e.service_name}, in route tables ${(e.route_tables ?? []).join(', ') || '(none)'}`,
        service,
      });
    }
    services.add(service);
  }
  let internet = false;
  for (const g of l.igws) {
    const vpc = vpcs.get(g.attached_vpc);
    if (!vpc) continue;
    internet = true;
    vpc.edge.push({ id: g.id, kind: 'internet_gateway', side: 'top', label: `IGW ${g.name ?? g.id}`, title: `Internet gateway ${g.id}, attached to ${g.attached_vpc}` });
  }
  // A trace names a TGW hop by attachment or TGW route table: all are drawn at the TGW.
  const tgws = l.tgws.map((t) => ({ id: t.id, name: t.name ?? null, owner: t.owner, region: t.region, vpcs: [], aliases: [] }));
  const tgwById = new Map(tgws.map((t) => [t.id, t]));
  for (const rt of l.tgwRouteTables) tgwById.get(rt.transit_gateway)?.aliases.push(rt.id);
  for (const a of l.tgwAttachments) {
    const t = tgwById.get(a.transit_gateway);
    t?.aliases.push(a.id);
    if (t && a.vpc && vpcs.has(a.vpc) && !t.vpcs.includes(a.vpc)) t.vpcs.push(a.vpc);
  }
  const peerings = l.peerings
    .map((p) => ({ id: p.id, aVpc: p.requester?.vpc, bVpc: p.accepter?.vpc, status: p.status ?? 'unknown', statusClass: statusClass(p.status) }))
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
    services: [...services].sort(),
  };
}

/** Places `items` ({w, h}) in rows no wider than `maxW`; sets rx/ry; returns the size used. */
function flow(items, maxW, gapX, gapY) {
  let x = 0;
  let y = 0;
  let rowH = 0;
  let w = 0;
  for (const item of items) {
    if (x > 0 && x + item.w > maxW) {
      x = 0;
      y += rowH + gapY;
      rowH = 0;
    }
    item.rx = x;
    item.ry = y;
    x += item.w + gapX;
    rowH = Math.max(rowH, item.h);
    w = Math.max(w, x - gapX);
  }
  return { w, h: items.length ? y + rowH : 0 };
}

/** Sizes a VPC and places its contents relative to its top-left corner. */
function sizeVpc(v, maxW) {
  // Too many AZ columns for the space: wrap the columns.
  const cols = v.azs.map((az) => {
    let y = AZ_LABEL;
    for (const s of az.subnets) {
      s.rh = Math.max(54, 44 + s.items.length * ITEM_H + (s.items.length ? 4 : 0));
      s.ry0 = y;
      y += s.rh + SUB_GAP;
    }
    return { az, w: SUB_W, h: az.subnets.length ? y - SUB_GAP : AZ_LABEL };
  });
  const inner = flow(cols, Math.max(SUB_W, maxW - PAD * 2), COL_GAP, 18);
  v.cols = cols;
  const bottomEdge = v.edge.some((e) => e.side === 'bottom') ? 16 : 0;
  // Wide enough for the header line (name, id, CIDRs) beside the router.
  const header = `${v.name ? `${v.id} · ` : ''}${v.cidrs.join(', ')}`.length * 6.8 + 60;
  v.w = Math.max(VPC_MIN_W, inner.w + PAD * 2, Math.min(header, maxW));
  v.h = HEAD + (cols.length ? inner.h + PAD : 10) + bottomEdge;
}

/** Gives every VPC, frame, gateway and link its absolute coordinates. */
function place(model, lay, width) {
  const maxInner = width - MARGIN * 2 - REGION_PAD * 4;
  const accountBoxes = model.accounts.map((a) => {
    const regions = a.regions.map((r) => {
      for (const v of r.vpcs) sizeVpc(v, maxInner);
      const vpcArea = flow(r.vpcs, maxInner, VPC_GAP_X, VPC_GAP_Y);
      const tgwArea = flow(r.tgws.map((t) => Object.assign(t, { w: TGW_W, h: TGW_H })), maxInner, 40, 20);
      const w = Math.max(vpcArea.w, tgwArea.w, 160) + REGION_PAD * 2;
      const tgwY = FRAME_LABEL + vpcArea.h + (r.tgws.length ? 56 : 0);
      for (const t of r.tgws) {
        t.rx += (w - tgwArea.w) / 2 - REGION_PAD;
        t.ry += tgwY - FRAME_LABEL;
      }
      return Object.assign(r, { w, h: tgwY + (r.tgws.length ? tgwArea.h : 0) + REGION_PAD + 6 });
    });
    const area = flow(regions, maxInner + REGION_PAD * 2, 24, 24);
    return Object.assign(a, { w: area.w + REGION_PAD * 2, h: FRAME_LABEL + area.h + REGION_PAD });
  });
  const area = flow(accountBoxes, width - MARGIN * 2, 24, 24);
  const top = MARGIN + (lay.outside.length ? OUTSIDE_BAND : 0);

  for (const a of accountBoxes) {
    a.x = MARGIN + a.rx;
    a.y = top + a.ry;
    lay.accounts.push(a);
    for (const r of a.regions) {
      r.x = a.x + REGION_PAD + r.rx;
      r.y = a.y + FRAME_LABEL + r.ry;
      for (const v of r.vpcs) {
        v.x = r.x + REGION_PAD + v.rx;
        v.y = r.y + FRAME_LABEL + v.ry;
        placeVpcInside(v, lay);
        lay.vpcs.push(v);
      }
      for (const t of r.tgws) {
        t.x = r.x + REGION_PAD + t.rx;
        t.y = r.y + FRAME_LABEL + t.ry;
        const centre = { x: t.x + t.w / 2, y: t.y + t.h / 2 };
        for (const id of [t.id, ...t.aliases]) lay.points.set(id, centre);
        lay.tgws.push(t);
      }
    }
  }
  return { w: Math.max(area.w + MARGIN * 2, lay.outsideW + MARGIN * 2), h: top + area.h + MARGIN };
}

function placeVpcInside(v, lay) {
  lay.points.set(v.id, { x: v.x + v.w / 2, y: v.y + v.h / 2 });
  v.router = { x: v.x + v.w - 24, y: v.y + 27 };
  lay.points.set(`router:${v.id}`, v.router);
  for (const col of v.cols) {
    const cx = v.x + PAD + col.rx;
    const cy = v.y + HEAD + col.ry;
    col.az.x = cx;
    col.az.y = cy;
    for (const s of col.az.subnets) {
      s.x = cx;
      s.y = cy + s.ry0;
      s.w = SUB_W;
      s.h = s.rh;
      lay.points.set(s.id, { x: s.x + s.w / 2, y: s.y + s.h / 2 });
      lay.subnetVpc.set(s.id, v.id);
      s.items.forEach((item, i) => {
        item.x = s.x + 14;
        item.y = s.y + 50 + i * ITEM_H;
        if (!lay.points.has(item.id)) lay.points.set(item.id, { x: item.x, y: item.y });
      });
    }
  }
  let topX = v.x + v.w - 150;
  let bottomX = v.x + PAD;
  for (const e of v.edge) {
    e.w = Math.min(230, e.label.length * 7 + 16);
    if (e.side === 'top') {
      e.x = Math.max(v.x + 20 + e.w / 2, topX);
      e.y = v.y - 2;
      topX -= e.w + 10;
    } else {
      e.x = bottomX + e.w / 2;
      e.y = v.y + v.h;
      bottomX += e.w + 10;
    }
    lay.points.set(e.id, { x: e.x, y: e.y });
  }
}

/** Clips the segment from the centre of `box` towards `p` at the box's border. */
function clip(box, p) {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const dx = p.x - cx;
  const dy = p.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const t = Math.min(dx ? box.w / 2 / Math.abs(dx) : Infinity, dy ? box.h / 2 / Math.abs(dy) : Infinity);
  return { x: cx + dx * t, y: cy + dy * t };
}

function crosses(a, b, boxes) {
  for (let i = 1; i < 20; i += 1) {
    const x = a.x + ((b.x - a.x) * i) / 20;
    const y = a.y + ((b.y - a.y) * i) / 20;
    if (boxes.some((r) => x > r.x && x < r.x + r.w && y > r.y && y < r.y + r.h)) return true;
  }
  return false;
}

/**
 * Coordinates for everything in `model`, fitting `width` pixels where it can. `trace` (or null)
 * adds the internet and service nodes its hops need.
 */
export function layout(model, width, trace = null) {
  const lay = { accounts: [], vpcs: [], tgws: [], peerings: [], outside: [], links: [], points: new Map(), subnetVpc: new Map(), outsideW: 0 };
  const hops = trace ? [...trace.forward.hops, ...(trace.return?.hops ?? [])] : [];
  const internet = model.internet || hops.some((h) => h.kind === 'internet');
  const services = new Set(model.services);
  for (const h of hops) if (h.kind === 'service') services.add(shortService(h.at));
  let x = MARGIN;
  if (internet) {
    lay.outside.push({ id: 'internet', kind: 'internet', label: 'Internet', title: 'The public internet', x, y: MARGIN, w: 120, h: OUTSIDE_H });
    x += 140;
  }
  for (const s of services) {
    const w = Math.max(90, s.length * 8 + 40);
    lay.outside.push({ id: `service:${s}`, kind: 'service', label: s.toUpperCase(), title: `The AWS service ${s} (its public addresses)`, x, y: MARGIN, w, h: OUTSIDE_H });
    x += w + 20;
  }
  lay.outsideW = x - MARGIN;
  // A mark failing at the internet or a service goes to the right of its pill (negative aside).
  for (const n of lay.outside) lay.points.set(n.id, { x: n.x + n.w / 2, y: n.y + n.h / 2, aside: -(n.w / 2 + 14) });
  const first = lay.outside.find((n) => n.kind === 'service');
  if (first) lay.points.set('service:any', lay.points.get(first.id));

  const size = place(model, lay, width);
  lay.w = size.w;
  lay.h = size.h;

  const vpcById = new Map(lay.vpcs.map((v) => [v.id, v]));
  for (const v of lay.vpcs) {
    for (const e of v.edge) {
      const target = e.kind === 'internet_gateway' ? lay.outside.find((n) => n.id === 'internet') : lay.outside.find((n) => n.id === `service:${e.service}`);
      if (target) lay.links.push({ from: { x: e.x, y: e.y - 11 }, to: { x: target.x + target.w / 2, y: target.y + target.h } });
    }
  }
  for (const t of lay.tgws) {
    t.lines = t.vpcs.map((id) => {
      const v = vpcById.get(id);
      const to = { x: t.x + t.w / 2, y: t.y };
      return { from: clip(v, to), to };
    });
  }
  // Peerings: a straight line between the two VPC boxes, bowed sideways round any VPC box it
  // would cross (and apart, when two peerings join the same pair).
  const seen = new Map();
  for (const p of model.peerings) {
    const A = vpcById.get(p.aVpc);
    const B = vpcById.get(p.bVpc);
    if (!A || !B) continue;
    const ca = lay.points.get(A.id);
    const cb = lay.points.get(B.id);
    let a = clip(A, cb);
    let b = clip(B, ca);
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    // The normal pointing right of a downward line, down of a rightward one.
    const n = { x: (b.y - a.y) / len, y: -(b.x - a.x) / len };
    if (n.x < 0 || (n.x === 0 && n.y < 0)) {
      n.x = -n.x;
      n.y = -n.y;
    }
    const pair = [A.id, B.id].sort().join('|');
    const nth = seen.get(pair) ?? 0;
    seen.set(pair, nth + 1);
    let bend = nth * 40;
    const mid0 = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const others = lay.vpcs.filter((v) => v !== A && v !== B && crosses(a, b, [v]));
    for (const r of others) {
      const extent = Math.abs(n.x) * (r.w / 2) + Math.abs(n.y) * (r.h / 2);
      const offset = (r.x + r.w / 2 - mid0.x) * n.x + (r.y + r.h / 2 - mid0.y) * n.y;
      bend = Math.max(bend, extent + offset + 40);
    }
    const control = { x: mid0.x + n.x * 2 * bend, y: mid0.y + n.y * 2 * bend };
    if (bend) {
      a = clip(A, control);
      b = clip(B, control);
    }
    const mid = { x: 0.25 * a.x + 0.5 * control.x + 0.25 * b.x, y: 0.25 * a.y + 0.5 * control.y + 0.25 * b.y };
    // The label's half width: a mark at this peering goes beside it, not over it.
    const half = (Math.max(p.id.length, p.status.length) * 6.4 + 14) / 2;
    mid.aside = half + 14;
    lay.w = Math.max(lay.w, mid.x + half + MARGIN);
    lay.h = Math.max(lay.h, mid.y + 20 + MARGIN);
    lay.points.set(p.id, mid);
    lay.peerings.push({ ...p, a, b, control, mid });
  }
  return lay;
}
