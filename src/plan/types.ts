/** The Plan: plain, JSON-serializable data out. */
import type { CarbonAccounting, CarbonSignal, ComputeClass, PerClass, SurviveScope } from '../scenario/types.js';
import type { Violation } from './verify.js';

/**
 * Outcome of a solve (DESIGN.md §3). `optimal`: a proven optimum. `infeasible`: hard demand or
 * policy rows cannot all hold (see `conflicts`). `time_limit` / `aborted`: stopped early, with the
 * best plan so far when one exists (`objective` is then a number, else null); `message` and
 * `solver.stage` name the stage that was cut. `numerical_error`: the backend's plan failed the
 * independent verifier's self-check (and so did the other exact backend's, where one was tried):
 * no plan is returned (`objective` null, no assignments), and `violations` lists what was wrong.
 */
export type PlanStatus = 'optimal' | 'infeasible' | 'time_limit' | 'aborted' | 'numerical_error';

/** Units of one demand served at one site in one hour. */
export interface Assignment {
  readonly demand: string;
  readonly site: string;
  readonly hour: number;
  readonly amount: number;
  /**
   * Demands with `replicas` k > 1 only: which copy (0 … k − 1) this work belongs to. Absent for
   * demands without replicas.
   */
  readonly replica?: number;
  /**
   * Demands with `replicas` k > 1 only: the part [start, end) of the copy's work that this entry
   * serves, on the line 0 … amount of the hour (windowed demand: 0 … the window's total); end −
   * start = `amount`. Copies of one demand in one group never overlap on this line, so at every
   * point of the work the k copies sit in k different groups (see the README, "Replicas").
   */
  readonly replicaSlice?: readonly [number, number];
}

/** Demand not served: per hour for interactive demand, `hour: null` for windowed work. */
export interface Unmet {
  readonly demand: string;
  readonly hour: number | null;
  readonly amount: number;
}

/** Use of one site's capacity for one class in one hour. */
export interface Utilization {
  readonly site: string;
  readonly class: ComputeClass;
  readonly hour: number;
  /** Units used. */
  readonly used: number;
  /** Usable capacity: nominal × `policy.maxUtilization`. */
  readonly capacity: number;
  /** Decrease of the optimal objective per unit of added nominal capacity, CNY (≥ 0). */
  readonly shadowPrice: number;
}

/** Energy at one site in one hour, kWh (green used = min(energy, supply)). */
export interface SiteEnergy {
  readonly site: string;
  readonly hour: number;
  readonly kWh: number;
  readonly greenKWh: number;
  readonly gridKWh: number;
  /** Green supply not used (curtailed or sold elsewhere). */
  readonly curtailedKWh: number;
}

/** Objective terms, CNY. */
export interface CostBreakdown {
  readonly compute: number;
  readonly energy: number;
  readonly transfer: number;
  readonly carbon: number;
  readonly unmet: number;
  /** Dataset copies made: Σ `plan.datasetCopies[].cost` (present when the scenario has datasets). */
  readonly dataCopies?: number;
  /** Model replicas loaded: Σ `plan.modelReplicas[].loadCost` (present when the scenario has models). */
  readonly modelLoads?: number;
}

/** A copy of a dataset made to a site that did not hold one (once per horizon). */
export interface DatasetCopy {
  readonly dataset: string;
  /** Site the copy is made at. */
  readonly site: string;
  /** Site the copy comes from: the `at` site with the least-latency backbone route (first in `at` without a backbone). */
  readonly from: string;
  /** Hour its volume is counted on the backbone: max(0, t₀ − 1), t₀ = the dataset's first demand hour. */
  readonly hour: number;
  /** GB moved: the dataset's `sizeGB`. */
  readonly sizeGB: number;
  /** sizeGB × `prices.transferPerGB`, CNY. */
  readonly cost: number;
}

/** A replica of a served model hosted at a site for the whole horizon. */
export interface ModelReplica {
  readonly model: string;
  readonly site: string;
  /** One-off load cost, CNY (the model's `loadCost`). */
  readonly loadCost: number;
  /** Intelligent units reserved at the site in every hour (the model's `reserveUnits`). */
  readonly reservedUnits: number;
}

/** Traffic on one direction of one backbone link in one hour. */
export interface BackboneLoad {
  /** Hub the traffic leaves. */
  readonly from: string;
  /** Hub the traffic enters. */
  readonly to: string;
  readonly hour: number;
  /** Σ dataGBPerUnit · x over the flows routed this way + copies counted in this hour, GB. */
  readonly trafficGB: number;
  /** 450 · capacityGbps, GB per hour. */
  readonly capacityGB: number;
  /** trafficGB / capacityGB (0 when the capacity is 0 and nothing flows). */
  readonly utilization: number;
  /**
   * Decrease of the optimal objective per extra Gbps on this link direction in this hour, CNY
   * (−dual · 450, ≥ 0; from the LP with any copy and replica choices fixed; 0 when not binding).
   */
  readonly shadowPrice: number;
}

