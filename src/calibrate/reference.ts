/** Test matrices and the CPU reference check every timed result goes through. */
import type { CorrectnessCheck, Precision } from './types.js';

/** Largest relative error accepted per precision (see `CorrectnessCheck.maxRelError`). */
export const TOLERANCE: Readonly<Record<Precision, number>> = { f16: 2e-2, f32: 1e-4, f64: 1e-12 };

/** Matrices up to this order are checked entry by entry; larger ones by sampled rows + Freivalds. */
export const FULL_CHECK_MAX_N = 256;

/** Rows checked entry by entry in a sampled check (first, last and evenly spaced ones). */
const SAMPLED_ROWS = 16;

/** Deterministic values in [−1, 1) from a 32-bit LCG (seeded, so runs are reproducible). */
export function fillRandom(out: Float32Array | Float64Array, seed: number): void {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
}

/** Row-major numeric matrix view: anything indexable (typed arrays, f16 decoded, …). */
export interface MatrixLike {
  readonly length: number;
  readonly [i: number]: number;
}

/**
 * Compares C (n×n) with A·B computed in f64. n ≤ FULL_CHECK_MAX_N: every entry; larger n: every
 * entry of 16 rows plus a Freivalds test (C·x against A·(B·x) for a random x), which catches a
 * wrong entry anywhere in O(n²) (sensitivity ≈ √n · tolerance there). Error of an entry = |C − C_ref| / Σ_k |A_ik·B_kj|; NaN counts as ∞.
 */
export function checkMatmul(a: MatrixLike, b: MatrixLike, c: MatrixLike, n: number, precision: Precision): CorrectnessCheck {
  const tolerance = TOLERANCE[precision];
  const full = n <= FULL_CHECK_MAX_N;
  const rows: number[] = [];
  if (full) for (let i = 0; i < n; i++) rows.push(i);
  else for (let r = 0; r < SAMPLED_ROWS; r++) rows.push(Math.round((r * (n - 1)) / (SAMPLED_ROWS - 1)));
  let maxRel = 0;
  const ref = new Float64Array(n);
  const mag = new Float64Array(n);
  for (const i of rows) {
    ref.fill(0);
    mag.fill(0);
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k] as number;
      const off = k * n;
      for (let j = 0; j < n; j++) {
        const p = aik * (b[off + j] as number);
        ref[j] = (ref[j] as number) + p;
        mag[j] = (mag[j] as number) + Math.abs(p);
      }
    }
    for (let j = 0; j < n; j++) maxRel = Math.max(maxRel, relError(c[i * n + j] as number, ref[j] as number, mag[j] as number));
  }
  if (!full) maxRel = Math.max(maxRel, freivalds(a, b, c, n));
  return {
    method: full ? 'full' : 'sampled',
    entriesChecked: rows.length * n,
    maxRelError: maxRel,
    tolerance,
    pass: maxRel <= tolerance,
  };
}

function relError(got: number, want: number, scale: number): number {
  const err = Math.abs(got - want);
  if (!Number.isFinite(got) || Number.isNaN(err)) return Number.POSITIVE_INFINITY;
  if (scale === 0) return err === 0 ? 0 : Number.POSITIVE_INFINITY;
  return err / scale;
}

/**
 * Freivalds test: max_i |(C·x − A·(B·x))_i| / (‖x‖₂ · m_i), where m_i = (|A|·(|B|·1))_i / n is the
 * mean of Σ_k |A_ik·B_kj| over row i. Rounding errors of a correct kernel are uncorrelated and
 * stay near the entry-wise error; one entry off by more than ≈ √n · tolerance of its scale fails.
 */
function freivalds(a: MatrixLike, b: MatrixLike, c: MatrixLike, n: number): number {
  const x = new Float64Array(n);
  fillRandom(x, 0x9e3779b9);
  let x2 = 0;
  for (let j = 0; j < n; j++) x2 += (x[j] as number) ** 2;
  const xNorm = Math.sqrt(x2);
  const bx = new Float64Array(n);
  const bAbs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    let t = 0;
    for (let j = 0; j < n; j++) {
      const bkj = b[k * n + j] as number;
      s += bkj * (x[j] as number);
      t += Math.abs(bkj);
    }
    bx[k] = s;
    bAbs[k] = t;
  }
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let abx = 0;
    let mean = 0;
    let cx = 0;
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k] as number;
      abx += aik * (bx[k] as number);
      mean += Math.abs(aik) * (bAbs[k] as number);
      cx += (c[i * n + k] as number) * (x[k] as number);
    }
    worst = Math.max(worst, relError(cx, abx, (xNorm * mean) / n));
  }
  return worst;
}
