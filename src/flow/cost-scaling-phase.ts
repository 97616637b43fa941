/**
 * One refine phase of cost scaling, in plain TS: the twin of assembly/cost-scaling.ts csPhase,
 * operation for operation (so both give the same flow, prices and work counts bit for bit).
 * LEMON's `CostScaling` defaults, as in its `startAugment` (method PARTIAL_AUGMENT):
 *
 * - the phase saturates every residual arc of negative reduced cost, then takes active nodes
 *   (positive excess) in FIFO order;
 * - partial augment–relabel: from an active node, an admissible path (residual, reduced cost
 *   < 0) of at most {@link COST_SCALING_PATH_LENGTH} arcs is grown, stopping early at a deficit
 *   node or when it closes a cycle; a tip with no admissible arc is relabelled (π = max over its
 *   residual arcs and the reverse of the path arc into it of (π(head) − cost) − ε) and the path
 *   steps back; then as much flow as possible is pushed along the path;
 * - global price update: every n + s² relabels (s = nodes of positive supply, counted over all
 *   phases) a bucket search from the deficit nodes over reverse residual arcs ranks each node
 *   by its ε-distance (rank capped at α·n) and lowers π by ε · rank, as far as the search went
 *   (it stops once the nodes reached hold all the excess).
 *
 * Data are integers in f64 (scaled costs, ε, prices, capacities), exact below 2^53 (checked by
 * costScalingRefusal); reduced cost convention cost + π(tail) − π(head).
 */
import { bucketPush, bucketRemove } from './buckets.js';

/** Longest path of one partial augment (LEMON's MAX_PARTIAL_PATH_LENGTH). */
export const COST_SCALING_PATH_LENGTH = 4;

/** The residual graph in CSR order by tail, with excesses and prices. */
export interface CsGraph {
  readonly first: Int32Array;
  readonly head: Int32Array;
  readonly pair: Int32Array;
  readonly res: Float64Array;
  readonly cost: Float64Array;
  readonly excess: Float64Array;
  readonly pi: Float64Array;
}

/**
 * Scratch of the phases: current arc per node, the FIFO ring (n) and its membership flags, the
 * global update's ranks (n + 1), buckets (α·n) and bucket links (n + 1; index n is the
 * sentinel), the path (COST_SCALING_PATH_LENGTH) and its arc flags (one per residual arc), and
 * counters = [relabels so far, relabel count of the next global update, update interval].
 */
export interface CsScratch {
  readonly current: Int32Array;
  readonly queue: Int32Array;
  readonly inQueue: Uint8Array;
  readonly rank: Int32Array;
  readonly buckets: Int32Array;
  readonly bucketNext: Int32Array;
  readonly bucketPrev: Int32Array;
  readonly path: Int32Array;
  readonly pathArc: Uint8Array;
  readonly counters: Float64Array;
}

