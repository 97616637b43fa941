/**
 * The LP packed into typed arrays for glpk.js in a worker thread: copying a few flat arrays to a
 * worker is cheap, while glpk.js's JSON form (an object per coefficient, names as strings) is slow
 * to build and to clone. The worker builds that JSON itself (see glpk-worker.ts), off the calling
 * thread, where a deadline or an abort can end it by terminating the worker.
 */
import type { LpModel } from '../formulate/lp-model.js';
import { runStepsAsync, type Pause } from '../formulate/steps.js';

/** Rows in compressed sparse row form; columns ≥ 0 with cost and upper bound (Infinity: none). */
export interface PackedLp {
  readonly nCols: number;
  readonly nRows: number;
  readonly cost: Float64Array;
  readonly colUb: Float64Array;
  /** Row i's entries are rowCols/rowCoefs[rowStart[i] … rowStart[i + 1]). */
  readonly rowStart: Int32Array;
  readonly rowCols: Int32Array;
  readonly rowCoefs: Float64Array;
  /** −Infinity: none. */
  readonly rowLb: Float64Array;
  /** +Infinity: none. */
  readonly rowUb: Float64Array;
  /** Integrality per column (MILP only): 0 continuous, 1 integer, 2 binary; absent: an LP. */
  readonly integer?: Uint8Array;
}

const CHUNK = 32_767;

function* packSteps(m: LpModel): Generator<void, PackedLp> {
  const nCols = m.cols.length;
  const nRows = m.rows.length;
  const cost = new Float64Array(nCols);
  const colUb = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    if ((j & CHUNK) === CHUNK) yield;
    const c = m.cols[j]!;
    cost[j] = c.cost;
    colUb[j] = c.ub;
  }
  const rowStart = new Int32Array(nRows + 1);
  for (let i = 0; i < nRows; i++) rowStart[i + 1] = rowStart[i]! + m.rows[i]!.cols.length;
  const nnz = rowStart[nRows]!;
  const rowCols = new Int32Array(nnz);
  const rowCoefs = new Float64Array(nnz);
  const rowLb = new Float64Array(nRows);
  const rowUb = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    if ((i & CHUNK) === CHUNK) yield;
    const r = m.rows[i]!;
    rowCols.set(r.cols, rowStart[i]!);
    rowCoefs.set(r.coefs, rowStart[i]!);
    rowLb[i] = r.lb;
    rowUb[i] = r.ub;
  }
  return { nCols, nRows, cost, colUb, rowStart, rowCols, rowCoefs, rowLb, rowUb };
}

/** Packs `m`, awaiting `pause` between chunks (throw from it to stop). */
export function packLp(m: LpModel, pause: Pause): Promise<PackedLp> {
  return runStepsAsync(packSteps(m), pause);
}
