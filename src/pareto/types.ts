/** Options and results of `paretoFrontier`: plain data, JSON-serializable. */
import type { CarbonAccounting } from '../scenario/types.js';
import type { Plan, PlanStatus } from '../plan/types.js';
import type { SolveOptions } from '../solve/solve.js';

/** How the frontier's points are found. */
export type ParetoMethod = 'cap' | 'price';

/** How the min-carbon end may cut carbon. */
export type ParetoAbatement = 'relocate' | 'any';

/** Options of `paretoFrontier`: its own, plus those of `solve` for every solve it runs. */
export interface ParetoOptions extends SolveOptions {
  /**
   * Points asked for per frontier, both ends included (an integer, 2 … 1000). Points that turn out
   * to be duplicates or dominated are dropped and counted in `dropped`, with the reason in `notes`.
   * @example 5
   */
  readonly points: number;
  /**
   * `cap` (ε-constraint): carbon caps evenly spaced from the min-cost plan's carbon down to the
   * least carbon, one cost-minimizing solve each; finds every kind of point, including those
   * between the vertices of the frontier. `price` (weighted sum): the carbon price is varied from
   * 0 up to just above the marginal abatement cost at the min-carbon end (see `paretoFrontier`);
   * an LP's weighted sums land only on vertices, so expect duplicates.
   * @default "cap"
   */
  readonly method?: ParetoMethod;
  /**
   * Factors f: for each, every demand's `maxLatencyMs` is multiplied by f and a frontier computed
   * (one frontier per factor, in this order). Each finite and > 0.
   * @default [1]
   * @example [1, 1.5, 2]
   */
  readonly latencyScale?: readonly number[];
  /**
   * `relocate`: the min-carbon end serves, in every demand and hour (window, for deferrable work),
   * at least what the min-cost plan serves, so carbon falls by moving work in space and time, not
   * by dropping it. `any`: the min-carbon end may also leave work unmet (at its penalty), which
   * with `policy.allowUnmet` reaches zero carbon. Points between the ends are always the least-cost
   * plans under their cap or price, and may leave work unmet where that is cheaper.
   * @default "relocate"
   */
  readonly abatement?: ParetoAbatement;
  /** Keep each point's Plan in `point.plan` (false: leave them out, for small JSON). @default true */
  readonly includePlans?: boolean;
}

/** Defaults of `paretoFrontier`'s own options. */
export const defaultParetoOptions: Required<Pick<ParetoOptions, 'method' | 'latencyScale' | 'abatement' | 'includePlans'>> = {
  method: 'cap',
  latencyScale: [1],
  abatement: 'relocate',
  includePlans: true,
};

/** One point of a frontier. Carbon is in tonnes CO2, money in CNY. */
export interface ParetoPoint {
  /** `policy.carbonCapTonnes` this point was solved under (null: none). */
  readonly cap: number | null;
  /** `prices.carbonPerTonne` this point was solved at, CNY/t. */
  readonly carbonPrice: number;
  /** Status of the solve (`optimal` unless a time limit or abort hit). */
  readonly status: PlanStatus;
  /** Cost without the carbon term: compute + energy + transfer + unmet, CNY. */
  readonly cost: number;
  /** The plan's objective (cost + carbon price · tonnes), CNY. */
  readonly objective: number;
  /** Tonnes in the scenario's `carbonAccounting` (what caps and prices apply to). */
  readonly carbonTonnes: number;
  /** Location-based tonnes (all energy × grid factor). */
  readonly locationTonnes: number;
  /** Market-based tonnes (grid energy × grid factor). */
  readonly marketTonnes: number;
  /**
   * Marginal abatement cost from the previous point: (cost − previous cost) / (previous tonnes −
   * tonnes), CNY per tonne avoided; null on the first point.
   */
  readonly mac: number | null;
  /**
   * How far `mac` may be from the marginal abatement cost between the least-cost plans at this
   * point's and the previous point's cap (or price), CNY/t either way: (gap · max(1, |objective|)
   * of this point + the same of the previous one) / (previous tonnes − tonnes). 0 when both plans
   * are exact optima (every backend but decompose); null on the first point.
   */
  readonly macUncertainty: number | null;
  /**
   * Relative gap the point's plan is proved within, `plan.solver.gap` ((objective − lower bound) /
   * max(1, |objective|)): 0 for the exact backends (glpk, HiGHS, the network simplex), the proved
   * gap of a decompose plan.
   */
  readonly gap: number;
  /**
   * `plan.policyPrices.carbonCap`: decrease of the objective per extra tonne of cap, CNY/t (null
   * when no cap was in force). Where the cap binds, capPrice + carbonPrice is the marginal
   * abatement cost at this point, and it lies between this point's `mac` and the next one's.
   */
  readonly capPrice: number | null;
  /** The plan itself (absent with `includePlans: false`). */
  readonly plan?: Plan;
}

/** The frontier of one latency factor. */
export interface ParetoFrontier {
  /** Factor applied to every demand's `maxLatencyMs`. */
  readonly latencyScale: number;
  /** `optimal` when every solve was; else the first other status met. */
  readonly status: PlanStatus;
  /** Non-dominated points, carbon falling and cost rising. */
  readonly points: readonly ParetoPoint[];
  /** Carbon of the min-cost plan (cap) or of the price-0 plan (price), t; null without a plan. */
  readonly maxCarbonTonnes: number | null;
  /** Least carbon reachable (per `abatement`), t; null when it could not be found. */
  readonly minCarbonTonnes: number | null;
  /** Points asked for but not in `points` (duplicates, dominated, no plan, or not needed). */
  readonly dropped: number;
  /** Why each dropped point went, and anything else worth knowing, one sentence each. */
  readonly notes: readonly string[];
  /** Solves run for this frontier. */
  readonly solves: number;
  /** Wall time, ms. */
  readonly ms: number;
}

/** What `paretoFrontier` returns: one frontier per latency factor. */
export interface ParetoResult {
  readonly method: ParetoMethod;
  readonly abatement: ParetoAbatement;
  /** Accounting of `carbonTonnes`, caps and prices. */
  readonly accounting: CarbonAccounting;
  readonly frontiers: readonly ParetoFrontier[];
  /** Wall time of all frontiers, ms. */
  readonly ms: number;
}
