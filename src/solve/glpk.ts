/**
 * The glpk.js backend: exact LP by simplex. glpk.js has a synchronous Node entry and an
 * asynchronous Web Worker entry for browsers; the entry is chosen at run time by dynamic
 * import (a static import would break the CJS build and the browser bundle).
 */
import { SolverError } from '../errors.js';
import { columnName, rowName, type LpModel } from '../formulate/lp-model.js';
import type { Pause } from '../formulate/steps.js';
import { importGlpk, solveInWorker } from './glpk-load.js';
import { packLp } from './glpk-pack.js';
import type { WorkerLpResult, WorkerStop } from './glpk-worker.js';

interface GlpkLp {
  name: string;
  objective: { direction: number; name: string; vars: { name: string; coef: number }[] };
  subjectTo: { name: string; vars: { name: string; coef: number }[]; bnds: { type: number; ub: number; lb: number } }[];
  bounds?: { name: string; type: number; ub: number; lb: number }[];
  binaries?: string[];
}

interface GlpkResult {
  result: { status: number; z: number; vars: Record<string, number>; dual?: Record<string, number> };
}

/** The part of glpk.js we use; `solve`/`write` return values in Node and promises in browsers. */
export interface Glpk {
  readonly GLP_MIN: number;
  readonly GLP_FR: number;
  readonly GLP_LO: number;
  readonly GLP_UP: number;
  readonly GLP_DB: number;
  readonly GLP_FX: number;
  readonly GLP_MSG_OFF: number;
  readonly GLP_UNDEF: number;
  readonly GLP_FEAS: number;
  readonly GLP_INFEAS: number;
  readonly GLP_NOFEAS: number;
  readonly GLP_OPT: number;
  readonly GLP_UNBND: number;
  solve(lp: GlpkLp, options: { msglev: number; tmlim?: number; presol: boolean }): GlpkResult | Promise<GlpkResult>;
  write(lp: GlpkLp): string | Promise<string>;
}

let loading: Promise<Glpk> | undefined;

const isNode = (): boolean => typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** Loads glpk.js once (Node: `glpk.js/node`; browsers: `glpk.js`, which runs in a Web Worker). */
export function loadGlpk(): Promise<Glpk> {
  loading ??= (async () => {
    try {
      const mod = (await importGlpk()) as { default: () => Promise<unknown> };
      return (await mod.default()) as Glpk;
    } catch (e) {
      loading = undefined;
      throw new SolverError(`could not load glpk.js: ${(e as Error).message}`);
    }
  })();
  return loading;
}

/** Resolves to the promise's value, or to 'aborted' when the signal fires first. */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

/** The model in glpk.js's JSON form. */
export function toGlpkLp(m: LpModel, glpk: Glpk): GlpkLp {
  const bnds = (lb: number, ub: number) => {
    if (lb === ub) return { type: glpk.GLP_FX, lb, ub };
    if (lb === -Infinity && ub === Infinity) return { type: glpk.GLP_FR, lb: 0, ub: 0 };
    if (lb === -Infinity) return { type: glpk.GLP_UP, lb: 0, ub };
    if (ub === Infinity) return { type: glpk.GLP_LO, lb, ub: 0 };
    return { type: glpk.GLP_DB, lb, ub };
  };
  const names = m.cols.map((c) => columnName(c.meaning));
  return {
    name: m.name,
    objective: { direction: glpk.GLP_MIN, name: 'cost', vars: m.cols.map((c, j) => ({ name: names[j]!, coef: c.cost })) },
    subjectTo: m.rows.map((r) => ({ name: rowName(r.meaning), vars: r.cols.map((c, k) => ({ name: names[c]!, coef: r.coefs[k]! })), bnds: bnds(r.lb, r.ub) })),
    bounds: m.cols.flatMap((c, j) => (c.ub !== Infinity ? [{ name: names[j]!, type: glpk.GLP_DB, lb: 0, ub: c.ub }] : [])),
  };
}

/** Outcome of one LP solve, values indexed like the model's columns and rows. */
export interface LpResult {
  readonly status: 'optimal' | 'infeasible' | 'unbounded' | 'time_limit' | 'aborted';
  /** Whether `values` hold a primal feasible point. */
  readonly feasible: boolean;
  readonly z: number;
  readonly values: Float64Array;
  readonly duals: Float64Array;
  readonly ms: number;
  /** Simplex pivots, where the backend reports them (glpk.js does not). */
  readonly iterations?: number;
}

/** How `solveWithGlpk` runs beyond the time limit and signal. */
export interface GlpkRunOptions {
  /** `performance.now()` time at which glpk's own time limit (tmlim) ends the simplex. @default now + timeLimitSeconds */
  readonly deadline?: number;
  /**
   * `performance.now()` time at which the worker thread is terminated when glpk has not returned
   * (status `time_limit`, no plan): glpk checks tmlim only between simplex steps, and reading a large
   * model into glpk is not covered by it. @default deadline + max(10% of the limit, 250 ms) / 2
   */
  readonly killAt?: number;
  /** Awaited between chunks while the model is packed for the worker; throw from it to stop. */
  readonly pause?: Pause;
}

