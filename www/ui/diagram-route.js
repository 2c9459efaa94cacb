// Connectors that go round the diagram's labels: a shortest path on a grid of points CELL pixels
// apart (A*, with a cost for each turn, so lines stay straight and orthogonal), where a point
// near a label is blocked and a point inside a box the line should keep out of costs more.
// A line between two free neighbouring points can never touch a label: labels are blocked with
// a margin of at least half a cell. Blocked points are passable at a high price, so that a path
// always exists; it goes over a label only when nothing else is possible.

const CELL = 8;
const TURN = 6;
const BLOCKED = 80;

/** A small binary heap of (priority, value) pairs, lowest priority first. */
class Heap {
  constructor() {
    this.p = [];
    this.v = [];
  }

  get size() {
    return this.p.length;
  }

  push(priority, value) {
    const { p, v } = this;
    let i = p.length;
    p.push(priority);
    v.push(value);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (p[up] <= priority) break;
      p[i] = p[up];
      v[i] = v[up];
      i = up;
    }
    p[i] = priority;
    v[i] = value;
  }

  /** The lowest value; its priority is left in `last`. */
  pop() {
    const { p, v } = this;
    const top = v[0];
    this.last = p[0];
    const lastP = p.pop();
    const lastV = v.pop();
    if (p.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= p.length) break;
        const c = l + 1 < p.length && p[l + 1] < p[l] ? l + 1 : l;
        if (p[c] >= lastP) break;
        p[i] = p[c];
        v[i] = v[c];
        i = c;
      }
      p[i] = lastP;
      v[i] = lastV;
    }
    return top;
  }
}

