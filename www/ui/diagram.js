// The estate as an SVG diagram: accounts and regions as frames, VPCs with their CIDRs, subnets in
// columns by Availability Zone, instances, gateways, endpoints, peerings (with their status), the
// transit gateway; and a traced path on top, forward and return, with the failing hop marked.
//
// It draws what the Session's view() and reach() answer and decides nothing about AWS: where a
// hop happened and whether it failed come from the trace. Layout is plain arithmetic on boxes.

import { el, svg } from './dom.js';
import { layout, normalise, shortService, spotNear } from './diagram-layout.js';
import { textWidth } from './diagram-model.js';

/** A label the layout placed ({x, y, text, cls, anchor}). */
function text(l, attrs = {}) {
  return svg('text', { x: l.x, y: l.y, class: l.cls, 'text-anchor': l.anchor === 'start' ? null : l.anchor, ...attrs }, l.text);
}

function titled(node, title) {
  node.prepend(svg('title', {}, title));
  return node;
}

/** A polyline's path data. */
function polyline(points) {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10}`).join(' ');
}

function drawFrame(box, cls) {
  return svg('g', { class: cls }, svg('rect', { x: box.x, y: box.y, width: box.w, height: box.h, rx: 6 }), text(box.label));
}

function drawSubnet(s) {
  const g = svg('g', { class: 'd-subnet', 'data-id': s.id }, svg('rect', { x: s.x, y: s.y, width: s.w, height: s.h, rx: 4 }), ...s.labels.map((l) => text(l)));
  for (const item of s.items) {
    const ig = svg('g', { class: `d-item d-item--${item.kind}`, 'data-id': item.id });
    ig.append(svg('rect', { x: item.x - 5, y: item.y - 5, width: 10, height: 10, rx: item.kind === 'instance' ? 2 : 5 }));
    ig.append(text(item.text));
    g.append(titled(ig, item.title));
  }
  const shared = s.shared.length ? `, shared with ${s.shared.join(', ')}` : '';
  return titled(g, `Subnet ${s.name ? `${s.name} (${s.id})` : s.id}, ${s.cidr}, ${s.az}${shared}`);
}

/** The VPC router: a circle with four arrows (where each subnet's route table is applied). */
function drawRouter(v) {
  const { x, y } = v.router;
  const arrows = `M${x - 6},${y} L${x + 6},${y} M${x},${y - 6} L${x},${y + 6}`;
  return titled(
    svg('g', { class: 'd-router', 'data-id': `router:${v.id}` }, svg('circle', { cx: x, cy: y, r: 10 }), svg('path', { d: arrows })),
    `The VPC router of ${v.title}: each subnet's route table decides where packets go`,
  );
}

function drawVpc(v) {
  const g = svg('g', { class: `d-vpc${v.isDefault ? ' d-vpc--default' : ''}${v.compact ? ' d-vpc--compact' : ''}`, 'data-id': v.id });
  g.append(svg('rect', { class: 'd-vpc__box', x: v.x, y: v.y, width: v.w, height: v.h, rx: 6 }));
  for (const l of v.labels) g.append(text(l));
  g.append(drawRouter(v));
  for (const col of v.cols) {
    if (col.az.label) g.append(text(col.az.label));
    for (const s of col.az.subnets) g.append(drawSubnet(s));
  }
  for (const gw of v.edge) {
    const eg = svg(
      'g',
      { class: `d-gw d-gw--${gw.kind}`, 'data-id': gw.id },
      svg('rect', { x: gw.x - 7, y: gw.y - 7, width: 14, height: 14, rx: 3 }),
      text(gw.text),
    );
    g.append(titled(eg, gw.title));
  }
  return titled(g, `VPC ${v.title}${v.name ? ` (${v.id})` : ''}, ${v.cidrs.join(', ')}`);
}

