/** Maps LP values and duals back to the Plan's ids, hours and prices. */
import type { LpModel, LpRow } from '../formulate/lp-model.js';
import { recomputePlanTotals } from '../plan/recompute.js';
import { splitMerged, type Presolved } from '../formulate/presolve.js';
import type { Assignment, Plan, PlanStatus, PolicyPrices, PresolveInfo, SolverInfo, Unmet, Utilization } from '../plan/types.js';
import { valueAt } from '../scenario/hourly.js';
import { COMPUTE_CLASSES, type Scenario } from '../scenario/types.js';
import { withDataDecisions } from './to-plan-data.js';
import { splitReplicas } from '../safety/replicas-split.js';

/** LP values at or below this are solver noise, not work placed. */
const ZERO = 1e-9;

/** A plan with no schedule in it (infeasible, or stopped before any feasible point). */
export function emptyPlan(sc: Scenario, status: PlanStatus, message: string, solver: SolverInfo, presolve: PresolveInfo, conflicts: Plan['conflicts'] = []): Plan {
  return {
    status,
    message,
    scenario: sc.name ?? 'scenario',
    horizonHours: sc.horizonHours,
    objective: null,
    costs: null,
    carbon: null,
    assignments: [],
    unmet: [],
    utilization: [],
    energy: [],
    conflicts,
    solver,
    presolve,
  };
}

/** Builds the Plan from a primal feasible LP point; totals are recomputed from the plan itself. */
export function planFromSolution(
  sc: Scenario,
  m: LpModel,
  values: Float64Array,
  duals: Float64Array,
  status: PlanStatus,
  message: string,
  solver: SolverInfo,
  presolve: PresolveInfo,
): Plan {
  const assignments: Assignment[] = [];
  const unmet: Unmet[] = [];
  const used = new Map<string, number>();
  m.cols.forEach((c, j) => {
    const v = values[j]!;
    if (v <= ZERO) return;
    const mean = c.meaning;
    if (mean.kind === 'x') {
      const dem = sc.demands[mean.demand]!;
      assignments.push({ demand: dem.id, site: sc.sites[mean.site]!.id, hour: mean.hour, amount: v });
      const key = `${mean.site}|${dem.class}|${mean.hour}`;
      used.set(key, (used.get(key) ?? 0) + v);
    } else if (mean.kind === 'u') {
      unmet.push({ demand: sc.demands[mean.demand]!.id, hour: mean.hour, amount: v });
    }
  });

  const mu = sc.policy?.maxUtilization ?? 1;
  const rowDual = new Map<string, number>();
  m.rows.forEach((r, i) => {
    // One more nominal unit raises the site-class-hour's own row and, in an N-1-secure model, its
    // row in every outage's recourse block: its price is the sum of their duals.
    if (r.meaning.kind === 'capacity' || r.meaning.kind === 'recourseCapacity') {
      const key = `${r.meaning.site}|${r.meaning.cls}|${r.meaning.hour}`;
      rowDual.set(key, (rowDual.get(key) ?? 0) + duals[i]!);
    }
  });
  const utilization: Utilization[] = [];
  sc.sites.forEach((site, s) => {
    for (const cls of COMPUTE_CLASSES) {
      const cap = site.capacity[cls];
      if (cap === undefined) continue;
      for (let t = 0; t < sc.horizonHours; t++) {
        const key = `${s}|${cls}|${t}`;
        // Dual of a ≤ row in a minimization is ≤ 0; a nominal unit adds maxUtilization usable units.
        const shadowPrice = Math.max(0, -(rowDual.get(key) ?? 0) * mu);
        utilization.push({ site: site.id, class: cls, hour: t, used: used.get(key) ?? 0, capacity: valueAt(cap, t) * mu, shadowPrice });
      }
    }
  });

  // Duals of a stopped solve belong to no optimum, so they price nothing.
  const policyPrices = status === 'optimal' ? policyPricesOf(sc, m, values, duals) : undefined;
  const base = { ...planFromSchedule(sc, status, message, assignments, unmet, utilization, solver, presolve), ...(policyPrices ? { policyPrices } : {}) };
  return withDataDecisions(sc, base, m, values, duals, status === 'optimal');
}

/**
 * A Plan from a schedule however it was made (LP, rule, simulation): costs, carbon and energy
 * recomputed from the assignments and unmet work with the normative formulas.
 */
