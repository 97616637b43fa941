/**
 * YALPS ("Yet Another Linear Programming Solver", pure JS dense-tableau simplex) as a benchmark
 * peer on the same LP as glpk.js and HiGHS.
 *
 * {@link toYalpsModel} writes the {@link LpModel} in YALPS's model format: minimize Σ cost · col,
 * every column ≥ 0 (YALPS's own convention), one `{ max: ub }` constraint per column with a finite
 * upper bound, each row as `equal` (lb === ub), `max` (lb = −∞), `min` (ub = +∞) or both. Keys are
 * numbers (YALPS takes any key through its Iterable form): row r is key r, the bound of column c is
 * key rows + c, the objective is key −1.
 *
 * YALPS's `timeout` option only bounds its branch and cut (integer problems); for an LP its simplex
 * runs until optimal or `maxPivots`. {@link solveYalps} therefore solves in a worker thread and
 * terminates it at the time limit, so the limit holds whatever YALPS does. `maxPivots` is lifted
 * (its default 8192 would end a large LP as "cycled"), so the time limit is the only stop.
 *
 * YALPS keeps its tableau dense: (columns + 1) × (1 + finite row bounds + bounded columns)
 * float64s, indexed with `Math.imul` (32-bit). A tableau of 2^31 entries or more would be indexed
 * wrongly, and one over {@link YALPS_TABLEAU_BYTES_MAX} could not fit beside the rest of the
 * benchmark in memory: neither is handed to YALPS.
 */
import { Worker } from 'node:worker_threads';
import type { Constraint, Model, Options, Solution } from 'yalps';
import type { LpModel } from '../src/formulate/lp-model.js';

/** Key of the objective in the YALPS model. */
const OBJECTIVE = -1;
/** Largest dense tableau handed to YALPS, bytes (8 GiB). */
export const YALPS_TABLEAU_BYTES_MAX = 8 * 2 ** 30;
/** YALPS indexes its tableau with `Math.imul(row, width) + col`: int32. */
const IMUL_ENTRIES_MAX = 2 ** 31 - 1;

export type YalpsModel = Model<number, number>;

export interface YalpsSolveResult {
  /** YALPS's status (optimal, infeasible, unbounded, cycled, timedout), or `too large` / `error: …`. */
  status: string;
  objective: number | null;
  /** Wall time of YALPS's `solve` alone (inside the worker), ms; NaN when it did not finish. */
  ms: number;
  /** Wall time of {@link toYalpsModel}, ms. */
  buildMs: number;
  /** Size of YALPS's dense tableau. */
  tableau: { width: number; height: number; bytes: number };
  /** Why it was not solved, for status `too large` or `error: …`. */
  reason?: string;
}

function rowConstraint(lb: number, ub: number): Constraint {
  if (lb === ub) return { equal: lb };
  if (lb === -Infinity) return { max: ub };
  if (ub === Infinity) return { min: lb };
  return { min: lb, max: ub };
}

/** The LP in YALPS's model format (numeric keys; see the module comment). */
export function toYalpsModel(m: LpModel): YalpsModel {
  const R = m.rows.length;
  const coefs: [number, number][][] = m.cols.map((c) => (c.cost !== 0 ? [[OBJECTIVE, c.cost]] : []));
  const constraints: [number, Constraint][] = [];
  for (let r = 0; r < R; r++) {
    const row = m.rows[r]!;
    constraints.push([r, rowConstraint(row.lb, row.ub)]);
    for (let k = 0; k < row.cols.length; k++) {
      const list = coefs[row.cols[k]!]!;
      const last = list[list.length - 1];
      // YALPS keeps the last of duplicate keys: sum a column listed twice in one row instead.
      if (last !== undefined && last[0] === r) last[1] += row.coefs[k]!;
      else list.push([r, row.coefs[k]!]);
    }
  }
  for (let c = 0; c < m.cols.length; c++) {
    const ub = m.cols[c]!.ub;
    if (Number.isFinite(ub)) {
      constraints.push([R + c, { max: ub }]);
      coefs[c]!.push([R + c, 1]);
    }
  }
  return { direction: 'minimize', objective: OBJECTIVE, constraints, variables: coefs.map((list, c) => [c, list] as [number, [number, number][]]) };
}

