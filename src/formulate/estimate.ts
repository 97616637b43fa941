/**
 * Size of the placement model counted from the scenario before it is built (DESIGN.md §3 rules for
 * which columns exist): per demand, its usable sites (latency, allowed sites, class offered) times
 * its hours with work where the site has capacity. O(demands · sites + sites · hours): no model is
 * built. The byte figures are estimates from measured per-item costs (V8, Node 20; glpk.js 5).
 */
import { valueAt, valueAtOr0 } from '../scenario/hourly.js';
import { COMPUTE_CLASSES, type Link, type Scenario } from '../scenario/types.js';
import { LATENCY_EPS_MS } from '../geo/haversine.js';
import { residencyAllows } from '../scenario/residency.js';
import { linksByPair } from '../scenario/lookups.js';
import { hasDataRows } from './data-rows.js';

/** Counts of the model a scenario will formulate into. */
export interface ModelCounts {
  /** Placement columns x[d,s,t]. */
  readonly placements: number;
  /** All LP columns: placements, unmet and green. */
  readonly columns: number;
  readonly rows: number;
  readonly nonzeros: number;
  /** Arcs of the network form: one per column, capacity row and maxPerHour row. */
  readonly arcs: number;
  /** Nodes of the network form: one per row, plus the sink. */
  readonly nodes: number;
  /** Whether green columns and rows (or policy rows over energy) are part of the model. */
  readonly coupled: boolean;
}

/** JS heap bytes per item of the LpModel (measured: objects per column, number arrays per row). */
export const MODEL_BYTES = { perColumn: 200, perNonzero: 16, perRow: 150 } as const;

/** Per-demand counts of {@link countModel}. */
interface DemandCounts {
  readonly usedSiteClass: Uint8Array;
  readonly perSite: Float64Array;
  readonly placements: number;
  readonly unmetCols: number;
  readonly demandRows: number;
  readonly mphRows: number;
  readonly mphNonzeros: number;
  readonly bwNonzeros: number;
}

/**
 * The demand loop of {@link countModel}, a function of its own: V8 compiles the hot loop on the
 * stack (OSR) and would throw the code away at the first statement after it that never ran.
 */
function countDemands(sc: Scenario, latency: Float64Array, offered: Uint8Array, capPrefix: Int32Array, links: Map<number, Link>, allowUnmet: boolean): DemandCounts {
  const H = sc.horizonHours;
  const nS = sc.sites.length;
  const NC = COMPUTE_CLASSES.length;
  const NK = nS * NC;
  const H1 = H + 1;
  const oIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
  const usedSiteClass = new Uint8Array(NK);
  const perSite = new Float64Array(nS);
  let placements = 0;
  let unmetCols = 0;
  let demandRows = 0;
  let mphRows = 0;
  let mphNonzeros = 0;
  let bwNonzeros = 0;
  // The usable sites of a demand (placement.ts usableSites: class offered, allowed, residency,
  // latency), into one reused buffer instead of an array per demand.
  const siteBuf = new Int32Array(nS + 1);
  // Origin × site pairs whose link has a bandwidth (a bandwidth row follows for data-carrying work).
  const bandwidthPair = new Uint8Array(sc.origins.length * nS);
  for (const [pair, l] of links) if (l.bandwidthGbps !== undefined) bandwidthPair[pair] = 1;
  const sIdx = new Map(sc.sites.map((x, i) => [x.id, i]));
  const allowedMark = new Uint8Array(nS);
  const classIndex = { general: 0, intelligent: 1, super: 2 } as const;
  for (let d = 0; d < sc.demands.length; d++) {
    const dem = sc.demands[d]!;
    const o = oIdx.get(dem.origin)!;
    const ci = classIndex[dem.class];
    const allowed = dem.allowedSites;
    if (allowed) {
      allowedMark.fill(0);
      for (const id of allowed) {
        const s = sIdx.get(id);
        if (s !== undefined) allowedMark[s] = 1;
      }
    }
    const residency = dem.residency;
    const limit = dem.maxLatencyMs + LATENCY_EPS_MS;
    const row = o * nS;
    let nUsable = 0;
    for (let s = 0; s < nS; s++) {
      if (offered[s * NC + ci] === 0 || (allowed && allowedMark[s] === 0)) continue;
      if (residency && !residencyAllows(residency, sc.sites[s]!)) continue;
      // Branch-free append (a dense reach makes the latency test unpredictable).
      siteBuf[nUsable] = s;
      nUsable += latency[row + s]! <= limit ? 1 : 0;
    }
    let cols = 0;
    let hoursWithWork = 0;
    if (dem.window) {
      const { release, deadline } = dem.window;
      for (let q = 0; q < nUsable; q++) {
        const s = siteBuf[q]!;
        const b = (s * NC + ci) * H1;
        const k = capPrefix[b + deadline]! - capPrefix[b + release]!;
        cols += k;
        perSite[s]! += k;
      }
      hoursWithWork = deadline - release;
      demandRows += 1;
      if (allowUnmet) unmetCols += 1;
      if (dem.window.maxPerHour !== undefined) {
        mphRows += hoursWithWork;
        mphNonzeros += cols;
      }
    } else {
      if (typeof dem.amount === 'number') {
        // A constant amount has work in every hour or none: count the sites' hours with capacity at once.
        if (dem.amount > 0) {
          hoursWithWork = H;
          for (let q = 0; q < nUsable; q++) {
            const s = siteBuf[q]!;
            const k = capPrefix[(s * NC + ci) * H1 + H]!;
            cols += k;
            perSite[s]! += k;
          }
        }
      } else {
        for (let t = 0; t < H; t++) {
          if (!(dem.amount[t]! > 0)) continue;
          hoursWithWork++;
          for (let q = 0; q < nUsable; q++) {
            const s = siteBuf[q]!;
            const b = (s * NC + ci) * H1;
            const k = capPrefix[b + t + 1]! - capPrefix[b + t]!;
            cols += k;
            perSite[s]! += k;
          }
        }
      }
      demandRows += hoursWithWork;
      if (allowUnmet) unmetCols += hoursWithWork;
    }
    placements += cols;
    if (cols > 0) for (let q = 0; q < nUsable; q++) usedSiteClass[siteBuf[q]! * NC + ci] = 1;
    if ((dem.dataGBPerUnit ?? 0) > 0 && links.size > 0) {
      let bw = false;
      for (let q = 0; q < nUsable && !bw; q++) bw = bandwidthPair[row + siteBuf[q]!] === 1;
      if (bw) bwNonzeros += cols;
    }
  }
  return { usedSiteClass, perSite, placements, unmetCols, demandRows, mphRows, mphNonzeros, bwNonzeros };
}

