/**
 * The two baselines suanflow's optimum is compared with: (a) the nearest feasible site, what a
 * scheduler that knows only latency would do (a rule: no solver); (b) the least-cost plan that
 * ignores carbon, solved and then evaluated with the real prices.
 */
import { geoLatencyMs, LATENCY_EPS_MS } from '../geo/haversine.js';
import { recomputePlanTotals } from '../plan/recompute.js';
import { linksByPair } from '../scenario/lookups.js';
import type { Assignment, Plan, Unmet, Utilization } from '../plan/types.js';
import { valueAt } from '../scenario/hourly.js';
import { COMPUTE_CLASSES, type ComputeClass, type Demand, type Policy, type Scenario, type Site } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { rejectSafetyRules } from '../safety/unsupported.js';
import { solve, type SolveOptions } from '../solve/solve.js';
import { planFromSchedule } from '../solve/to-plan.js';
import { rejectDataChoices } from '../scenario/data-support.js';

const CLASS_INDEX: Readonly<Record<ComputeClass, number>> = { general: 0, intelligent: 1, super: 2 };
const NC = COMPUTE_CLASSES.length;
/** Room or work at or below this is float residue, not something to place. */
const ZERO = 1e-9;

/**
 * Site indices that may serve each demand, nearest first: the site offers the class, is among
 * `allowedSites` (when given), and its latency (link `latencyMs`, else 0.015 · haversine km, the
 * formula the verifier uses) is within `maxLatencyMs` + 1e-9. Ties keep scenario site order.
 */
function candidatesByLatency(sc: Scenario): number[][] {
  const nS = sc.sites.length;
  const links = linksByPair(sc);
  const oIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
  return sc.demands.map((d) => {
    const oi = oIdx.get(d.origin)!;
    const o = sc.origins[oi]!;
    const allowed = d.allowedSites ? new Set(d.allowedSites) : undefined;
    const out: { s: number; ms: number }[] = [];
    sc.sites.forEach((site, s) => {
      if (site.capacity[d.class] === undefined || (allowed && !allowed.has(site.id))) return;
      const ms = links.get(oi * nS + s)?.latencyMs ?? geoLatencyMs(o.lon, o.lat, site.lon, site.lat);
      if (ms <= d.maxLatencyMs + LATENCY_EPS_MS) out.push({ s, ms });
    });
    // Array.prototype.sort is stable, so equal latencies stay in site order.
    return out.sort((a, b) => a.ms - b.ms).map((c) => c.s);
  });
}

/**
 * Baseline (a): every unit of demand goes to the feasible site with the least latency (an allowed
 * site offering the class within the demand's latency limit), filling its usable capacity
 * (nominal × `policy.maxUtilization`) and, where a link gives `bandwidthGbps`, its bandwidth; when
 * that site is full, the next nearest; what no feasible site has room for is unmet. Hour by hour,
 * interactive demand is placed first (it cannot wait), then deferrable work, each in scenario
 * order; deferrable work runs as early as possible from its release, at most `window.maxPerHour`
 * in an hour, and what is left at its deadline is unmet (`hour: null`). Equal latencies go to the
 * site listed first. Prices and carbon play no part.
 *
 * The result is a Plan for `scenario`: costs, carbon and energy recomputed with the normative
 * formulas, utilization rows for every site-class-hour (shadow prices 0: a rule has no duals).
 * It keeps every latency, capacity, window and bandwidth rule, but not the policy rows (carbon cap,
 * green shares) nor `allowUnmet: false`: `verifyPlan` reports those breaches. Its `status` is
 * `optimal` only in the sense that the rule was applied in full (the Plan type has no status for
 * a heuristic); `solver.backend` is `baseline`, `solver.lpObjective` null.
 *
 * Throws `ScenarioError` for an invalid scenario.
 * @example
 * const plan = nearestPlan(scenario);
 * verifyPlan(scenario, plan).violations; // only policy rows, if any
 */
