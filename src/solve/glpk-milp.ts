/**
 * MILPs (dataset copies, model replicas: yes/no columns) with glpk.js branch and bound. Three solves:
 * 1. the LP relaxation (every 0/1 column in [0, 1]): the lower bound the gap is stated against;
 * 2. the MILP (`binaries`, `mipgap` = the solve's `gapTolerance`, `tmlim` = the time left);
 * 3. the LP with every 0/1 column fixed at the MILP's value (a row y = 1, or ub 0), whose duals
 *    are the plan's shadow prices: capacity, backbone and policy prices are those of the placement
 *    given the copy and replica choices (the MILP itself has no duals).
 * glpk.js's branch and bound runs on the calling thread (it cannot be interrupted inside; its
 * `tmlim` bounds it); the LPs run like any glpk solve.
 */
import { SolverError } from '../errors.js';
import { columnName, type LpModel } from '../formulate/lp-model.js';
import type { Pause } from '../formulate/steps.js';
import { loadGlpk, solveWithGlpk, toGlpkLp, type LpResult } from './glpk.js';

/** Whether `m` has 0/1 columns (a MILP). */
export function hasIntegerColumns(m: LpModel): boolean {
  return m.cols.some((c) => c.integer === true);
}

/** A MILP outcome: the fixed-choice LP's values and duals, with the relaxation bound and the gap to it. */
export interface MilpResult extends LpResult {
  /** LP-relaxation objective: a lower bound on the optimum, CNY. */
  readonly lowerBound: number;
  /** (objective − lowerBound) / max(1, |objective|): an upper bound on the true gap. */
  readonly gap: number;
  readonly milp: true;
}

export interface MilpOptions {
  readonly timeLimitSeconds: number;
  readonly gapTolerance: number;
  readonly deadline: number;
  readonly signal?: AbortSignal;
  readonly pause?: Pause;
}

function stoppedResult(m: LpModel, status: 'time_limit' | 'aborted' | 'infeasible', t0: number, lowerBound: number): MilpResult {
  return { status, feasible: false, z: NaN, values: new Float64Array(m.cols.length), duals: new Float64Array(m.rows.length), ms: performance.now() - t0, lowerBound, gap: Infinity, milp: true };
}

/** Solves a MILP: relaxation bound, branch and bound, then the LP with the choices fixed. */
export async function solveMilpWithGlpk(m: LpModel, opts: MilpOptions): Promise<MilpResult> {
  const t0 = performance.now();
  const left = () => Math.max(0.001, (opts.deadline - performance.now()) / 1000);
  const run = (model: LpModel) => solveWithGlpk(model, left(), opts.signal, { deadline: opts.deadline, ...(opts.pause ? { pause: opts.pause } : {}) });
  const relaxed = await run(m);
  if (relaxed.status === 'infeasible') return stoppedResult(m, 'infeasible', t0, Infinity);
  if (relaxed.status !== 'optimal') return stoppedResult(m, relaxed.status === 'aborted' ? 'aborted' : 'time_limit', t0, -Infinity);
  if (opts.signal?.aborted) return stoppedResult(m, 'aborted', t0, relaxed.z);

  const glpk = await loadGlpk();
  const lp = toGlpkLp(m, glpk);
  const names = m.cols.map((c) => columnName(c.meaning));
  const ints = new Set(m.cols.flatMap((c, j) => (c.integer ? [names[j]!] : [])));
  const milpLp = { ...lp, bounds: (lp.bounds ?? []).filter((b) => !ints.has(b.name)), binaries: [...ints] };
  let res: { result: { status: number; z: number; vars: Record<string, number> } };
  const tmlim = left();
  const tMip = performance.now();
  try {
    res = await glpk.solve(milpLp as Parameters<typeof glpk.solve>[0], { msglev: glpk.GLP_MSG_OFF, presol: true, tmlim, mipgap: opts.gapTolerance } as Parameters<typeof glpk.solve>[1]);
  } catch (e) {
    throw new SolverError(`glpk.js failed on the MILP: ${(e as Error).message}`);
  }
  const { status, vars } = res.result;
  if (status === glpk.GLP_NOFEAS) return stoppedResult(m, 'infeasible', t0, relaxed.z);
  if (status !== glpk.GLP_OPT && status !== glpk.GLP_FEAS) return stoppedResult(m, 'time_limit', t0, relaxed.z);
  // glpk reports a search ended by mipgap as "feasible" too: it is the time limit only when the
  // time is (nearly) used up.
  const hitTimeLimit = status === glpk.GLP_FEAS && performance.now() - tMip >= 0.95 * 1000 * tmlim;

  // The LP with every choice fixed: a row y = 1 for a chosen column, ub 0 for the others.
  const fixed: LpModel = { name: m.name, cols: m.cols.map((c, j) => (c.integer && Math.round(vars[names[j]!] ?? 0) === 0 ? { ...c, ub: 0 } : c)), rows: [...m.rows] };
  m.cols.forEach((c, j) => {
    if (c.integer && Math.round(vars[names[j]!] ?? 0) === 1) fixed.rows.push({ cols: [j], coefs: [1], lb: 1, ub: 1, meaning: { kind: 'fixChoice', col: j } });
  });
  const lpFixed = await run(fixed);
  if (lpFixed.status === 'aborted') return stoppedResult(m, 'aborted', t0, relaxed.z);
  if (lpFixed.status !== 'optimal') {
    if (lpFixed.status === 'time_limit') return stoppedResult(m, 'time_limit', t0, relaxed.z);
    throw new SolverError(`glpk.js: the LP with the MILP's choices fixed came back ${lpFixed.status} (numerical trouble?)`);
  }
  const z = lpFixed.z;
  const gap = Math.max(0, (z - relaxed.z) / Math.max(1, Math.abs(z)));
  return {
    status: hitTimeLimit ? 'time_limit' : 'optimal',
    feasible: true,
    z,
    values: lpFixed.values,
    duals: lpFixed.duals.subarray(0, m.rows.length),
    ms: performance.now() - t0,
    lowerBound: relaxed.z,
    gap,
    milp: true,
  };
}
