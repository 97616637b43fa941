/** A readable text report of a Plan: per hub and cluster, flows, unmet demand, capacity prices. */
import { COMPUTE_CLASSES, type ComputeClass, type Scenario } from '../scenario/types.js';
import { recomputePlanTotals } from './recompute.js';
import type { Plan } from './types.js';

/** Options of `formatPlan`. */
export interface ReportOptions {
  /** How many of the largest east→west flows to list. @default 10 */
  readonly topFlows?: number;
}

const CLASS_UNIT: Record<ComputeClass, string> = { general: 'rack-h', intelligent: 'PF16-h', super: 'PF64-h' };

function num(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Left-aligned first column, right-aligned others. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The plan as text for a terminal: what runs where, what it costs, what capacity is worth. */
export function formatPlan(sc: Scenario, plan: Plan, options: ReportOptions = {}): string {
  const topFlows = options.topFlows ?? 10;
  const out: string[] = [];
  const s = plan.solver;
  out.push(`suanflow plan — ${plan.scenario}: ${sc.sites.length} clusters, ${sc.origins.length} origins, ${sc.demands.length} demands, ${plan.horizonHours} h`);
  out.push(`status: ${plan.status} (${plan.message})`);
  out.push(`solver: ${s.backend}, ${num(s.ms)} ms, ${num(s.variables)} variables × ${num(s.constraints)} constraints (${s.reason})`);
  if (plan.presolve.merged > 0) out.push(`presolve: ${plan.presolve.demands} demands solved as ${plan.presolve.solved} (identical ones merged, split back in the plan)`);
  if (plan.objective === null || plan.costs === null || plan.carbon === null) {
    for (const c of plan.conflicts) out.push(`  conflict: ${c.message}`);
    return out.join('\n');
  }
  const c = plan.costs;
  out.push('');
  out.push(`total cost: ${num(plan.objective)} CNY = compute ${num(c.compute)} + energy ${num(c.energy)} + transfer ${num(c.transfer)} + carbon ${num(c.carbon)} + unmet ${num(c.unmet)}`);
  out.push(`carbon: ${num(plan.carbon.marketTonnes, 1)} t market-based, ${num(plan.carbon.locationTonnes, 1)} t location-based (price and cap use ${plan.carbon.accounting}-based)`);

  // Per cluster: load by class, utilization, cost and carbon of the work placed there.
  const H = plan.horizonHours;
  const rows: string[][] = [];
  const sitesByHub = [...sc.sites].sort((a, b) => a.hub.localeCompare(b.hub) || a.id.localeCompare(b.id));
  for (const site of sitesByHub) {
    const mine = plan.assignments.filter((a) => a.site === site.id);
    const totals = recomputePlanTotals(sc, mine, []);
    const cells = COMPUTE_CLASSES.map((cls) => {
      const u = plan.utilization.filter((x) => x.site === site.id && x.class === cls);
      if (u.length === 0) return '—';
      const used = u.reduce((a, x) => a + x.used, 0);
      const cap = u.reduce((a, x) => a + x.capacity, 0);
      return `${num(used)} (${cap > 0 ? num((100 * used) / cap) : '0'}%)`;
    });
    const cost = totals.costs.compute + totals.costs.energy + totals.costs.transfer + totals.costs.carbon;
    rows.push([site.hub, site.id, site.region, ...cells, num(cost), num(totals.carbon.marketTonnes, 1), num(totals.carbon.locationTonnes, 1)]);
  }
  out.push('');
  out.push(`Load per cluster over ${H} h: unit-hours (mean utilization of usable capacity)`);
  out.push(
    table(
      ['hub', 'cluster', 'region', ...COMPUTE_CLASSES.map((k) => `${k} ${CLASS_UNIT[k]}`), 'cost CNY', 'tCO2 mkt', 'tCO2 loc'],
      rows,
    ),
  );

  // East → west: work from eastern origins served in the west (and central) clusters.
  const originRegion = new Map(sc.origins.map((o) => [o.id, o.region]));
  const demandById = new Map(sc.demands.map((d) => [d.id, d]));
  const siteById = new Map(sc.sites.map((x) => [x.id, x]));
  const flows = new Map<string, { from: string; to: string; cls: ComputeClass; amount: number }>();
  let eastWork = 0;
  let eastToWest = 0;
  for (const a of plan.assignments) {
    const d = demandById.get(a.demand)!;
    if (originRegion.get(d.origin) !== 'east') continue;
    eastWork += a.amount;
    const region = siteById.get(a.site)!.region;
    if (region === 'east') continue;
    if (region === 'west') eastToWest += a.amount;
    const key = `${d.origin}|${a.site}|${d.class}`;
    const f = flows.get(key) ?? { from: d.origin, to: a.site, cls: d.class, amount: 0 };
    f.amount += a.amount;
    flows.set(key, f);
  }
  const top = [...flows.values()].sort((a, b) => b.amount - a.amount).slice(0, topFlows);
  out.push('');
  out.push(`Largest flows from eastern origins to central/western clusters (${num(eastWork > 0 ? (100 * eastToWest) / eastWork : 0, 1)}% of eastern work runs in the west)`);
  out.push(top.length === 0 ? '  none' : table(['origin → cluster', 'class', 'unit-hours'], top.map((f) => [`${f.from} → ${f.to}`, f.cls, num(f.amount)])));

  out.push('');
  if (plan.unmet.length === 0) out.push('Unmet demand: none');
  else {
    out.push(`Unmet demand: ${num(c.unmet)} CNY of penalty`);
    const byDemand = new Map<string, number>();
    for (const u of plan.unmet) byDemand.set(u.demand, (byDemand.get(u.demand) ?? 0) + u.amount);
    out.push(table(['demand', 'class', 'unit-hours'], [...byDemand].sort((a, b) => b[1] - a[1]).map(([id, amt]) => [id, demandById.get(id)!.class, num(amt, 1)])));
  }

  // Shadow prices: what one more nominal unit of capacity would save, per cluster and class.
  const priceRows: string[][] = [];
  for (const site of sitesByHub) {
    for (const cls of COMPUTE_CLASSES) {
      const u = plan.utilization.filter((x) => x.site === site.id && x.class === cls);
      if (u.length === 0) continue;
      const binding = u.filter((x) => x.shadowPrice > 1e-9);
      const max = Math.max(0, ...u.map((x) => x.shadowPrice));
      const mean = u.reduce((a, x) => a + x.shadowPrice, 0) / u.length;
      priceRows.push([site.id, cls, num(mean, 2), num(max, 2), `${binding.length}/${u.length}`]);
    }
  }
  out.push('');
  out.push('Shadow price of capacity (CNY saved per extra nominal unit-hour)');
  out.push(table(['cluster', 'class', 'mean', 'max', 'binding hours'], priceRows));
  return out.join('\n');
}