/** Models with at least this many columns run in a worker thread in Node (with a time limit). */
export const GLPK_WORKER_MIN_COLUMNS = 5000;

/**
 * Solves with the simplex method, glpk's LP presolver on (about a third faster on the built-in
 * scenarios: 0.41 s against 0.61 s on the day). With presolve glpk reports an infeasible or
 * unbounded LP as "undefined", which cannot be told apart from numerical trouble: such a result
 * (before the time limit) is solved once more without presolve, which names the status. Duals come
 * from glpk's postsolve, i.e. a basis of the original LP.
 *
 * In Node the solve runs in a worker thread when a signal is given or, with a time limit, when the
 * model has at least {@link GLPK_WORKER_MIN_COLUMNS} columns: the worker builds glpk's JSON form from
 * packed arrays and is terminated on abort or at `killAt`. Smaller models solve on the calling thread.
 */
export async function solveWithGlpk(m: LpModel, timeLimitSeconds: number | undefined, signal?: AbortSignal, run: GlpkRunOptions = {}): Promise<LpResult> {
  const deadline = run.deadline ?? (timeLimitSeconds !== undefined ? performance.now() + 1000 * timeLimitSeconds : undefined);
  const timed: GlpkRunOptions = deadline === undefined ? run : { ...run, deadline };
  if (presolveSafe(m)) {
    const first = await solveOnce(m, timeLimitSeconds, signal, timed, true);
    if (first !== UNDECIDED) return first;
  }
  const plain = await solveOnce(m, timeLimitSeconds, signal, timed, false);
  // Without presolve an undefined status throws inside solveOnce; this only narrows the type.
  if (plain === UNDECIDED) throw new SolverError('glpk.js returned no status before its time limit (numerical trouble?)');
  return plain;
}

/** Nonzero constraint coefficients outside this range turn presolve off (see {@link presolveSafe}). */
const PRESOLVE_MIN_COEF = 1e-30;
const PRESOLVE_MAX_COEF = 1e30;

/**
 * glpk.js scales the presolved LP, and a scale factor that underflows (a coefficient near 1e-300)
 * aborts its wasm module ("glp_set_sjj: invalid scale factor"), which is then unusable; without
 * presolve glpk solves such an LP. Validated scenarios never come near these bounds, but the
 * restricted LPs of `decompose` can: they run without presolve.
 */
export function presolveSafe(m: LpModel): boolean {
  for (const r of m.rows) {
    for (const a of r.coefs) {
      const v = Math.abs(a);
      if (v !== 0 && (v < PRESOLVE_MIN_COEF || v > PRESOLVE_MAX_COEF)) return false;
    }
  }
  return true;
}

/** A presolved run whose status glpk left undefined (infeasible, unbounded or trouble: solve again without presolve). */
const UNDECIDED = Symbol('undecided');

