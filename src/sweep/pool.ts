/**
 * A tinypool runner: `threads` worker threads running the built worker module's default export
 * (each loads glpk.js and the wasm kernels once, when it starts). The worker module is the file
 * `name` next to the running bundle (dist/), or dist/`name` of the package when the sources run
 * directly (tests), as whatIf finds dist/whatif-worker.js.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CaseRunner } from './runner.js';

/** Default worker count: the cores this process may use. */
export function defaultWorkers(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

/** The built worker module `name` (e.g. `sweep-worker.js`), if there is one. */
export function workerFile(name: string): URL | undefined {
  for (const rel of [`./${name}`, `../../dist/${name}`]) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/**
 * A runner on `threads` tinypool threads of the worker module `file`; `warm` is sent once to each
 * thread at start so loading overlaps other work (the module must answer it quickly).
 */
export async function poolRunner<T, R>(file: URL, threads: number, warm?: unknown): Promise<CaseRunner<T, R>> {
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: file.href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  if (warm !== undefined) for (let i = 0; i < threads; i++) pool.run(warm).catch(() => undefined);
  return {
    run: (task, signal) => pool.run(task, signal ? { signal } : {}) as Promise<R>,
    close: () => pool.destroy(),
    threads,
    reason: `${threads} worker threads (tinypool)`,
  };
}
