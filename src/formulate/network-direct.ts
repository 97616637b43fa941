/**
 * Scenario → min-cost flow network straight into typed arrays, for placement models that are a
 * network (no green, bandwidth, carbon-cap or green-share rows). The same network, node for node
 * and arc for arc, as `modelToNetwork(formulatePlacement(sc, latency))`, so the network simplex
 * pivots alike and the objective is bit-identical, without the per-column and per-row objects of
 * the LP model (DESIGN.md §3 "Structure to exploit"):
 *
 * - node 0 is the sink; node 1 + i is LP row i, rows in the LP's order (per demand its demand
 *   row(s) and `maxPerHour` rows, then the capacity rows of the site-class-hours used, in
 *   (site · 3 + class) · H + hour order);
 * - arcs: one per capacity row (node → sink, capped at capacity · maxUtilization), one per
 *   `maxPerHour` row (demand node → hour node, capped), then one per LP column in the LP's
 *   column order (x: demand or hour node → capacity node, uncapped, at the unit cost; unmet:
 *   demand node → sink at the penalty). Column j is arc `firstColumnArc + j`.
 *
 * The builder handles an explicit list of scenario features ({@link DIRECT_FEATURES}); a scenario
 * with any field outside it, or whose model has coupling rows, is refused with the reason, and
 * the caller falls back to the LP model path, so that no field it does not know is ever ignored.
 */
import type { FlowNetwork } from '../flow/types.js';
import { LATENCY_EPS_MS } from '../geo/haversine.js';
import { valueAt, valueAtOr0 } from '../scenario/hourly.js';
import { linksByPair, unmetPenaltyOf } from '../scenario/lookups.js';
import { residencyAllows } from '../scenario/residency.js';
import { COMPUTE_CLASSES, type Scenario } from '../scenario/types.js';
import { runSteps, runStepsAsync, type Pause } from './steps.js';

/**
 * The scenario fields the direct builder reads, per object (every other field makes it refuse).
 * Extend this list only together with the code that builds the field's rows and arcs.
 */
export const DIRECT_FEATURES = {
  // `expansion` is read by `expand` only: `solve` plans with the capacity as given, on both paths.
  scenario: ['$schema', 'version', 'name', 'description', 'horizonHours', 'units', 'sites', 'origins', 'links', 'demands', 'prices', 'policy', 'expansion'],
  site: ['id', 'name', 'hub', 'region', 'province', 'lon', 'lat', 'pue', 'capacity', 'powerKW', 'electricityPrice', 'gridCarbon', 'greenSupplyMW', 'unitCost', 'minGreenShare', 'capacitySource'],
  origin: ['id', 'name', 'province', 'lon', 'lat', 'region', 'hub'],
  link: ['from', 'to', 'latencyMs', 'costPerGB', 'bandwidthGbps'],
  demand: ['id', 'origin', 'class', 'amount', 'maxLatencyMs', 'dataGBPerUnit', 'allowedSites', 'window', 'description', 'residency'],
  window: ['release', 'deadline', 'maxPerHour'],
  prices: ['carbonPerTonne', 'unmetPenalty', 'transferPerGB'],
  policy: ['minGreenShare', 'carbonCapTonnes', 'maxUtilization', 'allowUnmet', 'carbonAccounting'],
} as const satisfies Record<string, readonly string[]>;

/** Column kinds in {@link DirectNetwork.colKind}. */
export const COL_X = 0;
export const COL_UNMET = 1;

