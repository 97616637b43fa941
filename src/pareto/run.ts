/** Book-keeping shared by both frontier methods: solves counted, statuses and notes kept, points built. */
import type { Plan, PlanStatus } from '../plan/types.js';
import type { CarbonAccounting, Scenario } from '../scenario/types.js';
import { solve, solveVariant, type SolveOptions } from '../solve/solve.js';
import { toFrontier, GAP_NOISE, PARETO_TOLERANCE, type Candidate } from './filter.js';
import { accountingOf, minCarbonScenario, tonnesOf } from './min-carbon.js';
import type { CheckedParetoOptions } from './options.js';
import type { ParetoFrontier, ParetoPoint } from './types.js';

/** The scenario with `policy.carbonCapTonnes` set (null: the scenario's own policy). */
export const withCap = (sc: Scenario, cap: number | null): Scenario => (cap === null ? sc : { ...sc, policy: { ...sc.policy, carbonCapTonnes: cap } });

/** The scenario with `prices.carbonPerTonne` set. */
export const withPrice = (sc: Scenario, p: number): Scenario => ({ ...sc, prices: { ...sc.prices, carbonPerTonne: p } });

/** Readable number for labels and notes. */
export const fmt = (x: number): string => String(Number(x.toPrecision(6)));

/** Whether carbon figures a and b differ by more than the frontier's tolerance. */
export const differ = (a: number, b: number): boolean => Math.abs(a - b) > PARETO_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

/** One frontier's solves in progress. */
export class FrontierRun {
  readonly t0 = performance.now();
  readonly notes: string[] = [];
  readonly candidates: Candidate[] = [];
  solves = 0;
  /** Cap points that started decompose from the previous cap point's multipliers. */
  warmStarts = 0;
  status: PlanStatus = 'optimal';
  /** Decompose multipliers of the last cap point (by row name), the next one's warm start. */
  private multipliers: Map<string, number> | undefined;
  readonly accounting: CarbonAccounting;

  constructor(
    readonly sc: Scenario,
    readonly latencyScale: number,
    readonly o: CheckedParetoOptions,
  ) {
    this.accounting = accountingOf(sc);
  }

  /**
   * Options for the helper solves (the cap method's min-cost end, least carbon, probe): \`flow\` and
   * \`decompose\` become \`auto\`, so the ends that set the frontier's carbon range are exact where
   * glpk.js is what \`auto\` picks (a decompose plan within its gap may carry far more carbon).
   */
  get helperOptions(): SolveOptions {
    const b = this.o.solve.backend;
    return b === 'flow' || b === 'decompose' ? { ...this.o.solve, backend: 'auto' } : this.o.solve;
  }

  get aborted(): boolean {
    return this.o.solve.signal?.aborted ?? false;
  }

  /** Solves and records the status (the frontier's status is the first non-optimal one). */
  async solve(sc: Scenario, options: SolveOptions = this.o.solve): Promise<Plan> {
    this.solves++;
    const plan = await solve(sc, options);
    this.record(plan);
    return plan;
  }

  /**
   * Solves one point of the frontier's chain (a variant of the validated scenario: a cap or price
   * changed): decompose starts from the previous point's multipliers (by row name: the carbon cap
   * row and the green rows keep their names from cap to cap); other backends ignore them.
   */
  async solvePoint(sc: Scenario): Promise<Plan> {
    this.solves++;
    if (this.multipliers) this.warmStarts++;
    const plan = await solveVariant(sc, this.o.solve, {
      ...(this.multipliers ? { initialMultipliers: this.multipliers } : {}),
      onMultipliers: (m) => (this.multipliers = m),
    });
    if (plan.solver.backend !== 'decompose' && this.multipliers) this.warmStarts--;
    this.record(plan);
    return plan;
  }

  record(plan: Plan): void {
    if (plan.status !== 'optimal' && this.status === 'optimal') this.status = plan.status;
  }

