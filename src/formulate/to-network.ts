/**
 * Placement LP → min-cost flow, when the LP is a network (DESIGN.md §3 "Structure to exploit"):
 * demand rows become supply nodes, `maxPerHour` rows intermediate nodes, capacity rows nodes with
 * one capped arc to the sink; x columns are arcs demand → capacity node, unmet columns arcs demand
 * → sink. Deferrable windows make this a time-expanded network (one demand node feeds many hours).
 * Coupling rows (green energy, bandwidth, carbon cap, green shares) are not a network: the reason
 * is returned instead.
 */
import type { FlowNetwork, FlowResult } from '../flow/types.js';
import type { LpModel, RowMeaning } from './lp-model.js';
import { runSteps, runStepsAsync, type Pause } from './steps.js';

/** A network form of an LP, with the maps to read a flow back as LP values and duals. */
export interface ModelNetwork {
  readonly net: FlowNetwork;
  /** Arc of each LP column. */
  readonly colArc: Int32Array;
  /** Per LP row: the capped arc of a capacity / maxPerHour row, else −1. */
  readonly rowArc: Int32Array;
  /** Per LP row: the node of a demand row, else −1. */
  readonly rowNode: Int32Array;
}

const NETWORK_ROWS: ReadonlySet<RowMeaning['kind']> = new Set(['demand', 'capacity', 'maxPerHour']);

/** Row kinds that keep `m` from being a network (`green` covers the g columns and their rows). */
export function couplingKinds(m: LpModel): Set<string> {
  const kinds = new Set<string>(m.rows.map((r) => r.meaning.kind).filter((k) => !NETWORK_ROWS.has(k)));
  if (m.cols.some((c) => c.meaning.kind === 'g')) kinds.add('green');
  return kinds;
}

/** Why `m` is not a network, or undefined when it is one. */
export function notNetworkReason(m: LpModel): string | undefined {
  const kinds = couplingKinds(m);
  if (kinds.size === 0) return undefined;
  const words: Record<string, string> = {
    green: "green supply rows (a site's energy is shared by its classes)",
    bandwidth: 'link-bandwidth rows',
    carbonCap: 'a carbon-cap row',
    minGreenShare: 'a green-share row',
    siteMinGreenShare: 'site green-share rows',
    gate: 'dataset-copy or model-replica choices (yes/no columns: a MILP)',
    backbone: 'backbone link rows (every routed flow shares them)',
    minReplicas: 'model minReplicas rows',
    fixChoice: 'fixed yes/no choices',
    replicaGroup: 'replica-group rows (demands with replicas > 1)',
    recourse: 'N-1 recourse rows',
    recourseCapacity: 'N-1 recourse rows',
  };
  return [...kinds].map((k) => words[k] ?? k).join(', ');
}

/** The network of a network-shaped LP; throws RangeError when `notNetworkReason(m)` is set. */
export function modelToNetwork(m: LpModel): ModelNetwork {
  return runSteps(networkSteps(m));
}

/** {@link modelToNetwork} in chunks, awaiting `pause` between them (see formulate/steps.ts). */
export function modelToNetworkAsync(m: LpModel, pause: Pause): Promise<ModelNetwork> {
  return runStepsAsync(networkSteps(m), pause);
}

const CHUNK = 65_535;

