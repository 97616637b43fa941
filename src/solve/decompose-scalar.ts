/**
 * The scalar phase of `decompose`, for models whose coupling is green supply plus the global
 * carbon cap and/or the global green share. Each such row r gets one scalar λ_r ≥ 0, held fixed while
 * the inner problem (network + green supply, with the row priced in at λ_r) is solved by the fast
 * green-only subgradient; then λ_r moves by a safeguarded secant / bisection on the row's value
 * h_r(x(λ)) of the inner problem's best flow (h > 0: the row is violated, λ goes up).
 *
 * Every round's Lagrangian value is a proved bound (LB(λ) = LB_inner(λ) − λ·b), and the plan is the
 * best convex combination of the pooled flows meeting the rows (decompose-master.ts): the flows
 * found just above and just below the cap bracket λ*, so the combination's cost tends to the bound
 * as the bracket closes. Measured on the built-in day, a few green-only rounds per λ do not reach
 * the inner problem's optimum (the green prices converge slowly once λ is large), so the phase is
 * short (decompose.ts: 3 rounds per λ, 16 rounds) and hands its λ and its bracketing flows to the
 * joint path, whose restricted LP then holds the optimum's columns more often.
 */

/** Bracket of each scalar row's multiplier (scaled units, like the rows). */
export class ScalarSearch {
  /** Largest λ whose inner flow violated the row (0 before one). */
  readonly lo: Float64Array;
  /** Smallest λ whose inner flow met the row (Infinity before one). */
  readonly hi: Float64Array;
  /** Row values at lo and hi (NaN while unknown). */
  readonly hLo: Float64Array;
  readonly hHi: Float64Array;
  /** λ values tried so far. */
  tried = 0;

  /** `first[q]`: λ to try after 0 when nothing brackets the row yet (a price that moves the costs by a few %). */
  constructor(private readonly first: Float64Array) {
    const Q = first.length;
    this.lo = new Float64Array(Q);
    this.hi = new Float64Array(Q).fill(Infinity);
    this.hLo = new Float64Array(Q).fill(NaN);
    this.hHi = new Float64Array(Q).fill(NaN);
  }

  /**
   * Records that at λ = `lam` the inner problem's best flow has row value `h` (scaled, > 0 when
   * violated) and returns the next λ of row q.
   */
  next(q: number, lam: number, h: number): number {
    this.tried++;
    if (h > 0) {
      if (lam >= this.lo[q]!) (this.lo[q] = lam), (this.hLo[q] = h);
      // The row's price went past an old "met" end (the other row moved): that end is stale.
      if (lam >= this.hi[q]!) (this.hi[q] = Infinity), (this.hHi[q] = NaN);
    } else {
      if (lam <= this.hi[q]!) (this.hi[q] = lam), (this.hHi[q] = h);
      if (lam <= this.lo[q]!) (this.lo[q] = 0), (this.hLo[q] = NaN);
    }
    const lo = this.lo[q]!;
    const hi = this.hi[q]!;
    if (hi === Infinity) return lam > 0 ? 8 * lam : this.first[q]!;
    // Met at λ = 0: the row does not bind.
    if (hi === 0) return 0;
    if (!(this.hLo[q]! > 0)) return hi / 4 < 1e-9 * this.first[q]! ? 0 : hi / 4;
    const w = hi - lo;
    const hl = this.hLo[q]!;
    const hh = this.hHi[q]!;
    const secant = lo + (w * hl) / (hl - hh);
    return Math.min(hi - 0.2 * w, Math.max(lo + 0.2 * w, secant));
  }

  /** True when row q's bracket has closed to rounding (the scalar search cannot gain more). */
  collapsed(q: number): boolean {
    const hi = this.hi[q]!;
    return hi > 0 && hi < Infinity && hi - this.lo[q]! <= 1e-9 * hi;
  }
}