async function solveOnce(m: LpModel, timeLimitSeconds: number | undefined, signal: AbortSignal | undefined, run: GlpkRunOptions, presol: boolean): Promise<LpResult | typeof UNDECIDED> {
  if (m.cols.length === 0) return solveEmptyModel(m);
  const t0 = performance.now();
  const deadline = run.deadline ?? (timeLimitSeconds !== undefined ? t0 + 1000 * timeLimitSeconds : undefined);
  const stopped = (status: 'aborted' | 'time_limit'): LpResult => ({ status, feasible: false, z: NaN, values: new Float64Array(m.cols.length), duals: new Float64Array(m.rows.length), ms: performance.now() - t0 });
  const pastDeadline = (ms: number) => deadline !== undefined && t0 + ms >= deadline - 0.02 * (deadline - t0);
  if (isNode() && (signal || (deadline !== undefined && m.cols.length >= GLPK_WORKER_MIN_COLUMNS))) {
    const limitMs = deadline === undefined ? 0 : deadline - t0;
    const killAt = run.killAt ?? (deadline === undefined ? undefined : deadline + Math.max(0.1 * limitMs, 250) / 2);
    let r: WorkerLpResult | WorkerStop;
    try {
      const packed = await packLp(m, run.pause ?? (() => undefined));
      r = await solveInWorker(packed, {
        opts: { msglev: 0, presol },
        ...(deadline !== undefined ? { tmlimDeadline: deadline } : {}),
        ...(killAt !== undefined ? { killAt } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if ((e as Error).name === 'StageStop') throw e;
      throw new SolverError(`glpk.js failed: ${(e as Error).message}`);
    }
    if (r === 'aborted' || r === 'time_limit') return stopped(r);
    const ms = performance.now() - t0;
    const { status, z, values, duals } = r;
    switch (status) {
      case 'opt':
        return { status: 'optimal', feasible: true, z, values, duals, ms };
      case 'nofeas':
        return { status: 'infeasible', feasible: false, z, values, duals, ms };
      case 'unbnd':
        return { status: 'unbounded', feasible: false, z, values, duals, ms };
      case 'feas':
        return { status: 'time_limit', feasible: true, z, values, duals, ms };
      default:
        if (pastDeadline(ms)) return { status: 'time_limit', feasible: false, z, values, duals, ms };
        if (presol) return UNDECIDED;
        throw new SolverError(`glpk.js returned ${status} before its time limit (numerical trouble?)`);
    }
  }
  const glpk = await loadGlpk();
  const tmlim = deadline === undefined ? undefined : Math.max(0.001, (deadline - performance.now()) / 1000);
  const opts = { msglev: glpk.GLP_MSG_OFF, presol, ...(tmlim !== undefined ? { tmlim } : {}) };
  let res: GlpkResult;
  try {
    const lp = toGlpkLp(m, glpk);
    if (!signal) res = await glpk.solve(lp, opts);
    else {
      const r = await abortable(Promise.resolve(glpk.solve(lp, opts)), signal);
      if (r === 'aborted') {
        // The browser build's Web Worker keeps running: end it, and load a fresh one next time.
        (glpk as Glpk & { terminate?: () => void }).terminate?.();
        loading = undefined;
        return stopped('aborted');
      }
      res = r;
    }
  } catch (e) {
    throw new SolverError(`glpk.js failed: ${(e as Error).message}`);
  }
  const ms = performance.now() - t0;
  const { status, z, vars, dual = {} } = res.result;
  const values = Float64Array.from(m.cols, (c) => vars[columnName(c.meaning)] ?? 0);
  const duals = Float64Array.from(m.rows, (r) => dual[rowName(r.meaning)] ?? 0);
  switch (status) {
    case glpk.GLP_OPT:
      return { status: 'optimal', feasible: true, z, values, duals, ms };
    case glpk.GLP_NOFEAS:
      return { status: 'infeasible', feasible: false, z, values, duals, ms };
    case glpk.GLP_UNBND:
      return { status: 'unbounded', feasible: false, z, values, duals, ms };
    case glpk.GLP_FEAS:
      return { status: 'time_limit', feasible: true, z, values, duals, ms };
    default:
      if (pastDeadline(ms)) return { status: 'time_limit', feasible: false, z, values, duals, ms };
      if (presol) return UNDECIDED;
      throw new SolverError(`glpk.js returned status ${status} before its time limit (numerical trouble?)`);
  }
}

/**
 * A model without columns (no demand can be placed at all) is decided without a solver: glpk
 * aborts on it, and its wasm module is then unusable for the rest of the process.
 */
export function solveEmptyModel(m: LpModel): LpResult {
  const ok = m.rows.every((r) => r.lb <= 0 && 0 <= r.ub);
  return { status: ok ? 'optimal' : 'infeasible', feasible: ok, z: 0, values: new Float64Array(0), duals: new Float64Array(m.rows.length), ms: 0 };
}

/** The LP with its 0/1 columns (dataset copies, model replicas) declared binary, for a MILP's text. */
function withBinaries(m: LpModel, lp: GlpkLp): GlpkLp {
  const ints = new Set(m.cols.flatMap((c) => (c.integer ? [columnName(c.meaning)] : [])));
  if (ints.size === 0) return lp;
  return { ...lp, bounds: (lp.bounds ?? []).filter((b) => !ints.has(b.name)), binaries: [...ints] } as GlpkLp;
}

/** CPLEX LP text of the model (what `glpk.write` produces; a MILP's 0/1 columns in its Binaries section). */
export async function writeCplexLp(m: LpModel): Promise<string> {
  if (m.cols.length === 0) {
    // glpk cannot write a model without columns: one fixed dummy column keeps the rows readable.
    const row = (r: LpModel['rows'][number]) =>
      r.lb === r.ub ? ` ${rowName(r.meaning)}: 0 none = ${r.lb}` : r.lb === -Infinity ? ` ${rowName(r.meaning)}: 0 none <= ${r.ub}` : ` ${rowName(r.meaning)}: 0 none >= ${r.lb}`;
    return ['\\* Problem: suanflow (no placement is possible: no columns) *\\', '', 'Minimize', ' cost: 0 none', '', 'Subject To', ...m.rows.map(row), '', 'Bounds', ' none = 0', '', 'End', ''].join('\n');
  }
  const glpk = await loadGlpk();
  // glpk.js prints a "Writing problem data" line to stdout on write; keep stdout clean for pipes.
  const out = typeof process !== 'undefined' ? process.stdout : undefined;
  const original = out?.write;
  if (out && original) out.write = (() => true) as typeof out.write;
  try {
    return await glpk.write(withBinaries(m, toGlpkLp(m, glpk)));
  } finally {
    if (out && original) out.write = original;
  }
}
