/**
 * Plan fields of the data, algorithm and network rules, from a plan's own entries (the plan
 * builder's arithmetic; the verifier keeps its own in verify-data.ts): backbone traffic per link
 * direction and hour, and the cost terms of copies and replicas.
 */
import { backboneRoutes, originHub } from '../scenario/backbone.js';
import type { Scenario } from '../scenario/types.js';
import type { Assignment, BackboneLoad, DatasetCopy, ModelReplica } from './types.js';

/** Traffic by `linkIndex · 2 + (reverse ? 1 : 0)` and hour (`key · H + t`), GB. */
export function backboneTraffic(sc: Scenario, assignments: readonly Assignment[], copies: readonly DatasetCopy[]): Map<number, number> {
  const out = new Map<number, number>();
  if (!sc.backbone) return out;
  const H = sc.horizonHours;
  const routes = backboneRoutes(sc);
  const site = new Map(sc.sites.map((s) => [s.id, s]));
  const demand = new Map(sc.demands.map((d) => [d.id, d]));
  const entry = new Map(sc.origins.map((o) => [o.id, originHub(sc, o).hub]));
  const add = (fromHub: string | undefined, toHub: string | undefined, t: number, gb: number) => {
    if (fromHub === undefined || toHub === undefined || gb === 0) return;
    for (const u of routes.get(fromHub)?.get(toHub)?.uses ?? []) {
      const key = (u.link * 2 + (u.reverse ? 1 : 0)) * H + t;
      out.set(key, (out.get(key) ?? 0) + gb);
    }
  };
  for (const a of assignments) {
    const d = demand.get(a.demand);
    if (!d || !(d.dataGBPerUnit ?? 0)) continue;
    add(entry.get(d.origin), site.get(a.site)?.hub, a.hour, (d.dataGBPerUnit ?? 0) * a.amount);
  }
  for (const c of copies) add(site.get(c.from)?.hub, site.get(c.site)?.hub, c.hour, c.sizeGB);
  return out;
}

/** The plan's backbone rows: traffic (from the plan) and shadow prices (by the same key, CNY per Gbps). */
export function backboneLoads(sc: Scenario, traffic: Map<number, number>, shadow: Map<number, number>): BackboneLoad[] {
  const links = sc.backbone?.links ?? [];
  const H = sc.horizonHours;
  const out: BackboneLoad[] = [];
  links.forEach((l, i) => {
    for (const reverse of [false, true]) {
      for (let t = 0; t < H; t++) {
        const key = (i * 2 + (reverse ? 1 : 0)) * H + t;
        const gb = traffic.get(key) ?? 0;
        const price = shadow.get(key) ?? 0;
        if (gb <= 1e-9 && price === 0) continue;
        const cap = 450 * l.capacityGbps;
        out.push({ from: reverse ? l.to : l.from, to: reverse ? l.from : l.to, hour: t, trafficGB: gb, capacityGB: cap, utilization: cap > 0 ? gb / cap : 0, shadowPrice: price });
      }
    }
  });
  return out;
}

/** Σ copy costs and Σ load costs. */
export function dataCostTerms(copies: readonly DatasetCopy[], replicas: readonly ModelReplica[]): { dataCopies: number; modelLoads: number } {
  return { dataCopies: copies.reduce((a, c) => a + c.cost, 0), modelLoads: replicas.reduce((a, r) => a + r.loadCost, 0) };
}
