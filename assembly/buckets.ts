// The bucket lists of the cost-scaling kernels' global update and price refinement: bucket b is a
// doubly linked list of nodes, head buckets[b], links next[v] / prev[v] (i32 arrays at byte
// addresses). The TS twin is src/flow/buckets.ts.

import { gi, si } from './memory';

/** Takes node v out of bucket b. */
@inline export function bucketRemove(buckets: usize, next: usize, prev: usize, b: i32, v: i32): void {
  if (gi(buckets, b) == v) si(buckets, b, gi(next, v));
  else {
    const pv = gi(prev, v);
    const nv = gi(next, v);
    si(next, pv, nv);
    si(prev, nv, pv);
  }
}

/** Puts node v at the head of bucket b. */
@inline export function bucketPush(buckets: usize, next: usize, prev: usize, b: i32, v: i32): void {
  const nv = gi(buckets, b);
  si(next, v, nv);
  si(prev, nv, v);
  si(buckets, b, v);
}
