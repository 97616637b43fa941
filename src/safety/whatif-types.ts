/** Types of `whatIf` (N-1 outage analysis): options in, a ranked list of outage cases out. */
import type { CarbonTotals, CostBreakdown, Plan, PlanStatus, SolverInfo } from '../plan/types.js';
import type { ComputeClass } from '../scenario/types.js';
import type { BackendName } from '../solve/solve.js';

/** Which sets of sites go down: each site alone, each hub (all its sites at once), or given sets. */
export type OutageSpec = 'each-site' | 'each-hub' | readonly (readonly string[])[];

/** Progress of a what-if run: cases finished so far. */
export interface WhatIfProgress {
  readonly done: number;
  readonly total: number;
  /** The sites of the case that just finished. */
  readonly outage: readonly string[];
}

/** Options of `whatIf`. */
export interface WhatIfOptions {
  /** The outages to analyse (site ids in each set). */
  readonly outage: OutageSpec;
  /**
   * Backend of every solve (as `solve`'s). Where the model is a min-cost flow network (`auto`,
   * `flow`), cases are solved by one `sweep` per worker, each network simplex warm-started from the
   * previous case's tree; with `decompose`, every case starts from the base case's multipliers.
   * @default "auto"
   */
  readonly backend?: BackendName;
  /**
   * Worker threads (tinypool) for the cases; 1 solves them in this thread. Node only (browsers
   * always solve in-process).
   * @default min(available parallelism, number of cases); in-process when that is 1
   */
  readonly workers?: number;
  /** Stops the run: cases not yet solved get status `aborted`. */
  readonly signal?: AbortSignal;
  /** Called after each finished case (and after the base case, with done 0). */
  readonly onProgress?: (p: WhatIfProgress) => void;
  /** Time limit of each solve (the base case and every outage case), seconds. @default 300 */
  readonly timeLimitSeconds?: number;
  /** `decompose`: relative gap at which each solve stops. @default 0.001 */
  readonly gapTolerance?: number;
  /** `decompose`: most rounds of each solve. @default 100 */
  readonly maxRounds?: number;
  /** Keep each case's full Plan in `cases[].plan` (and the base plan in `basePlan`). @default false */
  readonly includePlans?: boolean;
}

/** Unmet work, units (each class in its own unit). */
export interface UnmetTotals {
  /** Sum over classes (mixed units; use `byClass` to compare). */
  readonly total: number;
  readonly byClass: Readonly<Record<ComputeClass, number>>;
  /** The unmet penalty of this work, CNY (comparable across classes). */
  readonly penalty: number;
}

/** What a Plan says in a few numbers. */
export interface PlanSummary {
  readonly status: PlanStatus;
  readonly message: string;
  /** Total cost, CNY (null without a plan). */
  readonly objective: number | null;
  readonly costs: CostBreakdown | null;
  readonly carbon: CarbonTotals | null;
  /** Unmet work (null without a plan). */
  readonly unmet: UnmetTotals | null;
  readonly solver: Pick<SolverInfo, 'backend' | 'ms' | 'reason'> & { readonly gap?: number };
}

/** A site that took load from the outage: the increase of its served unit-hours over the base plan. */
export interface Absorber {
  readonly site: string;
  /** Increase of unit-hours served, all classes (mixed units; `byClass` splits it). */
  readonly amount: number;
  readonly byClass: Readonly<Partial<Record<ComputeClass, number>>>;
}

/** One outage case. */
export interface WhatIfCase {
  /** Site ids that are down. */
  readonly outage: readonly string[];
  /** The hub, for `each-hub` cases. */
  readonly hub?: string;
  /** 1 = most critical (see `WhatIfResult.ranking`). */
  readonly rank: number;
  readonly status: PlanStatus;
  readonly message: string;
  /** Total cost of the case's plan, CNY (null without a plan). */
  readonly objective: number | null;
  /** Unmet work of the case's plan (null without a plan). */
  readonly unmet: UnmetTotals | null;
  /** Unmet work beyond the base plan's, units, by class (null without a plan). */
  readonly extraUnmet: Readonly<Record<ComputeClass, number>> | null;
  /** Objective minus the base objective, CNY (null without both). */
  readonly extraCost: number | null;
  /** Carbon minus the base plan's, tonnes, both accountings (null without both). */
  readonly extraCarbon: { readonly marketTonnes: number; readonly locationTonnes: number } | null;
  /** Sites whose served load grew, largest first. */
  readonly absorbedBy: readonly Absorber[];
  /** The backend that solved the case, its wall time (ms) and, for decompose, its proved gap. */
  readonly solver: PlanSummary['solver'];
  /** The case's plan (`includePlans: true` only); verify it against `outageScenario(scenario, outage)`. */
  readonly plan?: Plan;
}

/** Outcome of `whatIf`. */
export interface WhatIfResult {
  /** The plan without outage. */
  readonly base: PlanSummary;
  /** The cases, most critical first. */
  readonly cases: readonly WhatIfCase[];
  /** How the cases are ranked, in words. */
  readonly ranking: string;
  /** How the cases ran: worker threads used (0: in this thread) and why. */
  readonly parallel: { readonly workers: number; readonly reason: string };
  /** Whether solves were warm-started, and how. */
  readonly warm: string;
  /** Wall time of the whole analysis, ms. */
  readonly ms: number;
  /** The base plan (`includePlans: true` only). */
  readonly basePlan?: Plan;
}
