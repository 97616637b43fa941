/**
 * `compareStrategies`: the same demand placed three ways (nearest site, cost-optimal ignoring
 * carbon, suanflow's optimum), every plan verified against the real scenario and measured alike.
 */
import { OptionsError, SolverError } from '../errors.js';
import { rejectUnknownOptions } from '../options.js';
import type { Plan } from '../plan/types.js';
import { verifyPlan, type ViolationRule } from '../plan/verify.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { solve, SOLVE_OPTION_NAMES } from '../solve/solve.js';
import { costOnlyPlan, nearestPlan } from './baselines.js';
import { planMetrics } from './metrics.js';
import { defaultCompareOptions, type CompareOptions, type Comparison, type Savings, type StrategyMetrics, type StrategyName, type StrategyResult } from './types.js';
import { rejectDataChoices } from '../scenario/data-support.js';
import { carbonSignalOf } from '../scenario/carbon-signal.js';
import { marginalMissing } from '../plan/marginal.js';
import { signalRanking } from './ranking.js';

/** What each strategy does, in one sentence (the report's statement of assumptions). */
export const STRATEGY_DESCRIPTIONS: Readonly<Record<StrategyName, string>> = {
  nearest: 'nearest: each unit at the least-latency feasible site with room, filled greedily hour by hour (deferrable work as early as possible); prices and carbon ignored',
  costOnly: 'cost-only: least cost with carbon price 0 and no carbon cap or green shares, then costed at the real carbon price',
  optimal: "optimal: suanflow's least-cost plan of the scenario as given (carbon price and policy rows included)",
};

/**
 * Rules a baseline may break by design: the scenario's carbon policy rows, and hard demand
 * (`allowUnmet: false`) that the nearest rule cannot always serve. Any other violation is a fault.
 */
const POLICY_RULES: ReadonlySet<ViolationRule> = new Set<ViolationRule>(['carbon-cap', 'min-green-share', 'site-min-green-share', 'unmet-not-allowed']);

/** 100 · (baseline − optimum) / baseline; 0 when both are 0; null when undefined. */
export function savingsPercent(baseline: number, optimum: number): number | null {
  if (baseline === 0) return optimum === 0 ? 0 : null;
  return (100 * (baseline - optimum)) / baseline;
}

function savings(base: StrategyMetrics | null, opt: StrategyMetrics | null): Savings {
  if (base === null || opt === null) return { cost: null, locationCarbon: null, marketCarbon: null, marginalCarbon: null };
  return {
    cost: savingsPercent(base.totalCost, opt.totalCost),
    locationCarbon: savingsPercent(base.locationTonnes, opt.locationTonnes),
    marketCarbon: savingsPercent(base.marketTonnes, opt.marketTonnes),
    marginalCarbon: base.marginalTonnes === null || opt.marginalTonnes === null ? null : savingsPercent(base.marginalTonnes, opt.marginalTonnes),
  };
}

/** Verifies, splits policy breaches from faults, measures. */
function result(sc: Scenario, name: StrategyName, plan: Plan, includePlan: boolean): StrategyResult {
  const { violations } = verifyPlan(sc, plan);
  const faults = violations.filter((v) => !POLICY_RULES.has(v.rule));
  if (faults.length > 0) {
    const head = faults.slice(0, 3).map((v) => `${v.rule}: ${v.message}`).join('; ');
    throw new SolverError(`the ${name} plan fails verification (${faults.length} violation${faults.length === 1 ? '' : 's'}): ${head}`);
  }
  return {
    name,
    description: STRATEGY_DESCRIPTIONS[name],
    status: plan.status,
    message: plan.message,
    metrics: planMetrics(sc, plan),
    policyViolations: violations.map((v) => `${v.rule}: ${v.message}`),
    ...(includePlan ? { plan } : {}),
  };
}

/**
 * Places the scenario's demand three ways and compares them under the real prices:
 * (a) `nearest` — {@link nearestPlan}; (b) `costOnly` — {@link costOnlyPlan} (carbon price 0 and no
 * carbon cap or green shares, then evaluated at the real prices); (c) `optimal` — `solve(scenario)`.
 * Each plan is checked by `verifyPlan` against the real scenario: breaches of the carbon policy rows
 * (and of `allowUnmet: false`) are listed in `policyViolations`; any other violation is a fault and
 * throws `SolverError`. Savings are those of (c) against (a) and (b), in percent.
 *
 * `options` are those of `solve` (used for both solves) plus `includePlans` and `optimalPlan` (the
 * optimum already solved, verified like the baselines, instead of a second solve). Throws
 * `ScenarioError` for an invalid scenario, `OptionsError` for bad options. Solver outcomes (time
 * limit, infeasible) are statuses: a strategy without a plan has `metrics: null`.
 *
 * @example
 * const c = await compareStrategies(scenarios.eastDataWestComputing, { includePlans: false });
 * c.savings.vsCostOnly.marketCarbon; // % of market-based CO2 the optimum saves
 */
export async function compareStrategies(scenario: Scenario, options: CompareOptions = {}): Promise<Comparison> {
  rejectDataChoices(scenario, 'compareStrategies');
  rejectUnknownOptions('compareStrategies', options, ['includePlans', 'optimalPlan', ...SOLVE_OPTION_NAMES]);
  const { includePlans = defaultCompareOptions.includePlans, optimalPlan, ...solveOptions } = options;
  if (typeof includePlans !== 'boolean') throw new OptionsError('includePlans', `must be true or false, got ${JSON.stringify(includePlans)}`);
  if (optimalPlan !== undefined && (typeof optimalPlan !== 'object' || optimalPlan === null || !Array.isArray((optimalPlan as Plan).assignments))) {
    throw new OptionsError('optimalPlan', 'must be a Plan that solve() returned for this scenario');
  }
  const sc = validateScenario(scenario);
  const nearest = result(sc, 'nearest', nearestPlan(sc), includePlans);
  const costOnly = result(sc, 'costOnly', await costOnlyPlan(sc, solveOptions), includePlans);
  const optimal = result(sc, 'optimal', optimalPlan ?? (await solve(sc, solveOptions)), includePlans);
  const ranking = signalRanking([nearest, costOnly, optimal], sc.prices.carbonPerTonne);
  const note = marginalMissing(sc);
  return {
    scenario: sc.name ?? 'scenario',
    horizonHours: sc.horizonHours,
    carbonPerTonne: sc.prices.carbonPerTonne,
    strategies: { nearest, costOnly, optimal },
    savings: { vsNearest: savings(nearest.metrics, optimal.metrics), vsCostOnly: savings(costOnly.metrics, optimal.metrics) },
    carbonSignal: carbonSignalOf(sc),
    ranking,
    ...(ranking === null ? { rankingNote: `no ranking on the marginal signal: ${note ?? 'a strategy has no marginal tonnes'}` } : {}),
  };
}
