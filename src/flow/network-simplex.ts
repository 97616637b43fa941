/**
 * Min-cost flow by the primal network simplex method, in plain TS: the twin of the wasm kernel
 * (assembly/mcf.ts), same algorithm and the same floating-point operations in the same order, so
 * both backends pivot alike. The design follows LEMON's `NetworkSimplex` (Kiraly & Kovacs):
 *
 * - an artificial root joined to every node by an artificial arc (cost 0 from a supply node,
 *   big-M cost ART = (max |cost| + 1)·(n + 1) to a demand node) gives the first strongly
 *   feasible spanning tree; artificial arcs never re-enter, and any left with flow at the end
 *   means infeasible;
 * - the tree is stored as parent, predecessor arc and its direction, preorder thread and its
 *   reverse, subtree size and last successor, so each pivot touches only the cycle and the
 *   subtree that moves;
 * - block search pricing: the arc with the most negative reduced cost in a block of ⌊√m⌋ (≥ 10)
 *   arcs, scanning on from where the last search stopped;
 * - the leaving arc is the last blocking arc met going round the cycle from its apex (join) in
 *   the direction of flow, which keeps the tree strongly feasible, so degenerate pivots cannot
 *   cycle;
 * - arcs are stored in LEMON's "mixed" order (stride ⌊m/n⌋ ≥ 3) so one block samples the whole
 *   network instead of a few neighbouring nodes;
 * - not in LEMON, three changes to the potential update after a pivot. Walking the thread list
 *   is a chain of dependent loads, and with LEMON's scheme it took ≈ 80% of the wasm run time at
 *   20,000 demands × 100 sites (1.6 s; measured with timers inside the kernel). Now:
 *   (a) the smaller side of the tree moves: the subtree by +σ, or everything else by −σ (the
 *   root then drifts from 0; past ART the potentials are recomputed from the tree): ≈ −30% nodes;
 *   (b) every max(1000, ⌊N/2⌋, ⌊M/64⌋) pivots the nodes are renumbered in thread order (N nodes
 *   with the root, M arcs with the artificial ones, so the O(N + M) remap costs ≤ 66 operations
 *   per pivot). Pivots cut and paste whole subtrees, so the thread stays mostly sequential in
 *   memory and the walk hits cache lines in order (≈ 1.7× faster overall);
 *   (c) the walk steps to w + 1 on a predicted branch while thread[w] = w + 1, instead of waiting
 *   for each load of thread[w] (≈ −15%). Together 1.6 s → 0.5 s at that size.
 *   Node numbers never influence a pivot choice, so (b) and (c) change no pivot and no bit of the
 *   result. (a) shifts potentials by a constant, so reduced costs agree up to rounding only; the
 *   pivots were the same on every network measured, and the final potentials are recomputed
 *   from the tree either way.
 *
 * Floating point: costs, capacities, supplies and flows are f64. With integer supplies and
 * capacities every flow stays an integer (exact below 2^53). See the tolerances in ./types.ts.
 * When pricing finds no entering arc, potentials are recomputed from the tree (dropping the
 * drift of incremental updates) and the optimality test is repeated; pivoting resumes if it fails.
 */
import { OptionsError, SolverError } from '../errors.js';
import { rejectUnknownOptions } from '../options.js';
import { type FlowReader, type FlowRunOptions, type SliceableSolver, solveInSlices } from './interruptible.js';
import {
  FLOW_COST_TOL,
  FLOW_COST_TOL_FINE,
  FLOW_FEASIBILITY_TOL,
  FLOW_INFINITE_CAPACITY,
  FLOW_SNAP_TOL,
  FLOW_SUPPLY_BALANCE_TOL,
  FLOW_WIDE_COST_RANGE,
  type FlowNetwork,
  type FlowResult,
  type FlowSolveOptions,
  type FlowStatus,
} from './types.js';

export type { FlowSolveOptions } from './types.js';
export { MCF_INFEASIBLE, MCF_ITERATION_LIMIT, MCF_OPTIMAL, MCF_PAUSED, MCF_UNBOUNDED, mcfMaxIterations, validateFlowNetwork } from './kernel-contract.js';
import { MCF_INFEASIBLE, MCF_ITERATION_LIMIT, MCF_OPTIMAL, MCF_PAUSED, MCF_UNBOUNDED, mcfMaxIterations, validateFlowNetwork } from './kernel-contract.js';

/** Arc states: the multiplier of the reduced cost in pricing. */
const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
/** Direction of a node's predecessor arc: UP when the node is its source (it points to the parent). */
const DIR_UP = 1;
const DIR_DOWN = -1;