/** Carbon over the horizon, tonnes CO2, in both accountings and on the marginal signal. */
export interface CarbonTotals {
  /** All energy × grid factor. */
  readonly locationTonnes: number;
  /** Grid (non-green) energy × grid factor. */
  readonly marketTonnes: number;
  /** Accounting the carbon price and cap used. */
  readonly accounting: CarbonAccounting;
  /**
   * Signal the carbon price and cap used (`prices.carbonSignal`): `average` = `gridCarbon`,
   * `marginal` = `marginalCarbon` on grid energy (then the priced tonnes are `marginalTonnes`).
   */
  readonly signal: CarbonSignal;
  /**
   * Grid (non-green) energy × `marginalCarbon` / 1000, tonnes; null unless every site gives
   * `marginalCarbon` (`marginalNote` says why).
   */
  readonly marginalTonnes: number | null;
  /**
   * Avoided emissions of the plan's placement on the marginal signal, tonnes: marginal tonnes of the
   * nearest-site reference (each assignment's units in the same hour at its demand's nearest usable
   * site) − `marginalTonnes`; positive when the shift avoids emissions. Null like `marginalTonnes`.
   */
  readonly avoidedTonnes: number | null;
  /** Why `marginalTonnes` and `avoidedTonnes` are null (absent when they are numbers). */
  readonly marginalNote?: string;
}

/** A row that takes part in an infeasibility, with how far it had to be relaxed. */
export interface Conflict {
  /** Kind of row. */
  readonly kind: 'demand' | 'carbonCap' | 'minGreenShare' | 'siteMinGreenShare';
  /** Demand id or site id the row belongs to (absent for global rows). */
  readonly ref?: string;
  /** Hour of the row (null for windowed demand and horizon-wide rows). */
  readonly hour: number | null;
  /** Amount by which the row had to be relaxed in the least-violation plan (row units). */
  readonly shortfall: number;
  /** One readable sentence. */
  readonly message: string;
}

/** Which solver ran, and how big the model was. */
export interface SolverInfo {
  /**
   * `glpk`: glpk.js simplex on the LP; `flow`: network simplex (wasm) on the network form; `highs`:
   * HiGHS on the LP; `decompose`: Lagrangian prices on green supply with flow subproblems;
   * `baseline`: a placement rule applied without a solver (`nearestPlan`).
   */
  readonly backend: 'glpk' | 'flow' | 'highs' | 'decompose' | 'baseline';
  /** Wall time of validate + presolve + formulate + solve + map back, ms. */
  readonly ms: number;
  readonly variables: number;
  readonly constraints: number;
  /** Simplex pivots, where the backend reports them. */
  readonly iterations?: number;
  /** `decompose`: relative gap (objective − lowerBound) / objective the plan is proved within. */
  readonly gap?: number;
  /** `decompose`: Lagrangian lower bound on the optimum, CNY. */
  readonly lowerBound?: number;
  /** `decompose`: subgradient rounds (one flow solve each). */
  readonly rounds?: number;
  /** Objective the LP reported (equals `objective` up to 1e-6 relative when optimal). */
  readonly lpObjective: number | null;
  /** Why this backend ran (and, after a retry, why the first backend's plan was rejected). */
  readonly reason: string;
  /**
   * The backend whose plan failed the self-check, when this plan comes from a retry with the other
   * exact backend (`backend` is then the one that produced this plan).
   */
  readonly retriedFrom?: 'glpk' | 'flow' | 'highs' | 'decompose';
  /** Wall time of the self-check (the verifier's core checks of the plan before it is returned), ms. */
  readonly selfCheckMs?: number;
  /**
   * Status `time_limit` / `aborted`: the stage that was cut (`validation`, `latency matrix`,
   * `size estimate`, `formulation`, `network form`, `model transfer`, `solver`, `self-check`, `plan`,
   * `N-1 blocks`: between rounds of the N-1 constraint generation).
   */
  readonly stage?: string;
}

/** What the presolve did: demands identical in cost and feasibility are solved as one. */
export interface PresolveInfo {
  /** Demands in the scenario. */
  readonly demands: number;
  /** Demands the solver saw after merging. */
  readonly solved: number;
  /** Demands merged away (demands − solved); the plan lists every original demand. */
  readonly merged: number;
}

/**
 * Prices of the global policy rows (DESIGN.md §3), from the LP's row duals: what a little more or a
 * little less of each rule is worth at the optimum. Like shadow prices they are marginal values:
 * exact for small changes; a degenerate LP has more than one, and any value between the left and
 * right finite differences is correct.
 */
