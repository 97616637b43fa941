/**
 * The network side of an explanation: when the grouped model is a network (demand, capacity and
 * maxPerHour rows only), whether hard demand fits is a max-flow question: source → each demand row
 * (its amount) → [its maxPerHour row] → the capacity rows it may use → sink (capacity). The min
 * cut (what the source still reaches in the residual graph) names the demands whose work exceeds
 * what their reachable sites offer. Dinic's algorithm; milliseconds where an LP takes seconds.
 */
import type { GroupedModel } from './iis-groups.js';

interface Graph {
  readonly head: number[];
  readonly to: number[];
  readonly cap: number[];
  readonly next: number[];
}

function addArc(g: Graph, a: number, b: number, c: number): void {
  for (const [x, y, k] of [
    [a, b, c],
    [b, a, 0],
  ] as const) {
    g.to.push(y);
    g.cap.push(k);
    g.next.push(g.head[x]!);
    g.head[x] = g.to.length - 1;
  }
}

/** Max flow from 0 to 1 (Dinic); leaves the residual capacities in `g`. */
function maxFlow(g: Graph, n: number): number {
  let flow = 0;
  const level = new Int32Array(n);
  const it = new Int32Array(n);
  const bfs = () => {
    level.fill(-1);
    level[0] = 0;
    const q = [0];
    for (let k = 0; k < q.length; k++) {
      const v = q[k]!;
      for (let e = g.head[v]!; e >= 0; e = g.next[e]!) {
        if (g.cap[e]! > 1e-12 && level[g.to[e]!]! < 0) {
          level[g.to[e]!] = level[v]! + 1;
          q.push(g.to[e]!);
        }
      }
    }
    return level[1]! >= 0;
  };
  const dfs = (v: number, f: number): number => {
    if (v === 1) return f;
    for (; it[v]! >= 0; it[v] = g.next[it[v]!]!) {
      const e = it[v]!;
      const w = g.to[e]!;
      if (g.cap[e]! > 1e-12 && level[w] === level[v]! + 1) {
        const d = dfs(w, Math.min(f, g.cap[e]!));
        if (d > 0) {
          g.cap[e]! -= d;
          g.cap[e ^ 1]! += d;
          return d;
        }
      }
    }
    return 0;
  };
  while (bfs()) {
    for (let v = 0; v < n; v++) it[v] = g.head[v]!;
    for (let f = dfs(0, Infinity); f > 0; f = dfs(0, Infinity)) flow += f;
  }
  return flow;
}

/** Outcome of one max-flow test: whether hard demand fits, and the min cut's rows when it does not. */
export interface CutOutcome {
  readonly feasible: boolean;
  /** Hard demand (units) and what the flow could place. */
  readonly need: number;
  readonly placed: number;
  /** Model rows on the source side of the min cut. */
  readonly sourceSide: Set<number>;
}

/** Max flow with the groups in `hard` enforced and the others lifted. */
export function cutTest(gm: GroupedModel, hard: ReadonlySet<number>): CutOutcome {
  const { model: m, rowGroup, colGroup } = gm;
  const nodeOf = new Int32Array(m.rows.length).fill(-1);
  let n = 2;
  m.rows.forEach((r, i) => {
    const g = rowGroup[i]!;
    if (g >= 0 && hard.has(g)) nodeOf[i] = n++;
  });
  const g: Graph = { head: new Array<number>(n).fill(-1), to: [], cap: [], next: [] };
  let need = 0;
  const rowsOfCol: number[][] = m.cols.map(() => []);
  m.rows.forEach((r, i) => {
    for (const c of r.cols) rowsOfCol[c]!.push(i);
    if (nodeOf[i]! < 0) return;
    if (r.meaning.kind === 'demand') {
      addArc(g, 0, nodeOf[i]!, r.lb);
      need += r.lb;
    } else if (r.meaning.kind === 'capacity') addArc(g, nodeOf[i]!, 1, r.ub);
  });
  const mphLinked = new Set<string>();
  m.cols.forEach((c, j) => {
    if (c.meaning.kind !== 'x') return;
    const lg = colGroup[j]!;
    if (lg >= 0 && hard.has(lg)) return;
    let dem = -1;
    let mph = -1;
    let cap = -1;
    for (const i of rowsOfCol[j]!) {
      const k = m.rows[i]!.meaning.kind;
      if (k === 'demand') dem = i;
      else if (k === 'maxPerHour') mph = i;
      else if (k === 'capacity') cap = i;
    }
    // A demand that is not hard sends nothing; a capacity that is not hard is unlimited.
    if (dem < 0 || nodeOf[dem]! < 0) return;
    const into = cap >= 0 && nodeOf[cap]! >= 0 ? nodeOf[cap]! : 1;
    if (mph >= 0 && nodeOf[mph]! >= 0) {
      const key = `${dem}|${mph}`;
      if (!mphLinked.has(key)) {
        mphLinked.add(key);
        addArc(g, nodeOf[dem]!, nodeOf[mph]!, m.rows[mph]!.ub);
      }
      addArc(g, nodeOf[mph]!, into, Infinity);
    } else addArc(g, nodeOf[dem]!, into, Infinity);
  });
  const placed = maxFlow(g, n);
  const feasible = placed >= need - 1e-9 * Math.max(1, need);
  // Source side of the min cut: what the source reaches in the residual graph.
  const seen = new Uint8Array(n);
  seen[0] = 1;
  const q = [0];
  for (let k = 0; k < q.length; k++) {
    const v = q[k]!;
    for (let e = g.head[v]!; e >= 0; e = g.next[e]!) {
      if (g.cap[e]! > 1e-9 && !seen[g.to[e]!]) {
        seen[g.to[e]!] = 1;
        q.push(g.to[e]!);
      }
    }
  }
  const sourceSide = new Set<number>();
  nodeOf.forEach((v, i) => {
    if (v >= 0 && seen[v]) sourceSide.add(i);
  });
  return { feasible, need, placed, sourceSide };
}
