/**
 * The data, algorithm and network rows of the placement model (README "Datasets", "Served models",
 * "Backbone"), added to a built placement LP:
 * - a copy column y[k,s] ∈ {0,1} (cost sizeGB · transferPerGB) for each dataset k and site s outside
 *   `at` that a demand on k may use, and gate rows x[d,s,t] − M·y[k,s] ≤ 0;
 * - a replica column z[m,s] ∈ {0,1} (cost loadCost) per model and site with intelligent capacity,
 *   gate rows x − M·z ≤ 0, reserveUnits · z in the site's intelligent capacity row of every hour,
 *   and Σ_s z[m,s] ≥ minReplicas;
 * - backbone rows per link direction and hour: Σ dataGBPerUnit · x over the flows routed over it
 *   + sizeGB · y of the copies made over it in that hour ≤ 450 · capacityGbps.
 * M is the most the column can carry in that hour: min(amount (or window total, maxPerHour),
 * capacity · maxUtilization).
 */
import { backboneRoutes, originHub, type HubRoute } from '../scenario/backbone.js';
import { valueAt } from '../scenario/hourly.js';
import type { Scenario } from '../scenario/types.js';
import { addRow, type ColumnMeaning, type LpModel } from './lp-model.js';

/** Appends a 0/1 column and returns its index. */
function addBinary(m: LpModel, cost: number, meaning: ColumnMeaning): number {
  m.cols.push({ cost, ub: 1, meaning, integer: true });
  return m.cols.length - 1;
}

/** Hour in which a copy of dataset `k` is counted on the backbone: max(0, t₀ − 1), t₀ its first demand hour. */
export function copyHour(sc: Scenario, datasetId: string): number {
  let t0 = Infinity;
  for (const d of sc.demands) {
    if (d.dataset !== datasetId) continue;
    if (d.window) t0 = Math.min(t0, d.window.release);
    else {
      for (let t = 0; t < sc.horizonHours; t++) {
        if (valueAt(d.amount, t) > 0) {
          t0 = Math.min(t0, t);
          break;
        }
      }
    }
  }
  return t0 === Infinity ? 0 : Math.max(0, t0 - 1);
}

/**
 * The site a copy of dataset `at` sites comes from for target site `s`: the one whose hub has the
 * least-latency backbone route to s's hub (ties: first in `at`); without a backbone, the first.
 */
export function copySource(sc: Scenario, at: readonly string[], target: number, routes: Map<string, Map<string, HubRoute>> | undefined): { site: number; route: HubRoute | undefined } {
  const sIdx = new Map(sc.sites.map((x, i) => [x.id, i]));
  const hub = sc.sites[target]!.hub;
  let best = -1;
  let bestRoute: HubRoute | undefined;
  for (const id of at) {
    const s = sIdx.get(id)!;
    const r = routes?.get(sc.sites[s]!.hub)?.get(hub);
    if (routes && !r) continue;
    if (best < 0 || (r && bestRoute && r.latencyMs < bestRoute.latencyMs - 1e-9)) [best, bestRoute] = [s, r];
  }
  return { site: best < 0 ? sIdx.get(at[0]!)! : best, route: bestRoute };
}

/** Whether the scenario has any of the fields this module turns into rows. */
export function hasDataRows(sc: Scenario): boolean {
  return sc.backbone !== undefined || sc.demands.some((d) => d.dataset !== undefined || d.model !== undefined) || (sc.models ?? []).some((m) => (m.minReplicas ?? 0) > 0);
}

