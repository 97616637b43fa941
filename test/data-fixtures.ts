/** Small hand-checkable scenarios for residency, datasets, served models and the backbone. */
import type { Demand, Scenario, Site } from '../src/scenario/types.js';

/**
 * Two hubs: East (site E near Shanghai, province Shanghai) and West (site W at Zhongwei, province
 * Ningxia). 1 kW per unit, PUE 1, energy free, carbon free: a unit costs its unitCost. E costs 3
 * per unit, W costs 1; capacity 1,000 of each class at each site. Origin Shanghai enters at East.
 * Backbone link East–West of 10 Gbps (4,500 GB per hour) when `backbone` is asked for.
 */
export function twoHubs(over: Partial<Scenario> = {}, opts: { backboneGbps?: number } = {}): Scenario {
  const site = (id: string, hub: string, region: Site['region'], province: string, lon: number, lat: number, cost: number): Site => ({
    id,
    name: id,
    hub,
    region,
    province,
    lon,
    lat,
    pue: 1,
    capacity: { general: 1000, intelligent: 1000 },
    powerKW: { general: 1, intelligent: 1 },
    electricityPrice: 0,
    gridCarbon: 0.5,
    unitCost: { general: cost, intelligent: cost },
  });
  return {
    version: 1,
    name: 'two-hubs',
    horizonHours: 1,
    sites: [site('E', 'East', 'east', 'Shanghai', 121.4, 31.2, 3), site('W', 'West', 'west', 'Ningxia', 105.13, 37.32, 1)],
    origins: [{ id: 'sh', name: 'Shanghai', province: 'Shanghai', lon: 121.47, lat: 31.23, region: 'east' }],
    demands: [],
    prices: { carbonPerTonne: 0, unmetPenalty: 1000, transferPerGB: 0.1 },
    ...(opts.backboneGbps !== undefined ? { backbone: { links: [{ from: 'East', to: 'West', capacityGbps: opts.backboneGbps, latencyMs: 20 }], routing: 'shortest' as const } } : {}),
    ...over,
  };
}

/** A demand from Shanghai reaching both sites (100 ms). */
export function job(id: string, over: Partial<Demand> = {}): Demand {
  return { id, origin: 'sh', class: 'intelligent', amount: 100, maxLatencyMs: 100, ...over };
}
