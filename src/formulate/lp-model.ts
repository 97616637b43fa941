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
  | { readonly kind: 'slack'; readonly row: number };

/** What a row stands for. */
export type RowMeaning =
  | { readonly kind: 'demand'; readonly demand: number; readonly hour: number | null }
  | { readonly kind: 'capacity'; readonly site: number; readonly cls: ComputeClass; readonly hour: number }
  | { readonly kind: 'maxPerHour'; readonly demand: number; readonly hour: number }
  | { readonly kind: 'green'; readonly site: number; readonly hour: number }
  | { readonly kind: 'bandwidth'; readonly link: number; readonly hour: number }
  | { readonly kind: 'carbonCap' }
  | { readonly kind: 'minGreenShare' }
  | { readonly kind: 'siteMinGreenShare'; readonly site: number };

export interface LpColumn {
  readonly name: string;
  cost: number;
  /** Upper bound; Infinity when none. Lower bound is always 0. */
  readonly ub: number;
  readonly meaning: ColumnMeaning;
}

export interface LpRow {
  readonly name: string;
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
export function addColumn(m: LpModel, name: string, cost: number, ub: number, meaning: ColumnMeaning): number {
  m.cols.push({ name, cost, ub, meaning });
  return m.cols.length - 1;
}

/** Appends a row and returns its index. */
export function addRow(m: LpModel, row: LpRow): number {
  m.rows.push(row);
  return m.rows.length - 1;
}
