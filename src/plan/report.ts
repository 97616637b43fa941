/**
 * A readable text report of a Plan: outcome, costs and carbon, green electricity and policy rows,
 * load per cluster, east→west flows, unmet demand and capacity prices. Linear in the plan's size;
 * long lists are cut to the largest entries with a count of the rest (`--json` has everything).
 */
import { OptionsError } from '../errors.js';
import { COMPUTE_CLASSES, type ComputeClass, type Region, type Scenario } from '../scenario/types.js';
import { cny, cnyPer, count, mwh, percent, tonnes, unitHours } from './numbers.js';
import type { SiteTotals } from './recompute.js';
import { originRegions, summarisePlan, unitOf } from './report-data.js';
import { limitRows, table } from './table.js';
import type { Plan } from './types.js';
import { dataLines } from './report-data-lines.js';
import { replicaLines, securityLines } from './report-safety.js';
import { optionNames, rejectUnknownOptions } from '../options.js';

export { table } from './table.js';

/** Options of `formatPlan`. */
export interface ReportOptions {
  /** How many of the largest east→west flows to list. @default 10 */
  readonly topFlows?: number;
  /** Most rows of any other list (clusters, unmet demands, shadow prices); the rest is counted. @default 30 */
  readonly maxRows?: number;
}

/** Defaults of every option of `formatPlan`. */
export const defaultReportOptions: Required<ReportOptions> = { topFlows: 10, maxRows: 30 };

const OPTION_NAMES = optionNames<ReportOptions>()('topFlows', 'maxRows');

const BACKEND: Readonly<Record<Plan['solver']['backend'], string>> = {
  glpk: 'glpk.js simplex (exact LP)',
  flow: 'network simplex, wasm (exact min-cost flow)',
  highs: 'HiGHS, wasm (exact LP)',
  decompose: 'Lagrangian decomposition over network-simplex subproblems',
  baseline: 'placement rule, no solver',
};

