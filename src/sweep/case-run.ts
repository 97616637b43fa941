/**
 * One case of a sweep, start to end: the case's scenario, a `solve` (or a `simulate` for the
 * `seeds` axis), `verifyPlan`, and the JSON line. The same function runs in this thread, in a
 * tinypool worker and in a queue worker, so every runner gives the same line (but `ms`).
 */
import type { Plan } from '../plan/types.js';
import { verifyPlan } from '../plan/verify.js';
import { unservableDemands, validateScenario } from '../scenario/validate.js';
import type { Scenario } from '../scenario/types.js';
import { simulate } from '../simulate/simulate.js';
import { solve, solveVariant, type BackendName } from '../solve/solve.js';
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

/** "n demands (ids) had no site left: u unit-hours stranded" for the demands an outage strands. */
function strandedMessage(sc: Scenario, plan: Plan): string | undefined {
  const lost = new Set(unservableDemands(sc).map((i) => sc.demands[i]!.id));
  if (lost.size === 0) return undefined;
  const ids = [...lost];
  const units = plan.objective === null ? undefined : plan.unmet.reduce((s, u) => s + (lost.has(u.demand) ? u.amount : 0), 0);
  const list = `${ids.length} demand${ids.length === 1 ? '' : 's'} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}) had no site left`;
  return units === undefined ? list : `${list}: ${units} unit-hours stranded`;
}

const total = (p: Plan) => p.unmet.reduce((s, u) => s + u.amount, 0);

/** The line of a plan of the scenario `sc`. */
function lineOf(c: SweepCase, sc: Scenario, plan: Plan, ms: number): SweepLine {
  const ok = plan.objective !== null;
  const verified = ok && verifyPlan(sc, plan).ok;
  const costs = plan.costs;
  return {
    id: c.id,
    params: c.params,
    status: plan.status,
    objective: ok ? plan.objective! : null,
    costs: costs ? { compute: costs.compute, energy: costs.energy, transfer: costs.transfer, carbon: costs.carbon, unmet: costs.unmet } : null,
    carbon: plan.carbon ? { locationTonnes: plan.carbon.locationTonnes, marketTonnes: plan.carbon.marketTonnes } : null,
    unmet: ok ? total(plan) : null,
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
    if (p.outage === undefined) return lineOf(c, sc, await solve(sc, opts), performance.now() - t0);
    // An outage case: the case without its outage must be valid; with it, a demand left with no
    // site keeps its work as unmet (hard demand: infeasible), the way whatIf reports it.
    const { outage: _outage, ...rest } = p;
    validateScenario(caseScenario(ctx.base, rest));
    const plan = await solveVariant(sc, opts);
    const line = lineOf(c, sc, plan, performance.now() - t0);
    const why = strandedMessage(sc, plan);
    return why === undefined ? line : { ...line, message: line.message ? `${why}; ${line.message}` : why };
  } catch (e) {
    return { id: c.id, params: p, status: 'error', objective: null, costs: null, carbon: null, unmet: null, backend, ms: performance.now() - t0, verified: false, message: (e as Error)?.message ?? String(e) };
  }
}
