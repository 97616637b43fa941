// Price refinement of cost scaling: the wasm twin of refinePrices in src/flow/cost-scaling-refine.ts
// (same operations in the same order; read that file's header for the method, LEMON's
// priceRefinement). Arrays as csPhase's (assembly/cost-scaling.ts), with current as the DFS's next
// arc, plus reached, processed (u8[n]), pred and stack (i32[n]). Returns 1 when the flow is
// ε-optimal after the price changes (the phase can be skipped), 0 when an admissible cycle was
// cancelled instead.

import { bucketPush, bucketRemove } from './buckets';
import { gb, gf, gi, sb, sf, si } from './memory';

/** Most rounds of one refinement (src/flow/cost-scaling-refine.ts COST_SCALING_REFINE_ROUNDS). */
const REFINE_ROUNDS: i32 = 64;

export function csRefine(
  n: i32,
  first: usize,
  head: usize,
  res: usize,
  cost: usize,
  pair: usize,
  pi: usize,
  current: usize,
  rank: usize,
  buckets: usize,
  maxRank: i32,
  bucketNext: usize,
  bucketPrev: usize,
  reached: usize,
  processed: usize,
  pred: usize,
  stack: usize,
  eps: f64,
): i32 {
  const end = n;
  for (let round = 0; round < REFINE_ROUNDS; round++) {
    const top = topologicalOrder(n, first, head, res, cost, pair, pi, current, reached, processed, pred, stack);
    if (top < -1) return 0;
    for (let i: i32 = 0; i < n; i++) si(rank, i, 0);
    for (let r: i32 = 0; r < maxRank; r++) si(buckets, r, end);
    let topRank: i32 = 0;
    for (let k = top; k >= 0; k--) {
      const u = gi(stack, k);
      const rankU = gi(rank, u);
      const pu = gf(pi, u);
      const last = gi(first, u + 1);
      for (let a = gi(first, u); a < last; a++) {
        if (gf(res, a) > 0) {
          const v = gi(head, a);
          const rc = gf(cost, a) + pu - gf(pi, v);
          if (rc < 0) {
            const nrf = <f64>rankU + Math.trunc((-rc - 0.5) / eps);
            if (nrf >= <f64>maxRank) return 0;
            const nr = <i32>nrf;
            if (nr > gi(rank, v)) si(rank, v, nr);
          }
        }
      }
      if (rankU > 0) {
        if (rankU > topRank) topRank = rankU;
        const b = gi(buckets, rankU);
        si(bucketNext, u, b);
        si(bucketPrev, b, u);
        si(buckets, rankU, u);
      }
    }
    if (topRank == 0) return 1;
    for (let r = topRank; r > 0; r--) {
      while (gi(buckets, r) != end) {
        const u = gi(buckets, r);
        si(buckets, r, gi(bucketNext, u));
        const pu = gf(pi, u);
        const last = gi(first, u + 1);
        for (let a = gi(first, u); a < last; a++) {
          if (gf(res, a) > 0) {
            const v = gi(head, a);
            const old = gi(rank, v);
            if (old < r) {
              const rc = gf(cost, a) + pu - gf(pi, v);
              let nr: i32 = 0;
              if (rc < 0) nr = r;
              else {
                const nrc = Math.trunc(rc / eps);
                if (nrc < <f64>maxRank) nr = r - 1 - <i32>nrc;
              }
              if (nr > old) {
                si(rank, v, nr);
                if (old > 0) bucketRemove(buckets, bucketNext, bucketPrev, old, v);
                bucketPush(buckets, bucketNext, bucketPrev, nr, v);
              }
            }
          }
        }
        sf(pi, u, pu - <f64>r * eps);
      }
    }
  }
  return 0;
}

function topologicalOrder(
  n: i32,
  first: usize,
  head: usize,
  res: usize,
  cost: usize,
  pair: usize,
  pi: usize,
  next: usize,
  reached: usize,
  processed: usize,
  pred: usize,
  stack: usize,
): i32 {
  memory.fill(reached, 0, <usize>n);
  memory.fill(processed, 0, <usize>n);
  for (let i: i32 = 0; i < n; i++) si(next, i, gi(first, i));
  let top: i32 = -1;
  for (let start: i32 = 0; start < n; start++) {
    if (gb(reached, start) == 1) continue;
    si(pred, start, -1);
    let tip = start;
    while (true) {
      sb(reached, tip, 1);
      const pTip = gf(pi, tip);
      let last = gi(first, tip + 1);
      let a = gi(next, tip);
      for (; a < last; a++) {
        if (gf(res, a) > 0) {
          const v = gi(head, a);
          if (gf(cost, a) + pTip - gf(pi, v) < 0) {
            if (gb(reached, v) == 0) {
              sb(reached, v, 1);
              si(pred, v, tip);
              si(next, tip, a);
              tip = v;
              a = gi(next, tip);
              last = gi(first, tip + 1);
              break;
            } else if (gb(processed, v) == 0) {
              si(next, tip, a);
              let delta = gf(res, a);
              for (let u = tip; u != v; ) {
                u = gi(pred, u);
                const d = gf(res, gi(next, u));
                if (d <= delta) delta = d;
              }
              sf(res, a, gf(res, a) - delta);
              const pa = gi(pair, a);
              sf(res, pa, gf(res, pa) + delta);
              for (let u = tip; u != v; ) {
                u = gi(pred, u);
                const ca = gi(next, u);
                sf(res, ca, gf(res, ca) - delta);
                const pc = gi(pair, ca);
                sf(res, pc, gf(res, pc) + delta);
              }
              return -2;
            }
          }
        }
      }
      if (a == last) {
        sb(processed, tip, 1);
        si(stack, ++top, tip);
        tip = gi(pred, tip);
        if (tip < 0) break;
        si(next, tip, gi(next, tip) + 1);
      }
    }
  }
  return top;
}