/** Width, height and bytes of the dense tableau YALPS builds for `model` (as its tableauModel counts). */
export function yalpsTableauSize(model: YalpsModel): { width: number; height: number; bytes: number } {
  const rows = [...(model.constraints as Iterable<readonly [number, Constraint]>)];
  const vars = [...(model.variables as Iterable<unknown>)];
  let height = 1;
  for (const [, c] of rows) {
    const lo = c.equal ?? c.min ?? -Infinity;
    const hi = c.equal ?? c.max ?? Infinity;
    height += (Number.isFinite(lo) ? 1 : 0) + (Number.isFinite(hi) ? 1 : 0);
  }
  const width = vars.length + 1;
  return { width, height, bytes: width * height * 8 };
}

/**
 * Worker body (ES module from a data: URL, so it survives bundling): YALPS's `solve` on the model
 * in workerData, timed alone, posted back.
 */
const WORKER_SOURCE = (yalpsUrl: string) => `
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from ${JSON.stringify(yalpsUrl)};
try {
  const t0 = performance.now();
  const s = solve(workerData.model, workerData.options);
  const ms = performance.now() - t0;
  parentPort.postMessage({ status: s.status, result: s.result, ms });
} catch (e) {
  parentPort.postMessage({ status: 'error: ' + (e && e.message ? e.message : String(e)), result: NaN, ms: NaN });
}
`;

/**
 * Solves the LP with YALPS in a worker thread, stopped at `timeLimitMs` (status `timedout`).
 * `ms` times `solve` alone (tableau fill + simplex), `buildMs` the conversion.
 */
export async function solveYalps(m: LpModel, timeLimitMs: number): Promise<YalpsSolveResult> {
  const b0 = performance.now();
  const model = toYalpsModel(m);
  const buildMs = performance.now() - b0;
  const tableau = yalpsTableauSize(model);
  const entries = tableau.width * tableau.height;
  if (entries > IMUL_ENTRIES_MAX || tableau.bytes > YALPS_TABLEAU_BYTES_MAX) {
    const gib = (tableau.bytes / 2 ** 30).toFixed(1);
    const reason =
      entries > IMUL_ENTRIES_MAX
        ? `dense tableau ${tableau.width.toLocaleString('en-US')} × ${tableau.height.toLocaleString('en-US')} (${gib} GiB) past YALPS's 32-bit indexing`
        : `dense tableau ${tableau.width.toLocaleString('en-US')} × ${tableau.height.toLocaleString('en-US')} (${gib} GiB) > ${YALPS_TABLEAU_BYTES_MAX / 2 ** 30} GiB`;
    return { status: 'too large', objective: null, ms: NaN, buildMs, tableau, reason };
  }
  const options: Options = { timeout: timeLimitMs, maxPivots: Number.MAX_SAFE_INTEGER };
  const url = new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE(import.meta.resolve('yalps')))}`);
  const worker = new Worker(url, { workerData: { model, options } });
  const out = await new Promise<{ status: string; result: number; ms: number }>((resolve) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ status: 'timedout', result: NaN, ms: NaN });
    }, timeLimitMs);
    const finish = (r: { status: string; result: number; ms: number }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    worker.once('message', (msg: { status: Solution['status'] | string; result: number; ms: number }) => finish(msg));
    worker.once('error', (e) => finish({ status: `error: ${e.message}`, result: NaN, ms: NaN }));
    worker.once('exit', (code) => finish({ status: `error: worker exited with code ${code}`, result: NaN, ms: NaN }));
  });
  const objective = out.status === 'optimal' && Number.isFinite(out.result) ? out.result : null;
  return { status: out.status, objective, ms: out.ms, buildMs, tableau, ...(out.status.startsWith('error') ? { reason: out.status } : {}) };
}
