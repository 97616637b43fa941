/**
 * glpk.js solves synchronously in Node, so an AbortSignal can only stop it from outside: with a
 * signal, the solve runs in a worker thread that is terminated on abort. In browsers glpk.js
 * already runs in a Web Worker; aborting terminates it (the next solve loads a fresh one).
 */

/** Worker body (ESM via a data: URL): load glpk.js from the URL the parent resolved, solve, reply. */
const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
const { default: GLPK } = await import(workerData.glpkUrl);
const glpk = await GLPK();
try {
  parentPort.postMessage({ ok: true, res: glpk.solve(workerData.lp, workerData.opts) });
} catch (e) {
  parentPort.postMessage({ ok: false, message: String(e && e.message || e) });
}
`;

let glpkUrl: Promise<string> | undefined;

/** file: URL of glpk.js's Node entry, resolved from this module (works from the ESM and CJS builds). */
function resolveGlpkUrl(): Promise<string> {
  glpkUrl ??= (async () => {
    const { createRequire } = await import('node:module');
    const { pathToFileURL } = await import('node:url');
    return pathToFileURL(createRequire(import.meta.url).resolve('glpk.js/node')).href;
  })();
  return glpkUrl;
}

/**
 * Runs `glpk.solve(lp, opts)` in a worker thread; resolves to the glpk.js result, or to
 * 'aborted' when `signal` fires first (the worker is terminated, no partial result).
 */
export async function solveInWorker<R>(lp: unknown, opts: unknown, signal: AbortSignal): Promise<R | 'aborted'> {
  if (signal.aborted) return 'aborted';
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`), {
    workerData: { lp, opts, glpkUrl: await resolveGlpkUrl() },
  });
  return new Promise<R | 'aborted'>((resolve, reject) => {
    const onAbort = () => {
      void worker.terminate();
      resolve('aborted');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => signal.removeEventListener('abort', onAbort);
    worker.once('message', (msg: { ok: boolean; res?: R; message?: string }) => {
      done();
      void worker.terminate();
      if (msg.ok) resolve(msg.res as R);
      else reject(new Error(msg.message));
    });
    worker.once('error', (e) => {
      done();
      reject(e);
    });
  });
}
