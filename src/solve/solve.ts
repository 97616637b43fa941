/**
 * `solve(scenario)`: validate → latency matrix (wasm) → size estimate → formulate → backend →
 * Plan → self-check. Outcomes are statuses; misuse throws typed errors (see errors.ts). The time
 * limit and the signal cover every stage (see clock.ts).
 */
import { OptionsError } from '../errors.js';
import { countModel, type ModelCounts } from '../formulate/estimate.js';
import type { LpModel } from '../formulate/lp-model.js';
import { formulatePlacement, formulatePlacementAsync, pairLatencies } from '../formulate/placement.js';
import { mergeIdenticalDemands, type Presolved } from '../formulate/presolve.js';
import { couplingKinds, notNetworkReason } from '../formulate/to-network.js';
import { DUALIZED_KINDS } from './decompose-rows.js';
import { latencyMatrix } from '../geo/latency-matrix.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import type { Plan, PresolveInfo, SolverInfo } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { SolveClock, StageStop } from './clock.js';
import { runBackend, type DecomposeWarm, type ExactBackend } from './run-backend.js';
import { selfCheckPlan, numericalErrorPlan, type SelfCheck } from './self-check.js';
import { checkModelSize, defaultMaxMemoryMB } from './size-limit.js';
import { highsAvailable } from './highs-backend.js';
import { networkSimplexSolver } from '../flow/network-simplex-wasm.js';
import { emptyPlan } from './to-plan.js';
import { hasIntegerColumns } from './glpk-milp.js';
import { milpBackend } from './milp-backend.js';
import { solveSecure } from '../safety/secure.js';
import { buildDirect, runDirectFlow } from './direct-flow.js';
import { faultInstalled } from './backend-seam.js';

/** Names accepted by `SolveOptions.backend`. */
export type BackendName = 'auto' | 'glpk' | 'flow' | 'highs' | 'decompose';

/** Options of `solve`. */
export interface SolveOptions {
  /**
   * Wall-clock limit of the whole `solve` (validation, latency matrix, formulation, solver, plan),
   * seconds. Past it the status is `time_limit`, with the best feasible plan when the backend has
   * one (glpk, decompose; a stopped network simplex has none) and the stage that was cut in
   * `message` and `solver.stage`. Control comes back within about max(10% of the limit, 250 ms)
   * of the deadline (`npm run bench:limits` measures it); HiGHS runs on the calling thread and
   * honours only its own `time_limit` and the checks between stages.
   * @default 300
   */
  readonly timeLimitSeconds?: number;
  /**
   * Aborts the solve; the status is then `aborted`. glpk.js runs in a worker thread when a signal
   * is given (Node) or in its Web Worker (browsers), terminated on abort; the network simplex
   * runs in slices of pivots and checks it (and the time limit) between slices; decompose checks
   * it between rounds and slices (returning its best plan so far); formulation checks it between
   * chunks of work, yielding to the event loop; stages check it in between.
   */
  readonly signal?: AbortSignal;
  /**
   * Solver backend. `auto`: network simplex when the model is a network (no bandwidth, green,
   * carbon-cap or green-share rows), else glpk.js, or decompose for a coupled model of at least
   * {@link AUTO_DECOMPOSE_MIN_COLUMNS} columns; `glpk`: glpk.js simplex always; `flow`: network
   * simplex, and an `OptionsError` when the model is not a network; `highs`: HiGHS (wasm) on the LP
   * text, when the optional `highs` package is installed; `decompose`: every coupling row (green
   * supply, carbon cap, green shares, bandwidth, backbone) priced into network-simplex subproblems
   * by Lagrangian relaxation, column generation on the flows' columns, the proved gap in
   * `plan.solver.gap`.
   * `plan.solver` says which ran and why. Replicated demands (`replicas` > 1) add replica-group
   * rows and `policy.survive` adds N-1 recourse blocks: neither is a network, so `auto` uses glpk.js
   * for them (`survive`: by constraint generation, see `plan.security`), `highs` works too, and
   * `flow` and `decompose` are an `OptionsError`.
   * @default "auto"
   */
  readonly backend?: BackendName;
  /**
   * `decompose`: stop when (plan − lower bound) / plan is at most this; a MILP (dataset copies,
   * model replicas): glpk.js's `mipgap`. @default 0.001
   */
  readonly gapTolerance?: number;
  /** `decompose`: most subgradient rounds (one flow solve each). @default 100 */
  readonly maxRounds?: number;
  /**
   * JS heap the model may take, MB. Before formulating, the model's columns, rows, nonzeros and
   * arcs are counted from the scenario and turned into bytes for the chosen backend; a model over
   * this limit, or over the backend's 2 GiB of WebAssembly memory, is refused with a
   * `ModelSizeError` that names the size, the limit and what to do instead.
   * @default 75% of V8's heap limit in Node (`v8.getHeapStatistics().heap_size_limit`), 2048 elsewhere (see `defaultMaxMemoryMB()`)
   */
  readonly maxMemoryMB?: number;
}

