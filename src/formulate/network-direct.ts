/**
 * Scenario → min-cost flow network straight into typed arrays, for placement models that are a
 * network (no green, bandwidth, carbon-cap or green-share rows). The same network, node for node
 * and arc for arc, as `modelToNetwork(formulatePlacement(sc, latency))`, so the network simplex
 * pivots alike and the objective is bit-identical, without the per-column and per-row objects of
 * the LP model (DESIGN.md §3 "Structure to exploit"):
 *
 * - node 0 is the sink; node 1 + i is LP row i, rows in the LP's order (per demand its demand
 *   row(s) and `maxPerHour` rows, then the capacity rows of the site-class-hours used, in
 *   (site · 3 + class) · H + hour order);
 * - arcs: one per capacity row (node → sink, capped at capacity · maxUtilization), one per
 *   `maxPerHour` row (demand node → hour node, capped), then one per LP column in the LP's
 *   column order (x: demand or hour node → capacity node, uncapped, at the unit cost; unmet:
 *   demand node → sink at the penalty). Column j is arc `firstColumnArc + j`.
 *
 * The builder handles an explicit list of scenario features ({@link DIRECT_FEATURES}); a scenario
 * with any field outside it, or whose model has coupling rows, is refused with the reason, and
 * the caller falls back to the LP model path, so that no field it does not know is ever ignored.
 */
import type { Scenario } from '../scenario/types.js';
import { Builder, type DirectNetwork, type NetworkArrays } from './network-direct-builder.js';
import type { ModelCounts } from './estimate.js';
import { builderCounts } from './network-direct-counts.js';
import { runSteps, runStepsAsync, type Pause } from './steps.js';

/**
 * The scenario fields the direct builder reads, per object (every other field makes it refuse).
 * Extend this list only together with the code that builds the field's rows and arcs.
 */
export const DIRECT_FEATURES = {
  // `expansion` is read by `expand` only: `solve` plans with the capacity as given, on both paths.
  scenario: ['$schema', 'version', 'name', 'description', 'horizonHours', 'units', 'sites', 'origins', 'links', 'demands', 'prices', 'policy', 'expansion'],
  site: ['id', 'name', 'hub', 'region', 'province', 'lon', 'lat', 'pue', 'capacity', 'powerKW', 'electricityPrice', 'gridCarbon', 'marginalCarbon', 'greenSupplyMW', 'unitCost', 'minGreenShare', 'capacitySource'],
  origin: ['id', 'name', 'province', 'lon', 'lat', 'region', 'hub'],
  link: ['from', 'to', 'latencyMs', 'costPerGB', 'bandwidthGbps'],
  demand: ['id', 'origin', 'class', 'amount', 'maxLatencyMs', 'dataGBPerUnit', 'allowedSites', 'window', 'description', 'residency'],
  window: ['release', 'deadline', 'maxPerHour'],
  prices: ['carbonPerTonne', 'unmetPenalty', 'transferPerGB', 'carbonSignal'],
  policy: ['minGreenShare', 'carbonCapTonnes', 'maxUtilization', 'allowUnmet', 'carbonAccounting'],
} as const satisfies Record<string, readonly string[]>;

export { COL_UNMET, COL_X, freshArrays, type DirectNetwork, type NetworkArrays } from './network-direct-builder.js';

/** {@link DIRECT_FEATURES} as sets (one lookup per key of every demand). */
const FEATURE_SETS: { readonly [K in keyof typeof DIRECT_FEATURES]: ReadonlySet<string> } = {
  scenario: new Set(DIRECT_FEATURES.scenario),
  site: new Set(DIRECT_FEATURES.site),
  origin: new Set(DIRECT_FEATURES.origin),
  link: new Set(DIRECT_FEATURES.link),
  demand: new Set(DIRECT_FEATURES.demand),
  window: new Set(DIRECT_FEATURES.window),
  prices: new Set(DIRECT_FEATURES.prices),
  policy: new Set(DIRECT_FEATURES.policy),
};

