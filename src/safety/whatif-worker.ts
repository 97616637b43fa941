/**
 * The worker-thread entry of `whatIf` (built to dist/whatif-worker.js by tsup): tinypool calls the
 * default export with one batch of cases and sends the plans back. A `warm` task (sent while the
 * base case solves) loads glpk.js and the wasm kernels by solving a one-demand scenario.
 */
import { solveVariant } from '../solve/solve.js';
import { WARM_UP_SCENARIO as WARM_UP } from '../solve/warm-up.js';
import { runCaseTask, type CaseOutcome, type CaseTask } from './whatif-cases.js';

/** What the pool sends: a batch, or a warm-up. */
export type WorkerTask = CaseTask | { readonly warm: true };

export default async function runWhatIfBatch(task: WorkerTask): Promise<CaseOutcome[]> {
  if ('warm' in task) {
    await solveVariant(WARM_UP, { backend: 'glpk' });
    await solveVariant(WARM_UP, { backend: 'decompose' });
    return [];
  }
  return runCaseTask(task);
}
