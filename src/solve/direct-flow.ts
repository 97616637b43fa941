/**
 * The direct flow path of `solve`: scenario → network typed arrays (formulate/network-direct.ts) →
 * network simplex (wasm) → Plan by index arithmetic, with no LP model in between. It returns a plan
 * only for an optimal solve or one stopped by the time limit or the signal; anything else
 * (infeasible, where the explanation needs the LP model; unbounded, a fault) is handed back to the
 * LP model path, which solves it again and says what happened.
 */
import { networkSimplexSolver } from '../flow/network-simplex-wasm.js';
import { COL_X, type DirectNetwork } from '../formulate/network-direct.js';
import type { Presolved } from '../formulate/presolve.js';
import type { Plan, PresolveInfo, SolverInfo, Unmet, Assignment, Utilization } from '../plan/types.js';
import { valueAt } from '../scenario/hourly.js';
import { COMPUTE_CLASSES, type Scenario } from '../scenario/types.js';
import type { SolveClock } from './clock.js';
import { solveSlicePivots } from './flow-backend.js';
import { emptyPlan, planFromSchedule, unmergePlan } from './to-plan.js';

/** LP values at or below this are solver noise, not work placed (as in to-plan.ts). */
const ZERO = 1e-9;

/** What one direct run needs. */
export interface DirectRun {
  readonly sc: Scenario;
  readonly pre: Presolved;
  readonly dn: DirectNetwork;
  readonly reason: string;
  readonly timeLimitSeconds: number;
  readonly clock: SolveClock;
  readonly presolve: PresolveInfo;
  readonly t0: number;
}

/** The plan of a direct run, or undefined when the LP model path must decide (infeasible, unbounded). */
export async function runDirectFlow(run: DirectRun): Promise<Plan | undefined> {
  const { sc, pre, dn, reason, clock, presolve, t0 } = run;
  const signal = clock.signal;
  const solver = await networkSimplexSolver();
  const res = await solver.solveAsync(dn.net, {
    slicePivots: solveSlicePivots(dn.net.nodes, dn.net.source.length),
    deadline: clock.deadline,
    ...(signal ? { signal } : {}),
  });
  const info = (lpObjective: number | null, stage?: string): SolverInfo => ({
    backend: 'flow',
    ms: performance.now() - t0,
    variables: dn.variables,
    constraints: dn.constraints,
    iterations: res.iterations,
    lpObjective,
    reason,
    ...(stage !== undefined ? { stage } : {}),
  });
  if (res.status === 'aborted' || res.status === 'time_limit') {
    const status = signal?.aborted ? 'aborted' : res.status;
    const message = status === 'aborted' ? 'aborted during the flow solve' : `stopped at the time limit of ${run.timeLimitSeconds} s during the flow solve, before a feasible plan was found`;
    return emptyPlan(sc, status, message, info(null, 'solver'), presolve);
  }
  if (res.status !== 'optimal') return undefined;
  const plan = planFromFlow(pre.scenario, dn, res.flow, res.potential, info(res.objective), presolve);
  return unmergePlan(sc, pre, plan);
}

/**
 * The Plan of an optimal flow on a direct network: the same assignments, unmet entries (in LP
 * column order), utilization and shadow prices as `planFromSolution` on the LP model path.
 */
export function planFromFlow(sc: Scenario, dn: DirectNetwork, flow: Float64Array, potential: Float64Array, solver: SolverInfo, presolve: PresolveInfo): Plan {
  const H = sc.horizonHours;
  const NC = COMPUTE_CLASSES.length;
  const nS = sc.sites.length;
  const { net, colKind, colDemand, colSite, colHour, firstColumnArc } = dn;
  const assignments: Assignment[] = [];
  const unmet: Unmet[] = [];
  const used = new Float64Array(nS * NC * H);
  const classIndex = sc.demands.map((d) => COMPUTE_CLASSES.indexOf(d.class));
  for (let j = 0; j < colKind.length; j++) {
    const v = flow[firstColumnArc + j]!;
    if (v <= ZERO) continue;
    const d = colDemand[j]!;
    const dem = sc.demands[d]!;
    if (colKind[j] === COL_X) {
      const s = colSite[j]!;
      const t = colHour[j]!;
      assignments.push({ demand: dem.id, site: sc.sites[s]!.id, hour: t, amount: v });
      const key = (s * NC + classIndex[d]!) * H + t;
      used[key] = used[key]! + v;
    } else {
      const t = colHour[j]!;
      unmet.push({ demand: dem.id, hour: t < 0 ? null : t, amount: v });
    }
  }
  // Bound dual of a capacity arc: min(0, reduced cost), glpk's sign (∂objective/∂rhs ≤ 0).
  const dual = new Float64Array(nS * NC * H);
  for (let k = 0; k < dn.capArcs; k++) {
    const rc = net.cost[k]! + potential[net.source[k]!]! - potential[net.target[k]!]!;
    dual[dn.capKey[k]!] = Math.min(0, rc);
  }
  const mu = sc.policy?.maxUtilization ?? 1;
  const utilization: Utilization[] = [];
  for (let s = 0; s < nS; s++) {
    const site = sc.sites[s]!;
    for (let c = 0; c < NC; c++) {
      const cls = COMPUTE_CLASSES[c]!;
      const cap = site.capacity[cls];
      if (cap === undefined) continue;
      for (let t = 0; t < H; t++) {
        const key = (s * NC + c) * H + t;
        const shadowPrice = Math.max(0, -dual[key]! * mu);
        utilization.push({ site: site.id, class: cls, hour: t, used: used[key]!, capacity: valueAt(cap, t) * mu, shadowPrice });
      }
    }
  }
  return planFromSchedule(sc, 'optimal', 'optimal', assignments, unmet, utilization, solver, presolve);
}
