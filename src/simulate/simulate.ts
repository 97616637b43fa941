/**
 * Rolling-horizon simulation: every hour h, re-plan hours h … h + look-ahead − 1 from forecasts and
 * the work still to do, commit only hour h against the actual values, and carry the rest forward.
 * The realized cost is compared with perfect foresight (one solve of the whole actual horizon).
 * See ./subproblem.ts for what each re-plan sees and ./ledger.ts for how hours are committed.
 */
import { pairLatencies } from '../formulate/placement.js';
import { latencyMatrix } from '../geo/latency-matrix.js';
import { costOnlyPlan, nearestPlan } from '../compare/baselines.js';
import type { Plan, PlanStatus, SolverInfo } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { rejectSafetyRules } from '../safety/unsupported.js';
import { solve } from '../solve/solve.js';
import { Ledger } from './ledger.js';
import { checkSimulateOptions, type CheckedSimulateOptions } from './options.js';
import { firstHour, shiftMultipliers, solveModel } from './replan.js';
import { buildSubProblem, relaxRaisedRows, simContext } from './subproblem.js';
import type { PerfectForesight, SimulateOptions, SimulationBaselines, SimulationResult, SimulationStep, TimeStats } from './types.js';
import { rejectDataChoices } from '../scenario/data-support.js';

/** How bad a re-plan status is for the simulation as a whole (the worst one is reported). */
const SEVERITY: Readonly<Record<PlanStatus, number>> = { optimal: 0, time_limit: 1, infeasible: 2, aborted: 3, numerical_error: 4 };

