/**
 * Min-cost flow by cost scaling (Goldberg & Tarjan's push–relabel, as LEMON's `CostScaling` and
 * Goldberg's cs2), in plain TS: the second exact algorithm behind `minCostFlow`'s `algorithm:
 * 'cost-scaling'`. Integer data only (costs, capacities, supplies), with lower bounds 0.
 *
 * - Costs are multiplied by n + 1; ε starts at the largest scaled |cost| and is divided by
 *   α = 16 per phase down to 1. A 1-optimal flow of the scaled costs is (1/(n+1))-optimal for the
 *   original integer costs, hence optimal.
 * - Each phase (refine) saturates every residual arc of negative reduced cost, then discharges
 *   active nodes in FIFO order: push along admissible arcs (residual, reduced cost < 0), relabel
 *   (π(u) = max over residual arcs (π(v) − c) − ε) when none is left.
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
 * Solves `net` (lower bounds 0; check {@link costScalingRefusal} first). `deadline`
 * (`performance.now()` time) is checked between phases.
 */
export function costScaling(net: FlowNetwork, deadline?: number): CostScalingResult {
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
  const first = new Int32Array(n + 1);
  for (let a = 0; a < m; a++) {
    first[net.source[a]! + 1]!++;
    first[net.target[a]! + 1]!++;
  }
  for (let v = 0; v < n; v++) first[v + 1] = first[v + 1]! + first[v]!;
  const pos = first.slice(0, n);
  const head = new Int32Array(E);
  const res = new Float64Array(E);
  const cost = new Float64Array(E);
  const pair = new Int32Array(E);
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
  const excess = Float64Array.from(net.supply);
  const pi = new Float64Array(n);
  const current = new Int32Array(n);
  const queue = new Int32Array(n);
  const inQueue = new Uint8Array(n);
  let operations = 0;

  let eps = maxCost * COST_SCALING_ALPHA;
  for (;;) {
    if (deadline !== undefined && performance.now() >= deadline) return { status: 'time_limit', ...zeros(), objective: NaN, operations };
    eps = Math.max(1, Math.floor(eps / COST_SCALING_ALPHA));
    // Saturate every residual arc of negative reduced cost: a 0-optimal pseudoflow.
    for (let u = 0; u < n; u++) {
      for (let i = first[u]!; i < first[u + 1]!; i++) {
        if (res[i]! > 0 && cost[i]! + pi[u]! - pi[head[i]!]! < 0) {
          const d = res[i]!;
          res[i] = 0;
          res[pair[i]!] = res[pair[i]!]! + d;
          excess[u] = excess[u]! - d;
          excess[head[i]!] = excess[head[i]!]! + d;
        }
      }
    }
    // FIFO discharge of active nodes.
    let qh = 0;
    let qn = 0;
    for (let u = 0; u < n; u++) {
      current[u] = first[u]!;
      if (excess[u]! > 0) {
        queue[(qh + qn++) % n] = u;
        inQueue[u] = 1;
      }
    }
    while (qn > 0) {
      const u = queue[qh]!;
      qh = (qh + 1) % n;
      qn--;
      inQueue[u] = 0;
      const end = first[u + 1]!;
      while (excess[u]! > 0) {
        let i = current[u]!;
        for (; i < end; i++) {
          if (res[i]! > 0 && cost[i]! + pi[u]! - pi[head[i]!]! < 0) break;
        }
        if (i < end) {
          current[u] = i;
          const v = head[i]!;
          const d = Math.min(excess[u]!, res[i]!);
          res[i] = res[i]! - d;
          res[pair[i]!] = res[pair[i]!]! + d;
          excess[u] = excess[u]! - d;
          excess[v] = excess[v]! + d;
          operations++;
          if (excess[v]! > 0 && inQueue[v] === 0) {
            queue[(qh + qn++) % n] = v;
            inQueue[v] = 1;
          }
        } else {
          // Relabel: the highest price that makes the best residual arc admissible by ε.
          let best = -Infinity;
          for (let k = first[u]!; k < end; k++) {
            if (res[k]! > 0) {
              const p = pi[head[k]!]! - cost[k]!;
              if (p > best) best = p;
            }
          }
          // A node with excess always has a residual arc (the problem is feasible).
          pi[u] = best - eps;
          current[u] = first[u]!;
          operations++;
        }
      }
    }
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
