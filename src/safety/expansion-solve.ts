/**
 * The expansion MILP on glpk.js in a worker thread (glpk-worker.ts, with integer columns): branch
 * and cut with `mipgap` and `tmlim` (glpk.js reports "feasible" both when tmlim ends the search
 * and when the gap reaches mipgap; the clock tells them apart); glpk's presolver is on for the MILP (glpk.js runs its integer
 * search only with it), off for an LP.
 */
import { SolverError } from '../errors.js';
import type { PackedLp } from '../solve/glpk-pack.js';
import { solveInWorker } from '../solve/glpk-load.js';
import type { ExpansionMilp } from './expansion-model.js';

/** What a MILP solve gives. */
export interface MilpOutcome {
  readonly status: 'optimal' | 'time_limit' | 'infeasible';
  /** Whether `values` hold an integer-feasible point. */
  readonly feasible: boolean;
  readonly z: number;
  readonly values: Float64Array;
}

function pack(m: ExpansionMilp, integer: boolean): PackedLp {
  const nCols = m.cols.length;
  const nRows = m.rows.length;
  const rowStart = new Int32Array(nRows + 1);
  m.rows.forEach((r, i) => (rowStart[i + 1] = rowStart[i]! + r.cols.length));
  const rowCols = new Int32Array(rowStart[nRows]!);
  const rowCoefs = new Float64Array(rowStart[nRows]!);
  m.rows.forEach((r, i) => {
    rowCols.set(r.cols, rowStart[i]!);
    rowCoefs.set(r.coefs, rowStart[i]!);
  });
  return {
    nCols,
    nRows,
    cost: Float64Array.from(m.cols, (c) => c.cost),
    colUb: Float64Array.from(m.cols, (c) => c.ub),
    rowStart,
    rowCols,
    rowCoefs,
    rowLb: Float64Array.from(m.rows, (r) => r.lb),
    rowUb: Float64Array.from(m.rows, (r) => r.ub),
    ...(integer ? { integer: Uint8Array.from(m.cols, (c) => c.integer) } : {}),
  };
}

/** Solves the MILP (`relax`: its LP relaxation) until `deadline` (`performance.now()` time). */
export async function solveMilp(m: ExpansionMilp, mipGap: number, deadline: number, relax = false): Promise<MilpOutcome> {
  const integer = !relax && m.cols.some((c) => c.integer > 0);
  const limitMs = Math.max(1, deadline - performance.now());
  let r;
  try {
    r = await solveInWorker(pack(m, integer), {
      opts: { msglev: 0, presol: integer, ...(integer ? { mipgap: mipGap } : {}) },
      tmlimDeadline: deadline,
      killAt: deadline + Math.max(0.1 * limitMs, 250),
    });
  } catch (e) {
    throw new SolverError(`glpk.js failed on the expansion model: ${(e as Error).message}`);
  }
  const none = new Float64Array(m.cols.length);
  if (r === 'aborted' || r === 'time_limit') return { status: 'time_limit', feasible: false, z: NaN, values: none };
  const past = performance.now() >= deadline - 0.02 * limitMs;
  switch (r.status) {
    case 'opt':
      return { status: 'optimal', feasible: true, z: r.z, values: r.values };
    case 'feas':
      // glpk also stops with an integer point (status "feasible") when the gap reaches mipgap.
      return { status: past ? 'time_limit' : 'optimal', feasible: true, z: r.z, values: r.values };
    case 'nofeas':
      return { status: 'infeasible', feasible: false, z: NaN, values: none };
    default:
      // With its presolver glpk reports a MILP without an integer point as undefined.
      if (past) return { status: 'time_limit', feasible: false, z: NaN, values: none };
      if (integer) return { status: 'infeasible', feasible: false, z: NaN, values: none };
      throw new SolverError(`glpk.js returned ${r.status} on the expansion model before its time limit`);
  }
}
