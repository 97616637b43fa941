/**
 * Maximum flow (Edmonds–Karp: shortest augmenting paths by BFS) on a small graph with real
 * capacities. The N-1 recourse check of one outage, hour and class is a transportation
 * feasibility problem (lost work of each demand → usable sites with spare capacity), which is
 * a max-flow from a source over the demands and sites to a sink.
 */

/** A graph under construction; arcs come in pairs (forward, residual). */
export class MaxFlowGraph {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];

  constructor(readonly nodes: number) {
    this.head = new Array<number>(nodes).fill(-1);
  }

  /** Adds arc u → v with capacity `c` (Infinity allowed); returns its index for `flowOn`. */
  addArc(u: number, v: number, c: number): number {
    const e = this.to.length;
    this.to.push(v, u);
    this.cap.push(c, 0);
    this.next.push(this.head[u]!, this.head[v]!);
    this.head[u] = e;
    this.head[v] = e + 1;
    return e;
  }

  /** Flow on arc `e` after `maxFlow`. */
  flowOn(e: number): number {
    return this.cap[e + 1]!;
  }

  /** The maximum flow from `s` to `t`; augmentations below `eps` are ignored. */
  maxFlow(s: number, t: number, eps = 1e-12): number {
    let total = 0;
    const prevArc = new Int32Array(this.nodes);
    for (;;) {
      prevArc.fill(-1);
      const queue = [s];
      prevArc[s] = -2;
      for (let qi = 0; qi < queue.length && prevArc[t] === -1; qi++) {
        const u = queue[qi]!;
        for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
          const v = this.to[e]!;
          if (prevArc[v] === -1 && this.cap[e]! > eps) {
            prevArc[v] = e;
            queue.push(v);
          }
        }
      }
      if (prevArc[t] === -1) return total;
      let push = Infinity;
      for (let v = t; v !== s; v = this.to[prevArc[v]! ^ 1]!) push = Math.min(push, this.cap[prevArc[v]!]!);
      for (let v = t; v !== s; v = this.to[prevArc[v]! ^ 1]!) {
        const e = prevArc[v]!;
        this.cap[e]! -= push;
        this.cap[e ^ 1]! += push;
      }
      total += push;
    }
  }
}
