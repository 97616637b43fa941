/**
 * The decompose backend: green supply priced into network-simplex subproblems by Lagrangian
 * relaxation. Dualizing each green row g[s,t] ≤ E[s,t] with a multiplier μ ∈ [0, a] (a = the
 * carbon price per kWh of that site-hour's grid energy) leaves a min-cost flow with arc costs
 * c − μ·kWh per unit, plus Σ (μ − a)·S for the green columns at their supply. Every flow is a
 * feasible plan whose true cost counts green as min(E, S); the dual function is a lower bound.
 * Projected subgradient steps (Polyak) move μ toward the site-hours where green is left over
 * (credit more) or short (credit less), and the best plan and bound give the reported gap.
 */
import { OptionsError } from '../errors.js';
import { networkSimplexSolver } from '../flow/network-simplex-wasm.js';
import type { LpModel } from '../formulate/lp-model.js';
import type { Pause } from '../formulate/steps.js';
import { couplingKinds, flowToLp, modelToNetworkAsync } from '../formulate/to-network.js';
import { solveSlicePivots } from './flow-backend.js';
import type { LpResult } from './glpk.js';
import { nextTask } from '../util/next-task.js';

/** Outcome of a decomposed solve: an LpResult plus the bound and gap it proved. */
export interface DecomposeResult extends LpResult {
  /** Best Lagrangian lower bound on the optimum, CNY. */
  readonly lowerBound: number;
  /** (best plan − bound) / max(1, |best plan|). */
  readonly gap: number;
  /** Subgradient rounds (one flow solve each). */
  readonly rounds: number;
  /**
   * The multipliers of the last round, by green row (key `site · horizonHours + hour`, indices of
   * the model's scenario): a warm start for a nearby model (`initialMultipliers`).
   */
  readonly multipliers: Map<number, number>;
}

export interface DecomposeOptions {
  /** Stop when the relative gap is at most this. */
  readonly gapTolerance: number;
  /** Stop after this many rounds. */
  readonly maxRounds: number;
  readonly timeLimitSeconds: number;
  /** Checked between rounds and between slices of each flow solve: the best plan so far comes back with status `aborted`. */
  readonly signal?: AbortSignal;
  /** `performance.now()` time past which the solve stops (best plan so far). @default now + timeLimitSeconds */
  readonly deadline?: number;
  /** Awaited between chunks while the network form is built; throw from it to stop. */
  readonly pause?: Pause;
  /**
   * Warm start: μ of each green row (key `site · horizonHours + hour`, as `multipliers` returns
   * them), clamped to [0, a]; rows without an entry start at a (green covers all their energy).
   */
  readonly initialMultipliers?: ReadonlyMap<number, number>;
  /** Hours of the model's scenario (needed to read `initialMultipliers` keys). */
  readonly horizonHours?: number;
}

