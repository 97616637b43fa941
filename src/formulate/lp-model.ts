/**
 * A solver-neutral sparse LP: columns with cost and upper bound (lower bound 0), rows with
 * bounds, each tagged with what it means so results map back to the Plan.
 */
import type { ComputeClass } from '../scenario/types.js';

/** What a column stands for (indices into the scenario's arrays). */
export type ColumnMeaning =
  | { readonly kind: 'x'; readonly demand: number; readonly site: number; readonly hour: number }
  | { readonly kind: 'u'; readonly demand: number; readonly hour: number | null }
  | { readonly kind: 'g'; readonly site: number; readonly hour: number }
  | { readonly kind: 'slack'; readonly row: number }
  | { readonly kind: 'copy'; readonly dataset: number; readonly site: number }
  | { readonly kind: 'host'; readonly model: number; readonly site: number }
  /** Recourse of an N-1-secure plan: work re-routed to site in hour when outage `outage` (index into the loop's outage list) is down, for the demands whose usable sites outside it are those of `demand` (the first of them). */
  | { readonly kind: 'z'; readonly outage: number; readonly demand: number; readonly site: number; readonly hour: number }
  /** N-1-secure models: the plan's use Σ x of a site-class-hour, one column that every outage's recourse-capacity row reads. */
  | { readonly kind: 'use'; readonly site: number; readonly cls: ComputeClass; readonly hour: number };

/** What a row stands for. */
export type RowMeaning =
  | { readonly kind: 'demand'; readonly demand: number; readonly hour: number | null }
  | { readonly kind: 'capacity'; readonly site: number; readonly cls: ComputeClass; readonly hour: number }
  | { readonly kind: 'maxPerHour'; readonly demand: number; readonly hour: number }
  | { readonly kind: 'green'; readonly site: number; readonly hour: number }
  | { readonly kind: 'bandwidth'; readonly link: number; readonly hour: number }
  | { readonly kind: 'carbonCap' }
  | { readonly kind: 'minGreenShare' }
  | { readonly kind: 'siteMinGreenShare'; readonly site: number }
  | { readonly kind: 'gate'; readonly demand: number; readonly site: number; readonly hour: number }
  | { readonly kind: 'backbone'; readonly link: number; readonly reverse: boolean; readonly hour: number }
  | { readonly kind: 'minReplicas'; readonly model: number }
  | { readonly kind: 'fixChoice'; readonly col: number }
  /** Σ over the sites of one replica group (named by its first site index) ≤ amount (hour null: over the window). */
  | { readonly kind: 'replicaGroup'; readonly demand: number; readonly group: string; readonly firstSite: number; readonly hour: number | null }
  /** N-1-secure models: use[s,c,t] − Σ_{d of c} x[d,s,t] = 0. */
  | { readonly kind: 'use'; readonly site: number; readonly cls: ComputeClass; readonly hour: number }
  /** N-1 recourse: Σ_s z^o[D,s,t] = Σ_{d∈D} Σ_{s'∈o} x[d,s',t] for the demands D sharing `demand`'s usable sites outside o. */
  | { readonly kind: 'recourse'; readonly outage: number; readonly demand: number; readonly hour: number }
  /** N-1 recourse: Σ_{d of cls} (x + z^o)[d,site,t] ≤ usable capacity, for a site outside the outage. */
  | { readonly kind: 'recourseCapacity'; readonly outage: number; readonly site: number; readonly cls: ComputeClass; readonly hour: number };

export interface LpColumn {
  cost: number;
  /** Upper bound; Infinity when none. Lower bound is always 0. */
  readonly ub: number;
  readonly meaning: ColumnMeaning;
  /** A yes/no (0/1) column of a MILP: dataset copies and model replicas. */
  readonly integer?: boolean;
}

export interface LpRow {
  readonly cols: number[];
  readonly coefs: number[];
  /** −Infinity for a ≤ row. */
  readonly lb: number;
  /** +Infinity for a ≥ row; lb === ub for an equality. */
  readonly ub: number;
  readonly meaning: RowMeaning;
}

/** Minimize Σ cost · column subject to the rows. */
export interface LpModel {
  readonly name: string;
  readonly cols: LpColumn[];
  readonly rows: LpRow[];
}

/** Appends a column and returns its index. */
export function addColumn(m: LpModel, cost: number, ub: number, meaning: ColumnMeaning): number {
  m.cols.push({ cost, ub, meaning });
  return m.cols.length - 1;
}

/**
 * Name of a column in LP files and glpk.js: index based (`x_d_s_t`: demand d, site s, hour t) so it
 * is valid whatever characters ids hold. Built only when a model is written or handed to glpk.
 */
export function columnName(c: ColumnMeaning): string {
  switch (c.kind) {
    case 'x':
      return `x_${c.demand}_${c.site}_${c.hour}`;
    case 'u':
      return c.hour === null ? `u_${c.demand}` : `u_${c.demand}_${c.hour}`;
    case 'g':
      return `g_${c.site}_${c.hour}`;
    case 'slack':
      return `slack_${c.row}`;
    case 'copy':
      return `copy_${c.dataset}_${c.site}`;
    case 'host':
      return `host_${c.model}_${c.site}`;
    case 'z':
      return `z_${c.outage}_${c.demand}_${c.site}_${c.hour}`;
    case 'use':
      return `use_${c.site}_${c.cls}_${c.hour}`;
  }
}

/** Name of a row (see `columnName`). */
export function rowName(r: RowMeaning): string {
  switch (r.kind) {
    case 'demand':
      return r.hour === null ? `dem_${r.demand}` : `dem_${r.demand}_${r.hour}`;
    case 'capacity':
      return `cap_${r.site}_${r.cls}_${r.hour}`;
    case 'maxPerHour':
      return `mph_${r.demand}_${r.hour}`;
    case 'green':
      return `grn_${r.site}_${r.hour}`;
    case 'bandwidth':
      return `bw_${r.link}_${r.hour}`;
    case 'carbonCap':
      return 'carbon_cap';
    case 'minGreenShare':
      return 'green_share';
    case 'siteMinGreenShare':
      return `site_green_${r.site}`;
    case 'gate':
      return `gate_${r.demand}_${r.site}_${r.hour}`;
    case 'backbone':
      return `bb_${r.link}_${r.reverse ? 1 : 0}_${r.hour}`;
    case 'minReplicas':
      return `minrep_${r.model}`;
    case 'fixChoice':
      return `fix_${r.col}`;
    case 'replicaGroup':
      return r.hour === null ? `rep_${r.demand}_${r.firstSite}` : `rep_${r.demand}_${r.firstSite}_${r.hour}`;
    case 'use':
      return `use_${r.site}_${r.cls}_${r.hour}`;
    case 'recourse':
      return `rec_${r.outage}_${r.demand}_${r.hour}`;
    case 'recourseCapacity':
      return `rcap_${r.outage}_${r.site}_${r.cls}_${r.hour}`;
  }
}

/** Appends a row and returns its index. */
export function addRow(m: LpModel, row: LpRow): number {
  m.rows.push(row);
  return m.rows.length - 1;
}
