/**
 * What the text report summarises, gathered from a Plan in one pass over its rows (linear in the
 * plan's size, whatever the number of sites): per-site cost, carbon and green energy (from
 * recompute.ts), per-site-class load and shadow prices, and the regions of origins.
 */
import { haversineKm } from '../geo/haversine.js';
import type { ComputeClass, Region, Scenario } from '../scenario/types.js';
import { recomputePlanTotals, type SiteTotals } from './recompute.js';
import type { Plan } from './types.js';

/** Load and capacity prices of one site and class over the horizon. */
export interface ClassSummary {
  used: number;
  capacity: number;
  hours: number;
  bindingHours: number;
  shadowSum: number;
  shadowMax: number;
}

/** Sums per site (the plan builder's per-site totals) and per site-class. */
export function summarisePlan(sc: Scenario, plan: Plan): { sites: Map<string, SiteTotals>; classes: Map<string, ClassSummary> } {
  const totals = recomputePlanTotals(sc, plan.assignments, plan.unmet);
  const sites = new Map<string, SiteTotals>(sc.sites.map((s, i) => [s.id, totals.sites[i]!]));
  const classes = new Map<string, ClassSummary>();
  for (const u of plan.utilization) {
    const key = `${u.site}|${u.class}`;
    let c = classes.get(key);
    if (c === undefined) {
      c = { used: 0, capacity: 0, hours: 0, bindingHours: 0, shadowSum: 0, shadowMax: 0 };
      classes.set(key, c);
    }
    c.used += u.used;
    c.capacity += u.capacity;
    c.hours += 1;
    c.shadowSum += u.shadowPrice;
    if (u.shadowPrice > 1e-9) c.bindingHours += 1;
    if (u.shadowPrice > c.shadowMax) c.shadowMax = u.shadowPrice;
  }
  return { sites, classes };
}

/**
 * The region of every origin: its own `region`, else the region of its nearest site by
 * great-circle distance (`inferred` lists the origins that got one this way).
 */
export function originRegions(sc: Scenario): { region: Map<string, Region>; inferred: number } {
  const region = new Map<string, Region>();
  let inferred = 0;
  for (const o of sc.origins) {
    if (o.region !== undefined) {
      region.set(o.id, o.region);
      continue;
    }
    let best = Infinity;
    let r: Region = sc.sites[0]!.region;
    for (const s of sc.sites) {
      const km = haversineKm(o.lon, o.lat, s.lon, s.lat);
      if (km < best) {
        best = km;
        r = s.region;
      }
    }
    region.set(o.id, r);
    inferred += 1;
  }
  return { region, inferred };
}

/** The printed name of a class's unit: the scenario's `units`, else "unit-h". */
export function unitOf(sc: Scenario, cls: ComputeClass): string {
  return sc.units?.[cls] ?? 'unit-h';
}
