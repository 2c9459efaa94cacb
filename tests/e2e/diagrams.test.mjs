// The diagram teaches rather than misleads, for every exercise the page lists (from
// www/pkg/exercises/list.json), in its start state and in its solved state (the reference
// solution played through the page's "Play all steps"), at 1280×800 and at 390×844. Computed from
// the SVG's own geometry:
// - no two labels overlap (a label's text box, or the tag or pill it sits on);
// - no line (a link, a peering, a transit gateway's spoke, the traced path) runs over a label,
//   unless the label is drawn above it on its own background (a peering's tag, a failure's pill);
// - at 1280×800 the whole estate is in view: the diagram box does not scroll, and the drawing is
//   not shrunk past legibility;
// - a transit gateway is a hub: one spoke from the hub to each VPC attached (as the exercise's
//   start and solution attach them), and no spoke runs through another VPC;
// - what was deleted is not drawn (a deleted NAT gateway, peering, attachment, terminated
//   instance), nor what the solution deletes;
// - every goal's end that is an instance or a network interface (an ECS task) is drawn, and a
//   path from an ECS task starts at it.
// Each diagram is written to target/e2e/diagrams/<exercise>-<state>-<width>.png for a person to
// look at.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, openApp, startServer } from './harness.mjs';

const SHOTS = path.join(ROOT, 'target/e2e/diagrams');
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

let server;

before(async () => {
  server = await startServer();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await server?.close();
});

const view = '#exercises .exercise-view:not([hidden])';
const panel = (page) => page.locator('#exercises .solution-panel');

/** What an exercise file says the diagram must (not) show: attachments, deletions, goal ends. */
async function expectations(id) {
  const file = JSON.parse(await readFile(path.join(ROOT, 'crates/core/exercises', `${id}.json`), 'utf8'));
  const docs = Array.isArray(file.start) ? file.start : [file.start];
  const attachedAtStart = new Set();
  const goneAtStart = new Set();
  const walk = (x) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const state = String(x.State?.Name ?? x.State ?? x.Status?.Code ?? '').toLowerCase();
    if (state === 'deleted' || state === 'terminated') {
      for (const key of ['NatGatewayId', 'VpcPeeringConnectionId', 'VpcEndpointId', 'TransitGatewayAttachmentId', 'InstanceId']) {
        if (typeof x[key] === 'string') goneAtStart.add(x[key]);
      }
    }
    Object.values(x).forEach(walk);
  };
  for (const doc of docs) {
    walk(doc);
    for (const a of doc.TransitGatewayVpcAttachments ?? []) if (a.State !== 'deleted') attachedAtStart.add(a.VpcId);
  }
  const solution = file.solution ?? [];
  const attachedSolved = new Set(attachedAtStart);
  for (const step of solution) if (step.action === 'create_transit_gateway_attachment') attachedSolved.add(step.vpc);
  const deletedBySolution = solution.filter((s) => s.action === 'delete_nat_gateway' || s.action === 'delete_peering').map((s) => s.nat_gateway ?? s.peering);
  const ends = new Set();
  for (const g of file.goals ?? []) {
    if (g.check?.kind !== 'reachable' && g.check?.kind !== 'unreachable') continue;
    for (const end of [g.check.from, g.check.to]) if (!/^\d|^(s3|sns|dynamodb)$/.test(end)) ends.add(end);
  }
  return { attachedAtStart, attachedSolved, goneAtStart, deletedBySolution, ends: [...ends] };
}

