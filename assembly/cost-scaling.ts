// One refine phase of cost scaling (push–relabel, FIFO): the wasm twin of refinePhase in
// src/flow/cost-scaling.ts (same operations in the same order). The caller lays out the residual
// graph in CSR order (first: i32[n + 1]; head, pair: i32[E]; res, cost: f64[E]), excess and pi
// (f64[n]) and the scratch arrays current, queue (i32[n]) and inQueue (u8[n]); the phase
// saturates every residual arc of negative reduced cost, then discharges active nodes until none
// is left. Returns the pushes and relabels done. Reduced cost: cost + pi[tail] − pi[head].

import { gf, gi, sf, si } from './memory';

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
      store<u8>(inQueue + <usize>u, 1);
    }
  }
  while (qn > 0) {
    const u = gi(queue, qh);
    qh = (qh + 1) % n;
    qn--;
    store<u8>(inQueue + <usize>u, 0);
    const end = gi(first, u + 1);
    while (gf(excess, u) > 0) {
      let i = gi(current, u);
      const pu = gf(pi, u);
      for (; i < end; i++) {
        if (gf(res, i) > 0 && gf(cost, i) + pu - gf(pi, gi(head, i)) < 0) break;
      }
      if (i < end) {
        si(current, u, i);
        const v = gi(head, i);
        const ex = gf(excess, u);
        const r = gf(res, i);
        const d = ex < r ? ex : r;
        sf(res, i, r - d);
        const p = gi(pair, i);
        sf(res, p, gf(res, p) + d);
        sf(excess, u, ex - d);
        sf(excess, v, gf(excess, v) + d);
        ops++;
        if (gf(excess, v) > 0 && load<u8>(inQueue + <usize>v) == 0) {
          si(queue, (qh + qn++) % n, v);
          store<u8>(inQueue + <usize>v, 1);
        }
      } else {
        let best: f64 = -Infinity;
        for (let k = gi(first, u); k < end; k++) {
          if (gf(res, k) > 0) {
            const p = gf(pi, gi(head, k)) - gf(cost, k);
            if (p > best) best = p;
          }
        }
        sf(pi, u, best - eps);
        si(current, u, gi(first, u));
        ops++;
      }
    }
  }
  return ops;
}
