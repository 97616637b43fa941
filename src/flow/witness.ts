/**
 * Witnesses of the two outcomes without an optimum, computed apart from the simplex that found
 * them: for `infeasible`, a cut (a max flow from the supplies to the demands, Dinic's algorithm;
 * the nodes still reachable in its residual graph have more supply than can leave them); for
 * `unbounded`, a cycle of negative cost among the uncapacitated arcs (Bellman–Ford).
 * Both take a network with lower bounds 0 (the caller shifts them out).
 */
import type { FlowNetwork } from './types.js';
import { FLOW_INFINITE_CAPACITY } from './types.js';
import type { McfCut, McfCycle } from './mcf-types.js';

/**
 * The node set S reachable from the supplies in the residual graph of a maximum flow from the
 * supply nodes to the demand nodes. When the network is infeasible, Σ supply over S exceeds the
 * capacity of the arcs leaving S; undefined when every supply can be routed (feasible).
 */
export function infeasibleCut(net: FlowNetwork): McfCut | undefined {
  const n = net.nodes;
  const m = net.source.length;
  const S = n;
  const T = n + 1;
  const N = n + 2;
  // Residual arcs in pairs (2k forward, 2k + 1 backward): network arcs, then S → v, then v → T.
  let extra = 0;
  for (let v = 0; v < n; v++) if (net.supply[v] !== 0) extra++;
  const E = 2 * (m + extra);
  const head = new Int32Array(E);
  const res = new Float64Array(E);
  const first = new Int32Array(N + 1);
  const from = new Int32Array(E);
  let e = 0;
  const add = (u: number, v: number, c: number) => {
    from[e] = u;
    head[e] = v;
    res[e++] = c;
    from[e] = v;
    head[e] = u;
    res[e++] = 0;
  };
  let total = 0;
  for (let a = 0; a < m; a++) add(net.source[a]!, net.target[a]!, net.capacity[a]! >= FLOW_INFINITE_CAPACITY ? Infinity : net.capacity[a]!);
  for (let v = 0; v < n; v++) {
    const b = net.supply[v]!;
    if (b > 0) {
      add(S, v, b);
      total += b;
    } else if (b < 0) add(v, T, -b);
  }
  // CSR adjacency of residual arcs by tail.
  for (let k = 0; k < E; k++) first[from[k]! + 1]!++;
  for (let v = 0; v < N; v++) first[v + 1] = first[v + 1]! + first[v]!;
  const adj = new Int32Array(E);
  const fill = first.slice(0, N);
  for (let k = 0; k < E; k++) adj[fill[from[k]!]!++] = k;
  const level = new Int32Array(N);
  const it = new Int32Array(N);
  const queue = new Int32Array(N);
  const bfs = (): boolean => {
    level.fill(-1);
    level[S] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = S;
    while (qh < qt) {
      const u = queue[qh++]!;
      for (let i = first[u]!; i < first[u + 1]!; i++) {
        const k = adj[i]!;
        if (res[k]! > 0 && level[head[k]!]! < 0) {
          level[head[k]!] = level[u]! + 1;
          queue[qt++] = head[k]!;
        }
      }
    }
    return level[T]! >= 0;
  };
  // Iterative blocking-flow DFS.
  const stackNode = new Int32Array(N);
  const stackArc = new Int32Array(N);
  let flow = 0;
  while (bfs()) {
    for (let v = 0; v < N; v++) it[v] = first[v]!;
    for (;;) {
      let depth = 0;
      stackNode[0] = S;
      let found = false;
      while (depth >= 0) {
        const u = stackNode[depth]!;
        if (u === T) {
          found = true;
          break;
        }
        let advanced = false;
        while (it[u]! < first[u + 1]!) {
          const k = adj[it[u]!]!;
          const v = head[k]!;
          if (res[k]! > 0 && level[v] === level[u]! + 1) {
            stackArc[depth] = k;
            stackNode[++depth] = v;
            advanced = true;
            break;
          }
          it[u]!++;
        }
        if (!advanced) {
          level[u] = -1; // dead end
          depth--;
          if (depth >= 0) it[stackNode[depth]!]!++;
        }
      }
      if (!found) break;
      let push = Infinity;
      for (let d = 0; d < depth; d++) push = Math.min(push, res[stackArc[d]!]!);
      for (let d = 0; d < depth; d++) {
        const k = stackArc[d]!;
        res[k] = res[k]! - push;
        res[k ^ 1] = res[k ^ 1]! + push;
      }
      flow += push;
    }
  }
  if (flow >= total * (1 - 1e-12)) return undefined;
  // S side: reachable from S in the final residual graph.
  bfs();
  const nodes: number[] = [];
  for (let v = 0; v < n; v++) if (level[v]! >= 0) nodes.push(v);
  let supply = 0;
  for (const v of nodes) supply += net.supply[v]!;
  let capacityOut = 0;
  for (let a = 0; a < m; a++) if (level[net.source[a]!]! >= 0 && level[net.target[a]!]! < 0) capacityOut += net.capacity[a]! >= FLOW_INFINITE_CAPACITY ? Infinity : net.capacity[a]!;
  return { nodes: Int32Array.from(nodes), supply, capacityOut };
}

/**
 * A cycle of negative total cost whose arcs all have infinite capacity (Bellman–Ford from a
 * virtual source joined to every node at cost 0), or undefined when there is none.
 */
export function negativeInfiniteCycle(net: FlowNetwork): McfCycle | undefined {
  const n = net.nodes;
  const m = net.source.length;
  const dist = new Float64Array(n);
  const pred = new Int32Array(n).fill(-1);
  let last = -1;
  for (let pass = 0; pass < n; pass++) {
    last = -1;
    for (let a = 0; a < m; a++) {
      if (net.capacity[a]! < FLOW_INFINITE_CAPACITY) continue;
      const u = net.source[a]!;
      const v = net.target[a]!;
      const d = dist[u]! + net.cost[a]!;
      if (d < dist[v]! - 1e-12 * Math.max(1, Math.abs(d))) {
        dist[v] = d;
        pred[v] = a;
        last = v;
      }
    }
    if (last < 0) return undefined;
  }
  // `last` was relaxed in pass n: walking n predecessors back lands on the cycle.
  let v = last;
  for (let i = 0; i < n; i++) v = net.source[pred[v]!]!;
  const arcs: number[] = [];
  let u = v;
  do {
    const a = pred[u]!;
    arcs.push(a);
    u = net.source[a]!;
  } while (u !== v && arcs.length <= n);
  arcs.reverse();
  let cost = 0;
  for (const a of arcs) cost += net.cost[a]!;
  return { arcs: Int32Array.from(arcs), cost };
}