/** Maps a kernel status code and its numbers to a result; throws on the iteration guard. */
export function flowResultFromCode(
  code: number,
  flow: Float64Array,
  potential: Float64Array,
  objective: number,
  iterations: number,
): FlowResult {
  let status: FlowStatus;
  switch (code) {
    case MCF_OPTIMAL:
      status = 'optimal';
      break;
    case MCF_INFEASIBLE:
      status = 'infeasible';
      objective = Infinity;
      break;
    case MCF_UNBOUNDED:
      status = 'unbounded';
      objective = -Infinity;
      break;
    case MCF_ITERATION_LIMIT:
      throw new SolverError(
        `network simplex stopped after ${iterations} pivots without reaching optimality (numerical cycling?)`,
      );
    default:
      throw new SolverError(`network simplex kernel returned unknown status ${code}`);
  }
  return { status, flow, potential, objective, iterations };
}

/**
 * Solves the min-cost flow problem with the plain-TS network simplex.
 * @throws OptionsError when the network is malformed (see {@link validateFlowNetwork}).
 */
export function networkSimplexTS(net: FlowNetwork): FlowResult {
  return new NetworkSimplexTS().solve(net);
}


/**
 * What the TS twin and the wasm solver share: a one-call `solve` and a sliced `solveAsync`, both
 * made of the subclass's kernel `step`, `stepInfo` and `finish`.
 */
export abstract class SteppedSolver implements SliceableSolver {
  /**
   * Solves the min-cost flow problem in one synchronous call; `warmStart` (see
   * {@link FlowSolveOptions}) resumes from the last optimal tree of the same arcs.
   * @throws OptionsError when the network is malformed (see {@link validateFlowNetwork}).
   */
  solve(net: FlowNetwork, options: FlowSolveOptions = {}): FlowResult {
    rejectUnknownOptions('solve', options, ['warmStart']);
    validateFlowNetwork(net);
    return this.finish(this.step(net, options.warmStart === true, false, Infinity));
  }

  /**
   * Solves in slices of pivots, checking `deadline` and `signal` in between (status `time_limit`
   * or `aborted` when they stop it); with neither it is {@link solve}.
   */
  solveAsync(net: FlowNetwork, options: FlowRunOptions = {}): Promise<FlowResult> {
    rejectUnknownOptions('solveAsync', options, ['warmStart', 'signal', 'deadline', 'slicePivots']);
    return solveInSlices(this, net, options);
  }

  /**
   * @internal {@link solveAsync} without the validation pass, for networks a trusted builder made
   * (formulate/network-direct-builder.ts guarantees the invariants by construction).
   */
  solveTrustedAsync(net: FlowNetwork, options: FlowRunOptions = {}, read?: FlowReader): Promise<FlowResult> {
    return solveInSlices(this, net, options, false, read);
  }

  /** @internal One kernel call on validated input; MCF_PAUSED when `budget` pivots ran out. */
  abstract step(net: FlowNetwork, warmStart: boolean, resume: boolean, budget: number): number;
  /** @internal Pivots of the last step and whether it kept the previous tree. */
  abstract stepInfo(): { pivots: number; warm: boolean };
  /** @internal The result of the last step (its code); see {@link SliceableSolver.finish} for `read`. */
  abstract finish(code: number, read?: FlowReader): FlowResult;
}

/**
 * The TS network simplex as an object that keeps its working arrays (and so its last spanning
 * tree) between solves, for warm starts and interruptible solves; {@link networkSimplexTS} is the
 * one-shot form.
 */
export class NetworkSimplexTS extends SteppedSolver {
  private work: Work | null = null;
  /** Arcs of the last call that ended optimal or paused (its tree is in `work`), else null. */
  private last: { nodes: number; src: Int32Array; tgt: Int32Array; optimal: boolean } | null = null;
  private out = { flow: new Float64Array(0), potential: new Float64Array(0), info: new Float64Array(3) };

  /** @internal One kernel call on validated input; MCF_PAUSED when `budget` pivots ran out. */
  step(net: FlowNetwork, warmStart: boolean, resume: boolean, budget: number): number {
    const n = net.nodes;
    const m = net.source.length;
    const prev = this.last;
    this.last = null;
    // A resume continues the same solveInSlices call on the same arcs: no comparison.
    const warm = prev !== null && (resume ? !prev.optimal : warmStart && prev.optimal && sameArcs(prev, net));
    if (!warm && (!this.work || this.work.src.length !== m + n || this.work.pi.length !== n + 1)) this.work = allocWork(n, m);
    this.out = { flow: new Float64Array(m), potential: new Float64Array(n), info: new Float64Array(3) };
    const { flow, potential, info } = this.out;
    const code = networkSimplexCore(n, m, net.source, net.target, net.capacity, net.cost, net.supply, flow, potential, info, this.work!, warm, budget);
    if (code === MCF_OPTIMAL || code === MCF_PAUSED) {
      const kept = warm && prev !== null;
      this.last = { nodes: n, src: kept ? prev.src : net.source.slice(), tgt: kept ? prev.tgt : net.target.slice(), optimal: code === MCF_OPTIMAL };
    }
    return code;
  }

