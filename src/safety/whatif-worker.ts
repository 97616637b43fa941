/**
 * The worker-thread entry of `whatIf` (built to dist/whatif-worker.js by tsup): tinypool calls the
 * default export with one batch of cases and sends the plans back. A `warm` task (sent while the
 * base case solves) loads glpk.js and the wasm kernels by solving a one-demand scenario.
 */
import { solveVariant } from '../solve/solve.js';
import { runCaseTask, type CaseOutcome, type CaseTask } from './whatif-cases.js';

/** What the pool sends: a batch, or a warm-up. */
export type WorkerTask = CaseTask | { readonly warm: true };

const WARM_UP = {
  version: 1 as const,
  horizonHours: 1,
  sites: [{ id: 's', name: 's', hub: 'h', region: 'west' as const, lon: 105, lat: 37, pue: 1, capacity: { general: 10 }, powerKW: { general: 1 }, electricityPrice: 0.5, gridCarbon: 0.5, greenSupplyMW: 0.001, unitCost: { general: 1 } }],
  origins: [{ id: 'o', name: 'o', province: 'p', lon: 105, lat: 37 }],
  demands: [{ id: 'd', origin: 'o', class: 'general' as const, amount: 1, maxLatencyMs: 10 }],
  prices: { carbonPerTonne: 100, unmetPenalty: 100, transferPerGB: 0 },
};

export default async function runWhatIfBatch(task: WorkerTask): Promise<CaseOutcome[]> {
  if ('warm' in task) {
    await solveVariant(WARM_UP, { backend: 'glpk' });
    await solveVariant(WARM_UP, { backend: 'decompose' });
    return [];
  }
  return runCaseTask(task);
}
