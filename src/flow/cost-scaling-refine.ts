/**
 * Price refinement for cost scaling, in plain TS: the twin of assembly/cost-scaling.ts csRefine,
 * operation for operation. LEMON's `priceRefinement` heuristic: before a phase (from the second
 * on), try to make the current flow ε-optimal by changing prices alone, and skip the phase when
 * that works.
 *
 * - A depth-first search over the admissible arcs (residual, reduced cost < 0) orders the nodes
 *   topologically; if it meets a cycle of admissible arcs, it cancels that cycle (pushes its
 *   bottleneck round it; excesses do not change) and gives up: the phase runs as usual.
 * - In topological order each node's rank is the longest admissible path into it, an arc of
 *   reduced cost rc counting ⌊(−rc − 0.5)/ε⌋; rank 0 everywhere: the flow is ε-optimal already;
 *   a rank of α·n or more (past the buckets): give up, the phase runs.
 * - Otherwise the nodes are taken from the highest rank down (buckets), each lowering its price
 *   by rank · ε and passing its rank on (rank − 1 − ⌊rc/ε⌋ over an arc of reduced cost rc ≥ 0,
 *   the same rank over an admissible one), and the search is repeated, at most
 *   {@link COST_SCALING_REFINE_ROUNDS} times (a guard LEMON does not have).
 */
import { bucketPush, bucketRemove } from './buckets.js';
import type { CsGraph, CsScratch } from './cost-scaling-phase.js';

/** Most rounds of ranking and price shifts in one refinement (LEMON has no bound); then the phase runs. */
export const COST_SCALING_REFINE_ROUNDS = 64;

/** Scratch of the refinement besides the phases': DFS flags (n) and parents, the order (n). */
export interface CsRefineScratch {
  readonly reached: Uint8Array;
  readonly processed: Uint8Array;
  readonly pred: Int32Array;
  readonly stack: Int32Array;
}

/** Price refinement at `eps`: true when the flow is ε-optimal (skip the phase). */
export function refinePrices(n: number, g: CsGraph, s: CsScratch, t: CsRefineScratch, eps: number): boolean {
  const { first, head, res, cost, pi } = g;
  const { rank, buckets, bucketNext, bucketPrev } = s;
  const maxRank = buckets.length;
  const end = n;
  for (let round = 0; round < COST_SCALING_REFINE_ROUNDS; round++) {
    const top = topologicalOrder(n, g, s, t);
    if (top < -1) return false;
    for (let i = 0; i < n; i++) rank[i] = 0;
    for (let r = 0; r < maxRank; r++) buckets[r] = end;
    let topRank = 0;
    for (let k = top; k >= 0; k--) {
      const u = t.stack[k]!;
      const rankU = rank[u]!;
      const pu = pi[u]!;
      const last = first[u + 1]!;
      for (let a = first[u]!; a < last; a++) {
        if (res[a]! > 0) {
          const v = head[a]!;
          const rc = cost[a]! + pu - pi[v]!;
          if (rc < 0) {
            const nr = rankU + Math.trunc((-rc - 0.5) / eps);
            // Past the buckets: leave it to the phase (LEMON skips such an arc here, and can
            // then take a flow that is not ε-optimal for one that is).
            if (nr >= maxRank) return false;
            if (nr > rank[v]!) rank[v] = nr;
          }
        }
      }
      if (rankU > 0) {
        if (rankU > topRank) topRank = rankU;
        const b = buckets[rankU]!;
        bucketNext[u] = b;
        bucketPrev[b] = u;
        buckets[rankU] = u;
      }
    }
    if (topRank === 0) return true;
    for (let r = topRank; r > 0; r--) {
      while (buckets[r] !== end) {
        const u = buckets[r]!;
        buckets[r] = bucketNext[u]!;
        const pu = pi[u]!;
        const last = first[u + 1]!;
        for (let a = first[u]!; a < last; a++) {
          if (res[a]! > 0) {
            const v = head[a]!;
            const old = rank[v]!;
            if (old < r) {
              const rc = cost[a]! + pu - pi[v]!;
              let nr = 0;
              if (rc < 0) nr = r;
              else {
                const nrc = Math.trunc(rc / eps);
                if (nrc < maxRank) nr = r - 1 - nrc;
              }
              if (nr > old) {
                rank[v] = nr;
                if (old > 0) bucketRemove(buckets, bucketNext, bucketPrev, old, v);
                bucketPush(buckets, bucketNext, bucketPrev, nr, v);
              }
            }
          }
        }
        pi[u] = pu - r * eps;
      }
    }
  }
  return false;
}

/**
 * DFS over admissible arcs: the nodes in reverse topological order on `stack` (finished last on
 * top); returns the top index, or −2 after cancelling the first admissible cycle met.
 */
function topologicalOrder(n: number, g: CsGraph, s: CsScratch, t: CsRefineScratch): number {
  const { first, head, pair, res, cost, pi } = g;
  const next = s.current;
  const { reached, processed, pred, stack } = t;
  reached.fill(0);
  processed.fill(0);
  for (let i = 0; i < n; i++) next[i] = first[i]!;
  let top = -1;
  for (let start = 0; start < n; start++) {
    if (reached[start] === 1) continue;
    pred[start] = -1;
    let tip = start;
    for (;;) {
      reached[tip] = 1;
      const pTip = pi[tip]!;
      let last = first[tip + 1]!;
      let a = next[tip]!;
      for (; a < last; a++) {
        if (res[a]! > 0) {
          const v = head[a]!;
          if (cost[a]! + pTip - pi[v]! < 0) {
            if (reached[v] === 0) {
              reached[v] = 1;
              pred[v] = tip;
              next[tip] = a;
              tip = v;
              a = next[tip]!;
              last = first[tip + 1]!;
              break;
            } else if (processed[v] === 0) {
              // An admissible cycle tip → v ⇝ tip: push its bottleneck round it, then give up.
              next[tip] = a;
              let delta = res[a]!;
              for (let u = tip; u !== v; ) {
                u = pred[u]!;
                const d = res[next[u]!]!;
                if (d <= delta) delta = d;
              }
              res[a] = res[a]! - delta;
              res[pair[a]!] = res[pair[a]!]! + delta;
              for (let u = tip; u !== v; ) {
                u = pred[u]!;
                const ca = next[u]!;
                res[ca] = res[ca]! - delta;
                res[pair[ca]!] = res[pair[ca]!]! + delta;
              }
              return -2;
            }
          }
        }
      }
      if (a === last) {
        processed[tip] = 1;
        stack[++top] = tip;
        tip = pred[tip]!;
        if (tip < 0) break;
        next[tip] = next[tip]! + 1;
      }
    }
  }
  return top;
}
