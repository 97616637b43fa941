/**
 * Report lines of the data, algorithm and network rules: work kept in place by residency, dataset
 * copies, model replicas, and data moved on the backbone (TB per link and per east→west corridor).
 */
import { backboneRoutes, originHub } from '../scenario/backbone.js';
import type { Region, Scenario } from '../scenario/types.js';
import { cny, cnyPer, count, percent, unitHours } from './numbers.js';
import { limitRows, table } from './table.js';
import type { Plan } from './types.js';

const tb = (gb: number): string => (gb / 1000).toFixed(1);

/** The lines (empty when the scenario has none of these fields). */
export function dataLines(sc: Scenario, plan: Plan, maxRows: number): string[] {
  const out: string[] = [];
  const demandById = new Map(sc.demands.map((d) => [d.id, d]));

  // Residency: the work of demands with a residency rule, and where it ran.
  const resident = sc.demands.filter((d) => d.residency);
  if (resident.length > 0) {
    const kept = new Map<string, { amount: number; sites: Set<string> }>();
    for (const a of plan.assignments) {
      const d = demandById.get(a.demand);
      if (!d?.residency) continue;
      const k = kept.get(d.id) ?? { amount: 0, sites: new Set<string>() };
      k.amount += a.amount;
      k.sites.add(a.site);
      kept.set(d.id, k);
    }
    const rule = (r: NonNullable<Scenario['demands'][number]['residency']>) =>
      [r.regions && `regions ${r.regions.join('/')}`, r.hubs && `hubs ${r.hubs.join('/')}`, r.provinces && `provinces ${r.provinces.join('/')}`].filter(Boolean).join('; ');
    const total = [...kept.values()].reduce((a, k) => a + k.amount, 0);
    out.push('', `Residency: ${count(resident.length)} demand${resident.length === 1 ? '' : 's'} kept in place, ${unitHours(total)} unit-hours run only where their residency allows`);
    const { rows, more } = limitRows(resident, maxRows, 'demands with residency');
    out.push(table(['demand', 'residency', 'unit-hours', 'sites'], rows.map((d) => [d.id, rule(d.residency!), unitHours(kept.get(d.id)?.amount ?? 0), [...(kept.get(d.id)?.sites ?? [])].join(', ') || '—'])));
    if (more) out.push(more);
  }

  // Datasets: work that reads one, at its original or at a copy; the copies made.
  if (sc.datasets) {
    const copies = plan.datasetCopies ?? [];
    let atOriginal = 0;
    let atCopy = 0;
    const datasetById = new Map(sc.datasets.map((k) => [k.id, k]));
    for (const a of plan.assignments) {
      const k = demandById.get(a.demand)?.dataset;
      if (k === undefined) continue;
      if (datasetById.get(k)?.at.includes(a.site)) atOriginal += a.amount;
      else atCopy += a.amount;
    }
    out.push('', `Datasets: ${count(copies.length)} cop${copies.length === 1 ? 'y' : 'ies'} made, ${tb(copies.reduce((a, c) => a + c.sizeGB, 0))} TB, ${cny(plan.costs?.dataCopies ?? 0)} CNY; work reading a dataset: ${unitHours(atOriginal)} unit-hours where the data already is, ${unitHours(atCopy)} at copies (${percent(atOriginal + atCopy > 0 ? atCopy / (atOriginal + atCopy) : 0)} moved to the data's copy)`);
    const { rows, more } = limitRows(copies, maxRows, 'copies');
    if (rows.length > 0) out.push(table(['dataset', 'from → to', 'hour', 'TB', 'cost CNY'], rows.map((c) => [c.dataset, `${c.from} → ${c.site}`, count(c.hour), tb(c.sizeGB), cny(c.cost)])));
    if (more) out.push(more);
  }

  // Served models: replicas per model.
  if (sc.models) {
    const replicas = plan.modelReplicas ?? [];
    out.push('', `Served models: ${count(replicas.length)} replica${replicas.length === 1 ? '' : 's'} hosted for the whole horizon, ${cny(plan.costs?.modelLoads ?? 0)} CNY of load cost`);
    const rows = sc.models.map((m) => {
      const at = replicas.filter((r) => r.model === m.id);
      return [m.id, count(at.length), at.map((r) => r.site).join(', ') || '—', unitHours(m.reserveUnits), cny(at.length * m.loadCost)];
    });
    out.push(table(['model', 'replicas', 'sites', 'reserved per replica', 'load CNY'], rows));
  }

  // Backbone: TB per link direction, peak utilization, binding hours and price; east→west corridors.
  if (sc.backbone) {
    const loads = plan.backbone ?? [];
    const per = new Map<string, { gb: number; peak: number; binding: number; price: number }>();
    for (const b of loads) {
      const key = `${b.from} → ${b.to}`;
      const p = per.get(key) ?? { gb: 0, peak: 0, binding: 0, price: 0 };
      p.gb += b.trafficGB;
      p.peak = Math.max(p.peak, b.utilization);
      if (b.shadowPrice > 0) p.binding++;
      p.price += b.shadowPrice;
      per.set(key, p);
    }
    const stated = sc.origins.filter((o) => o.hub !== undefined).length;
    const note = stated === sc.origins.length ? '' : ` (${count(sc.origins.length - stated)} origins without a hub enter at their nearest cluster's hub)`;
    out.push('', `Backbone: ${tb(loads.reduce((a, b) => a + b.trafficGB, 0))} TB moved over ${count(per.size)} link directions${note}`);
    const sorted = [...per].sort((a, b) => b[1].gb - a[1].gb);
    const { rows, more } = limitRows(sorted, maxRows, 'link directions');
    if (rows.length > 0) out.push(table(['link', 'TB', 'peak utilization', 'binding hours', 'Σ shadow price CNY/Gbps'], rows.map(([k, p]) => [k, tb(p.gb), percent(p.peak), count(p.binding), cnyPer(p.price)])));
    if (more) out.push(more);
    out.push(...corridorLines(sc, plan, maxRows));
  }
  return out;
}

