/**
 * The split of a coupled placement LP for `decompose`: the network part (every column but the green
 * columns g, the demand / capacity / maxPerHour rows) and the coupling rows (green supply, carbon
 * cap, global and per-site green shares, link bandwidth, backbone links), each written as a ≤ row
 * σ·A·(x, g) ≤ σ·b and scaled so that its largest coefficient is 1 (the multipliers of all rows then
 * move on one scale). The g columns are boxes [0, S] priced analytically in each Lagrangian round.
 */
import { OptionsError } from '../errors.js';
import { rowName, type LpModel } from '../formulate/lp-model.js';
import type { Pause } from '../formulate/steps.js';

/** Row kinds that `decompose` dualizes (every other non-network kind stays with glpk.js). */
export const DUALIZED_KINDS: ReadonlySet<string> = new Set(['green', 'carbonCap', 'minGreenShare', 'siteMinGreenShare', 'bandwidth', 'backbone']);
const NETWORK_KINDS: ReadonlySet<string> = new Set(['demand', 'capacity', 'maxPerHour']);

/** The network part and the dualized rows of a model. */
export interface DecomposeSplit {
  /** The network part: every column but g, every network row. */
  readonly sub: LpModel;
  /** Full column → sub column (−1 for a g column). */
  readonly newIndex: Int32Array;
  /** Full row → sub row (−1 for a dualized row). */
  readonly subRowOf: Int32Array;
  /** Dualized rows: model row index, name, σ (+1 for ≤, −1 for ≥), scale s, scaled rhs σ·b/s. */
  readonly rows: readonly { readonly row: number; readonly name: string; readonly sign: number; readonly scale: number; readonly rhs: number; readonly green: boolean }[];
  /** Sub columns' coupling coefficients (column-major): start[j] … start[j+1] into rIdx / coef (scaled, signed). */
  readonly start: Int32Array;
  readonly rIdx: Int32Array;
  readonly coef: Float64Array;
  /** g columns: model column, cost, ub (S), its green row (index into rows), and its coefficients in the other dualized rows. */
  readonly box: readonly { readonly col: number; readonly cost: number; readonly ub: number; readonly green: number; readonly r: Int32Array; readonly c: Float64Array; readonly greenCoef: number }[];
  /** Per green row (index into rows): the unscaled kWh of each sub column is −A; kept as scaled coefs in `coef`. */
  readonly greenOf: Int32Array;
}

/**
 * Splits `m`; throws `OptionsError` when a row is neither a network row nor a kind decompose
 * dualizes (MILP gates, replica groups, N-1 recourse), or when a green column is not of the form
 * the plan recovery needs (cost ≤ 0, in one green row, helping every other row it is in).
 */
