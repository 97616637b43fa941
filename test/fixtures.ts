/** Small hand-checkable scenarios shared by the tests. */
import { ProfileError } from '../src/profiles/errors.js';
import type { Demand, Scenario, Site } from '../src/scenario/types.js';

/** A site with 1 kW per unit, PUE 1, price 0.5 CNY/kWh, grid factor 0.5 kg/kWh, unit cost 1. */
export function site(id: string, lon: number, lat: number, over: Partial<Site> = {}): Site {
  return {
    id,
    name: id,
    hub: `hub-${id}`,
    region: 'west',
    lon,
    lat,
    pue: 1,
    capacity: { general: 10 },
    powerKW: { general: 1 },
    electricityPrice: 0.5,
    gridCarbon: 0.5,
    unitCost: { general: 1 },
    ...over,
  };
}

export function demand(id: string, over: Partial<Demand> = {}): Demand {
  return { id, origin: 'bj', class: 'general', amount: 15, maxLatencyMs: 10, ...over };
}

/**
 * Origin Beijing; A = Zhangjiakou (≈2.4 ms, cost 1 + 0.5 = 1.5 per unit), B = Hohhot
 * (≈6.2 ms, unit cost 2 → 2.5 per unit, capacity 100), C = Zhongwei (≈15 ms, cheapest, too far).
 */
export function tiny(over: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    name: 'tiny',
    horizonHours: 1,
    sites: [
      site('A', 114.86, 40.82, { region: 'east' }),
      site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 } }),
      site('C', 105.13, 37.32, { capacity: { general: 1000 }, unitCost: { general: 0.1 } }),
    ],
    origins: [{ id: 'bj', name: 'Beijing', province: 'Beijing', lon: 116.4, lat: 39.9, region: 'east' }],
    demands: [demand('d1')],
    prices: { carbonPerTonne: 0, unmetPenalty: 100, transferPerGB: 0 },
    ...over,
  };
}

/** The ProfileError thrown by `f`, for checking line, column and message. */
export function profileError(f: () => unknown): ProfileError {
  try {
    f();
  } catch (e) {
    if (e instanceof ProfileError) return e;
    throw e;
  }
  throw new Error('no ProfileError');
}

/**
 * One origin (Beijing) and the given sites, each linked at 5 ms; a single demand `d` of 10 units
 * in 2 replicas unless `over` says otherwise; no carbon price or transfer cost, penalty 100.
 */
export function linkedToBeijing(sites: readonly Site[], over: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    horizonHours: 1,
    sites,
    origins: [{ id: 'bj', name: 'Beijing', province: 'Beijing', lon: 116.4, lat: 39.9 }],
    links: sites.map((s) => ({ from: 'bj', to: s.id, latencyMs: 5 })),
    demands: [demand('d', { amount: 10, replicas: 2 })],
    prices: { carbonPerTonne: 0, unmetPenalty: 100, transferPerGB: 0 },
    ...over,
  };
}

/**
 * Six hours, two sites: interactive demand, a deferrable job (hours 1–4) and a capped late job
 * (hours 3–5); B is dearer but has green supply in the middle hours under a carbon price, so work
 * moves between sites and hours for reasons that only a look-ahead can see.
 */
export function sixHours(over: Partial<Scenario> = {}): Scenario {
  return tiny({
    name: 'small',
    horizonHours: 6,
    sites: [
      site('A', 114.86, 40.82, { capacity: { general: 20 }, electricityPrice: [0.5, 0.6, 0.9, 0.9, 0.6, 0.4] }),
      site('B', 111.66, 40.8, { capacity: { general: 30 }, unitCost: { general: 1.2 }, gridCarbon: 0.7, greenSupplyMW: [0, 0.005, 0.012, 0.02, 0.01, 0] }),
    ],
    demands: [
      demand('web', { amount: [10, 12, 15, 18, 14, 8] }),
      demand('batch', { amount: 60, window: { release: 1, deadline: 5 } }),
      demand('late', { amount: 20, window: { release: 3, deadline: 6, maxPerHour: 8 } }),
    ],
    prices: { carbonPerTonne: 200, unmetPenalty: 100, transferPerGB: 0 },
    ...over,
  });
}
