/**
 * glpk.js solves synchronously in Node, so a deadline or an AbortSignal can only stop it from
 * outside: the solve runs in a worker thread that is terminated on abort or past a hard deadline.
 * The worker receives the LP packed in typed arrays (glpk-pack.ts) and builds glpk.js's JSON form
 * itself, so that slow conversion is off the calling thread too. In browsers glpk.js already runs
 * in a Web Worker (see glpk.ts).
 */
import type { PackedLp } from './glpk-pack.js';

/** What the worker sends back: glpk's outcome, values indexed like the packed columns and rows. */
export interface WorkerLpResult {
  /** glpk's status, named: `opt`, `feas`, `nofeas`, `unbnd`, or `status N` for any other. */
  readonly status: string;
  readonly z: number;
  readonly values: Float64Array;
  readonly duals: Float64Array;
}

/** Why the worker ended without a result. */
export type WorkerStop = 'aborted' | 'time_limit';

/**
 * Worker body (ESM via a data: URL): load glpk.js from the URL the parent resolved, build the JSON
 * model from the packed arrays (names c<j>, r<i>), solve with tmlim = what is left until the
 * wall-clock deadline, reply with typed arrays (transferred, not copied).
 */
const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
const { default: GLPK } = await import(workerData.glpkUrl);
// glpk's own output (its error lines, emscripten's abort) is kept for the error message, not printed.
let tail = '';
const keep = (line) => { tail = (tail + line + '\\n').slice(-2000); };
const glpk = await GLPK({ print: keep, printErr: keep });
parentPort.on('message', ({ lp: p, opts: o, deadlineEpochMs }) => {
  tail = '';
  try {
    const bnds = (lb, ub) =>
      lb === ub ? { type: glpk.GLP_FX, lb, ub }
      : lb === -Infinity && ub === Infinity ? { type: glpk.GLP_FR, lb: 0, ub: 0 }
      : lb === -Infinity ? { type: glpk.GLP_UP, lb: 0, ub }
      : ub === Infinity ? { type: glpk.GLP_LO, lb, ub: 0 }
      : { type: glpk.GLP_DB, lb, ub };
    const names = new Array(p.nCols);
    const vars = new Array(p.nCols);
    const bounds = [];
    for (let j = 0; j < p.nCols; j++) {
      names[j] = 'c' + j;
      vars[j] = { name: names[j], coef: p.cost[j] };
      if (p.colUb[j] !== Infinity) bounds.push({ name: names[j], type: glpk.GLP_DB, lb: 0, ub: p.colUb[j] });
    }
    const subjectTo = new Array(p.nRows);
    for (let i = 0; i < p.nRows; i++) {
      const a = p.rowStart[i], b = p.rowStart[i + 1];
      const v = new Array(b - a);
      for (let k = a; k < b; k++) v[k - a] = { name: names[p.rowCols[k]], coef: p.rowCoefs[k] };
      subjectTo[i] = { name: 'r' + i, vars: v, bnds: bnds(p.rowLb[i], p.rowUb[i]) };
    }
    const lp = { name: 'suanflow', objective: { direction: glpk.GLP_MIN, name: 'cost', vars }, subjectTo, bounds };
    if (p.integer) {
      // A MILP (expand): integer and binary columns by name; glpk then runs its branch and cut.
      lp.generals = [];
      lp.binaries = [];
      for (let j = 0; j < p.nCols; j++) {
        if (p.integer[j] === 1) lp.generals.push(names[j]);
        else if (p.integer[j] === 2) lp.binaries.push(names[j]);
      }
    }
    const opts = { ...o };
    if (deadlineEpochMs !== null) opts.tmlim = Math.max(0.001, (deadlineEpochMs - Date.now()) / 1000);
    const r = glpk.solve(lp, opts).result;
    const named = { [glpk.GLP_OPT]: 'opt', [glpk.GLP_FEAS]: 'feas', [glpk.GLP_NOFEAS]: 'nofeas', [glpk.GLP_UNBND]: 'unbnd' };
    const values = new Float64Array(p.nCols);
    for (let j = 0; j < p.nCols; j++) values[j] = r.vars[names[j]] ?? 0;
    const duals = new Float64Array(p.nRows);
    const dual = r.dual ?? {};
    for (let i = 0; i < p.nRows; i++) duals[i] = dual['r' + i] ?? 0;
    parentPort.postMessage({ ok: true, res: { status: named[r.status] ?? 'status ' + r.status, z: r.z, values, duals } }, [values.buffer, duals.buffer]);
  } catch (e) {
    parentPort.postMessage({ ok: false, message: String(e && e.message || e), output: tail });
  }
});
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