/** The plan as text for a terminal: what runs where, what it costs, what capacity is worth. */
export function formatPlan(sc: Scenario, plan: Plan, options: ReportOptions = {}): string {
  rejectUnknownOptions('formatPlan', options, OPTION_NAMES);
  const { topFlows, maxRows } = { ...defaultReportOptions, ...options };
  for (const [name, v] of [['topFlows', topFlows], ['maxRows', maxRows]] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new OptionsError(name, `must be an integer ≥ 0, got ${String(v)}`);
  }
  const out: string[] = [];
  const s = plan.solver;
  out.push(`suanflow plan — ${plan.scenario}: ${count(sc.sites.length)} clusters, ${count(sc.origins.length)} origins, ${count(sc.demands.length)} demands, ${count(plan.horizonHours)} h`);
  out.push(`status: ${plan.status}${plan.message !== plan.status ? ` — ${plan.message}` : ''}`);
  const milp = plan.modelReplicas !== undefined || plan.datasetCopies !== undefined ? (s.backend === 'glpk' && s.gap !== undefined ? 'glpk.js branch and bound (MILP), duals from the LP with the choices fixed' : undefined) : undefined;
  out.push(`solver: ${s.backend}, ${milp ?? BACKEND[s.backend]}; ${count(s.ms)} ms; ${count(s.variables)} variables, ${count(s.constraints)} constraints`);
  out.push(`  why this solver: ${s.reason}`);
  if (plan.presolve.merged > 0) out.push(`presolve: ${count(plan.presolve.demands)} demands solved as ${count(plan.presolve.solved)} (identical ones merged, split back in the plan)`);
  if (plan.objective === null || plan.costs === null || plan.carbon === null) {
    const { rows, more } = limitRows(plan.conflicts, maxRows, 'conflicts');
    for (const c of rows) out.push(`  conflict: ${c.message}`);
    if (more) out.push(more);
    const bad = limitRows(plan.violations ?? [], maxRows, 'violations');
    for (const v of bad.rows) out.push(`  violation [${v.rule}]: ${v.message}`);
    if (bad.more) out.push(bad.more);
    return out.join('\n');
  }
  const c = plan.costs;
  const { sites, classes } = summarisePlan(sc, plan);
  out.push('');
  out.push(`total cost: ${cny(plan.objective)} CNY = compute ${cny(c.compute)} + energy ${cny(c.energy)} + transfer ${cny(c.transfer)} + carbon ${cny(c.carbon)} + unmet ${cny(c.unmet)}${c.dataCopies !== undefined ? ` + data copies ${cny(c.dataCopies)}` : ''}${c.modelLoads !== undefined ? ` + model loads ${cny(c.modelLoads)}` : ''}`);
  const marginal = plan.carbon.signal === 'marginal';
  out.push(`carbon: ${tonnes(plan.carbon.marketTonnes)} t market-based, ${tonnes(plan.carbon.locationTonnes)} t location-based (${marginal ? 'average grid factors; the carbon price and cap count marginal tonnes' : `the carbon price and cap count ${plan.carbon.accounting}-based tonnes`})`);
  if (plan.carbon.marginalTonnes !== null && plan.carbon.avoidedTonnes !== null) {
    out.push(`carbon, marginal signal: ${tonnes(plan.carbon.marginalTonnes)} t (grid energy × marginal factor); avoided vs the nearest-site reference: ${tonnes(plan.carbon.avoidedTonnes)} t; the plan was driven by the ${plan.carbon.signal} signal`);
  }
  out.push(...greenLines(sc, plan, sites));

  // Per cluster: load by class, utilization, cost and carbon of the work placed there.
  const green = sc.sites.some((x) => x.greenSupplyMW !== undefined);
  const sitesByHub = [...sc.sites].sort((a, b) => a.hub.localeCompare(b.hub) || a.id.localeCompare(b.id));
  const rows: string[][] = [];
  for (const site of sitesByHub) {
    const sum = sites.get(site.id)!;
    const cells = COMPUTE_CLASSES.map((cls) => {
      const u = classes.get(`${site.id}|${cls}`);
      if (u === undefined) return '—';
      return `${unitHours(u.used)} (${percent(u.capacity > 0 ? u.used / u.capacity : 0)})`;
    });
    rows.push([site.hub, site.id, site.region, ...cells, cny(sum.cost), tonnes(sum.marketTonnes), tonnes(sum.locationTonnes), ...(green ? [greenShare(sum)] : [])]);
  }
  const byCost = rows.length > maxRows ? [...rows.keys()].sort((a, b) => sites.get(sitesByHub[b]!.id)!.cost - sites.get(sitesByHub[a]!.id)!.cost) : null;
  const shown = limitRows(byCost ? byCost.map((i) => rows[i]!) : rows, maxRows, 'clusters');
  out.push('');
  out.push(`Load per cluster over ${count(plan.horizonHours)} h: unit-hours (mean utilization of usable capacity)${byCost ? `, the ${maxRows} of highest cost` : ''}`);
  out.push(table(['hub', 'cluster', 'region', ...COMPUTE_CLASSES.map((k) => `${k} ${unitOf(sc, k)}`), 'cost CNY', 'tCO2 mkt', 'tCO2 loc', ...(green ? ['green'] : [])], shown.rows));
  if (shown.more) out.push(shown.more);

  out.push('');
  out.push(...eastWestLines(sc, plan, topFlows));
  out.push(...dataLines(sc, plan, maxRows));
  out.push('');
  out.push(...unmetLines(sc, plan, maxRows));
  out.push(...replicaLines(sc, plan, maxRows));
  out.push(...securityLines(plan, maxRows));

  // Shadow prices: what one more nominal unit of capacity would save, per cluster and class.
  const priceRows: { row: string[]; mean: number }[] = [];
  for (const site of sitesByHub) {
    for (const cls of COMPUTE_CLASSES) {
      const u = classes.get(`${site.id}|${cls}`);
      if (u === undefined) continue;
      const mean = u.shadowSum / u.hours;
      priceRows.push({ row: [site.id, cls, cnyPer(mean), cnyPer(u.shadowMax), `${count(u.bindingHours)}/${count(u.hours)}`], mean });
    }
  }
  const many = priceRows.length > maxRows;
  const prices = limitRows((many ? [...priceRows].sort((a, b) => b.mean - a.mean) : priceRows).map((p) => p.row), maxRows, 'cluster-class rows');
  out.push('');
  out.push(`Shadow price of capacity (CNY saved per extra nominal unit-hour)${many ? `, the ${maxRows} highest means` : ''}`);
  out.push(table(['cluster', 'class', 'mean', 'max', 'binding hours'], prices.rows));
  if (prices.more) out.push(prices.more);
  return out.join('\n');
}

function greenShare(s: SiteTotals): string {
  return s.supplyKWh === 0 ? '—' : percent(s.kWh > 0 ? s.greenKWh / s.kWh : 0);
}

