/**
 * A one-demand scenario for worker threads to solve once before their first real case, so that
 * glpk.js and the wasm kernels are loaded (and a little JIT warmed) while other work runs. Used by
 * the whatIf and sweep worker modules.
 */
import type { Scenario } from '../scenario/types.js';

export const WARM_UP_SCENARIO: Scenario = {
  version: 1,
  horizonHours: 1,
  sites: [{ id: 's', name: 's', hub: 'h', region: 'west', lon: 105, lat: 37, pue: 1, capacity: { general: 10 }, powerKW: { general: 1 }, electricityPrice: 0.5, gridCarbon: 0.5, greenSupplyMW: 0.001, unitCost: { general: 1 } }],
  origins: [{ id: 'o', name: 'o', province: 'p', lon: 105, lat: 37 }],
  demands: [{ id: 'd', origin: 'o', class: 'general', amount: 1, maxLatencyMs: 10 }],
  prices: { carbonPerTonne: 100, unmetPenalty: 100, transferPerGB: 0 },
};