/** Solves a model whose only coupling is green supply (carbon priced, market accounting). */
export async function solveDecomposed(m: LpModel, opts: DecomposeOptions): Promise<DecomposeResult> {
  const t0 = performance.now();
  const other = [...couplingKinds(m)].filter((k) => k !== 'green');
  if (other.length > 0) {
    throw new OptionsError('backend', `"decompose" prices green supply into flow subproblems; this scenario also has ${other.join(', ')} rows; use "glpk" or "auto"`);
  }

  // The network part: every column but g, every row but the green ones (built in chunks).
  const pause = opts.pause ?? (() => undefined);
  const newIndex = new Int32Array(m.cols.length).fill(-1);
  const sub: LpModel = { name: `${m.name}_flow`, cols: [], rows: [] };
  for (let j = 0; j < m.cols.length; j++) {
    if ((j & 65535) === 65535) await pause();
    const c = m.cols[j]!;
    if (c.meaning.kind === 'g') continue;
    newIndex[j] = sub.cols.length;
    sub.cols.push(c);
  }
  // Green rows: a (carbon credit per kWh), S (supply kWh), and each x column's row and kWh.
  const a: number[] = [];
  const S: number[] = [];
  const gColOf: number[] = [];
  const greenKey: number[] = [];
  const greenRowOf = new Int32Array(sub.cols.length).fill(-1);
  const kWh = new Float64Array(sub.cols.length);
  const subRowOf: number[] = [];
  for (let i = 0; i < m.rows.length; i++) {
    if ((i & 16383) === 16383) await pause();
    const r = m.rows[i]!;
    if (r.meaning.kind !== 'green') {
      subRowOf[i] = sub.rows.length;
      sub.rows.push({ ...r, cols: r.cols.map((c) => newIndex[c]!) });
      continue;
    }
    const gi = a.length;
    greenKey.push(r.meaning.site * (opts.horizonHours ?? 0) + r.meaning.hour);
    r.cols.forEach((c, k) => {
      const col = m.cols[c]!;
      if (col.meaning.kind === 'g') {
        a.push(-col.cost);
        S.push(col.ub);
        gColOf.push(c);
      } else {
        greenRowOf[newIndex[c]!] = gi;
        kWh[newIndex[c]!] = -r.coefs[k]!;
      }
    });
  }

  const mn = await modelToNetworkAsync(sub, pause);
  const slicePivots = solveSlicePivots(mn.net.nodes, mn.net.source.length);
  const base = Float64Array.from(sub.cols, (c) => c.cost);
  const G = a.length;
  const mu = Float64Array.from(a); // optimistic start: green covers every site-hour's energy
  const init = opts.initialMultipliers;
  if (init && opts.horizonHours !== undefined) {
    for (let i = 0; i < G; i++) {
      const v = init.get(greenKey[i]!);
      if (v !== undefined && Number.isFinite(v)) mu[i] = Math.min(a[i]!, Math.max(0, v));
    }
  }
  const E = new Float64Array(G);
  let best: { z: number; values: Float64Array; duals: Float64Array; E: Float64Array } | undefined;
  let bound = -Infinity;
  let step = 1;
  let stale = 0;
  let rounds = 0;
  let iterations = 0;
  const deadline = opts.deadline ?? t0 + opts.timeLimitSeconds * 1000;
  // Rounds change arc costs only, so each flow solve resumes from the previous round's tree.
  // The shared solver (TS twin where there is no WebAssembly); warm starts check it is still ours.
  const solver = await networkSimplexSolver();

  for (; rounds < opts.maxRounds; ) {
    for (let j = 0; j < sub.cols.length; j++) {
      const gi = greenRowOf[j]!;
      mn.net.cost[mn.colArc[j]!] = gi >= 0 ? base[j]! - mu[gi]! * kWh[j]! : base[j]!;
    }
    // Sliced: a round on a large network can take seconds, and the deadline and signal are checked
    // between slices (a stopped round is dropped; the best plan so far stands).
    const res = await solver.solveAsync(mn.net, { warmStart: true, deadline, slicePivots, ...(opts.signal ? { signal: opts.signal } : {}) });
    iterations += res.iterations;
    if ((res.status === 'time_limit' || res.status === 'aborted') && best) break;
    rounds++;
    if (res.status !== 'optimal') {
      return { status: res.status, feasible: false, z: NaN, values: new Float64Array(m.cols.length), duals: new Float64Array(m.rows.length), ms: performance.now() - t0, iterations, lowerBound: -Infinity, gap: Infinity, rounds, multipliers: new Map() };
    }
    E.fill(0);
    let primal = 0;
    for (let j = 0; j < sub.cols.length; j++) {
      const x = res.flow[mn.colArc[j]!]!;
      primal += base[j]! * x;
      const gi = greenRowOf[j]!;
      if (gi >= 0) E[gi]! += kWh[j]! * x;
    }
    let dual = res.objective;
    let norm = 0;
    for (let i = 0; i < G; i++) {
      primal -= a[i]! * Math.min(E[i]!, S[i]!);
      dual += (mu[i]! - a[i]!) * S[i]!;
      const d = S[i]! - E[i]!;
      // Only directions that can move μ inside [0, a] count toward the step.
      if ((d > 0 && mu[i]! < a[i]!) || (d < 0 && mu[i]! > 0)) norm += d * d;
    }
    if (bound === -Infinity || dual > bound + 1e-12 * Math.abs(bound)) {
      bound = dual;
      stale = 0;
    } else if (++stale >= 5) {
      step /= 2;
      stale = 0;
    }
    if (!best || primal < best.z) {
      const lp = flowToLp(mn, res);
      best = { z: primal, values: lp.values, duals: lp.duals, E: Float64Array.from(E) };
    }
    const gap = (best.z - bound) / Math.max(1, Math.abs(best.z));
    if (gap <= opts.gapTolerance || norm === 0 || performance.now() >= deadline || opts.signal?.aborted) break;
    // Let timers (and so an abort) run between rounds.
    if (opts.signal) await nextTask();
    if (opts.signal?.aborted) break;
    const theta = (step * (best.z - dual)) / norm;
    for (let i = 0; i < G; i++) mu[i] = Math.min(a[i]!, Math.max(0, mu[i]! + theta * (S[i]! - E[i]!)));
  }

  // Back to the full model's columns and rows; green used = min(E, S) of the best plan.
  const b = best!;
  const values = new Float64Array(m.cols.length);
  newIndex.forEach((k, j) => {
    if (k >= 0) values[j] = b.values[k]!;
  });
  gColOf.forEach((c, i) => (values[c] = Math.min(b.E[i]!, S[i]!)));
  const duals = new Float64Array(m.rows.length);
  subRowOf.forEach((k, i) => (duals[i] = b.duals[k]!));
  const gap = Math.max(0, (b.z - bound) / Math.max(1, Math.abs(b.z)));
  const done = gap <= opts.gapTolerance;
  const multipliers = new Map<number, number>();
  if (opts.horizonHours !== undefined) greenKey.forEach((k, i) => multipliers.set(k, mu[i]!));
  return { status: done ? 'optimal' : opts.signal?.aborted ? 'aborted' : 'time_limit', feasible: true, z: b.z, values, duals, ms: performance.now() - t0, iterations, lowerBound: bound, gap, rounds, multipliers };
}
