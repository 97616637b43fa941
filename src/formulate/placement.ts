/**
 * Scenario → placement LP (DESIGN.md §3). Columns exist only where latency, allowed sites and
 * class capacity allow, which prunes most demand × site × hour triples.
 */
import { LATENCY_EPS_MS } from '../geo/haversine.js';
import { valueAt, valueAtOr0 } from '../scenario/hourly.js';
import { COMPUTE_CLASSES, type ComputeClass, type ReplicaScope, type Scenario, type Site } from '../scenario/types.js';
import { addColumn, addRow, type LpModel } from './lp-model.js';
import { linksByPair, replicaGroupOf, replicasOf, unmetPenaltyOf } from '../scenario/lookups.js';
import { runSteps, runStepsAsync, type Pause } from './steps.js';
import { residencyAllows } from '../scenario/residency.js';
import { addDataRows } from './data-rows.js';
import { pricedCarbon } from '../scenario/carbon-signal.js';

/** Energy of one unit of `cls` at `site` for one hour, kWh: PUE × kW per unit (DESIGN.md §3). */
export function unitEnergyKWh(site: Site, cls: ComputeClass): number {
  return site.pue * (site.powerKW[cls] ?? 0);
}

/**
 * Objective coefficient of one unit of `cls` at `site` in hour `t`, CNY: unit cost + energy +
 * transfer (`dataGB` per unit at `perGB`) + carbon on all its energy at the scenario's price (with
 * market accounting the g column credits the green part back).
 */
export function unitCostAt(sc: Scenario, site: Site, cls: ComputeClass, t: number, dataGB: number, perGB: number): number {
  const kWh = unitEnergyKWh(site, cls);
  return (site.unitCost[cls] ?? 0) + kWh * valueAt(site.electricityPrice, t) + dataGB * perGB + (sc.prices.carbonPerTonne * kWh * valueAt(pricedCarbon(sc, site), t)) / 1000;
}

/** Effective latency origin × site: link override where given, else the geographic matrix. */
export function pairLatencies(sc: Scenario, geo: Float64Array): Float64Array {
  const out = Float64Array.from(geo);
  for (const [pair, l] of linksByPair(sc)) if (l.latencyMs !== undefined) out[pair] = l.latencyMs;
  return out;
}

/** Site indices that may serve demand `d` from origin index `o` (latency, allowed sites, residency, class offered). */
export function usableSites(sc: Scenario, latency: Float64Array, d: number, o: number): number[] {
  const dem = sc.demands[d]!;
  const nS = sc.sites.length;
  const allowed = dem.allowedSites ? new Set(dem.allowedSites) : undefined;
  const limit = dem.maxLatencyMs + LATENCY_EPS_MS;
  const out: number[] = [];
  for (let s = 0; s < nS; s++) {
    const site = sc.sites[s]!;
    if (site.capacity[dem.class] === undefined || (allowed && !allowed.has(site.id)) || !residencyAllows(dem.residency, site)) continue;
    if (latency[o * nS + s]! <= limit) out.push(s);
  }
  return out;
}

/**
 * Group rows of a replicated demand (issue 16): for each group g of its scope, Σ_{s∈g} y ≤ amount
 * (per hour; `hour` null: summed over the window), so that no group holds more than one copy.
 */
function addGroupRows(m: LpModel, sc: Scenario, d: number, scope: ReplicaScope, cols: readonly number[], colSite: ReadonlyMap<number, number>, amount: number, hour: number | null): void {
  const byGroup = new Map<string, { first: number; cols: number[] }>();
  for (const c of cols) {
    const s = colSite.get(c)!;
    const g = replicaGroupOf(sc.sites[s]!, scope);
    const e = byGroup.get(g);
    if (e) e.cols.push(c);
    else byGroup.set(g, { first: s, cols: [c] });
  }
  for (const [group, e] of byGroup) {
    addRow(m, { cols: e.cols, coefs: e.cols.map(() => 1), lb: -Infinity, ub: amount, meaning: { kind: 'replicaGroup', demand: d, group, firstSite: e.first, hour } });
  }
}

/** Whether the model needs explicit green-energy columns (only then can green supply matter). */
function needsGreenColumns(sc: Scenario): boolean {
  const p = sc.policy ?? {};
  const market = (p.carbonAccounting ?? 'market') === 'market';
  return (market && (sc.prices.carbonPerTonne > 0 || p.carbonCapTonnes !== undefined)) || (p.minGreenShare ?? 0) > 0;
}

/**
 * Builds the LP. `latency` is origin-major (origins × sites) with link overrides applied.
 * Row and column names are index based (`x_d_s_t`) so they are valid in CPLEX LP files
 * whatever characters the ids hold.
 */
export function formulatePlacement(sc: Scenario, latency: Float64Array): LpModel {
  return runSteps(placementSteps(sc, latency));
}

/**
 * The same LP, built in chunks: `pause` is awaited every few hundred demands and every few thousand
 * rows, so that a caller can yield to the event loop and stop at a deadline or an abort (by throwing
 * from `pause`).
 */