/** Defaults of the options of `solve` (`maxMemoryMB`: see `defaultMaxMemoryMB()`). */
export const defaultSolveOptions: Required<Omit<SolveOptions, 'signal' | 'maxMemoryMB'>> = {
  timeLimitSeconds: 300,
  backend: 'auto',
  gapTolerance: 0.001,
  maxRounds: 100,
};

/** Every option name of `solve` (unknown names are an `OptionsError`). */
export const SOLVE_OPTION_NAMES = optionNames<SolveOptions>()('timeLimitSeconds', 'signal', 'backend', 'gapTolerance', 'maxRounds', 'maxMemoryMB');

const BACKENDS: readonly BackendName[] = ['auto', 'glpk', 'flow', 'highs', 'decompose'];

type CheckedOptions = Required<Omit<SolveOptions, 'signal' | 'maxMemoryMB'>> & { readonly maxMemoryMB: number | undefined };

function checkOptions(options: SolveOptions): CheckedOptions {
  rejectUnknownOptions('solve', options, SOLVE_OPTION_NAMES);
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
  const mm = options.maxMemoryMB;
  if (mm !== undefined && !(typeof mm === 'number' && Number.isFinite(mm) && mm > 0)) {
    throw new OptionsError('maxMemoryMB', `must be a finite number of MB > 0, got ${String(mm)}`);
  }
  if (options.signal !== undefined && !(typeof options.signal === 'object' && options.signal !== null && 'aborted' in options.signal)) {
    throw new OptionsError('signal', 'must be an AbortSignal');
  }
  return { timeLimitSeconds: o.timeLimitSeconds, backend: o.backend, gapTolerance: o.gapTolerance, maxRounds: o.maxRounds, maxMemoryMB: mm };
}

/** Which backend runs a model, and the sentence that says why. */
function chooseBackend(m: LpModel, requested: BackendName): { backend: ExactBackend; reason: string } {
  const milp = milpBackend(m, requested);
  if (milp) return milp;
  const coupling = notNetworkReason(m);
  if (requested === 'glpk') return { backend: 'glpk', reason: 'requested: glpk.js, the exact LP with duals' };
  if (requested === 'highs') return { backend: 'highs', reason: 'requested: HiGHS (wasm), the exact LP from its CPLEX LP text' };
  if (requested === 'decompose') {
    return coupling
      ? { backend: 'decompose', reason: `requested: decompose; ${coupling} priced by Lagrangian multipliers over network-simplex subproblems, with a proved gap` }
      : { backend: 'flow', reason: 'requested decompose, but the model is a network, so the network simplex (wasm) solves it exactly' };
  }
  if (requested === 'flow') {
    if (coupling) throw new OptionsError('backend', `"flow" needs a network model, but this scenario has ${coupling}; use "glpk" or "auto"`);
    return { backend: 'flow', reason: 'requested: the network simplex (wasm), exact on the network form of the LP' };
  }
  if (coupling && m.cols.length >= AUTO_DECOMPOSE_MIN_COLUMNS && couplingDecomposable(m)) {
    return { backend: 'decompose', reason: `auto: the model has ${coupling} and ${m.cols.length} columns (≥ ${AUTO_DECOMPOSE_MIN_COLUMNS}, where glpk.js takes tens of seconds), so decompose prices the coupling rows over network-simplex subproblems, with a proved gap` };
  }
  return coupling
    ? { backend: 'glpk', reason: `auto: the model has ${coupling}, which a min-cost flow network cannot hold, so glpk.js solves the LP exactly` }
    : { backend: 'flow', reason: 'auto: the model is a min-cost flow network, so the network simplex (wasm) solves it exactly' };
}

/** The backend the counts point to (the size check runs before the model exists). */
function likelyBackend(c: ModelCounts, requested: BackendName): ExactBackend {
  if (requested === 'glpk' || requested === 'highs') return requested;
  if (requested === 'decompose') return c.coupled ? 'decompose' : 'flow';
  if (requested === 'flow') return 'flow';
  return c.coupled ? (c.columns >= AUTO_DECOMPOSE_MIN_COLUMNS ? 'decompose' : 'glpk') : 'flow';
}

/**
 * `auto` runs decompose on a coupled model with at least this many columns (and only coupling
 * rows decompose dualizes: no MILP, replica-group or N-1 rows); below it glpk.js. The built-in
 * day (19,527 columns) stays with glpk.js, the built-in week (136,689) goes to decompose.
 */