  /** Adds a solved plan as a candidate point, or a note when it has no plan. */
  add(label: string, plan: Plan, cap: number | null, carbonPrice: number): void {
    if (plan.objective === null || plan.costs === null || plan.carbon === null) {
      this.notes.push(`${label}: dropped, the solve ended "${plan.status}" without a plan (${plan.message})`);
      return;
    }
    const point: Omit<ParetoPoint, 'mac' | 'macUncertainty'> = {
      cap,
      carbonPrice,
      status: plan.status,
      cost: plan.objective - plan.costs.carbon,
      objective: plan.objective,
      carbonTonnes: tonnesOf(plan, this.accounting),
      locationTonnes: plan.carbon.locationTonnes,
      marketTonnes: plan.carbon.marketTonnes,
      capPrice: cap === null ? null : (plan.policyPrices?.carbonCap ?? null),
      gap: plan.solver.gap ?? 0,
      ...(this.o.includePlans ? { plan } : {}),
    };
    this.candidates.push({ label, point });
  }

  /**
   * The least carbon reachable from `baseline` per `abatement` (see min-carbon.ts), or null with a
   * note when that solve has no plan. A stopped solve's plan still bounds it from above.
   */
  async leastCarbon(baseline: Plan): Promise<number | null> {
    const plan = await this.solve(minCarbonScenario(this.sc, baseline, this.o.abatement), this.helperOptions);
    if (plan.carbon === null) {
      this.notes.push(`the least-carbon solve ended "${plan.status}" without a plan (${plan.message}), so the frontier stops at its first point`);
      return null;
    }
    const t = tonnesOf(plan, this.accounting);
    if (plan.status !== 'optimal') this.notes.push(`the least-carbon solve ended "${plan.status}": ${fmt(t)} t is only an upper bound on the least carbon`);
    return t;
  }

  /**
   * Adds the high-carbon end (`plan`, called `what` in notes) and finds the least carbon below it:
   * the carbon range `{ high, low }` to fill with points, or the finished frontier when there is
   * no plan at that end, no least-carbon plan, or nothing to abate between them.
   */
  async ends(label: string, what: string, plan: Plan, cap: number | null, carbonPrice: number): Promise<{ high: number; low: number } | ParetoFrontier> {
    this.add(label, plan, cap, carbonPrice);
    if (plan.carbon === null) {
      this.notes.push(`no frontier: the ${what} solve has no plan`);
      return this.finish(null, null);
    }
    const high = tonnesOf(plan, this.accounting);
    const least = await this.leastCarbon(plan);
    if (least === null) return this.finish(high, null);
    // The high end is feasible for the least-carbon LP, so least ≤ high up to solver noise.
    const low = Math.min(least, high);
    if (!differ(high, low)) {
      this.notes.push(`no abatement is possible: the least carbon equals the ${what} plan's ${fmt(high)} t, so one point is the whole frontier`);
      return this.finish(high, low);
    }
    return { high, low };
  }

  /** The frontier from the candidates so far; points asked for but not kept count as dropped. */
  finish(maxCarbonTonnes: number | null, minCarbonTonnes: number | null): ParetoFrontier {
    const f = toFrontier(this.candidates);
    const gapped = f.points.filter((p) => p.gap > GAP_NOISE);
    const notes = [...this.notes];
    if (this.warmStarts > 0) notes.push(`${this.warmStarts} decompose point${this.warmStarts === 1 ? '' : 's'} started from the previous point's multipliers`);
    if (gapped.length > 0) {
      const worst = Math.max(...gapped.map((p) => p.gap));
      notes.push(
        `${gapped.length} point${gapped.length === 1 ? ' is' : 's are'} optimal only within a proved gap (decompose; worst ${fmt(100 * worst)}%): such a point's cost may sit up to gap · objective above the least cost at its cap or price, so each MAC is uncertain by macUncertainty (CNY/t, either way)`,
      );
    }
    return {
      latencyScale: this.latencyScale,
      status: this.status,
      points: f.points,
      maxCarbonTonnes,
      minCarbonTonnes,
      dropped: this.o.points - f.points.length,
      notes: [...notes, ...f.notes],
      solves: this.solves,
      ms: performance.now() - this.t0,
    };
  }
}
