// The lines that join the diagram's places, once the boxes are placed (diagram-layout.js):
// links from a VPC's gateways up to the internet or a service, and peerings, each routed round
// the labels by the layout's router (diagram-route.js), a peering's tag put beside its line where
// no label is; the fixed lines a traced path follows between two places; free spots for a
// failure's pill.

import { textBox, textWidth } from './diagram-model.js';

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/** The rectangle of `b` grown by `m` on every side. */
export const grow = (b, m) => ({ x: b.x - m, y: b.y - m, w: b.w + 2 * m, h: b.h + 2 * m });

/** Whether two rectangles overlap (touching is not overlapping). */
export function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Clips the segment from the centre of `box` towards `p` at the box's border. */
export function clip(box, p) {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const dx = p.x - cx;
  const dy = p.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const t = Math.min(dx ? box.w / 2 / Math.abs(dx) : Infinity, dy ? box.h / 2 / Math.abs(dy) : Infinity);
  return { x: cx + dx * t, y: cy + dy * t };
}

/**
 * Routes the links and the peerings of a placed layout (`lay`, with its `router` and `labels`);
 * `peerings` are the model's.
 */
export function connect(lay, peerings, hubR) {
  const { router } = lay;
  const vpcById = new Map(lay.vpcs.map((v) => [v.id, v]));
  // Spokes to VPCs placed away from their hub (another account's, another hub's row): routed
  // round every label, at a price round every other VPC and hub, so that no spoke reads as
  // passing through something it does not attach.
  for (const t of lay.tgws) {
    for (const id of t.far ?? []) {
      const v = vpcById.get(id);
      if (!v) continue;
      // Other boxes with a margin (a line along a VPC's border reads as touching it), and the
      // straight spokes (a line along one reads as the same attachment).
      const others = [...lay.vpcs.filter((o) => o !== v), ...lay.tgws.filter((o) => o !== t).map((o) => o.ring)].map((o) => grow(o, 10));
      const spokes = lay.tgws.flatMap((o) => o.lines.map((l) => l.points ?? [l.from, l.to]));
      for (const o of others) router.cost(o, 40);
      for (const l of spokes) router.mark(l, 40);
      const to = clip(v, { x: t.cx, y: t.cy });
      // It leaves the hub towards the VPC, or else the nearest way round that no other spoke of
      // this hub takes (leaving along one would read as the same attachment).
      const toward = Math.atan2(to.y - t.cy, to.x - t.cx);
      const mine = t.lines.map((l) => l.points ?? [l.from, l.to]);
      // Straight out from the rim (right, down, left, up, then the diagonals), nearest the VPC's
      // direction first: an orthogonal line leaves it without a kink.
      const off = (a) => Math.abs(Math.atan2(Math.sin(a - toward), Math.cos(a - toward)));
      const angles = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({ a: (k * Math.PI) / 4, rank: (k % 2) * 0.4 })).sort((x, y) => off(x.a) + x.rank - off(y.a) - y.rank).map((x) => x.a);
      const at = (a, r) => ({ x: t.cx + Math.cos(a) * r, y: t.cy + Math.sin(a) * r });
      const free = (a) => mine.every((l) => l.slice(1).every((q, k) => distance(at(a, hubR + 14), l[k], q) > 12));
      const angle = angles.find(free) ?? toward;
      // Straight out: the line leaves on a grid line of the router (8 px), so it has no jog.
      const grid = (x) => Math.round(x / 8) * 8;
      const start = at(angle, hubR + 14);
      let from = at(angle, hubR);
      if (Math.abs(Math.sin(angle)) < 0.01) {
        start.y = grid(start.y);
        from = { x: t.cx + Math.sign(Math.cos(angle)) * Math.sqrt(hubR * hubR - (start.y - t.cy) ** 2), y: start.y };
      } else if (Math.abs(Math.cos(angle)) < 0.01) {
        start.x = grid(start.x);
        from = { x: start.x, y: t.cy + Math.sign(Math.sin(angle)) * Math.sqrt(hubR * hubR - (start.x - t.cx) ** 2) };
      }
      const points = [from, ...router.route(start, to)];
      for (const o of others) router.cost(o, -40);
      for (const l of spokes) router.mark(l, -40);
      router.mark(points, 4);
      t.lines.push({ vpc: id, attachment: t.attachments.get(id), from, to, points });
      via(lay, `router:${id}`, `tgw:${t.id}`, [...points].reverse());
    }
  }
  // Links from a gateway on a VPC's edge up to the internet, on premises or its service.
  const outsideOf = (e) => {
    if (e.kind === 'internet_gateway' || e.kind === 'egress_only_internet_gateway') return 'internet';
    if (e.kind === 'virtual_private_gateway') return 'onprem';
    return `service:${e.service}`;
  };
  for (const v of lay.vpcs) {
    for (const e of v.edge) {
      const target = lay.outside.find((n) => n.id === outsideOf(e));
      if (!target) continue;
      const points = router.route({ x: e.x, y: e.y - 7 }, { x: target.x + target.w / 2, y: target.y + target.h + 8 });
      lay.links.push({ id: e.id, points });
      via(lay, `gw:${e.id}`, target.id, points.slice(0, -1));
    }
  }
  // Peerings: routed round the labels and, at a price, round other VPCs; the tag beside the line.
  const boxes = [...lay.vpcs, ...lay.tgws, ...lay.outside];
  const tags = [];
  for (const p of peerings) {
    const A = vpcById.get(p.aVpc);
    const B = vpcById.get(p.bVpc);
    if (!A || !B) continue;
    for (const v of lay.vpcs) if (v !== A && v !== B) router.cost(v, 8);
    const points = router.route(clip(A, { x: B.x + B.w / 2, y: B.y + B.h / 2 }), clip(B, { x: A.x + A.w / 2, y: A.y + A.h / 2 }));
    for (const v of lay.vpcs) if (v !== A && v !== B) router.cost(v, -8);
    const mid = halfwayAt(points, 0.5);
    const idW = textWidth(p.id, 'd-peering-tag__id');
    const w = Math.max(idW, textWidth(p.status, 'd-peering-tag__status')) + 14;
    const h = 32;
    const spots = [];
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
      const at = halfwayAt(points, f);
      spots.push({ x: at.x + 14, y: at.y - h / 2 }, { x: at.x - 14 - w, y: at.y - h / 2 }, { x: at.x - w / 2, y: at.y - 14 - h }, { x: at.x - w / 2, y: at.y + 14 });
    }
    for (let d = 20; d <= 160; d += 20) {
      for (const y of [mid.y - d - h / 2, mid.y + d - h / 2]) spots.push({ x: mid.x - w / 2, y }, { x: 4, y }, { x: lay.w - w - 4, y });
    }
    for (const d of [40, 80]) {
      for (const f of [0.5, 0.3, 0.7]) {
        const at = halfwayAt(points, f);
        spots.push({ x: at.x + d, y: at.y - h / 2 }, { x: at.x - d - w, y: at.y - h / 2 }, { x: at.x - w / 2, y: at.y - d - h }, { x: at.x - w / 2, y: at.y + d });
      }
    }
    const within = (r) => r.x >= 0 && r.y >= 0 && r.x + r.w <= lay.w && r.y + r.h <= lay.h;
    const clearOf = (r) => !lay.labels.some((l) => overlaps(grow(l.box, 3), r)) && !tags.some((t) => overlaps(grow(t, 4), r));
    // Best off every box; else on a box's empty part; else over the line's middle.
    const sized = spots.map((sp) => ({ ...sp, w, h }));
    const spot =
      sized.find((r) => within(r) && clearOf(r) && !boxes.some((b) => overlaps(b, r))) ??
      sized.find((r) => within(r) && clearOf(r) && !lay.vpcs.some((v) => v !== A && v !== B && overlaps(v, r))) ??
      sized.find((r) => within(r) && clearOf(r)) ??
      fewest(sized.filter(within), [...lay.labels.map((l) => grow(l.box, 3)), ...tags]) ?? { x: mid.x - w / 2, y: mid.y - h / 2, w, h };
    tags.push(spot);
    const tag = {
      box: spot,
      labels: [
        textBox(spot.x + w / 2, spot.y + 13, p.id, 'd-peering-tag__id', 'middle'),
        textBox(spot.x + w / 2, spot.y + 27, p.status, 'd-peering-tag__status', 'middle'),
      ],
    };
    router.block(spot, 4);
    lay.labels.push({ ...tag.labels[0], box: spot });
    lay.points.set(p.id, { x: mid.x, y: mid.y, key: `pcx:${p.id}` });
    const half = cut(points, 0.5);
    via(lay, `router:${A.id}`, `pcx:${p.id}`, half[0]);
    via(lay, `pcx:${p.id}`, `router:${B.id}`, half[1]);
    lay.peerings.push({ ...p, points, mid, tag });
  }
}

