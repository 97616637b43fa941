/**
 * The least carbon a scenario can reach: an LP whose only cost is carbon. It is built as a
 * scenario, so that the ordinary `solve` (validation, presolve, backend choice) runs it: every
 * money term is set to 0 and the carbon price to 1,000 CNY/t, so the objective is the kilograms of
 * the scenario's accounting (market accounting then credits green supply exactly as caps do).
 * Kilograms, not tonnes: per-unit costs are then pue · kW · kg/kWh, well above the validation's
 * floor of nonzero unit costs (`NUMERIC_LIMITS.minUnitCost`), which tonnes of a clean site's unit
 * could fall below.
 */
import type { Plan } from '../plan/types.js';
import type { CarbonAccounting, Demand, PerClass, Scenario } from '../scenario/types.js';
import type { ParetoAbatement } from './types.js';

/** Tonnes of a plan in the given accounting (the figure caps and prices apply to). */
export function tonnesOf(plan: Plan, accounting: CarbonAccounting): number {
  const c = plan.carbon!;
  return accounting === 'location' ? c.locationTonnes : c.marketTonnes;
}

/** Accounting the scenario's carbon price and cap use. */
export function accountingOf(sc: Scenario): CarbonAccounting {
  return sc.policy?.carbonAccounting ?? 'market';
}

const zeroPerClass = (p: PerClass<number>): PerClass<number> => Object.fromEntries(Object.keys(p).map((k) => [k, 0])) as PerClass<number>;

/**
 * Demands restated as what `served` serves of them, as hard demand: per hour for interactive
 * demand, the window's total for deferrable work. Serving more can only add carbon (every unit
 * draws energy; green covers at most all of it), so the least-carbon plan serves exactly this.
 */
function servedAsDemand(sc: Scenario, served: Plan): Demand[] {
  const H = sc.horizonHours;
  const byDemand = new Map<string, Float64Array>();
  for (const a of served.assignments) {
    let row = byDemand.get(a.demand);
    if (!row) byDemand.set(a.demand, (row = new Float64Array(H)));
    row[a.hour]! += a.amount;
  }
  return sc.demands.map((d) => {
    const row = byDemand.get(d.id) ?? new Float64Array(H);
    const amount = d.window ? row.reduce((s, x) => s + x, 0) : Array.from(row);
    return { ...d, amount };
  });
}

/**
 * The scenario whose optimum is the least carbon (objective = kilograms). `relocate`: demand is what
 * `baseline` serves, and must be served (`allowUnmet: false`); `any`: demand as given, unmet work
 * free, so carbon falls as far as the scenario's hard rules let it. Policy rows (green shares, the
 * scenario's own cap, utilization) stay.
 */
export function minCarbonScenario(sc: Scenario, baseline: Plan, abatement: ParetoAbatement): Scenario {
  const policy = sc.policy ?? {};
  return {
    ...sc,
    name: `${sc.name ?? 'scenario'} (least carbon)`,
    sites: sc.sites.map((s) => ({ ...s, unitCost: zeroPerClass(s.unitCost), electricityPrice: 0 })),
    ...(sc.links ? { links: sc.links.map((l) => (l.costPerGB === undefined ? l : { ...l, costPerGB: 0 })) } : {}),
    prices: { carbonPerTonne: 1000, unmetPenalty: 0, transferPerGB: 0 },
    ...(abatement === 'relocate' ? { demands: servedAsDemand(sc, baseline), policy: { ...policy, allowUnmet: false } } : {}),
  };
}
