/**
 * Features that model replicas or N-1 security only through `solve` (rolling-horizon simulation,
 * placement-rule baselines) refuse scenarios that use them, instead of silently dropping the rule.
 */
import { ScenarioError, type ScenarioIssue } from '../errors.js';
import type { Scenario } from '../scenario/types.js';

/** Throws `ScenarioError` (rule `unsupported`) when `sc` uses `replicas` > 1 or `policy.survive`. */
export function rejectSafetyRules(sc: Scenario, what: string): void {
  const issues: ScenarioIssue[] = [];
  sc.demands.forEach((d, i) => {
    if ((d.replicas ?? 1) > 1) issues.push({ path: `demands[${i}].replicas`, rule: 'unsupported', message: `${what} does not model replicas; use solve` });
  });
  if (sc.policy?.survive !== undefined) issues.push({ path: 'policy.survive', rule: 'unsupported', message: `${what} does not model N-1 security; use solve` });
  if (issues.length > 0) throw new ScenarioError(issues);
}
