/**
 * `solve(scenario)`: validate → latency matrix (wasm) → formulate → backend → Plan.
 * Outcomes are statuses; misuse throws typed errors (see errors.ts).
 */
import { OptionsError, SolverError } from '../errors.js';
import { formulatePlacement, pairLatencies } from '../formulate/placement.js';
import { mergeIdenticalDemands } from '../formulate/presolve.js';
import type { LpModel } from '../formulate/lp-model.js';
import { notNetworkReason } from '../formulate/to-network.js';
import { latencyMatrix } from '../geo/latency-matrix.js';
import type { Plan, SolverInfo } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { explainInfeasible } from './explain-infeasible.js';
import { solveWithFlow } from './flow-backend.js';
import { solveDecomposed, type DecomposeResult } from './decompose.js';
import { solveWithGlpk, type LpResult } from './glpk.js';
import { solveWithHighs } from './highs-backend.js';
import { emptyPlan, planFromSolution, unmergePlan } from './to-plan.js';

/** Names accepted by `SolveOptions.backend`. */
export type BackendName = 'auto' | 'glpk' | 'flow' | 'highs' | 'decompose';

/** Options of `solve`. */
export interface SolveOptions {
  /**
   * Wall-clock limit of the solver stage, seconds. Past it the status is `time_limit`, with the
   * best feasible plan when the backend has one (glpk, decompose; a stopped network simplex has
   * none).
   * @default 300
   */
  readonly timeLimitSeconds?: number;
  /**
   * Aborts the solve; the status is then `aborted`. glpk.js runs in a worker thread when a signal
   * is given (Node) or in its Web Worker (browsers), terminated on abort; the network simplex
   * runs in slices of pivots and checks it (and the time limit) between slices; decompose checks
   * it between rounds (returning its best plan so far); stages check it in between.
   */
  readonly signal?: AbortSignal;
  /**
   * Solver backend. `auto`: network simplex when the model is a network (no bandwidth, green,
   * carbon-cap or green-share rows), else glpk.js; `glpk`: glpk.js simplex always; `flow`: network
   * simplex, and an `OptionsError` when the model is not a network; `highs`: HiGHS (wasm) on the LP
   * text, when the optional `highs` package is installed; `decompose`: green supply priced into
   * network-simplex subproblems by Lagrangian relaxation (for large models whose only coupling is
   * green supply under a carbon price), with the proved gap in `plan.solver.gap`.
   * `plan.solver` says which ran and why.
   * @default "auto"
   */
  readonly backend?: BackendName;
  /** `decompose`: stop when (plan − lower bound) / plan is at most this. @default 0.001 */
  readonly gapTolerance?: number;
  /** `decompose`: most subgradient rounds (one flow solve each). @default 100 */
  readonly maxRounds?: number;
}

/** Defaults of every option of `solve`. */
export const defaultSolveOptions: Required<Omit<SolveOptions, 'signal'>> = {
  timeLimitSeconds: 300,
  backend: 'auto',
  gapTolerance: 0.001,
  maxRounds: 100,
};

const BACKENDS: readonly BackendName[] = ['auto', 'glpk', 'flow', 'highs', 'decompose'];

function checkOptions(options: SolveOptions): Required<Omit<SolveOptions, 'signal'>> {
  const o = { ...defaultSolveOptions, ...options };
  if (!(typeof o.timeLimitSeconds === 'number' && Number.isFinite(o.timeLimitSeconds) && o.timeLimitSeconds > 0)) {
    throw new OptionsError('timeLimitSeconds', `must be a finite number of seconds > 0, got ${String(o.timeLimitSeconds)}`);
  }
  if (!(typeof o.gapTolerance === 'number' && o.gapTolerance >= 0 && o.gapTolerance < 1)) {
    throw new OptionsError('gapTolerance', `must be a number in [0, 1), got ${String(o.gapTolerance)}`);
  }
  if (!(Number.isInteger(o.maxRounds) && o.maxRounds >= 1)) throw new OptionsError('maxRounds', `must be an integer ≥ 1, got ${String(o.maxRounds)}`);
  if (!BACKENDS.includes(o.backend)) {
    throw new OptionsError('backend', `must be one of ${BACKENDS.map((b) => `"${b}"`).join(', ')}, got ${JSON.stringify(o.backend)}`);
  }
  return o;
}

/** Which backend runs a model, and the sentence that says why. */
function chooseBackend(m: LpModel, requested: BackendName): { backend: SolverInfo['backend']; reason: string } {
  const coupling = notNetworkReason(m);
  if (requested === 'glpk') return { backend: 'glpk', reason: 'requested: glpk.js simplex, exact LP with duals' };
  if (requested === 'highs') return { backend: 'highs', reason: 'requested: HiGHS (wasm) on the CPLEX LP text' };
  if (requested === 'decompose') {
    return coupling
      ? { backend: 'decompose', reason: `requested: Lagrangian prices on ${coupling} with network-simplex subproblems` }
      : { backend: 'flow', reason: 'requested decompose, but the model is a network: network simplex (wasm) solves it exactly' };
  }
  if (requested === 'flow') {
    if (coupling) throw new OptionsError('backend', `"flow" needs a network model, but this scenario has ${coupling}; use "glpk" or "auto"`);
    return { backend: 'flow', reason: 'requested: network simplex (wasm) on the network form of the LP' };
  }
  return coupling
    ? { backend: 'glpk', reason: `auto: glpk.js, because ${coupling} couple classes and hours beyond a network` }
    : { backend: 'flow', reason: 'auto: the model is a network, so network simplex (wasm)' };
}