function* networkSteps(m: LpModel): Generator<void, ModelNetwork> {
  const reason = notNetworkReason(m);
  if (reason) throw new RangeError(`the model is not a network: ${reason}`);
  const nRows = m.rows.length;
  const nCols = m.cols.length;
  const rowNode = new Int32Array(nRows).fill(-1);
  const rowArc = new Int32Array(nRows).fill(-1);
  // Per column: its demand row, capacity row and maxPerHour row (−1 when none).
  const demandRowOf = new Int32Array(nCols).fill(-1);
  const capRowOf = new Int32Array(nCols).fill(-1);
  const mphRowOf = new Int32Array(nCols).fill(-1);
  let nArcs = nCols;
  for (let i = 0; i < nRows; i++) {
    if ((i & CHUNK) === CHUNK) yield;
    const r = m.rows[i]!;
    const into = r.meaning.kind === 'demand' ? demandRowOf : r.meaning.kind === 'capacity' ? capRowOf : mphRowOf;
    for (const c of r.cols) into[c] = i;
    if (r.meaning.kind !== 'demand') nArcs++;
  }

  // Nodes: 0 is the sink; then one per row (every row kind here is a node).
  const nodes = 1 + nRows;
  const supply = new Float64Array(nodes);
  // One arc per capacity row, per maxPerHour row and per column: allocate typed arrays once.
  const src = new Int32Array(nArcs);
  const dst = new Int32Array(nArcs);
  const cap = new Float64Array(nArcs);
  const cost = new Float64Array(nArcs);
  let arcs = 0;
  const arc = (from: number, to: number, u: number, c: number): number => {
    src[arcs] = from;
    dst[arcs] = to;
    cap[arcs] = u;
    cost[arcs] = c;
    return arcs++;
  };
  let total = 0;
  for (let i = 0; i < nRows; i++) {
    if ((i & CHUNK) === CHUNK) yield;
    const r = m.rows[i]!;
    const node = 1 + i;
    if (r.meaning.kind === 'demand') {
      rowNode[i] = node;
      supply[node] = r.lb;
      total += r.lb;
    } else if (r.meaning.kind === 'capacity') {
      rowArc[i] = arc(node, 0, r.ub, 0);
    }
  }
  supply[0] = -total;
  // maxPerHour rows sit between a demand node and its x arcs of that hour.
  for (let i = 0; i < nRows; i++) {
    const r = m.rows[i]!;
    if (r.meaning.kind !== 'maxPerHour') continue;
    const d = demandRowOf[r.cols[0]!]!;
    rowArc[i] = arc(1 + d, 1 + i, r.ub, 0);
  }
  const colArc = new Int32Array(nCols);
  for (let j = 0; j < nCols; j++) {
    if ((j & CHUNK) === CHUNK) yield;
    const c = m.cols[j]!;
    const from = 1 + (mphRowOf[j]! >= 0 ? mphRowOf[j]! : demandRowOf[j]!);
    if (c.meaning.kind === 'x') colArc[j] = arc(from, 1 + capRowOf[j]!, Infinity, c.cost);
    else colArc[j] = arc(from, 0, c.ub, c.cost); // unmet: straight to the sink at the penalty
  }
  const net: FlowNetwork = { nodes, source: src, target: dst, capacity: cap, cost, supply };
  return { net, colArc, rowArc, rowNode };
}

/**
 * LP column values and row duals (glpk's sign convention: ∂objective/∂rhs) from an optimal flow.
 * A capped arc's bound dual is min(0, reduced cost); a demand row's dual is the potential
 * difference to the sink (the marginal cost of one more unit of that demand).
 */
export function flowToLp(mn: ModelNetwork, res: FlowResult): { values: Float64Array; duals: Float64Array } {
  const { colArc } = mn;
  // Plain loops: `Float64Array.from(colArc, fn)` iterates and calls back per column.
  const flow = res.flow;
  const values = new Float64Array(colArc.length);
  for (let j = 0; j < colArc.length; j++) values[j] = flow[colArc[j]!]!;
  return { values, duals: flowDuals(mn, res) };
}

/** The row duals of {@link flowToLp} alone (decompose keeps them for every pooled flow, every round). */
export function flowDuals(mn: ModelNetwork, res: FlowResult): Float64Array {
  const { net, rowArc, rowNode } = mn;
  const pi = res.potential;
  const duals = new Float64Array(rowArc.length);
  for (let i = 0; i < rowArc.length; i++) {
    const a = rowArc[i]!;
    if (a >= 0) {
      const rc = net.cost[a]! + pi[net.source[a]!]! - pi[net.target[a]!]!;
      duals[i] = Math.min(0, rc);
    } else if (rowNode[i]! >= 0) {
      duals[i] = pi[0]! - pi[rowNode[i]!]!;
    }
  }
  return duals;
}
