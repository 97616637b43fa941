/**
 * A tinypool runner: `threads` worker threads running the built worker module's default export
 * (each loads glpk.js and the wasm kernels once, when it starts). The worker module is the file
 * `name` next to the running bundle (dist/), or dist/`name` of the package when the sources run
 * directly (tests). Used by the sweep runner and by `whatIf`, which is part of the platform-neutral
 * bundle (dist/index.js): so node:os, node:fs, node:url and tinypool are loaded lazily, by dynamic
 * `import()`, never statically.
 */
import type { CaseRunner } from './runner.js';

/** Default worker count: the cores this process may use. */
export async function defaultWorkers(): Promise<number> {
  const os = await import('node:os');
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** The built worker module `name` (e.g. `sweep-worker.js`), if there is one. */
export async function workerFile(name: string): Promise<URL | undefined> {
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  for (const rel of [`./${name}`, `../../dist/${name}`]) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** Options of `poolRunner`. */
export interface PoolRunnerOptions {
  /** Sent once to each thread at start, so loading overlaps other work (the module must answer it quickly). */
  readonly warm?: unknown;
  /**
   * Structured-cloned once into every thread at its start (tinypool's `workerData`, read there by
   * `Tinypool.workerData`): what every task shares (a sweep's case context), so tasks need not carry it.
   */
  readonly workerData?: unknown;
}

/** A runner on `threads` tinypool threads of the worker module `file`. */
export async function poolRunner<T, R>(file: URL, threads: number, options: PoolRunnerOptions = {}): Promise<CaseRunner<T, R>> {
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: file.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    ...(options.workerData !== undefined ? { workerData: options.workerData } : {}),
  });
  if (options.warm !== undefined) for (let i = 0; i < threads; i++) pool.run(options.warm).catch(() => undefined);
  return {
    run: (task, signal) => pool.run(task, signal ? { signal } : {}) as Promise<R>,
    close: () => pool.destroy(),
    threads,
    reason: `${threads} worker threads (tinypool)`,
  };
}