/** Counts columns, rows, nonzeros, arcs and nodes of the placement model of a valid scenario. */
export function countModel(sc: Scenario, latency: Float64Array): ModelCounts {
  const H = sc.horizonHours;
  const policy = sc.policy ?? {};
  const allowUnmet = policy.allowUnmet ?? true;
  const nS = sc.sites.length;
  const NC = COMPUTE_CLASSES.length;
  const links = linksByPair(sc);
  // Per site and class: hours with capacity > 0 as a prefix count, one flat array (row k = site ·
  // NC + class, H + 1 entries), and whether the class is offered at all.
  const NK = nS * NC;
  const capPrefix = new Int32Array(NK * (H + 1));
  const offered = new Uint8Array(NK);
  for (let s = 0; s < nS; s++) {
    const site = sc.sites[s]!;
    for (let c = 0; c < NC; c++) {
      const cap = site.capacity[COMPUTE_CLASSES[c]!];
      if (cap === undefined) continue;
      const k = s * NC + c;
      offered[k] = 1;
      const b = k * (H + 1);
      for (let t = 0; t < H; t++) capPrefix[b + t + 1] = capPrefix[b + t]! + (valueAt(cap, t) > 0 ? 1 : 0);
    }
  }
  const { usedSiteClass, perSite, placements, unmetCols, demandRows, mphRows, mphNonzeros, bwNonzeros } = countDemands(sc, latency, offered, capPrefix, links, allowUnmet);
  const H1 = H + 1;
  let capRows = 0;
  for (let k = 0; k < NK; k++) if (usedSiteClass[k] === 1) capRows += capPrefix[k * H1 + H]!;

  const market = (policy.carbonAccounting ?? 'market') === 'market';
  const greenGlobal = (market && (sc.prices.carbonPerTonne > 0 || policy.carbonCapTonnes !== undefined)) || (policy.minGreenShare ?? 0) > 0;
  let greenCols = 0;
  // Nonzeros of the green rows (x at sites with green columns, plus g) and of the site share rows.
  let greenNonzeros = 0;
  let siteShareNonzeros = 0;
  sc.sites.forEach((site, s) => {
    const siteShare = (site.minGreenShare ?? 0) > 0;
    if (siteShare) siteShareNonzeros += perSite[s]!;
    if (!greenGlobal && !siteShare) return;
    if (perSite[s] === 0) return;
    let hours = 0;
    for (let t = 0; t < H; t++) if (valueAtOr0(site.greenSupplyMW, t) > 0) hours++;
    greenCols += hours;
    if (hours > 0) greenNonzeros += perSite[s]! + hours;
  });
  const siteShareRows = sc.sites.filter((x) => (x.minGreenShare ?? 0) > 0).length;
  const globalRows = (policy.carbonCapTonnes !== undefined ? 1 : 0) + ((policy.minGreenShare ?? 0) > 0 ? 1 : 0);
  const policyRows = globalRows + siteShareRows;
  // Data rows (copies, replicas hosted, backbone), replica-group rows and N-1 recourse blocks are not network rows either.
  const coupled = greenCols > 0 || policyRows > 0 || bwNonzeros > 0 || hasDataRows(sc) || sc.demands.some((d) => (d.replicas ?? 1) > 1) || policy.survive !== undefined;
  // Bandwidth rows: at most one per link and hour.
  const bwRows = bwNonzeros > 0 ? Math.min(bwNonzeros, (sc.links ?? []).filter((l) => l.bandwidthGbps !== undefined).length * H) : 0;
  const columns = placements + unmetCols + greenCols;
  const rows = demandRows + capRows + mphRows + greenCols + bwRows + policyRows;
  // Demand rows hold every x and u; capacity rows every x; green rows their site's x (an upper
  // bound: only hours with supply count) and g; global policy rows all x and g; site rows theirs.
  const nonzeros = 2 * placements + unmetCols + mphNonzeros + bwNonzeros + greenNonzeros + globalRows * (placements + greenCols) + siteShareNonzeros + (siteShareRows > 0 ? greenCols : 0);
  return { placements, columns, rows, nonzeros, arcs: placements + unmetCols + capRows + mphRows, nodes: 1 + demandRows + capRows + mphRows, coupled };
}

/** Estimated JS heap bytes of the LpModel of these counts. */
export function modelHeapBytes(c: ModelCounts): number {
  return MODEL_BYTES.perColumn * c.columns + MODEL_BYTES.perNonzero * c.nonzeros + MODEL_BYTES.perRow * c.rows;
}
