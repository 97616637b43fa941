/**
 * The worker-thread entry of the sweep runner (built to dist/sweep-worker.js by tsup): tinypool
 * calls the default export with a batch of cases and sends their lines back (only the lines: plans
 * are verified here and never cross threads). The case context (base scenario, backend, …) comes
 * once per thread, as the pool's `workerData`, so batches carry only their cases; a batch may still
 * carry its own `ctx` (it then wins). A `warm` task loads the network-simplex wasm kernels by
 * solving a one-demand network (glpk.js is loaded by the first case that needs it, once per
 * thread: loading it up front costs every thread a second of CPU even when no case uses it).
 */
import { Tinypool } from 'tinypool';
import { solve } from '../solve/solve.js';
import { WARM_UP_SCENARIO as WARM_UP } from '../solve/warm-up.js';
import { runSweepCase, type CaseContext } from './case-run.js';
import type { SweepCase, SweepLine } from './spec-types.js';

/** A batch of cases; `ctx` when the pool's `workerData` is not their context. */
export interface CaseBatch {
  readonly ctx?: CaseContext;
  readonly cases: readonly SweepCase[];
}

/** Runs a batch in order (or warms up). */
export async function runCaseBatch(task: CaseBatch | { readonly warm: true }): Promise<SweepLine[]> {
  if ('warm' in task) {
    await solve({ ...WARM_UP, policy: { carbonAccounting: 'location' } }, { backend: 'flow' });
    return [];
  }
  const ctx = task.ctx ?? (Tinypool.workerData as CaseContext | undefined);
  if (!ctx) throw new Error('sweep worker: a batch without a case context (neither the task nor the pool\'s workerData has one)');
  const out: SweepLine[] = [];
  for (const c of task.cases) out.push(await runSweepCase(c, ctx));
  return out;
}

export default runCaseBatch;
