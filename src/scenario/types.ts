/**
 * The scenario model (format `version: 1`): plain, readonly data in.
 *
 * Units are fixed per compute class by the scenario author; the built-in data uses
 * general = 1 standard rack-hour, intelligent = 1 PFLOPS-hour FP16, super = 1 PFLOPS-hour FP64.
 * Hours are 0-based: 0 … `horizonHours` − 1.
 */

/** The three kinds of computing power of the nationwide system. */
export type ComputeClass = 'general' | 'intelligent' | 'super';

/** All compute classes, in report order. */
export const COMPUTE_CLASSES: readonly ComputeClass[] = ['general', 'intelligent', 'super'];

/** Geographic macro-region of a site or origin, for east→west reports. */
export type Region = 'east' | 'central' | 'west';

/** All regions, in report order. */
export const REGIONS: readonly Region[] = ['east', 'central', 'west'];

/**
 * A value that is either constant over the horizon or given per hour
 * (an array of exactly `horizonHours` entries, hour 0 first).
 * @example 0.37
 * @example [0.31, 0.30, 0.29]
 */
export type Hourly = number | readonly number[];

/** One value per compute class; a missing class means "none" (no capacity, not served). */
export interface PerClass<T> {
  /** General-purpose CPU computing (built-in unit: 1 standard rack-hour). */
  readonly general?: T;
  /** Intelligent computing, AI accelerators (built-in unit: 1 PFLOPS-hour FP16). */
  readonly intelligent?: T;
  /** Super computing, HPC (built-in unit: 1 PFLOPS-hour FP64). */
  readonly super?: T;
}

/** A data-center cluster that offers capacity. */
export interface Site {
  /** Unique id, referenced by links, `allowedSites` and plans. @example "zhongwei" */
  readonly id: string;
  /** Human-readable name. @example "Zhongwei cluster" */
  readonly name: string;
  /** Hub node the cluster belongs to. @example "Ningxia" */
  readonly hub: string;
  /** Macro-region. */
  readonly region: Region;
  /** Longitude in degrees (−180 … 180). */
  readonly lon: number;
  /** Latitude in degrees (−90 … 90). */
  readonly lat: number;
  /** Power usage effectiveness (≥ 1): facility energy / IT energy. @example 1.2 */
  readonly pue: number;
  /** Capacity per class in units per hour (≥ 0); a number or one value per hour. */
  readonly capacity: PerClass<Hourly>;
  /** IT power drawn per unit of each class, kW (≥ 0). Required for every class with capacity. */
  readonly powerKW: PerClass<number>;
  /** Electricity price, CNY/kWh; a number or one value per hour. */
  readonly electricityPrice: Hourly;
  /** Grid carbon factor, kgCO2/kWh; a number or one value per hour. */
  readonly gridCarbon: Hourly;
  /**
   * Marginal carbon factor of the grid, kgCO2/kWh (≥ 0): the emissions of the generator that
   * answers one more kWh drawn; a number or one value per hour. The carbon price and cap use it
   * instead of `gridCarbon` when `prices.carbonSignal` is `"marginal"` (then every site must give it);
   * plans report marginal tonnes whenever every site gives it.
   * @example 0.85
   */
  readonly marginalCarbon?: Hourly;
  /** Contracted green (zero-carbon) supply available in each hour, MW; absent means none. */
  readonly greenSupplyMW?: Hourly;
  /** Non-energy cost per unit-hour of each class, CNY (≥ 0). Required for every class with capacity. */
  readonly unitCost: PerClass<number>;
  /** Minimum share (0 … 1) of this site's energy over the horizon that must be green. */
  readonly minGreenShare?: number;
  /** Provenance of the capacity figures (a citation, a calibration run, "illustrative"). */
  readonly capacitySource?: string;
  /** Province (or municipality / autonomous region) the cluster is in, for `residency.provinces`. @example "Ningxia" */
  readonly province?: string;
}

