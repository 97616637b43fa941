/** The sweep spec (`suanflow sweep spec.json`): a base scenario and the axes its cases vary. */
import type { BackendName } from '../solve/solve.js';
import type { ComputeClass } from '../scenario/types.js';

/** A demand scale: one factor for every demand, or one per compute class (a class not listed: 1). */
export type DemandScale = number | Readonly<Partial<Record<ComputeClass, number>>>;

/** Outage sets: every site alone, every hub (all its sites at once), every pair of sites, or listed sets of site ids. */
export type OutageAxis = 'each-site' | 'each-hub' | 'each-pair' | readonly (readonly string[])[];

/** The axes of a sweep; the cases are their Cartesian product (in the order of `SWEEP_AXES`). */
export interface SweepAxes {
  /** `prices.carbonPerTonne` values, CNY per tonne (each ≥ 0). */
  readonly carbonPrice?: readonly number[];
  /** Factors on every demand's `amount` (hourly values and windowed totals alike), each ≥ 0. */
  readonly demandScale?: readonly DemandScale[];
  /** `policy.carbonCapTonnes` values (each ≥ 0). */
  readonly carbonCap?: readonly number[];
  /** `policy.minGreenShare` values (each in 0 … 1). */
  readonly minGreenShare?: readonly number[];
  /** Outage sets: the listed sites' capacity is 0 in every class and hour. */
  readonly outage?: OutageAxis;
  /** Forecast-error seeds: each case is a rolling-horizon simulation (`simulate`) with that seed. */
  readonly seeds?: readonly number[];
  /** Backends to compare (each case solved by each). */
  readonly backend?: readonly BackendName[];
}

/** Options of the simulation cases (axis `seeds`). */
export interface SweepSimulate {
  /** Hours each re-plan sees. @default 24 */
  readonly lookaheadHours?: number;
  /** Relative std of demand forecasts, 0 … 1. @default 0 */
  readonly demandError?: number;
  /** Relative std of green-supply forecasts, 0 … 1. @default 0 */
  readonly greenError?: number;
}

/** A sweep spec file. */
export interface SweepSpec {
  readonly version: 1;
  /** A built-in scenario name (`eastDataWestComputing`, `greenHubs`, `dataGravity`) or a scenario file path, relative to the spec file. */
  readonly base: string;
  readonly axes: SweepAxes;
  /** Backend of every case (unless the `backend` axis varies it). @default "auto" */
  readonly backend?: BackendName;
  /** Time limit of each case, seconds. */
  readonly timeLimitSeconds?: number;
  /** Options of simulation cases (only with the `seeds` axis). */
  readonly simulate?: SweepSimulate;
}

/** The axis values of one case (only the axes the spec has), in `SWEEP_AXES` order. */
export interface CaseParams {
  readonly carbonPrice?: number;
  readonly demandScale?: DemandScale;
  readonly carbonCap?: number;
  readonly minGreenShare?: number;
  /** Site ids out. */
  readonly outage?: readonly string[];
  readonly seed?: number;
  readonly backend?: BackendName;
}

/** One case: its stable id (a hash of `params`), its position in the spec's order, its params. */
export interface SweepCase {
  readonly id: string;
  readonly index: number;
  readonly params: CaseParams;
}

/** One line of results.jsonl. */
export interface SweepLine {
  readonly id: string;
  readonly params: CaseParams;
  /** The plan's status (`optimal`, `infeasible`, `time_limit`, `aborted`, `numerical_error`), or `error` when the case threw. */
  readonly status: string;
  /** Total cost, CNY (null without a plan). */
  readonly objective: number | null;
  readonly costs: { readonly compute: number; readonly energy: number; readonly transfer: number; readonly carbon: number; readonly unmet: number } | null;
  /** Carbon, tonnes CO2: location-based (all energy) and market-based (grid energy). */
  readonly carbon: { readonly locationTonnes: number; readonly marketTonnes: number } | null;
  /** Unmet units in total (unit-hours), stranded work of an outage included. */
  readonly unmet: number | null;
  /** The backend that produced the plan. */
  readonly backend: string;
  /** Wall time of the case, ms. */
  readonly ms: number;
  /** True when `verifyPlan` found nothing wrong with the plan. */
  readonly verified: boolean;
  /** A sentence on the outcome when it is not `optimal`. */
  readonly message?: string;
}
