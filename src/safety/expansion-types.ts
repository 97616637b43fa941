/** Types of `expand`: two-stage stochastic capacity expansion (MILP). */
import type { Plan } from '../plan/types.js';
import type { ComputeClass } from '../scenario/types.js';

/** Options of `expand`. */
export interface ExpandOptions {
  /** Wall-clock limit of the stochastic MILP, seconds; past it the status is `time_limit` with the best integer plan. @default 60 */
  readonly timeLimitSeconds?: number;
  /** Also compute the value of the stochastic solution (a mean-scenario MILP and one LP). @default true */
  readonly vss?: boolean;
  /** Keep each scenario's Plan in `scenarios[].plan`. @default false */
  readonly includePlans?: boolean;
}

/** Modules chosen of one candidate. */
export interface BuiltModules {
  readonly site: string;
  readonly class: ComputeClass;
  /** The candidate's name (default `site/class#index`). */
  readonly name: string;
  /** Index into `expansion.candidates`. */
  readonly candidate: number;
  readonly count: number;
  /** count × moduleCapacity, units per hour. */
  readonly capacity: number;
  /** count × fixedCost, CNY. */
  readonly cost: number;
}

/** One demand scenario under the chosen build. */
export interface ExpansionScenarioResult {
  readonly name: string;
  readonly probability: number;
  /** The scenario's plan objective (as for `solve`), CNY. */
  readonly objective: number | null;
  /** The scenario's plan (`includePlans` only); verify it against `expandedScenario(scenario, result, name)`. */
  readonly plan?: Plan;
}

/** The value of the stochastic solution. */
export interface ValueOfStochasticSolution {
  /** Expected cost of building for the mean scenario (its modules fixed, operated in every scenario), CNY. */
  readonly expectedCostOfMeanBuild: number;
  /** The modules of the mean-scenario expansion. */
  readonly meanModules: readonly { readonly candidate: number; readonly count: number }[];
  /** expectedCostOfMeanBuild − objective, CNY (≥ 0 up to the gaps when both are optimal). */
  readonly value: number;
}

/** Outcome of `expand`. */
export interface ExpansionResult {
  /** `optimal`: gap ≤ mipGap; `time_limit`: the best integer plan when the limit ended the search (or none). */
  readonly status: 'optimal' | 'time_limit' | 'infeasible' | 'numerical_error';
  readonly message: string;
  /** Σ fixedCost · n + Σ_k probability_k · scenario objective_k, CNY (null without a plan). */
  readonly objective: number | null;
  /**
   * Relative gap the objective is proved within: ≤ mipGap when optimal (glpk's own test); at a time
   * limit (objective − LP-relaxation bound) / |objective|, which is an upper bound on the true gap.
   */
  readonly gap: number | null;
  /** The modules with a count > 0. */
  readonly modules: readonly BuiltModules[];
  /** Σ fixedCost · n, CNY. */
  readonly buildCost: number | null;
  readonly scenarios: readonly ExpansionScenarioResult[];
  /** Candidates excluded by `policy.maxNewPue` (their maxModules taken as 0). */
  readonly excluded: readonly { readonly candidate: number; readonly reason: string }[];
  /** The value of the stochastic solution (absent with `vss: false` or without a plan). */
  readonly vss?: ValueOfStochasticSolution;
  /** MILP size: columns (of them integer) and rows. */
  readonly size: { readonly columns: number; readonly integers: number; readonly rows: number };
  readonly ms: number;
}