  /** @internal Pivots of the last step and whether it kept the previous tree. */
  stepInfo(): { pivots: number; warm: boolean } {
    return { pivots: this.out.info[0]!, warm: this.out.info[2] === 1 };
  }

  /** @internal The result of the last step (its code); see {@link SliceableSolver.finish} for `read`. */
  finish(code: number, read?: FlowReader): FlowResult {
    const { flow, potential, info } = this.out;
    if (read && code === MCF_OPTIMAL) read(flow, potential);
    return { ...flowResultFromCode(code, flow, potential, info[1]!, info[0]!), warmStarted: info[2] === 1 };
  }
}

/** Whether `net` has the recorded nodes and arcs (same tails and heads in the same order). */
export function sameArcs(last: { nodes: number; src: ArrayLike<number>; tgt: ArrayLike<number> }, net: FlowNetwork): boolean {
  if (last.nodes !== net.nodes || last.src.length !== net.source.length) return false;
  const { source, target } = net;
  for (let i = 0; i < source.length; i++) if (last.src[i] !== source[i] || last.tgt[i] !== target[i]) return false;
  return true;
}

/** Working arrays for n nodes and m arcs. */
function allocWork(n: number, m: number): Work {
  const N = n + 1;
  const M = m + n;
  return {
    src: new Int32Array(M),
    tgt: new Int32Array(M),
    state: new Int32Array(M),
    cap: new Float64Array(M),
    cost: new Float64Array(M),
    flow: new Float64Array(M),
    pi: new Float64Array(N),
    parent: new Int32Array(N),
    pred: new Int32Array(N),
    predDir: new Int32Array(N),
    thread: new Int32Array(N),
    revThread: new Int32Array(N),
    succNum: new Int32Array(N),
    lastSucc: new Int32Array(N),
    dirty: new Int32Array(N),
    label: new Int32Array(N),
    newId: new Int32Array(N),
    tmpF: new Float64Array(N),
    iterations: 0,
    warmStarted: false,
  };
}

/** Working arrays of one solve: arcs (real ones first, then one artificial arc per node) and tree. */
interface Work {
  readonly src: Int32Array;
  readonly tgt: Int32Array;
  readonly state: Int32Array;
  readonly cap: Float64Array;
  readonly cost: Float64Array;
  readonly flow: Float64Array;
  readonly pi: Float64Array;
  readonly parent: Int32Array;
  readonly pred: Int32Array;
  readonly predDir: Int32Array;
  readonly thread: Int32Array;
  readonly revThread: Int32Array;
  readonly succNum: Int32Array;
  readonly lastSucc: Int32Array;
  readonly dirty: Int32Array;
  /** label[u]: the current number of input node u (nodes are renumbered by {@link relabel}). */
  readonly label: Int32Array;
  /** Scratch of {@link relabel}: new number of each node. */
  readonly newId: Int32Array;
  /** Scratch of {@link relabel} for the potentials. */
  readonly tmpF: Float64Array;
  /** Pivots done by the last {@link simplex} call. */
  iterations: number;
  /** Whether the last {@link simplex} call kept the previous tree. */
  warmStarted: boolean;
}

/**
 * The algorithm on validated input. Writes flows (original arc order) and potentials, and
 * info[0] = pivots, info[1] = Σ cost·flow; returns a status code. All working arrays are
 * allocated before the pivot loop; the loop allocates nothing.
 *
 * When a cycle of negative cost and infinite capacity is found, the problem is unbounded only if
 * it is feasible: a phase-1 solve (every real cost 0, so no such cycle exists) decides, and its
 * feasible flow is what an `unbounded` result reports.
 */
