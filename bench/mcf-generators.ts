// Seeded min-cost-flow generators for bench:mcf (bench/mcf-families.bench.ts), one per family:
//   transportation  placement-like: 90% demand nodes (supply 1–100) to 8 random sites each
//                   (cost 1–1000), sites → sink capped, an unmet arc per demand at 10^4;
//   netgen-like     8·n random arcs (cost 1–10^4, capacity 1–1000), n/20 sources and sinks
//                   (supply 1–1000), a hub node joining sources to sinks at 10^6 (feasibility);
//   grid-torus      a √n × √n torus, 4 arcs per node (cost 1–100, capacity 1–200), 8 sources
//                   and 8 sinks far apart (long paths), the same hub at 10^6.
import type { FlowNetwork } from '../src/flow/types.js';
import { mulberry32 } from '../src/util/prng.js';

/** Arc lists grow into typed arrays. */
class Builder {
  src: number[] = [];
  dst: number[] = [];
  cap: number[] = [];
  cost: number[] = [];
  supply: Float64Array;
  constructor(readonly nodes: number) {
    this.supply = new Float64Array(nodes);
  }
  arc(u: number, v: number, c: number, k: number): void {
    this.src.push(u);
    this.dst.push(v);
    this.cap.push(c);
    this.cost.push(k);
  }
  net(): FlowNetwork {
    return { nodes: this.nodes, source: Int32Array.from(this.src), target: Int32Array.from(this.dst), capacity: Float64Array.from(this.cap), cost: Float64Array.from(this.cost), supply: this.supply };
  }
}

export function transportation(n: number, seed: number): FlowNetwork {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const D = Math.floor(0.9 * (n - 1));
  const S = n - 1 - D;
  const sink = n - 1;
  const b = new Builder(n);
  let total = 0;
  for (let d = 0; d < D; d++) {
    const q = int(1, 100);
    b.supply[d] = q;
    total += q;
    for (let k = 0; k < 8; k++) b.arc(d, D + int(0, S - 1), Infinity, int(1, 1000));
    b.arc(d, sink, Infinity, 10_000);
  }
  for (let s = 0; s < S; s++) b.arc(D + s, sink, Math.ceil((1.1 * total) / S), 0);
  b.supply[sink] = -total;
  return b.net();
}

function withHub(b: Builder, hub: number): void {
  for (let v = 0; v < b.nodes; v++) {
    if (b.supply[v]! > 0) b.arc(v, hub, Infinity, 1_000_000);
    else if (b.supply[v]! < 0) b.arc(hub, v, Infinity, 1_000_000);
  }
}

export function netgenLike(n: number, seed: number): FlowNetwork {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const b = new Builder(n);
  const hub = n - 1;
  for (let a = 0; a < 8 * n; a++) {
    const u = int(0, n - 2);
    let v = int(0, n - 2);
    if (v === u) v = (v + 1) % (n - 1);
    b.arc(u, v, int(1, 1000), int(1, 10_000));
  }
  const k = Math.max(1, Math.floor(n / 20));
  for (let i = 0; i < k; i++) {
    const q = int(1, 1000);
    b.supply[i * 2] = b.supply[i * 2]! + q;
    b.supply[i * 2 + 1] = b.supply[i * 2 + 1]! - q;
  }
  withHub(b, hub);
  return b.net();
}

export function gridTorus(n: number, seed: number): FlowNetwork {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const side = Math.floor(Math.sqrt(n - 1));
  const N = side * side;
  const b = new Builder(N + 1);
  const hub = N;
  const id = (x: number, y: number) => ((y + side) % side) * side + ((x + side) % side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const v = id(x, y);
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) b.arc(v, id(x + dx, y + dy), int(1, 200), int(1, 100));
    }
  }
  // Sources in one quadrant, sinks in the opposite one: paths of about side/2 arcs.
  for (let i = 0; i < 8; i++) {
    const q = int(100, 1000);
    const s = id(int(0, side / 4), int(0, side / 4));
    const t = id(side / 2 + int(0, side / 4), side / 2 + int(0, side / 4));
    b.supply[s] = b.supply[s]! + q;
    b.supply[t] = b.supply[t]! - q;
  }
  withHub(b, hub);
  return b.net();
}


/**
 * GRIDGEN-like: a grid of r = max(4, ⌊√n / 4⌋) rows and c = ⌊(n − 2)/r⌋ columns (wide rows, so
 * source → sink paths of about c arcs), arcs both ways between grid neighbours (capacity 1–1000,
 * cost 1–100), a source feeding every node of the first column and a sink fed by the last (free,
 * uncapacitated), supply 100 per row, and a direct source → sink arc at 10^6 (feasibility).
 */
export function gridgenLike(n: number, seed: number): FlowNetwork {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const rows = Math.max(4, Math.floor(Math.sqrt(n) / 4));
  const cols = Math.floor((n - 2) / rows);
  const N = rows * cols;
  const b = new Builder(N + 2);
  const s = N;
  const t = N + 1;
  const id = (x: number, y: number) => y * cols + x;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const v = id(x, y);
      if (x + 1 < cols) {
        b.arc(v, id(x + 1, y), int(1, 1000), int(1, 100));
        b.arc(id(x + 1, y), v, int(1, 1000), int(1, 100));
      }
      if (y + 1 < rows) {
        b.arc(v, id(x, y + 1), int(1, 1000), int(1, 100));
        b.arc(id(x, y + 1), v, int(1, 1000), int(1, 100));
      }
    }
    b.arc(s, id(0, y), Infinity, 0);
    b.arc(id(cols - 1, y), t, Infinity, 0);
  }
  b.arc(s, t, Infinity, 1_000_000);
  b.supply[s] = 100 * rows;
  b.supply[t] = -100 * rows;
  return b.net();
}
