/** The flow backend: network-shaped placement LPs solved by network simplex (wasm). */
import { networkSimplexSolver } from '../flow/network-simplex-wasm.js';
import type { LpModel } from '../formulate/lp-model.js';
import type { Pause } from '../formulate/steps.js';
import { flowToLp, modelToNetworkAsync } from '../formulate/to-network.js';
import type { LpResult } from './glpk.js';

/**
 * Pivots per slice of a network simplex inside `solve`: a quarter of the flow module's default
 * (max(25,000, (nodes + arcs) / 40)), so that on networks of millions of arcs a slice stays well
 * under the 250 ms that a deadline or an abort may be overshot, at a few more resumes (each
 * O(nodes + arcs)). The floor of 25,000 lets the 200k-arc dense placement (≈ 11,400 pivots, about
 * 50 ms) finish in one slice: a resume there cost ≈ 10 ms (bench/profile-dense.ts).
 */
export function solveSlicePivots(nodes: number, arcs: number): number {
  return Math.max(25_000, Math.ceil((nodes + arcs) / 40));
}

/** How `solveWithFlow` runs beyond the time limit and signal. */
export interface FlowBackendOptions {
  /** `performance.now()` time past which the solve stops with `time_limit`. @default now + timeLimitSeconds */
  readonly deadline?: number;
  /** Awaited between chunks while the network form is built; throw from it to stop. */
  readonly pause?: Pause;
}

/**
 * Solves a network-shaped model (see `notNetworkReason`) exactly by primal network simplex, in
 * slices that check the time limit and the signal (status `time_limit` / `aborted`, no plan).
 */
export async function solveWithFlow(m: LpModel, timeLimitSeconds?: number, signal?: AbortSignal, run: FlowBackendOptions = {}): Promise<LpResult> {
  const t0 = performance.now();
  const deadline = run.deadline ?? (timeLimitSeconds !== undefined ? t0 + 1000 * timeLimitSeconds : undefined);
  const mn = await modelToNetworkAsync(m, run.pause ?? (() => undefined));
  const solver = await networkSimplexSolver();
  const res = await solver.solveAsync(mn.net, {
    slicePivots: solveSlicePivots(mn.net.nodes, mn.net.source.length),
    ...(deadline !== undefined ? { deadline } : {}),
    ...(signal ? { signal } : {}),
  });
  const ms = performance.now() - t0;
  if (res.status !== 'optimal') {
    // A valid scenario has no negative costs, so 'unbounded' would be a fault; report it as such.
    return { status: res.status, feasible: false, z: res.objective, values: new Float64Array(m.cols.length), duals: new Float64Array(m.rows.length), ms, iterations: res.iterations };
  }
  const { values, duals } = flowToLp(mn, res);
  return { status: 'optimal', feasible: true, z: res.objective, values, duals, ms, iterations: res.iterations };
}