export function nearestPlan(scenario: Scenario): Plan {
  rejectDataChoices(scenario, 'nearestPlan');
  const t0 = performance.now();
  const sc = validateScenario(scenario);
  rejectSafetyRules(sc, 'nearestPlan');
  const H = sc.horizonHours;
  const nS = sc.sites.length;
  const mu = sc.policy?.maxUtilization ?? 1;
  const links = linksByPair(sc);
  const oIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
  const candidates = candidatesByLatency(sc);

  // Usable capacity and units placed per (site, class, hour), index (s · NC + class) · H + t;
  // usable is 0 where the site does not offer the class.
  const usable = new Float64Array(nS * NC * H);
  const used = new Float64Array(nS * NC * H);
  sc.sites.forEach((site, s) => {
    for (const cls of COMPUTE_CLASSES) {
      const cap = site.capacity[cls];
      if (cap === undefined) continue;
      for (let t = 0; t < H; t++) usable[(s * NC + CLASS_INDEX[cls]) * H + t] = valueAt(cap, t) * mu;
    }
  });
  // GB left per (origin · nS + site) · H + t on links with a bandwidth, filled lazily.
  const bandwidthLeft = new Map<number, number>();

  const assignments: Assignment[] = [];
  const unmet: Unmet[] = [];

  /** Places up to `want` units of demand `di` in hour `t`, nearest site first; returns units placed. */
  const place = (di: number, t: number, want: number): number => {
    const d = sc.demands[di]!;
    const ci = CLASS_INDEX[d.class];
    const gb = d.dataGBPerUnit ?? 0;
    const oi = oIdx.get(d.origin)!;
    let left = want;
    for (const s of candidates[di]!) {
      if (left <= ZERO) break;
      const k = (s * NC + ci) * H + t;
      let take = Math.min(left, usable[k]! - used[k]!);
      const pair = oi * nS + s;
      const bw = gb > 0 ? links.get(pair)?.bandwidthGbps : undefined;
      const bk = pair * H + t;
      if (bw !== undefined) take = Math.min(take, (bandwidthLeft.get(bk) ?? 450 * bw) / gb);
      if (take <= ZERO) continue;
      assignments.push({ demand: d.id, site: sc.sites[s]!.id, hour: t, amount: take });
      used[k]! += take;
      if (bw !== undefined) bandwidthLeft.set(bk, (bandwidthLeft.get(bk) ?? 450 * bw) - take * gb);
      left -= take;
    }
    return want - left;
  };

  const interactive: number[] = [];
  const deferrable: number[] = [];
  sc.demands.forEach((d, i) => (d.window ? deferrable : interactive).push(i));
  const remaining = new Float64Array(sc.demands.length);
  for (const i of deferrable) remaining[i] = totalOf(sc.demands[i]!);

  for (let t = 0; t < H; t++) {
    for (const i of interactive) {
      const want = valueAt(sc.demands[i]!.amount, t);
      const short = want - place(i, t, want);
      if (short > ZERO) unmet.push({ demand: sc.demands[i]!.id, hour: t, amount: short });
    }
    for (const i of deferrable) {
      const w = sc.demands[i]!.window!;
      if (t < w.release || t >= w.deadline || remaining[i]! <= ZERO) continue;
      remaining[i]! -= place(i, t, Math.min(remaining[i]!, w.maxPerHour ?? Infinity));
    }
  }
  for (const i of deferrable) {
    if (remaining[i]! > ZERO) unmet.push({ demand: sc.demands[i]!.id, hour: null, amount: remaining[i]! });
  }

  const utilization: Utilization[] = [];
  sc.sites.forEach((site, s) => {
    for (const cls of COMPUTE_CLASSES) {
      const cap = site.capacity[cls];
      if (cap === undefined) continue;
      for (let t = 0; t < H; t++) {
        const k = (s * NC + CLASS_INDEX[cls]) * H + t;
        utilization.push({ site: site.id, class: cls, hour: t, used: used[k]!, capacity: usable[k]!, shadowPrice: 0 });
      }
    }
  });

  const solver = {
    backend: 'baseline' as const,
    ms: performance.now() - t0,
    variables: 0,
    constraints: 0,
    lpObjective: null,
    reason: 'baseline: nearest feasible site, filled greedily hour by hour; no solver ran',
  };
  const message = 'baseline, not an optimum: each unit at the nearest feasible site with room (latency only; prices and carbon ignored)';
  return planFromSchedule(sc, 'optimal', message, assignments, unmet, utilization, solver, { demands: sc.demands.length, solved: sc.demands.length, merged: 0 });
}

