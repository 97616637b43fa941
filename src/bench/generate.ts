/**
 * Seeded benchmark scenarios: D demands × S sites × H hours with realistic latency pruning (each
 * demand reaches about 30% of the sites, its nearest ones), site capacity about 1.1× the demand of
 * each class and hour, no coupling rows (so the model is a network). Same seed, same scenario.
 */
import { geoLatencyMs } from '../geo/haversine.js';
import type { ComputeClass, Demand, Origin, Scenario, Site } from '../scenario/types.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import { mulberry32 } from '../util/prng.js';

export interface GenerateOptions {
  readonly demands: number;
  readonly sites: number;
  readonly hours?: number;
  readonly seed?: number;
  /** Share of sites each demand reaches. @default 0.3 */
  readonly reach?: number;
  /**
   * Give western sites green supply (half their energy at full load, solar-shaped over the day):
   * with the carbon price this couples classes and hours, so the model is no longer a network.
   * @default false
   */
  readonly green?: boolean;
}

const OPTION_NAMES = optionNames<GenerateOptions>()('demands', 'sites', 'hours', 'seed', 'reach', 'green');

export function generateScenario(options: GenerateOptions): Scenario {
  rejectUnknownOptions('generateScenario', options, OPTION_NAMES);
  const { demands: D, sites: S, hours: H = 1, seed = 1, reach = 0.3, green = false } = options;
  const r = mulberry32(seed);
  const box = () => ({ lon: 98 + r() * 24, lat: 22 + r() * 20 });
  const classes: ComputeClass[] = ['general', 'intelligent'];
  const nOrigins = Math.max(10, Math.round(D / 20));
  const origins: Origin[] = Array.from({ length: nOrigins }, (_, i) => ({ id: `o${i}`, name: `o${i}`, province: 'p', ...box() }));
  const sitePts = Array.from({ length: S }, box);

  const ds: Demand[] = [];
  const totals = classes.map(() => new Float64Array(H));
  for (let i = 0; i < D; i++) {
    const o = origins[Math.floor(r() * nOrigins)]!;
    const cls = classes[i % 2]!;
    const lat = sitePts.map((p) => geoLatencyMs(o.lon, o.lat, p.lon, p.lat)).sort((a, b) => a - b);
    const k = Math.max(1, Math.round(reach * S));
    const base = 1 + Math.floor(r() * 20);
    const amount = Array.from({ length: H }, (_, t) => Math.round(base * (0.6 + 0.4 * Math.sin((Math.PI * t) / 12) ** 2)));
    amount.forEach((a, t) => (totals[i % 2]![t]! += a));
    ds.push({ id: `d${i}`, origin: o.id, class: cls, amount: H === 1 ? amount[0]! : amount, maxLatencyMs: lat[k - 1]!, dataGBPerUnit: Math.round(r() * 50) / 10 });
  }
  // Capacity per class and hour: 1.1× that hour's total, split unevenly across sites.
  const weights = sitePts.map(() => 0.5 + r());
  const wsum = weights.reduce((a, b) => a + b, 0);
  const sites: Site[] = sitePts.map((p, j) => {
    const cap = (c: number) => {
      const v = Array.from({ length: H }, (_, t) => Math.round((1.1 * totals[c]![t]! * weights[j]!) / wsum));
      return H === 1 ? v[0]! : v;
    };
    const region = p.lon < 108 ? 'west' : p.lon < 114 ? 'central' : 'east';
    const pue = 1.1 + Math.round(r() * 20) / 100;
    const general = cap(0);
    const intelligent = cap(1);
    const peakMW = (pue * (2.5 * Math.max(...[general].flat()) + 1.2 * Math.max(...[intelligent].flat()))) / 1000;
    const solar = (t: number) => (H === 1 ? 1 : Math.max(0.1, Math.sin((Math.PI * ((t % 24) - 5)) / 14)));
    const supply = Array.from({ length: H }, (_, t) => Math.round(0.5 * peakMW * solar(t) * 1000) / 1000);
    return {
      id: `s${j}`,
      name: `s${j}`,
      hub: `h${j % 8}`,
      region,
      ...p,
      pue,
      capacity: { general, intelligent },
      ...(green && region === 'west' ? { greenSupplyMW: H === 1 ? supply[0]! : supply } : {}),
      powerKW: { general: 2.5, intelligent: 1.2 },
      electricityPrice: Math.round((0.3 + r() * 0.5) * 100) / 100,
      gridCarbon: Math.round((0.1 + r() * 0.6) * 1000) / 1000,
      unitCost: { general: Math.round((2 + r() * 3) * 100) / 100, intelligent: Math.round((6 + r() * 6) * 100) / 100 },
    };
  });
  return {
    version: 1,
    name: `bench-${D}x${S}x${H}-seed${seed}${green ? '-green' : ''}`,
    horizonHours: H,
    sites,
    origins,
    demands: ds,
    prices: { carbonPerTonne: 90, unmetPenalty: { general: 200, intelligent: 500 }, transferPerGB: 0.02 },
    policy: { maxUtilization: 1 },
  };
}