export function formulatePlacementAsync(sc: Scenario, latency: Float64Array, pause: Pause): Promise<LpModel> {
  return runStepsAsync(placementSteps(sc, latency), pause);
}

/** Columns built between two yields of the formulation (besides one yield per 128 demands). */
const YIELD_COLUMNS = 8192;

/** The formulation as a generator that yields between chunks of work (see `formulatePlacementAsync`). */
function* placementSteps(sc: Scenario, latency: Float64Array): Generator<void, LpModel> {
  const m: LpModel = { name: 'suanflow', cols: [], rows: [] };
  const H = sc.horizonHours;
  const policy = sc.policy ?? {};
  const mu = policy.maxUtilization ?? 1;
  const allowUnmet = policy.allowUnmet ?? true;
  const market = (policy.carbonAccounting ?? 'market') === 'market';
  const cp = sc.prices.carbonPerTonne;
  const nS = sc.sites.length;
  const oIdx = new Map(sc.origins.map((o, i) => [o.id, i]));

  const linkAt = linksByPair(sc);
  const linkIndex = new Map((sc.links ?? []).map((l, i) => [l, i]));

  // Energy terms per site-hour (column, kWh per unit) are needed only by green and policy rows.
  const greenGlobal = needsGreenColumns(sc);
  const needEnergy = greenGlobal || policy.carbonCapTonnes !== undefined || sc.sites.some((x) => (x.minGreenShare ?? 0) > 0);
  const energyTerms: { cols: number[]; coefs: number[] }[] = needEnergy ? Array.from({ length: nS * H }, () => ({ cols: [], coefs: [] })) : [];
  // Columns using each site-class-hour's capacity, at index (s · 3 + class) · H + t.
  const NC = COMPUTE_CLASSES.length;
  const capUsers: (number[] | undefined)[] = new Array(nS * NC * H);
  const bwTerms = new Map<string, { link: number; hour: number; cap: number; cols: number[]; coefs: number[] }>();

  let nextYield = YIELD_COLUMNS;
  for (let d = 0; d < sc.demands.length; d++) {
    if ((d & 127) === 127) yield;
    const dem = sc.demands[d]!;
    const o = oIdx.get(dem.origin)!;
    const data = dem.dataGBPerUnit ?? 0;
    const sites = usableSites(sc, latency, d, o);
    const ci = COMPUTE_CLASSES.indexOf(dem.class);
    const hours: number[] = [];
    if (dem.window) for (let t = dem.window.release; t < dem.window.deadline; t++) hours.push(t);
    else for (let t = 0; t < H; t++) if (valueAt(dem.amount, t) > 0) hours.push(t);

    const hourCols = new Map<number, number[]>();
    // Replicated demand: the site of each column, for the group rows below.
    const { k, scope } = replicasOf(dem);
    const colSite = k > 1 ? new Map<number, number>() : undefined;
    for (const t of hours) {
      // Long horizons put many columns into one demand: yield every few thousand columns too.
      if (m.cols.length >= nextYield) {
        nextYield = m.cols.length + YIELD_COLUMNS;
        yield;
      }
      const cols: number[] = [];
      for (const s of sites) {
        const site = sc.sites[s]!;
        const cap = valueAt(site.capacity[dem.class]!, t);
        if (cap <= 0) continue;
        const kWh = unitEnergyKWh(site, dem.class);
        const l = linkAt.get(o * nS + s);
        const perGB = l?.costPerGB ?? sc.prices.transferPerGB;
        const cost = unitCostAt(sc, site, dem.class, t, data, perGB);
        const c = addColumn(m, cost, Infinity, { kind: 'x', demand: d, site: s, hour: t });
        cols.push(c);
        colSite?.set(c, s);
        if (needEnergy) {
          const e = energyTerms[s * H + t]!;
          e.cols.push(c);
          e.coefs.push(kWh);
        }
        const key = (s * NC + ci) * H + t;
        const users = capUsers[key];
        if (users) users.push(c);
        else capUsers[key] = [c];
        if (l?.bandwidthGbps !== undefined && data > 0) {
          const li = linkIndex.get(l)!;
          const bk = `${li}|${t}`;
          let b = bwTerms.get(bk);
          if (!b) bwTerms.set(bk, (b = { link: li, hour: t, cap: 450 * l.bandwidthGbps, cols: [], coefs: [] }));
          b.cols.push(c);
          b.coefs.push(data);
        }
      }
      hourCols.set(t, cols);
    }

    const penalty = unmetPenaltyOf(sc, dem.class);
    if (dem.window) {
      const cols = [...hourCols.values()].flat();
      if (allowUnmet) cols.push(addColumn(m, penalty, Infinity, { kind: 'u', demand: d, hour: null }));
      const W = dem.amount as number;
      // k copies: Σ_{s,t} y + unmet = k · amount, and each group holds at most one copy's worth.
      addRow(m, { cols, coefs: cols.map(() => 1), lb: k * W, ub: k * W, meaning: { kind: 'demand', demand: d, hour: null } });
      if (colSite) addGroupRows(m, sc, d, scope, [...hourCols.values()].flat(), colSite, W, null);
      const mph = dem.window.maxPerHour;
      if (mph !== undefined) {
        for (const [t, hc] of hourCols) {
          if (hc.length === 0) continue;
          addRow(m, { cols: hc, coefs: hc.map(() => 1), lb: -Infinity, ub: mph, meaning: { kind: 'maxPerHour', demand: d, hour: t } });
        }
      }
    } else {
      for (const [t, hc] of hourCols) {
        const cols = [...hc];
        if (allowUnmet) cols.push(addColumn(m, penalty, Infinity, { kind: 'u', demand: d, hour: t }));
        const a = valueAt(dem.amount, t);
        addRow(m, { cols, coefs: cols.map(() => 1), lb: k * a, ub: k * a, meaning: { kind: 'demand', demand: d, hour: t } });
        if (colSite) addGroupRows(m, sc, d, scope, hc, colSite, a, t);
      }
    }
  }

  for (let key = 0; key < capUsers.length; key++) {
    if ((key & 4095) === 4095) yield;
    const cols = capUsers[key];
    if (!cols) continue;
    const t = key % H;
    const cls = COMPUTE_CLASSES[Math.floor(key / H) % NC]!;
    const s = Math.floor(key / (H * NC));
    const cap = valueAt(sc.sites[s]!.capacity[cls]!, t) * mu;
    addRow(m, { cols, coefs: cols.map(() => 1), lb: -Infinity, ub: cap, meaning: { kind: 'capacity', site: s, cls, hour: t } });
  }
  yield;

  for (const b of bwTerms.values()) {
    addRow(m, { cols: b.cols, coefs: b.coefs, lb: -Infinity, ub: b.cap, meaning: { kind: 'bandwidth', link: b.link, hour: b.hour } });
  }

  // Green columns g[s,t] ≤ min(E, S): only where green supply can change cost or feasibility.
  const gCol = new Map<number, number>();
  for (let s = 0; s < nS; s++) {
    const site = sc.sites[s]!;
    if (!greenGlobal && !((site.minGreenShare ?? 0) > 0)) continue;
    yield;
    for (let t = 0; t < H; t++) {
      const S = 1000 * valueAtOr0(site.greenSupplyMW, t);
      const e = energyTerms[s * H + t]!;
      if (S <= 0 || e.cols.length === 0) continue;
      const F = valueAt(pricedCarbon(sc, site), t);
      const g = addColumn(m, market ? (-cp * F) / 1000 : 0, S, { kind: 'g', site: s, hour: t });
      gCol.set(s * H + t, g);
      addRow(m, { cols: [g, ...e.cols], coefs: [1, ...e.coefs.map((k) => -k)], lb: -Infinity, ub: 0, meaning: { kind: 'green', site: s, hour: t } });
    }
  }
  yield;

  /** Row terms Σ weight·E + Σ greenWeight·g over the given sites and all hours. */
  const energyRow = (sites: number[], weight: (s: number, t: number) => number, greenWeight: (s: number, t: number) => number) => {
    const cols: number[] = [];
    const coefs: number[] = [];
    for (const s of sites) {
      for (let t = 0; t < H; t++) {
        const w = weight(s, t);
        const e = energyTerms[s * H + t]!;
        if (w !== 0) e.cols.forEach((c, k) => (cols.push(c), coefs.push(w * e.coefs[k]!)));
        const g = gCol.get(s * H + t);
        const gw = greenWeight(s, t);
        if (g !== undefined && gw !== 0) (cols.push(g), coefs.push(gw));
      }
    }
    return { cols, coefs };
  };
  const allSites = sc.sites.map((_, s) => s);
  const factor = (s: number, t: number) => valueAt(pricedCarbon(sc, sc.sites[s]!), t) / 1000;

  if (policy.carbonCapTonnes !== undefined) {
    const r = energyRow(allSites, factor, (s, t) => (market ? -factor(s, t) : 0));
    addRow(m, { ...r, lb: -Infinity, ub: policy.carbonCapTonnes, meaning: { kind: 'carbonCap' } });
  }
  const share = policy.minGreenShare ?? 0;
  if (share > 0) {
    const r = energyRow(allSites, () => -share, () => 1);
    addRow(m, { ...r, lb: 0, ub: Infinity, meaning: { kind: 'minGreenShare' } });
  }
  sc.sites.forEach((site, s) => {
    const sh = site.minGreenShare ?? 0;
    if (sh <= 0) return;
    const r = energyRow([s], () => -sh, () => 1);
    addRow(m, { ...r, lb: 0, ub: Infinity, meaning: { kind: 'siteMinGreenShare', site: s } });
  });
  yield;
  addDataRows(sc, m);

  return m;
}

