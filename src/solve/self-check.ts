/**
 * The self-check: every plan a backend returns goes through the independent verifier's core checks before it is
 * handed out (linear in the plan: one pass over assignments, unmet entries, energy and utilization
 * rows). A plan that fails is never returned as `optimal`.
 */
import { verifyPlan, type Violation } from '../plan/verify.js';
import type { Plan } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import { emptyPlan } from './to-plan.js';

/** Outcome of the self-check of one plan. */
export interface SelfCheck {
  readonly ok: boolean;
  readonly violations: readonly Violation[];
  /** Wall time of the check, ms. */
  readonly ms: number;
}

/** Most violations a `numerical_error` plan lists (the message gives the count). */
export const MAX_LISTED_VIOLATIONS = 20;

/** Checks `plan` against the (original, unmerged) scenario with the verifier. */
export function selfCheckPlan(sc: Scenario, plan: Plan): SelfCheck {
  const t = performance.now();
  const { ok, violations } = verifyPlan(sc, plan, { mode: 'core' });
  return { ok, violations, ms: performance.now() - t };
}

/** Status `numerical_error`: no plan, the violations found and a message that says what happened. */
export function numericalErrorPlan(sc: Scenario, failed: Plan, check: SelfCheck, why: string): Plan {
  const solver = { ...failed.solver, ms: failed.solver.ms + check.ms, selfCheckMs: check.ms };
  const plan = emptyPlan(sc, 'numerical_error', `numerical error: ${why}; no plan is returned`, solver, failed.presolve);
  return { ...plan, violations: check.violations.slice(0, MAX_LISTED_VIOLATIONS) };
}