/** Builds the LP of a valid scenario (latency matrix from the wasm kernel, link overrides applied). */
export async function buildModel(sc: Scenario): Promise<LpModel> {
  const geo = await latencyMatrix(sc.origins, sc.sites);
  return formulatePlacement(sc, pairLatencies(sc, geo));
}

/**
 * Places every demand at the least total cost (compute + energy + transfer + carbon + unmet)
 * within latency, data, capacity and policy rules, and prices capacity by the duals.
 * Throws `ScenarioError` for an invalid scenario and `OptionsError` for bad options.
 */
export async function solve(scenario: Scenario, options: SolveOptions = {}): Promise<Plan> {
  const t0 = performance.now();
  const opts = checkOptions(options);
  const sc = validateScenario(scenario);
  const info = (m: LpModel | undefined, backend: SolverInfo['backend'], reason: string, lpObjective: number | null, extra: Partial<SolverInfo> = {}): SolverInfo => ({
    backend,
    ms: performance.now() - t0,
    variables: m?.cols.length ?? 0,
    constraints: m?.rows.length ?? 0,
    ...extra,
    lpObjective,
    reason,
  });
  const pre = mergeIdenticalDemands(sc);
  const presolve = { demands: sc.demands.length, solved: pre.scenario.demands.length, merged: pre.merged };
  if (options.signal?.aborted) return emptyPlan(sc, 'aborted', 'aborted before formulation', info(undefined, 'glpk', 'not started', null), presolve);

  const model = await buildModel(pre.scenario);
  const { backend, reason } = chooseBackend(model, opts.backend);
  if (options.signal?.aborted) return emptyPlan(sc, 'aborted', 'aborted before the solve', info(model, backend, reason, null), presolve);

  const res: LpResult & Partial<Pick<DecomposeResult, 'gap' | 'lowerBound' | 'rounds'>> =
    backend === 'flow'
      ? await solveWithFlow(model, opts.timeLimitSeconds, options.signal)
      : backend === 'highs'
        ? await solveWithHighs(model, opts.timeLimitSeconds)
        : backend === 'decompose'
          ? await solveDecomposed(model, { ...opts, ...(options.signal ? { signal: options.signal } : {}) })
          : await solveWithGlpk(model, opts.timeLimitSeconds, options.signal);
  const extra: Partial<SolverInfo> = {
    ...(res.iterations !== undefined ? { iterations: res.iterations } : {}),
    ...(res.gap !== undefined ? { gap: res.gap, lowerBound: res.lowerBound!, rounds: res.rounds! } : {}),
  };
  const done = (lpObjective: number | null) => info(model, backend, reason, lpObjective, extra);
  if (res.status === 'aborted' && !res.feasible) {
    return emptyPlan(sc, 'aborted', `aborted during the ${backend} solve`, done(null), presolve);
  }
  if (res.status === 'infeasible') {
    const conflicts = await explainInfeasible(pre.scenario, model, opts.timeLimitSeconds);
    const what = conflicts.length > 0 ? conflicts.map((c) => c.message).join('; ') : 'no least-violation explanation was found';
    return unmergePlan(sc, pre, emptyPlan(sc, 'infeasible', `infeasible: ${what}`, done(null), presolve, conflicts));
  }
  if (res.status === 'unbounded') {
    // Every cost is ≥ 0 and every column ≥ 0, so this is a fault, not an outcome.
    throw new SolverError(`${backend} reported the LP unbounded, which a valid scenario cannot be; please report it`);
  }
  const status = options.signal?.aborted ? 'aborted' : res.status;
  if (!res.feasible) {
    return emptyPlan(sc, status, `stopped at the time limit of ${opts.timeLimitSeconds} s before a feasible plan was found`, done(null), presolve);
  }
  const message =
    res.gap !== undefined
      ? status === 'optimal'
        ? `optimal within a relative gap of ${(100 * res.gap).toPrecision(2)}% (Lagrangian bound ${res.lowerBound!.toFixed(2)}, ${res.rounds} rounds)`
        : `stopped after ${res.rounds} rounds at a relative gap of ${(100 * res.gap).toPrecision(2)}% (Lagrangian bound ${res.lowerBound!.toFixed(2)}); the plan is feasible`
      : status === 'optimal'
      ? 'optimal'
      : status === 'aborted'
        ? 'aborted; the plan is the best found so far'
        : `stopped at the time limit of ${opts.timeLimitSeconds} s; the plan is feasible but may not be optimal${backend === 'glpk' ? ' (for large models whose only coupling is green supply, try backend "decompose")' : ''}`;
  return unmergePlan(sc, pre, planFromSolution(pre.scenario, model, res.values, res.duals, status, message, done(res.z), presolve));
}