/** A place where demand arises (a city). */
export interface Origin {
  /** Unique id. @example "shanghai" */
  readonly id: string;
  /** Human-readable name. */
  readonly name: string;
  /** Province (or municipality / autonomous region). */
  readonly province: string;
  /** Longitude in degrees. */
  readonly lon: number;
  /** Latitude in degrees. */
  readonly lat: number;
  /** Macro-region, used by east→west reports. */
  readonly region?: Region;
  /**
   * Hub (a `sites[].hub` name) where this origin's traffic enters the backbone. Absent: the hub
   * with the nearest cluster by great-circle distance (ties: hub name order); reports say so.
   */
  readonly hub?: string;
}

/** Overrides for one origin → site pair. Without a link, latency comes from geography. */
export interface Link {
  /** Origin id. */
  readonly from: string;
  /** Site id. */
  readonly to: string;
  /** Round-trip latency, ms (replaces 0.015 · great-circle km). */
  readonly latencyMs?: number;
  /** Transfer price on this pair, CNY/GB (replaces `prices.transferPerGB`). */
  readonly costPerGB?: number;
  /** Link bandwidth, Gbps: caps Σ dataGBPerUnit · x per hour at 450 GB per Gbps. */
  readonly bandwidthGbps?: number;
}

/** The window of deferrable work: hours `release ≤ t < deadline`. */
export interface DemandWindow {
  /** First hour the work may run (0-based, inclusive). */
  readonly release: number;
  /** Hour by which the work must be done (exclusive, ≤ `horizonHours`). */
  readonly deadline: number;
  /** Largest number of units that may run in any one hour of the window. */
  readonly maxPerHour?: number;
}

/** A demand for one compute class from one origin. */
export interface Demand {
  /** Unique id. @example "shanghai-ai-serving" */
  readonly id: string;
  /** Origin id. */
  readonly origin: string;
  /** Compute class requested. */
  readonly class: ComputeClass;
  /**
   * Units per hour (a number or one value per hour) for interactive demand; for deferrable
   * demand (with `window`) a number: the total unit-hours to run inside the window.
   */
  readonly amount: Hourly;
  /** Round-trip latency limit, ms: a site is usable when latency ≤ maxLatencyMs + 1e-9. */
  readonly maxLatencyMs: number;
  /** Data moved per unit served, GB (default 0). */
  readonly dataGBPerUnit?: number;
  /** Data-residency rule: only these site ids may serve the demand. */
  readonly allowedSites?: readonly string[];
  /** Makes the demand deferrable inside this window. */
  readonly window?: DemandWindow;
  /** Free text (what the workload is). */
  readonly description?: string;
  /** Data-residency rule by place: a site may serve the demand only if it matches every list given. */
  readonly residency?: Residency;
  /** Id of the dataset (`datasets[].id`) the work reads: it runs only where a copy is or is made. */
  readonly dataset?: string;
  /** Id of the model (`models[].id`) the requests are for (intelligent class): served only where a replica is hosted. */
  readonly model?: string;
  /**
   * Number of full copies of the demand to run (an integer ≥ 1), each in a different group of
   * `replicaScope` and each within the latency limit. Unmet work of a replicated demand is counted
   * in replica-units (up to `replicas` × amount) at the class penalty.
   * @default 1
   */
  readonly replicas?: number;
  /** What "a different place" means for the copies: another site, hub or region. @default "hub" */
  readonly replicaScope?: ReplicaScope;
}

/** Where a demand's work may run: a site must match every list given. */
export interface Residency {
  /** Allowed `sites[].region` values. */
  readonly regions?: readonly Region[];
  /** Allowed `sites[].hub` names. */
  readonly hubs?: readonly string[];
  /** Allowed `sites[].province` values (a site without a province matches none). */
  readonly provinces?: readonly string[];
}

/** A dataset and the sites that already hold a copy of it. */
export interface Dataset {
  /** Unique id. @example "yrd-medical-images" */
  readonly id: string;
  /** Size, GB (≥ 0): what one copy moves. */
  readonly sizeGB: number;
  /** Site ids that hold a copy at hour 0 (at least one). */
  readonly at: readonly string[];
}