/** Green electricity used and curtailed, and every policy row with its price (when the scenario has them). */
function greenLines(sc: Scenario, plan: Plan, sites: ReadonlyMap<string, SiteTotals>): string[] {
  const out: string[] = [];
  let kWh = 0;
  let greenKWh = 0;
  let supply = 0;
  for (const s of sites.values()) {
    kWh += s.kWh;
    greenKWh += s.greenKWh;
    supply += s.supplyKWh;
  }
  if (supply > 0) {
    out.push(`green electricity: ${mwh(greenKWh / 1000)} of ${mwh(kWh / 1000)} MWh used (${percent(kWh > 0 ? greenKWh / kWh : 0)}); ${mwh((supply - greenKWh) / 1000)} MWh of green supply not used`);
  }
  const pp = plan.policyPrices;
  const policy = sc.policy;
  const priced = (x: number | undefined, unit: string) => (x === undefined ? '' : `, price ${cnyPer(x)} ${unit}`);
  if (policy?.minGreenShare !== undefined) {
    out.push(`policy: green share ≥ ${percent(policy.minGreenShare)} of all energy: ${percent(kWh > 0 ? greenKWh / kWh : 0)}${priced(pp?.minGreenShare, 'CNY per percentage point')}`);
  }
  for (const site of sc.sites) {
    if (site.minGreenShare === undefined) continue;
    const s = sites.get(site.id)!;
    out.push(`policy: ${site.id} green share ≥ ${percent(site.minGreenShare)}: ${percent(s.kWh > 0 ? s.greenKWh / s.kWh : 0)}${priced(pp?.siteMinGreenShare?.[site.id], 'CNY per percentage point')}`);
  }
  if (policy?.carbonCapTonnes !== undefined) {
    const cb = plan.carbon!;
    const marginal = cb.signal === 'marginal';
    const used = marginal ? (cb.marginalTonnes ?? NaN) : cb.accounting === 'location' ? cb.locationTonnes : cb.marketTonnes;
    out.push(`policy: carbon cap ${tonnes(policy.carbonCapTonnes)} t (${marginal ? 'marginal' : `${cb.accounting}-based`}): ${tonnes(used)} t${priced(pp?.carbonCap, 'CNY per tonne')}`);
  }
  return out;
}

/** Eastern work placed at central and western clusters, and the largest of those flows. */
function eastWestLines(sc: Scenario, plan: Plan, topFlows: number): string[] {
  const { region: originRegion, inferred } = originRegions(sc);
  const demandById = new Map(sc.demands.map((d) => [d.id, d]));
  const siteRegion = new Map<string, Region>(sc.sites.map((x) => [x.id, x.region]));
  const flows = new Map<string, { from: string; to: string; cls: ComputeClass; amount: number }>();
  const at: Record<Region, number> = { east: 0, central: 0, west: 0 };
  for (const a of plan.assignments) {
    const d = demandById.get(a.demand);
    if (d === undefined || originRegion.get(d.origin) !== 'east') continue;
    const region = siteRegion.get(a.site);
    if (region === undefined) continue;
    at[region] += a.amount;
    if (region === 'east') continue;
    const key = `${d.origin}|${a.site}|${d.class}`;
    const f = flows.get(key) ?? { from: d.origin, to: a.site, cls: d.class, amount: 0 };
    f.amount += a.amount;
    flows.set(key, f);
  }
  const eastWork = at.east + at.central + at.west;
  const share = (x: number) => percent(eastWork > 0 ? x / eastWork : 0);
  const note =
    inferred === 0 ? '' : inferred === sc.origins.length ? ' (no origin has a region: each takes its nearest cluster\'s)' : ` (${count(inferred)} origins without a region take their nearest cluster's)`;
  const out = [`Eastern origins' work: ${share(at.west)} runs at western clusters, ${share(at.central)} at central ones, ${share(at.east)} in the east${note}`];
  if (eastWork === 0) return [...out, '  no work from eastern origins was placed'];
  const top = [...flows.values()].sort((a, b) => b.amount - a.amount).slice(0, topFlows);
  out.push(`Largest flows from eastern origins to central and western clusters`);
  out.push(top.length === 0 ? '  none' : table(['origin → cluster', 'class', 'unit-hours'], top.map((f) => [`${f.from} → ${f.to}`, f.cls, unitHours(f.amount)])));
  if (flows.size > top.length) out.push(`  … and ${count(flows.size - top.length)} smaller flows`);
  return out;
}

function unmetLines(sc: Scenario, plan: Plan, maxRows: number): string[] {
  if (plan.unmet.length === 0) return ['Unmet demand: none'];
  const demandById = new Map(sc.demands.map((d) => [d.id, d]));
  const byDemand = new Map<string, number>();
  for (const u of plan.unmet) byDemand.set(u.demand, (byDemand.get(u.demand) ?? 0) + u.amount);
  const sorted = [...byDemand].sort((a, b) => b[1] - a[1]);
  const { rows, more } = limitRows(sorted, maxRows, 'demands with unmet work');
  const out = [`Unmet demand: ${count(byDemand.size)} demand${byDemand.size === 1 ? '' : 's'}, ${cny(plan.costs?.unmet ?? 0)} CNY of penalty`];
  out.push(table(['demand', 'class', 'unit-hours'], rows.map(([id, amt]) => [id, demandById.get(id)?.class ?? '?', unitHours(amt)])));
  if (more) out.push(more);
  return out;
}