/** A peering's line (with its status and id as data) and, apart, its tag. */
function drawPeering(p) {
  const line = svg('g', { class: `d-peering d-peering--${p.statusClass}`, 'data-id': p.id, 'data-status': p.status });
  line.append(svg('path', { d: polyline(p.points), class: 'd-peering__line' }));
  titled(line, `Peering connection ${p.id} between ${p.aVpc} and ${p.bVpc}: ${p.status}`);
  const b = p.tag.box;
  const tag = svg(
    'g',
    { class: `d-peering-tag d-peering-tag--${p.statusClass}`, 'aria-hidden': 'true' },
    svg('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 8 }),
    ...p.tag.labels.map((l) => text(l)),
  );
  return [line, tag];
}

/** The transit gateway as a hub: a spoke to each VPC attached, the box on top. */
function drawTgw(t) {
  const g = svg('g', { class: 'd-tgw', 'data-id': t.id });
  for (const line of t.lines) {
    g.append(svg('path', { class: 'd-tgw__line', 'data-vpc': line.vpc, 'data-attachment': line.attachment ?? '', d: polyline(line.points ?? [line.from, line.to]) }));
  }
  g.append(svg('circle', { class: 'd-tgw__hub', cx: t.cx, cy: t.cy, r: t.ring.w / 2 }));

  for (const l of t.labels) g.append(text(l));
  return titled(g, `Transit gateway ${t.name ? `${t.name} (${t.id})` : t.id}, the hub: ${t.lines.length} VPC${t.lines.length === 1 ? '' : 's'} attached, each by its own attachment`);
}

function drawOutside(n) {
  const g = svg('g', { class: `d-outside d-outside--${n.kind}`, 'data-id': n.id });
  g.append(svg('rect', { x: n.x, y: n.y, width: n.w, height: n.h, rx: n.h / 2 }));
  g.append(text(n.text));
  return titled(g, n.title);
}

// --- The traced path ----------------------------------------------------------------------

/**
 * Points of a path: each hop placed at the resource it happened at, when the diagram has it.
 * Filters (security groups, network ACLs) are only placed when they are where it fails.
 */
function hopPoints(hops, where, failIndex) {
  const points = [];
  for (const [i, hop] of hops.entries()) {
    const at = where(hop, i === failIndex, hops, i);
    if (!at) continue;
    const last = points[points.length - 1];
    if (last && last.x === at.x && last.y === at.y) {
      last.hops.push(i);
      continue;
    }
    points.push({ x: at.x, y: at.y, hops: [i], key: at.key, vpc: at.vpc });
  }
  return points;
}

/** The routed line through a trace's points: each leg goes round the labels. */
function routed(lay, points) {
  const out = [];
  const add = (leg) => out.push(...(out.length ? leg.slice(1) : leg));
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1];
    const b = points[i];
    // Along the spoke, peering or link between the two, when there is one.
    // (From a hub or a peering straight to a host: through its VPC's side of it.)
    const fixed =
      (a.key && b.key ? lay.via.get(`${a.key}|${b.key}`) : null) ??
      (a.key && b.vpc ? lay.via.get(`${a.key}|router:${b.vpc}`) : null) ??
      (a.vpc && b.key ? lay.via.get(`router:${a.vpc}|${b.key}`) : null);
    // Through a hub: in by one spoke to its rim, round the rim, out by the next.
    const hub = lay.hubs.get(a.key);
    const from = hub && out.length ? out[out.length - 1] : a;
    const onward = (p) => (hub && out.length ? arc(hub, from, p) : lay.router.route(from, p));
    if (fixed?.length) {
      add(onward(fixed[0]));
      add(fixed);
      if (!lay.hubs.has(b.key)) add(lay.router.route(fixed[fixed.length - 1], b));
    } else {
      add(onward(b));
    }
  }
  return out.filter((p, i) => i === 0 || p.x !== out[i - 1].x || p.y !== out[i - 1].y);
}

/** Points along the rim of `hub` from `a` to `b` (both on it), the shorter way round. */
function arc(hub, a, b) {
  const t0 = Math.atan2(a.y - hub.y, a.x - hub.x);
  let t1 = Math.atan2(b.y - hub.y, b.x - hub.x);
  if (t1 - t0 > Math.PI) t1 -= 2 * Math.PI;
  if (t0 - t1 > Math.PI) t1 += 2 * Math.PI;
  const n = Math.max(1, Math.ceil(Math.abs(t1 - t0) / 0.2));
  const pts = [];
  for (let k = 0; k <= n; k += 1) {
    const t = t0 + ((t1 - t0) * k) / n;
    pts.push({ x: hub.x + hub.r * Math.cos(t), y: hub.y + hub.r * Math.sin(t) });
  }
  return pts;
}

/**
 * Where a hop is drawn: the resource it names (`at`); a route lookup at the VPC router of the
 * subnet it happened in; a failing filter at what it guards (a network ACL at the subnet it
 * names as target, a security group at the sending end before the first route lookup, else at
 * the receiving end).
 */
function locator(lay, trace) {
  return (hop, failing, hops, index) => {
    if (hop.kind === 'route_table') {
      const vpc = lay.subnetVpc.get(hop.at);
      return vpc ? lay.points.get(`router:${vpc}`) : lay.points.get(hop.at);
    }
    if (hop.kind === 'security_group' || hop.kind === 'network_acl') {
      if (!failing) return null;
      if (hop.target && lay.points.has(hop.target)) return lay.points.get(hop.target);
      const routed = hops.slice(0, index).some((h) => h.kind === 'route_table');
      const forward = hops === trace.forward.hops;
      const end = routed === forward ? trace.to.id : trace.from.id;
      return lay.points.get(end) ?? null;
    }
    if (hop.kind === 'internet') return lay.points.get('internet');
    if (hop.kind === 'on_premises') return lay.points.get('onprem');
    if (hop.kind === 'service') return lay.points.get(`service:${shortService(hop.at)}`) ?? lay.points.get('service:any');
    return lay.points.get(hop.at) ?? null;
  };
}