export async function splitForDecompose(m: LpModel, pause: Pause): Promise<DecomposeSplit> {
  const other = [...new Set(m.rows.map((r) => r.meaning.kind))].filter((k) => !NETWORK_KINDS.has(k) && !DUALIZED_KINDS.has(k));
  if (other.length > 0 || m.cols.some((c) => c.integer)) {
    throw new OptionsError('backend', `"decompose" dualizes green, carbon-cap, green-share, bandwidth and backbone rows over flow subproblems; this scenario also has ${other.length > 0 ? `${other.join(', ')} rows` : 'yes/no columns'} (a MILP or safety rows); use "glpk" or "auto"`);
  }
  const newIndex = new Int32Array(m.cols.length).fill(-1);
  const sub: LpModel = { name: `${m.name}_flow`, cols: [], rows: [] };
  for (let j = 0; j < m.cols.length; j++) {
    if ((j & 65535) === 65535) await pause();
    const c = m.cols[j]!;
    if (c.meaning.kind === 'g') continue;
    // 'slack': a re-plan's deferral column of a demand row (simulate), an arc to the sink like 'u'.
    if (c.meaning.kind !== 'x' && c.meaning.kind !== 'u' && c.meaning.kind !== 'slack') throw new OptionsError('backend', `"decompose" cannot hold ${c.meaning.kind} columns; use "glpk" or "auto"`);
    newIndex[j] = sub.cols.length;
    sub.cols.push(c);
  }
  const subRowOf = new Int32Array(m.rows.length).fill(-1);
  const rows: { row: number; name: string; sign: number; scale: number; rhs: number; green: boolean }[] = [];
  // Row-major entries first (sub column, dualized row, coefficient), then turned column-major.
  const cnt = new Int32Array(sub.cols.length + 1);
  const boxRows = new Map<number, { r: number[]; c: number[]; green: number; greenCoef: number }>();
  for (let i = 0; i < m.rows.length; i++) {
    if ((i & 16383) === 16383) await pause();
    const r = m.rows[i]!;
    if (NETWORK_KINDS.has(r.meaning.kind)) {
      subRowOf[i] = sub.rows.length;
      sub.rows.push({ ...r, cols: r.cols.map((c) => newIndex[c]!) });
      continue;
    }
    const sign = r.ub !== Infinity ? 1 : -1;
    if (r.lb !== -Infinity && r.ub !== Infinity) throw new OptionsError('backend', `"decompose" needs one-sided coupling rows; ${rowName(r.meaning)} has two bounds`);
    let scale = 0;
    for (const a of r.coefs) scale = Math.max(scale, Math.abs(a));
    // Tiny coefficients (denormal data volumes) would blow the scaled rhs up: keep those rows unscaled.
    if (!(scale >= 1e-9)) scale = 1;
    const ri = rows.length;
    rows.push({ row: i, name: rowName(r.meaning), sign, scale, rhs: (sign * (sign > 0 ? r.ub : r.lb)) / scale, green: r.meaning.kind === 'green' });
    r.cols.forEach((c, k) => {
      const a = (sign * r.coefs[k]!) / scale;
      if (newIndex[c]! >= 0) {
        cnt[newIndex[c]! + 1]!++;
        return;
      }
      let b = boxRows.get(c);
      if (!b) boxRows.set(c, (b = { r: [], c: [], green: -1, greenCoef: 0 }));
      if (r.meaning.kind === 'green') {
        if (b.green >= 0) throw new OptionsError('backend', `"decompose": green column ${c} is in two green rows`);
        b.green = ri;
        b.greenCoef = a;
      } else {
        b.r.push(ri);
        b.c.push(a);
      }
    });
  }
  const start = new Int32Array(sub.cols.length + 1);
  for (let j = 0; j < sub.cols.length; j++) start[j + 1] = start[j]! + cnt[j + 1]!;
  const fill = Int32Array.from(start);
  const rIdx = new Int32Array(start[sub.cols.length]!);
  const coef = new Float64Array(rIdx.length);
  rows.forEach((d, ri) => {
    const r = m.rows[d.row]!;
    r.cols.forEach((c, k) => {
      const j = newIndex[c]!;
      if (j < 0) return;
      const p = fill[j]!++;
      rIdx[p] = ri;
      coef[p] = (d.sign * r.coefs[k]!) / d.scale;
    });
  });
  const box = [...boxRows].map(([col, b]) => {
    const c = m.cols[col]!;
    // g = min(E, S) must be best for a fixed flow: no cost, and only helping the other rows.
    if (b.green < 0 || b.greenCoef <= 0 || c.cost > 0 || !(c.ub < Infinity) || b.c.some((v) => v > 0)) {
      throw new OptionsError('backend', `"decompose": the green column of ${rows[b.green]?.name ?? `column ${col}`} is not a green-supply box it can price; use "glpk"`);
    }
    return { col, cost: c.cost, ub: c.ub, green: b.green, r: Int32Array.from(b.r), c: Float64Array.from(b.c), greenCoef: b.greenCoef };
  });
  const greenOf = Int32Array.from(rows.map((r, i) => (r.green ? i : -1)).filter((i) => i >= 0));
  return { sub, newIndex, subRowOf, rows, start, rIdx, coef, box, greenOf };
}