function timeStats(ms: readonly number[]): TimeStats {
  if (ms.length === 0) return { total: 0, mean: 0, median: 0, p95: 0, max: 0 };
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const total = ms.reduce((a, b) => a + b, 0);
  return { total, mean: total / ms.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

/** A plan of the whole horizon, summarized as a reference for the realized figures. */
function reference(plan: Plan, ms: number): PerfectForesight {
  return {
    status: plan.status,
    objective: plan.objective,
    costs: plan.costs,
    carbon: plan.carbon,
    unmetUnits: plan.unmet.reduce((a, u) => a + u.amount, 0),
    backend: plan.solver.backend,
    ...(plan.solver.gap !== undefined ? { gap: plan.solver.gap } : {}),
    ms,
  };
}

async function perfectForesight(sc: Scenario, o: CheckedSimulateOptions): Promise<PerfectForesight> {
  const t0 = performance.now();
  const plan = await solve(sc, {
    backend: o.backend,
    timeLimitSeconds: o.timeLimitSeconds,
    gapTolerance: o.gapTolerance,
    ...(o.signal ? { signal: o.signal } : {}),
  });
  return reference(plan, performance.now() - t0);
}

/**
 * The baselines of `suanflow compare` on the actual values, with perfect foresight as well (the
 * nearest rule needs no forecast; the carbon-blind plan is solved on the actual scenario).
 */
async function baselines(sc: Scenario, o: CheckedSimulateOptions): Promise<SimulationBaselines> {
  let t0 = performance.now();
  const nearest = reference(nearestPlan(sc), performance.now() - t0);
  t0 = performance.now();
  const costOnly = reference(await costOnlyPlan(sc, { timeLimitSeconds: o.timeLimitSeconds, ...(o.signal ? { signal: o.signal } : {}) }), performance.now() - t0);
  return { nearest, costOnly };
}

/**
 * Simulates rolling-horizon operation of `scenario` (the actual values) hour by hour: each hour a
 * re-plan over `lookaheadHours` hours from seeded forecasts (relative errors `forecastError`),
 * of which only the first hour is committed and evaluated against the actual values; deferrable
 * work not done is carried forward and counts as unmet once its deadline passes. Returns the
 * realized cost, carbon and unmet demand, the committed schedule as a verifiable Plan, re-plan
 * statistics, and the gap to perfect foresight.
 *
 * With exact forecasts and a look-ahead to the end of the horizon every re-plan continues an
 * optimal plan, so the realized objective equals the perfect-foresight optimum (exact backends).
 *
 * Throws `ScenarioError` for an invalid scenario and `OptionsError` (naming the option) for bad
 * options. Solver outcomes are statuses (see `SimulationResult.status`).
 *
 * @example
 * const r = await simulate(scenarios.eastDataWestComputing, { lookaheadHours: 6, forecastError: { demand: 0.1, green: 0.2 } });
 * console.log(r.objective, r.perfectForesight?.objective, `${r.gapPercent?.toFixed(2)}%`);
 */
export async function simulate(scenario: Scenario, options: SimulateOptions): Promise<SimulationResult> {
  rejectDataChoices(scenario, 'simulate');
  const o = checkSimulateOptions(options);
  const sc = validateScenario(scenario);
  rejectSafetyRules(sc, 'simulate');
  const t0 = performance.now();
  const H = sc.horizonHours;
  const ctx = simContext(sc, pairLatencies(sc, await latencyMatrix(sc.origins, sc.sites)), o);
  const ledger = new Ledger(ctx);
  const steps: SimulationStep[] = [];
  const backends: Partial<Record<SolverInfo['backend'], number>> = {};
  let status: PlanStatus = 'optimal';
  let maxVars = 0;
  let maxRows = 0;
  let warm: Map<string, number> | undefined;

  for (let h = 0; h < H; h++) {
    if (o.signal?.aborted) {
      status = 'aborted';
      break;
    }
    const ts = performance.now();
    const sub = buildSubProblem(ctx, h, Math.min(h + o.lookaheadHours, H), ledger);
    // Decompose starts from the previous re-plan's multipliers (shifted by the hour the window moved).
    let { res, backend, multipliers } = await solveModel(sub.model, o, warm);
    // A green-share deficit carried forward may be out of reach; then plan without making it up.
    if (res.status === 'infeasible' && sub.raisedRows.length > 0) {
      relaxRaisedRows(sub);
      ({ res, backend, multipliers } = await solveModel(sub.model, o, warm));
    }
    warm = multipliers ? shiftMultipliers(multipliers) : undefined;
    const first = firstHour(sub, res, sc.sites.length);
    const done = ledger.commit(h, first);
    const stepStatus: PlanStatus = res.status === 'optimal' ? 'optimal' : res.status === 'infeasible' ? 'infeasible' : res.status === 'aborted' ? 'aborted' : 'time_limit';
    if (SEVERITY[stepStatus] > SEVERITY[status]) status = stepStatus;
    backends[backend] = (backends[backend] ?? 0) + 1;
    maxVars = Math.max(maxVars, sub.model.cols.length);
    maxRows = Math.max(maxRows, sub.model.rows.length);
    const step: SimulationStep = {
      hour: h,
      hours: sub.to - sub.from,
      status: stepStatus,
      backend,
      ms: performance.now() - ts,
      variables: sub.model.cols.length,
      constraints: sub.model.rows.length,
      ...done,
    };
    steps.push(step);
    o.onStep?.(step);
  }

  const wallMs = performance.now() - t0;
  const mostUsed = (Object.entries(backends) as [SolverInfo['backend'], number][]).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'glpk';
  const stats = timeStats(steps.map((s) => s.ms));
  const hoursSimulated = ledger.hoursCommitted;
  const message =
    status === 'aborted'
      ? `aborted after ${hoursSimulated} of ${H} hours; realized figures cover the hours committed`
      : `rolling horizon: ${steps.length} re-plans looking ${o.lookaheadHours} h ahead; ` +
        (status === 'optimal' ? 'every re-plan solved to optimality' : status === 'time_limit' ? 'some re-plans stopped at their time limit' : 'some re-plans had no feasible plan (nothing committed in those hours)');
  const solver: SolverInfo = {
    backend: mostUsed,
    ms: wallMs,
    variables: maxVars,
    constraints: maxRows,
    lpObjective: null,
    reason: `rolling-horizon simulation; re-plans per backend: ${Object.entries(backends).map(([b, n]) => `${b} ${n}`).join(', ') || 'none'}`,
  };
  const plan = ledger.toPlan(status, message, solver);

  const pf = o.perfectForesight && status !== 'aborted' ? await perfectForesight(sc, o) : null;
  const base = o.perfectForesight && status !== 'aborted' ? await baselines(sc, o) : null;
  const realized = plan.objective!;
  const gapPercent = pf?.objective != null ? (100 * (realized - pf.objective)) / Math.max(1e-9, Math.abs(pf.objective)) : null;
  return {
    status,
    message,
    scenario: sc.name ?? 'scenario',
    horizonHours: H,
    hoursSimulated,
    lookaheadHours: o.lookaheadHours,
    seed: o.seed,
    forecastError: { demand: o.demandError, green: o.greenError },
    noisyCurrentHour: o.noisyCurrentHour,
    objective: realized,
    costs: plan.costs!,
    carbon: plan.carbon!,
    unmet: { interactive: ledger.unmetInteractive, deferrable: ledger.unmetDeferrable, total: ledger.unmetInteractive + ledger.unmetDeferrable },
    plan,
    replans: steps.length,
    solveMs: stats,
    backends,
    backend: mostUsed,
    wallMs,
    steps,
    perfectForesight: pf,
    gapPercent,
    baselines: base,
  };
}
