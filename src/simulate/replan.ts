/**
 * Solves one re-plan's model with the requested backend (the same choice `solve` makes) and reads
 * back what it commits: the units placed in its first hour and that hour's capacity prices.
 */
import { OptionsError, SolverError } from '../errors.js';
import type { LpModel } from '../formulate/lp-model.js';
import { notNetworkReason } from '../formulate/to-network.js';
import type { SolverInfo } from '../plan/types.js';
import { COMPUTE_CLASSES } from '../scenario/types.js';
import { solveDecomposed } from '../solve/decompose.js';
import { solveWithFlow } from '../solve/flow-backend.js';
import { solveEmptyModel, solveWithGlpk, type LpResult } from '../solve/glpk.js';
import { solveWithHighs } from '../solve/highs-backend.js';
import { defaultSolveOptions } from '../solve/solve.js';
import type { CheckedSimulateOptions } from './options.js';
import type { SubProblem } from './subproblem.js';

/** Units of one actual demand (index) at one site (index) in the committed hour. */
export interface Placement {
  readonly demand: number;
  readonly site: number;
  readonly amount: number;
}

/** What a re-plan commits. */
export interface FirstHour {
  readonly placements: readonly Placement[];
  /** Shadow price of each site-class of the first hour, at index site · 3 + class index. */
  readonly shadowPrice: Float64Array;
}

/** LP values at or below this are solver noise, not work placed (as in the plan mapping). */
const ZERO = 1e-9;

/** Which backend runs a model under the requested name (mirrors `solve`'s choice). */
export function backendFor(m: LpModel, requested: CheckedSimulateOptions['backend']): SolverInfo['backend'] {
  const coupling = notNetworkReason(m);
  switch (requested) {
    case 'glpk':
    case 'highs':
      return requested;
    case 'flow':
      if (coupling) throw new OptionsError('backend', `"flow" needs a network model, but this scenario has ${coupling}; use "glpk", "decompose" or "auto"`);
      return 'flow';
    case 'decompose':
      return coupling ? 'decompose' : 'flow';
    case 'auto':
      return coupling ? 'glpk' : 'flow';
  }
}

/**
 * Solves a re-plan's model. The signal is not passed to the solver: it is checked between
 * re-plans, and glpk.js with a signal would start a worker thread for every re-plan.
 */
export async function solveModel(m: LpModel, o: CheckedSimulateOptions, warm?: ReadonlyMap<string, number>): Promise<{ res: LpResult; backend: SolverInfo['backend']; multipliers?: Map<string, number> }> {
  const backend = backendFor(m, o.backend);
  // glpk aborts on a model without columns (nothing to place in the look-ahead).
  if (m.cols.length === 0) return { res: solveEmptyModel(m), backend };
  const res =
    backend === 'flow'
      ? await solveWithFlow(m)
      : backend === 'highs'
        ? await solveWithHighs(m, o.timeLimitSeconds)
        : backend === 'decompose'
          ? await solveDecomposed(m, { gapTolerance: o.gapTolerance, maxRounds: defaultSolveOptions.maxRounds, timeLimitSeconds: o.timeLimitSeconds, ...(warm ? { initialMultipliers: warm } : {}) })
          : await solveWithGlpk(m, o.timeLimitSeconds);
  if (res.status === 'unbounded') throw new SolverError(`${backend} reported a re-plan unbounded, which a valid scenario cannot be; please report it`);
  return 'multipliers' in res && res.multipliers instanceof Map ? { res, backend, multipliers: res.multipliers as Map<string, number> } : { res, backend };
}

/**
 * Decompose multipliers of one re-plan as a warm start for the next, whose window starts one hour
 * later: hour-indexed green rows (`grn_s_t`, window hours) move to `grn_s_(t−1)`; horizon-wide rows
 * (carbon cap, green shares) keep their names.
 */
export function shiftMultipliers(m: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of m) {
    const g = /^(grn|bw)_(\d+)_(\d+)$/.exec(k);
    if (!g) out.set(k, v);
    else if (Number(g[3]) > 0) out.set(`${g[1]}_${g[2]}_${Number(g[3]) - 1}`, v);
  }
  return out;
}

/** The first hour's placements (actual demand indices) and capacity prices of a solved re-plan. */
export function firstHour(sub: SubProblem, res: LpResult, nSites: number): FirstHour {
  const placements: Placement[] = [];
  const shadowPrice = new Float64Array(nSites * COMPUTE_CLASSES.length);
  if (!res.feasible) return { placements, shadowPrice };
  sub.model.cols.forEach((c, j) => {
    const v = res.values[j]!;
    const m = c.meaning;
    if (m.kind === 'x' && m.hour === 0 && v > ZERO) placements.push({ demand: sub.demandOf[m.demand]!, site: m.site, amount: v });
  });
  // A nominal unit adds maxUtilization usable units; the dual of a ≤ row of a minimization is ≤ 0.
  const mu = sub.scenario.policy?.maxUtilization ?? 1;
  sub.model.rows.forEach((r, i) => {
    const m = r.meaning;
    if (m.kind === 'capacity' && m.hour === 0) shadowPrice[m.site * COMPUTE_CLASSES.length + COMPUTE_CLASSES.indexOf(m.cls)] = Math.max(0, -res.duals[i]! * mu);
  });
  return { placements, shadowPrice };
}
