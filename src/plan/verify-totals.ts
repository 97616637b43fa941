/**
 * The verifier's own arithmetic: costs, energy rows, carbon and the objective of a plan, written
 * from the formulas of DESIGN.md §3 independently of `recompute.ts` (which fills the Plan's
 * fields when a solver builds one). A check that recomputed with the plan builder's function
 * could not catch a mistake in it; this one shares no code with it.
 *
 * It sums units per site, class and hour first, then derives energy, green and grid per
 * site-hour from those sums (the plan builder accumulates kWh per assignment instead).
 */
import type { ComputeClass, Hourly, Link, Scenario } from '../scenario/types.js';
import type { Assignment, CarbonTotals, CostBreakdown, SiteEnergy, Unmet } from './types.js';

/** What the verifier compares a plan's figures with. */
export interface CheckedTotals {
  readonly costs: CostBreakdown;
  readonly carbon: CarbonTotals;
  /** Site-hours with energy or green supply, by site index · horizonHours + hour. */
  readonly energy: ReadonlyMap<number, SiteEnergy>;
  readonly objective: number;
}

const CLASSES: readonly ComputeClass[] = ['general', 'intelligent', 'super'];

/** Links by origin index · sites + site index; the first link of a pair counts (validation forbids duplicates). */
export function pairLinks(scenario: Scenario): Map<number, Link> {
  const nS = scenario.sites.length;
  const siteNo = new Map(scenario.sites.map((s, i) => [s.id, i]));
  const originNo = new Map(scenario.origins.map((o, i) => [o.id, i]));
  const out = new Map<number, Link>();
  for (const l of scenario.links ?? []) {
    const o = originNo.get(l.from);
    const s = siteNo.get(l.to);
    if (o !== undefined && s !== undefined && !out.has(o * nS + s)) out.set(o * nS + s, l);
  }
  return out;
}

/** The value of an hourly field in hour `t`; absent is 0. */
function at(field: Hourly | undefined, t: number): number {
  if (field === undefined) return 0;
  return typeof field === 'number' ? field : (field[t] ?? 0);
}

/**
 * Totals of well-formed entries (every demand and site id known, hours in range: the verifier
 * filters the others out and reports them before calling this).
 */
export function checkedTotals(scenario: Scenario, assignments: readonly Assignment[], unmet: readonly Unmet[]): CheckedTotals {
  const H = scenario.horizonHours;
  const nS = scenario.sites.length;
  const demands = new Map(scenario.demands.map((d) => [d.id, d]));
  const siteNo = new Map(scenario.sites.map((s, i) => [s.id, i]));
  const originNo = new Map(scenario.origins.map((o, i) => [o.id, i]));
  const links = pairLinks(scenario);

  // Units per site, class and hour: index (site · 3 + class) · H + hour.
  const units = new Float64Array(nS * CLASSES.length * H);
  let compute = 0;
  let transfer = 0;
  for (const a of assignments) {
    const d = demands.get(a.demand)!;
    const s = siteNo.get(a.site)!;
    const site = scenario.sites[s]!;
    units[(s * CLASSES.length + CLASSES.indexOf(d.class)) * H + a.hour]! += a.amount;
    compute += a.amount * (site.unitCost[d.class] ?? 0);
    const gb = d.dataGBPerUnit ?? 0;
    if (gb > 0) {
      const o = originNo.get(d.origin);
      const price = o === undefined ? undefined : links.get(o * nS + s)?.costPerGB;
      transfer += a.amount * gb * (price ?? scenario.prices.transferPerGB);
    }
  }

  const penalty = scenario.prices.unmetPenalty;
  let unmetCost = 0;
  for (const u of unmet) {
    const cls = demands.get(u.demand)!.class;
    unmetCost += u.amount * (typeof penalty === 'number' ? penalty : (penalty[cls] ?? 0));
  }

  const energy = new Map<number, SiteEnergy>();
  let energyCost = 0;
  let location = 0;
  let market = 0;
  scenario.sites.forEach((site, s) => {
    for (let t = 0; t < H; t++) {
      let itKW = 0;
      CLASSES.forEach((cls, c) => {
        itKW += units[(s * CLASSES.length + c) * H + t]! * (site.powerKW[cls] ?? 0);
      });
      const kWh = site.pue * itKW;
      const supply = at(site.greenSupplyMW, t) * 1000;
      if (kWh === 0 && supply === 0) continue;
      const green = kWh < supply ? kWh : supply;
      const grid = kWh - green;
      const factor = at(site.gridCarbon, t);
      energyCost += kWh * at(site.electricityPrice, t);
      location += (kWh * factor) / 1000;
      market += (grid * factor) / 1000;
      energy.set(s * H + t, { site: site.id, hour: t, kWh, greenKWh: green, gridKWh: grid, curtailedKWh: supply - green });
    }
  });

  const accounting = scenario.policy?.carbonAccounting ?? 'market';
  const carbon = scenario.prices.carbonPerTonne * (accounting === 'market' ? market : location);
  const costs: CostBreakdown = { compute, energy: energyCost, transfer, carbon, unmet: unmetCost };
  return {
    costs,
    carbon: { locationTonnes: location, marketTonnes: market, accounting },
    energy,
    objective: costs.compute + costs.energy + costs.transfer + costs.carbon + costs.unmet,
  };
}
