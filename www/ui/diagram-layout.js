// Where each box, label and line of the diagram goes. Boxes nest (account → region → VPC → AZ →
// subnet → items) and flow left to right, wrapping at the width available; a region with a
// transit gateway puts it in the middle as a hub, its VPCs in a row above, a row below and
// columns beside it, one straight spoke to each, so that nothing reads as a chain. Every label's
// box is known here, and the lines that join things (links and peerings: diagram-connect.js;
// the traced path: diagram.js) are routed round the labels (diagram-route.js). A region of seven
// VPCs or more draws them compactly (a one-line header, one line per subnet) so that an estate
// of twenty VPCs fits a laptop screen; on a wide screen the layout is shaped for the height the
// diagram has. Pure arithmetic, plus the text widths the canvas measures.

import { clip, connect, via } from './diagram-connect.js';
import { createRouter } from './diagram-route.js';
import { fit, normalise, shortService, textBox, textWidth } from './diagram-model.js';

export { normalise, shortService };
export { spotNear } from './diagram-connect.js';

const PAD = 12;
const HEAD = 50;
// A compact VPC: name and CIDR on one line; each subnet one line, name and CIDR.
const HEAD_COMPACT = 32;
const AZ_LABEL = 18;
const SUB_W = 168;
const SUB_W_COMPACT = 198;
const SUB_GAP = 8;
const COL_GAP = 12;
const ITEM_H = 20;
const VPC_MIN_W = 200;
const REGION_PAD = 10;
// Room for a frame's label and, under it, the labels of the gateways on a VPC's top edge.
const FRAME_LABEL = 40;
const ACCOUNT_LABEL = 26;
const GAP_X = 40;
const PEERED_GAP_X = 180;
const GAP_Y = 50;
// The hub: a circle, room round it for its two lines of label.
const HUB_R = 30;
const TGW_W = 90;
const TGW_H = 90;
const OUTSIDE_H = 30;
const OUTSIDE_BAND = 60;
const MARGIN = 8;
/** From this many VPCs in a region, its VPCs are drawn compactly. */
const COMPACT_AT = 7;

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

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

/** Sizes a VPC and places its columns relative to its top-left corner. */
function sizeVpc(v, maxW, compact) {
  v.compact = compact;
  const subnetH = (s) => (compact ? 26 + s.items.length * ITEM_H : s.items.length ? 48 + s.items.length * ITEM_H : 44);
  const subW = compact ? SUB_W_COMPACT : SUB_W;
  // Compact: one column of subnets, the zone said in each subnet's tooltip.
  const groups = compact ? [{ name: null, subnets: v.azs.flatMap((az) => az.subnets) }] : v.azs;
  const cols = groups.map((az) => {
    let y = compact ? 0 : AZ_LABEL;
    for (const s of az.subnets) {
      s.rh = subnetH(s);
      s.ry0 = y;
      y += s.rh + SUB_GAP;
    }
    return { az, w: subW, h: az.subnets.length ? y - SUB_GAP : compact ? 0 : AZ_LABEL };
  });
  const inner = flow(cols, Math.max(subW, maxW - PAD * 2), COL_GAP, 14);
  v.cols = cols;
  v.title = `${v.name ?? v.id}${v.isDefault ? ' (default)' : ''}`;
  v.subtitle = `${v.cidrs.join(', ')}${v.name && !compact ? ` · ${v.id}` : ''}`;
  const header = (compact ? textWidth(v.title, 'd-vpc__name') + 8 + textWidth(v.subtitle, 'd-mono') : Math.max(textWidth(v.title, 'd-vpc__name'), textWidth(v.subtitle, 'd-mono'))) + PAD + 40;
  for (const e of v.edge) e.unit = 16 + textWidth(e.label, 'd-gw__label') + 14;
  const edge = sum(v.edge.map((e) => e.unit)) + 40;
  v.w = Math.max(compact ? 0 : VPC_MIN_W, inner.w + PAD * 2, Math.min(Math.max(header, edge), maxW));
  v.head = compact ? HEAD_COMPACT : HEAD;
  v.h = v.head + (cols.length && inner.h ? inner.h + PAD : 6);
}

