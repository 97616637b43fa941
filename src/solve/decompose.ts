/**
 * The decompose backend: every coupling row of the placement LP (green supply, carbon cap, global
 * and per-site green shares, link bandwidth, backbone links) priced into network-simplex
 * subproblems by Lagrangian relaxation.
 *
 * Each coupling row, written σ·A·(x, g) ≤ σ·b, gets a multiplier y ≥ 0. For given y the Lagrangian
 * L(y) = min over flows x and boxes 0 ≤ g ≤ S of c·x + c_g·g + Σ_r y_r (A_r·(x, g) − b_r) is a
 * min-cost flow with arc costs c_j + Σ_r y_r A_rj plus, per g column, min(0, c_g + Σ_r y_r A_rg)·S:
 * a lower bound on the LP optimum for every y. Projected subgradient steps (Polyak, towards the best
 * plan's cost) raise the bound. The plan is the best convex combination of the flows found (see
 * decompose-master.ts), with green used = min(E, S): it meets every row, and the reported gap
 * (plan − bound) / max(1, |plan|) is proved. Green multipliers start at the green column's credit
 * (green covers every site-hour's energy), as the earlier green-only decomposition did.
 *
 * When the only non-green rows are the global carbon cap and/or green share, a scalar phase comes
 * first (decompose-scalar.ts): their multipliers held fixed for a few green-only rounds, then moved
 * by a bracketing secant on the rows' values; its flows bracket λ* and seed the joint path.
 */
import { networkSimplexSolver } from '../flow/network-simplex-wasm.js';
import type { LpModel } from '../formulate/lp-model.js';
import type { Pause } from '../formulate/steps.js';
import { flowDuals, modelToNetworkAsync } from '../formulate/to-network.js';
import { solveSlicePivots } from './flow-backend.js';
import type { LpResult } from './glpk.js';
import { nextTask } from '../util/next-task.js';
import { splitForDecompose } from './decompose-rows.js';
import { solveMaster, solveRestricted } from './decompose-master.js';
import { ScalarSearch } from './decompose-scalar.js';

/** Outcome of a decomposed solve: an LpResult plus the bound and gap it proved. */
export interface DecomposeResult extends LpResult {
  /** Best Lagrangian lower bound on the optimum, CNY. */
  readonly lowerBound: number;
  /** (best plan − bound) / max(1, |best plan|). */
  readonly gap: number;
  /** Subgradient rounds (one flow solve each). */
  readonly rounds: number;
  /**
   * The multipliers of the best bound, by row name (`grn_s_t`, `carbon_cap`, `green_share`,
   * `site_green_s`, `bw_l_t`, `bb_…`), in CNY per unit of the row: a warm start for a nearby model
   * (`initialMultipliers`); names survive reformulation, so rows that moved or vanished do no harm.
   */
  readonly multipliers: Map<string, number>;
  /** Why no combination of flows met the coupling rows (the status then comes from there). */
  readonly note?: string;
  /** Which path produced the result, in words (`scalar …` when the scalar phase alone reached the gap, `scalar (N λ values) then joint …`, `joint …`). */
  readonly path?: string;
}

export interface DecomposeOptions {
  /** Stop when the relative gap is at most this. */
  readonly gapTolerance: number;
  /** Stop after this many rounds. */
  readonly maxRounds: number;
  readonly timeLimitSeconds: number;
  /** Checked between rounds and between slices of each flow solve: the best plan so far comes back with status `aborted`. */
  readonly signal?: AbortSignal;
  /** `performance.now()` time past which the solve stops (best plan so far). @default now + timeLimitSeconds */
  readonly deadline?: number;
  /** Awaited between chunks while the network form is built; throw from it to stop. */
  readonly pause?: Pause;
  /**
   * Warm start: the multiplier of each coupling row by row name (as `multipliers` returns them).
   * Rows without an entry start cold (green rows at their credit, the others at 0).
   */
  readonly initialMultipliers?: ReadonlyMap<string, number>;
}

/** Flows kept for the primal combination (the oldest unused one goes first). */
const POOL_BYTES = 48 * 1024 * 1024;
/** Rounds without a bound gain of a tenth of the gap tolerance before the restricted LP takes over. */
const STALL_ROUNDS = 3;
/** Most restricted-LP solves (column generation rounds) of one decomposed solve. */
const CG_ROUNDS = 4;
/** Rounds after which, with no combination of flows meeting the rows yet, column generation starts anyway. */
const NO_PLAN_ROUNDS = 12;
/** Scalar phase: most green-only rounds at one λ, and its inner gap as a share of the gap tolerance. */
const INNER_ROUNDS = 3;
const INNER_SHARE = 0.25;
/** Scalar phase: its most rounds (and share of the time) before the joint path takes over. */
const SCALAR_ROUNDS = 16;
const SCALAR_TIME_SHARE = 0.5;

