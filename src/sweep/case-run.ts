/**
 * One case of a sweep, start to end: the case's scenario, a `solve` (or a `simulate` for the
 * `seeds` axis), `verifyPlan`, and the JSON line. The same function runs in this thread, in a
 * tinypool worker and in a queue worker, so every runner gives the same line (but `ms`).
 */
import { ScenarioError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { verifyPlan } from '../plan/verify.js';
import { unmetPenaltyOf } from '../scenario/lookups.js';
import type { Scenario } from '../scenario/types.js';
import { simulate } from '../simulate/simulate.js';
import { solve, type BackendName } from '../solve/solve.js';
import { caseScenario } from './cases.js';
import type { CaseParams, SweepCase, SweepLine, SweepSimulate } from './spec-types.js';

/** What a case needs besides its params (structured-clone safe: it crosses to worker threads). */
export interface CaseContext {
  /** The base scenario, validated. */
  readonly base: Scenario;
  /** Backend of every case unless `params.backend`. */
  readonly backend?: BackendName;
  readonly timeLimitSeconds?: number;
  readonly simulate?: SweepSimulate;
}

const DEMAND_PATH = /^demands\[(\d+)\]/;

/**
 * The demands an outage strands (validation's `unservable` issues): their indices, or undefined
 * when the scenario has another problem. Validation refuses a demand no site can serve; an
 * outage case keeps such a demand's work as unmet instead (the way whatIf reports it).
 */
function strandedDemands(e: ScenarioError): Set<number> | undefined {
  const out = new Set<number>();
  for (const i of e.issues) {
    const m = DEMAND_PATH.exec(i.path);
    if (i.rule !== 'unservable' || !m) return undefined;
    out.add(Number(m[1]));
  }
  return out;
}

/** Unit-hours of a demand over the horizon (replica copies counted), as the plan counts unmet work. */
function demandUnits(sc: Scenario, d: Scenario['demands'][number]): number {
  const a = d.amount;
  const units = typeof a === 'number' ? (d.window ? a : a * sc.horizonHours) : a.reduce((s, x) => s + x, 0);
  return units * (d.replicas ?? 1);
}

const total = (p: Plan) => p.unmet.reduce((s, u) => s + u.amount, 0);

/** The line of a plan (of the scenario `sc`), with `extra` stranded units and their penalty added. */
function lineOf(c: SweepCase, sc: Scenario, plan: Plan, ms: number, stranded = { units: 0, cost: 0 }): SweepLine {
  const ok = plan.objective !== null;
  const verified = ok && verifyPlan(sc, plan).ok;
  const costs = plan.costs;
  return {
    id: c.id,
    params: c.params,
    status: plan.status,
    objective: ok ? plan.objective! + stranded.cost : null,
    costs: costs ? { compute: costs.compute, energy: costs.energy, transfer: costs.transfer, carbon: costs.carbon, unmet: costs.unmet + stranded.cost } : null,
    carbon: plan.carbon ? { locationTonnes: plan.carbon.locationTonnes, marketTonnes: plan.carbon.marketTonnes } : null,
    unmet: ok ? total(plan) + stranded.units : null,
    backend: plan.solver.backend,
    ms,
    verified,
    ...(plan.status !== 'optimal' ? { message: plan.message } : {}),
  };
}

/** Runs one case; never throws for the case's own outcome (a thrown error becomes status `error`). */
export async function runSweepCase(c: SweepCase, ctx: CaseContext, signal?: AbortSignal): Promise<SweepLine> {
  const t0 = performance.now();
  const p: CaseParams = c.params;
  const backend = p.backend ?? ctx.backend ?? 'auto';
  const sc = caseScenario(ctx.base, p);
  const opts = { backend, ...(ctx.timeLimitSeconds !== undefined ? { timeLimitSeconds: ctx.timeLimitSeconds } : {}), ...(signal ? { signal } : {}) };
  try {
    if (p.seed !== undefined) {
      const s = ctx.simulate ?? {};
      const r = await simulate(sc, {
        lookaheadHours: s.lookaheadHours ?? 24,
        seed: p.seed,
        forecastError: { demand: s.demandError ?? 0, green: s.greenError ?? 0 },
        perfectForesight: false,
        ...opts,
      });
      const verified = verifyPlan(sc, r.plan).ok;
      return {
        id: c.id,
        params: p,
        status: r.status,
        objective: r.objective,
        costs: { compute: r.costs.compute, energy: r.costs.energy, transfer: r.costs.transfer, carbon: r.costs.carbon, unmet: r.costs.unmet },
        carbon: { locationTonnes: r.carbon.locationTonnes, marketTonnes: r.carbon.marketTonnes },
        unmet: r.unmet.total,
        backend: r.plan.solver.backend,
        ms: performance.now() - t0,
        verified,
        ...(r.status !== 'optimal' ? { message: r.message } : {}),
      };
    }
    try {
      const plan = await solve(sc, opts);
      return lineOf(c, sc, plan, performance.now() - t0);
    } catch (e) {
      const gone = p.outage !== undefined && e instanceof ScenarioError ? strandedDemands(e) : undefined;
      if (!gone) throw e;
      // The outage left these demands with no site: their work is unmet (hard demand: infeasible).
      const lost = sc.demands.filter((_, i) => gone.has(i));
      const units = lost.reduce((s, d) => s + demandUnits(sc, d), 0);
      const cost = lost.reduce((s, d) => s + demandUnits(sc, d) * unmetPenaltyOf(sc, d.class), 0);
      const rest: Scenario = { ...sc, demands: sc.demands.filter((_, i) => !gone.has(i)) };
      const why = `${lost.length} demand${lost.length === 1 ? '' : 's'} (${lost.map((d) => d.id).slice(0, 5).join(', ')}${lost.length > 5 ? ', …' : ''}) had no site left: ${units} unit-hours stranded`;
      if (sc.policy?.allowUnmet === false) {
        return { id: c.id, params: p, status: 'infeasible', objective: null, costs: null, carbon: null, unmet: null, backend, ms: performance.now() - t0, verified: false, message: `${why}, and policy.allowUnmet is false` };
      }
      const plan = rest.demands.length > 0 ? await solve(rest, opts) : undefined;
      if (!plan) {
        return { id: c.id, params: p, status: 'optimal', objective: cost, costs: { compute: 0, energy: 0, transfer: 0, carbon: 0, unmet: cost }, carbon: { locationTonnes: 0, marketTonnes: 0 }, unmet: units, backend, ms: performance.now() - t0, verified: true, message: `${why} (every demand)` };
      }
      const line = lineOf(c, rest, plan, performance.now() - t0, { units, cost });
      return { ...line, message: line.message ? `${why}; ${line.message}` : why };
    }
  } catch (e) {
    return { id: c.id, params: p, status: 'error', objective: null, costs: null, carbon: null, unmet: null, backend, ms: performance.now() - t0, verified: false, message: (e as Error)?.message ?? String(e) };
  }
}
