/**
 * `minCostFlow(net, options)`: the researcher-facing min-cost-flow solve of `suanflow/flow`. Lower
 * bounds are shifted out (flow = lower + flow′, supplies adjusted), the network simplex (wasm, in
 * slices that check the time limit and the signal) solves the rest, and the outcome is a status
 * with a witness: a cut for `infeasible`, a negative cycle of infinite capacity for `unbounded`.
 */
import { OptionsError } from '../errors.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import type { McfNetwork, McfOptions, McfResult } from './mcf-types.js';
import { networkSimplexSolver } from './network-simplex-wasm.js';
import { FLOW_INFINITE_CAPACITY, type FlowNetwork } from './types.js';
import { infeasibleCut, negativeInfiniteCycle } from './witness.js';
import { costScaling, costScalingRefusal } from './cost-scaling.js';
import { loadKernels } from '../wasm/kernels.js';

const OPTION_NAMES = optionNames<McfOptions>()('algorithm', 'timeLimitSeconds', 'signal', 'exact');
const ALGORITHMS = ['auto', 'network-simplex', 'cost-scaling'] as const;
const EXACT_LIMIT = 2 ** 53;

/** The arc as messages name it: index and 0-based ends. */
const arcName = (net: McfNetwork, a: number) => `arc ${a} (${net.source[a]} → ${net.target[a]})`;

/**
 * Checks the lower bounds and, for integer data, that every partial sum the solve forms stays
 * below 2^53: Σ |supply|, the flow bound F = Σ positive supply + Σ finite capacities, Σ |cost| ·
 * min(capacity, F) over the arcs (the objective), and 4 · (max |cost| + 1) · (nodes + 1) (the
 * potentials, which reach about twice the big-M cost of the artificial arcs).
 * @returns whether the data are all integers.
 * @throws OptionsError naming the arc, node or sum.
 */
export function checkExactness(net: McfNetwork, exact: boolean): boolean {
  const m = net.source.length;
  const lower = net.lower;
  if (lower !== undefined && !(lower instanceof Float64Array)) throw new OptionsError('lower', 'must be a Float64Array');
  if (lower !== undefined && lower.length !== m) throw new OptionsError('lower', `must have one entry per arc (${m}), got ${lower.length}`);
  let integer = true;
  const notInteger = (what: string, x: number) => {
    if (Number.isInteger(x) || x === Infinity) return;
    if (exact) throw new OptionsError(what.split(' ')[0]!, `${what} = ${x} is not an integer, and exact arithmetic was requested`);
    integer = false;
  };
  let maxCost = 0;
  let finiteCaps = 0;
  for (let a = 0; a < m; a++) {
    const lo = lower ? lower[a]! : 0;
    const u = net.capacity[a]!;
    if (!Number.isFinite(lo)) throw new OptionsError('lower', `${arcName(net, a)}: must be finite, got ${lo}`);
    if (!(u >= 0)) throw new OptionsError('capacity', `${arcName(net, a)}: must be ≥ 0, got ${u}`);
    if (lo > u) throw new OptionsError('lower', `${arcName(net, a)}: lower ${lo} > capacity ${u}`);
    notInteger(`lower of ${arcName(net, a)}`, lo);
    notInteger(`capacity of ${arcName(net, a)}`, u);
    notInteger(`cost of ${arcName(net, a)}`, net.cost[a]!);
    maxCost = Math.max(maxCost, Math.abs(net.cost[a]!));
    if (u < FLOW_INFINITE_CAPACITY) finiteCaps += u - lo;
  }
  let supplyAbs = 0;
  let positive = 0;
  for (let v = 0; v < net.nodes; v++) {
    notInteger(`supply of node ${v}`, net.supply[v]!);
    supplyAbs += Math.abs(net.supply[v]!);
  }
  if (lower) {
    // Shifted supplies: Σ |supply − out lower + in lower| ≤ Σ |supply| + 2 Σ |lower|.
    for (let a = 0; a < m; a++) supplyAbs += 2 * Math.abs(lower[a]!);
  }
  positive = supplyAbs / 2;
  if (!integer) return false;
  const refuse = (what: string, x: number) => {
    throw new OptionsError('net', `${what} reaches ${x.toExponential(3)} ≥ 2^53, so f64 arithmetic would not be exact on this integer network; scale the data down`);
  };
  if (supplyAbs >= EXACT_LIMIT) refuse('Σ |supply| (with the lower bounds shifted out)', supplyAbs);
  const F = positive + finiteCaps;
  if (F >= EXACT_LIMIT) refuse('the flow bound Σ positive supply + Σ finite capacity', F);
  let objective = 0;
  for (let a = 0; a < m; a++) {
    const lo = lower ? Math.abs(lower[a]!) : 0;
    const u = net.capacity[a]! < FLOW_INFINITE_CAPACITY ? net.capacity[a]! - (lower ? lower[a]! : 0) : F;
    objective += Math.abs(net.cost[a]!) * (Math.min(u, F) + lo);
  }
  if (objective >= EXACT_LIMIT) refuse('Σ |cost| · flow bound (the objective)', objective);
  const potentials = 4 * (maxCost + 1) * (net.nodes + 1);
  if (potentials >= EXACT_LIMIT) refuse('the potential bound 4 · (max |cost| + 1) · (nodes + 1)', potentials);
  return true;
}