export function networkSimplexCore(
  n: number,
  m: number,
  srcIn: Int32Array,
  tgtIn: Int32Array,
  capIn: Float64Array,
  costIn: Float64Array,
  supplyIn: Float64Array,
  flowOut: Float64Array,
  potOut: Float64Array,
  info: Float64Array,
  w: Work = allocWork(n, m),
  warm = false,
  budget = Infinity,
): number {
  info[0] = 0;
  info[1] = 0;
  if (n === 0) return MCF_OPTIMAL;
  let status = simplex(w, n, m, srcIn, tgtIn, capIn, costIn, supplyIn, false, warm, budget);
  if (status === MCF_ITERATION_LIMIT && budget < mcfMaxIterations(n, m)) status = MCF_PAUSED;
  let iterations = w.iterations;
  if (status === MCF_UNBOUNDED) {
    status = simplex(w, n, m, srcIn, tgtIn, capIn, costIn, supplyIn, true, false, Infinity);
    iterations += w.iterations;
    if (status === MCF_OPTIMAL) status = MCF_UNBOUNDED;
  }

  // Outputs in the input's arc order.
  const flow = w.flow;
  const skip = mixingStride(n, m);
  let objective = 0;
  for (let k = 0, i = 0, j = 0; k < m; k++) {
    const f = flow[i]!;
    flowOut[k] = f;
    objective += costIn[k]! * f;
    i += skip;
    if (i >= m) i = ++j;
  }
  const { pi, label } = w;
  for (let u = 0; u < n; u++) potOut[u] = pi[label[u]!]!;
  info[0] = iterations;
  info[1] = objective;
  if (info.length > 2) info[2] = w.warmStarted ? 1 : 0;
  return status;
}

/** LEMON's arc mixing stride: arc k of the input is stored at k·stride (mod m, then the next residue). */
function mixingStride(n: number, m: number): number {
  return n > 1 ? Math.max(Math.floor(m / n), 3) : 1;
}

/**
 * Builds the initial tree (or, `warm`, keeps the last one and takes the new costs) and pivots to
 * optimality. `phase1`: every real cost is 0 (only the artificial arcs cost), which decides
 * feasibility. Returns MCF_OPTIMAL, MCF_INFEASIBLE (artificial
 * flow left), MCF_UNBOUNDED or MCF_ITERATION_LIMIT; w.iterations counts the pivots.
 */
