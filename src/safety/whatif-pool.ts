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

/** A started pool (its threads warming up), or why there is none. */
export interface PoolHandle {
  readonly pool?: import('tinypool').Tinypool;
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
  const file = await workerFile();
  if (!file) return { threads: 0, reason: 'in this thread: the built worker module (dist/whatif-worker.js) was not found; run the build' };
  const { Tinypool } = await import('tinypool');
  const n = Math.min(workers, cases);
  const pool = new Tinypool({ filename: file.href, minThreads: n, maxThreads: n, idleTimeout: 1000 });
  for (let i = 0; i < n; i++) pool.run({ warm: true }).catch(() => undefined);
  return { pool, threads: n };
}

/** Runs every batch (on the pool when there is one, which is then closed); `onCase` after each case (in-process) or batch (workers). */
export async function runBatches(tasks: readonly CaseTask[], handle: PoolHandle, signal: AbortSignal | undefined, onCase: (o: CaseOutcome) => void): Promise<PoolRun> {
  const inProcess = async (reason: string): Promise<PoolRun> => {
    const results: CaseOutcome[][] = [];
    for (const t of tasks) results.push(await runCaseTask(t, signal, onCase));
    return { results, workers: 0, reason };
  };
  const pool = handle.pool;
  if (!pool) return inProcess(handle.reason ?? 'in this thread');
  if (tasks.length <= 1 || signal?.aborted) {
    await pool.destroy();
    return inProcess(signal?.aborted ? 'in this thread: aborted before the cases' : 'in this thread: a single batch of cases');
  }
  const n = handle.threads;
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