export const AUTO_DECOMPOSE_MIN_COLUMNS = 50_000;

/** Whether every non-network row of `m` is one decompose dualizes. */
function couplingDecomposable(m: LpModel): boolean {
  return [...couplingKinds(m)].every((k) => DUALIZED_KINDS.has(k)) && !m.cols.some((c) => c.integer);
}

/** Builds the LP of a valid scenario (latency matrix from the wasm kernel, link overrides applied). */
export async function buildModel(sc: Scenario): Promise<LpModel> {
  const geo = await latencyMatrix(sc.origins, sc.sites);
  return formulatePlacement(sc, pairLatencies(sc, geo));
}

/** Bytes of network-simplex memory for a network (the wasm solver's own layout where there is one). */
async function flowBytesFn(): Promise<(nodes: number, arcs: number) => number> {
  const solver = (await networkSimplexSolver()) as { bytesFor?: (n: number, m: number) => number };
  return (n, m) => (typeof solver.bytesFor === 'function' ? solver.bytesFor(n, m) : 64 * (n + m));
}

/** The other exact backend that can re-solve a model whose plan failed the self-check, if any. */
async function otherBackend(m: LpModel, failed: ExactBackend): Promise<ExactBackend | undefined> {
  if (hasIntegerColumns(m)) return undefined;
  if (failed === 'flow' || failed === 'highs' || failed === 'decompose') return 'glpk';
  if (await highsAvailable()) return 'highs';
  return notNetworkReason(m) ? undefined : 'flow';
}

const summary = (check: SelfCheck) => `${check.violations.length} violation${check.violations.length === 1 ? '' : 's'}, first: ${check.violations[0]?.rule}: ${check.violations[0]?.message}`;

/**
 * Places every demand at the least total cost (compute + energy + transfer + carbon + unmet)
 * within latency, data, capacity and policy rules, and prices capacity by the duals.
 * Throws `ScenarioError` for an invalid scenario, `OptionsError` for bad options and
 * `ModelSizeError` when the model would not fit (see `maxMemoryMB`).
 */
export async function solve(scenario: Scenario, options: SolveOptions = {}): Promise<Plan> {
  return solveWith(scenario, options, validateScenario);
}

/**
 * `solve` of a scenario the caller has already validated, or of a variant of a valid one that
 * validation would refuse only because a site is out (capacity 0), so that some demand has no site
 * left: its work is then unmet (or the plan infeasible), which is what what-if analysis asks.
 * Internal (not exported from the package); `warm` passes decompose multipliers in and out.
 */
export function solveVariant(sc: Scenario, options: SolveOptions = {}, warm?: DecomposeWarm): Promise<Plan> {
  return solveWith(sc, options, (s) => s, warm);
}

