/**
 * The comparison with the baselines for the page (worker side): `compareStrategies` with the
 * optimum the solver worker has already found passed in (`optimalPlan`), so that the optimum is not
 * solved a second time; the library verifies it like the baselines, measures every strategy and
 * ranks them on both carbon signals. test/demo-plan.test.ts checks the page's comparison against
 * `compareStrategies` in Node.
 */
import { compareStrategies } from 'suanflow';
import type { BackendName, Comparison, Plan, Scenario } from 'suanflow';

/**
 * `compareStrategies(scenario, { backend, includePlans: false })` with `optimal`, the plan that
 * `solve(scenario, { backend })` returned, given instead of solved again.
 */
export function compareWithOptimum(scenario: Scenario, optimal: Plan, backend: BackendName): Promise<Comparison> {
  return compareStrategies(scenario, { backend, includePlans: false, optimalPlan: optimal });
}
