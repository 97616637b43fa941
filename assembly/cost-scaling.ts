// One refine phase of cost scaling: the wasm twin of refinePhase in src/flow/cost-scaling-phase.ts
// (same operations in the same order; read that file's header for the method: LEMON's partial
// augment–relabel with paths of up to 4 arcs and global price updates). The caller lays out the
// residual graph in CSR order (first: i32[n + 1]; head, pair: i32[E]; res, cost: f64[E]), excess
// and pi (f64[n]) and the scratch: current, queue (i32[n]), inQueue (u8[n]), rank, bucketNext,
// bucketPrev (i32[n + 1]), buckets (i32[maxRank]), path (i32[4]), pathArc (u8[E]) and counters
// (f64[3]: relabels so far, relabel count of the next global update, update interval; updated).
// Returns the pushes and relabels done. Reduced cost: cost + pi[tail] − pi[head].

import { bucketPush, bucketRemove } from './buckets';
import { gb, gf, gi, sb, sf, si } from './memory';

const PATH_LENGTH: i32 = 4;

export function csPhase(
  n: i32,
  first: usize,
  head: usize,
  res: usize,
  cost: usize,
  pair: usize,
  excess: usize,
  pi: usize,
  current: usize,
  queue: usize,
  inQueue: usize,
  rank: usize,
  buckets: usize,
  maxRank: i32,
  bucketNext: usize,
  bucketPrev: usize,
  path: usize,
  pathArc: usize,
  counters: usize,
  eps: f64,
): f64 {
  let ops: f64 = 0;
  for (let u: i32 = 0; u < n; u++) {
    const e = gi(first, u + 1);
    const pu = gf(pi, u);
    for (let i = gi(first, u); i < e; i++) {
      const r = gf(res, i);
      if (r > 0 && gf(cost, i) + pu - gf(pi, gi(head, i)) < 0) {
        sf(res, i, 0);
        const p = gi(pair, i);
        sf(res, p, gf(res, p) + r);
        sf(excess, u, gf(excess, u) - r);
        const v = gi(head, i);
        sf(excess, v, gf(excess, v) + r);
      }
    }
  }
  let qh: i32 = 0;
  let qn: i32 = 0;
  for (let u: i32 = 0; u < n; u++) {
    si(current, u, gi(first, u));
    if (gf(excess, u) > 0) {
      si(queue, (qh + qn++) % n, u);
      sb(inQueue, u, 1);
    }
  }
  let relabels = gf(counters, 0);
  let nextUpdate = gf(counters, 1);
  const updateEvery = gf(counters, 2);
  while (qn > 0) {
    const start = gi(queue, qh);
    qh = (qh + 1) % n;
    qn--;
    while (gf(excess, start) > 0) {
      let len: i32 = 0;
      let tip = start;
      while (len < PATH_LENGTH && gf(excess, tip) >= 0) {
        const pTip = gf(pi, tip);
        const end = gi(first, tip + 1);
        let minRc: f64 = Infinity;
        let a = gi(current, tip);
        for (; a < end; a++) {
          if (gf(res, a) > 0) {
            const rc = gf(cost, a) + pTip - gf(pi, gi(head, a));
            if (rc < 0) break;
            if (rc < minRc) minRc = rc;
          }
        }
        if (a < end) {
          si(path, len++, a);
          si(current, tip, a);
          if (gb(pathArc, a) == 1) break;
          sb(pathArc, a, 1);
          tip = gi(head, a);
          continue;
        }
        if (tip != start) {
          const ra = gi(pair, gi(path, len - 1));
          const rc = gf(cost, ra) + pTip - gf(pi, gi(head, ra));
          if (rc < minRc) minRc = rc;
        }
        const stop = gi(current, tip);
        for (let k = gi(first, tip); k < stop; k++) {
          if (gf(res, k) > 0) {
            const rc = gf(cost, k) + pTip - gf(pi, gi(head, k));
            if (rc < minRc) minRc = rc;
          }
        }
        sf(pi, tip, pTip - (minRc + eps));
        si(current, tip, gi(first, tip));
        relabels++;
        ops++;
        if (tip != start) {
          const pa = gi(path, --len);
          sb(pathArc, pa, 0);
          tip = gi(head, gi(pair, pa));
        }
      }
      let v = start;
      for (let i: i32 = 0; i < len; i++) {
        const pa = gi(path, i);
        const u = v;
        v = gi(head, pa);
        sb(pathArc, pa, 0);
        const r = gf(res, pa);
        const ex = gf(excess, u);
        const d = r < ex ? r : ex;
        sf(res, pa, r - d);
        const p = gi(pair, pa);
        sf(res, p, gf(res, p) + d);
        sf(excess, u, ex - d);
        sf(excess, v, gf(excess, v) + d);
        ops++;
        if (gf(excess, v) > 0 && gb(inQueue, v) == 0) {
          si(queue, (qh + qn++) % n, v);
          sb(inQueue, v, 1);
        }
      }
      if (relabels >= nextUpdate) {
        globalUpdate(n, first, head, res, cost, pair, excess, pi, current, rank, buckets, maxRank, bucketNext, bucketPrev, eps);
        nextUpdate += updateEvery;
      }
    }
    sb(inQueue, start, 0);
  }
  sf(counters, 0, relabels);
  sf(counters, 1, nextUpdate);
  return ops;
}

function globalUpdate(
  n: i32,
  first: usize,
  head: usize,
  res: usize,
  cost: usize,
  pair: usize,
  excess: usize,
  pi: usize,
  current: usize,
  rank: usize,
  buckets: usize,
  maxRank: i32,
  bucketNext: usize,
  bucketPrev: usize,
  eps: f64,
): void {
  const end = n;
  for (let r: i32 = 0; r < maxRank; r++) si(buckets, r, end);
  let total: f64 = 0;
  let b0 = end;
  for (let i: i32 = 0; i < n; i++) {
    if (gf(excess, i) < 0) {
      si(rank, i, 0);
      si(bucketNext, i, b0);
      si(bucketPrev, b0, i);
      b0 = i;
    } else {
      total += gf(excess, i);
      si(rank, i, maxRank);
    }
  }
  if (total == 0) return;
  si(buckets, 0, b0);
  let r: i32 = 0;
  for (; r < maxRank; r++) {
    while (gi(buckets, r) != end) {
      const u = gi(buckets, r);
      si(buckets, r, gi(bucketNext, u));
      const pu = gf(pi, u);
      const last = gi(first, u + 1);
      for (let a = gi(first, u); a < last; a++) {
        const ra = gi(pair, a);
        if (gf(res, ra) > 0) {
          const v = gi(head, a);
          const old = gi(rank, v);
          if (r < old) {
            const nrc = Math.trunc((gf(cost, ra) + gf(pi, v) - pu) / eps);
            const nr = nrc < <f64>maxRank ? r + 1 + <i32>nrc : old;
            if (nr < old) {
              si(rank, v, nr);
              si(current, v, gi(first, v));
              if (old < maxRank) bucketRemove(buckets, bucketNext, bucketPrev, old, v);
              bucketPush(buckets, bucketNext, bucketPrev, nr, v);
            }
          }
        }
      }
      if (gf(excess, u) > 0) {
        total -= gf(excess, u);
        if (total <= 0) break;
      }
    }
    if (total <= 0) break;
  }
  for (let u: i32 = 0; u < n; u++) {
    const k = gi(rank, u) < r ? gi(rank, u) : r;
    if (k > 0) {
      sf(pi, u, gf(pi, u) - eps * <f64>k);
      si(current, u, gi(first, u));
    }
  }
}
