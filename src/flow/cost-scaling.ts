/**
 * Min-cost flow by cost scaling (Goldberg & Tarjan's push–relabel, as LEMON's `CostScaling` and
 * Goldberg's cs2), in plain TS: the second exact algorithm behind `minCostFlow`'s `algorithm:
 * 'cost-scaling'`. Integer data only (costs, capacities, supplies), with lower bounds 0.
 *
 * - Costs are multiplied by n + 1; ε starts at the largest scaled |cost| and is divided by
 *   α = 16 per phase down to 1. A 1-optimal flow of the scaled costs is (1/(n+1))-optimal for the
 *   original integer costs, hence optimal.
 * - Each phase (refine, ./cost-scaling-phase.ts) saturates every residual arc of negative reduced
 *   cost, then works off the active nodes with LEMON's partial augment–relabel (admissible paths
 *   of up to 4 arcs) and global price updates; from the second phase on, price refinement
 *   (./cost-scaling-refine.ts) first tries to reach ε-optimality by prices alone and skips the
 *   phase when it does.
 * - Infeasibility is decided first by a max flow (the same cut witness as the simplex reports);
 *   unboundedness by a negative cycle among uncapacitated arcs; uncapacitated arcs then carry at
 *   most Σ positive supply + Σ finite capacities.
 * - The returned potentials are exact: shortest-path distances in the optimal flow's residual
 *   graph with the original costs (Bellman–Ford from the scaled prices; no negative cycle exists
 *   at an optimum).
 * Reduced cost convention as the simplex: rc(a) = cost(a) + π(tail) − π(head).
 */
import { FLOW_INFINITE_CAPACITY, type FlowNetwork } from './types.js';
import { infeasibleCut, negativeInfiniteCycle } from './witness.js';
import type { McfCut, McfCycle } from './mcf-types.js';
import { type Kernels, MAX_WASM_MEMORY_BYTES, Workspace } from '../wasm/kernels.js';
import { WasmError } from '../errors.js';
import { COST_SCALING_PATH_LENGTH, type CsGraph, type CsScratch, refinePhase } from './cost-scaling-phase.js';
import { type CsRefineScratch, refinePrices } from './cost-scaling-refine.js';

export { refinePhase } from './cost-scaling-phase.js';

/** Outcome of a cost-scaling solve. */
export interface CostScalingResult {
  /** `time_limit`: the deadline passed between two phases (flow all zeros). */
  readonly status: 'optimal' | 'infeasible' | 'unbounded' | 'time_limit';
  readonly flow: Float64Array;
  readonly potential: Float64Array;
  readonly objective: number;
  /** Pushes and relabels done (the work measure of push–relabel). */
  readonly operations: number;
  readonly cut?: McfCut;
  readonly cycle?: McfCycle;
}

/** Division of ε per phase. */
export const COST_SCALING_ALPHA = 16;

/**
 * Whether cost scaling stays exact on `net`: integer data, and prices (at most about
 * 3 · (n + 1)² · max |cost|) below 2^53. The reason when not.
 */
export function costScalingRefusal(net: FlowNetwork): string | undefined {
  let maxCost = 0;
  for (let a = 0; a < net.source.length; a++) {
    const c = net.cost[a]!;
    const u = net.capacity[a]!;
    if (!Number.isInteger(c)) return `cost of arc ${a} = ${c} is not an integer (cost scaling needs integer data)`;
    if (!Number.isInteger(u) && u < FLOW_INFINITE_CAPACITY) return `capacity of arc ${a} = ${u} is not an integer (cost scaling needs integer data)`;
    maxCost = Math.max(maxCost, Math.abs(c));
  }
  for (let v = 0; v < net.nodes; v++) if (!Number.isInteger(net.supply[v]!)) return `supply of node ${v} = ${net.supply[v]} is not an integer (cost scaling needs integer data)`;
  const bound = 3 * (net.nodes + 1) * (net.nodes + 1) * (maxCost + 1);
  if (bound >= 2 ** 53) return `prices could reach 3 · (n + 1)² · (max |cost| + 1) = ${bound.toExponential(3)} ≥ 2^53`;
  return undefined;
}

/**
 * Solves `net` (lower bounds 0; check {@link costScalingRefusal} first): the phases in wasm
 * (assembly/cost-scaling.ts) when `kernels` is given, else in the TS twin {@link refinePhase}.
 * `deadline` (`performance.now()` time) is checked between phases. `globalUpdateEvery`: relabels
 * between global price updates (default LEMON's n + s², s the nodes of positive supply; tests
 * set it low so that updates happen on small networks too). `refine` false: no price
 * refinement (./cost-scaling-refine.ts) before the phases (for tests and measurements).
 */
