/**
 * `solve(scenario)`: validate → latency matrix (wasm) → formulate → glpk.js → Plan.
 * Outcomes are statuses; misuse throws typed errors (see errors.ts).
 */
import { OptionsError } from '../errors.js';
import { formulatePlacement, pairLatencies } from '../formulate/placement.js';
import type { LpModel } from '../formulate/lp-model.js';
import { latencyMatrix } from '../geo/latency-matrix.js';
import type { Plan, SolverInfo } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { explainInfeasible } from './explain-infeasible.js';
import { solveWithGlpk } from './glpk.js';
import { emptyPlan, planFromSolution } from './to-plan.js';

/** Options of `solve`. */
export interface SolveOptions {
  /**
   * Wall-clock limit of the LP solver, seconds. Past it the status is `time_limit`, with the
   * best feasible plan when glpk has one.
   * @default 300
   */
  readonly timeLimitSeconds?: number;
  /**
   * Aborts the solve: checked between stages. glpk.js runs synchronously in Node, so a simplex
   * call already running finishes first; the status is then `aborted`.
   */
  readonly signal?: AbortSignal;
  /** Solver backend; `glpk` (exact LP by simplex) is the one this version has. @default "glpk" */
  readonly backend?: 'glpk';
}

/** Defaults of every option of `solve`. */
export const defaultSolveOptions: Required<Omit<SolveOptions, 'signal'>> = {
  timeLimitSeconds: 300,
  backend: 'glpk',
};

const BACKENDS = ['glpk'] as const;

function checkOptions(options: SolveOptions): Required<Omit<SolveOptions, 'signal'>> {
  const o = { ...defaultSolveOptions, ...options };
  if (!(typeof o.timeLimitSeconds === 'number' && Number.isFinite(o.timeLimitSeconds) && o.timeLimitSeconds > 0)) {
    throw new OptionsError('timeLimitSeconds', `must be a finite number of seconds > 0, got ${String(o.timeLimitSeconds)}`);
  }
  if (!(BACKENDS as readonly string[]).includes(o.backend)) {
    throw new OptionsError('backend', `must be one of ${BACKENDS.map((b) => `"${b}"`).join(', ')}, got ${JSON.stringify(o.backend)}`);
  }
  return o;
}

/** Builds the LP of a valid scenario (latency matrix from the wasm kernel, link overrides applied). */
export async function buildModel(sc: Scenario): Promise<LpModel> {
  const geo = await latencyMatrix(sc.origins, sc.sites);
  return formulatePlacement(sc, pairLatencies(sc, geo));
}

/**
 * Places every demand at the least total cost (compute + energy + transfer + carbon + unmet)
 * within latency, data, capacity and policy rules, and prices capacity by the LP duals.
 * Throws `ScenarioError` for an invalid scenario and `OptionsError` for bad options.
 */
export async function solve(scenario: Scenario, options: SolveOptions = {}): Promise<Plan> {
  const t0 = performance.now();
  const opts = checkOptions(options);
  const sc = validateScenario(scenario);
  const info = (m: LpModel | undefined, lpObjective: number | null, reason: string): SolverInfo => ({
    backend: 'glpk',
    ms: performance.now() - t0,
    variables: m?.cols.length ?? 0,
    constraints: m?.rows.length ?? 0,
    lpObjective,
    reason,
  });
  const reason = 'glpk.js simplex: exact LP with duals';
  if (options.signal?.aborted) return emptyPlan(sc, 'aborted', 'aborted before formulation', info(undefined, null, reason));

  const model = await buildModel(sc);
  if (options.signal?.aborted) return emptyPlan(sc, 'aborted', 'aborted before the LP solve', info(model, null, reason));

  const res = await solveWithGlpk(model, opts.timeLimitSeconds);
  const aborted = options.signal?.aborted === true;
  if (res.status === 'infeasible') {
    const conflicts = await explainInfeasible(sc, model, opts.timeLimitSeconds);
    const what = conflicts.length > 0 ? conflicts.map((c) => c.message).join('; ') : 'no least-violation explanation was found';
    return emptyPlan(sc, 'infeasible', `infeasible: ${what}`, info(model, null, reason), conflicts);
  }
  if (res.status === 'unbounded') {
    // Every cost is ≥ 0 and every column ≥ 0, so this means a fault, not an outcome.
    return emptyPlan(sc, 'aborted', 'glpk.js reported the LP unbounded, which a valid scenario cannot be; please report it', info(model, null, reason));
  }
  const status = aborted ? 'aborted' : res.status;
  if (!res.feasible) {
    return emptyPlan(sc, status, `stopped at the time limit of ${opts.timeLimitSeconds} s before a feasible plan was found`, info(model, null, reason));
  }
  const message =
    status === 'optimal'
      ? 'optimal'
      : status === 'aborted'
        ? 'aborted; the plan is the best found so far'
        : `stopped at the time limit of ${opts.timeLimitSeconds} s; the plan is feasible but may not be optimal`;
  return planFromSolution(sc, model, res.values, res.duals, status, message, info(model, res.z, reason));
}