/** One refine phase at `eps`; returns the pushes (arcs augmented) and relabels done. */
export function refinePhase(n: number, g: CsGraph, s: CsScratch, eps: number): number {
  const { first, head, pair, res, cost, excess, pi } = g;
  const { current, queue, inQueue, path, pathArc, counters } = s;
  let ops = 0;
  for (let u = 0; u < n; u++) {
    const e = first[u + 1]!;
    const pu = pi[u]!;
    for (let i = first[u]!; i < e; i++) {
      const r = res[i]!;
      if (r > 0 && cost[i]! + pu - pi[head[i]!]! < 0) {
        res[i] = 0;
        const p = pair[i]!;
        res[p] = res[p]! + r;
        excess[u] = excess[u]! - r;
        const v = head[i]!;
        excess[v] = excess[v]! + r;
      }
    }
  }
  let qh = 0;
  let qn = 0;
  for (let u = 0; u < n; u++) {
    current[u] = first[u]!;
    if (excess[u]! > 0) {
      queue[(qh + qn++) % n] = u;
      inQueue[u] = 1;
    }
  }
  let relabels = counters[0]!;
  let nextUpdate = counters[1]!;
  const updateEvery = counters[2]!;
  while (qn > 0) {
    const start = queue[qh]!;
    qh = (qh + 1) % n;
    qn--;
    // The start node keeps its queue flag while it is worked on, so no augment re-queues it.
    while (excess[start]! > 0) {
      let len = 0;
      let tip = start;
      while (len < COST_SCALING_PATH_LENGTH && excess[tip]! >= 0) {
        const pTip = pi[tip]!;
        const end = first[tip + 1]!;
        let minRc = Infinity;
        let a = current[tip]!;
        for (; a < end; a++) {
          if (res[a]! > 0) {
            const rc = cost[a]! + pTip - pi[head[a]!]!;
            if (rc < 0) break;
            if (rc < minRc) minRc = rc;
          }
        }
        if (a < end) {
          path[len++] = a;
          current[tip] = a;
          if (pathArc[a] === 1) break; // the path closed a cycle: augment now
          pathArc[a] = 1;
          tip = head[a]!;
          continue;
        }
        // Relabel the tip (the reverse of the path arc into it counts: it gets flow on augment).
        if (tip !== start) {
          const ra = pair[path[len - 1]!]!;
          const rc = cost[ra]! + pTip - pi[head[ra]!]!;
          if (rc < minRc) minRc = rc;
        }
        const stop = current[tip]!;
        for (let k = first[tip]!; k < stop; k++) {
          if (res[k]! > 0) {
            const rc = cost[k]! + pTip - pi[head[k]!]!;
            if (rc < minRc) minRc = rc;
          }
        }
        pi[tip] = pTip - (minRc + eps);
        current[tip] = first[tip]!;
        relabels++;
        ops++;
        if (tip !== start) {
          const pa = path[--len]!;
          pathArc[pa] = 0;
          tip = head[pair[pa]!]!;
        }
      }
      // Push as much as possible along the path.
      let v = start;
      for (let i = 0; i < len; i++) {
        const pa = path[i]!;
        const u = v;
        v = head[pa]!;
        pathArc[pa] = 0;
        const r = res[pa]!;
        const ex = excess[u]!;
        const d = r < ex ? r : ex;
        res[pa] = r - d;
        const p = pair[pa]!;
        res[p] = res[p]! + d;
        excess[u] = ex - d;
        excess[v] = excess[v]! + d;
        ops++;
        if (excess[v]! > 0 && inQueue[v] === 0) {
          queue[(qh + qn++) % n] = v;
          inQueue[v] = 1;
        }
      }
      if (relabels >= nextUpdate) {
        globalUpdate(n, g, s, eps);
        nextUpdate += updateEvery;
      }
    }
    inQueue[start] = 0;
  }
  counters[0] = relabels;
  counters[1] = nextUpdate;
  return ops;
}

/** The global price update (LEMON's globalUpdate): see the file header. */
function globalUpdate(n: number, g: CsGraph, s: CsScratch, eps: number): void {
  const { first, head, pair, res, cost, excess, pi } = g;
  const { current, rank, buckets, bucketNext, bucketPrev } = s;
  const maxRank = buckets.length;
  const end = n;
  buckets.fill(end);
  let total = 0;
  let b0 = end;
  for (let i = 0; i < n; i++) {
    if (excess[i]! < 0) {
      rank[i] = 0;
      bucketNext[i] = b0;
      bucketPrev[b0] = i;
      b0 = i;
    } else {
      total += excess[i]!;
      rank[i] = maxRank;
    }
  }
  if (total === 0) return;
  buckets[0] = b0;
  let r = 0;
  for (; r < maxRank; r++) {
    while (buckets[r] !== end) {
      const u = buckets[r]!;
      buckets[r] = bucketNext[u]!;
      const pu = pi[u]!;
      const last = first[u + 1]!;
      for (let a = first[u]!; a < last; a++) {
        const ra = pair[a]!;
        if (res[ra]! > 0) {
          const v = head[a]!;
          const old = rank[v]!;
          if (r < old) {
            const nrc = Math.trunc((cost[ra]! + pi[v]! - pu) / eps);
            const nr = nrc < maxRank ? r + 1 + nrc : old;
            if (nr < old) {
              rank[v] = nr;
              current[v] = first[v]!;
              if (old < maxRank) bucketRemove(buckets, bucketNext, bucketPrev, old, v);
              bucketPush(buckets, bucketNext, bucketPrev, nr, v);
            }
          }
        }
      }
      if (excess[u]! > 0) {
        total -= excess[u]!;
        if (total <= 0) break;
      }
    }
    if (total <= 0) break;
  }
  for (let u = 0; u < n; u++) {
    const k = rank[u]! < r ? rank[u]! : r;
    if (k > 0) {
      pi[u] = pi[u]! - eps * k;
      current[u] = first[u]!;
    }
  }
}
