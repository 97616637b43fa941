/**
 * The worker-thread entry of the sweep runner (built to dist/sweep-worker.js by tsup): tinypool
 * calls the default export with a batch of cases and their context and sends the lines back. A
 * `warm` task loads the network-simplex wasm kernels by solving a one-demand network (glpk.js is
 * loaded by the first case that needs it, once per thread: loading it up front costs every
 * thread a second of CPU even when no case uses it).
 */
import { solve } from '../solve/solve.js';
import { runSweepCase, type CaseContext } from './case-run.js';
import type { SweepCase, SweepLine } from './spec-types.js';

/** A batch of cases of one context. */
export interface CaseBatch {
  readonly ctx: CaseContext;
  readonly cases: readonly SweepCase[];
}

const WARM_UP = {
  version: 1 as const,
  horizonHours: 1,
  sites: [{ id: 's', name: 's', hub: 'h', region: 'west' as const, lon: 105, lat: 37, pue: 1, capacity: { general: 10 }, powerKW: { general: 1 }, electricityPrice: 0.5, gridCarbon: 0.5, greenSupplyMW: 0.001, unitCost: { general: 1 } }],
  origins: [{ id: 'o', name: 'o', province: 'p', lon: 105, lat: 37 }],
  demands: [{ id: 'd', origin: 'o', class: 'general' as const, amount: 1, maxLatencyMs: 10 }],
  prices: { carbonPerTonne: 100, unmetPenalty: 100, transferPerGB: 0 },
};

/** Runs a batch in order (or warms up). */
export async function runCaseBatch(task: CaseBatch | { readonly warm: true }): Promise<SweepLine[]> {
  if ('warm' in task) {
    await solve({ ...WARM_UP, policy: { carbonAccounting: 'location' as const } }, { backend: 'flow' });
    return [];
  }
  const out: SweepLine[] = [];
  for (const c of task.cases) out.push(await runSweepCase(c, task.ctx));
  return out;
}

export default runCaseBatch;