export function costScaling(net: FlowNetwork, deadline?: number, kernels?: Kernels, globalUpdateEvery?: number, refine = true): CostScalingResult {
  const n = net.nodes;
  const m = net.source.length;
  const zeros = () => ({ flow: new Float64Array(m), potential: new Float64Array(n), operations: 0 });
  const cut = infeasibleCut(net);
  if (cut) return { status: 'infeasible', ...zeros(), objective: Infinity, cut };
  let anyNegativeInfinite = false;
  for (let a = 0; a < m; a++) if (net.capacity[a]! >= FLOW_INFINITE_CAPACITY && net.cost[a]! < 0) anyNegativeInfinite = true;
  if (anyNegativeInfinite) {
    const cycle = negativeInfiniteCycle(net);
    if (cycle) return { status: 'unbounded', ...zeros(), objective: -Infinity, cycle };
  }
  // Bound for uncapacitated arcs: no optimal basic flow exceeds it.
  let bound = 0;
  for (let v = 0; v < n; v++) if (net.supply[v]! > 0) bound += net.supply[v]!;
  for (let a = 0; a < m; a++) if (net.capacity[a]! < FLOW_INFINITE_CAPACITY) bound += net.capacity[a]!;

  // Residual graph: arc 2a forward (tail → head), 2a + 1 backward, in CSR order by tail.
  const E = 2 * m;
  const A = (kernels ? wasmArrays(kernels, n, E) : tsArrays(n, E));
  const { first, head, res, cost, pair, excess, pi } = A;
  first.fill(0);
  for (let a = 0; a < m; a++) {
    first[net.source[a]! + 1]!++;
    first[net.target[a]! + 1]!++;
  }
  for (let v = 0; v < n; v++) first[v + 1] = first[v + 1]! + first[v]!;
  const pos = first.slice(0, n);
  const slotOf = new Int32Array(m); // CSR slot of arc a's forward residual arc
  const scale = n + 1;
  let maxCost = 0;
  for (let a = 0; a < m; a++) {
    const u = net.source[a]!;
    const v = net.target[a]!;
    const f = pos[u]!++;
    const b = pos[v]!++;
    const c = net.cost[a]! * scale;
    maxCost = Math.max(maxCost, Math.abs(c));
    head[f] = v;
    res[f] = net.capacity[a]! >= FLOW_INFINITE_CAPACITY ? bound : net.capacity[a]!;
    cost[f] = c;
    pair[f] = b;
    head[b] = u;
    res[b] = 0;
    cost[b] = -c;
    pair[b] = f;
    slotOf[a] = f;
  }
  excess.set(net.supply);
  pi.fill(0);
  // Global price updates every n + s² relabels (s: nodes of positive supply), as LEMON's.
  let sources = 0;
  for (let v = 0; v < n; v++) if (net.supply[v]! > 0) sources++;
  const every = globalUpdateEvery ?? n + sources * sources;
  A.counters[0] = 0;
  A.counters[1] = every;
  A.counters[2] = every;
  let operations = 0;

  let eps = maxCost * COST_SCALING_ALPHA;
  for (let phase = 1; ; phase++) {
    if (deadline !== undefined && performance.now() >= deadline) return { status: 'time_limit', ...zeros(), objective: NaN, operations };
    eps = Math.max(1, Math.floor(eps / COST_SCALING_ALPHA));
    // From the second phase on (the flow is feasible then), prices alone may do (LEMON's rule).
    if (!(refine && phase >= 2 && A.refine(eps))) operations += A.phase(eps);
    if (eps === 1) break;
  }

  const flow = new Float64Array(m);
  let objective = 0;
  for (let a = 0; a < m; a++) {
    flow[a] = res[pair[slotOf[a]!]!]!;
    objective += net.cost[a]! * flow[a]!;
  }
  return { status: 'optimal', flow, potential: exactPotentials(net, flow, pi, scale), objective, operations };
}

/**
 * Shortest-path distances in the residual graph of an optimal `flow` with the original costs,
 * started from the scaled prices divided back (rounded): optimal potentials with reduced cost
 * ≥ 0 on every residual arc, exact on integer costs.
 */