/** Data from eastern hubs to central and western hubs, by (entry hub → site hub), TB. */
function corridorLines(sc: Scenario, plan: Plan, maxRows: number): string[] {
  const hubRegion = new Map<string, Region>();
  for (const s of sc.sites) if (!hubRegion.has(s.hub)) hubRegion.set(s.hub, s.region);
  const demandById = new Map(sc.demands.map((d) => [d.id, d]));
  const siteById = new Map(sc.sites.map((s) => [s.id, s]));
  const entry = new Map(sc.origins.map((o) => [o.id, originHub(sc, o).hub]));
  const routes = backboneRoutes(sc);
  const corridors = new Map<string, number>();
  const add = (from: string | undefined, to: string | undefined, gb: number) => {
    if (from === undefined || to === undefined || from === to || hubRegion.get(from) !== 'east' || hubRegion.get(to) === 'east') return;
    const key = `${from} → ${to}`;
    corridors.set(key, (corridors.get(key) ?? 0) + gb);
  };
  for (const a of plan.assignments) {
    const d = demandById.get(a.demand);
    if (!d || !(d.dataGBPerUnit ?? 0)) continue;
    add(entry.get(d.origin), siteById.get(a.site)?.hub, (d.dataGBPerUnit ?? 0) * a.amount);
  }
  for (const c of plan.datasetCopies ?? []) add(siteById.get(c.from)?.hub, siteById.get(c.site)?.hub, c.sizeGB);
  const sorted = [...corridors].sort((a, b) => b[1] - a[1]);
  const out = [`East→west corridors (eastern entry hub → central or western hub): ${tb(sorted.reduce((a, [, gb]) => a + gb, 0))} TB`];
  const { rows, more } = limitRows(sorted, maxRows, 'corridors');
  if (rows.length > 0) out.push(table(['corridor', 'TB', 'route'], rows.map(([k, gb]) => {
    const [from, to] = k.split(' → ') as [string, string];
    return [k, tb(gb), routes.get(from)?.get(to)?.hubs.join(' – ') ?? '—'];
  })));
  else out.push('  none');
  if (more) out.push(more);
  return out;
}