/** A model offered as a service (Model-as-a-Service): requests are served where a replica is hosted. */
export interface ServedModel {
  /** Unique id. @example "llm-70b" */
  readonly id: string;
  /** Intelligent-capacity units a hosted replica reserves in every hour of the horizon (≥ 0). */
  readonly reserveUnits: number;
  /** One-off cost of loading a replica at a site, CNY (≥ 0). */
  readonly loadCost: number;
  /** Fewest sites that must host a replica. @default 0 */
  readonly minReplicas?: number;
}

/** One backbone link between two hubs (both directions, each with the full capacity). */
export interface BackboneLink {
  /** Hub name (as in `sites[].hub`). */
  readonly from: string;
  /** Hub name (as in `sites[].hub`). */
  readonly to: string;
  /** Capacity per direction, Gbps (450 GB per Gbps-hour). */
  readonly capacityGbps: number;
  /** Round-trip latency, ms; absent: 0.015 · great-circle km between the two hubs' centroids. */
  readonly latencyMs?: number;
}

/** The national backbone between hubs: every origin→site flow crosses it on its shortest path. */
export interface Backbone {
  readonly links: readonly BackboneLink[];
  /** Fixed routing on the least-latency path (ties: fewest links, then hub names in order). */
  readonly routing: 'shortest';
}

/** The groups that the copies of a replicated demand must be spread over. */
export type ReplicaScope = 'site' | 'hub' | 'region';

/** Which single outages an N-1-secure plan survives: any one site, or all sites of any one hub. */
export type SurviveScope = 'any-site' | 'any-hub';

/** Prices that enter the objective. */
export interface Prices {
  /** Carbon price, CNY per tonne CO2 (market-based unless `policy.carbonAccounting` says otherwise). @default 0 */
  readonly carbonPerTonne: number;
  /** Penalty per unit of unmet demand, CNY; a number or one value per class. */
  readonly unmetPenalty: number | PerClass<number>;
  /** Default transfer price, CNY/GB, where no link gives `costPerGB`. */
  readonly transferPerGB: number;
  /**
   * Which carbon factor the carbon price and `policy.carbonCapTonnes` use on grid energy:
   * `average` = `sites[].gridCarbon`, `marginal` = `sites[].marginalCarbon` (every site must give
   * it, and `policy.carbonAccounting` must be `"market"`). Plans say which one drove them
   * (`plan.carbon.signal`).
   * @default "average"
   */
  readonly carbonSignal?: CarbonSignal;
}

/** Which carbon factor prices and caps carbon: the average grid factor or the marginal one. */
export type CarbonSignal = 'average' | 'marginal';

/** Which carbon figure the carbon price and cap apply to. */
export type CarbonAccounting = 'market' | 'location';

/** Global rules. */
export interface Policy {
  /** Share (0 … 1) of all energy over all sites and the horizon that must be green. */
  readonly minGreenShare?: number;
  /** Cap on carbon over the horizon, tonnes CO2 (accounting per `carbonAccounting`). */
  readonly carbonCapTonnes?: number;
  /** Share (0 … 1] of nominal capacity that may be used. @default 1 */
  readonly maxUtilization?: number;
  /** Whether demand may go unmet at `prices.unmetPenalty`; false makes demand hard. @default true */
  readonly allowUnmet?: boolean;
  /** Accounting used by the carbon price and cap. @default "market" */
  readonly carbonAccounting?: CarbonAccounting;
  /**
   * N-1 security: the plan must be able to re-route the work of any single outage (`any-site`: one
   * site; `any-hub`: every site of one hub at once) to other usable sites within their spare
   * capacity. One scope for every class, or one per class (a class not listed is not protected).
   * Solved exactly by constraint generation with glpk.js; see `plan.security`.
   */
  readonly survive?: SurviveScope | PerClass<SurviveScope>;
}