/** Total unit-hours of a deferrable demand (validation makes `amount` a number; an array is summed). */
function totalOf(d: Demand): number {
  return typeof d.amount === 'number' ? d.amount : d.amount.reduce((a, x) => a + x, 0);
}

/**
 * The scenario of baseline (b), "cost-optimal ignoring carbon": the same scenario with
 * `prices.carbonPerTonne` = 0 and the carbon policy rows removed (`policy.carbonCapTonnes`,
 * `policy.minGreenShare` and every `sites[].minGreenShare`). Everything else stays: capacity,
 * `maxUtilization`, latency, data rules, `allowUnmet`, penalties, green supply (which then only
 * lowers the reported market-based carbon). Pure; the input is not changed.
 */
export function costOnlyScenario(scenario: Scenario): Scenario {
  const { policy, ...rest } = scenario;
  let kept: Policy | undefined;
  if (policy) {
    const { carbonCapTonnes: _cap, minGreenShare: _share, ...others } = policy;
    kept = others;
  }
  return {
    ...rest,
    name: `${scenario.name ?? 'scenario'} (carbon ignored)`,
    sites: scenario.sites.map(withoutGreenShare),
    prices: { ...scenario.prices, carbonPerTonne: 0 },
    ...(kept ? { policy: kept } : {}),
  };
}

function withoutGreenShare(site: Site): Site {
  const { minGreenShare: _share, ...rest } = site;
  return rest;
}

/**
 * A plan restated under `scenario`'s real prices: objective, costs, carbon and energy rows
 * recomputed with the normative formulas from its assignments and unmet work (the schedule is
 * unchanged). `solver.lpObjective` becomes null, since it belonged to another objective; the
 * message keeps it. A plan without a schedule is returned as it is.
 */
export function evaluatePlan(scenario: Scenario, plan: Plan): Plan {
  if (plan.objective === null) return plan;
  const totals = recomputePlanTotals(scenario, plan.assignments, plan.unmet);
  const lp = plan.solver.lpObjective;
  const { policyPrices: _prices, ...rest } = plan;
  return {
    ...rest,
    message: `${plan.message}; evaluated with the real prices (the solved objective was ${(lp ?? plan.objective).toFixed(2)} CNY)`,
    objective: totals.objective,
    costs: totals.costs,
    carbon: totals.carbon,
    energy: totals.energy,
    solver: { ...plan.solver, lpObjective: null },
  };
}

/**
 * Baseline (b), cost-optimal ignoring carbon: `solve(costOnlyScenario(scenario), options)`, then
 * {@link evaluatePlan} under the real `scenario`, so that its cost includes the carbon it emits at
 * the real carbon price. The plan keeps every hard rule; it may break the real scenario's carbon
 * policy rows (which `verifyPlan` reports). Its shadow prices are those of the carbon-blind LP.
 * Throws like `solve` (`ScenarioError`, `OptionsError`).
 */
export async function costOnlyPlan(scenario: Scenario, options: SolveOptions = {}): Promise<Plan> {
  const sc = validateScenario(scenario);
  return evaluatePlan(sc, await solve(costOnlyScenario(sc), options));
}
