// The estate as an SVG diagram: accounts and regions as frames, VPCs with their CIDRs, subnets in
// columns by Availability Zone, instances, gateways, endpoints, peerings (with their status), the
// transit gateway; and a traced path on top, forward and return, with the failing hop marked.
//
// It draws what the Session's view() and reach() answer and decides nothing about AWS: where a
// hop happened and whether it failed come from the trace. Layout is plain arithmetic on boxes.

import { el, svg } from './dom.js';
import { layout, normalise, shortService } from './diagram-layout.js';

/** Cuts `text` to about `px` pixels of 11-12px text, with an ellipsis. */
function fit(text, px, charPx = 6.5) {
  const max = Math.max(4, Math.floor(px / charPx));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function label(x, y, text, attrs = {}) {
  return svg('text', { x, y, ...attrs }, text);
}

function titled(node, text) {
  node.prepend(svg('title', {}, text));
  return node;
}

/** A rounded pill with text centred on (x, y). */
function pill(x, y, text, cls, w = text.length * 7 + 14) {
  return svg(
    'g',
    { class: cls },
    svg('rect', { x: x - w / 2, y: y - 10, width: w, height: 20, rx: 10 }),
    label(x, y + 4, text, { 'text-anchor': 'middle' }),
  );
}

function drawFrame(box, cls, text) {
  return svg(
    'g',
    { class: cls },
    svg('rect', { x: box.x, y: box.y, width: box.w, height: box.h, rx: 6 }),
    label(box.x + 12, box.y + 18, text, { class: `${cls}__label` }),
  );
}

function drawSubnet(s) {
  const g = svg(
    'g',
    { class: 'd-subnet', 'data-id': s.id },
    svg('rect', { x: s.x, y: s.y, width: s.w, height: s.h, rx: 4 }),
    label(s.x + 8, s.y + 17, fit(s.name ?? s.id, s.w - 14, 7.2), { class: 'd-subnet__name' }),
    label(s.x + 8, s.y + 33, s.cidr, { class: 'd-mono' }),
  );
  for (const item of s.items) {
    const ig = svg('g', { class: `d-item d-item--${item.kind}`, 'data-id': item.id });
    ig.append(svg('rect', { x: item.x - 5, y: item.y - 5, width: 10, height: 10, rx: item.kind === 'instance' ? 2 : 5 }));
    ig.append(label(item.x + 10, item.y + 4, fit(item.label, s.w - 28, 6.3), { class: 'd-item__label' }));
    g.append(titled(ig, item.title));
  }
  return titled(g, `Subnet ${s.name ? `${s.name} (${s.id})` : s.id}, ${s.cidr}, ${s.az}`);
}

function drawVpc(v) {
  const g = svg('g', { class: v.isDefault ? 'd-vpc d-vpc--default' : 'd-vpc', 'data-id': v.id });
  g.append(svg('rect', { class: 'd-vpc__box', x: v.x, y: v.y, width: v.w, height: v.h, rx: 6 }));
  const title = v.name ? `${v.name}` : v.id;
  g.append(label(v.x + 12, v.y + 20, fit(`${title}${v.isDefault ? ' (default)' : ''}`, v.w - 50, 7.8), { class: 'd-vpc__name' }));
  g.append(label(v.x + 12, v.y + 37, fit(`${v.name ? `${v.id} · ` : ''}${v.cidrs.join(', ')}`, v.w - 50, 6.7), { class: 'd-mono' }));
  g.append(
    titled(
      svg(
        'g',
        { class: 'd-router', 'data-id': `router:${v.id}` },
        svg('circle', { cx: v.router.x, cy: v.router.y, r: 11 }),
        label(v.router.x, v.router.y + 4, 'R', { 'text-anchor': 'middle' }),
      ),
      `The VPC router of ${title}: each subnet's route table decides where packets go`,
    ),
  );
  for (const az of v.azs) {
    g.append(label(az.x, az.y + 11, az.name, { class: 'd-az' }));
    for (const s of az.subnets) g.append(drawSubnet(s));
  }
  for (const gw of v.edge) {
    const eg = svg(
      'g',
      { class: `d-gw d-gw--${gw.kind}`, 'data-id': gw.id },
      svg('rect', { x: gw.x - gw.w / 2, y: gw.y - 11, width: gw.w, height: 22, rx: 4 }),
      label(gw.x, gw.y + 4, gw.label, { 'text-anchor': 'middle' }),
    );
    g.append(titled(eg, gw.title));
  }
  return titled(g, `VPC ${title}${v.name ? ` (${v.id})` : ''}, ${v.cidrs.join(', ')}`);
}

/** A quadratic curve from a to b pulled towards `control` (a straight line when on it). */
function curve(a, b, control) {
  return `M${a.x},${a.y} Q${control.x},${control.y} ${b.x},${b.y}`;
}

/** A peering's line (with its status and id as data) and, apart, its label. */
function drawPeering(p) {
  const line = svg('g', { class: `d-peering d-peering--${p.statusClass}`, 'data-id': p.id, 'data-status': p.status });
  line.append(svg('path', { d: curve(p.a, p.b, p.control), class: 'd-peering__line' }));
  titled(line, `Peering connection ${p.id} between ${p.aVpc} and ${p.bVpc}: ${p.status}`);
  const w = Math.max(p.id.length, p.status.length) * 6.4 + 14;
  const tag = svg(
    'g',
    { class: `d-peering-tag d-peering-tag--${p.statusClass}`, 'aria-hidden': 'true' },
    svg('rect', { x: p.mid.x - w / 2, y: p.mid.y - 16, width: w, height: 32, rx: 8 }),
    label(p.mid.x, p.mid.y - 3, p.id, { 'text-anchor': 'middle' }),
    label(p.mid.x, p.mid.y + 11, p.status, { 'text-anchor': 'middle', class: 'd-peering-tag__status' }),
  );
  return [line, tag];
}

function drawTgw(t) {
  const g = svg('g', { class: 'd-tgw', 'data-id': t.id });
  for (const line of t.lines) {
    g.append(svg('path', { class: 'd-tgw__line', d: `M${line.from.x},${line.from.y} L${line.to.x},${line.to.y}` }));
  }
  g.append(svg('rect', { x: t.x, y: t.y, width: t.w, height: t.h, rx: 8 }));
  g.append(label(t.x + t.w / 2, t.y + 17, 'Transit gateway', { 'text-anchor': 'middle', class: 'd-tgw__kind' }));
  g.append(label(t.x + t.w / 2, t.y + 32, fit(t.name ?? t.id, t.w - 12, 6.7), { 'text-anchor': 'middle', class: 'd-mono' }));
  return titled(g, `Transit gateway ${t.id}, attached to ${t.lines.length} VPC${t.lines.length === 1 ? '' : 's'}`);
}

function drawOutside(n) {
  const g = svg('g', { class: `d-outside d-outside--${n.kind}`, 'data-id': n.id });
  g.append(svg('rect', { x: n.x, y: n.y, width: n.w, height: n.h, rx: n.h / 2 }));
  g.append(label(n.x + n.w / 2, n.y + n.h / 2 + 4, n.label, { 'text-anchor': 'middle' }));
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
    points.push({ x: at.x, y: at.y, hops: [i], aside: at.aside });
  }
  return points;
}

