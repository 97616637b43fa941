/**
 * Primal recovery of `decompose`: the best convex combination of the flows found so far.
 * Each flow k is scored by its true cost f_k (green used = min(E, S)) and its true row values
 * h_rk (scaled, ≤ 0 when met) of the dualized rows other than green supply. Cost and rows are convex
 * in the flow (green used is concave and enters with helping signs), so x̄ = Σ θ_k x_k with
 * Σ θ_k h_rk ≤ 0 meets every row and costs at most Σ θ_k f_k: a small LP (flows × rows) for glpk.js.
 */
import type { LpModel } from '../formulate/lp-model.js';
import { loadGlpk, solveWithGlpk } from './glpk.js';

/** Weights of the flows (Σ = 1) and the combination's cost bound, or undefined when no combination meets the rows. */
export interface MasterResult {
  readonly theta: Float64Array;
  readonly z: number;
}

/**
 * min Σ θ_k f_k s.t. Σ θ_k h[k][r] ≤ 0 for each row r, Σ θ_k = 1, θ ≥ 0.
 * `rows`: the row indices to keep (rows no flow violates are left out).
 */
export async function solveMaster(f: readonly number[], h: readonly Float64Array[], rows: readonly number[]): Promise<MasterResult | undefined> {
  const K = f.length;
  if (K === 0) return undefined;
  if (rows.length === 0) {
    let best = 0;
    for (let k = 1; k < K; k++) if (f[k]! < f[best]!) best = k;
    const theta = new Float64Array(K);
    theta[best] = 1;
    return { theta, z: f[best]! };
  }
  const glpk = await loadGlpk();
  // Costs shifted by the least one (better conditioned; Σ θ = 1 restores it).
  const f0 = Math.min(...f);
  const name = (k: number) => `t${k}`;
  const lp = {
    name: 'master',
    objective: { direction: glpk.GLP_MIN, name: 'z', vars: f.map((v, k) => ({ name: name(k), coef: v - f0 })) },
    subjectTo: [
      { name: 'conv', vars: f.map((_, k) => ({ name: name(k), coef: 1 })), bnds: { type: glpk.GLP_FX, lb: 1, ub: 1 } },
      ...rows.map((r) => ({ name: `r${r}`, vars: h.map((hk, k) => ({ name: name(k), coef: hk[r]! })), bnds: { type: glpk.GLP_UP, lb: 0, ub: 0 } })),
    ],
  };
  const out = await glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, presol: false });
  if (out.result.status !== glpk.GLP_OPT) return undefined;
  const theta = Float64Array.from(f, (_, k) => Math.max(0, out.result.vars[name(k)] ?? 0));
  const sum = theta.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return undefined;
  let z = 0;
  for (let k = 0; k < K; k++) {
    theta[k]! /= sum;
    z += theta[k]! * f[k]!;
  }
  return { theta, z };
}

/**
 * The LP over only the columns some flow used (plus every unmet and green column): a plan of the
 * full LP (the other columns at 0) and, where the flows' supports hold the optimum's, its cost.
 * Rows keep their bounds; a row left without columns is dropped unless its bounds exclude 0.
 */
export async function solveRestricted(
  m: LpModel,
  keep: (j: number) => boolean,
  timeLimitSeconds: number,
  deadline: number,
): Promise<{ z: number; values: Float64Array; duals: Float64Array } | undefined> {
  const colMap = new Int32Array(m.cols.length).fill(-1);
  const r: LpModel = { name: `${m.name}_restricted`, cols: [], rows: [] };
  m.cols.forEach((c, j) => {
    if (!keep(j)) return;
    colMap[j] = r.cols.length;
    r.cols.push(c);
  });
  const rowMap: number[] = [];
  for (let i = 0; i < m.rows.length; i++) {
    const row = m.rows[i]!;
    const cols: number[] = [];
    const coefs: number[] = [];
    row.cols.forEach((c, k) => {
      if (colMap[c]! >= 0) (cols.push(colMap[c]!), coefs.push(row.coefs[k]!));
    });
    if (cols.length === 0 && row.lb <= 0 && row.ub >= 0) continue;
    rowMap.push(i);
    r.rows.push({ ...row, cols, coefs });
  }
  const res = await solveWithGlpk(r, timeLimitSeconds, undefined, { deadline });
  if (res.status !== 'optimal') return undefined;
  const values = new Float64Array(m.cols.length);
  colMap.forEach((k, j) => {
    if (k >= 0) values[j] = res.values[k]!;
  });
  const duals = new Float64Array(m.rows.length);
  rowMap.forEach((i, k) => (duals[i] = res.duals[k]!));
  return { z: res.z, values, duals };
}
