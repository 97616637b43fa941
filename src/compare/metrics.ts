/**
 * Figures of one plan for the comparison: costs and carbon (from the plan, which is already under
 * the real prices), latency of served work, where work runs, unmet work, cluster utilization.
 * Computed from the scenario and the plan's assignments only, so every strategy is measured alike.
 */
import { geoLatencyMs } from '../geo/haversine.js';
import { linksByPair } from '../scenario/lookups.js';
import type { Plan } from '../plan/types.js';
import { valueAt } from '../scenario/hourly.js';
import { COMPUTE_CLASSES, type ComputeClass, type Scenario } from '../scenario/types.js';
import type { ClusterUtilization, Share, StrategyMetrics } from './types.js';

/** Share of totals per class; null where a class has nothing to take a share of. */
function share(part: Map<ComputeClass, number>, whole: Map<ComputeClass, number>, classes: readonly ComputeClass[]): Share {
  let p = 0;
  let w = 0;
  const byClass: Partial<Record<ComputeClass, number | null>> = {};
  for (const c of classes) {
    const pc = part.get(c) ?? 0;
    const wc = whole.get(c) ?? 0;
    p += pc;
    w += wc;
    byClass[c] = wc > 0 ? pc / wc : null;
  }
  return { all: w > 0 ? p / w : null, byClass };
}

const add = (m: Map<ComputeClass, number>, c: ComputeClass, x: number): void => {
  m.set(c, (m.get(c) ?? 0) + x);
};

/**
 * Weighted mean and 95th percentile of latency: the least L with at least 95% of the weight at
 * latency ≤ L (a relative 1e-12 slack keeps float sums from skipping the exact boundary).
 */
function latencyStats(samples: { ms: number; w: number }[]): StrategyMetrics['latency'] {
  const total = samples.reduce((a, s) => a + s.w, 0);
  if (!(total > 0)) return { meanMs: null, p95Ms: null };
  const mean = samples.reduce((a, s) => a + s.ms * s.w, 0) / total;
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  const target = 0.95 * total * (1 - 1e-12);
  let cum = 0;
  let p95 = sorted[sorted.length - 1]!.ms;
  for (const s of sorted) {
    cum += s.w;
    if (cum >= target) {
      p95 = s.ms;
      break;
    }
  }
  return { meanMs: mean, p95Ms: p95 };
}

/**
 * Figures of `plan` under `scenario` (valid; the plan's costs and carbon already at its prices).
 * Null when the plan has no schedule.
 */
export function planMetrics(scenario: Scenario, plan: Plan): StrategyMetrics | null {
  if (plan.objective === null || plan.costs === null || plan.carbon === null) return null;
  const nS = scenario.sites.length;
  const H = scenario.horizonHours;
  const mu = scenario.policy?.maxUtilization ?? 1;
  const sIdx = new Map(scenario.sites.map((s, i) => [s.id, i]));
  const oIdx = new Map(scenario.origins.map((o, i) => [o.id, i]));
  const demandById = new Map(scenario.demands.map((d) => [d.id, d]));
  const links = linksByPair(scenario);
  const classes = COMPUTE_CLASSES.filter((c) => scenario.demands.some((d) => d.class === c));

  const latencyCache = new Map<number, number>();
  const samples: { ms: number; w: number }[] = [];
  const served = new Map<ComputeClass, number>();
  const servedWest = new Map<ComputeClass, number>();
  const east = new Map<ComputeClass, number>();
  const eastAtWest = new Map<ComputeClass, number>();
  const usedBySiteClass = new Map<string, number>();
  for (const a of plan.assignments) {
    const d = demandById.get(a.demand)!;
    const si = sIdx.get(a.site)!;
    const oi = oIdx.get(d.origin)!;
    const site = scenario.sites[si]!;
    const o = scenario.origins[oi]!;
    const pair = oi * nS + si;
    let ms = latencyCache.get(pair);
    if (ms === undefined) {
      ms = links.get(pair)?.latencyMs ?? geoLatencyMs(o.lon, o.lat, site.lon, site.lat);
      latencyCache.set(pair, ms);
    }
    samples.push({ ms, w: a.amount });
    add(served, d.class, a.amount);
    if (site.region === 'west') add(servedWest, d.class, a.amount);
    if (o.region === 'east') {
      add(east, d.class, a.amount);
      if (site.region === 'west') add(eastAtWest, d.class, a.amount);
    }
    const key = `${site.id}|${d.class}`;
    usedBySiteClass.set(key, (usedBySiteClass.get(key) ?? 0) + a.amount);
  }

  const unmetByClass: Partial<Record<ComputeClass, number>> = {};
  let unmetUnitHours = 0;
  for (const c of classes) unmetByClass[c] = 0;
  for (const u of plan.unmet) {
    const c = demandById.get(u.demand)!.class;
    unmetByClass[c] = (unmetByClass[c] ?? 0) + u.amount;
    unmetUnitHours += u.amount;
  }

  const utilization: ClusterUtilization[] = [];
  for (const site of scenario.sites) {
    for (const c of COMPUTE_CLASSES) {
      const cap = site.capacity[c];
      if (cap === undefined) continue;
      let usable = 0;
      for (let t = 0; t < H; t++) usable += valueAt(cap, t) * mu;
      const used = usedBySiteClass.get(`${site.id}|${c}`) ?? 0;
      utilization.push({ site: site.id, hub: site.hub, region: site.region, class: c, usedUnitHours: used, usableUnitHours: usable, share: usable > 0 ? used / usable : null });
    }
  }

  let servedUnitHours = 0;
  for (const x of served.values()) servedUnitHours += x;
  return {
    totalCost: plan.objective,
    carbonCost: plan.costs.carbon,
    costs: plan.costs,
    locationTonnes: plan.carbon.locationTonnes,
    marketTonnes: plan.carbon.marketTonnes,
    accounting: plan.carbon.accounting,
    signal: plan.carbon.signal,
    marginalTonnes: plan.carbon.marginalTonnes,
    avoidedTonnes: plan.carbon.avoidedTonnes,
    latency: latencyStats(samples),
    servedUnitHours,
    unmetUnitHours,
    unmetByClass,
    eastToWest: share(eastAtWest, east, classes),
    westShare: share(servedWest, served, classes),
    utilization,
  };
}