/** The distance from point `p` to the segment `a`–`b`. */
function distance(p, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const u = len2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0;
  return Math.hypot(p.x - a.x - u * dx, p.y - a.y - u * dy);
}

/** Records the fixed line between places `a` and `b` (both ways). */
export function via(lay, a, b, points) {
  lay.via.set(`${a}|${b}`, points);
  lay.via.set(`${b}|${a}`, [...points].reverse());
}

/** A polyline cut at fraction `f` of its length: the points before, and the points after. */
function cut(points, f) {
  const at = halfwayAt(points, f);
  const lens = points.slice(1).map((p, i) => Math.hypot(p.x - points[i].x, p.y - points[i].y));
  let left = sum(lens) * f;
  let i = 0;
  while (i < lens.length - 1 && left > lens[i]) {
    left -= lens[i];
    i += 1;
  }
  return [[...points.slice(0, i + 1), at], [at, ...points.slice(i + 1)]];
}

/** The point at fraction `f` of a polyline's length. */
function halfwayAt(points, f) {
  const lens = points.slice(1).map((p, i) => Math.hypot(p.x - points[i].x, p.y - points[i].y));
  let left = sum(lens) * f;
  for (const [i, len] of lens.entries()) {
    if (left <= len || i === lens.length - 1) {
      const a = points[i];
      const b = points[i + 1];
      const t = len ? Math.min(1, left / len) : 0;
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    }
    left -= len;
  }
  return points[0];
}