/** The network with lower bounds shifted out (the same arrays when there are none) and Σ cost · lower. */
function shifted(net: McfNetwork): FlowNetwork {
  const lower = net.lower;
  if (!lower || lower.every((x) => x === 0)) return net;
  const capacity = Float64Array.from(net.capacity);
  const supply = Float64Array.from(net.supply);
  for (let a = 0; a < lower.length; a++) {
    const lo = lower[a]!;
    if (lo === 0) continue;
    if (capacity[a]! < FLOW_INFINITE_CAPACITY) capacity[a] = capacity[a]! - lo;
    supply[net.source[a]!] = supply[net.source[a]!]! - lo;
    supply[net.target[a]!] = supply[net.target[a]!]! + lo;
  }
  return { nodes: net.nodes, source: net.source, target: net.target, capacity, cost: net.cost, supply };
}

/**
 * Solves a min-cost-flow problem exactly (on integer data below 2^53; see `checkExactness`).
 * Outcomes are statuses: `optimal` (flow, potentials, objective), `infeasible` (with `cut`),
 * `unbounded` (with `cycle`), `time_limit`, `aborted`.
 * @throws OptionsError for a malformed network (naming the field and arc or node), unknown or
 *   bad options, `algorithm: 'cost-scaling'` (not in this version), or data beyond exact range.
 */
