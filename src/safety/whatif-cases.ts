/**
 * The work of `whatIf` that runs in a worker thread (or in this one): a batch of outage cases of one
 * validated scenario, either one warm `sweep` over the batch (network models) or one `solve` per
 * case (coupled models; with decompose, each starting from the base case's multipliers).
 */
import type { Plan } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import { solveVariant, type BackendName } from '../solve/solve.js';
import { sweep, withCapacity } from '../solve/sweep.js';

/** The options of each solve of a batch (a structured-clone-safe subset of `SolveOptions`). */
export interface CaseSolveOptions {
  readonly backend?: BackendName;
  readonly timeLimitSeconds?: number;
  readonly gapTolerance?: number;
  readonly maxRounds?: number;
}

/** One batch: what a worker receives. */
export interface CaseTask {
  /** The base scenario, already validated. */
  readonly scenario: Scenario;
  /** The outages of this batch (site ids). */
  readonly outages: readonly (readonly string[])[];
  /** `sweep`: one warm network sweep over the batch; `solve`: one solve per case. */
  readonly mode: 'sweep' | 'solve';
  readonly solveOptions: CaseSolveOptions;
  /** `decompose`: the base case's multipliers (coupling row name → multiplier). */
  readonly multipliers?: ReadonlyMap<string, number>;
}

/** One solved case: its plan and wall time. */
export interface CaseOutcome {
  readonly outage: readonly string[];
  readonly plan: Plan;
  readonly ms: number;
}

/**
 * The scenario with every listed site down: capacity 0 in every class and hour (the site stays,
 * so references to it stay valid). Plans of `whatIf` cases verify against this scenario.
 */
export function outageScenario(scenario: Scenario, sites: readonly string[]): Scenario {
  const out = withCapacity(scenario, sites, 0);
  return { ...out, name: `${scenario.name ?? 'scenario'} without ${sites.join(', ')}` };
}

/** Solves the batch; `signal` stops it (cases not yet solved come back `aborted`). */
export async function runCaseTask(task: CaseTask, signal?: AbortSignal, onCase?: (o: CaseOutcome) => void): Promise<CaseOutcome[]> {
  const opts = { ...task.solveOptions, ...(signal ? { signal } : {}) };
  const out: CaseOutcome[] = [];
  if (task.mode === 'sweep') {
    const t0 = performance.now();
    const r = await sweep(task.scenario, { outage: task.outages }, opts);
    const each = (performance.now() - t0) / Math.max(1, r.points.length);
    for (const [i, p] of r.points.entries()) {
      const o = { outage: task.outages[i]!, plan: { ...p.plan, scenario: outageScenario(task.scenario, task.outages[i]!).name! }, ms: each };
      out.push(o);
      onCase?.(o);
    }
    return out;
  }
  for (const outage of task.outages) {
    const t0 = performance.now();
    const sc = outageScenario(task.scenario, outage);
    const plan = await solveVariant(sc, opts, task.multipliers ? { initialMultipliers: task.multipliers } : undefined);
    const o = { outage, plan, ms: performance.now() - t0 };
    out.push(o);
    onCase?.(o);
  }
  return out;
}