/** The network of a placement scenario, with what each arc and node stands for (typed arrays). */
export interface DirectNetwork {
  readonly net: FlowNetwork;
  /** Capacity arcs are 0 … capArcs − 1 (arc k belongs to capacity row k of the LP's capacity rows). */
  readonly capArcs: number;
  /** maxPerHour arcs follow the capacity arcs. */
  readonly mphArcs: number;
  /** Column j (LP column order) is arc firstColumnArc + j. */
  readonly firstColumnArc: number;
  /** Per capacity arc: site-class-hour key (site · 3 + class) · H + hour. */
  readonly capKey: Int32Array;
  /** Per column: {@link COL_X} or {@link COL_UNMET}. */
  readonly colKind: Uint8Array;
  /** Per column: demand index (into the solved scenario). */
  readonly colDemand: Int32Array;
  /** Per column: site index (x), −1 for unmet. */
  readonly colSite: Int32Array;
  /** Per column: hour, −1 for the whole window (unmet of a deferrable demand). */
  readonly colHour: Int32Array;
  /** LP columns (x + unmet) and rows (demand + maxPerHour + capacity) of the equivalent LP. */
  readonly variables: number;
  readonly constraints: number;
}

/** Why the direct builder refuses `sc`, or undefined when it handles every field of it. */
export function unhandledFeature(sc: Scenario): string | undefined {
  const extra = (o: unknown, allowed: readonly string[], path: string): string | undefined => {
    if (o === undefined || o === null || typeof o !== 'object') return undefined;
    for (const k of Object.keys(o)) if (!allowed.includes(k)) return `${path}.${k}`;
    return undefined;
  };
  const F = DIRECT_FEATURES;
  let why = extra(sc, F.scenario, '$') ?? extra(sc.prices, F.prices, '$.prices') ?? extra(sc.policy, F.policy, '$.policy');
  for (let i = 0; !why && i < sc.sites.length; i++) why = extra(sc.sites[i], F.site, `$.sites[${i}]`);
  for (let i = 0; !why && i < sc.origins.length; i++) why = extra(sc.origins[i], F.origin, `$.origins[${i}]`);
  const links = sc.links ?? [];
  for (let i = 0; !why && i < links.length; i++) why = extra(links[i], F.link, `$.links[${i}]`);
  for (let i = 0; !why && i < sc.demands.length; i++) {
    const d = sc.demands[i]!;
    why = extra(d, F.demand, `$.demands[${i}]`) ?? extra(d.window, F.window, `$.demands[${i}].window`);
  }
  return why === undefined ? undefined : `the direct network builder does not handle ${why}`;
}

/** Outcome of the direct builder: the network, or why the LP model path must be taken. */
export type DirectBuild = { readonly ok: true; readonly network: DirectNetwork } | { readonly ok: false; readonly reason: string };

/** Builds the network of a valid (presolved) scenario; `latency` as for `formulatePlacement`. */
export function buildDirectNetwork(sc: Scenario, latency: Float64Array): DirectBuild {
  return runSteps(directSteps(sc, latency));
}

/** {@link buildDirectNetwork} in chunks, awaiting `pause` between them. */
export function buildDirectNetworkAsync(sc: Scenario, latency: Float64Array, pause: Pause): Promise<DirectBuild> {
  return runStepsAsync(directSteps(sc, latency), pause);
}

