/**
 * What the text report summarises, gathered from a Plan in one pass over its rows (linear in the
 * plan's size, whatever the number of sites): per-site cost, carbon and green energy, per-site-class
 * load and shadow prices, and the regions of origins.
 */
import { haversineKm } from '../geo/haversine.js';
import { valueAt } from '../scenario/hourly.js';
import type { ComputeClass, Region, Scenario } from '../scenario/types.js';
import { linksByPair } from '../scenario/lookups.js';
import type { Plan } from './types.js';

/** Totals of one site over the horizon. */
export interface SiteSummary {
  /** compute + energy + transfer + carbon of the work placed there, CNY. */
  cost: number;
  marketTonnes: number;
  locationTonnes: number;
  kWh: number;
  greenKWh: number;
  /** Green supply offered over the horizon, kWh (0 when the site has none). */
  supplyKWh: number;
}

/** Load and capacity prices of one site and class over the horizon. */
export interface ClassSummary {
  used: number;
  capacity: number;
  hours: number;
  bindingHours: number;
  shadowSum: number;
  shadowMax: number;
}

/** Sums per site and per site-class. */
export function summarisePlan(sc: Scenario, plan: Plan): { sites: Map<string, SiteSummary>; classes: Map<string, ClassSummary> } {
  const sites = new Map<string, SiteSummary>(sc.sites.map((s) => [s.id, { cost: 0, marketTonnes: 0, locationTonnes: 0, kWh: 0, greenKWh: 0, supplyKWh: 0 }]));
  const siteIdx = new Map(sc.sites.map((s, i) => [s.id, i]));
  const originIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
  const demandById = new Map(sc.demands.map((d) => [d.id, d]));
  const links = linksByPair(sc);
  const nS = sc.sites.length;
  for (const a of plan.assignments) {
    const d = demandById.get(a.demand);
    const si = siteIdx.get(a.site);
    if (d === undefined || si === undefined) continue;
    const site = sc.sites[si]!;
    const gb = d.dataGBPerUnit ?? 0;
    const oi = originIdx.get(d.origin);
    const perGB = gb === 0 ? 0 : (oi === undefined ? undefined : links.get(oi * nS + si))?.costPerGB ?? sc.prices.transferPerGB;
    sites.get(a.site)!.cost += ((site.unitCost[d.class] ?? 0) + gb * perGB) * a.amount;
  }
  const accounting = plan.carbon?.accounting ?? 'market';
  for (const e of plan.energy) {
    const si = siteIdx.get(e.site);
    if (si === undefined) continue;
    const site = sc.sites[si]!;
    const factor = valueAt(site.gridCarbon, e.hour);
    const s = sites.get(e.site)!;
    const loc = (e.kWh * factor) / 1000;
    const mkt = (e.gridKWh * factor) / 1000;
    s.cost += e.kWh * valueAt(site.electricityPrice, e.hour) + sc.prices.carbonPerTonne * (accounting === 'location' ? loc : mkt);
    s.locationTonnes += loc;
    s.marketTonnes += mkt;
    s.kWh += e.kWh;
    s.greenKWh += e.greenKWh;
    s.supplyKWh += e.greenKWh + e.curtailedKWh;
  }
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