/** Solves a coupled LP (see the file comment); infeasible networks come back `infeasible`. */
export async function solveDecomposed(m: LpModel, opts: DecomposeOptions): Promise<DecomposeResult> {
  const t0 = performance.now();
  const pause = opts.pause ?? (() => undefined);
  const sp = await splitForDecompose(m, pause);
  const { sub, rows, start, rIdx, coef, box } = sp;
  const R = rows.length;
  const n = sub.cols.length;
  const mn = await modelToNetworkAsync(sub, pause);
  const slicePivots = solveSlicePivots(mn.net.nodes, mn.net.source.length);
  const base = Float64Array.from(sub.cols, (c) => c.cost);
  // Rows other than green supply: their values decide whether a combination of flows is a plan.
  const globalRows: number[] = [];
  rows.forEach((r, i) => !r.green && globalRows.push(i));
  const isGreen = Uint8Array.from(rows, (r) => (r.green ? 1 : 0));
  // Green row of each box, and S of each green row (for E vs S).
  const boxOfGreen = new Int32Array(R).fill(-1);
  box.forEach((b, k) => (boxOfGreen[b.green] = k));

  // Multipliers (scaled rows): warm where given, else green at the credit and the rest at 0.
  const y = new Float64Array(R);
  const init = opts.initialMultipliers;
  const credit = (k: number) => {
    const b = box[k]!;
    let rc = b.cost;
    for (let q = 0; q < b.r.length; q++) rc += y[b.r[q]!]! * b.c[q]!;
    return Math.max(0, -rc / b.greenCoef);
  };
  for (const i of globalRows) {
    const v = init?.get(rows[i]!.name);
    if (v !== undefined && Number.isFinite(v)) y[i] = Math.max(0, v * rows[i]!.scale);
  }
  box.forEach((b, k) => {
    const v = init?.get(rows[b.green]!.name);
    y[b.green] = v !== undefined && Number.isFinite(v) ? Math.min(credit(k), Math.max(0, v * rows[b.green]!.scale)) : credit(k);
  });

  // First price of a global row: one that moves the costs of its columns by about 5%.
  const y0 = new Float64Array(R);
  {
    const sc = new Float64Array(R);
    const sa = new Float64Array(R);
    for (let j = 0; j < n; j++) {
      for (let p = start[j]!; p < start[j + 1]!; p++) {
        sc[rIdx[p]!]! += Math.abs(base[j]!);
        sa[rIdx[p]!]! += Math.abs(coef[p]!);
      }
    }
    for (const i of globalRows) y0[i] = sa[i]! > 0 ? (0.05 * sc[i]!) / sa[i]! : 1;
  }
  const solver = await networkSimplexSolver();
  const deadline = opts.deadline ?? t0 + opts.timeLimitSeconds * 1000;
  // Scalar phase first when the only non-green rows are the global carbon cap and green share, and
  // the warm start (if any) does not already price them (it then starts near λ*: the joint path).
  const scalarKinds = new Set(['carbonCap', 'minGreenShare']);
  let scalar = globalRows.length > 0 && globalRows.length <= 2 && globalRows.every((i) => scalarKinds.has(m.rows[rows[i]!.row]!.meaning.kind)) && !globalRows.every((i) => init?.has(rows[i]!.name));
  const search = new ScalarSearch(Float64Array.from(globalRows, (i) => y0[i]!));
  const scalarUntil = { rounds: Math.min(SCALAR_ROUNDS, Math.floor(opts.maxRounds / 2)), at: t0 + SCALAR_TIME_SHARE * (deadline - t0) };
  let path = scalar ? 'scalar' : 'joint';
  let innerRounds = 0;
  let innerBest = -Infinity;
  const poolMax = Math.max(6, Math.min(40, Math.floor(POOL_BYTES / (8 * Math.max(1, n)))));
  const pool: { x: Float64Array; f: number; h: Float64Array; duals: Float64Array; used: number }[] = [];
  let best: { z: number; x: Float64Array; duals: Float64Array } | undefined;
  let bound = -Infinity;
  let bestY = Float64Array.from(y);
  let step = 1;
  let stale = 0;
  let rounds = 0;
  let iterations = 0;
  const support = new Uint8Array(n); // sub columns some flow used
  let restricted: { z: number; values: Float64Array; duals: Float64Array } | undefined;
  let pricing = false; // the last round priced the restricted LP's duals
  let cgLeft = CG_ROUNDS;
  let sinceGain = 0; // rounds since the bound last rose by a tenth of the gap tolerance
  let gainAt = -Infinity;
  const s = new Float64Array(R); // subgradient
  const E = new Float64Array(R); // per green row: −A·x (scaled kWh)
  const hv = new Float64Array(R);
  const gval = new Float64Array(box.length);

  for (; rounds < opts.maxRounds; ) {
    for (let j = 0; j < n; j++) {
      let c = base[j]!;
      for (let p = start[j]!; p < start[j + 1]!; p++) c += y[rIdx[p]!]! * coef[p]!;
      mn.net.cost[mn.colArc[j]!] = c;
    }
    // Rounds change arc costs only, so each flow solve resumes from the previous round's tree.
    const res = await solver.solveAsync(mn.net, { warmStart: true, deadline, slicePivots, ...(opts.signal ? { signal: opts.signal } : {}) });
    iterations += res.iterations;
    if ((res.status === 'time_limit' || res.status === 'aborted') && best) break;
    rounds++;
    if (res.status !== 'optimal') {
      return { status: res.status, feasible: false, z: NaN, values: new Float64Array(m.cols.length), duals: new Float64Array(m.rows.length), ms: performance.now() - t0, iterations, lowerBound: -Infinity, gap: Infinity, rounds, multipliers: new Map() };
    }
    // Lagrangian value and subgradient; true cost and row values of the flow (green = min(E, S)).
    let dual = res.objective;
    s.fill(0);
    E.fill(0);
    let f = 0;
    const x = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const v = res.flow[mn.colArc[j]!]!;
      x[j] = v;
      if (v === 0) continue;
      support[j] = 1;
      f += base[j]! * v;
      for (let p = start[j]!; p < start[j + 1]!; p++) s[rIdx[p]!]! += coef[p]! * v;
    }
    hv.set(s);
    for (let i = 0; i < R; i++) if (isGreen[i]) E[i] = -s[i]!;
    for (let k = 0; k < box.length; k++) {
      const b = box[k]!;
      let rc = b.cost + y[b.green]! * b.greenCoef;
      for (let q = 0; q < b.r.length; q++) rc += y[b.r[q]!]! * b.c[q]!;
      const g = rc < 0 ? b.ub : 0;
      gval[k] = g;
      dual += Math.min(0, rc) * b.ub;
      s[b.green]! += b.greenCoef * g;
      for (let q = 0; q < b.r.length; q++) s[b.r[q]!]! += b.c[q]! * g;
      // The plan's green: min(E, S) in kWh (E scaled by the green row's scale, S = ub).
      const used = Math.min(E[b.green]! / b.greenCoef, b.ub);
      f += b.cost * used;
      for (let q = 0; q < b.r.length; q++) hv[b.r[q]!]! += b.c[q]! * used;
    }
    for (let i = 0; i < R; i++) {
      dual -= y[i]! * rows[i]!.rhs;
      s[i]! -= rows[i]!.rhs;
      hv[i]! -= rows[i]!.rhs;
    }
    // The step follows the bound (in the scalar phase: the bound at this λ, which moves only between inner solves).
    const ref = scalar ? innerBest : bound;
    const gain = ref === -Infinity || dual > ref + 1e-12 * Math.abs(ref);
    if (bound === -Infinity || dual > bound + 1e-12 * Math.abs(bound)) {
      bound = dual;
      bestY = Float64Array.from(y);
    }
    if (scalar && gain) innerBest = dual;
    if (gain) stale = 0;
    else if (++stale >= 5) {
      step /= 2;
      stale = 0;
    }

    // The plan: the best combination of the pooled flows meeting the non-green rows.
    const h = Float64Array.from(globalRows, (i) => hv[i]!);
    if (pool.length >= poolMax) {
      let drop = 0;
      for (let k = 1; k < pool.length; k++) if (pool[k]!.used < pool[drop]!.used) drop = k;
      pool.splice(drop, 1);
    }
    pool.push({ x, f, h, duals: flowDuals(mn, res), used: rounds });
    const violated: number[] = [];
    globalRows.forEach((_, q) => {
      if (pool.some((p) => p.h[q]! > 0)) violated.push(q);
    });
    const master = await solveMaster(
      pool.map((p) => p.f),
      pool.map((p) => p.h),
      violated,
    );
    if (master && (!best || master.z < best.z)) {
      const xb = new Float64Array(n);
      let top = 0;
      pool.forEach((p, k) => {
        const t = master.theta[k]!;
        if (t > 0) p.used = rounds;
        if (t > master.theta[top]!) top = k;
        if (t > 0) for (let j = 0; j < n; j++) xb[j]! += t * p.x[j]!;
      });
      const z = planCost(xb);
      if (!best || z < best.z) best = { z, x: xb, duals: pool[top]!.duals };
    }

    let norm = 0;
    for (let i = 0; i < R; i++) {
      const d = s[i]!;
      if ((d > 0 || y[i]! > 0) && !(scalar && !isGreen[i])) norm += d * d;
    }
    const upper = () => Math.min(best?.z ?? Infinity, restricted?.z ?? Infinity);
    const gap = (upper() - bound) / Math.max(1, Math.abs(upper()));
    if (bound > gainAt + 0.1 * opts.gapTolerance * Math.max(1, Math.abs(bound))) (gainAt = bound), (sinceGain = 0);
    else sinceGain++;
    if (gap <= opts.gapTolerance || performance.now() >= deadline || opts.signal?.aborted) break;
    // Scalar phase: a few green-only rounds at this λ, then the next λ.
    let innerTarget = NaN;
    if (scalar) {
      // The pooled flows' Lagrangian costs at this λ bound the inner problem from above.
      let arg = 0;
      innerTarget = Infinity;
      pool.forEach((p, k) => {
        let v = p.f;
        globalRows.forEach((i, q) => (v += y[i]! * p.h[q]!));
        if (v < innerTarget) (innerTarget = v), (arg = k);
      });
      innerRounds++;
      const innerGap = (innerTarget - innerBest) / Math.max(1, Math.abs(innerTarget));
      if (innerGap <= INNER_SHARE * opts.gapTolerance || norm === 0 || innerRounds >= INNER_ROUNDS) {
        let moved = false;
        const was = Float64Array.from(box, (_, k) => credit(k));
        globalRows.forEach((i, q) => {
          const v = search.next(q, y[i]!, pool[arg]!.h[q]!);
          moved ||= v !== y[i];
          y[i] = v;
        });
        // Inner warm start: each green price from the last inner flow's energy E vs S at its
        // site-hour (surplus: the full credit, shortage: 0, near S: its old share of the credit).
        planCost(pool[arg]!.x);
        box.forEach((b, k) => {
          const c = credit(k);
          const e = E[b.green]! / b.greenCoef;
          y[b.green] = e < 0.98 * b.ub ? c : e > 1.02 * b.ub ? 0 : was[k]! > 0 ? Math.min(c, (y[b.green]! * c) / was[k]!) : c;
        });
        innerRounds = 0;
        if (moved) (innerBest = -Infinity), (step = 1), (stale = 0);
        const closed = globalRows.some((_, q) => search.collapsed(q));
        if (closed || rounds >= scalarUntil.rounds || performance.now() >= scalarUntil.at) {
          // The scalar phase has not closed the gap: the joint path (column generation) takes over from here.
          scalar = false;
          path = `scalar (${search.tried} λ values) then joint`;
          (sinceGain = 0), (gainAt = bound);
        }
        if (opts.signal) await nextTask();
        continue;
      }
    }
    // Coupled rows and a stalled bound (or a pricing round done): column generation with the exact
    // LP over the columns the flows used as master; its duals price the next flow.
    const lastRound = rounds >= opts.maxRounds;
    if (!scalar && globalRows.length > 0 && (pricing || norm === 0 || sinceGain >= STALL_ROUNDS || (!best && !restricted && rounds >= NO_PLAN_ROUNDS) || lastRound)) {
      if (cgLeft-- <= 0) break;
      const keep = (j: number) => (sp.newIndex[j]! < 0 ? true : support[sp.newIndex[j]!] === 1 || m.cols[j]!.meaning.kind === 'u');
      const r = await solveRestricted(m, keep, Math.max(0.001, (deadline - performance.now()) / 1000), deadline);
      if (r) {
        if (!restricted || r.z < restricted.z) restricted = r;
        if ((upper() - bound) / Math.max(1, Math.abs(upper())) <= opts.gapTolerance) break;
        rows.forEach((row, i) => (y[i] = Math.max(0, -row.sign * r.duals[row.row]! * row.scale)));
        pricing = true;
        continue;
      }
      // The flows' columns cannot meet the rows yet (no unmet columns): more subgradient rounds.
      if (lastRound || performance.now() >= deadline) break;
      sinceGain = 0;
    }
    if (norm === 0) break;
    pricing = false;
    // Let timers (and so an abort) run between rounds.
    if (opts.signal) await nextTask();
    if (opts.signal?.aborted) break;
    // Polyak towards the best plan's cost (before one exists: 5% above the best bound).
    // (Scalar phase: towards the inner problem's best Lagrangian cost; λ stays.)
    const target = scalar ? innerTarget : best ? best.z : bound + 0.05 * Math.max(1, Math.abs(bound));
    const theta = (step * Math.max(target - dual, 1e-9 * Math.max(1, Math.abs(target)))) / norm;
    if (!scalar) globalRows.forEach((i, q) => {
      // A row every pooled flow still violates: double its price (from a first guess) until one meets it.
      if (!best && pool.every((p) => p.h[q]! > 0)) y[i] = y[i]! > 0 ? 2 * y[i]! : y0[i]!;
      else y[i] = Math.max(0, y[i]! + theta * s[i]!);
    });
    box.forEach((b, k) => (y[b.green] = Math.min(credit(k), Math.max(0, y[b.green]! + theta * s[b.green]!))));
  }

  /** The path that ran, for `plan.solver.reason`. */
  function pathText(): string {
    const names = globalRows.map((i) => rows[i]!.name).join(' and ');
    if (globalRows.length === 0) return 'green supply priced by subgradient';
    if (path === 'scalar') return `scalar phase on ${names} (${search.tried} λ values, green-only subgradient inside)`;
    if (path === 'joint') return `joint subgradient on ${names} with column generation`;
    return `${path} subgradient on ${names} with column generation`; // `scalar (N λ values) then joint …`
  }

  /** The full LP's cost of sub values `xb` with green used = min(E, S). */
  function planCost(xb: Float64Array): number {
    let z = 0;
    E.fill(0);
    for (let j = 0; j < n; j++) {
      const v = xb[j]!;
      if (v === 0) continue;
      z += base[j]! * v;
      for (let p = start[j]!; p < start[j + 1]!; p++) if (isGreen[rIdx[p]!]) E[rIdx[p]!]! -= coef[p]! * v;
    }
    for (const b of box) z += b.cost * Math.min(E[b.green]! / b.greenCoef, b.ub);
    return z;
  }

  if (restricted && best && restricted.z >= best.z) restricted = undefined;
  const multipliers = new Map<string, number>();
  bestY.forEach((v, i) => multipliers.set(rows[i]!.name, v / rows[i]!.scale));
  if (restricted) {
    const z = restricted.z;
    const gap = Math.max(0, (z - bound) / Math.max(1, Math.abs(z)));
    const status = gap <= opts.gapTolerance ? 'optimal' : opts.signal?.aborted ? 'aborted' : 'time_limit';
    return { status, feasible: true, z, values: restricted.values, duals: restricted.duals, ms: performance.now() - t0, iterations, lowerBound: bound, gap, rounds, multipliers, path: pathText() };
  }
  if (!best) {
    const why = `no combination of the ${rounds} flows met ${globalRows.map((i) => rows[i]!.name).slice(0, 3).join(', ')}`;
    return { status: 'infeasible', feasible: false, z: NaN, values: new Float64Array(m.cols.length), duals: new Float64Array(m.rows.length), ms: performance.now() - t0, iterations, lowerBound: bound, gap: Infinity, rounds, multipliers, note: why, path: pathText() };
  }
  // Back to the full model's columns and rows; green used = min(E, S) of the plan.
  const b = best;
  const values = new Float64Array(m.cols.length);
  sp.newIndex.forEach((k, j) => {
    if (k >= 0) values[j] = b.x[k]!;
  });
  planCost(b.x);
  for (const bx of box) values[bx.col] = Math.min(E[bx.green]! / bx.greenCoef, bx.ub);
  const duals = new Float64Array(m.rows.length);
  sp.subRowOf.forEach((k, i) => {
    if (k >= 0) duals[i] = b.duals[k]!;
  });
  // Coupling rows: glpk's sign (∂objective/∂rhs): −y on a ≤ row, +y on a ≥ row.
  rows.forEach((r, i) => (duals[r.row] = (-r.sign * bestY[i]!) / r.scale));
  const gap = Math.max(0, (b.z - bound) / Math.max(1, Math.abs(b.z)));
  const done = gap <= opts.gapTolerance;
  return { status: done ? 'optimal' : opts.signal?.aborted ? 'aborted' : 'time_limit', feasible: true, z: b.z, values, duals, ms: performance.now() - t0, iterations, lowerBound: bound, gap, rounds, multipliers, path: pathText() };
}
