/**
 * Where `whatIf`'s batches run: on tinypool worker threads (Node, several workers, the built worker
 * module found), else one after another in this thread. The worker is the built file
 * `whatif-worker.js` next to the running bundle (dist/), or dist/whatif-worker.js of the package
 * when the sources run directly (tests).
 */
import { runCaseTask, type CaseOutcome, type CaseTask } from './whatif-cases.js';

/** How the batches ran. */
export interface PoolRun {
  readonly results: CaseOutcome[][];
  readonly workers: number;
  readonly reason: string;
}

/** Default worker count: the cores this process may use. */
export async function defaultWorkers(): Promise<number> {
  const os = await import('node:os');
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** The built worker module, if there is one. */
async function workerFile(): Promise<URL | undefined> {
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  for (const rel of ['./whatif-worker.js', '../../dist/whatif-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** Runs every batch; `onCase` after each finished case (in-process) or batch (workers). */
export async function runBatches(tasks: readonly CaseTask[], workers: number, signal: AbortSignal | undefined, onCase: (o: CaseOutcome) => void): Promise<PoolRun> {
  const inProcess = async (reason: string): Promise<PoolRun> => {
    const results: CaseOutcome[][] = [];
    for (const t of tasks) results.push(await runCaseTask(t, signal, onCase));
    return { results, workers: 0, reason };
  };
  if (workers <= 1) return inProcess('in this thread: workers is 1 (one core, or asked for)');
  if (tasks.length <= 1) return inProcess('in this thread: a single batch of cases');
  const file = await workerFile();
  if (!file) return inProcess('in this thread: the built worker module (dist/whatif-worker.js) was not found; run the build');
  const { Tinypool } = await import('tinypool');
  const n = Math.min(workers, tasks.length);
  const pool = new Tinypool({ filename: file.href, minThreads: n, maxThreads: n, idleTimeout: 1000 });
  try {
    const results = await Promise.all(
      tasks.map(async (t) => {
        try {
          const r = (await pool.run(t, signal ? { signal } : {})) as CaseOutcome[];
          r.forEach(onCase);
          return r;
        } catch (e) {
          if (signal?.aborted) return [];
          throw e;
        }
      }),
    );
    return { results, workers: n, reason: `${n} worker threads (tinypool), ${tasks.length} batches` };
  } finally {
    await pool.destroy();
  }
}