function exactPotentials(net: FlowNetwork, flow: Float64Array, pi: Float64Array, scale: number): Float64Array {
  const n = net.nodes;
  const m = net.source.length;
  const p = Float64Array.from(pi, (x) => Math.round(x / scale));
  // rc = cost + p[tail] − p[head] must be ≥ 0 on residual arcs: fix by Bellman–Ford passes.
  for (let pass = 0; pass <= n; pass++) {
    let changed = false;
    for (let a = 0; a < m; a++) {
      const u = net.source[a]!;
      const v = net.target[a]!;
      const c = net.cost[a]!;
      // Forward residual (flow < cap): need p[v] ≤ p[u] + c.
      if (flow[a]! < net.capacity[a]! && p[v]! > p[u]! + c) {
        p[v] = p[u]! + c;
        changed = true;
      }
      // Backward residual (flow > 0): need p[u] ≤ p[v] − c.
      if (flow[a]! > 0 && p[u]! > p[v]! - c) {
        p[u] = p[v]! - c;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return p;
}

/** The arrays of one solve and the phase that runs on them. */
interface CsArrays extends CsGraph {
  readonly counters: Float64Array;
  /** Runs one refine phase at ε; returns pushes + relabels. */
  readonly phase: (eps: number) => number;
  /** Price refinement at ε: true when the flow is ε-optimal already (the phase is skipped). */
  readonly refine: (eps: number) => boolean;
}

/** Bytes of wasm memory a cost-scaling solve of n nodes and E residual arcs uses. */
export function costScalingBytes(n: number, E: number): number {
  const i32s = n + 1 + 2 * E + 4 * n + 3 * (n + 1) + COST_SCALING_ALPHA * n + COST_SCALING_PATH_LENGTH;
  return 8 * (2 * E + 2 * n + 3) + 4 * i32s + 3 * n + E + 16;
}

function tsArrays(n: number, E: number): CsArrays {
  const g: CsGraph = { first: new Int32Array(n + 1), head: new Int32Array(E), pair: new Int32Array(E), res: new Float64Array(E), cost: new Float64Array(E), excess: new Float64Array(n), pi: new Float64Array(n) };
  const sc: CsScratch = {
    current: new Int32Array(n),
    queue: new Int32Array(n),
    inQueue: new Uint8Array(n),
    rank: new Int32Array(n + 1),
    buckets: new Int32Array(COST_SCALING_ALPHA * n),
    bucketNext: new Int32Array(n + 1),
    bucketPrev: new Int32Array(n + 1),
    path: new Int32Array(COST_SCALING_PATH_LENGTH),
    pathArc: new Uint8Array(E),
    counters: new Float64Array(3),
  };
  const rs: CsRefineScratch = { reached: new Uint8Array(n), processed: new Uint8Array(n), pred: new Int32Array(n), stack: new Int32Array(n) };
  return { ...g, counters: sc.counters, phase: (eps) => refinePhase(n, g, sc, eps), refine: (eps) => refinePrices(n, g, sc, rs, eps) };
}

/** Views into wasm memory (f64 blocks first from the 16-aligned base, then i32, then u8). */
function wasmArrays(kernels: Kernels, n: number, E: number): CsArrays {
  const ws = new Workspace(kernels);
  const bytes = costScalingBytes(n, E);
  if (ws.base + bytes > MAX_WASM_MEMORY_BYTES) throw new WasmError(`cost scaling of ${n} nodes and ${E / 2} arcs needs ${bytes} bytes of wasm memory, more than the 2 GiB limit`);
  ws.reserve(bytes);
  const buf = kernels.memory.buffer;
  let at = ws.base;
  const f64 = (k: number) => {
    const v = new Float64Array(buf, at, k);
    at += 8 * k;
    return v;
  };
  const i32 = (k: number) => {
    const v = new Int32Array(buf, at, k);
    at += 4 * k;
    return v;
  };
  const u8 = (k: number) => {
    const v = new Uint8Array(buf, at, k);
    at += k;
    v.fill(0); // the workspace holds whatever the last solve left
    return v;
  };
  const res = f64(E);
  const cost = f64(E);
  const excess = f64(n);
  const pi = f64(n);
  const counters = f64(3);
  const first = i32(n + 1);
  const head = i32(E);
  const pair = i32(E);
  const current = i32(n);
  const queue = i32(n);
  const rank = i32(n + 1);
  const buckets = i32(COST_SCALING_ALPHA * n);
  const bucketNext = i32(n + 1);
  const bucketPrev = i32(n + 1);
  const path = i32(COST_SCALING_PATH_LENGTH);
  const pred = i32(n);
  const stack = i32(n);
  const inQueue = u8(n);
  const pathArc = u8(E);
  const reached = u8(n);
  const processed = u8(n);
  const o = (v: { byteOffset: number }) => v.byteOffset;
  return {
    first,
    head,
    pair,
    res,
    cost,
    excess,
    pi,
    counters,
    phase: (eps) =>
      kernels.csPhase(n, o(first), o(head), o(res), o(cost), o(pair), o(excess), o(pi), o(current), o(queue), o(inQueue), o(rank), o(buckets), COST_SCALING_ALPHA * n, o(bucketNext), o(bucketPrev), o(path), o(pathArc), o(counters), eps),
    refine: (eps) =>
      kernels.csRefine(n, o(first), o(head), o(res), o(cost), o(pair), o(pi), o(current), o(rank), o(buckets), COST_SCALING_ALPHA * n, o(bucketNext), o(bucketPrev), o(reached), o(processed), o(pred), o(stack), eps) === 1,
  };
}