/**
 * The hub of a region: `hub` (a transit gateway, {w, h}) in the middle, the VPCs attached to it
 * in a row above, a row below and, when the rows are full, columns left and right. Sets rx/ry
 * of each, relative to the arrangement; returns its size.
 */
function hubPlace(vpcs, hub, maxW, maxH) {
  const rowW = (list) => sum(list.map((v) => v.w)) + Math.max(0, list.length - 1) * 28;
  // Too narrow for a column each side of the hub: the hub on the left, every VPC in one column
  // on its right, so that no spoke crosses a VPC.
  const widest = Math.max(0, ...vpcs.map((v) => v.w));
  if (vpcs.length > 2 && maxW < widest * 1.6 + hub.w) {
    let y = 0;
    for (const v of vpcs) {
      v.face = 'left';
      v.rx = hub.w + 50;
      v.ry = y;
      y += v.h + 16;
    }
    const h = Math.max(hub.h, y - 16);
    hub.rx = 0;
    hub.ry = (h - hub.h) / 2;
    return { w: hub.w + 50 + widest, h };
  }
  // Rows above and below as long as they fit; the rest in columns beside the hub. Of the
  // splits that fit the width, the one that needs the least scaling to fit the height.
  // In order clockwise from the top left: the top row, the right column, the bottom row, the
  // left column.
  const split = (side) => {
    const n = vpcs.length - side;
    const k = Math.ceil(n / 2);
    const r = Math.ceil(side / 2);
    return {
      top: vpcs.slice(0, k),
      right: vpcs.slice(k, k + r),
      bottom: vpcs.slice(k + r, n + r).reverse(),
      left: vpcs.slice(n + r).reverse(),
    };
  };
  const height = ({ top, bottom, left, right }) => {
    const tall = (list) => Math.max(0, ...list.map((v) => v.h));
    const col = (list) => sum(list.map((v) => v.h)) + Math.max(0, list.length - 1) * 16;
    return tall(top) + tall(bottom) + Math.max(col(left), col(right), hub.h) + 112;
  };
  let best = null;
  for (let side = 0; side <= vpcs.length; side += 2) {
    const s = split(side);
    const w = Math.max(rowW(s.top), rowW(s.bottom));
    const scale = Math.min(1, maxW / Math.max(w, 1), maxH / height(s));
    if (!best || scale > best.scale + 0.01) best = { ...s, scale };
    if (w <= maxW && height(s) <= maxH) break;
  }
  const { top, bottom, left, right } = best;
  for (const v of top) v.face = 'bottom';
  for (const v of bottom) v.face = 'top';
  for (const v of left) v.face = 'right';
  for (const v of right) v.face = 'left';
  const rest = [...left, ...right];
  const colW = (list) => Math.max(0, ...list.map((v) => v.w));
  const colH = (list) => sum(list.map((v) => v.h)) + Math.max(0, list.length - 1) * 16;
  const bandW = colW(left) + colW(right) + hub.w + (left.length ? 70 : 0) + (right.length ? 70 : 0);
  const W = Math.max(rowW(top), rowW(bottom), bandW, hub.w);
  const rowH = (list) => Math.max(0, ...list.map((v) => v.h));
  const bandH = Math.max(colH(left), colH(right), hub.h);
  let gap = 56;
  for (let tries = 0; tries < 12; tries += 1) {
    const row = (list, y) => {
      let x = (W - rowW(list)) / 2;
      for (const v of list) {
        v.rx = x;
        v.ry = y + (rowH(list) - v.h) / 2;
        x += v.w + 28;
      }
    };
    row(top, 0);
    const bandY = top.length ? rowH(top) + gap : 0;
    const column = (list, x, alignRight) => {
      let y = bandY + (bandH - colH(list)) / 2;
      for (const v of list) {
        v.rx = alignRight ? x - v.w : x;
        v.ry = y;
        y += v.h + 16;
      }
    };
    column(left, 0, false);
    column(right, W, true);
    hub.rx = (W - hub.w) / 2;
    hub.ry = bandY + (bandH - hub.h) / 2;
    row(bottom, bandY + bandH + (bottom.length ? gap : 0));
    // A spoke that crosses another VPC: more room between the rows and the band.
    const centre = (b) => ({ x: b.rx + b.w / 2, y: b.ry + b.h / 2 });
    const box = (b) => ({ x: b.rx, y: b.ry, w: b.w, h: b.h });
    const crossing = vpcs.some((v) => vpcs.some((o) => o !== v && segmentHits(centre(hub), facing(box(v), v.face), box(o))));
    if (!crossing || !rest.length) break;
    gap += 24;
  }
  const h = (top.length ? rowH(top) + gap : 0) + bandH + (bottom.length ? gap + rowH(bottom) : 0);
  return { w: W, h };
}

