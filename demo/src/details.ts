/** What the tooltip says about a site: from the plan's own utilization, energy and duals. */
import type { Plan } from '../../src/plan/types.js';
import type { ScenarioView } from './protocol.js';

const at = (v: number | readonly number[], t: number): number => (typeof v === 'number' ? v : (v[t] ?? 0));
const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export interface SiteFigures {
  readonly kWh: number;
  readonly greenKWh: number;
  /** All energy × grid factor (location-based), t. */
  readonly locationTonnes: number;
  /** Grid energy × grid factor (market-based), t. */
  readonly marketTonnes: number;
}

/** Energy, green energy and both carbon figures of a site over the horizon (DESIGN.md §3). */
export function siteFigures(plan: Plan, view: ScenarioView, site: string, hour?: number): SiteFigures {
  const s = view.sites.find((x) => x.id === site);
  let kWh = 0;
  let greenKWh = 0;
  let loc = 0;
  let mkt = 0;
  for (const e of plan.energy) {
    if (e.site !== site || (hour !== undefined && e.hour !== hour)) continue;
    const f = s ? at(s.gridCarbon, e.hour) : 0;
    kWh += e.kWh;
    greenKWh += e.greenKWh;
    loc += (e.kWh * f) / 1000;
    mkt += (e.gridKWh * f) / 1000;
  }
  return { kWh, greenKWh, locationTonnes: loc, marketTonnes: mkt };
}

/** The tooltip's HTML-free lines for a site at an hour. */
export function siteLines(plan: Plan, view: ScenarioView, site: string, hour: number, offline: boolean): string[] {
  const s = view.sites.find((x) => x.id === site);
  if (!s) return [site];
  const lines = [`${s.name} — ${s.hub} (${s.region})${offline ? ' — OFFLINE (what-if)' : ''}`];
  for (const u of plan.utilization.filter((x) => x.site === site && x.hour === hour)) {
    const unit = view.units[u.class] ?? 'unit-h';
    lines.push(`${u.class}: ${fmt(u.used)} of ${fmt(u.capacity)} ${unit} (${u.capacity > 0 ? fmt((100 * u.used) / u.capacity) : '—'}%), shadow price ${fmt(u.shadowPrice, 2)} CNY per ${unit}`);
  }
  const h = siteFigures(plan, view, site, hour);
  const all = siteFigures(plan, view, site);
  lines.push(`energy at hour ${hour}: ${fmt(h.kWh)} kWh, green ${h.kWh > 0 ? fmt((100 * h.greenKWh) / h.kWh) : '—'}%`);
  lines.push(`over ${plan.horizonHours} h: ${fmt(all.kWh / 1000)} MWh, green share ${all.kWh > 0 ? fmt((100 * all.greenKWh) / all.kWh, 1) : '—'}%`);
  lines.push(`carbon over ${plan.horizonHours} h: ${fmt(all.locationTonnes, 1)} t location-based, ${fmt(all.marketTonnes, 1)} t market-based`);
  return lines;
}