/** The first failing hop of a trace: the hop whose decision is deny or drop. */
function failedHop(trace) {
  for (const [dir, hops] of [['forward', trace.forward.hops], ['return', trace.return?.hops ?? []]]) {
    const i = hops.findIndex((h) => h.decision === 'deny' || h.decision === 'drop');
    if (i >= 0) return { dir, index: i, hop: hops[i] };
  }
  return null;
}

function drawTrace(trace, lay) {
  const where = locator(lay, trace);
  const failed = failedHop(trace);
  const g = svg('g', { class: 'd-trace', 'data-from': trace.from.id, 'data-to': trace.to.id });
  const marks = svg('g', { class: 'd-trace-marks' });
  const backHops = trace.return?.hops ?? [];
  const forward = hopPoints(trace.forward.hops, where, failed?.dir === 'forward' ? failed.index : -1);
  const back = hopPoints(backHops, where, failed?.dir === 'return' ? failed.index : -1);
  // The request first; the reply is routed beside it rather than on top (its lanes cost more).
  const forwardLine = forward.length > 1 ? routed(lay, forward) : [];
  lay.router.mark(forwardLine, 3);
  const backLine = back.length > 1 ? routed(lay, back) : [];
  lay.router.mark(forwardLine, -3);
  if (backLine.length) {
    g.append(svg('path', { class: 'd-trace__path d-trace__path--return', 'data-direction': 'return', d: polyline(backLine), 'marker-end': 'url(#d-arrow-return)' }));
  }
  if (forwardLine.length) {
    g.append(svg('path', { class: 'd-trace__path d-trace__path--forward', 'data-direction': 'forward', d: polyline(forwardLine), 'marker-end': 'url(#d-arrow-forward)' }));
  }
  if (failed) {
    const points = failed.dir === 'forward' ? forward : back;
    // The point of the failing hop, else the last place the packet got to.
    const own = points.find((p) => p.hops.includes(failed.index));
    const before = points.filter((p) => p.hops.some((h) => h <= failed.index)).pop();
    let at = own ?? lay.points.get(trace.blocked?.at) ?? before ?? points[0];
    // At a hub: on its rim, where the path reached it (its labels stay readable).
    const line = failed.dir === 'forward' ? forwardLine : backLine;
    if (at && lay.hubs.has(at.key) && line.length) at = line[line.length - 1];
    if (at) {
      const code = trace.blocked?.code ?? 'BLOCKED';
      const words = `${failed.dir === 'return' ? 'reply: ' : ''}${code}`;
      const w = textWidth(words, 'd-failed__text') + 18;
      const spot = spotNear(lay, at, w, 20);
      // A pill placed away from its mark (no room beside it) is joined to it by a thin line.
      const near = { x: Math.max(spot.x, Math.min(at.x, spot.x + spot.w)), y: Math.max(spot.y, Math.min(at.y, spot.y + spot.h)) };
      const leader = Math.hypot(near.x - at.x, near.y - at.y) > 40 ? svg('path', { class: 'd-failed__leader', d: polyline(lay.router.route(at, near)) }) : null;
      const mark = svg(
        'g',
        { class: 'd-failed', 'data-at': trace.blocked?.at ?? failed.hop.at, 'data-code': code, 'data-direction': failed.dir },
        leader,
        svg('circle', { cx: at.x, cy: at.y, r: 10 }),
        svg('path', { d: `M${at.x - 4},${at.y - 4} L${at.x + 4},${at.y + 4} M${at.x + 4},${at.y - 4} L${at.x - 4},${at.y + 4}`, class: 'd-failed__x' }),
        svg(
          'g',
          { class: 'd-failed__label' },
          svg('rect', { x: spot.x, y: spot.y, width: spot.w, height: spot.h, rx: 10 }),
          svg('text', { x: spot.x + spot.w / 2, y: spot.y + 14, 'text-anchor': 'middle', class: 'd-failed__text' }, words),
        ),
      );
      marks.append(titled(mark, `Fails here (${failed.dir === 'return' ? 'on the way back' : 'on the way there'}): ${trace.blocked?.message ?? failed.hop.message}`));
    }
  } else if (forward.length) {
    const end = forward[forward.length - 1];
    marks.append(svg('circle', { class: 'd-delivered', cx: end.x, cy: end.y, r: 8 }));
  }
  return [g, marks];
}

function defs() {
  const arrow = (id) =>
    svg(
      'marker',
      // The tip on the end point, the head back along the line (which keeps off labels).
      { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: `${id}__head` }),
    );
  return svg('defs', {}, arrow('d-arrow-forward'), arrow('d-arrow-return'));
}

