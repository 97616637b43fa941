/**
 * The verifier's own arithmetic for what follows from a plan's energy: energy cost, both carbon
 * accountings, green energy per site, the objective and (in full mode) the energy row of every
 * site-hour, from the sums `verifyPlan` gathers in its one pass over the assignments. Written from
 * the formulas of DESIGN.md §3 independently of `recompute.ts`, which fills the Plan's fields when
 * a solver builds one: a check that recomputed with the plan builder's function could not catch a
 * mistake in it, and this one shares no code with it.
 */
import { valueAt, valueAtOr0 } from '../scenario/hourly.js';
import type { Link, Scenario } from '../scenario/types.js';
import type { CarbonTotals, CostBreakdown, SiteEnergy } from './types.js';

/** What `verifyPlan` sums over the well-formed entries of a plan. */
export interface PlanSums {
  /** kWh per site-hour (site index · horizonHours + hour): pue · Σ powerKW · units. */
  readonly siteHourKWh: Float64Array;
  /** Σ unitCost · units, CNY. */
  readonly compute: number;
  /** Σ dataGBPerUnit · units · CNY per GB, CNY. */
  readonly transfer: number;
  /** Σ penalty · unmet units, CNY. */
  readonly unmet: number;
}

/** What the verifier compares a plan's figures with. */
export interface CheckedTotals {
  readonly costs: CostBreakdown;
  readonly carbon: CarbonTotals;
  /** Tonnes the carbon price and cap count: the accounting's energy × the signal's factor. */
  readonly pricedTonnes: number;
  readonly objective: number;
  /** kWh and green kWh used per site (scenario order), over the horizon. */
  readonly siteKWh: Float64Array;
  readonly siteGreenKWh: Float64Array;
  /** With `rows`: every site-hour with energy or green supply, by site index · horizonHours + hour; else empty. */
  readonly energy: ReadonlyMap<number, SiteEnergy>;
}

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

/** Energy cost, carbon, green per site and the objective from `sums`; the energy rows too when `rows`. */
export function checkedTotals(scenario: Scenario, sums: PlanSums, rows: boolean): CheckedTotals {
  const H = scenario.horizonHours;
  const nS = scenario.sites.length;
  const siteKWh = new Float64Array(nS);
  const siteGreenKWh = new Float64Array(nS);
  const energy = new Map<number, SiteEnergy>();
  let energyCost = 0;
  let location = 0;
  let market = 0;
  // Grid kWh × marginal factor; NaN once a site has no marginal factor (then there is no figure).
  let marginal = 0;
  scenario.sites.forEach((site, s) => {
    const m = site.marginalCarbon;
    for (let t = 0; t < H; t++) {
      const kWh = sums.siteHourKWh[s * H + t]!;
      const supply = 1000 * valueAtOr0(site.greenSupplyMW, t);
      // Without rows, a site-hour without energy adds nothing.
      if (kWh === 0 && (supply === 0 || !rows)) continue;
      const green = Math.min(kWh, supply);
      const factor = valueAt(site.gridCarbon, t);
      energyCost += kWh * valueAt(site.electricityPrice, t);
      location += (kWh * factor) / 1000;
      market += ((kWh - green) * factor) / 1000;
      marginal += m === undefined ? NaN : ((kWh - green) * valueAt(m, t)) / 1000;
      siteKWh[s]! += kWh;
      siteGreenKWh[s]! += green;
      if (rows) energy.set(s * H + t, { site: site.id, hour: t, kWh, greenKWh: green, gridKWh: kWh - green, curtailedKWh: supply - green });
    }
  });
  const accounting = scenario.policy?.carbonAccounting ?? 'market';
  const signal = scenario.prices.carbonSignal === 'marginal' ? 'marginal' : 'average';
  const every = scenario.sites.every((site) => site.marginalCarbon !== undefined);
  const marginalTonnes = every ? marginal : null;
  // Validation makes the marginal signal come with market accounting and a factor at every site.
  const priced = signal === 'marginal' ? marginal : accounting === 'market' ? market : location;
  const carbon = scenario.prices.carbonPerTonne * priced;
  const costs: CostBreakdown = { compute: sums.compute, energy: energyCost, transfer: sums.transfer, carbon, unmet: sums.unmet };
  return {
    costs,
    // avoidedTonnes is checked apart (verify-marginal.ts), from the verifier's own reference.
    carbon: { locationTonnes: location, marketTonnes: market, accounting, signal, marginalTonnes, avoidedTonnes: null },
    pricedTonnes: priced,
    objective: costs.compute + costs.energy + costs.transfer + costs.carbon + costs.unmet,
    siteKWh,
    siteGreenKWh,
    energy,
  };
}
