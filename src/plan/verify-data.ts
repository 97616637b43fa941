/**
 * The verifier's checks of residency, dataset copies, model replicas and backbone loads, and its
 * own sums of their cost terms (README "Datasets", "Served models", "Backbone"). Reads only the
 * scenario and the plan (the fixed routing of the backbone is scenario data: scenario/backbone.ts);
 * never the model or the solver.
 */
import { backboneRoutes, originHub } from '../scenario/backbone.js';
import { valueAt } from '../scenario/hourly.js';
import type { Scenario } from '../scenario/types.js';
import type { Plan } from './types.js';
import type { Violation } from './verify.js';

const fmt = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(10))) : String(v));

/** Comparisons of the verifier (its tolerance). */
export interface Compare {
  readonly eq: (a: number, b: number) => boolean;
  readonly leq: (a: number, b: number) => boolean;
}

/** First hour a dataset's work may run (window release, or first hour with amount > 0). */
function firstNeed(sc: Scenario, dataset: string): number {
  let t0 = Infinity;
  for (const d of sc.demands) {
    if (d.dataset !== dataset) continue;
    const first = d.window ? d.window.release : Array.from({ length: sc.horizonHours }, (_, t) => t).find((t) => valueAt(d.amount, t) > 0) ?? Infinity;
    if (first < t0) t0 = first;
  }
  return t0;
}

/**
 * Checks the plan's residency, copies, replicas and backbone loads; pushes violations and returns
 * the copy and load costs it recomputes (CNY), which belong to the objective.
 */
