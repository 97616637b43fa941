/**
 * The verifier's own check of a plan's carbon signal, marginal tonnes and avoided tonnes (README,
 * "Average and marginal carbon"), written from the formulas independently of `marginal.ts`, which
 * fills the Plan's fields: the reference runs each assignment's units in the same hour at its
 * demand's nearest usable site (least latency; ties: first in scenario order; capacity ignored),
 * and avoided = its grid kWh × marginal factor − the plan's marginal tonnes.
 */
import { geoLatencyMs, LATENCY_EPS_MS } from '../geo/haversine.js';
import { valueAt, valueAtOr0 } from '../scenario/hourly.js';
import type { Demand, Scenario, Site } from '../scenario/types.js';
import type { Assignment, CarbonTotals } from './types.js';
import { pairLinks } from './verify-totals.js';

const fmt = (v: number | null): string => (v === null ? 'null' : Number.isFinite(v) ? String(Number(v.toPrecision(10))) : String(v));

/** Whether `site` may serve `d` by class, allowed sites and residency (latency apart). */
function servable(d: Demand, site: Site): boolean {
  if (site.capacity[d.class] === undefined) return false;
  if (d.allowedSites && !d.allowedSites.includes(site.id)) return false;
  const r = d.residency;
  if (!r) return true;
  if (r.regions && !r.regions.includes(site.region)) return false;
  if (r.hubs && !r.hubs.includes(site.hub)) return false;
  return !(r.provinces && !(site.province !== undefined && r.provinces.includes(site.province)));
}

/** Marginal tonnes of the nearest-site reference of `assignments` (entries naming unknown ids are skipped). */
export function referenceMarginalTonnes(scenario: Scenario, assignments: readonly Assignment[]): number {
  const H = scenario.horizonHours;
  const nS = scenario.sites.length;
  const links = pairLinks(scenario);
  const siteNo = new Map(scenario.sites.map((s, i) => [s.id, i]));
  const originNo = new Map(scenario.origins.map((o, i) => [o.id, i]));
  const byId = new Map(scenario.demands.map((d) => [d.id, d]));
  const chosen = new Map<string, number>();
  const nearestOf = (d: Demand): number => {
    const known = chosen.get(d.id);
    if (known !== undefined) return known;
    const oi = originNo.get(d.origin);
    let best = -1;
    let bestMs = Infinity;
    if (oi !== undefined) {
      const o = scenario.origins[oi]!;
      for (let s = 0; s < nS; s++) {
        const site = scenario.sites[s]!;
        if (!servable(d, site)) continue;
        const ms = links.get(oi * nS + s)?.latencyMs ?? geoLatencyMs(o.lon, o.lat, site.lon, site.lat);
        if (ms > d.maxLatencyMs + LATENCY_EPS_MS) continue;
        if (ms < bestMs) [best, bestMs] = [s, ms];
      }
    }
    chosen.set(d.id, best);
    return best;
  };
  const kWh = new Map<number, number>(); // site · H + hour → kWh of the reference
  for (const a of assignments) {
    const d = byId.get(a.demand);
    const own = siteNo.get(a.site);
    if (!d || own === undefined || !Number.isInteger(a.hour) || a.hour < 0 || a.hour >= H || !Number.isFinite(a.amount)) continue;
    const n = nearestOf(d);
    const s = n >= 0 ? n : own;
    const site = scenario.sites[s]!;
    kWh.set(s * H + a.hour, (kWh.get(s * H + a.hour) ?? 0) + site.pue * (site.powerKW[d.class] ?? 0) * a.amount);
  }
  let tonnes = 0;
  for (const [key, e] of kWh) {
    const site = scenario.sites[Math.floor(key / H)]!;
    const t = key % H;
    const supply = 1000 * valueAtOr0(site.greenSupplyMW, t);
    tonnes += ((e - Math.min(e, supply)) * valueAt(site.marginalCarbon!, t)) / 1000;
  }
  return tonnes;
}

/**
 * Compares `plan.carbon`'s signal, `marginalTonnes` and `avoidedTonnes` with the verifier's own
 * figures (`checked`: from verify-totals.ts); `say` receives one sentence per mismatch.
 */
export function checkMarginalFigures(
  scenario: Scenario,
  carbon: CarbonTotals,
  checked: CarbonTotals,
  assignments: readonly Assignment[],
  eq: (a: number, b: number) => boolean,
  say: (message: string) => void,
): void {
  if (carbon.signal !== checked.signal) say(`plan.carbon.signal is "${String(carbon.signal)}"; the scenario prices carbon on the "${checked.signal}" signal`);
  const m = checked.marginalTonnes;
  const same = (a: number | null | undefined, b: number | null) => (a === null || a === undefined || b === null ? a === b : eq(a, b));
  if (!same(carbon.marginalTonnes, m)) {
    say(`plan.carbon.marginalTonnes ${fmt(carbon.marginalTonnes ?? null)} differs from the recomputed ${fmt(m)}${m === null ? ' (not every site gives marginalCarbon)' : ''}`);
  }
  const avoided = m === null ? null : referenceMarginalTonnes(scenario, assignments) - m;
  if (!same(carbon.avoidedTonnes, avoided)) {
    say(`plan.carbon.avoidedTonnes ${fmt(carbon.avoidedTonnes ?? null)} differs from the recomputed ${fmt(avoided)} (nearest-site reference − marginal tonnes)`);
  }
}