export interface PolicyPrices {
  /**
   * Decrease of the optimal objective per extra tonne of `policy.carbonCapTonnes`, CNY per tonne
   * (≥ 0; 0 when the cap does not bind). Tonnes are those of `policy.carbonAccounting`. Where the
   * cap binds, the marginal abatement cost of the plan is this price plus `prices.carbonPerTonne`.
   */
  readonly carbonCap?: number;
  /**
   * Increase of the optimal objective per percentage point (+0.01) of `policy.minGreenShare`,
   * CNY per point (≥ 0; 0 when the share does not bind).
   */
  readonly minGreenShare?: number;
  /** The same as `minGreenShare` for each site's own `minGreenShare`, by site id, CNY per point. */
  readonly siteMinGreenShare?: Readonly<Record<string, number>>;
}

/** Work of one demand re-routed in one hour when an outage takes its site down. */
export interface RecourseFlow {
  readonly demand: string;
  /** Site of the outage the work is lost at. */
  readonly from: string;
  /** Site outside the outage that takes it, within latency, allowed sites and spare capacity. */
  readonly to: string;
  readonly hour: number;
  readonly amount: number;
}

/** How the plan re-routes the work of one outage. */
export interface OutageRecourse {
  /** Site ids down together: one site (`any-site`) or every site of one hub (`any-hub`). */
  readonly outage: readonly string[];
  /** The protected classes whose work this recourse re-routes. */
  readonly classes: readonly ComputeClass[];
  /** Re-routing flows: for each protected demand, site of the outage and hour, they sum to the plan's work there. */
  readonly flows: readonly RecourseFlow[];
}

/** Increase of the plan over the plain optimum (the same scenario without `policy.survive`). */
export interface SecurityPremium {
  /** Objective of this plan minus that of the plain optimum, CNY (compute, energy, transfer, carbon price and unmet penalty). */
  readonly cost: number;
  /** Market-based carbon of this plan minus that of the plain optimum, tonnes CO2. */
  readonly marketTonnes: number;
  /** Location-based carbon of this plan minus that of the plain optimum, tonnes CO2. */
  readonly locationTonnes: number;
}

/** N-1 security of a plan solved with `policy.survive` (see the README, "N-1-secure plans"). */
export interface SecurityInfo {
  /** `policy.survive` as given. */
  readonly survive: SurviveScope | PerClass<SurviveScope>;
  /**
   * Outages whose recourse block constraint generation added, in part or whole (of `outages`): those
   * the plan violated in some round, and those where it put work at the outage's sites when they
   * were added (the next to bind; see the README). The rest were never needed in the model.
   */
  readonly blocks: number;
  /** Outage × hour × class recourse sub-blocks added (the rows the model actually holds). */
  readonly subBlocks: number;
  /** Solves of the generation loop (the first is the plain optimum). */
  readonly rounds: number;
  /** Single outages of the scope that the plan was checked against. */
  readonly outages: number;
  /** The plan minus the plain optimum. */
  readonly premium: SecurityPremium;
  /** One entry per outage of the scope, with the flows that re-route its work. */
  readonly recourse: readonly OutageRecourse[];
}

/** The answer to a scenario. */
export interface Plan {
  readonly status: PlanStatus;
  /** A sentence on the outcome (why infeasible, where the time limit hit, …). */
  readonly message: string;
  /** Name of the scenario solved. */
  readonly scenario: string;
  readonly horizonHours: number;
  /** Total cost, CNY, recomputed from the plan (null when there is no plan). */
  readonly objective: number | null;
  readonly costs: CostBreakdown | null;
  readonly carbon: CarbonTotals | null;
  readonly assignments: readonly Assignment[];
  readonly unmet: readonly Unmet[];
  readonly utilization: readonly Utilization[];
  readonly energy: readonly SiteEnergy[];
  /** Rows that conflict (status `infeasible` only). */
  readonly conflicts: readonly Conflict[];
  /**
   * Status `numerical_error` only: what the self-check found wrong in the backend's plan (rule,
   * sentence, and the demand, site and hour concerned), at most 20; `message` gives the count.
   */
  readonly violations?: readonly Violation[];
  readonly solver: SolverInfo;
  readonly presolve: PresolveInfo;
  /**
   * Prices of the carbon cap and green-share rows the model has, from the row duals (backends
   * `glpk` and `highs`, status `optimal` only; absent when the scenario has none of these rules, and
   * from `flow` and `decompose`, whose models never hold them).
   */
  readonly policyPrices?: PolicyPrices;
  /** Dataset copies made (present when the scenario has datasets). */
  readonly datasetCopies?: readonly DatasetCopy[];
  /** Model replicas hosted (present when the scenario has models). */
  readonly modelReplicas?: readonly ModelReplica[];
  /**
   * Backbone loads (present when the scenario has a backbone): one row per link direction and hour
   * that carries traffic or has a nonzero shadow price; links in scenario order, forward first.
   */
  readonly backbone?: readonly BackboneLoad[];
  /** Plans of scenarios with `policy.survive` (status optimal or a feasible stop): premium, blocks and recourse per outage. */
  readonly security?: SecurityInfo;
}
