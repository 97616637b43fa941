/**
 * Browser twin of `glpk-load.ts`, swapped in by the browser build (tsup.config.ts): only glpk.js's
 * browser entry (a Web Worker), and no Node built-ins, so bundlers neither pull glpk.js's Node entry
 * and its wasm nor externalize `module`, `url` or `worker_threads`.
 */
import type { PackedLp } from './glpk-pack.js';
import type { WorkerLpResult, WorkerSolveOptions, WorkerStop } from './glpk-worker.js';

/** The glpk.js module (its default export is the factory). */
export function importGlpk(): Promise<unknown> {
  return import('glpk.js');
}

/** Worker threads exist only in Node; in browsers glpk.js already runs in a Web Worker. */
export function solveInWorker(_lp: PackedLp, _opts: WorkerSolveOptions): Promise<WorkerLpResult | WorkerStop> {
  return Promise.reject(new Error("solveInWorker is Node-only: suanflow's browser build solves in glpk.js's Web Worker"));
}

// The twin offers what glpk-load.ts offers, with the same types (checked by tsc).
({ importGlpk, solveInWorker }) satisfies typeof import('./glpk-load.js');
