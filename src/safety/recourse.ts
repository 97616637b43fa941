/**
 * N-1 recourse of a given plan (issue 16, item 3): for one outage, hour and protected class, can
 * the work the plan places at the outage's sites move to usable sites outside it within their
 * spare capacity? A transportation feasibility problem, solved as a max-flow (safety/max-flow.ts):
 * source → demand (its lost work) → usable site outside the outage (unbounded) → sink (spare
 * capacity = usable capacity − the plan's own use). Feasible exactly when the max-flow carries all
 * lost work; the flows are then the re-routing, split back onto the sites the work was lost at.
 */
import { valueAt } from '../scenario/hourly.js';
import { COMPUTE_CLASSES, type ComputeClass, type Scenario } from '../scenario/types.js';
import { MaxFlowGraph } from './max-flow.js';
import type { Outage } from './outages.js';

/** What the check needs of an assignment (structural). */
export interface PlacedWork {
  readonly demand: string;
  readonly site: string;
  readonly hour: number;
  readonly amount: number;
}

/** Re-routed work, in scenario indices. */
export interface IndexedFlow {
  readonly demand: number;
  readonly from: number;
  readonly to: number;
  readonly hour: number;
  readonly amount: number;
}

/** The plan's work by hour, aggregated per demand and site, and the use of each site-class-hour. */
export interface PlanLoad {
  /** Per hour: demand index → site index → units. */
  readonly work: Map<number, Map<number, number>>[];
  /** (site · 3 + class) · H + hour → units used. */
  readonly used: Float64Array;
}

const NC = COMPUTE_CLASSES.length;

/** Aggregates the plan's assignments (copies of replicated demand add up). */
export function planLoad(sc: Scenario, assignments: readonly PlacedWork[]): PlanLoad {
  const H = sc.horizonHours;
  const dIdx = new Map(sc.demands.map((d, i) => [d.id, i]));
  const sIdx = new Map(sc.sites.map((s, i) => [s.id, i]));
  const work = Array.from({ length: H }, () => new Map<number, Map<number, number>>());
  const used = new Float64Array(sc.sites.length * NC * H);
  for (const a of assignments) {
    const d = dIdx.get(a.demand)!;
    const s = sIdx.get(a.site)!;
    const byDemand = work[a.hour]!;
    let row = byDemand.get(d);
    if (!row) byDemand.set(d, (row = new Map()));
    row.set(s, (row.get(s) ?? 0) + a.amount);
    used[(s * NC + COMPUTE_CLASSES.indexOf(sc.demands[d]!.class)) * H + a.hour]! += a.amount;
  }
  return { work, used };
}

/** Outcome of one outage × hour × class check. */
export interface RecourseCheck {
  /** Work lost at the outage's sites, units. */
  readonly lost: number;
  /** Work the max-flow re-routes (≤ lost). */
  readonly routed: number;
  readonly flows: IndexedFlow[];
}

/**
 * The recourse of `outage` in hour `t` for class `cls`. `usable[d]` lists the site indices that may
 * serve demand d (latency, allowed sites, class offered).
 */
export function checkRecourse(sc: Scenario, load: PlanLoad, usable: readonly (readonly number[])[], outage: Outage, cls: ComputeClass, t: number): RecourseCheck {
  const H = sc.horizonHours;
  const mu = sc.policy?.maxUtilization ?? 1;
  const down = new Set(outage.sites);
  const ci = COMPUTE_CLASSES.indexOf(cls);
  // Lost work per demand, with the sites it was lost at.
  const lostBy: { d: number; from: [number, number][]; total: number }[] = [];
  for (const [d, row] of load.work[t]!) {
    if (sc.demands[d]!.class !== cls) continue;
    const from: [number, number][] = [];
    let total = 0;
    for (const s of outage.sites) {
      const x = row.get(s) ?? 0;
      if (x > 0) (from.push([s, x]), (total += x));
    }
    if (total > 0) lostBy.push({ d, from, total });
  }
  const lost = lostBy.reduce((a, l) => a + l.total, 0);
  if (lost === 0) return { lost: 0, routed: 0, flows: [] };

  // Nodes: 0 source, 1 … n demands, then the sites outside the outage, then the sink.
  const targets: number[] = [];
  const spare = new Map<number, number>();
  sc.sites.forEach((site, s) => {
    const cap = site.capacity[cls];
    if (down.has(s) || cap === undefined) return;
    const room = valueAt(cap, t) * mu - load.used[(s * NC + ci) * H + t]!;
    if (room > 0) (spare.set(s, room), targets.push(s));
  });
  const node = new Map(targets.map((s, i) => [s, 1 + lostBy.length + i]));
  const sink = 1 + lostBy.length + targets.length;
  const g = new MaxFlowGraph(sink + 1);
  lostBy.forEach((l, i) => g.addArc(0, 1 + i, l.total));
  const arcs: { i: number; s: number; e: number }[] = [];
  lostBy.forEach((l, i) => {
    for (const s of usable[l.d]!) {
      const v = node.get(s);
      if (v !== undefined) arcs.push({ i, s, e: g.addArc(1 + i, v, Infinity) });
    }
  });
  for (const s of targets) g.addArc(node.get(s)!, sink, spare.get(s)!);
  const routed = g.maxFlow(0, sink);

  // Split each demand's re-routed work back onto the sites it was lost at (in order).
  const flows: IndexedFlow[] = [];
  const byDemand = new Map<number, { s: number; z: number }[]>();
  for (const a of arcs) {
    const z = g.flowOn(a.e);
    if (z > 0) (byDemand.get(a.i) ?? byDemand.set(a.i, []).get(a.i)!).push({ s: a.s, z });
  }
  for (const [i, tos] of byDemand) {
    const l = lostBy[i]!;
    let fi = 0;
    let fromLeft = l.from[0]![1];
    for (const { s, z } of tos) {
      let left = z;
      while (left > 1e-12 && fi < l.from.length) {
        const take = Math.min(left, fromLeft);
        if (take > 0) flows.push({ demand: l.d, from: l.from[fi]![0], to: s, hour: t, amount: take });
        left -= take;
        fromLeft -= take;
        if (fromLeft <= 1e-12 * Math.max(1, l.total)) {
          fi++;
          fromLeft = fi < l.from.length ? l.from[fi]![1] : 0;
        }
      }
    }
  }
  return { lost, routed, flows };
}

/** Whether a check leaves lost work without recourse (beyond rounding of the LP). */
export function shortOf(c: RecourseCheck): boolean {
  return c.lost - c.routed > 1e-7 * Math.max(1, c.lost);
}