/** Adds the copy, replica, gate and backbone columns and rows to `m` (built by the placement formulation). */
export function addDataRows(sc: Scenario, m: LpModel): void {
  if (!hasDataRows(sc)) return;
  const H = sc.horizonHours;
  const mu = sc.policy?.maxUtilization ?? 1;
  const nS = sc.sites.length;
  const datasets = sc.datasets ?? [];
  const models = sc.models ?? [];
  const kIdx = new Map(datasets.map((k, i) => [k.id, i]));
  const mIdx = new Map(models.map((x, i) => [x.id, i]));
  const oIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
  const routes = sc.backbone ? backboneRoutes(sc) : undefined;
  const entryHub = sc.origins.map((o) => originHub(sc, o).hub);

  const bb = new Map<string, { link: number; reverse: boolean; hour: number; cols: number[]; coefs: number[] }>();
  const onRoute = (route: HubRoute | undefined, hour: number, col: number, gb: number) => {
    if (!route || gb === 0) return;
    for (const u of route.uses) {
      const key = `${u.link}|${u.reverse ? 1 : 0}|${hour}`;
      let r = bb.get(key);
      if (!r) bb.set(key, (r = { link: u.link, reverse: u.reverse, hour, cols: [], coefs: [] }));
      r.cols.push(col);
      r.coefs.push(gb);
    }
  };

  const copyCol = new Map<number, number>(); // k · nS + s
  const replicaCol = new Map<number, number>(); // model · nS + s
  const replica = (mi: number, s: number): number => {
    const key = mi * nS + s;
    let c = replicaCol.get(key);
    if (c === undefined) {
      c = addBinary(m, models[mi]!.loadCost, { kind: 'host', model: mi, site: s });
      replicaCol.set(key, c);
    }
    return c;
  };
  // Replicas that minReplicas may need: every site with intelligent capacity.
  models.forEach((x, mi) => {
    if ((x.minReplicas ?? 0) > 0) sc.sites.forEach((site, s) => site.capacity.intelligent !== undefined && replica(mi, s));
  });

  const nCols = m.cols.length;
  for (let j = 0; j < nCols; j++) {
    const mean = m.cols[j]!.meaning;
    if (mean.kind !== 'x') continue;
    const d = sc.demands[mean.demand]!;
    const site = sc.sites[mean.site]!;
    const t = mean.hour;
    const gb = d.dataGBPerUnit ?? 0;
    if (routes && gb > 0) onRoute(routes.get(entryHub[oIdx.get(d.origin)!]!)?.get(site.hub), t, j, gb);
    if (d.dataset === undefined && d.model === undefined) continue;
    const cap = valueAt(site.capacity[d.class]!, t) * mu;
    const most = Math.min(cap, d.window ? Math.min(d.amount as number, d.window.maxPerHour ?? Infinity) : valueAt(d.amount, t));
    if (d.dataset !== undefined) {
      const ki = kIdx.get(d.dataset)!;
      const k = datasets[ki]!;
      if (!k.at.includes(site.id)) {
        const key = ki * nS + mean.site;
        let y = copyCol.get(key);
        if (y === undefined) {
          y = addBinary(m, k.sizeGB * sc.prices.transferPerGB, { kind: 'copy', dataset: ki, site: mean.site });
          copyCol.set(key, y);
          if (routes) onRoute(copySource(sc, k.at, mean.site, routes).route, copyHour(sc, k.id), y, k.sizeGB);
        }
        addRow(m, { cols: [j, y], coefs: [1, -most], lb: -Infinity, ub: 0, meaning: { kind: 'gate', demand: mean.demand, site: mean.site, hour: t } });
      }
    }
    if (d.model !== undefined) {
      const z = replica(mIdx.get(d.model)!, mean.site);
      addRow(m, { cols: [j, z], coefs: [1, -most], lb: -Infinity, ub: 0, meaning: { kind: 'gate', demand: mean.demand, site: mean.site, hour: t } });
    }
  }

  // Reservations: reserveUnits · z in the intelligent capacity row of every hour (a row is added
  // where no work could use the site that hour).
  if (replicaCol.size > 0) {
    const capRow = new Map<number, number>(); // s · H + t
    m.rows.forEach((r, i) => {
      if (r.meaning.kind === 'capacity' && r.meaning.cls === 'intelligent') capRow.set(r.meaning.site * H + r.meaning.hour, i);
    });
    for (const [key, z] of replicaCol) {
      const s = key % nS;
      const units = models[(key - s) / nS]!.reserveUnits;
      if (units === 0) continue;
      for (let t = 0; t < H; t++) {
        const i = capRow.get(s * H + t);
        if (i !== undefined) {
          m.rows[i]!.cols.push(z);
          m.rows[i]!.coefs.push(units);
        } else {
          const cap = valueAt(sc.sites[s]!.capacity.intelligent!, t) * mu;
          capRow.set(s * H + t, addRow(m, { cols: [z], coefs: [units], lb: -Infinity, ub: cap, meaning: { kind: 'capacity', site: s, cls: 'intelligent', hour: t } }));
        }
      }
    }
    models.forEach((x, mi) => {
      const need = x.minReplicas ?? 0;
      if (need <= 0) return;
      const cols = [...replicaCol].filter(([key]) => Math.floor(key / nS) === mi).map(([, c]) => c);
      addRow(m, { cols, coefs: cols.map(() => 1), lb: need, ub: Infinity, meaning: { kind: 'minReplicas', model: mi } });
    });
  }

  for (const r of bb.values()) {
    const l = sc.backbone!.links[r.link]!;
    addRow(m, { cols: r.cols, coefs: r.coefs, lb: -Infinity, ub: 450 * l.capacityGbps, meaning: { kind: 'backbone', link: r.link, reverse: r.reverse, hour: r.hour } });
  }
}
