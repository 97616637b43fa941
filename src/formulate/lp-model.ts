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
  | { readonly kind: 'replica'; readonly model: number; readonly site: number };

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
  | { readonly kind: 'fixChoice'; readonly col: number };

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
    case 'replica':
      return `rep_${c.model}_${c.site}`;
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
  }
}

/** Appends a row and returns its index. */
export function addRow(m: LpModel, row: LpRow): number {
  m.rows.push(row);
  return m.rows.length - 1;
}
