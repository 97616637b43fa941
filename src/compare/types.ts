/**
 * Options and results of `compareStrategies`: plain, JSON-serializable data (no NaN or Infinity:
 * a figure with no meaning, such as a share of nothing, is null).
 */
import type { CarbonAccounting, CarbonSignal, ComputeClass, Region } from '../scenario/types.js';
import type { SignalRanking } from './ranking.js';
import type { CostBreakdown, Plan, PlanStatus } from '../plan/types.js';
import type { SolveOptions } from '../solve/solve.js';

/**
 * The three ways of placing the same demand:
 * - `nearest`: every unit at the feasible site with the least latency, filled greedily hour by
 *   hour (see `nearestPlan`);
 * - `costOnly`: the least-cost plan when carbon is ignored (carbon price 0, no carbon cap, no green
 *   shares), then evaluated with the scenario's real prices (see `costOnlyScenario`);
 * - `optimal`: suanflow's optimum of the scenario as given (`solve`).
 */
export type StrategyName = 'nearest' | 'costOnly' | 'optimal';

/** All strategies, in report order (baselines first). */
export const STRATEGIES: readonly StrategyName[] = ['nearest', 'costOnly', 'optimal'];

/** Options of `compareStrategies`: its own, plus those of `solve` for the two solves it runs. */
export interface CompareOptions extends SolveOptions {
  /**
   * Keep each strategy's Plan in `strategy.plan` (false: leave them out, for small JSON).
   * @default true
   */
  readonly includePlans?: boolean;
  /**
   * The plan `solve(scenario, options)` already returned, used as the `optimal` strategy instead
   * of solving again (it is verified like the others; the demo passes the optimum it has drawn).
   */
  readonly optimalPlan?: Plan;
}

/** Defaults of `compareStrategies`' own options. */
export const defaultCompareOptions: Required<Pick<CompareOptions, 'includePlans'>> = { includePlans: true };

/** Work of one cluster and class over the horizon. */
export interface ClusterUtilization {
  readonly site: string;
  readonly hub: string;
  readonly region: Region;
  readonly class: ComputeClass;
  /** Units placed, summed over the hours (unit-hours). */
  readonly usedUnitHours: number;
  /** Usable capacity (nominal × `policy.maxUtilization`) summed over the hours. */
  readonly usableUnitHours: number;
  /** used / usable (0 … 1); null when the cluster has no usable capacity of the class. */
  readonly share: number | null;
}

/**
 * A share overall and per compute class (classes that have demand in the scenario). Overall
 * shares add unit-hours of different classes (rack-hours and PFLOPS-hours), so the class with the
 * most units weighs most; the per-class figures are the like-for-like ones.
 */
export interface Share {
  /** 0 … 1; null when there is nothing to take a share of. */
  readonly all: number | null;
  readonly byClass: Partial<Record<ComputeClass, number | null>>;
}

/** What a strategy's plan costs and emits under the scenario's real prices, and where it runs. */
export interface StrategyMetrics {
  /** Objective under the real prices: compute + energy + transfer + carbon + unmet, CNY. */
  readonly totalCost: number;
  /** The carbon part of `totalCost`, CNY (carbon price × tonnes of the scenario's accounting). */
  readonly carbonCost: number;
  /** Every cost term, CNY. */
  readonly costs: CostBreakdown;
  /** All energy × grid factor, tonnes CO2. */
  readonly locationTonnes: number;
  /** Grid (non-green) energy × grid factor, tonnes CO2. */
  readonly marketTonnes: number;
  /** Accounting the carbon price and cap use. */
  readonly accounting: CarbonAccounting;
  /** Signal the carbon price and cap use (`prices.carbonSignal`). */
  readonly signal: CarbonSignal;
  /** Grid energy × marginal factor, tonnes CO2 (null unless every site gives `marginalCarbon`). */
  readonly marginalTonnes: number | null;
  /** `plan.carbon.avoidedTonnes`: marginal tonnes of the nearest-site reference − `marginalTonnes` (null like it). */
  readonly avoidedTonnes: number | null;
  /**
   * Round-trip latency of served work, ms, weighted by unit-hours: the mean, and the 95th
   * percentile (the least L such that ≥ 95% of served unit-hours run at latency ≤ L). Null when
   * nothing is served.
   */
  readonly latency: { readonly meanMs: number | null; readonly p95Ms: number | null };
  /** Unit-hours served (all classes added). */
  readonly servedUnitHours: number;
  /** Unit-hours unmet, all classes added and per class. */
  readonly unmetUnitHours: number;
  readonly unmetByClass: Partial<Record<ComputeClass, number>>;
  /** Of the served work of origins whose region is `east`, the share that runs at `west` sites. */
  readonly eastToWest: Share;
  /** Of all served work, the share that runs at `west` sites. */
  readonly westShare: Share;
  /** Per cluster and class offered, in scenario site order. */
  readonly utilization: readonly ClusterUtilization[];
}

/** One strategy's outcome. */
export interface StrategyResult {
  readonly name: StrategyName;
  /** One sentence: what the strategy does. */
  readonly description: string;
  /**
   * Status of the procedure: the status of its solve for `costOnly` and `optimal`; `optimal` for
   * `nearest` once the rule has been applied in full (a baseline is never an optimum of the scenario).
   */
  readonly status: PlanStatus;
  /** The plan's message. */
  readonly message: string;
  /** Null when the procedure produced no plan (a time limit before any feasible point, infeasible). */
  readonly metrics: StrategyMetrics | null;
  /**
   * Messages of the scenario's policy rows the plan breaks (carbon cap, global and per-site green
   * shares, `allowUnmet: false`), from `verifyPlan` against the real scenario. Baselines may break
   * them: they are reported, never hidden. The optimum breaks none.
   */
  readonly policyViolations: readonly string[];
  /** The plan (against the real scenario: costs and carbon at the real prices), unless `includePlans` is false. */
  readonly plan?: Plan;
}

/**
 * Savings of the optimum against a baseline, percent: 100 · (baseline − optimum) / baseline.
 * Negative when the optimum is worse on that figure (e.g. carbon, when the carbon price is low, or
 * cost, when the baseline breaks a policy row the optimum keeps). Null when either has no plan or
 * the baseline figure is 0 while the optimum's is not.
 */
export interface Savings {
  /** Of `totalCost`. */
  readonly cost: number | null;
  /** Of location-based tonnes. */
  readonly locationCarbon: number | null;
  /** Of market-based tonnes. */
  readonly marketCarbon: number | null;
  /** Of marginal tonnes (null when the plans have none). */
  readonly marginalCarbon: number | null;
}

/** What `compareStrategies` returns. */
export interface Comparison {
  /** Name of the scenario. */
  readonly scenario: string;
  readonly horizonHours: number;
  /** Carbon price the plans are evaluated at, CNY per tonne. */
  readonly carbonPerTonne: number;
  /** The three strategies, by name. */
  readonly strategies: { readonly [K in StrategyName]: StrategyResult };
  /** The optimum against each baseline. */
  readonly savings: { readonly vsNearest: Savings; readonly vsCostOnly: Savings };
  /** Signal the scenario prices and caps carbon on (the optimum was solved on it). */
  readonly carbonSignal: CarbonSignal;
  /**
   * How the ranking of the strategies changes between the average and the marginal signal; null
   * when not every site gives `marginalCarbon` (`rankingNote` says so).
   */
  readonly ranking: SignalRanking | null;
  /** Why `ranking` is null (absent otherwise). */
  readonly rankingNote?: string;
}
