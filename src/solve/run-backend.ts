/**
 * One backend run of `solve`: the solver on the formulated model, its result through the seam,
 * and the Plan (statuses, messages, solver info) mapped back to the original demands.
 */
import { SolverError } from '../errors.js';
import type { LpModel } from '../formulate/lp-model.js';
import type { Presolved } from '../formulate/presolve.js';
import type { Plan, PresolveInfo, SolverInfo } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import { throughSeam } from './backend-seam.js';
import type { SolveClock } from './clock.js';
import { StageStop } from './clock.js';
import { solveDecomposed, type DecomposeResult } from './decompose.js';
import { explainInfeasible } from './explain-infeasible.js';
import { solveWithFlow } from './flow-backend.js';
import { solveWithGlpk, type LpResult } from './glpk.js';
import { hasIntegerColumns, solveMilpWithGlpk, type MilpResult } from './glpk-milp.js';
import { solveWithHighs } from './highs-backend.js';
import { emptyPlan, planFromSolution, unmergePlan, withReplicaCopies } from './to-plan.js';

/** The backends that produce plans in `solve`. */
export type ExactBackend = 'glpk' | 'flow' | 'highs' | 'decompose';

/** What one run needs. */
export interface BackendRun {
  readonly sc: Scenario;
  readonly pre: Presolved;
  readonly model: LpModel;
  readonly backend: ExactBackend;
  readonly reason: string;
  readonly opts: { readonly timeLimitSeconds: number; readonly gapTolerance: number; readonly maxRounds: number };
  readonly clock: SolveClock;
  readonly presolve: PresolveInfo;
  readonly t0: number;
  /** `decompose` only: a warm start for the multipliers, and a callback that receives the final ones. */
  readonly warm?: DecomposeWarm | undefined;
}

/** Warm start of `decompose` across nearby models (what-if cases start from the base case's prices). */
export interface DecomposeWarm {
  /** Multipliers by coupling row name (`grn_s_t`, `carbon_cap`, `green_share`, …). */
  readonly initialMultipliers?: ReadonlyMap<string, number>;
  /** Called with the multipliers of the finished decomposed solve. */
  readonly onMultipliers?: (multipliers: Map<string, number>) => void;
}