export function planFromSchedule(
  sc: Scenario,
  status: PlanStatus,
  message: string,
  assignments: readonly Assignment[],
  unmet: readonly Unmet[],
  utilization: readonly Utilization[],
  solver: SolverInfo,
  presolve: PresolveInfo,
): Plan {
  const totals = recomputePlanTotals(sc, assignments, unmet);
  return {
    status,
    message,
    scenario: sc.name ?? 'scenario',
    horizonHours: sc.horizonHours,
    objective: totals.objective,
    costs: totals.costs,
    carbon: totals.carbon,
    assignments,
    unmet,
    utilization,
    energy: totals.energy,
    conflicts: [],
    solver,
    presolve,
  };
}

/**
 * d(objective)/d(share) of a green-share row Σ g − share · Σ E ≥ 0 with dual y = ∂objective/∂rhs:
 * by the envelope theorem it is −y · ∂(row activity)/∂share = y · Σ E, where Σ E (kWh) is read
 * off the row's own energy terms (coefficient −share · kWh on each placement column).
 */
function sharePrice(m: LpModel, row: LpRow, share: number, y: number, values: Float64Array): number {
  let shareTimesE = 0;
  row.cols.forEach((c, k) => {
    if (m.cols[c]!.meaning.kind !== 'g') shareTimesE -= row.coefs[k]! * values[c]!;
  });
  // Per percentage point (0.01 of the share), the unit PolicyPrices documents.
  return Math.max(0, (y * shareTimesE) / share / 100);
}

/** Prices of the carbon cap and green-share rows from their duals (glpk's sign: ∂objective/∂rhs). */
function policyPricesOf(sc: Scenario, m: LpModel, values: Float64Array, duals: Float64Array): PolicyPrices | undefined {
  let carbonCap: number | undefined;
  let minGreenShare: number | undefined;
  let siteMinGreenShare: Record<string, number> | undefined;
  m.rows.forEach((r, i) => {
    const y = duals[i]!;
    const mean = r.meaning;
    if (mean.kind === 'carbonCap') {
      // A ≤ row of a minimization has dual ≤ 0: one more tonne of cap lowers the objective by −y.
      carbonCap = Math.max(0, -y);
    } else if (mean.kind === 'minGreenShare') {
      minGreenShare = sharePrice(m, r, sc.policy!.minGreenShare!, y, values);
    } else if (mean.kind === 'siteMinGreenShare') {
      const site = sc.sites[mean.site]!;
      (siteMinGreenShare ??= {})[site.id] = sharePrice(m, r, site.minGreenShare!, y, values);
    }
  });
  if (carbonCap === undefined && minGreenShare === undefined && siteMinGreenShare === undefined) return undefined;
  return {
    ...(carbonCap !== undefined ? { carbonCap } : {}),
    ...(minGreenShare !== undefined ? { minGreenShare } : {}),
    ...(siteMinGreenShare !== undefined ? { siteMinGreenShare } : {}),
  };
}

/** The plan of a merged scenario restated for the original: members' rows, totals recomputed. */
export function unmergePlan(sc: Scenario, pre: Presolved, plan: Plan): Plan {
  if (pre.merged === 0) return plan;
  const { assignments, unmet } = splitMerged(sc, pre, plan.assignments, plan.unmet);
  if (plan.objective === null) {
    const conflicts = plan.conflicts.map((c) => {
      const members = c.ref === undefined ? undefined : pre.groups.get(c.ref);
      return members ? { ...c, message: `${c.message} (merged demands: ${members.map((d) => d.id).join(', ')})` } : c;
    });
    return { ...plan, conflicts };
  }
  const totals = recomputePlanTotals(sc, assignments, unmet);
  // Copy and load costs do not depend on the split (demands with a dataset or model never merge).
  const extra = (plan.costs?.dataCopies ?? 0) + (plan.costs?.modelLoads ?? 0);
  const keep = { ...(plan.costs?.dataCopies !== undefined ? { dataCopies: plan.costs.dataCopies } : {}), ...(plan.costs?.modelLoads !== undefined ? { modelLoads: plan.costs.modelLoads } : {}) };
  return { ...plan, assignments, unmet, objective: totals.objective + extra, costs: { ...totals.costs, ...keep }, carbon: totals.carbon, energy: totals.energy };
}

/**
 * The plan with the work of every replicated demand split into its copies (`replica`,
 * `replicaSlice` on its assignments; see safety/replicas-split.ts). Costs and totals do not change.
 */
export function withReplicaCopies(sc: Scenario, plan: Plan): Plan {
  if (plan.assignments.length === 0 || !sc.demands.some((d) => (d.replicas ?? 1) > 1)) return plan;
  return { ...plan, assignments: splitReplicas(sc, plan.assignments) };
}
