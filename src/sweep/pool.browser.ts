/** Browser twin of pool.ts: no worker threads; runners built on it run in this thread. */
import type { PoolRunnerOptions } from './pool.js';
import type { CaseRunner } from './runner.js';

export type { PoolRunnerOptions } from './pool.js';

/** One: browsers run cases in this thread. */
export function defaultWorkers(): Promise<number> {
  return Promise.resolve(1);
}

/** No worker module in browsers. */
export function workerFile(_name: string): Promise<URL | undefined> {
  return Promise.resolve(undefined);
}

/** Not available in browsers (callers check `workerFile` first). */
export function poolRunner<T, R>(_file: URL, _threads: number, _options?: PoolRunnerOptions): Promise<CaseRunner<T, R>> {
  return Promise.reject(new Error('worker threads are not available in browsers'));
}