function pathD(points, shift) {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x + shift},${p.y + shift}`).join(' ');
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
  if (back.length > 1) {
    g.append(svg('path', { class: 'd-trace__path d-trace__path--return', 'data-direction': 'return', d: pathD(back, 5), 'marker-end': 'url(#d-arrow-return)' }));
  }
  if (forward.length > 1) {
    g.append(svg('path', { class: 'd-trace__path d-trace__path--forward', 'data-direction': 'forward', d: pathD(forward, -3), 'marker-end': 'url(#d-arrow-forward)' }));
  }
  if (failed) {
    const points = failed.dir === 'forward' ? forward : back;
    // The point of the failing hop, else the last place the packet got to.
    const own = points.find((p) => p.hops.includes(failed.index));
    const before = points.filter((p) => p.hops.some((h) => h <= failed.index)).pop();
    let at = own ?? lay.points.get(trace.blocked?.at) ?? before ?? points[0];
    // Beside a label rather than over it (left of a peering's, right of the internet's).
    if (at?.aside) at = { x: at.x - at.aside, y: at.y };
    if (at) {
      const code = trace.blocked?.code ?? 'BLOCKED';
      const text = `${failed.dir === 'return' ? 'reply: ' : ''}${code}`;
      const w = text.length * 7.7 + 16;
      const mark = svg(
        'g',
        { class: 'd-failed', 'data-at': trace.blocked?.at ?? failed.hop.at, 'data-code': code, 'data-direction': failed.dir },
        svg('circle', { cx: at.x, cy: at.y, r: 11 }),
        svg('path', { d: `M${at.x - 5},${at.y - 5} L${at.x + 5},${at.y + 5} M${at.x + 5},${at.y - 5} L${at.x - 5},${at.y + 5}`, class: 'd-failed__x' }),
        pill(Math.min(at.x + 18 + w / 2, lay.w - w / 2 - 2), Math.max(12, at.y - 22), text, 'd-failed__label', w),
      );
      marks.append(titled(mark, `Fails here (${failed.dir === 'return' ? 'on the way back' : 'on the way there'}): ${trace.blocked?.message ?? failed.hop.message}`));
    }
  } else if (forward.length) {
    const end = forward[forward.length - 1];
    marks.append(svg('circle', { class: 'd-delivered', cx: end.x, cy: end.y, r: 9 }));
  }
  return [g, marks];
}

function defs() {
  const arrow = (id) =>
    svg(
      'marker',
      { id, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
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
  const lay = layout(model, Math.max(320, width || 900), trace);
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
  for (const line of lay.links) root.append(svg('path', { class: 'd-link', d: `M${line.from.x},${line.from.y} L${line.to.x},${line.to.y}` }));
  for (const a of lay.accounts) {
    root.append(drawFrame(a, 'd-account', `Account ${a.id}`));
    for (const r of a.regions) root.append(drawFrame(r, 'd-region', r.name));
  }
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
    root.append(label(lay.w / 2, lay.h / 2, 'Nothing to draw yet: load an estate.', { 'text-anchor': 'middle', class: 'd-empty' }));
  }
  container.replaceChildren(root);
  return root;
}