function simplex(
  w: Work,
  n: number,
  m: number,
  srcIn: Int32Array,
  tgtIn: Int32Array,
  capIn: Float64Array,
  costIn: Float64Array,
  supplyIn: Float64Array,
  phase1: boolean,
  warm: boolean,
  budget: number,
): number {
  const N = n + 1;
  const M = m + n;
  const root = n;
  const { src, tgt, state, cap, cost, flow, pi, parent, pred, predDir, thread, revThread, succNum, lastSucc, dirty, label } =
    w;

  // Scales and tolerances.
  let maxCost = 0;
  let minCost = Infinity;
  if (!phase1) {
    for (let k = 0; k < m; k++) {
      const a = Math.abs(costIn[k]!);
      if (a > maxCost) maxCost = a;
      if (a > 0 && a < minCost) minCost = a;
    }
  }
  let maxSupply = 0;
  let sumAbs = 0;
  for (let u = 0; u < n; u++) {
    const a = Math.abs(supplyIn[u]!);
    if (a > maxSupply) maxSupply = a;
    sumAbs += a;
  }
  // Costs spanning more than FLOW_WIDE_COST_RANGE: the fine tolerance (see FLOW_COST_TOL).
  const epsCost = (maxCost > FLOW_WIDE_COST_RANGE * minCost ? FLOW_COST_TOL_FINE : FLOW_COST_TOL) * Math.max(1, maxCost);
  const tolSnap = FLOW_SNAP_TOL * Math.max(1, maxSupply);
  const tolFeas = FLOW_FEASIBILITY_TOL * Math.max(1, sumAbs);
  const art = (maxCost + 1) * (n + 1);

  // A warm start keeps the last tree when it is still a strongly feasible basis for the new data.
  w.warmStarted = warm && !phase1 && warmBasis(w, n, m, capIn, costIn, supplyIn, art, tolSnap);
  if (w.warmStarted) {
    treePotentials(root, thread, parent, pred, predDir, cost, pi);
  } else {
    // Real arcs in mixed order: input arc k goes to position i.
    const skip = mixingStride(n, m);
    for (let k = 0, i = 0, j = 0; k < m; k++) {
      src[i] = srcIn[k]!;
      tgt[i] = tgtIn[k]!;
      const c = capIn[k]!;
      cap[i] = c >= FLOW_INFINITE_CAPACITY ? Infinity : c;
      cost[i] = phase1 ? 0 : costIn[k]!;
      flow[i] = 0;
      state[i] = STATE_LOWER;
      i += skip;
      if (i >= m) i = ++j;
    }

    // Root and artificial arcs: the initial tree is a star around the root.
    for (let u = 0; u < N; u++) label[u] = u;
    parent[root] = -1;
    pred[root] = -1;
    predDir[root] = 0;
    thread[root] = 0;
    revThread[0] = root;
    succNum[root] = N;
    lastSucc[root] = root - 1;
    pi[root] = 0;
    for (let u = 0, e = m; u < n; u++, e++) {
      parent[u] = root;
      pred[u] = e;
      thread[u] = u + 1;
      revThread[u + 1] = u;
      succNum[u] = 1;
      lastSucc[u] = u;
      cap[e] = Infinity;
      state[e] = STATE_TREE;
      const b = supplyIn[u]!;
      if (b >= 0) {
        predDir[u] = DIR_UP;
        pi[u] = 0;
        src[e] = u;
        tgt[e] = root;
        flow[e] = b;
        cost[e] = 0;
      } else {
        predDir[u] = DIR_DOWN;
        pi[u] = art;
        src[e] = root;
        tgt[e] = u;
        flow[e] = -b;
        cost[e] = art;
      }
    }
  }

  const blockSize = Math.max(10, Math.floor(Math.sqrt(m)));
  const maxIter = Math.min(mcfMaxIterations(n, m), budget);
  const relabelEvery = Math.max(1000, Math.floor(N / 2), Math.floor(M / 64));
  let nextArc = 0;
  let iter = 0;
  let status = MCF_OPTIMAL;
  let searching = true;
  // Crash start (see crashCandidates): group by group, newId holds the candidates.
  let crashGroup = CRASH_DONE;
  let crashU = 0;
  if (!w.warmStarted && !phase1 && crashWanted(n, supplyIn)) {
    crashGroup = 0;
    crashCandidates(w, n, m, supplyIn, 0, epsCost);
  }
  while (searching) {
    // Pivot until pricing finds no arc with reduced cost below −eps.
    for (;;) {
      if (iter > 0 && iter % relabelEvery === 0 && crashGroup === CRASH_DONE) relabel(w, n, M);
      let inArc = -1;
      while (crashGroup !== CRASH_DONE) {
        if (crashU >= n) {
          if (++crashGroup !== CRASH_DONE) crashCandidates(w, n, m, supplyIn, crashGroup, epsCost);
          crashU = 0;
          continue;
        }
        const a = w.newId[crashU++]!;
        if (a >= 0 && state[a]! * (cost[a]! + pi[src[a]!]! - pi[tgt[a]!]!) < -epsCost) {
          inArc = a;
          break;
        }
      }
      // Block search for the entering arc.
      let best = -epsCost;
      let e = nextArc;
      let remaining = inArc < 0 ? m : 0;
      while (remaining > 0) {
        let len = remaining < blockSize ? remaining : blockSize;
        remaining -= len;
        while (len > 0) {
          const stop = m - e < len ? m : e + len;
          len -= stop - e;
          for (; e < stop; e++) {
            const c = state[e]! * (cost[e]! + pi[src[e]!]! - pi[tgt[e]!]!);
            if (c < best) {
              best = c;
              inArc = e;
            }
          }
          if (e === m) e = 0;
        }
        if (inArc >= 0) break;
      }
      if (inArc < 0) break;
      nextArc = e; // unchanged when the crash chose the arc
      if (++iter > maxIter) {
        iter--; // this pivot was not done
        status = MCF_ITERATION_LIMIT;
        break;
      }

      // Join node: where the two tree paths from the entering arc's ends meet.
      let u = src[inArc]!;
      let v = tgt[inArc]!;
      while (u !== v) {
        if (succNum[u]! < succNum[v]!) u = parent[u]!;
        else v = parent[v]!;
      }
      const join = u;

      // Leaving arc: the last blocking arc from the join in the direction of the cycle.
      const st = state[inArc]!;
      let first: number;
      let second: number;
      if (st === STATE_LOWER) {
        first = src[inArc]!;
        second = tgt[inArc]!;
      } else {
        first = tgt[inArc]!;
        second = src[inArc]!;
      }
      let delta = cap[inArc]!;
      let result = 0;
      let uOut = -1;
      for (u = first; u !== join; u = parent[u]!) {
        const a = pred[u]!;
        let d = flow[a]!;
        if (predDir[u] === DIR_DOWN) d = cap[a]! - d;
        if (d < delta) {
          delta = d;
          uOut = u;
          result = 1;
        }
      }
      for (u = second; u !== join; u = parent[u]!) {
        const a = pred[u]!;
        let d = flow[a]!;
        if (predDir[u] === DIR_UP) d = cap[a]! - d;
        if (d <= delta) {
          delta = d;
          uOut = u;
          result = 2;
        }
      }
      if (delta === Infinity) {
        status = MCF_UNBOUNDED;
        break;
      }

      // Augment along the cycle (a degenerate pivot, delta ≈ 0, changes no flow).
      if (delta > tolSnap) {
        const val = st * delta;
        flow[inArc] = flow[inArc]! + val;
        for (u = src[inArc]!; u !== join; u = parent[u]!) {
          const a = pred[u]!;
          let f = flow[a]! - predDir[u]! * val;
          if (f <= tolSnap && f >= -tolSnap) f = 0;
          else {
            const r = cap[a]! - f;
            if (r <= tolSnap && r >= -tolSnap) f = cap[a]!;
          }
          flow[a] = f;
        }
        for (u = tgt[inArc]!; u !== join; u = parent[u]!) {
          const a = pred[u]!;
          let f = flow[a]! + predDir[u]! * val;
          if (f <= tolSnap && f >= -tolSnap) f = 0;
          else {
            const r = cap[a]! - f;
            if (r <= tolSnap && r >= -tolSnap) f = cap[a]!;
          }
          flow[a] = f;
        }
      }

      if (result === 0) {
        // The entering arc itself blocks: it moves to its other bound, the tree stays.
        state[inArc] = -st;
        flow[inArc] = st === STATE_LOWER ? cap[inArc]! : 0;
        continue;
      }
      state[inArc] = STATE_TREE;
      {
        const a = pred[uOut]!;
        // First side: flow runs from the parent down to u; second side: from u up to the parent.
        if ((result === 1) === (predDir[uOut] === DIR_DOWN)) {
          flow[a] = cap[a]!;
          state[a] = STATE_UPPER;
        } else {
          flow[a] = 0;
          state[a] = STATE_LOWER;
        }
      }
      let uIn: number;
      let vIn: number;
      if (result === 1) {
        uIn = first;
        vIn = second;
      } else {
        uIn = second;
        vIn = first;
      }

      // Tree update: the subtree under the leaving arc is re-hung from vIn through the entering
      // arc; the path uIn … uOut (the stem) reverses its parent links.
      const oldRevThread = revThread[uOut]!;
      const oldSuccNum = succNum[uOut]!;
      const oldLastSucc = lastSucc[uOut]!;
      const vOut = parent[uOut]!;
      if (uIn === uOut) {
        parent[uIn] = vIn;
        pred[uIn] = inArc;
        predDir[uIn] = uIn === src[inArc] ? DIR_UP : DIR_DOWN;
        if (thread[vIn] !== uOut) {
          // Move the subtree's thread segment to just after vIn.
          let after = thread[oldLastSucc]!;
          thread[oldRevThread] = after;
          revThread[after] = oldRevThread;
          after = thread[vIn]!;
          thread[vIn] = uOut;
          revThread[uOut] = vIn;
          thread[oldLastSucc] = after;
          revThread[after] = oldLastSucc;
        }
      } else {
        // When oldRevThread is vIn, join and vOut coincide.
        const threadContinue = oldRevThread === vIn ? thread[oldLastSucc]! : thread[vIn]!;
        let stem = uIn;
        let parStem = vIn;
        let last = lastSucc[uIn]!;
        let after = thread[last]!;
        thread[vIn] = uIn;
        let nDirty = 0;
        dirty[nDirty++] = vIn;
        while (stem !== uOut) {
          const nextStem = parent[stem]!;
          // Continue the thread with the next stem node, cutting the stem's own subtree out.
          thread[last] = nextStem;
          dirty[nDirty++] = last;
          const before = revThread[stem]!;
          thread[before] = after;
          revThread[after] = before;
          parent[stem] = parStem;
          parStem = stem;
          stem = nextStem;
          last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem]! : lastSucc[stem]!;
          after = thread[last]!;
        }
        parent[uOut] = parStem;
        thread[last] = threadContinue;
        revThread[threadContinue] = last;
        lastSucc[uOut] = last;
        if (oldRevThread !== vIn) {
          thread[oldRevThread] = after;
          revThread[after] = oldRevThread;
        }
        for (let k = 0; k < nDirty; k++) {
          const w = dirty[k]!;
          revThread[thread[w]!] = w;
        }
        // Stem nodes from uOut back to uIn take their old parent's predecessor arc, reversed.
        let tmpSc = 0;
        const tmpLs = lastSucc[uOut]!;
        for (let w = uOut, p = parent[w]!; w !== uIn; w = p, p = parent[w]!) {
          pred[w] = pred[p]!;
          predDir[w] = -predDir[p]!;
          tmpSc += succNum[w]! - succNum[p]!;
          succNum[w] = tmpSc;
          lastSucc[p] = tmpLs;
        }
        pred[uIn] = inArc;
        predDir[uIn] = uIn === src[inArc] ? DIR_UP : DIR_DOWN;
        succNum[uIn] = oldSuccNum;
      }
      // Last successors and subtree sizes on the paths from vIn and vOut up to the join.
      const upLimitOut = lastSucc[join] === vIn ? join : -1;
      const lastSuccOut = lastSucc[uOut]!;
      for (let w = vIn; w !== -1 && lastSucc[w] === vIn; w = parent[w]!) lastSucc[w] = lastSuccOut;
      if (join !== oldRevThread && vIn !== oldRevThread) {
        for (let w = vOut; w !== upLimitOut && lastSucc[w] === oldLastSucc; w = parent[w]!) {
          lastSucc[w] = oldRevThread;
        }
      } else if (lastSuccOut !== oldLastSucc) {
        for (let w = vOut; w !== upLimitOut && lastSucc[w] === oldLastSucc; w = parent[w]!) {
          lastSucc[w] = lastSuccOut;
        }
      }
      for (let w = vIn; w !== join; w = parent[w]!) succNum[w] = succNum[w]! + oldSuccNum;
      for (let w = vOut; w !== join; w = parent[w]!) succNum[w] = succNum[w]! - oldSuccNum;

      // Potentials: shift the moved subtree by sigma so the entering arc's reduced cost is 0, or,
      // when the subtree is more than half the tree, the rest by −sigma (reduced costs depend
      // only on differences). The root then drifts from 0; past ART, recompute from the tree.
      const sigma = pi[vIn]! - pi[uIn]! - predDir[uIn]! * cost[inArc]!;
      const end = thread[lastSucc[uIn]!]!;
      if (2 * succNum[uIn]! <= N) {
        shiftThread(thread, pi, uIn, end, sigma);
      } else {
        shiftThread(thread, pi, end, uIn, -sigma);
        if (Math.abs(pi[root]!) > art) treePotentials(root, thread, parent, pred, predDir, cost, pi);
      }
    }
    if (status !== MCF_OPTIMAL) break;

    // Recompute potentials from the tree (root at 0), dropping drift, then re-check optimality.
    treePotentials(root, thread, parent, pred, predDir, cost, pi);
    searching = false;
    for (let e = 0; e < m; e++) {
      if (state[e]! * (cost[e]! + pi[src[e]!]! - pi[tgt[e]!]!) < -epsCost) {
        searching = true;
        break;
      }
    }
  }

  if (status === MCF_OPTIMAL) {
    for (let e = m; e < M; e++) {
      if (flow[e]! > tolFeas) {
        status = MCF_INFEASIBLE;
        break;
      }
    }
  }

  w.iterations = iter;
  return status;
}