export async function minCostFlow(net: McfNetwork, options: McfOptions = {}): Promise<McfResult> {
  const t0 = performance.now();
  rejectUnknownOptions('minCostFlow', options, OPTION_NAMES);
  const algorithm = options.algorithm ?? 'auto';
  if (!ALGORITHMS.includes(algorithm)) throw new OptionsError('algorithm', `must be one of ${ALGORITHMS.map((a) => `"${a}"`).join(', ')}, got ${JSON.stringify(algorithm)}`);
  const tl = options.timeLimitSeconds;
  if (tl !== undefined && !(typeof tl === 'number' && tl > 0)) throw new OptionsError('timeLimitSeconds', `must be a number of seconds > 0, got ${String(tl)}`);
  const signal = options.signal;
  if (signal !== undefined && !(typeof signal === 'object' && signal !== null && 'aborted' in signal)) throw new OptionsError('signal', 'must be an AbortSignal');
  if (typeof net !== 'object' || net === null) throw new OptionsError('net', 'must be a network object');
  if (!(net.capacity instanceof Float64Array)) throw new OptionsError('capacity', 'must be a Float64Array');
  if (!(net.cost instanceof Float64Array)) throw new OptionsError('cost', 'must be a Float64Array');
  if (!(net.supply instanceof Float64Array)) throw new OptionsError('supply', 'must be a Float64Array');
  if (!(net.source instanceof Int32Array)) throw new OptionsError('source', 'must be an Int32Array');
  if (net.capacity.length !== net.source.length) throw new OptionsError('capacity', `must have one entry per arc (source.length = ${net.source.length}), got ${net.capacity.length}`);
  if (net.cost.length !== net.source.length) throw new OptionsError('cost', `must have one entry per arc (source.length = ${net.source.length}), got ${net.cost.length}`);
  checkExactness(net, options.exact === true);
  const inner = shifted(net);
  if (algorithm === 'cost-scaling') return solveByCostScaling(net, inner, t0, tl, signal);
  const solver = await networkSimplexSolver();
  const res = await solver.solveAsync(inner, {
    ...(tl !== undefined ? { deadline: t0 + 1000 * tl } : {}),
    ...(signal ? { signal } : {}),
  });
  const m = net.source.length;
  const flow = new Float64Array(m);
  const lower = net.lower;
  for (let a = 0; a < m; a++) flow[a] = res.flow[a]! + (lower ? lower[a]! : 0);
  const base = { flow, potential: res.potential, pivots: res.iterations, algorithm: 'network-simplex' as const };
  const ms = () => performance.now() - t0;
  switch (res.status) {
    case 'optimal': {
      let objective = 0;
      for (let a = 0; a < m; a++) objective += net.cost[a]! * flow[a]!;
      return { status: 'optimal', ...base, objective, ms: ms() };
    }
    case 'infeasible': {
      const cut = infeasibleCut(inner);
      return { status: 'infeasible', ...base, objective: Infinity, ...(cut ? { cut } : {}), ms: ms() };
    }
    case 'unbounded': {
      const cycle = negativeInfiniteCycle(inner);
      return { status: 'unbounded', ...base, objective: -Infinity, ...(cycle ? { cycle } : {}), ms: ms() };
    }
    default:
      return { status: res.status, ...base, objective: NaN, ms: ms() };
  }
}

/** `algorithm: 'cost-scaling'`: the push–relabel solve (phases in wasm, synchronous; the deadline is checked between phases). */
async function solveByCostScaling(net: McfNetwork, inner: FlowNetwork, t0: number, tl: number | undefined, signal: AbortSignal | undefined): Promise<McfResult> {
  const why = costScalingRefusal(inner);
  if (why) throw new OptionsError('algorithm', `"cost-scaling" cannot solve this network exactly: ${why}; use "network-simplex"`);
  const m = net.source.length;
  if (signal?.aborted) return { status: 'aborted', flow: new Float64Array(m), potential: new Float64Array(net.nodes), objective: NaN, pivots: 0, algorithm: 'cost-scaling', ms: performance.now() - t0 };
  const kernels = typeof WebAssembly === 'undefined' ? undefined : await loadKernels();
  const r = costScaling(inner, tl !== undefined ? t0 + 1000 * tl : undefined, kernels);
  const flow = new Float64Array(m);
  const lower = net.lower;
  for (let a = 0; a < m; a++) flow[a] = r.flow[a]! + (lower ? lower[a]! : 0);
  let objective = r.objective;
  if (r.status === 'optimal') {
    objective = 0;
    for (let a = 0; a < m; a++) objective += net.cost[a]! * flow[a]!;
  }
  return {
    status: r.status,
    flow,
    potential: r.potential,
    objective,
    pivots: 0,
    algorithm: 'cost-scaling',
    ...(r.cut ? { cut: r.cut } : {}),
    ...(r.cycle ? { cycle: r.cycle } : {}),
    ms: performance.now() - t0,
  };
}