/** Solves the model with `run.backend` and maps the outcome to a Plan. */
export async function runBackend(run: BackendRun): Promise<{ plan: Plan; result: LpResult }> {
  const { sc, pre, model, backend, reason, opts, clock, presolve, t0, warm } = run;
  const warmOpts = warm?.initialMultipliers ? { initialMultipliers: warm.initialMultipliers } : {};
  const signal = clock.signal;
  const deadline = clock.deadline;
  const remaining = Math.max(0.001, clock.remainingSeconds());
  const raw: LpResult & Partial<Pick<DecomposeResult, 'gap' | 'lowerBound' | 'rounds' | 'multipliers' | 'note' | 'path'>> & Partial<Pick<MilpResult, 'milp'>> =
    backend === 'glpk' && hasIntegerColumns(model)
      ? await solveMilpWithGlpk(model, { timeLimitSeconds: remaining, gapTolerance: opts.gapTolerance, deadline, ...(signal ? { signal } : {}), pause: clock.pauser('model transfer') })
      : backend === 'flow'
      ? await solveWithFlow(model, remaining, signal, { deadline, pause: clock.pauser('network form') })
      : backend === 'highs'
        ? await solveWithHighs(model, remaining)
        : backend === 'decompose'
          ? await solveDecomposed(model, { ...opts, timeLimitSeconds: remaining, deadline, pause: clock.pauser('network form'), ...warmOpts, ...(signal ? { signal } : {}) })
          : await solveWithGlpk(model, remaining, signal, { deadline, killAt: deadline + clock.graceMs() / 2, pause: clock.pauser('model transfer') });
  if (raw.multipliers) warm?.onMultipliers?.(raw.multipliers);
  // No combination of decompose's flows met the coupling rows: glpk.js decides (infeasible or a plan).
  if (backend === 'decompose' && raw.status === 'infeasible' && 'note' in raw && raw.note !== undefined) {
    const note = raw.note;
    const exact = await runBackend({ ...run, backend: 'glpk', reason: `${reason}; ${note}, so glpk.js solved the LP exactly`, warm: undefined });
    return exact;
  }
  const res = throughSeam(backend, raw, model);
  const ranReason = raw.path !== undefined ? `${reason}; path: ${raw.path}` : reason;
  const extra: Partial<SolverInfo> = {
    ...(res.iterations !== undefined ? { iterations: res.iterations } : {}),
    ...(raw.gap !== undefined ? { gap: raw.gap, lowerBound: raw.lowerBound!, ...(raw.rounds !== undefined ? { rounds: raw.rounds } : {}) } : {}),
  };
  const done = (lpObjective: number | null, stage?: string): SolverInfo => ({
    backend,
    ms: performance.now() - t0,
    variables: model.cols.length,
    constraints: model.rows.length,
    ...extra,
    lpObjective,
    reason: ranReason,
    ...(stage !== undefined ? { stage } : {}),
  });
  const plan = (p: Plan) => ({ plan: p, result: res });
  if (res.status === 'aborted' && !res.feasible) {
    return plan(emptyPlan(sc, 'aborted', `aborted during the ${backend} solve`, done(null, 'solver'), presolve));
  }
  if (res.status === 'infeasible') {
    const conflicts = await explainInfeasible(pre.scenario, model, Math.max(0.001, clock.remainingSeconds()));
    const what = conflicts.length > 0 ? conflicts.map((c) => c.message).join('; ') : 'no least-violation explanation was found';
    return plan(unmergePlan(sc, pre, emptyPlan(sc, 'infeasible', `infeasible: ${what}`, done(null), presolve, conflicts)));
  }
  if (res.status === 'unbounded') {
    // Every cost is ≥ 0 and every column ≥ 0, so this is a fault, not an outcome.
    throw new SolverError(`${backend} reported the LP unbounded, which a valid scenario cannot be; please report it`);
  }
  const status = signal?.aborted ? 'aborted' : res.status;
  if (!res.feasible) {
    return plan(emptyPlan(sc, status, status === 'aborted' ? `aborted during the ${backend} solve` : `stopped at the time limit of ${opts.timeLimitSeconds} s during the ${backend} solve, before a feasible plan was found`, done(null, 'solver'), presolve));
  }
  // An abort that came while the solver finished ends the solve here; a finished solve is mapped
  // even when the deadline passed meanwhile (linear work, measured by bench:limits).
  if (signal?.aborted && status !== 'aborted') throw new StageStop('aborted', 'plan');
  const message = raw.milp
    ? milpMessage(status, raw.gap!, raw.lowerBound!, opts)
    : raw.gap !== undefined
      ? status === 'optimal'
        ? `optimal within a relative gap of ${(100 * raw.gap).toPrecision(2)}% (Lagrangian bound ${raw.lowerBound!.toFixed(2)}, ${raw.rounds} rounds)`
        : `stopped after ${raw.rounds} rounds at a relative gap of ${(100 * raw.gap).toPrecision(2)}% (Lagrangian bound ${raw.lowerBound!.toFixed(2)}); the plan is feasible`
      : status === 'optimal'
        ? 'optimal'
        : status === 'aborted'
          ? `aborted during the ${backend} solve; the plan is the best found so far`
          : `stopped at the time limit of ${opts.timeLimitSeconds} s during the ${backend} solve; the plan is feasible but may not be optimal${backend === 'glpk' ? ' (for large coupled models, try backend "decompose")' : ''}`;
  const stage = status === 'optimal' ? undefined : 'solver';
  return plan(withReplicaCopies(sc, unmergePlan(sc, pre, planFromSolution(pre.scenario, model, res.values, res.duals, status, message, done(res.z, stage), presolve))));
}

/** The message of a MILP plan: glpk's branch-and-bound outcome and the gap to the LP relaxation. */
function milpMessage(status: string, gap: number, bound: number, opts: BackendRun['opts']): string {
  const vsBound = `LP-relaxation bound ${bound.toFixed(2)}, gap to it ${(100 * gap).toPrecision(2)}%; shadow prices from the LP with the copy and replica choices fixed`;
  if (status === 'optimal') return `optimal (glpk.js branch and bound, mipgap ${opts.gapTolerance}); ${vsBound}`;
  if (status === 'aborted') return `aborted during the MILP; the plan is the best integer plan found (${vsBound})`;
  return `stopped at the time limit of ${opts.timeLimitSeconds} s during the MILP; the plan is the best integer plan found (${vsBound})`;
}