/** A complete scenario, format version 1. */
export interface Scenario {
  /** Path or URL of the JSON Schema, for editors (ignored by the solver). */
  readonly $schema?: string;
  /** Format version; must be 1. */
  readonly version: 1;
  /** Short name. */
  readonly name?: string;
  /** Free text. */
  readonly description?: string;
  /** Number of hours planned (1 … 8760). */
  readonly horizonHours: number;
  /**
   * Name of one unit of each class as reports print it (the scenario's author fixes the units).
   * @default "unit-h" for every class
   * @example { "general": "rack-h", "intelligent": "PF16-h", "super": "PF64-h" }
   */
  readonly units?: PerClass<string>;
  /** Data-center clusters. */
  readonly sites: readonly Site[];
  /** Where demand arises. */
  readonly origins: readonly Origin[];
  /** Per-pair overrides of latency, transfer price and bandwidth. */
  readonly links?: readonly Link[];
  /** Demand to place. */
  readonly demands: readonly Demand[];
  /** Prices in the objective. */
  readonly prices: Prices;
  /** Global rules. */
  readonly policy?: Policy;
  /** Datasets that demands read (`demands[].dataset`). */
  readonly datasets?: readonly Dataset[];
  /** Models offered as a service (`demands[].model`). */
  readonly models?: readonly ServedModel[];
  /** The hub backbone with link capacities. */
  readonly backbone?: Backbone;
  /** Capacity expansion under uncertainty, read by `expand` (`solve` plans with the capacity as given). */
  readonly expansion?: Expansion;
}

/** A module type that may be built at a site (capacity expansion). */
export interface ExpansionCandidate {
  /** Site id. */
  readonly site: string;
  /** Compute class the module adds. */
  readonly class: ComputeClass;
  /** Name of the module type (reports); default `site/class#index`. */
  readonly name?: string;
  /** Units per hour one module adds (nominal; usable × `policy.maxUtilization`). */
  readonly moduleCapacity: number;
  /** Cost of one module for the modelled horizon, CNY (amortise the capital to it). */
  readonly fixedCost: number;
  /** Most modules of this type (an integer ≥ 0). */
  readonly maxModules: number;
  /** PUE of the module (what `policy.maxNewPue` limits). @default the site's pue */
  readonly pue?: number;
  /** IT kW per unit: required when the site does not offer the class yet (else the site's applies). */
  readonly powerKW?: number;
  /** Non-energy CNY per unit-hour: required when the site does not offer the class yet. */
  readonly unitCost?: number;
}

/** One demand scenario of a capacity expansion. */
export interface ExpansionCase {
  /** Unique name. */
  readonly name: string;
  /** Probability (≥ 0; all scenarios' sum to 1 within 1e-9). */
  readonly probability: number;
  /** Every demand's amount times this (≥ 0). Not with `demands`. */
  readonly demandScale?: number;
  /** The scenario's demands, replacing the scenario's own. Not with `demandScale`. */
  readonly demands?: readonly Demand[];
}

/** One value per region. */
export interface PerRegion<T> {
  readonly east?: T;
  readonly central?: T;
  readonly west?: T;
}

/** Policy rows of an expansion. */
export interface ExpansionPolicy {
  /**
   * A site-class pool where modules are built must be used, in expectation over the scenarios, at
   * least this share (0 … 1) of its nominal capacity over the horizon, the built modules included.
   */
  readonly minBuiltUtilization?: number;
  /** Largest PUE of a new module, per region of its site (a candidate above it is not built). */
  readonly maxNewPue?: PerRegion<number>;
}

/** Two-stage stochastic capacity expansion: modules built once, operations per demand scenario. */
export interface Expansion {
  readonly candidates: readonly ExpansionCandidate[];
  /** Most CNY spent on modules (Σ fixedCost · n). */
  readonly budget?: number;
  readonly scenarios: readonly ExpansionCase[];
  /** Relative MIP gap at which the search stops. @default 1e-6 */
  readonly mipGap?: number;
  readonly policy?: ExpansionPolicy;
}