/** Why the direct builder refuses `sc`, or undefined when it handles every field of it. */
export function unhandledFeature(sc: Scenario): string | undefined {
  const extra = (o: unknown, allowed: ReadonlySet<string>, path: string): string | undefined => {
    if (o === undefined || o === null || typeof o !== 'object') return undefined;
    for (const k in o) if (Object.hasOwn(o, k) && !allowed.has(k)) return `${path}.${k}`;
    return undefined;
  };
  const F = FEATURE_SETS;
  let why = extra(sc, F.scenario, '$') ?? extra(sc.prices, F.prices, '$.prices') ?? extra(sc.policy, F.policy, '$.policy');
  for (let i = 0; !why && i < sc.sites.length; i++) why = extra(sc.sites[i], F.site, `$.sites[${i}]`);
  for (let i = 0; !why && i < sc.origins.length; i++) why = extra(sc.origins[i], F.origin, `$.origins[${i}]`);
  const links = sc.links ?? [];
  for (let i = 0; !why && i < links.length; i++) why = extra(links[i], F.link, `$.links[${i}]`);
  for (let i = 0; !why && i < sc.demands.length; i++) {
    const d = sc.demands[i]!;
    why = extra(d, F.demand, `$.demands[${i}]`) ?? extra(d.window, F.window, `$.demands[${i}].window`);
  }
  return why === undefined ? undefined : `the direct network builder does not handle ${why}`;
}

/** Outcome of the direct builder: the network, or why the LP model path must be taken. */
export type DirectBuild = { readonly ok: true; readonly network: DirectNetwork } | { readonly ok: false; readonly reason: string };

/**
 * Builds the network of a valid (presolved) scenario; `latency` as for `formulatePlacement`;
 * `arrays` says where the network's arrays go (fresh typed arrays by default).
 */
export function buildDirectNetwork(sc: Scenario, latency: Float64Array, arrays?: NetworkArrays): DirectBuild {
  return runSteps(directSteps(sc, latency, arrays));
}

/**
 * {@link buildDirectNetwork} in chunks, awaiting `pause` between them. `sized`, when given, gets
 * the size estimate (`countModel`'s figures, from the builder's first pass) before any array is
 * allocated; what it throws (a `ModelSizeError`) ends the build.
 */
export function buildDirectNetworkAsync(sc: Scenario, latency: Float64Array, pause: Pause, arrays?: NetworkArrays, sized?: (counts: ModelCounts) => void): Promise<DirectBuild> {
  return runStepsAsync(directSteps(sc, latency, arrays, sized), pause);
}

/** Demands between two yields. */
const YIELD_DEMANDS = 512;

function* directSteps(sc: Scenario, latency: Float64Array, arrays?: NetworkArrays, sized?: (counts: ModelCounts) => void): Generator<void, DirectBuild> {
  const unknown = unhandledFeature(sc);
  if (unknown) return { ok: false, reason: unknown };
  const policy = sc.policy ?? {};
  if (policy.carbonCapTonnes !== undefined) return { ok: false, reason: 'a carbon-cap row' };
  if ((policy.minGreenShare ?? 0) > 0) return { ok: false, reason: 'a green-share row' };
  if (sc.sites.some((x) => (x.minGreenShare ?? 0) > 0)) return { ok: false, reason: 'site green-share rows' };
  const b = new Builder(sc, latency, arrays);
  const nD = b.nD;
  yield;
  for (let d0 = 0; d0 < nD; d0 += YIELD_DEMANDS) {
    const why = b.count(d0, Math.min(nD, d0 + YIELD_DEMANDS));
    if (why !== undefined) return { ok: false, reason: why };
    yield;
  }
  sized?.(builderCounts(b));
  b.allocate();
  yield;
  for (let d0 = 0; d0 < nD; d0 += YIELD_DEMANDS) {
    b.fill(d0, Math.min(nD, d0 + YIELD_DEMANDS));
    yield;
  }
  return { ok: true, network: b.result() };
}
