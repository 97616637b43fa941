/**
 * The comparison with the baselines for the page (worker side): what `compareStrategies` returns,
 * built from the library's own parts around the optimum the solver worker has already found, so
 * that the optimum is not solved a second time, and the cost-only baseline's solve is reused while
 * only the carbon price or carbon policy changes (that baseline ignores both; it is re-evaluated at
 * the real prices each time, as `costOnlyPlan` does). Same steps as `compareStrategies`: each plan
 * verified against the real scenario (carbon policy breaches listed, any other violation a fault),
 * measured with `planMetrics`, savings by `savingsPercent`. test/demo-plan.test.ts checks the page's
 * comparison against `compareStrategies` in Node.
 */
import { costOnlyScenario, evaluatePlan, nearestPlan, OptionsError, planMetrics, savingsPercent, solve, STRATEGY_DESCRIPTIONS, validateScenario, verifyPlan } from 'suanflow';
import type { BackendName, Comparison, Plan, Savings, Scenario, StrategyMetrics, StrategyName, StrategyResult } from 'suanflow';

/** Rules a baseline may break by design (as in `compareStrategies`): the carbon policy rows and hard demand. */
const POLICY_RULES: ReadonlySet<string> = new Set(['carbon-cap', 'min-green-share', 'site-min-green-share', 'unmet-not-allowed']);

function result(sc: Scenario, name: StrategyName, plan: Plan): StrategyResult {
  const { violations } = verifyPlan(sc, plan);
  const faults = violations.filter((v) => !POLICY_RULES.has(v.rule));
  if (faults.length > 0) {
    const head = faults.slice(0, 3).map((v) => `${v.rule}: ${v.message}`).join('; ');
    throw new Error(`the ${name} plan fails verification (${faults.length} violation${faults.length === 1 ? '' : 's'}): ${head}`);
  }
  return { name, description: STRATEGY_DESCRIPTIONS[name], status: plan.status, message: plan.message, metrics: planMetrics(sc, plan), policyViolations: violations.map((v) => `${v.rule}: ${v.message}`) };
}

function savings(base: StrategyMetrics | null, opt: StrategyMetrics | null): Savings {
  if (base === null || opt === null) return { cost: null, locationCarbon: null, marketCarbon: null };
  return { cost: savingsPercent(base.totalCost, opt.totalCost), locationCarbon: savingsPercent(base.locationTonnes, opt.locationTonnes), marketCarbon: savingsPercent(base.marketTonnes, opt.marketTonnes) };
}

/** The last cost-only solve: its scenario (JSON) and backend, and its plan under carbon price 0. */
let costOnlyCache: { key: string; plan: Plan } | undefined;

/**
 * `compareStrategies(scenario, { backend, includePlans: false })` with `optimal`, the plan that
 * `solve(scenario, { backend })` returned, given instead of solved again.
 */
export async function compareWithOptimum(scenario: Scenario, optimal: Plan, backend: BackendName): Promise<Comparison> {
  const sc = validateScenario(scenario);
  const data = [sc.datasets !== undefined ? 'datasets' : '', sc.models !== undefined ? 'models' : ''].filter(Boolean);
  if (data.length > 0) throw new OptionsError('scenario', `compareStrategies does not model ${data.join(' and ')} (dataset-copy and model-replica choices) yet; solve() does`);
  const blind = costOnlyScenario(sc);
  const key = `${backend}\n${JSON.stringify(blind)}`;
  if (costOnlyCache?.key !== key) costOnlyCache = { key, plan: await solve(blind, { backend }) };
  const nearest = result(sc, 'nearest', nearestPlan(sc));
  const costOnly = result(sc, 'costOnly', evaluatePlan(sc, costOnlyCache.plan));
  const best = result(sc, 'optimal', optimal);
  return {
    scenario: sc.name ?? 'scenario',
    horizonHours: sc.horizonHours,
    carbonPerTonne: sc.prices.carbonPerTonne,
    strategies: { nearest, costOnly, optimal: best },
    savings: { vsNearest: savings(nearest.metrics, best.metrics), vsCostOnly: savings(costOnly.metrics, best.metrics) },
  };
}
