/**
 * Plan totals recomputed from assignments and unmet demand with the normative formulas of
 * DESIGN.md §3: energy per site-hour, green/grid split, both carbon accountings, every cost term
 * and the objective, in total and per site. The solver fills `Plan` fields with it and the text
 * report reads its per-site sums; the verifier keeps its own arithmetic (verify-totals.ts). It
 * reads the scenario and the given entries only.
 */
import { valueAt, valueAtOr0 } from '../scenario/hourly.js';
import { linksByPair, unmetPenaltyOf } from '../scenario/lookups.js';
import type { Scenario } from '../scenario/types.js';
import type { Assignment, CarbonTotals, CostBreakdown, SiteEnergy, Unmet } from './types.js';
import { marginalFigures } from './marginal.js';
import { pricedCarbon, carbonSignalOf } from '../scenario/carbon-signal.js';

/** Totals of the work placed at one site over the horizon. */
export interface SiteTotals {
  /** compute + energy + transfer + carbon of the work placed there, CNY. */
  readonly cost: number;
  readonly marketTonnes: number;
  readonly locationTonnes: number;
  readonly kWh: number;
  readonly greenKWh: number;
  /** Green supply offered over the horizon, kWh (0 when the site has none). */
  readonly supplyKWh: number;
}

/** What {@link recomputePlanTotals} returns: the plan fields that follow from the assignments. */
export interface PlanTotals {
  /** Objective terms, CNY. */
  readonly costs: CostBreakdown;
  /** Carbon in both accountings, tonnes CO2, and the accounting the price and cap use. */
  readonly carbon: CarbonTotals;
  /**
   * One row per site-hour with energy or green supply (kWh ≠ 0 or supply ≠ 0), sites in scenario
   * order, hours ascending.
   */
  readonly energy: SiteEnergy[];
  /** compute + energy + transfer + carbon + unmet, CNY. */
  readonly objective: number;
  /** Per site, in scenario order. */
  readonly sites: readonly SiteTotals[];
}

/**
 * Recomputes costs, carbon, energy rows and the objective of a plan from its assignments and
 * unmet entries (DESIGN.md §3). Pure; O(assignments + unmet + sites · hours).
 *
 * Throws `RangeError` when an entry names an unknown demand or site, or an assignment's hour is not
 * an integer in [0, horizonHours): such a plan is malformed (the verifier reports those entries
 * itself and passes only well-formed ones here).
 *
 * @example
 * const totals = recomputePlanTotals(scenario, plan.assignments, plan.unmet);
 * totals.objective === totals.costs.compute + totals.costs.energy + totals.costs.transfer
 *   + totals.costs.carbon + totals.costs.unmet;
 */
export function recomputePlanTotals(
  scenario: Scenario,
  assignments: readonly Assignment[],
  unmet: readonly Unmet[],
): PlanTotals {
  const H = scenario.horizonHours;
  const sites = scenario.sites;
  const nS = sites.length;
  const siteIdx = new Map(sites.map((s, i) => [s.id, i]));
  const demandIdx = new Map(scenario.demands.map((d, i) => [d.id, i]));
  const originIdx = new Map(scenario.origins.map((o, i) => [o.id, i]));
  const links = linksByPair(scenario);
  const transferDefault = scenario.prices.transferPerGB;

  // kWh per site-hour, site-major: index s · H + t.
  const kWh = new Float64Array(nS * H);
  // compute + transfer per site.
  const siteWork = new Float64Array(nS);
  let compute = 0;
  let transfer = 0;

  for (const a of assignments) {
    const di = demandIdx.get(a.demand);
    if (di === undefined) throw new RangeError(`assignment names unknown demand "${a.demand}"`);
    const si = siteIdx.get(a.site);
    if (si === undefined) throw new RangeError(`assignment names unknown site "${a.site}"`);
    if (!Number.isInteger(a.hour) || a.hour < 0 || a.hour >= H) {
      throw new RangeError(`assignment hour ${a.hour} is outside 0 … ${H - 1}`);
    }
    const d = scenario.demands[di]!;
    const site = sites[si]!;
    const x = a.amount;
    const unit = (site.unitCost[d.class] ?? 0) * x;
    compute += unit;
    siteWork[si]! += unit;
    kWh[si * H + a.hour]! += site.pue * (site.powerKW[d.class] ?? 0) * x;
    const gb = d.dataGBPerUnit ?? 0;
    if (gb !== 0) {
      const oi = originIdx.get(d.origin);
      const link = oi === undefined ? undefined : links.get(oi * nS + si);
      const moved = gb * x * (link?.costPerGB ?? transferDefault);
      transfer += moved;
      siteWork[si]! += moved;
    }
  }

  let unmetCost = 0;
  for (const u of unmet) {
    const di = demandIdx.get(u.demand);
    if (di === undefined) throw new RangeError(`unmet entry names unknown demand "${u.demand}"`);
    unmetCost += unmetPenaltyOf(scenario, scenario.demands[di]!.class) * u.amount;
  }

  const energy: SiteEnergy[] = [];
  let energyCost = 0;
  let locationTonnes = 0;
  let marketTonnes = 0;
  // Tonnes the carbon price counts: the accounting's energy × the signal's factor.
  let pricedTonnes = 0;
  const accounting = scenario.policy?.carbonAccounting ?? 'market';
  const perSite: { energyCost: number; loc: number; mkt: number; priced: number; kWh: number; green: number; supply: number }[] = [];
  for (let s = 0; s < nS; s++) {
    const site = sites[s]!;
    const priced = pricedCarbon(scenario, site);
    const own = { energyCost: 0, loc: 0, mkt: 0, priced: 0, kWh: 0, green: 0, supply: 0 };
    perSite.push(own);
    for (let t = 0; t < H; t++) {
      const e = kWh[s * H + t]!;
      const supply = 1000 * valueAtOr0(site.greenSupplyMW, t);
      if (e === 0 && supply === 0) continue;
      const green = Math.min(e, supply);
      const grid = e - green;
      const factor = valueAt(site.gridCarbon, t);
      const cost = e * valueAt(site.electricityPrice, t);
      const loc = (e * factor) / 1000;
      const mkt = (grid * factor) / 1000;
      const p = ((accounting === 'location' ? e : grid) * valueAt(priced, t)) / 1000;
      pricedTonnes += p;
      own.priced += p;
      energyCost += cost;
      locationTonnes += loc;
      marketTonnes += mkt;
      own.energyCost += cost;
      own.loc += loc;
      own.mkt += mkt;
      own.kWh += e;
      own.green += green;
      own.supply += supply;
      energy.push({ site: site.id, hour: t, kWh: e, greenKWh: green, gridKWh: grid, curtailedKWh: supply - green });
    }
  }

  const carbonCost = scenario.prices.carbonPerTonne * pricedTonnes;
  const costs: CostBreakdown = { compute, energy: energyCost, transfer, carbon: carbonCost, unmet: unmetCost };
  return {
    costs,
    carbon: { locationTonnes, marketTonnes, accounting, signal: carbonSignalOf(scenario), ...marginalFigures(scenario, kWh, assignments) },
    energy,
    objective: compute + energyCost + transfer + carbonCost + unmetCost,
    sites: perSite.map((o, s) => ({
      cost: siteWork[s]! + o.energyCost + scenario.prices.carbonPerTonne * o.priced,
      marketTonnes: o.mkt,
      locationTonnes: o.loc,
      kWh: o.kWh,
      greenKWh: o.green,
      supplyKWh: o.supply,
    })),
  };
}
