/**
 * The bucket lists of cost scaling's global update and price refinement: bucket b is a doubly
 * linked list of nodes, head `buckets[b]`, links `next[v]` / `prev[v]`. The TS twin of
 * assembly/buckets.ts, operation for operation.
 */

/** Takes node v out of bucket b. */
export function bucketRemove(buckets: Int32Array, next: Int32Array, prev: Int32Array, b: number, v: number): void {
  if (buckets[b] === v) buckets[b] = next[v]!;
  else {
    const pv = prev[v]!;
    const nv = next[v]!;
    next[pv] = nv;
    prev[nv] = pv;
  }
}

/** Puts node v at the head of bucket b. */
export function bucketPush(buckets: Int32Array, next: Int32Array, prev: Int32Array, b: number, v: number): void {
  const nv = buckets[b]!;
  next[v] = nv;
  prev[nv] = v;
  buckets[b] = v;
}