/** A sentence describing the estate and the trace, for screen readers. */
function describe(model, trace) {
  const parts = [];
  for (const v of model.vpcs) {
    parts.push(`VPC ${v.name ?? v.id} ${v.cidrs.join(', ')} with ${v.subnetCount} subnet${v.subnetCount === 1 ? '' : 's'}`);
  }
  for (const p of model.peerings) parts.push(`peering ${p.id} ${p.status}`);
  for (const t of model.tgws) parts.push(`transit gateway ${t.id}`);
  let text = parts.length ? `${parts.join('; ')}.` : 'No VPCs.';
  if (trace) {
    text += trace.reachable
      ? ` Traced path from ${trace.from.id} to ${trace.to.id}: reachable both ways.`
      : ` Traced path from ${trace.from.id} to ${trace.to.id}: blocked at ${trace.blocked?.at} (${trace.blocked?.code}).`;
  }
  return text;
}

/** Above this many VPCs the diagram is a summary: laying out and styling every box would
 * keep the page busy for seconds (BENCHMARKS.md, scale in the page). */
export const DIAGRAM_MAX_VPCS = 60;

/** A large estate, in words: counts, and where the traced path is told instead. */
function drawSummary(container, model, trace) {
  const subnets = model.vpcs.reduce((n, v) => n + v.subnetCount, 0);
  const plural = (n, one, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  const box = el(
    'div',
    { class: 'diagram-summary', role: 'note' },
    el('p', {}, `${plural(model.vpcs.length, 'VPC')}: too many to draw here (the diagram draws estates of up to ${DIAGRAM_MAX_VPCS} VPCs).`),
    el(
      'ul',
      {},
      el('li', {}, plural(model.vpcs.length, 'VPC')),
      el('li', {}, plural(subnets, 'subnet')),
      el('li', {}, plural(model.peerings.length, 'peering connection')),
      el('li', {}, plural(model.tgws.length, 'transit gateway')),
    ),
    el('p', { class: 'note' }, trace ? describe({ vpcs: [], peerings: [], tgws: [] }, trace).replace(/^No VPCs\. /, '') + ' The Trace tab lists it hop by hop.' : 'Trace a path (Trace tab) to follow it hop by hop.'),
  );
  container.replaceChildren(box);
  return box;
}

/**
 * Draws `view` (the Session's view()) into `container`, with `trace` (a reach() answer, or null)
 * on top. `width` is the space available, so that narrow screens get VPCs stacked.
 */
export function drawDiagram(container, view, trace, width) {
  const model = normalise(view);
  if (model.vpcs.length > DIAGRAM_MAX_VPCS) return drawSummary(container, model, trace);
  // On a wide screen the diagram is scaled to fit the height it has (style.css): lay it out
  // for that shape.
  const wide = typeof window !== 'undefined' && window.matchMedia?.('(min-width: 62.01rem)').matches;
  const lay = layout(model, Math.max(320, width || 900), trace, wide ? window.innerHeight * 0.72 : Infinity);
  const root = svg('svg', {
    class: 'd-svg',
    viewBox: `0 0 ${lay.w} ${lay.h}`,
    width: lay.w,
    height: lay.h,
    role: 'img',
    'aria-labelledby': 'd-title d-desc',
  });
  root.append(svg('title', { id: 'd-title' }, trace ? 'Diagram of the estate with the traced path' : 'Diagram of the estate'));
  root.append(svg('desc', { id: 'd-desc' }, describe(model, trace)));
  root.append(defs());
  for (const n of lay.outside) root.append(drawOutside(n));
  for (const a of lay.accounts) {
    root.append(drawFrame(a, 'd-account'));
    for (const r of a.regions) root.append(drawFrame(r, 'd-region'));
  }
  for (const line of lay.links) root.append(svg('path', { class: 'd-link', 'data-id': line.id, d: polyline(line.points) }));
  for (const t of lay.tgws) root.append(drawTgw(t));
  for (const v of lay.vpcs) root.append(drawVpc(v));
  // Peering lines, then the traced path, then the peering labels, then where it fails: the path
  // never hides a peering's id, and nothing hides the failure.
  const peerings = lay.peerings.map(drawPeering);
  for (const [line] of peerings) root.append(line);
  const [paths, marks] = trace ? drawTrace(trace, lay) : [null, null];
  if (paths) root.append(paths);
  for (const [, tag] of peerings) root.append(tag);
  if (marks) root.append(marks);
  if (!model.vpcs.length) {
    root.append(svg('text', { x: lay.w / 2, y: lay.h / 2, 'text-anchor': 'middle', class: 'd-empty' }, 'Nothing to draw yet: load an estate.'));
  }
  container.replaceChildren(root);
  return root;
}
