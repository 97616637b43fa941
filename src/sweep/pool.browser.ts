/** Browser twin of pool.ts: no worker threads; runners built on it run in this thread. */
import type { CaseRunner } from './runner.js';

/** One: browsers run cases in this thread. */
export function defaultWorkers(): number {
  return 1;
}

/** No worker module in browsers. */
export function workerFile(_name: string): URL | undefined {
  return undefined;
}

/** Not available in browsers (callers check `workerFile` first). */
export function poolRunner<T, R>(_file: URL, _threads: number, _warm?: unknown): Promise<CaseRunner<T, R>> {
  return Promise.reject(new Error('worker threads are not available in browsers'));
}