async function solveWith(scenario: Scenario, options: SolveOptions, validate: (s: Scenario) => Scenario, warm?: DecomposeWarm): Promise<Plan> {
  const t0 = performance.now();
  const opts = checkOptions(options);
  const clock = new SolveClock(opts.timeLimitSeconds, options.signal, t0);
  const sc = validate(scenario);
  const secure = sc.policy?.survive !== undefined;
  if (secure && (opts.backend === 'flow' || opts.backend === 'decompose')) {
    throw new OptionsError('backend', `"${opts.backend}" cannot solve policy.survive (the N-1 recourse blocks couple the model); use "glpk", "highs" or "auto"`);
  }
  // N-1 recourse is per demand: no merging when the plan must survive outages.
  const pre: Presolved = secure ? { scenario: sc, groups: new Map(), merged: 0 } : mergeIdenticalDemands(sc);
  const presolve: PresolveInfo = { demands: sc.demands.length, solved: pre.scenario.demands.length, merged: pre.merged };
  let model: LpModel | undefined;
  let backend: ExactBackend = 'glpk';
  let reason = 'not started';
  const info = (stage: string): SolverInfo => ({ backend, ms: performance.now() - t0, variables: model?.cols.length ?? 0, constraints: model?.rows.length ?? 0, lpObjective: null, reason, stage });
  try {
    clock.check('validation');
    const geo = await latencyMatrix(pre.scenario.origins, pre.scenario.sites);
    const latency = pairLatencies(pre.scenario, geo);
    await clock.pause('latency matrix');
    const maxMemoryMB = opts.maxMemoryMB ?? (await defaultMaxMemoryMB());
    const flowBytes = await flowBytesFn();
    // The size check runs before any model or network array exists: on the direct path from the
    // builder's first pass (the same figures as countModel, without a scan of its own), else here.
    const sized: { counts?: ModelCounts } = {};
    const sizeCheck = (c: ModelCounts) => {
      sized.counts = c;
      checkModelSize(c, likelyBackend(c, opts.backend), maxMemoryMB, flowBytes);
    };
    if ((opts.backend === 'flow' || opts.backend === 'auto') && !faultInstalled()) {
      // The network straight from the scenario, when it is one and every field is handled.
      const built = await buildDirect(pre, latency, clock, false, sizeCheck);
      if (built.ok) {
        backend = 'flow';
        reason = `${opts.backend === 'flow' ? 'requested: the network simplex (wasm), exact on the network form of the LP' : 'auto: the model is a min-cost flow network, so the network simplex (wasm) solves it exactly'}; network built directly from the scenario`;
        await clock.pause('network form');
        const plan = await runDirectFlow({ sc, pre, dn: built.network, latency, reason, timeLimitSeconds: opts.timeLimitSeconds, clock, presolve, t0 });
        if (plan && plan.objective === null) return plan;
        if (plan) {
          const check = selfCheckPlan(sc, plan);
          if (check.ok) return withCheck(plan, check);
        }
        // Infeasible, unbounded or a plan that failed the self-check: the LP model path decides.
      }
    }
    if (sized.counts === undefined) {
      sizeCheck(countModel(pre.scenario, latency));
      await clock.pause('size estimate');
    }
    const counts = sized.counts!;
    model = await formulatePlacementAsync(pre.scenario, latency, clock.pauser('formulation'));
    if (secure) {
      backend = opts.backend === 'highs' ? 'highs' : 'glpk';
      reason = `${opts.backend === 'auto' ? 'auto' : 'requested'}: policy.survive adds N-1 recourse blocks that couple the model, so ${backend === 'glpk' ? 'glpk.js' : 'HiGHS'} solves it by constraint generation`;
      await clock.pause('formulation');
      const plan = await solveSecure({ sc, latency, model, backend, reason, opts, clock, presolve, t0 });
      if (plan.objective === null) return plan;
      const check = selfCheckPlan(sc, plan);
      return check.ok ? withCheck(plan, check) : numericalErrorPlan(sc, plan, check, `the N-1-secure ${backend} plan failed the self-check (${summary(check)})`);
    }
    ({ backend, reason } = chooseBackend(model, opts.backend));
    await clock.pause('formulation');

    const first = await runBackend({ sc, pre, model, backend, reason, opts, clock, presolve, t0, ...(warm ? { warm } : {}) });
    if (first.plan.objective === null) return first.plan;
    const check = selfCheckPlan(sc, first.plan);
    if (check.ok) return withCheck(first.plan, check);
    // Never "optimal" with a wrong plan: re-solve with the other exact backend where one exists.
    const other = await otherBackend(model, backend);
    let fits = other !== undefined;
    if (other !== undefined) {
      try {
        checkModelSize(counts, other, maxMemoryMB, flowBytes);
      } catch {
        fits = false;
      }
    }
    if (other === undefined || !fits || clock.stopped()) {
      const why = other === undefined ? 'no other exact backend can solve this model' : !fits ? `the other exact backend (${other}) cannot hold the model` : 'no time was left to retry';
      return numericalErrorPlan(sc, first.plan, check, `the ${backend} plan failed the self-check (${summary(check)}); ${why}`);
    }
    const retryReason = `retried with ${other} because the ${backend} plan failed the self-check (${summary(check)})`;
    const second = await runBackend({ sc, pre, model, backend: other, reason: retryReason, opts, clock, presolve, t0 });
    const retried = { ...second.plan, solver: { ...second.plan.solver, retriedFrom: backend } };
    if (retried.objective === null) return retried;
    const check2 = selfCheckPlan(sc, retried);
    if (check2.ok) return withCheck(retried, { ...check2, ms: check.ms + check2.ms });
    return numericalErrorPlan(sc, retried, check2, `the ${backend} plan failed the self-check (${summary(check)}), and so did the ${other} plan (${summary(check2)})`);
  } catch (e) {
    if (!(e instanceof StageStop)) throw e;
    const where = e.stage === 'solver' ? `the ${backend} solve` : `the ${e.stage}`;
    const message =
      e.status === 'aborted'
        ? `aborted during ${where}`
        : `stopped at the time limit of ${opts.timeLimitSeconds} s during ${where}, before a feasible plan was found`;
    return emptyPlan(sc, e.status, message, info(e.stage), presolve);
  }
}

/** The plan with the self-check's time in `solver.selfCheckMs` (and in `solver.ms`). */
function withCheck(plan: Plan, check: SelfCheck): Plan {
  return { ...plan, solver: { ...plan.solver, ms: plan.solver.ms + check.ms, selfCheckMs: check.ms } };
}
