/** Browser twin of whatif-pool.ts: no worker threads; every batch runs in this thread. */
import { runCaseTask, type CaseOutcome, type CaseTask } from './whatif-cases.js';
import type { PoolHandle, PoolRun } from './whatif-pool.js';

export type { PoolHandle, PoolRun } from './whatif-pool.js';

/** No threads in browsers. */
export function openPool(_workers: number, _cases: number): Promise<PoolHandle> {
  return Promise.resolve({ threads: 0, reason: 'in this thread (browser build: no worker threads)' });
}

/** One: browsers solve the cases in this thread. */
export function defaultWorkers(): Promise<number> {
  return Promise.resolve(1);
}

/** Runs every batch in this thread. */
export async function runBatches(tasks: readonly CaseTask[], _handle: PoolHandle, signal: AbortSignal | undefined, onCase: (o: CaseOutcome) => void): Promise<PoolRun> {
  const results: CaseOutcome[][] = [];
  for (const t of tasks) results.push(await runCaseTask(t, signal, onCase));
  return { results, workers: 0, reason: 'in this thread (browser build: no worker threads)' };
}
