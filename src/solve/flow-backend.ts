/** The flow backend: network-shaped placement LPs solved by network simplex (wasm). */
import { networkSimplexSolver } from '../flow/network-simplex-wasm.js';
import type { LpModel } from '../formulate/lp-model.js';
import { flowToLp, modelToNetwork } from '../formulate/to-network.js';
import type { LpResult } from './glpk.js';

/**
 * Solves a network-shaped model (see `notNetworkReason`) exactly by primal network simplex, in
 * slices that check the time limit and the signal (status `time_limit` / `aborted`, no plan).
 */
export async function solveWithFlow(m: LpModel, timeLimitSeconds?: number, signal?: AbortSignal): Promise<LpResult> {
  const t0 = performance.now();
  const mn = modelToNetwork(m);
  const solver = await networkSimplexSolver();
  const res = await solver.solveAsync(mn.net, {
    ...(timeLimitSeconds !== undefined ? { deadline: t0 + 1000 * timeLimitSeconds } : {}),
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