/**
 * pi[w] += d for w from `from` along the thread up to (not including) `to`. Written so that runs
 * of consecutive numbers (common after {@link relabel}) advance by w + 1, a branch the CPU
 * predicts, rather than by the loaded thread[w], which would make each step wait for its load.
 */
// Crash start: on networks where most nodes have supply (placement: demands → sites → sink), the
// artificial star prices every demand's arcs against sites that are not yet in place. Before the
// block search, each node in turn (deficit nodes first, then transshipment nodes, then supply
// nodes) pivots in its most negative incident arc, found for the whole group in one pass over the
// arcs at the group's start and re-priced just before it enters (as LEMON's initialPivots does).
// The wasm kernel's crash is the same code.
const CRASH_DONE = 3;

/** Whether the crash start applies: at least half the nodes have positive supply. */
function crashWanted(n: number, supplyIn: Float64Array): boolean {
  let k = 0;
  for (let u = 0; u < n; u++) if (supplyIn[u]! > 0) k++;
  return 2 * k >= n;
}

/** For each node of group g (0 deficit, 1 transshipment, 2 supply), its incident arc of most negative reduced cost (first in arc order) into w.newId, else −1. */
function crashCandidates(w: Work, n: number, m: number, supplyIn: Float64Array, g: number, epsCost: number): void {
  const { src, tgt, state, cost, pi, newId: cand, tmpF: val } = w;
  const group = (u: number) => {
    const b = supplyIn[u]!;
    return b < 0 ? 0 : b === 0 ? 1 : 2;
  };
  for (let u = 0; u < n; u++) {
    cand[u] = -1;
    val[u] = -epsCost;
  }
  for (let e = 0; e < m; e++) {
    const s = src[e]!;
    const t = tgt[e]!;
    const c = state[e]! * (cost[e]! + pi[s]! - pi[t]!);
    if (c < val[s]! && group(s) === g) {
      val[s] = c;
      cand[s] = e;
    }
    if (c < val[t]! && group(t) === g) {
      val[t] = c;
      cand[t] = e;
    }
  }
}

