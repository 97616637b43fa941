/**
 * From plans to what-if numbers: a plan's summary, a case against the base (extra cost, extra
 * carbon, extra unmet work, the sites that absorbed the load), and the criticality ranking.
 */
import type { Plan, PlanStatus } from '../plan/types.js';
import { unmetPenaltyOf } from '../scenario/lookups.js';
import { COMPUTE_CLASSES, type ComputeClass, type Scenario } from '../scenario/types.js';
import type { Absorber, PlanSummary, UnmetTotals, WhatIfCase } from './whatif-types.js';

/** The ranking, in words (also in the README). */
export const WHATIF_RANKING =
  'most critical first: cases without a plan (infeasible first, then stopped or failed), then by the unmet penalty of the case plan (CNY, so classes compare), then by extra cost over the base plan (CNY), then by the outage site ids';

const zeroByClass = (): Record<ComputeClass, number> => ({ general: 0, intelligent: 0, super: 0 });

/** Unmet work of a plan by class (null without a plan). */
export function unmetTotals(sc: Scenario, plan: Plan): UnmetTotals | null {
  if (plan.objective === null) return null;
  const cls = new Map(sc.demands.map((d) => [d.id, d.class]));
  const byClass = zeroByClass();
  let penalty = 0;
  for (const u of plan.unmet) {
    const c = cls.get(u.demand)!;
    byClass[c] += u.amount;
    penalty += u.amount * unmetPenaltyOf(sc, c);
  }
  return { total: COMPUTE_CLASSES.reduce((a, c) => a + byClass[c], 0), byClass, penalty };
}

/** A plan in a few numbers. */
export function summarizePlan(sc: Scenario, plan: Plan): PlanSummary {
  return {
    status: plan.status,
    message: plan.message,
    objective: plan.objective,
    costs: plan.costs,
    carbon: plan.carbon,
    unmet: unmetTotals(sc, plan),
    solver: { backend: plan.solver.backend, ms: plan.solver.ms, reason: plan.solver.reason, ...(plan.solver.gap !== undefined ? { gap: plan.solver.gap } : {}) },
  };
}

/** Served unit-hours per site and class. */
function served(sc: Scenario, plan: Plan): Map<string, Record<ComputeClass, number>> {
  const cls = new Map(sc.demands.map((d) => [d.id, d.class]));
  const out = new Map<string, Record<ComputeClass, number>>();
  for (const a of plan.assignments) {
    let m = out.get(a.site);
    if (!m) out.set(a.site, (m = zeroByClass()));
    m[cls.get(a.demand)!] += a.amount;
  }
  return out;
}

/** A case's numbers against the base plan (`rank` is filled in by `rankCases`). */
export function compareCase(sc: Scenario, base: Plan, outage: readonly string[], plan: Plan, hub: string | undefined): Omit<WhatIfCase, 'rank'> {
  const unmet = unmetTotals(sc, plan);
  const baseUnmet = unmetTotals(sc, base);
  const both = plan.objective !== null && base.objective !== null;
  const extraUnmet = unmet && baseUnmet ? (Object.fromEntries(COMPUTE_CLASSES.map((c) => [c, unmet.byClass[c] - baseUnmet.byClass[c]])) as Record<ComputeClass, number>) : null;
  const absorbedBy: Absorber[] = [];
  if (both) {
    const before = served(sc, base);
    const after = served(sc, plan);
    const down = new Set(outage);
    // Below this a change is solver noise, not moved load.
    const noise = 1e-6 * Math.max(1, ...[...before.values()].map((m) => COMPUTE_CLASSES.reduce((a, c) => a + m[c], 0)));
    for (const [site, m] of after) {
      if (down.has(site)) continue;
      const b = before.get(site) ?? zeroByClass();
      const byClass: Partial<Record<ComputeClass, number>> = {};
      let amount = 0;
      for (const c of COMPUTE_CLASSES) {
        const d = m[c] - b[c];
        if (d > noise) {
          byClass[c] = d;
          amount += d;
        }
      }
      if (amount > 0) absorbedBy.push({ site, amount, byClass });
    }
    absorbedBy.sort((x, y) => y.amount - x.amount || (x.site < y.site ? -1 : 1));
  }
  return {
    outage,
    ...(hub !== undefined ? { hub } : {}),
    status: plan.status,
    message: plan.message,
    objective: plan.objective,
    unmet,
    extraUnmet,
    extraCost: both ? plan.objective! - base.objective! : null,
    extraCarbon:
      both && plan.carbon && base.carbon
        ? { marketTonnes: plan.carbon.marketTonnes - base.carbon.marketTonnes, locationTonnes: plan.carbon.locationTonnes - base.carbon.locationTonnes }
        : null,
    absorbedBy,
    solver: summarizePlan(sc, plan).solver,
  };
}

const NO_PLAN_ORDER: Readonly<Record<PlanStatus, number>> = { infeasible: 0, numerical_error: 1, time_limit: 2, aborted: 3, optimal: 4 };

/** The cases ranked by criticality (see {@link WHATIF_RANKING}), with `rank` 1, 2, …. */
export function rankCases(cases: readonly Omit<WhatIfCase, 'rank'>[]): WhatIfCase[] {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const sorted = [...cases].sort((x, y) => {
    const nx = x.objective === null;
    const ny = y.objective === null;
    if (nx !== ny) return nx ? -1 : 1;
    if (nx && ny && x.status !== y.status) return NO_PLAN_ORDER[x.status] - NO_PLAN_ORDER[y.status];
    const px = x.unmet?.penalty ?? 0;
    const py = y.unmet?.penalty ?? 0;
    if (!close(px, py)) return py - px;
    const cx = x.extraCost ?? 0;
    const cy = y.extraCost ?? 0;
    if (!close(cx, cy)) return cy - cx;
    const kx = x.outage.join(',');
    const ky = y.outage.join(',');
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
  return sorted.map((c, i) => ({ ...c, rank: i + 1 }));
}
