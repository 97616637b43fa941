/**
 * The LP side of an explanation (coupled models): the grouped model with each group hard, elastic
 * (its rows may give way at a cost of 1 per unit of violation) or off (its rule lifted), costs
 * otherwise 0, solved by glpk.js. Chinneck's elastic filter grows the set of hard groups from the
 * groups that had to give way until the model is infeasible.
 */
import { addColumn, type LpModel } from '../formulate/lp-model.js';
import { solveWithGlpk } from '../solve/glpk.js';
import type { GroupedModel } from './iis-groups.js';

/** How a group takes part in a subproblem. */
export type GroupState = 'hard' | 'elastic' | 'off';

/** Violation below this is numerical noise. */
const NOISE = 1e-7;

const POLICY = new Set(['carbonCap', 'minGreenShare', 'siteMinGreenShare']);

/**
 * The subproblem and, per column of it, the group whose violation it measures (−1: none). Only
 * rows that take part are kept, and only columns in them: green definition rows (g ≤ energy) only
 * while a policy row that reads g takes part (without one, g = 0 satisfies them).
 */
function subproblem(gm: GroupedModel, state: (g: number) => GroupState): { model: LpModel; violates: number[] } {
  const { model: m, rowGroup, colGroup, groups } = gm;
  // Green rows of the sites a policy row that takes part reads (all sites for the global rows).
  let allSites = false;
  const greenSites = new Set<number>();
  groups.forEach((g, i) => {
    if (!POLICY.has(g.kind) || state(i) === 'off') return;
    if (g.kind === 'siteMinGreenShare') greenSites.add(g.site!);
    else allSites = true;
  });
  const rowState = (i: number): GroupState => {
    const g = rowGroup[i]!;
    if (g >= 0) return state(g);
    const r = m.rows[i]!.meaning;
    return r.kind === 'green' && (allSites || greenSites.has(r.site)) ? 'hard' : 'off';
  };
  const colState = (j: number): GroupState => {
    const g = colGroup[j]!;
    return g < 0 ? 'off' : state(g);
  };
  // A latency group that holds keeps its far columns at 0: they are left out.
  const used = new Uint8Array(m.cols.length);
  m.rows.forEach((r, i) => {
    if (rowState(i) !== 'off') for (const c of r.cols) if (colState(c) !== 'hard') used[c] = 1;
  });
  const model: LpModel = { name: 'suanflow_iis', cols: [], rows: [] };
  const violates: number[] = [];
  const newCol = new Int32Array(m.cols.length).fill(-1);
  m.cols.forEach((c, j) => {
    if (!used[j]) return;
    const elastic = colState(j) === 'elastic';
    newCol[j] = model.cols.length;
    model.cols.push({ cost: elastic ? 1 : 0, ub: c.ub, meaning: c.meaning });
    violates.push(elastic ? colGroup[j]! : -1);
  });
  m.rows.forEach((r, i) => {
    const s = rowState(i);
    if (s === 'off') return;
    const g = rowGroup[i]!;
    const cols: number[] = [];
    const coefs: number[] = [];
    r.cols.forEach((c, k) => {
      if (newCol[c]! >= 0) (cols.push(newCol[c]!), coefs.push(r.coefs[k]!));
    });
    if (s === 'elastic') {
      // Demand rows fall short (+slack); other rows give way toward their bound.
      const up = r.meaning.kind === 'demand' || r.lb > -Infinity;
      const down = r.meaning.kind !== 'demand' && r.ub < Infinity;
      if (up) (cols.push(addColumn(model, 1, Infinity, { kind: 'slack', row: i })), coefs.push(1), violates.push(g));
      if (down) (cols.push(addColumn(model, 1, Infinity, { kind: 'slack', row: m.rows.length + i })), coefs.push(-1), violates.push(g));
    }
    model.rows.push({ cols, coefs, lb: r.lb, ub: r.ub, meaning: r.meaning });
  });
  return { model, violates };
}

/** Whether the groups marked hard (others off) can all hold; null when the time ran out. */
export async function lpFeasible(gm: GroupedModel, hard: ReadonlySet<number>, deadline: number): Promise<boolean | null> {
  const left = (deadline - performance.now()) / 1000;
  if (left <= 0) return null;
  const { model } = subproblem(gm, (g) => (hard.has(g) ? 'hard' : 'off'));
  const r = await solveWithGlpk(model, left);
  if (r.status === 'infeasible') return false;
  if (r.status === 'optimal' || r.feasible) return true;
  return null;
}

/** Outcome of the elastic filter. */
export interface ElasticOutcome {
  /** Groups made hard; together infeasible when `infeasible`. */
  readonly hard: Set<number>;
  /** Whether the hard groups alone were proved infeasible (false: feasible scenario, or stopped). */
  readonly infeasible: boolean;
  /** Whether the time ran out. */
  readonly stopped: boolean;
  readonly solves: number;
}

/**
 * Chinneck's elastic filter: solve with every group not yet hard elastic, make the groups that
 * had to give way hard, repeat until the model is infeasible (the hard set then holds an IIS).
 */
export async function elasticFilter(gm: GroupedModel, deadline: number): Promise<ElasticOutcome> {
  const hard = new Set<number>();
  let solves = 0;
  for (;;) {
    const left = (deadline - performance.now()) / 1000;
    if (left <= 0) return { hard, infeasible: false, stopped: true, solves };
    const { model, violates } = subproblem(gm, (g) => (hard.has(g) ? 'hard' : 'elastic'));
    const r = await solveWithGlpk(model, left);
    solves++;
    if (r.status === 'infeasible') return { hard, infeasible: true, stopped: false, solves };
    if (!r.feasible) return { hard, infeasible: false, stopped: true, solves };
    const gave = new Set<number>();
    violates.forEach((g, j) => {
      if (g >= 0 && r.values[j]! > NOISE) gave.add(g);
    });
    if (gave.size === 0) return { hard, infeasible: false, stopped: false, solves };
    for (const g of gave) hard.add(g);
  }
}
