/**
 * Marginal carbon of a plan and the avoided-emissions estimate of its shift (README, "Average and
 * marginal carbon"): marginal tonnes = Σ grid kWh × `marginalCarbon` / 1000 over site-hours, and
 * avoided tonnes = marginal tonnes of the reference − marginal tonnes of the plan, where the
 * reference runs each assignment's units in the same hour at its demand's nearest usable site
 * (least latency among the sites that offer the class, are allowed and within the latency limit;
 * ties: scenario order; capacity not considered). The plan builder's side (recompute.ts calls it);
 * the verifier has its own arithmetic (verify-marginal.ts).
 */
import { geoLatencyMs, LATENCY_EPS_MS } from '../geo/haversine.js';
import { valueAt, valueAtOr0 } from '../scenario/hourly.js';
import { linksByPair } from '../scenario/lookups.js';
import { residencyAllows } from '../scenario/residency.js';
import type { Scenario } from '../scenario/types.js';
import type { Assignment } from './types.js';

/** Marginal figures of a plan: both null (with the reason) unless every site gives `marginalCarbon`. */
export interface MarginalFigures {
  readonly marginalTonnes: number | null;
  readonly avoidedTonnes: number | null;
  /** Why the figures are null (absent when they are numbers). */
  readonly marginalNote?: string;
}

/** The sentence that says why a scenario has no marginal figures, or undefined when every site gives a factor. */
export function marginalMissing(sc: Scenario): string | undefined {
  const without = sc.sites.filter((s) => s.marginalCarbon === undefined).map((s) => s.id);
  if (without.length === 0) return undefined;
  if (without.length === sc.sites.length) return 'no site gives marginalCarbon';
  const named = without.slice(0, 3).map((id) => `"${id}"`).join(', ');
  return `marginal tonnes need marginalCarbon at every site; ${without.length} of ${sc.sites.length} sites give none (${named}${without.length > 3 ? ', …' : ''})`;
}

/**
 * Marginal tonnes of the plan whose kWh per site-hour (site · H + hour) is `kWh`, and the avoided
 * tonnes against the nearest-site reference of `assignments` (well-formed entries only).
 */
export function marginalFigures(sc: Scenario, kWh: Float64Array, assignments: readonly Assignment[]): MarginalFigures {
  const note = marginalMissing(sc);
  if (note !== undefined) return { marginalTonnes: null, avoidedTonnes: null, marginalNote: note };
  const H = sc.horizonHours;
  const nS = sc.sites.length;
  const siteIdx = new Map(sc.sites.map((s, i) => [s.id, i]));
  const demandIdx = new Map(sc.demands.map((d, i) => [d.id, i]));
  const nearest = nearestSites(sc);
  const ref = new Float64Array(nS * H);
  for (const a of assignments) {
    const di = demandIdx.get(a.demand);
    const own = siteIdx.get(a.site);
    if (di === undefined || own === undefined) continue;
    const d = sc.demands[di]!;
    const s = nearest[di]! >= 0 ? nearest[di]! : own;
    const site = sc.sites[s]!;
    ref[s * H + a.hour]! += site.pue * (site.powerKW[d.class] ?? 0) * a.amount;
  }
  const plan = gridTonnes(sc, kWh);
  return { marginalTonnes: plan, avoidedTonnes: gridTonnes(sc, ref) - plan };
}

/** Σ (E − min(E, S)) · marginalCarbon / 1000 over site-hours. */
function gridTonnes(sc: Scenario, kWh: Float64Array): number {
  const H = sc.horizonHours;
  let tonnes = 0;
  sc.sites.forEach((site, s) => {
    for (let t = 0; t < H; t++) {
      const e = kWh[s * H + t]!;
      if (e === 0) continue;
      const grid = e - Math.min(e, 1000 * valueAtOr0(site.greenSupplyMW, t));
      tonnes += (grid * valueAt(site.marginalCarbon!, t)) / 1000;
    }
  });
  return tonnes;
}

/** Per demand, the index of its nearest usable site (−1 when none). */
function nearestSites(sc: Scenario): Int32Array {
  const nS = sc.sites.length;
  const links = linksByPair(sc);
  const oIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
  return Int32Array.from(sc.demands, (d) => {
    const oi = oIdx.get(d.origin);
    if (oi === undefined) return -1;
    const o = sc.origins[oi]!;
    const allowed = d.allowedSites ? new Set(d.allowedSites) : undefined;
    let best = -1;
    let bestMs = Infinity;
    sc.sites.forEach((site, s) => {
      if (site.capacity[d.class] === undefined || (allowed && !allowed.has(site.id)) || !residencyAllows(d.residency, site)) return;
      const ms = links.get(oi * nS + s)?.latencyMs ?? geoLatencyMs(o.lon, o.lat, site.lon, site.lat);
      if (ms <= d.maxLatencyMs + LATENCY_EPS_MS && ms < bestMs) {
        best = s;
        bestMs = ms;
      }
    });
    return best;
  });
}
