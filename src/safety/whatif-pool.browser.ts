/** Browser twin of whatif-pool.ts: no worker threads; every batch runs in this thread. */
import { runCaseTask, type CaseOutcome, type CaseTask } from './whatif-cases.js';
import type { PoolRun } from './whatif-pool.js';

export type { PoolRun } from './whatif-pool.js';

/** One: browsers solve the cases in this thread. */
export function defaultWorkers(): Promise<number> {
  return Promise.resolve(1);
}

/** Runs every batch in this thread. */
export async function runBatches(tasks: readonly CaseTask[], _workers: number, signal: AbortSignal | undefined, onCase: (o: CaseOutcome) => void): Promise<PoolRun> {
  const results: CaseOutcome[][] = [];
  for (const t of tasks) results.push(await runCaseTask(t, signal, onCase));
  return { results, workers: 0, reason: 'in this thread (browser build: no worker threads)' };
}