/** A free spot for a `w` × `h` box near `at`: right of it, else left, above, below. */
export function spotNear(lay, at, w, h, taken = []) {
  const spots = [];
  for (const d of [16, 30, 50, 80, 120]) {
    spots.push(
      { x: at.x + d, y: at.y - h / 2 },
      { x: at.x - d - w, y: at.y - h / 2 },
      { x: at.x + d, y: at.y - d - h },
      { x: at.x - d - w, y: at.y - d - h },
      { x: at.x + d, y: at.y + d },
      { x: at.x - d - w, y: at.y + d },
      { x: at.x - w / 2, y: at.y - d - h },
      { x: at.x - w / 2, y: at.y + d },
    );
  }
  // Then anywhere above or below, against either edge (a narrow screen has little room).
  for (let d = 20; d <= 240; d += 20) {
    for (const y of [at.y - d - h / 2, at.y + d - h / 2]) spots.push({ x: at.x - w / 2, y }, { x: 4, y }, { x: lay.w - w - 4, y });
  }
  for (const sp of spots) Object.assign(sp, { w, h });
  const free = (r) =>
    r.x >= 0 && r.y >= 0 && r.x + r.w <= lay.w && r.y + r.h <= lay.h &&
    !lay.labels.some((l) => overlaps(grow(l.box, 2), r)) &&
    !taken.some((t) => overlaps(t, r));
  const inBounds = spots.filter((r) => r.x >= 0 && r.y >= 0 && r.x + r.w <= lay.w && r.y + r.h <= lay.h);
  return spots.find(free) ?? fewest(inBounds, [...lay.labels.map((l) => grow(l.box, 2)), ...taken]) ?? { x: Math.min(Math.max(0, at.x + 16), lay.w - w), y: Math.max(0, at.y - 14 - h), w, h };
}

/** Of `spots`, the one covering the fewest of `boxes` (the first of equals), or null. */
function fewest(spots, boxes) {
  let best = null;
  let least = Infinity;
  for (const r of spots) {
    const n = boxes.filter((b) => overlaps(b, r)).length;
    if (n < least) {
      least = n;
      best = r;
    }
  }
  return best;
}