/** The middle of the side `face` of box `b`: where a spoke from the hub meets its VPC. */
function facing(b, face) {
  if (face === 'left') return { x: b.x, y: b.y + b.h / 2 };
  if (face === 'right') return { x: b.x + b.w, y: b.y + b.h / 2 };
  if (face === 'top') return { x: b.x + b.w / 2, y: b.y };
  return { x: b.x + b.w / 2, y: b.y + b.h };
}

/** Whether the segment a→b passes through the inside of rectangle r (Liang–Barsky clipping). */
function segmentHits(a, b, r) {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [[-dx, a.x - r.x], [dx, r.x + r.w - a.x], [-dy, a.y - r.y], [dy, r.y + r.h - a.y]]) {
    if (p === 0) {
      if (q <= 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t1 - t0 > 1e-6;
}

/** Lays out a region's contents; sets rx/ry of its VPCs and transit gateways; returns its size. */
function regionPlace(r, maxInner, maxH, peerings) {
  const compact = r.vpcs.length >= COMPACT_AT;
  // VPCs peered side by side need room between them for the peering's tag.
  const inRegion = new Set(r.vpcs.map((v) => v.id));
  const gapX = peerings.some((p) => inRegion.has(p.aVpc) && inRegion.has(p.bVpc)) ? PEERED_GAP_X : GAP_X;
  for (const v of r.vpcs) sizeVpc(v, maxInner, compact);
  for (const t of r.tgws) Object.assign(t, { w: TGW_W, h: TGW_H });
  // The hub: the transit gateway with VPCs of this region attached (else the first one, with
  // every VPC round it, ready to be attached).
  const hub = r.tgws.find((t) => t.vpcs.some((id) => r.vpcs.some((v) => v.id === id))) ?? r.tgws[0];
  if (!hub) {
    // Wrapped at the width that needs the least scaling to fit the height too.
    let wrap = maxInner;
    let best = 0;
    for (const f of [1, 1.25, 1.5, 1.8, 2.2]) {
      const a = flow(r.vpcs, maxInner * f, gapX, GAP_Y);
      const scale = Math.min(1, maxInner / Math.max(a.w, 1), maxH / Math.max(a.h + 60, 1));
      if (scale > best + 0.02) {
        best = scale;
        wrap = maxInner * f;
      }
    }
    const area = flow(r.vpcs, wrap, gapX, GAP_Y);
    const tgwArea = flow(r.tgws, maxInner, 40, 20);
    const tgwY = area.h ? area.h + GAP_Y : 0;
    for (const t of r.tgws) t.ry += tgwY;
    return { w: Math.max(area.w, tgwArea.w, 160), h: tgwY + tgwArea.h };
  }
  const some = hub.vpcs.length > 0;
  const attached = r.vpcs.filter((v) => !some || hub.vpcs.includes(v.id));
  const others = r.vpcs.filter((v) => !attached.includes(v));
  const around = hubPlace(attached, hub, maxInner, maxH);
  const area = flow(others, maxInner, gapX, GAP_Y);
  const y0 = around.h + GAP_Y;
  for (const v of others) v.ry += y0;
  const extra = r.tgws.filter((t) => t !== hub);
  const tgwArea = flow(extra, maxInner, 40, 20);
  const y1 = y0 + (others.length ? area.h + GAP_Y : 0);
  for (const t of extra) t.ry += y1;
  const h = extra.length ? y1 + tgwArea.h : others.length ? y0 + area.h : around.h;
  return { w: Math.max(around.w, area.w, tgwArea.w, 160), h };
}

/** Gives every frame, VPC and transit gateway its absolute coordinates; returns the size. */
function place(model, lay, width, height) {
  const maxInner = width - MARGIN * 2 - REGION_PAD * 4;
  const accountBoxes = model.accounts.map((a) => {
    const regions = a.regions.map((r) => {
      const size = regionPlace(r, maxInner, height - 60 - (lay.outside.length ? OUTSIDE_BAND : 0), model.peerings);
      return Object.assign(r, { w: size.w + REGION_PAD * 2, h: FRAME_LABEL + size.h + REGION_PAD });
    });
    const area = flow(regions, maxInner + REGION_PAD * 2, 16, 16);
    return Object.assign(a, { w: area.w + REGION_PAD * 2, h: ACCOUNT_LABEL + area.h + REGION_PAD });
  });
  const area = flow(accountBoxes, width - MARGIN * 2, 16, 16);
  const top = MARGIN + (lay.outside.length ? OUTSIDE_BAND : 0);
  // As wide as the space given (room for tags and marks), or wider when it must be.
  const w = Math.max(width, area.w + MARGIN * 2, lay.outsideW + MARGIN * 2);
  const shift = Math.max(0, (w - area.w) / 2 - MARGIN);
  for (const a of accountBoxes) {
    a.x = MARGIN + shift + a.rx;
    a.y = top + a.ry;
    a.label = textBox(a.x + 10, a.y + 17, `Account ${a.id}`, 'd-account__label');
    lay.accounts.push(a);
    for (const r of a.regions) {
      r.x = a.x + REGION_PAD + r.rx;
      r.y = a.y + ACCOUNT_LABEL + r.ry;
      r.label = textBox(r.x + 10, r.y + 18, r.name, 'd-region__label');
      for (const v of r.vpcs) {
        v.x = r.x + REGION_PAD + v.rx;
        v.y = r.y + FRAME_LABEL + v.ry;
        placeVpcInside(v, lay);
        lay.vpcs.push(v);
      }
      for (const t of r.tgws) {
        t.x = r.x + REGION_PAD + t.rx;
        t.y = r.y + FRAME_LABEL + t.ry;
        t.cx = t.x + t.w / 2;
        t.cy = t.y + t.h / 2;
        // A traced path goes through the middle of the hub.
        const at = { x: t.cx, y: t.cy, key: `tgw:${t.id}` };
        for (const id of [t.id, ...t.aliases]) lay.points.set(id, at);
        lay.tgws.push(t);
      }
    }
  }
  return { w, h: top + area.h + MARGIN };
}

function placeVpcInside(v, lay) {
  if (v.compact) {
    const name = textBox(v.x + PAD, v.y + 20, fit(v.title, v.w - PAD - 40, 'd-vpc__name'), 'd-vpc__name');
    const room = v.w - PAD - 40 - name.box.w - 8;
    v.labels = room > 40 ? [name, textBox(name.box.x + name.box.w + 8, v.y + 20, fit(v.subtitle, room, 'd-mono'), 'd-mono')] : [name];
  } else {
    v.labels = [
      textBox(v.x + PAD, v.y + 20, fit(v.title, v.w - PAD - 40, 'd-vpc__name'), 'd-vpc__name'),
      textBox(v.x + PAD, v.y + 37, fit(v.subtitle, v.w - PAD - 40, 'd-mono'), 'd-mono'),
    ];
  }
  v.router = { x: v.x + v.w - 22, y: v.y + (v.compact ? 16 : 24), key: `router:${v.id}` };
  lay.points.set(`router:${v.id}`, v.router);
  lay.points.set(v.id, v.router);
  for (const col of v.cols) {
    const cx = v.x + PAD + col.rx;
    const cy = v.y + v.head + col.ry;
    col.az.x = cx;
    col.az.y = cy;
    col.az.label = v.compact ? null : textBox(cx, cy + 11, col.az.name, 'd-az');
    for (const s of col.az.subnets) {
      s.x = cx;
      s.y = cy + s.ry0;
      s.w = col.w;
      s.h = s.rh;
      const name = s.name ?? s.id;
      if (v.compact) {
        const cidr = textBox(s.x + s.w - 8, s.y + 17, s.cidr, 'd-mono', 'end');
        const small = 'd-subnet__name d-subnet__name--compact';
        s.labels = [textBox(s.x + 8, s.y + 17, fit(name, s.w - 22 - cidr.box.w, small), small), cidr];
      } else {
        s.labels = [textBox(s.x + 8, s.y + 17, fit(name, s.w - 22, 'd-subnet__name'), 'd-subnet__name'), textBox(s.x + 8, s.y + 33, s.cidr, 'd-mono')];
      }
      // A failing network ACL is marked on the subnet's right edge, clear of its labels.
      lay.points.set(s.id, { x: s.x + s.w, y: s.y + Math.min(s.h / 2, 22), vpc: v.id });
      lay.subnetVpc.set(s.id, v.id);
      const first = v.compact ? 34 : 54;
      s.items.forEach((item, i) => {
        item.x = s.x + 13;
        item.y = s.y + first + i * ITEM_H - 4;
        item.text = textBox(item.x + 10, item.y + 4, fit(item.label, s.w - 28, 'd-item__label'), 'd-item__label');
        for (const id of [item.id, ...(item.aliases ?? [])]) if (!lay.points.has(id)) lay.points.set(id, { x: item.x, y: item.y, vpc: v.id });
      });
    }
  }
  // Gateways sit on the top edge, from the right: a small square on the border (the path goes
  // through it), its label beside it just above the border.
  // Labels may run left past the VPC's corner, not past the drawing's edge: when even that is
  // too narrow (a phone, several gateways) they are all shortened alike.
  const room = v.x + v.w - 40 - MARGIN;
  const wanted = v.edge.reduce((n, e) => n + e.unit, 0);
  const scale = wanted > room ? room / wanted : 1;
  let right = v.x + v.w - 40;
  for (const e of v.edge) {
    const unit = scale < 1 ? Math.max(40, Math.floor(e.unit * scale)) : e.unit;
    const x0 = right - unit + 8;
    e.x = x0 + 7;
    e.y = v.y;
    e.text = textBox(x0 + 17, v.y - 5, fit(e.label, Math.max(12, unit - 30), 'd-gw__label'), 'd-gw__label');
    right = x0 - 8;
    lay.points.set(e.id, { x: e.x, y: e.y, key: `gw:${e.id}` });
  }
}

/** The labels of a placed VPC (its header, zones, subnets, items and edge gateways). */
function vpcLabels(v) {
  const out = [...v.labels];
  for (const col of v.cols) {
    if (col.az.label) out.push(col.az.label);
    for (const s of col.az.subnets) {
      out.push(...s.labels);
      for (const item of s.items) out.push(item.text);
    }
  }
  for (const e of v.edge) out.push(e.text);
  return out;
}

/**
 * Coordinates for everything in `model`, fitting `width` pixels where it can. `trace` (or null)
 * adds the internet and service nodes its hops need.
 */
export function layout(model, width, trace = null, height = Infinity) {
  // `via`: the fixed lines a traced path follows between two places ("from|to" → points
  // between them): a spoke, a peering, a link to the internet.
  const lay = { via: new Map(), hubs: new Map(), accounts: [], vpcs: [], tgws: [], peerings: [], outside: [], links: [], labels: [], points: new Map(), subnetVpc: new Map(), outsideW: 0 };
  const hops = trace ? [...trace.forward.hops, ...(trace.return?.hops ?? [])] : [];
  const internet = model.internet || hops.some((h) => h.kind === 'internet');
  const services = new Set(model.services);
  for (const h of hops) if (h.kind === 'service') services.add(shortService(h.at));
  let x = MARGIN;
  const node = (id, kind, text, title) => {
    const w = Math.max(96, textWidth(text, 'd-outside__label') + 36);
    const n = { id, kind, title, x, y: MARGIN, w, h: OUTSIDE_H };
    n.text = textBox(x + w / 2, MARGIN + OUTSIDE_H / 2 + 4, text, 'd-outside__label', 'middle');
    lay.outside.push(n);
    x += w + 20;
  };
  if (internet) node('internet', 'internet', 'Internet', 'The public internet');
  if (model.onPremises || hops.some((h) => h.kind === 'on_premises')) node('onprem', 'on_premises', 'On premises', 'Networks on premises, over Site-to-Site VPN or Direct Connect');
  for (const s of services) node(`service:${s}`, 'service', s.toUpperCase(), `The AWS service ${s} (its public addresses)`);
  lay.outsideW = x - MARGIN - 20;

  const size = place(model, lay, width, height);
  lay.w = size.w;
  lay.h = size.h;
  // The outside nodes centred over the estate.
  const dx = Math.max(0, (lay.w - lay.outsideW) / 2 - MARGIN);
  for (const n of lay.outside) {
    n.x += dx;
    n.text = { ...n.text, x: n.text.x + dx, box: { ...n.text.box, x: n.text.box.x + dx } };
    // A path ends at its bottom edge; a mark failing there goes beside it.
    lay.points.set(n.id, { x: n.x + n.w / 2, y: n.y + n.h + 8, key: n.id });
  }
  const first = lay.outside.find((n) => n.kind === 'service');
  if (first) lay.points.set('service:any', lay.points.get(first.id));

  const vpcById = new Map(lay.vpcs.map((v) => [v.id, v]));
  // Spokes: a straight line from the hub's rim to each VPC attached round it. A VPC placed
  // elsewhere (another account's, shared through RAM) gets a spoke routed round the boxes and
  // labels once they are known (diagram-connect.js), so it never crosses another VPC or hub.
  for (const t of lay.tgws) {
    const hub = { x: t.cx, y: t.cy };
    const ring = { x: t.cx - HUB_R, y: t.cy - HUB_R, w: HUB_R * 2, h: HUB_R * 2 };
    t.far = [];
    t.lines = t.vpcs.flatMap((id) => {
      const v = vpcById.get(id);
      if (!v.face) {
        t.far.push(id);
        return [];
      }
      const to = v.face ? facing(v, v.face) : clip(v, hub);
      const d = Math.hypot(to.x - hub.x, to.y - hub.y) || 1;
      const from = { x: hub.x + ((to.x - hub.x) * HUB_R) / d, y: hub.y + ((to.y - hub.y) * HUB_R) / d };
      via(lay, `router:${id}`, `tgw:${t.id}`, [to, from]);
      return [{ vpc: id, attachment: t.attachments.get(id), from, to }];
    });
    // Its labels inside the hub; a traced path goes round the rim, never across them.
    t.ring = ring;
    t.labels = [
      textBox(t.cx, t.cy - 2, 'TGW', 'd-tgw__kind', 'middle'),
      textBox(t.cx, t.cy + 12, fit(t.name ?? t.id, HUB_R * 2 - 10, 'd-tgw__name'), 'd-tgw__name', 'middle'),
    ];
    lay.hubs.set(`tgw:${t.id}`, { x: t.cx, y: t.cy, r: HUB_R });
  }
  // Every label, and the router that keeps lines off them.
  for (const a of lay.accounts) {
    lay.labels.push(a.label);
    for (const r of a.regions) lay.labels.push(r.label);
  }
  for (const v of lay.vpcs) lay.labels.push(...vpcLabels(v));
  for (const t of lay.tgws) lay.labels.push(...t.labels);
  for (const n of lay.outside) lay.labels.push({ ...n.text, box: { x: n.x, y: n.y, w: n.w, h: n.h } });
  const router = createRouter(lay.w, lay.h);
  for (const l of lay.labels) router.block(l.box);
  for (const t of lay.tgws) router.block(t.ring, 2);
  lay.router = router;

  connect(lay, model.peerings, HUB_R);
  return lay;
}

