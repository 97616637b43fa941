/**
 * Where `whatIf`'s batches run: on the sweep runner (src/sweep/runner.ts), with tinypool worker
 * threads of the built module `whatif-worker.js` (Node, several workers, the module found: see
 * src/sweep/pool.ts, whose browser twin has no threads), else one after another in this thread.
 */
import { defaultWorkers, poolRunner, workerFile } from '../sweep/pool.js';
import { inProcessRunner, runOrdered, type CaseRunner } from '../sweep/runner.js';
import { runCaseTask, type CaseOutcome, type CaseTask } from './whatif-cases.js';

export { defaultWorkers };

/** How the batches ran. */
export interface PoolRun {
  readonly results: CaseOutcome[][];
  readonly workers: number;
  readonly reason: string;
}

/** A started pool runner (its threads warming up), or why there is none. */
export interface PoolHandle {
  readonly runner?: CaseRunner<CaseTask, CaseOutcome[]>;
  readonly threads: number;
  readonly reason?: string;
}

/**
 * Starts `workers` threads (at most `cases`) and sends each a warm-up task, so that loading the
 * module, glpk.js and the wasm kernels overlaps the base solve; none for one worker or one case.
 */
export async function openPool(workers: number, cases: number): Promise<PoolHandle> {
  if (workers <= 1) return { threads: 0, reason: 'in this thread: workers is 1 (one core, or asked for)' };
  if (cases <= 1) return { threads: 0, reason: 'in this thread: a single case' };
  const file = await workerFile('whatif-worker.js');
  if (!file) return { threads: 0, reason: 'in this thread: the built worker module (dist/whatif-worker.js) was not found; run the build' };
  const n = Math.min(workers, cases);
  return { runner: await poolRunner<CaseTask, CaseOutcome[]>(file, n, { warm: { warm: true } }), threads: n };
}

/**
 * Runs every batch (on the pool when there is one, which is then closed); `onCase` after each case
 * (in this thread) or batch (workers). On abort, the batches not handed back are missing from
 * `results` (their cases are reported as aborted by the caller).
 */
export async function runBatches(tasks: readonly CaseTask[], handle: PoolHandle, signal: AbortSignal | undefined, onCase: (o: CaseOutcome) => void): Promise<PoolRun> {
  const results: CaseOutcome[][] = [];
  const sig = signal ? { signal } : {};
  const inProcess = async (reason: string): Promise<PoolRun> => {
    // Every batch runs (an aborted one returns its cases as aborted), one after another.
    const runner = inProcessRunner((t: CaseTask) => runCaseTask(t, signal, onCase), reason);
    for (const t of tasks) results.push(await runner.run(t));
    return { results, workers: 0, reason };
  };
  const runner = handle.runner;
  if (!runner) return inProcess(handle.reason ?? 'in this thread');
  if (tasks.length <= 1 || signal?.aborted) {
    await runner.close();
    return inProcess(signal?.aborted ? 'in this thread: aborted before the cases' : 'in this thread: a single batch of cases');
  }
  try {
    await runOrdered(tasks, runner, {
      concurrency: tasks.length,
      ...sig,
      onResult: (r) => {
        r.forEach(onCase);
        results.push(r);
      },
    });
    return { results, workers: handle.threads, reason: `${handle.threads} worker threads (tinypool), ${tasks.length} batches` };
  } finally {
    await runner.close();
  }
}