/** Options of {@link solveInWorker}. */
export interface WorkerSolveOptions {
  /** glpk.js options (msglev, presol); tmlim is set from `tmlimDeadline`. */
  readonly opts: Record<string, unknown>;
  /** `performance.now()` time at which glpk's own time limit should end the simplex. */
  readonly tmlimDeadline?: number;
  /** `performance.now()` time at which the worker is terminated (status `time_limit`, no plan). */
  readonly killAt?: number;
  readonly signal?: AbortSignal;
}

/**
 * One idle worker is kept (unref'd, so it never holds the process open) for the next solve, so
 * that back-to-back solves (simulate's re-plans) do not pay for loading glpk.js each time; a worker
 * that was terminated or failed is never reused.
 */
let idle: import('node:worker_threads').Worker | undefined;

async function takeWorker(): Promise<import('node:worker_threads').Worker> {
  const w = idle;
  idle = undefined;
  if (w) {
    w.ref();
    return w;
  }
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`), { workerData: { glpkUrl: await resolveGlpkUrl() } });
  // While idle nobody else listens: an error must not become an uncaught exception, and a worker
  // that ended is not handed out again.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    if (idle === worker) idle = undefined;
  });
  return worker;
}

function releaseWorker(w: import('node:worker_threads').Worker): void {
  if (idle) {
    void w.terminate();
    return;
  }
  w.unref();
  idle = w;
}

/**
 * Solves the packed LP with glpk.js in a worker thread; resolves to the result, or to 'aborted' /
 * 'time_limit' when the signal fires or `killAt` passes first (the worker is terminated, no partial
 * result). Rejects with the worker's error and the last lines glpk printed.
 */
export async function solveInWorker(lp: PackedLp, o: WorkerSolveOptions): Promise<WorkerLpResult | WorkerStop> {
  if (o.signal?.aborted) return 'aborted';
  const toEpoch = (t: number) => Date.now() + (t - performance.now());
  const worker = await takeWorker();
  return new Promise<WorkerLpResult | WorkerStop>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const detach = () => {
      o.signal?.removeEventListener('abort', onAbort);
      if (timer !== undefined) clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const kill = (why: WorkerStop) => {
      detach();
      void worker.terminate();
      resolve(why);
    };
    const fail = (message: string, output = '') => {
      detach();
      void worker.terminate();
      const tail = output.trim();
      reject(new Error(tail ? `${message} (glpk: ${tail.split('\n').slice(-3).join(' | ')})` : message));
    };
    const onAbort = () => kill('aborted');
    const onMessage = (msg: { ok: boolean; res?: WorkerLpResult; message?: string; output?: string }) => {
      if (!msg.ok) return fail(msg.message ?? 'glpk.js failed', msg.output);
      detach();
      releaseWorker(worker);
      resolve(msg.res!);
    };
    const onError = (e: Error) => fail(e.message);
    const onExit = (code: number) => fail(`the glpk.js worker exited with code ${code}`);
    o.signal?.addEventListener('abort', onAbort, { once: true });
    if (o.killAt !== undefined) timer = setTimeout(() => kill('time_limit'), Math.max(0, o.killAt - performance.now()));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // The packed arrays are made for this solve: move them to the worker instead of copying.
    const buffers = [lp.cost, lp.colUb, lp.rowStart, lp.rowCols, lp.rowCoefs, lp.rowLb, lp.rowUb].map((a) => a.buffer as ArrayBuffer);
    worker.postMessage({ lp, opts: o.opts, deadlineEpochMs: o.tmlimDeadline === undefined ? null : toEpoch(o.tmlimDeadline) }, buffers);
  });
}