const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/** A router for a drawing `w` × `h` pixels. */
export function createRouter(w, h) {
  const cols = Math.ceil(w / CELL) + 1;
  const rows = Math.ceil(h / CELL) + 1;
  const blocked = new Uint8Array(cols * rows);
  const extra = new Int32Array(cols * rows);
  // The search's arrays, made once and reused: a state's cost is valid when its stamp is the
  // current search's.
  let g = null;
  let from = null;
  let stamp = null;
  let search = 0;

  /** Whether every grid point on the straight line from cell (i0, j0) to (i1, j1) is free. */
  const clear = (i0, j0, i1, j1) => {
    const n = Math.max(Math.abs(i1 - i0), Math.abs(j1 - j0));
    for (let k = 0; k <= n; k += 1) {
      const c = (j0 + Math.round(((j1 - j0) * k) / (n || 1))) * cols + i0 + Math.round(((i1 - i0) * k) / (n || 1));
      if (blocked[c] || extra[c] > 0) return false;
    }
    return true;
  };

  const span = (r, pad) => ({
    x0: Math.max(0, Math.ceil((r.x - pad) / CELL)),
    x1: Math.min(cols - 1, Math.floor((r.x + r.w + pad) / CELL)),
    y0: Math.max(0, Math.ceil((r.y - pad) / CELL)),
    y1: Math.min(rows - 1, Math.floor((r.y + r.h + pad) / CELL)),
  });

  return {
    /** Keeps lines `pad` pixels (at least half a cell) away from `r` ({x, y, w, h}). */
    block(r, pad = 4) {
      const s = span(r, Math.max(pad, CELL / 2 + 0.5));
      for (let y = s.y0; y <= s.y1; y += 1) for (let x = s.x0; x <= s.x1; x += 1) blocked[y * cols + x] = 1;
    },
    /** Makes each step inside `r` cost `c` more (a box lines should rather go round). */
    cost(r, c) {
      const s = span(r, -1);
      for (let y = s.y0; y <= s.y1; y += 1) for (let x = s.x0; x <= s.x1; x += 1) extra[y * cols + x] += c;
    },
    /** Makes each step on the line through `points` cost `c` more (less, when negative). */
    mark(points, c) {
      for (let k = 1; k < points.length; k += 1) {
        const a = points[k - 1];
        const b = points[k];
        const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / CELL));
        for (let s = 0; s <= n; s += 1) {
          const i = Math.round((a.x + ((b.x - a.x) * s) / n) / CELL);
          const j = Math.round((a.y + ((b.y - a.y) * s) / n) / CELL);
          if (i >= 0 && j >= 0 && i < cols && j < rows) extra[j * cols + i] += c;
        }
      }
    },
    /** The points of an orthogonal path from `a` to `b` ({x, y}), ends included. */
    route(a, b) {
      const snap = (p) => ({
        i: Math.min(cols - 1, Math.max(0, Math.round(p.x / CELL))),
        j: Math.min(rows - 1, Math.max(0, Math.round(p.y / CELL))),
      });
      const s = snap(a);
      const t = snap(b);
      const start = s.j * cols + s.i;
      const goal = t.j * cols + t.i;
      if (start === goal) return [a, b];
      const at = (i, j) => ({ x: i * CELL, y: j * CELL });
      const tidy = (pts) => pts.filter((p, k) => k === 0 || p.x !== pts[k - 1].x || p.y !== pts[k - 1].y);
      // Most lines need no search: straight, or one bend, through free points only (the ends
      // themselves excepted: they may sit next to their own label).
      const inner = (i0, j0, i1, j1) => clear(i0, j0, i1, j1);
      if (s.i === t.i || s.j === t.j) {
        if (inner(s.i, s.j, t.i, t.j) || Math.abs(s.i - t.i) + Math.abs(s.j - t.j) <= 1) return tidy([a, at(s.i, s.j), at(t.i, t.j), b]);
      } else {
        if (inner(s.i, s.j, t.i, s.j) && inner(t.i, s.j, t.i, t.j)) return tidy([a, at(s.i, s.j), at(t.i, s.j), at(t.i, t.j), b]);
        if (inner(s.i, s.j, s.i, t.j) && inner(s.i, t.j, t.i, t.j)) return tidy([a, at(s.i, s.j), at(s.i, t.j), at(t.i, t.j), b]);
      }
      if (!g) {
        g = new Float32Array(cols * rows * 4);
        from = new Int32Array(cols * rows * 4);
        stamp = new Uint32Array(cols * rows * 4);
      }
      search += 1;
      const cost0 = (st) => (stamp[st] === search ? g[st] : Infinity);
      const heap = new Heap();
      const h = (cell) => Math.abs((cell % cols) - t.i) + Math.abs(Math.floor(cell / cols) - t.j);
      for (let d = 0; d < 4; d += 1) {
        g[start * 4 + d] = 0;
        from[start * 4 + d] = -1;
        stamp[start * 4 + d] = search;
        heap.push(h(start), start * 4 + d);
      }
      let end = -1;
      while (heap.size) {
        const state = heap.pop();
        const cell = state >> 2;
        const dir = state & 3;
        if (cell === goal) {
          end = state;
          break;
        }
        const here = g[state];
        // A stale entry (the state was reached more cheaply since): skip it.
        if (heap.last > here + h(cell) + 1e-3) continue;
        const x = cell % cols;
        const y = (cell - x) / cols;
        for (let d = 0; d < 4; d += 1) {
          if (d === ((dir + 2) & 3)) continue;
          const nx = x + DX[d];
          const ny = y + DY[d];
          if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
          const next = ny * cols + nx;
          const free = next === goal || next === start || !blocked[next];
          const cost = here + 1 + Math.max(0, extra[next]) + (free ? 0 : BLOCKED) + (d === dir ? 0 : TURN);
          const ns = next * 4 + d;
          if (cost < cost0(ns)) {
            g[ns] = cost;
            stamp[ns] = search;
            from[ns] = state;
            heap.push(cost + h(next), ns);
          }
        }
      }
      if (end < 0) return [a, b];
      const cells = [];
      for (let st = end; st >= 0; st = from[st]) cells.push(st >> 2);
      cells.reverse();
      // Corners only: a point is kept where the direction changes.
      const pts = cells.map((c) => ({ x: (c % cols) * CELL, y: Math.floor(c / cols) * CELL }));
      const corners = [pts[0]];
      for (let i = 1; i < pts.length - 1; i += 1) {
        const p = pts[i - 1];
        const q = pts[i];
        const r = pts[i + 1];
        if ((q.x - p.x) * (r.y - q.y) !== (q.y - p.y) * (r.x - q.x)) corners.push(q);
      }
      corners.push(pts[pts.length - 1]);
      // The real ends, joined to the grid by a short straight piece.
      const out = [a, ...corners, b];
      return out.filter((p, i) => i === 0 || p.x !== out[i - 1].x || p.y !== out[i - 1].y);
    },
  };
}