/** A growable Int32Array. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
  /** Makes room for `k` more values (`data` may be replaced). */
  reserve(k: number): void {
    if (this.length + k <= this.data.length) return;
    const next = new Int32Array(Math.max(this.data.length * 2, this.length + k));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** Demands between two yields. */
const YIELD_DEMANDS = 128;

function* directSteps(sc: Scenario, latency: Float64Array): Generator<void, DirectBuild> {
  const unknown = unhandledFeature(sc);
  if (unknown) return { ok: false, reason: unknown };
  const H = sc.horizonHours;
  const policy = sc.policy ?? {};
  if (policy.carbonCapTonnes !== undefined) return { ok: false, reason: 'a carbon-cap row' };
  if ((policy.minGreenShare ?? 0) > 0) return { ok: false, reason: 'a green-share row' };
  if (sc.sites.some((x) => (x.minGreenShare ?? 0) > 0)) return { ok: false, reason: 'site green-share rows' };
  const mu = policy.maxUtilization ?? 1;
  const allowUnmet = policy.allowUnmet ?? true;
  const market = (policy.carbonAccounting ?? 'market') === 'market';
  const cp = sc.prices.carbonPerTonne;
  // Green columns exist (a coupling) where green supply can change cost (placement.ts needsGreenColumns).
  const greenGlobal = market && cp > 0;
  const nS = sc.sites.length;
  const nD = sc.demands.length;
  const NC = COMPUTE_CLASSES.length;
  const oIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
  const sIdx = new Map(sc.sites.map((s, i) => [s.id, i]));
  const nO = sc.origins.length;

  // Per origin × site: transfer price and whether a bandwidth row would follow.
  const perGBOf = new Float64Array(nO * nS).fill(sc.prices.transferPerGB);
  const bandwidth = new Uint8Array(nO * nS);
  for (const [pair, l] of linksByPair(sc)) {
    if (l.costPerGB !== undefined) perGBOf[pair] = l.costPerGB;
    if (l.bandwidthGbps !== undefined) bandwidth[pair] = 1;
  }
  // Per site × class: unit cost, kWh per unit, carbon price × kWh (the factors of unitCostAt).
  const unitC = new Float64Array(nS * NC);
  const kWhOf = new Float64Array(nS * NC);
  const cpk = new Float64Array(nS * NC);
  for (let s = 0; s < nS; s++) {
    const site = sc.sites[s]!;
    for (let c = 0; c < NC; c++) {
      const cls = COMPUTE_CLASSES[c]!;
      const kWh = site.pue * (site.powerKW[cls] ?? 0);
      unitC[s * NC + c] = site.unitCost[cls] ?? 0;
      kWhOf[s * NC + c] = kWh;
      cpk[s * NC + c] = cp * kWh;
    }
  }

  // Per site-class-hour capacity (NaN where the class is not offered), per site-hour prices.
  const capAt = new Float64Array(nS * NC * H);
  const priceAt = new Float64Array(nS * H);
  const carbonAt = new Float64Array(nS * H);
  const greenAt = new Uint8Array(greenGlobal ? nS * H : 0);
  for (let s = 0; s < nS; s++) {
    const site = sc.sites[s]!;
    for (let c = 0; c < NC; c++) {
      const hourly = site.capacity[COMPUTE_CLASSES[c]!];
      for (let t = 0; t < H; t++) capAt[(s * NC + c) * H + t] = hourly === undefined ? NaN : valueAt(hourly, t);
    }
    for (let t = 0; t < H; t++) {
      priceAt[s * H + t] = valueAt(site.electricityPrice, t);
      carbonAt[s * H + t] = valueAt(site.gridCarbon, t);
      if (greenGlobal) greenAt[s * H + t] = valueAtOr0(site.greenSupplyMW, t) > 0 ? 1 : 0;
    }
  }
  yield;

  // Pass 1: usable sites per demand, row and column counts, capacity keys used.
  const siteStart = new Int32Array(nD + 1);
  const sites = new IntList();
  const capUsed = new Uint8Array(nS * NC * H);
  let demandRows = 0;
  let mphRows = 0;
  let cols = 0;
  const mark = new Uint8Array(nS);
  // Plain functions for the per-demand work (generators optimize worse), called between yields.
  const countDemand = (d: number): string | undefined => {
    const dem = sc.demands[d]!;
    const o = oIdx.get(dem.origin)!;
    const ci = COMPUTE_CLASSES.indexOf(dem.class);
    const limit = dem.maxLatencyMs + LATENCY_EPS_MS;
    const data = dem.dataGBPerUnit ?? 0;
    if (dem.allowedSites) {
      mark.fill(0);
      for (const id of dem.allowedSites) {
        const s = sIdx.get(id);
        if (s !== undefined) mark[s] = 1;
      }
    }
    siteStart[d] = sites.length;
    // Room for every site up front, then plain writes into a local view (no call per site).
    sites.reserve(nS);
    const sd = sites.data;
    const capL = capAt;
    const latL = latency;
    const bwL = bandwidth;
    const allowedSites = dem.allowedSites;
    const residency = dem.residency;
    let len = sites.length;
    const row = o * nS;
    for (let s = 0; s < nS; s++) {
      if (Number.isNaN(capL[(s * NC + ci) * H]!) || (allowedSites && mark[s] === 0)) continue;
      if (residency && !residencyAllows(residency, sc.sites[s]!)) continue;
      if (latL[row + s]! <= limit) {
        if (bwL[row + s] === 1 && data > 0) return 'link-bandwidth rows';
        sd[len++] = s;
      }
    }
    sites.length = len;
    const s0 = siteStart[d]!;
    const s1 = len;
    const w = dem.window;
    const t0 = w ? w.release : 0;
    const t1 = w ? w.deadline : H;
    let hoursUsed = 0;
    for (let t = t0; t < t1; t++) {
      if (!w && !(valueAt(dem.amount, t) > 0)) continue;
      hoursUsed++;
      let hc = 0;
      const used = capUsed;
      for (let k = s0; k < s1; k++) {
        const s = sd[k]!;
        const key = (s * NC + ci) * H + t;
        if (capL[key]! <= 0) continue;
        if (greenGlobal && greenAt[s * H + t] === 1) return "green supply rows (a site's energy is shared by its classes)";
        used[key] = 1;
        hc++;
      }
      cols += hc;
      if (w && w.maxPerHour !== undefined && hc > 0) mphRows++;
    }
    if (w) {
      demandRows++;
      if (allowUnmet) cols++;
    } else {
      demandRows += hoursUsed;
      if (allowUnmet) cols += hoursUsed;
    }
    return undefined;
  };
  for (let d = 0; d < nD; d++) {
    if (d % YIELD_DEMANDS === YIELD_DEMANDS - 1) yield;
    const why = countDemand(d);
    if (why !== undefined) return { ok: false, reason: why };
  }
  siteStart[nD] = sites.length;
  yield;

  // Capacity rows: numbered after all demand and maxPerHour rows, in key order.
  const firstCapRow = demandRows + mphRows;
  const capRow = new Int32Array(nS * NC * H).fill(-1);
  let capRows = 0;
  for (let key = 0; key < capUsed.length; key++) if (capUsed[key] === 1) capRow[key] = firstCapRow + capRows++;
  const capKey = new Int32Array(capRows);
  const nRows = firstCapRow + capRows;
  const nodes = 1 + nRows;
  const supply = new Float64Array(nodes);
  const firstColumnArc = capRows + mphRows;
  const nArcs = firstColumnArc + cols;
  const src = new Int32Array(nArcs);
  const dst = new Int32Array(nArcs);
  const cap = new Float64Array(nArcs);
  const cost = new Float64Array(nArcs);
  const colKind = new Uint8Array(cols);
  const colDemand = new Int32Array(cols);
  const colSite = new Int32Array(cols);
  const colHour = new Int32Array(cols);
  cap.fill(Infinity, firstColumnArc, nArcs);

  // Capacity arcs first (arc k = capacity row k), as modelToNetwork numbers them.
  for (let key = 0, k = 0; key < capUsed.length; key++) {
    if (capUsed[key] !== 1) continue;
    capKey[k] = key;
    src[k] = 1 + capRow[key]!;
    dst[k] = 0;
    cap[k] = capAt[key]! * mu;
    cost[k] = 0;
    k++;
  }
  yield;

  // Pass 2: per demand its rows in LP order (demand row(s), maxPerHour rows), their supplies and
  // maxPerHour arcs, and its columns in LP order (x per hour and site, then unmet).
  let row = 0;
  let total = 0;
  let mphArcs = 0;
  let j = 0;
  /** Writes column j as an arc from → to at cost c. */
  const column = (kind: number, d: number, s: number, t: number, from: number, to: number, c: number): void => {
    colKind[j] = kind;
    colDemand[j] = d;
    colSite[j] = s;
    colHour[j] = t;
    const a = firstColumnArc + j++;
    src[a] = from;
    dst[a] = to;
    cost[a] = c;
  };
  const fillDemand = (d: number): void => {
    const dem = sc.demands[d]!;
    const o = oIdx.get(dem.origin)!;
    const ci = COMPUTE_CLASSES.indexOf(dem.class);
    const data = dem.dataGBPerUnit ?? 0;
    const s0 = siteStart[d]!;
    const s1 = siteStart[d + 1]!;
    const w = dem.window;
    const penalty = unmetPenaltyOf(sc, dem.class);
    if (w) {
      const demandNode = 1 + row++;
      const W = dem.amount as number;
      supply[demandNode] = W;
      total += W;
      const mph = w.maxPerHour;
      for (let t = w.release; t < w.deadline; t++) {
        let tail = demandNode;
        // The maxPerHour row of an hour exists only when the hour has columns.
        if (mph !== undefined) {
          let hc = 0;
          for (let k = s0; k < s1 && hc === 0; k++) if (capAt[(sites.data[k]! * NC + ci) * H + t]! > 0) hc++;
          if (hc > 0) {
            tail = 1 + row++;
            const a = capRows + mphArcs++;
            src[a] = demandNode;
            dst[a] = tail;
            cap[a] = mph;
          }
        }
        xColumns(t, tail);
      }
      if (allowUnmet) column(COL_UNMET, d, -1, -1, demandNode, 0, penalty);
    } else {
      const firstRow = row;
      for (let t = 0; t < H; t++) {
        const a = valueAt(dem.amount, t);
        if (!(a > 0)) continue;
        const node = 1 + row++;
        supply[node] = a;
        total += a;
        xColumns(t, node);
      }
      if (allowUnmet) {
        let r = firstRow;
        for (let t = 0; t < H; t++) if (valueAt(dem.amount, t) > 0) column(COL_UNMET, d, -1, t, 1 + r++, 0, penalty);
      }
    }

    /** The x columns of this demand in hour t, from node `from`. */
    function xColumns(t: number, from: number): void {
      const sd = sites.data;
      // Locals for the arrays of the hot loop (closure variables are reloaded on every access).
      const capL = capAt, unitL = unitC, kWhL = kWhOf, priceL = priceAt, perGBL = perGBOf, cpkL = cpk, carbonL = carbonAt, capRowL = capRow;
      const kindL = colKind, demL = colDemand, siteL = colSite, hourL = colHour, srcL = src, dstL = dst, costL = cost;
      const row = o * nS;
      let jj = j;
      for (let k = s0; k < s1; k++) {
        const s = sd[k]!;
        const sc3 = s * NC + ci;
        if (capL[sc3 * H + t]! <= 0) continue;
        // unitCostAt, operation for operation: ((unit + kWh·price) + data·perGB) + cp·kWh·carbon / 1000.
        const c = unitL[sc3]! + kWhL[sc3]! * priceL[s * H + t]! + data * perGBL[row + s]! + (cpkL[sc3]! * carbonL[s * H + t]!) / 1000;
        kindL[jj] = COL_X;
        demL[jj] = d;
        siteL[jj] = s;
        hourL[jj] = t;
        const a = firstColumnArc + jj++;
        srcL[a] = from;
        dstL[a] = 1 + capRowL[sc3 * H + t]!;
        costL[a] = c;
      }
      j = jj;
    }
  };
  for (let d = 0; d < nD; d++) {
    if (d % YIELD_DEMANDS === YIELD_DEMANDS - 1) yield;
    fillDemand(d);
  }
  supply[0] = -total;
  const net: FlowNetwork = { nodes, source: src, target: dst, capacity: cap, cost, supply };
  return {
    ok: true,
    network: { net, capArcs: capRows, mphArcs, firstColumnArc, capKey, colKind, colDemand, colSite, colHour, variables: cols, constraints: nRows },
  };
}