/** The geometry of the diagram shown, measured in the page (SVG user units). */
function measure(page, sel = view) {
  return page.evaluate((sel) => {
    const box = document.querySelector(`${sel} .diagram`);
    const root = box?.querySelector('svg.d-svg');
    if (!root) return { drawn: false, error: box?.textContent ?? 'no diagram box' };
    const bb = (e) => {
      const b = e.getBBox();
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    };
    const vb = root.viewBox.baseVal;
    const rendered = root.getBoundingClientRect();
    // Labels: every text with its box; the tags and pills text sits on count as labels too.
    const items = [];
    for (const t of root.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const badge = t.closest('.d-peering-tag, .d-failed__label, .d-outside');
      items.push({ kind: 'text', text: t.textContent, box: bb(t), badge: badge ? [...root.querySelectorAll('*')].indexOf(badge) : -1, order: [...root.querySelectorAll('*')].indexOf(t) });
    }
    const all = [...root.querySelectorAll('*')];
    for (const b of root.querySelectorAll('.d-peering-tag, .d-failed__label, .d-outside')) {
      items.push({ kind: 'badge', text: b.textContent, box: bb(b.querySelector('rect')), self: all.indexOf(b), order: all.indexOf(b) });
    }
    // Lines, sampled every 1.5 units along their length.
    const lines = [];
    for (const p of root.querySelectorAll('.d-link, .d-peering__line, .d-tgw__line, .d-trace__path, .d-failed__leader')) {
      const len = p.getTotalLength();
      const pts = [];
      for (let d = 0; d <= len; d += 1.5) {
        const q = p.getPointAtLength(d);
        pts.push([q.x, q.y]);
      }
      lines.push({ cls: p.getAttribute('class'), order: all.indexOf(p), pts });
    }
    const spokes = [...root.querySelectorAll('.d-tgw')].map((g) => {
      const hub = g.querySelector('.d-tgw__hub');
      return {
        id: g.dataset.id,
        hub: hub ? { x: hub.cx.baseVal.value, y: hub.cy.baseVal.value, r: hub.r.baseVal.value } : null,
        spokes: [...g.querySelectorAll('.d-tgw__line')].map((l) => {
          const len = l.getTotalLength();
          const a = l.getPointAtLength(0);
          const b = l.getPointAtLength(len);
          // Sampled along its length: a spoke routed round the boxes is not a straight line.
          const pts = [];
          for (let k = 1; k < 40; k += 1) {
            const q = l.getPointAtLength((len * k) / 40);
            pts.push([q.x, q.y]);
          }
          return { vpc: l.dataset.vpc, from: { x: a.x, y: a.y }, to: { x: b.x, y: b.y }, pts };
        }),
      };
    });
    const vpcs = Object.fromEntries([...root.querySelectorAll('.d-vpc')].map((v) => [v.dataset.id, bb(v.querySelector('.d-vpc__box'))]));
    const ids = [...root.querySelectorAll('[data-id]')].map((e) => e.dataset.id);
    const itemLabels = [...root.querySelectorAll('.d-item')].map((e) => ({ id: e.dataset.id, text: e.querySelector('text')?.textContent ?? '', box: bb(e.querySelector('rect')) }));
    const traces = [...root.querySelectorAll('.d-trace')].map((t) => {
      const f = t.querySelector('.d-trace__path--forward');
      const start = f ? f.getPointAtLength(0) : null;
      return { from: t.dataset.from, to: t.dataset.to, start: start ? { x: start.x, y: start.y } : null };
    });
    return {
      drawn: true,
      size: { w: vb.width, h: vb.height },
      scale: rendered.width / vb.width,
      scroll: { cw: box.clientWidth, ch: box.clientHeight, sw: box.scrollWidth, sh: box.scrollHeight },
      rendered: { top: rendered.top, bottom: rendered.bottom, h: rendered.height },
      items,
      lines,
      spokes,
      vpcs,
      ids,
      itemLabels,
      traces,
    };
  }, sel);
}

const overlap = (a, b, tol = 0.5) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > tol && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > tol;
const inside = (p, r, m) => p[0] > r.x - m && p[0] < r.x + r.w + m && p[1] > r.y - m && p[1] < r.y + r.h + m;

