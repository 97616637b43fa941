/**
 * What both network-simplex kernels (wasm and the TS twin) and the sliced runner agree on: status
 * codes, the pivot guard, and the checks of a network before it is solved.
 */
import { OptionsError } from '../errors.js';
import { FLOW_SUPPLY_BALANCE_TOL, type FlowNetwork } from './types.js';

/** Kernel status codes (shared with assembly/mcf.ts). */
export const MCF_OPTIMAL = 0;
export const MCF_INFEASIBLE = 1;
export const MCF_UNBOUNDED = 2;
export const MCF_ITERATION_LIMIT = 3;
/** The pivot budget of one call ran out; the tree is kept, so a warm call resumes (see ./interruptible.ts). */
export const MCF_PAUSED = 4;

/**
 * Pivot limit, a guard against numerical cycling only: max(10^6, 100·(n + m)), at most 2^31 − 1.
 * Reaching it throws {@link SolverError}.
 */
export function mcfMaxIterations(nodes: number, arcs: number): number {
  return Math.min(2147483647, Math.max(1e6, 100 * (nodes + arcs)));
}

/**
 * Checks shapes, indices and values; the checks both backends run before solving.
 * @throws OptionsError naming the field (`nodes`, `source`, `target`, `capacity`, `cost`, `supply`).
 */
export function validateFlowNetwork(net: FlowNetwork): void {
  const { nodes, source, target, capacity, cost, supply } = net;
  if (!Number.isInteger(nodes) || nodes < 0 || nodes >= 2 ** 30) {
    throw new OptionsError('nodes', `must be an integer in [0, 2^30), got ${nodes}`);
  }
  if (!(source instanceof Int32Array)) throw new OptionsError('source', 'must be an Int32Array');
  if (!(target instanceof Int32Array)) throw new OptionsError('target', 'must be an Int32Array');
  if (!(capacity instanceof Float64Array)) throw new OptionsError('capacity', 'must be a Float64Array');
  if (!(cost instanceof Float64Array)) throw new OptionsError('cost', 'must be a Float64Array');
  if (!(supply instanceof Float64Array)) throw new OptionsError('supply', 'must be a Float64Array');
  const m = source.length;
  if (m >= 2 ** 30) throw new OptionsError('source', `at most 2^30 − 1 arcs, got ${m}`);
  for (const [name, arr] of [
    ['target', target],
    ['capacity', capacity],
    ['cost', cost],
  ] as const) {
    if (arr.length !== m) {
      throw new OptionsError(name, `must have one entry per arc (source.length = ${m}), got ${arr.length}`);
    }
  }
  if (supply.length !== nodes) {
    throw new OptionsError('supply', `must have one entry per node (${nodes}), got ${supply.length}`);
  }
  for (let a = 0; a < m; a++) {
    const s = source[a]!;
    if (s < 0 || s >= nodes) throw new OptionsError('source', `arc ${a}: node ${s} is not in [0, ${nodes})`);
    const t = target[a]!;
    if (t < 0 || t >= nodes) throw new OptionsError('target', `arc ${a}: node ${t} is not in [0, ${nodes})`);
    const c = cost[a]!;
    if (!Number.isFinite(c)) throw new OptionsError('cost', `arc ${a}: must be finite, got ${c}`);
    const u = capacity[a]!;
    if (!(u >= 0)) throw new OptionsError('capacity', `arc ${a}: must be ≥ 0 (Infinity allowed), got ${u}`);
  }
  let sum = 0;
  let sumAbs = 0;
  for (let v = 0; v < nodes; v++) {
    const b = supply[v]!;
    if (!Number.isFinite(b)) throw new OptionsError('supply', `node ${v}: must be finite, got ${b}`);
    sum += b;
    sumAbs += Math.abs(b);
  }
  if (Math.abs(sum) > FLOW_SUPPLY_BALANCE_TOL * Math.max(1, sumAbs)) {
    throw new OptionsError('supply', `must sum to 0 (Σ supply = ${sum}, Σ |supply| = ${sumAbs})`);
  }
}