function shiftThread(thread: Int32Array, pi: Float64Array, from: number, to: number, d: number): void {
  let w = from;
  while (w !== to) {
    let next: number;
    do {
      pi[w] = pi[w]! + d;
      next = thread[w]!;
      w++;
    } while (next === w && w !== to);
    w = next;
  }
}

/**
 * Takes the new costs, capacities and supplies into the last optimal tree (same arcs): nonbasic
 * arcs stay at their bound (lower: 0, upper: the new capacity), tree flows follow from the
 * supplies, leaves first. The tree is kept only if that flow is within bounds and the tree is
 * still strongly feasible (a tree arc with zero flow points up to the root, a saturated one
 * down), as the leaving-arc rule needs; returns false otherwise and the caller starts cold.
 * Costs change nothing in feasibility, so a cost-only change always keeps the tree.
 */
function warmBasis(
  w: Work,
  n: number,
  m: number,
  capIn: Float64Array,
  costIn: Float64Array,
  supplyIn: Float64Array,
  art: number,
  tolSnap: number,
): boolean {
  const { src, tgt, state, cap, cost, flow, parent, pred, predDir, revThread, label } = w;
  const excess = w.tmpF;
  const root = n;
  const M = m + n;
  const skip = mixingStride(n, m);
  for (let k = 0, i = 0, j = 0; k < m; k++) {
    const c = capIn[k]!;
    cap[i] = c >= FLOW_INFINITE_CAPACITY ? Infinity : c;
    cost[i] = costIn[k]!;
    i += skip;
    if (i >= m) i = ++j;
  }
  // Artificial arcs keep their direction; their cost follows the new big-M.
  for (let e = m; e < M; e++) cost[e] = src[e] === root ? art : 0;
  excess[root] = 0;
  for (let u = 0; u < n; u++) excess[label[u]!] = supplyIn[u]!;
  for (let e = 0; e < M; e++) {
    const st = state[e]!;
    if (st === STATE_LOWER) flow[e] = 0;
    else if (st === STATE_UPPER) {
      const c = cap[e]!;
      if (c === Infinity) return false;
      flow[e] = c;
      excess[src[e]!] = excess[src[e]!]! - c;
      excess[tgt[e]!] = excess[tgt[e]!]! + c;
    }
  }
  for (let u = revThread[root]!; u !== root; u = revThread[u]!) {
    const a = pred[u]!;
    const x = excess[u]!;
    let f = predDir[u] === DIR_UP ? x : -x;
    const c = cap[a]!;
    if (f <= tolSnap && f >= -tolSnap) f = 0;
    else if (c - f <= tolSnap && c - f >= -tolSnap) f = c;
    if (f < 0 || f > c) return false;
    if (f === 0 && predDir[u] !== DIR_UP) return false;
    if (f === c && predDir[u] !== DIR_DOWN) return false;
    flow[a] = f;
    const p = parent[u]!;
    excess[p] = excess[p]! + x;
  }
  return true;
}

