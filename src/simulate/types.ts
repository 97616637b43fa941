/** Types of the rolling-horizon simulation: options in, a realized schedule and its figures out. */
import type { CarbonTotals, CostBreakdown, Plan, PlanStatus, SolverInfo } from '../plan/types.js';
import type { BackendName } from '../solve/solve.js';

/** Relative standard deviations of forecast errors (0 = perfect forecasts). */
export interface ForecastError {
  /**
   * Relative std of demand forecasts: interactive amounts of future hours, and the total work of
   * deferrable jobs not yet released. In [0, 1].
   * @default 0
   */
  readonly demand?: number;
  /**
   * Relative std of green-supply forecasts of future hours. In [0, 1].
   * @default 0
   */
  readonly green?: number;
}

/** One step of the simulation: the re-plan made at `hour` and what it committed. */
export interface SimulationStep {
  /** The hour committed (the first hour of the re-plan). */
  readonly hour: number;
  /** Hours the re-plan looked at: min(lookaheadHours, horizonHours − hour). */
  readonly hours: number;
  /** Outcome of the re-plan's solve. */
  readonly status: PlanStatus;
  /** Backend that solved the re-plan (`flow` where the sub-problem was a network). */
  readonly backend: SolverInfo['backend'];
  /** Wall time of the re-plan: forecast, formulate, solve, read back, ms. */
  readonly ms: number;
  readonly variables: number;
  readonly constraints: number;
  /** Units served in this hour (all demands and classes). */
  readonly servedUnits: number;
  /** Units that became unmet in this hour: interactive shortfall plus deferrable work whose deadline passed. */
  readonly unmetUnits: number;
  /** Deferrable work released but not yet done after this hour, unit-hours (carried forward). */
  readonly backlogUnits: number;
}

/** Summary of the per-re-plan wall times, ms. */
export interface TimeStats {
  readonly total: number;
  readonly mean: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** The perfect-foresight reference: one solve of the whole horizon with the actual values. */
export interface PerfectForesight {
  readonly status: PlanStatus;
  /** Optimal (or best found) objective, CNY; null when the solve found no plan. */
  readonly objective: number | null;
  readonly costs: CostBreakdown | null;
  readonly carbon: CarbonTotals | null;
  /** Unmet units over the horizon. */
  readonly unmetUnits: number;
  readonly backend: SolverInfo['backend'];
  /** `decompose`: the relative gap the reference is proved within (its objective may exceed the optimum by that much). */
  readonly gap?: number;
  /** Wall time of the solve, ms. */
  readonly ms: number;
}

/** Outcome of {@link simulate}. */
export interface SimulationResult {
  /**
   * `optimal`: every re-plan was solved to optimality (the realized schedule itself is optimal only
   * under perfect forecasts and a look-ahead to the end); `time_limit`: some re-plan stopped at its
   * time limit; `infeasible`: some re-plan had no feasible plan (only with `policy.allowUnmet:
   * false` or unreachable policy rows), and nothing was committed in that hour; `aborted`: the
   * signal fired and the realized figures cover the hours simulated so far.
   */
  readonly status: PlanStatus;
  /** One sentence on the outcome. */
  readonly message: string;
  readonly scenario: string;
  readonly horizonHours: number;
  /** Hours committed (horizonHours unless aborted). */
  readonly hoursSimulated: number;
  readonly lookaheadHours: number;
  readonly seed: number;
  readonly forecastError: Required<ForecastError>;
  readonly noisyCurrentHour: boolean;
  /** Realized total cost of the committed schedule against the actual values, CNY. */
  readonly objective: number;
  readonly costs: CostBreakdown;
  /** Realized carbon (actual green supply), both accountings. */
  readonly carbon: CarbonTotals;
  /** Realized unmet units: interactive (per hour) and deferrable (at the deadline). */
  readonly unmet: { readonly interactive: number; readonly deferrable: number; readonly total: number };
  /**
   * The committed schedule as a Plan over the actual scenario: assignments, unmet entries, energy
   * and utilization rows (shadow prices from each hour's re-plan), totals recomputed with the
   * normative formulas. It passes `verifyPlan` against the actual scenario (with exact forecasts
   * for policy rows; the carbon cap and green shares are re-planned, not guaranteed, under errors).
   * `solver.lpObjective` is null: no single LP produced it.
   */
  readonly plan: Plan;
  /** Number of re-plans (one per simulated hour). */
  readonly replans: number;
  /** Wall times of the re-plans. */
  readonly solveMs: TimeStats;
  /** Re-plans per backend. */
  readonly backends: Partial<Record<SolverInfo['backend'], number>>;
  /** The backend that solved most re-plans. */
  readonly backend: SolverInfo['backend'];
  /** Wall time of the whole simulation, perfect-foresight solve excluded, ms. */
  readonly wallMs: number;
  readonly steps: readonly SimulationStep[];
  /** The perfect-foresight reference, null when `perfectForesight: false`. */
  readonly perfectForesight: PerfectForesight | null;
  /** 100 · (realized − perfect foresight) / |perfect foresight|, null without a reference objective. */
  readonly gapPercent: number | null;
  /**
   * The baselines of `compareStrategies` on the actual values (nearest feasible site; least cost
   * ignoring carbon, costed at the real prices); null when `perfectForesight: false`.
   */
  readonly baselines: SimulationBaselines | null;
}

/** Baselines over the whole horizon, summarized like the perfect-foresight reference. */
export interface SimulationBaselines {
  readonly nearest: PerfectForesight;
  readonly costOnly: PerfectForesight;
}

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /**
   * Hours each re-plan looks ahead, the current hour included (integer ≥ 1; values past the end of
   * the horizon look to the end).
   * @example 24
   */
  readonly lookaheadHours: number;
  /**
   * Seed of the forecast errors; the same seed, scenario and options give the same result.
   * @default 1
   */
  readonly seed?: number;
  /** Relative std of forecast errors. @default { demand: 0, green: 0 } */
  readonly forecastError?: ForecastError;
  /**
   * Whether the current hour's demand and green supply are forecast with errors too. When false
   * (the default) the hour being dispatched is observed exactly and only later hours are forecast.
   * When true, interactive work planned above the actual demand is scaled down to it, and demand
   * above the plan is served where the hour has spare capacity at a usable site (cheapest first,
   * while dearer than the penalty it is not; not under a carbon cap or green shares), else unmet.
   * @default false
   */
  readonly noisyCurrentHour?: boolean;
  /**
   * Backend of every re-plan and of the perfect-foresight solve (see `SolveOptions.backend`).
   * `decompose` is fast on the built-in data (green supply under a carbon price) but each
   * re-plan is then optimal only within `gapTolerance`.
   * @default "auto"
   */
  readonly backend?: BackendName;
  /** Solver time limit of each re-plan and of the perfect-foresight solve, seconds. @default 300 */
  readonly timeLimitSeconds?: number;
  /** `decompose`: relative gap at which each solve stops. @default 0.001 */
  readonly gapTolerance?: number;
  /** Whether to solve the whole horizon with perfect foresight for comparison. @default true */
  readonly perfectForesight?: boolean;
  /**
   * Stops the simulation: checked before every re-plan (each takes well under a second on the
   * built-in data) and passed to the perfect-foresight solve.
   */
  readonly signal?: AbortSignal;
  /** Called after every committed hour (progress reports). */
  readonly onStep?: (step: SimulationStep) => void;
}
