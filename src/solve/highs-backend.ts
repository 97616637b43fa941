/**
 * Optional HiGHS backend: the same LP, written as CPLEX LP text, solved by HiGHS (wasm) when the
 * `highs` package is installed. It is a second exact LP solver beside glpk.js, useful as a
 * reference; it reads the model as text, which costs time on large models.
 */
import { OptionsError, SolverError } from '../errors.js';
import { columnName, type LpModel } from '../formulate/lp-model.js';
import { solveEmptyModel, writeCplexLp, type LpResult } from './glpk.js';

interface HighsSolution {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, { Primal?: number }>;
  Rows: { Dual?: number }[];
}
interface Highs {
  solve(lp: string, options?: Record<string, unknown>): HighsSolution;
}

let loading: Promise<Highs> | undefined;

/** Whether the optional `highs` package can be loaded here. */
export async function highsAvailable(): Promise<boolean> {
  try {
    await loadHighs();
    return true;
  } catch {
    return false;
  }
}

function loadHighs(): Promise<Highs> {
  loading ??= (async () => {
    try {
      const mod = (await import('highs')) as { default?: unknown };
      const factory = (mod.default ?? mod) as () => Promise<Highs>;
      return await factory();
    } catch (e) {
      loading = undefined;
      throw new OptionsError('backend', `"highs" needs the optional package highs (npm install highs): ${(e as Error).message}`);
    }
  })();
  return loading;
}

/** Solves the model with HiGHS; row duals follow glpk's convention (∂objective/∂rhs). */
export async function solveWithHighs(m: LpModel, timeLimitSeconds: number): Promise<LpResult> {
  const highs = await loadHighs();
  if (m.cols.length === 0) return solveEmptyModel(m);
  const text = await writeCplexLp(m);
  const t0 = performance.now();
  let res: HighsSolution;
  try {
    res = highs.solve(text, { time_limit: timeLimitSeconds, output_flag: false });
  } catch (e) {
    throw new SolverError(`HiGHS failed: ${(e as Error).message}`);
  }
  const ms = performance.now() - t0;
  const values = Float64Array.from(m.cols, (c) => res.Columns[columnName(c.meaning)]?.Primal ?? 0);
  const duals = Float64Array.from(m.rows, (_, i) => res.Rows[i]?.Dual ?? 0);
  switch (res.Status) {
    case 'Optimal':
      return { status: 'optimal', feasible: true, z: res.ObjectiveValue, values, duals, ms };
    case 'Infeasible':
      return { status: 'infeasible', feasible: false, z: NaN, values, duals, ms };
    case 'Unbounded':
    case 'Primal infeasible or unbounded':
      return { status: 'unbounded', feasible: false, z: NaN, values, duals, ms };
    case 'Time limit reached':
      // The legacy API does not say whether the last point is primal feasible: report none.
      return { status: 'time_limit', feasible: false, z: NaN, values, duals, ms };
    default:
      throw new SolverError(`HiGHS ended with status "${res.Status}"`);
  }
}