/** Potentials from the tree alone: root 0, then each node from its parent in thread (pre-)order. */
function treePotentials(
  root: number,
  thread: Int32Array,
  parent: Int32Array,
  pred: Int32Array,
  predDir: Int32Array,
  cost: Float64Array,
  pi: Float64Array,
): void {
  pi[root] = 0;
  for (let u = thread[root]!; u !== root; u = thread[u]!) {
    const p = parent[u]!;
    const a = pred[u]!;
    pi[u] = predDir[u] === DIR_UP ? pi[p]! - cost[a]! : pi[p]! + cost[a]!;
  }
}

/**
 * Renumbers the nodes in thread order (the root keeps n), permuting every node array and mapping
 * node numbers in arcs, tree links and `label`. Only between pivots (it uses `dirty` as scratch).
 */
function relabel(w: Work, n: number, M: number): void {
  const N = n + 1;
  const root = n;
  const { src, tgt, pi, parent, pred, predDir, thread, revThread, succNum, lastSucc, label, newId, tmpF } = w;
  const tmp = w.dirty;
  let k = 0;
  for (let u = thread[root]!; u !== root; u = thread[u]!) newId[u] = k++;
  newId[root] = root;
  for (let u = 0; u < N; u++) tmpF[newId[u]!] = pi[u]!;
  pi.set(tmpF);
  for (const links of [parent, thread, revThread, lastSucc]) {
    for (let u = 0; u < N; u++) {
      const v = links[u]!;
      tmp[newId[u]!] = v < 0 ? -1 : newId[v]!;
    }
    links.set(tmp);
  }
  for (const values of [pred, predDir, succNum]) {
    for (let u = 0; u < N; u++) tmp[newId[u]!] = values[u]!;
    values.set(tmp);
  }
  for (let e = 0; e < M; e++) {
    src[e] = newId[src[e]!]!;
    tgt[e] = newId[tgt[e]!]!;
  }
  for (let u = 0; u < n; u++) label[u] = newId[label[u]!]!;
}
