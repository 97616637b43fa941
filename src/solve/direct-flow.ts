/**
 * The direct flow path of `solve`: scenario → network typed arrays (formulate/network-direct.ts) →
 * network simplex (wasm) → Plan by index arithmetic, with no LP model in between. It returns a plan
 * only for an optimal solve or one stopped by the time limit or the signal; anything else
 * (infeasible, where the explanation needs the LP model; unbounded, a fault) is handed back to the
 * LP model path, which solves it again and says what happened.
 */
import { ArcViewsLostError, NetworkSimplexWasm, networkSimplexSolver } from '../flow/network-simplex-wasm.js';
import type { NetworkSimplexTS } from '../flow/network-simplex.js';
import type { FlowReader } from '../flow/interruptible.js';
import { buildDirectNetworkAsync, COL_X, type DirectBuild, type DirectNetwork } from '../formulate/network-direct.js';
import type { Presolved } from '../formulate/presolve.js';
import type { ModelCounts } from '../formulate/estimate.js';
import type { Plan, PresolveInfo, SolverInfo, Unmet, Assignment, Utilization } from '../plan/types.js';
import { valueAt } from '../scenario/hourly.js';
import { COMPUTE_CLASSES, type Scenario } from '../scenario/types.js';
import type { SolveClock } from './clock.js';
import { solveSlicePivots } from './flow-backend.js';
import { emptyPlan, planFromSchedule } from './to-plan.js';
import { splitMerged } from '../formulate/presolve.js';

/** LP values at or below this are solver noise, not work placed (as in to-plan.ts). */
const ZERO = 1e-9;

/**
 * Builds the direct network of the presolved scenario straight into the wasm solver's input
 * memory ({@link NetworkSimplexWasm.arcViews}: nothing is copied into the kernel), or into fresh
 * arrays for the TS twin (no WebAssembly) or with `fresh`.
 */
export async function buildDirect(pre: Presolved, latency: Float64Array, clock: SolveClock, fresh = false, sized?: (counts: ModelCounts) => void): Promise<DirectBuild> {
  const solver = await networkSimplexSolver();
  const arrays = !fresh && solver instanceof NetworkSimplexWasm ? Object.assign((n: number, m: number) => solver.arcViews(n, m), { touch: () => solver.touchViews() }) : undefined;
  return buildDirectNetworkAsync(pre.scenario, latency, clock.pauser('network form'), arrays, sized);
}

/** What one direct run needs. */
export interface DirectRun {
  readonly sc: Scenario;
  readonly pre: Presolved;
  readonly dn: DirectNetwork;
  /** The latency matrix the network was built from (to build it again when its memory was lost). */
  readonly latency: Float64Array;
  readonly reason: string;
  readonly timeLimitSeconds: number;
  readonly clock: SolveClock;
  readonly presolve: PresolveInfo;
  readonly t0: number;
}

/** The plan of a direct run, or undefined when the LP model path must decide (infeasible, unbounded). */
export async function runDirectFlow(run: DirectRun): Promise<Plan | undefined> {
  const { sc, pre, reason, clock, presolve, t0 } = run;
  let dn = run.dn;
  const signal = clock.signal;
  const solver = await networkSimplexSolver();
  let res;
  // The schedule is read off the optimal flow in wasm memory right after the last pivot (no copy out).
  let schedule: FlowSchedule | undefined;
  const read = (flow: Float64Array, potential: Float64Array) => {
    schedule = scheduleFromFlow(pre.scenario, dn, flow, potential);
  };
  try {
    res = await solveDirectNetwork(solver, dn, clock, read);
  } catch (e) {
    if (!(e instanceof ArcViewsLostError)) throw e;
    // Another user of the kernels' memory (a concurrent solve) overwrote the network while it
    // waited there: build it again in plain arrays, which the solver copies in.
    const again = await buildDirect(pre, run.latency, clock, true);
    if (!again.ok) throw new Error(`the direct network could not be built again: ${again.reason}`);
    dn = again.network;
    res = await solveDirectNetwork(solver, dn, clock, read);
  }
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
  if (res.status !== 'optimal' || schedule === undefined) return undefined;
  if (pre.merged === 0) return planFromSchedule(sc, 'optimal', 'optimal', schedule.assignments, schedule.unmet, schedule.utilization, info(res.objective), presolve);
  // Merged demands: split back onto the members first, so the totals are computed once, for the
  // original scenario (as unmergePlan recomputes them on the LP model path).
  const { assignments, unmet } = splitMerged(sc, pre, schedule.assignments, schedule.unmet);
  return planFromSchedule(sc, 'optimal', 'optimal', assignments, unmet, schedule.utilization, info(res.objective), presolve);
}