/** Everything that reads badly in a measured diagram, as sentences (empty: none). */
function problemsOf(g, { wide, attached, gone, ends }) {
  const out = [];
  if (!g.drawn) return [`no diagram drawn: ${g.error}`];
  const short = (t) => JSON.stringify(t.text.slice(0, 40));
  // Labels apart (a text and the badge it sits on excepted).
  for (let i = 0; i < g.items.length; i += 1) {
    for (let j = i + 1; j < g.items.length; j += 1) {
      const a = g.items[i];
      const b = g.items[j];
      if (a.kind === 'text' && b.kind === 'badge' && a.badge === b.self) continue;
      if (b.kind === 'text' && a.kind === 'badge' && b.badge === a.self) continue;
      if (a.kind === 'badge' && b.kind === 'badge' && a.self === b.self) continue;
      if (overlap(a.box, b.box)) out.push(`labels overlap: ${short(a)} and ${short(b)}`);
    }
    const a = g.items[i];
    if (a.box.x < -0.5 || a.box.y < -0.5 || a.box.x + a.box.w > g.size.w + 0.5 || a.box.y + a.box.h > g.size.h + 0.5) out.push(`label cut off at the edge: ${short(a)}`);
  }
  // Lines off labels: a line may pass under a badge drawn after it, never over plain text.
  for (const line of g.lines) {
    for (const t of g.items) {
      if (t.kind === 'badge' && t.order > line.order) continue;
      if (t.kind === 'text' && t.badge >= 0 && t.badge > line.order) continue;
      if (line.pts.some((p) => inside(p, t.box, 0.75))) out.push(`a line (${line.cls}) runs over the label ${short(t)}`);
    }
  }
  if (wide) {
    if (g.scroll.sh > g.scroll.ch + 1 || g.scroll.sw > g.scroll.cw + 1) out.push(`the diagram box scrolls: ${JSON.stringify(g.scroll)}`);
    if (g.rendered.h > 800) out.push(`the drawing is ${g.rendered.h}px tall, more than the screen`);
    if (g.scale < 0.6) out.push(`the drawing is shrunk to ${Math.round(g.scale * 100)}%: too small to read`);
  }
  // The hub: one spoke per attached VPC, from the hub's rim to the VPC's box, through no other VPC.
  const spokeVpcs = new Set(g.spokes.flatMap((t) => t.spokes.map((s) => s.vpc)));
  for (const vpc of attached) if (!spokeVpcs.has(vpc)) out.push(`no spoke from the transit gateway to ${vpc}`);
  for (const t of g.spokes) {
    if (!t.hub) {
      out.push(`the transit gateway ${t.id} is not drawn as a hub`);
      continue;
    }
    for (const s of t.spokes) {
      const d = Math.hypot(s.from.x - t.hub.x, s.from.y - t.hub.y);
      if (Math.abs(d - t.hub.r) > 1) out.push(`the spoke to ${s.vpc} does not start at the hub ${t.id} (${d.toFixed(1)} from its centre)`);
      const box = g.vpcs[s.vpc];
      const onBorder = box && (Math.abs(s.to.x - box.x) < 1 || Math.abs(s.to.x - box.x - box.w) < 1 || Math.abs(s.to.y - box.y) < 1 || Math.abs(s.to.y - box.y - box.h) < 1);
      if (!onBorder) out.push(`the spoke to ${s.vpc} does not end at its VPC`);
      for (const [other, r] of Object.entries(g.vpcs)) {
        if (other === s.vpc) continue;
        for (const p of s.pts) {
          if (inside(p, r, -1)) {
            out.push(`the spoke to ${s.vpc} runs through ${other}`);
            break;
          }
        }
      }
    }
    if (new Set(t.spokes.map((s) => s.vpc)).size !== t.spokes.length) out.push(`two spokes from ${t.id} to one VPC`);
  }
  for (const id of gone) if (g.ids.includes(id)) out.push(`${id} is drawn, but it is deleted`);
  for (const end of ends) {
    const drawn = /^(i|eni)-/.test(end) ? g.ids.includes(end) : g.itemLabels.some((l) => l.text.startsWith(`${end} ·`));
    if (!drawn) out.push(`the goal's end ${end} is not drawn`);
  }
  // A path from a network interface starts at it.
  for (const t of g.traces) {
    if (!t.from.startsWith('eni-')) continue;
    const item = g.itemLabels.find((l) => l.id === t.from);
    if (!item || !t.start) out.push(`the path from ${t.from} is not drawn from it`);
    else if (Math.hypot(t.start.x - (item.box.x + item.box.w / 2), t.start.y - (item.box.y + item.box.h / 2)) > 2) out.push(`the path from ${t.from} starts away from it`);
  }
  return out;
}

async function openExercise(page, url, id) {
  await page.goto(`${url}#exercises/${id}`);
  await page.locator(`${view} .goal`).first().waitFor();
  await drawn(page);
}

/** Waits for the diagram, or the message saying why it could not be drawn. */
function drawn(page) {
  return page.locator(`${view} .diagram svg.d-svg, ${view} .diagram .error`).first().waitFor();
}

async function playSolution(page) {
  const button = panel(page).getByRole('button', { name: 'Reveal the solution' });
  if (await button.isVisible()) await button.click();
  await panel(page).getByRole('button', { name: 'Play all steps' }).click();
  await page.waitForFunction(() => document.querySelector('#exercises .solution-panel')?.dataset.playing === 'false', null, { timeout: 120_000 });
  const refusal = (await panel(page).locator('.solution-refusal').textContent()).trim();
  assert.equal(refusal, '');
}