export function verifyDataRules(sc: Scenario, plan: Plan, cmp: Compare, full: boolean, push: (v: Violation) => void): { dataCopies: number; modelLoads: number } {
  const H = sc.horizonHours;
  const mu = sc.policy?.maxUtilization ?? 1;
  const siteById = new Map(sc.sites.map((s) => [s.id, s]));
  const datasetById = new Map((sc.datasets ?? []).map((k) => [k.id, k]));
  const modelById = new Map((sc.models ?? []).map((m) => [m.id, m]));
  const copies = plan.datasetCopies ?? [];
  const replicas = plan.modelReplicas ?? [];

  // ---- Copies: each one well formed, priced, timed; at most one per dataset and site.
  const copyAt = new Set<string>();
  let dataCopies = 0;
  copies.forEach((c, i) => {
    const where = `datasetCopies[${i}]`;
    const k = datasetById.get(c.dataset);
    if (!k || !siteById.has(c.site)) {
      push({ rule: 'dataset-copy', message: `${where} names ${k ? `unknown site "${c.site}"` : `unknown dataset "${c.dataset}"`}`, site: c.site });
      return;
    }
    const key = `${c.dataset}\u0000${c.site}`;
    if (copyAt.has(key)) push({ rule: 'dataset-copy', message: `${where} repeats the copy of dataset "${c.dataset}" at site "${c.site}"`, site: c.site });
    copyAt.add(key);
    if (!k.at.includes(c.from)) push({ rule: 'dataset-copy', message: `${where}: a copy of "${k.id}" must come from a site in its "at" list, not "${c.from}"`, site: c.site });
    const hour = Math.max(0, Math.min(H, firstNeed(sc, k.id)) - 1);
    if (c.hour !== (firstNeed(sc, k.id) === Infinity ? 0 : hour)) push({ rule: 'dataset-copy', message: `${where}: hour ${c.hour}, but the copy of "${k.id}" is counted in hour ${hour} (the hour before its first demand hour, or 0)`, site: c.site });
    if (!cmp.eq(c.sizeGB, k.sizeGB)) push({ rule: 'dataset-copy', message: `${where}: sizeGB ${fmt(c.sizeGB)} differs from the dataset's ${fmt(k.sizeGB)}`, site: c.site });
    const cost = k.sizeGB * sc.prices.transferPerGB;
    if (!cmp.eq(c.cost, cost)) push({ rule: 'dataset-copy', message: `${where}: cost ${fmt(c.cost)} differs from sizeGB × transferPerGB = ${fmt(cost)}`, site: c.site });
    dataCopies += cost;
  });

  // ---- Replicas: well formed, priced; minReplicas.
  const hosted = new Map<string, number>(); // site → reserved units
  const replicaAt = new Set<string>();
  let modelLoads = 0;
  replicas.forEach((r, i) => {
    const where = `modelReplicas[${i}]`;
    const m = modelById.get(r.model);
    const site = siteById.get(r.site);
    if (!m || !site) {
      push({ rule: 'model-replica', message: `${where} names ${m ? `unknown site "${r.site}"` : `unknown model "${r.model}"`}`, site: r.site });
      return;
    }
    const key = `${r.model}\u0000${r.site}`;
    if (replicaAt.has(key)) push({ rule: 'model-replica', message: `${where} repeats the replica of "${r.model}" at "${r.site}"`, site: r.site });
    replicaAt.add(key);
    if (site.capacity.intelligent === undefined) push({ rule: 'model-replica', message: `${where}: site "${r.site}" has no intelligent capacity to host "${r.model}"`, site: r.site });
    if (!cmp.eq(r.loadCost, m.loadCost)) push({ rule: 'model-replica', message: `${where}: loadCost ${fmt(r.loadCost)} differs from the model's ${fmt(m.loadCost)}`, site: r.site });
    if (!cmp.eq(r.reservedUnits, m.reserveUnits)) push({ rule: 'model-replica', message: `${where}: reservedUnits ${fmt(r.reservedUnits)} differs from the model's reserveUnits ${fmt(m.reserveUnits)}`, site: r.site });
    hosted.set(r.site, (hosted.get(r.site) ?? 0) + m.reserveUnits);
    modelLoads += m.loadCost;
  });
  for (const m of sc.models ?? []) {
    const n = replicas.filter((r) => r.model === m.id).length;
    if (n < (m.minReplicas ?? 0)) push({ rule: 'min-replicas', message: `model "${m.id}" is hosted at ${n} sites, fewer than its minReplicas ${m.minReplicas}` });
  }

  // ---- Per assignment: residency, copy present, replica present; intelligent use and traffic.
  const routes = sc.backbone ? backboneRoutes(sc) : undefined;
  const entry = routes ? new Map(sc.origins.map((o) => [o.id, originHub(sc, o).hub])) : undefined;
  const traffic = new Map<string, number>(); // `${link}|${dir}|${t}`
  const addTraffic = (from: string | undefined, to: string | undefined, t: number, gb: number) => {
    if (!routes || from === undefined || to === undefined || from === to || gb === 0) return;
    const r = routes.get(from)?.get(to);
    if (!r) {
      push({ rule: 'backbone', message: `no backbone route from hub ${from} to hub ${to} for ${fmt(gb)} GB in hour ${t}`, hour: t });
      return;
    }
    for (const u of r.uses) {
      const key = `${u.link}|${u.reverse ? 1 : 0}|${t}`;
      traffic.set(key, (traffic.get(key) ?? 0) + gb);
    }
  };
  const intelligentUse = new Map<string, number>(); // `${site}|${t}`
  // Only residency, datasets, models, hosted replicas and the backbone need the pass over assignments.
  const perAssignment = routes !== undefined || hosted.size > 0 || sc.demands.some((d) => d.residency !== undefined || d.dataset !== undefined || d.model !== undefined);
  const demandById = perAssignment ? new Map(sc.demands.map((d) => [d.id, d])) : new Map<string, Scenario['demands'][number]>();
  if (perAssignment) plan.assignments.forEach((a, i) => {
    const d = demandById.get(a.demand);
    const site = siteById.get(a.site);
    if (!d || !site || !(a.amount > 0)) return;
    const at = { demand: d.id, site: site.id, hour: a.hour };
    const r = d.residency;
    if (r) {
      const bad = (r.regions && !r.regions.includes(site.region) && `region ${site.region}`) || (r.hubs && !r.hubs.includes(site.hub) && `hub ${site.hub}`) || (r.provinces && !(site.province !== undefined && r.provinces.includes(site.province)) && `province ${site.province ?? '(none)'}`);
      if (bad) push({ rule: 'residency', message: `assignments[${i}]: site "${site.id}" (${bad}) is outside the residency of demand "${d.id}"`, ...at });
    }
    if (d.dataset !== undefined) {
      const k = datasetById.get(d.dataset);
      if (k && !k.at.includes(site.id) && !copyAt.has(`${k.id}\u0000${site.id}`)) {
        push({ rule: 'dataset-copy', message: `assignments[${i}]: demand "${d.id}" reads dataset "${k.id}" at site "${site.id}", which neither holds nor receives a copy`, ...at });
      }
    }
    if (d.model !== undefined && !replicaAt.has(`${d.model}\u0000${site.id}`)) {
      push({ rule: 'model-replica', message: `assignments[${i}]: demand "${d.id}" is served at site "${site.id}", which hosts no replica of model "${d.model}"`, ...at });
    }
    if (d.class === 'intelligent' && hosted.size > 0) intelligentUse.set(`${site.id}|${a.hour}`, (intelligentUse.get(`${site.id}|${a.hour}`) ?? 0) + a.amount);
    if ((d.dataGBPerUnit ?? 0) > 0 && entry) addTraffic(entry.get(d.origin), site.hub, a.hour, (d.dataGBPerUnit ?? 0) * a.amount);
  });
  for (const c of copies) addTraffic(siteById.get(c.from)?.hub, siteById.get(c.site)?.hub, c.hour, c.sizeGB);

  // ---- Reservations in intelligent capacity, every hour.
  for (const [s, units] of hosted) {
    const site = siteById.get(s)!;
    const cap = site.capacity.intelligent;
    if (cap === undefined) continue;
    for (let t = 0; t < H; t++) {
      const used = (intelligentUse.get(`${s}|${t}`) ?? 0) + units;
      const limit = valueAt(cap, t) * mu;
      if (!cmp.leq(used, limit)) push({ rule: 'replica-capacity', message: `site "${s}" hour ${t}: ${fmt(used)} intelligent units used incl. ${fmt(units)} reserved by replicas, over the usable ${fmt(limit)}`, site: s, hour: t });
    }
  }

  // ---- Backbone capacity per direction and hour; the plan's rows (full mode).
  const links = sc.backbone?.links ?? [];
  for (const [key, gb] of traffic) {
    const [li, dir, t] = key.split('|').map(Number) as [number, number, number];
    const l = links[li]!;
    const limit = 450 * l.capacityGbps;
    if (!cmp.leq(gb, limit)) push({ rule: 'backbone', message: `backbone ${dir ? l.to : l.from} → ${dir ? l.from : l.to} hour ${t}: ${fmt(gb)} GB, over ${fmt(limit)} GB (450 · ${fmt(l.capacityGbps)} Gbps)`, hour: t });
  }
  if (full && sc.backbone) {
    const seen = new Set<string>();
    (plan.backbone ?? []).forEach((row, i) => {
      const li = links.findIndex((l) => (l.from === row.from && l.to === row.to) || (l.from === row.to && l.to === row.from));
      if (li < 0) {
        push({ rule: 'backbone', message: `backbone[${i}] names no link between hubs ${row.from} and ${row.to}`, hour: row.hour });
        return;
      }
      const l = links[li]!;
      const key = `${li}|${l.from === row.from ? 0 : 1}|${row.hour}`;
      seen.add(key);
      const gb = traffic.get(key) ?? 0;
      if (!cmp.eq(row.trafficGB, gb)) push({ rule: 'backbone', message: `backbone[${i}] ${row.from} → ${row.to} hour ${row.hour}: trafficGB ${fmt(row.trafficGB)} differs from the recomputed ${fmt(gb)}`, hour: row.hour });
      if (!cmp.eq(row.capacityGB, 450 * l.capacityGbps)) push({ rule: 'backbone', message: `backbone[${i}]: capacityGB ${fmt(row.capacityGB)} differs from 450 · ${fmt(l.capacityGbps)}`, hour: row.hour });
      const u = l.capacityGbps > 0 ? gb / (450 * l.capacityGbps) : 0;
      if (!cmp.eq(row.utilization, u)) push({ rule: 'backbone', message: `backbone[${i}]: utilization ${fmt(row.utilization)} differs from traffic / capacity ${fmt(u)}`, hour: row.hour });
      if (!(Number.isFinite(row.shadowPrice) && row.shadowPrice >= 0)) push({ rule: 'backbone', message: `backbone[${i}]: shadowPrice ${String(row.shadowPrice)} must be a finite number ≥ 0`, hour: row.hour });
    });
    for (const [key, gb] of traffic) {
      if (seen.has(key) || cmp.eq(gb, 0)) continue;
      const [li, dir, t] = key.split('|').map(Number) as [number, number, number];
      const l = links[li]!;
      push({ rule: 'backbone', message: `backbone row ${dir ? l.to : l.from} → ${dir ? l.from : l.to} hour ${t} is missing (${fmt(gb)} GB recomputed)`, hour: t });
    }
  }
  if (full && plan.costs) {
    if (sc.datasets && !cmp.eq(plan.costs.dataCopies ?? NaN, dataCopies)) push({ rule: 'costs', message: `plan.costs.dataCopies ${String(plan.costs.dataCopies)} differs from the recomputed ${fmt(dataCopies)}` });
    if (sc.models && !cmp.eq(plan.costs.modelLoads ?? NaN, modelLoads)) push({ rule: 'costs', message: `plan.costs.modelLoads ${String(plan.costs.modelLoads)} differs from the recomputed ${fmt(modelLoads)}` });
  }
  return { dataCopies, modelLoads };
}