/** The sliced, trusted (unvalidated: the builder guarantees the invariants) solve of a direct network. */
function solveDirectNetwork(solver: NetworkSimplexWasm | NetworkSimplexTS, dn: DirectNetwork, clock: SolveClock, read: FlowReader) {
  const signal = clock.signal;
  return solver.solveTrustedAsync(
    dn.net,
    {
      slicePivots: solveSlicePivots(dn.net.nodes, dn.net.source.length),
      deadline: clock.deadline,
      ...(signal ? { signal } : {}),
    },
    read,
  );
}

/** Assignments, unmet entries and utilization rows of an optimal flow on a direct network (the solved scenario's ids). */
export interface FlowSchedule {
  readonly assignments: Assignment[];
  readonly unmet: Unmet[];
  readonly utilization: Utilization[];
}

/**
 * The schedule of an optimal flow on a direct network: the same assignments, unmet entries (in LP
 * column order), utilization and shadow prices as `planFromSolution` on the LP model path.
 */
export function scheduleFromFlow(sc: Scenario, dn: DirectNetwork, flow: Float64Array, potential: Float64Array): FlowSchedule {
  const H = sc.horizonHours;
  const NC = COMPUTE_CLASSES.length;
  const nS = sc.sites.length;
  const { blockStart, blockKind, blockDemand, blockHour, colSite, firstColumnArc, capSource } = dn;
  const assignments: Assignment[] = [];
  const unmet: Unmet[] = [];
  const used = new Float64Array(nS * NC * H);
  const siteIds = sc.sites.map((x) => x.id);
  for (let b = 0; b < dn.blocks; b++) {
    const j0 = blockStart[b]!;
    const j1 = blockStart[b + 1]!;
    const d = blockDemand[b]!;
    const t = blockHour[b]!;
    if (blockKind[b] === COL_X) {
      const dem = sc.demands[d]!;
      // Key (s · NC + class) · H + t = s · NC · H + classHour.
      const classHour = COMPUTE_CLASSES.indexOf(dem.class) * H + t;
      for (let j = j0; j < j1; j++) {
        const v = flow[firstColumnArc + j]!;
        if (v <= ZERO) continue;
        const s = colSite[j]!;
        assignments.push({ demand: dem.id, site: siteIds[s]!, hour: t, amount: v });
        const key = s * NC * H + classHour;
        used[key] = used[key]! + v;
      }
    } else {
      const v = flow[firstColumnArc + j0]!;
      if (v > ZERO) unmet.push({ demand: sc.demands[d]!.id, hour: t < 0 ? null : t, amount: v });
    }
  }
  // Bound dual of a capacity arc: min(0, reduced cost), glpk's sign (∂objective/∂rhs ≤ 0). A
  // capacity arc goes from its node to the sink (node 0) at cost 0; `capSource` is a copy of its
  // tails, as `net` may be views into wasm memory that another solve has reused by now.
  const dual = new Float64Array(nS * NC * H);
  const p0 = potential[0]!;
  for (let k = 0; k < dn.capArcs; k++) {
    const rc = 0 + potential[capSource[k]!]! - p0;
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
  return { assignments, unmet, utilization };
}

/**
 * The Plan of an optimal flow on a direct network: the same assignments, unmet entries (in LP
 * column order), utilization and shadow prices as `planFromSolution` on the LP model path.
 */
export function planFromFlow(sc: Scenario, dn: DirectNetwork, flow: Float64Array, potential: Float64Array, solver: SolverInfo, presolve: PresolveInfo): Plan {
  const { assignments, unmet, utilization } = scheduleFromFlow(sc, dn, flow, potential);
  return planFromSchedule(sc, 'optimal', 'optimal', assignments, unmet, utilization, solver, presolve);
}