for (const viewport of VIEWPORTS) {
  test(`every exercise's diagram, start and solved, reads cleanly at ${viewport.width}×${viewport.height}`, async () => {
    const list = JSON.parse(await readFile(path.join(ROOT, 'www/pkg/exercises/list.json'), 'utf8'));
    const app = await openApp({ server, viewport });
    const report = [];
    try {
      const { page } = app;
      await page.emulateMedia({ reducedMotion: 'reduce' });
      for (const { id } of list) {
        const want = await expectations(id);
        await openExercise(page, app.url, id);
        const wide = viewport.width >= 1000;
        const start = await measure(page);
        const shot = (state) => page.locator(`${view} .diagram`).screenshot({ path: path.join(SHOTS, `${id}-${state}-${viewport.width}.png`) });
        await shot('start');
        for (const p of problemsOf(start, { wide, attached: want.attachedAtStart, gone: want.goneAtStart, ends: [] })) report.push(`${id} start: ${p}`);
        await playSolution(page);
        await drawn(page);
        const solved = await measure(page);
        await shot('solved');
        const gone = new Set([...want.goneAtStart, ...want.deletedBySolution]);
        for (const p of problemsOf(solved, { wide, attached: want.attachedSolved, gone, ends: want.ends })) report.push(`${id} solved: ${p}`);
        // Leave the exercise as it came (Reset asks first when there is work).
        await page.getByRole('toolbar', { name: 'Exercise' }).getByRole('button', { name: 'Reset' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Reset to the start' }).click();
        await page.getByRole('dialog').waitFor({ state: 'hidden' });
      }
      assert.deepEqual(report, []);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });
}

// A transit gateway shared with another account (RAM), and a second Region with its own: each
// spoke from its own hub, none through another VPC or hub, labels apart, at both widths.
test('a transit gateway with VPCs of another account and another Region: spokes go round, not through', async () => {
  const estate = await readFile(path.join(ROOT, 'tests/fixtures/estates/tgw-cross-account.json'), 'utf8');
  const attached = ['vpc-0aaa00000000000a1', 'vpc-0aaa00000000000a2', 'vpc-0bbb00000000000b1', 'vpc-0ccc00000000000c1'];
  const report = [];
  for (const viewport of VIEWPORTS) {
    const app = await openApp({ server, viewport });
    try {
      const { page } = app;
      await page.goto(`${app.url}#sandbox`);
      await page.locator('#sandbox-title').waitFor();
      await page.getByLabel('Paste AWS CLI JSON').fill(estate);
      await page.getByRole('button', { name: 'Load JSON' }).click();
      await page.locator('#sandbox .diagram svg.d-svg .d-tgw').first().waitFor();
      const g = await measure(page, '#sandbox');
      await page.locator('#sandbox .diagram').screenshot({ path: path.join(SHOTS, `sandbox-tgw-cross-account-${viewport.width}.png`) });
      // Each hub has its own spokes: the shared one three, the other Region's one.
      const spokesOf = Object.fromEntries(g.spokes.map((t) => [t.id, t.spokes.map((x) => x.vpc).sort()]));
      assert.deepEqual(spokesOf, {
        'tgw-0a1b2c3d4e5f60001': ['vpc-0aaa00000000000a1', 'vpc-0aaa00000000000a2', 'vpc-0bbb00000000000b1'],
        'tgw-0a1b2c3d4e5f60002': ['vpc-0ccc00000000000c1'],
      });
      // Scroll and scale are the exercises' rules; a sandbox estate may be larger.
      for (const p of problemsOf(g, { wide: false, attached, gone: [], ends: [] })) report.push(`${viewport.width}px: ${p}`);
      // No spoke runs through a hub it does not come from.
      for (const t of g.spokes) {
        for (const o of g.spokes) {
          if (o === t || !o.hub) continue;
          for (const s of t.spokes) {
            if (s.pts.some(([x, y]) => Math.hypot(x - o.hub.x, y - o.hub.y) < o.hub.r + 2)) report.push(`${viewport.width}px: the spoke from ${t.id} to ${s.vpc} runs through the hub ${o.id}`);
          }
        }
      }
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  }
  assert.deepEqual(report, []);
});
