/**
 * Lookups into a scenario that the layers above share (formulate/, plan/'s totals, compare/,
 * simulate/): a class's unmet penalty and the links by pair. The verifier keeps its own
 * (plan/verify-totals.ts), so that it shares no code with what builds plans.
 */
import type { ComputeClass, Demand, Link, ReplicaScope, Scenario, Site } from './types.js';

/** Penalty per unmet unit of a class; a class missing from a per-class penalty counts 0. */
export function unmetPenaltyOf(scenario: Scenario, cls: ComputeClass): number {
  const p = scenario.prices.unmetPenalty;
  return typeof p === 'number' ? p : (p[cls] ?? 0);
}

/** Links by `originIndex · nSites + siteIndex` (the first link of a pair wins; validation forbids duplicates). */
export function linksByPair(scenario: Scenario): Map<number, Link> {
  const nS = scenario.sites.length;
  const oIdx = new Map(scenario.origins.map((o, i) => [o.id, i]));
  const sIdx = new Map(scenario.sites.map((s, i) => [s.id, i]));
  const out = new Map<number, Link>();
  for (const l of scenario.links ?? []) {
    const o = oIdx.get(l.from);
    const s = sIdx.get(l.to);
    if (o === undefined || s === undefined) continue;
    const key = o * nS + s;
    if (!out.has(key)) out.set(key, l);
  }
  return out;
}

/** Group of `site` for the copies of a replicated demand: its id, hub or region (`replicaScope`). */
export function replicaGroupOf(site: Site, scope: ReplicaScope): string {
  return scope === 'site' ? site.id : scope === 'hub' ? site.hub : site.region;
}

/** Copies and scope of a demand, with their defaults (1, `'hub'`). */
export function replicasOf(d: Demand): { readonly k: number; readonly scope: ReplicaScope } {
  return { k: d.replicas ?? 1, scope: d.replicaScope ?? 'hub' };
}
