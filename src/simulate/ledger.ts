/**
 * The ledger of a simulation: commits each hour's decisions against the ACTUAL scenario, carries
 * unfinished deferrable work and the horizon-wide policy balances forward, and finally states the
 * committed schedule as a Plan of the actual scenario (totals recomputed by the normative formulas).
 */
import { unitCostAt, unitEnergyKWh } from '../formulate/placement.js';
import { unmetPenaltyOf } from '../scenario/lookups.js';
import { planFromSchedule } from '../solve/to-plan.js';
import type { Assignment, Plan, PlanStatus, SolverInfo, Unmet, Utilization } from '../plan/types.js';
import { valueAt, valueAtOr0 } from '../scenario/hourly.js';
import { pricedCarbon } from '../scenario/carbon-signal.js';
import { COMPUTE_CLASSES, type Scenario } from '../scenario/types.js';
import type { FirstHour } from './replan.js';
import type { CarryState, SimContext } from './subproblem.js';

/** What one committed hour did, in units. */
export interface CommitSummary {
  readonly servedUnits: number;
  readonly unmetUnits: number;
  readonly backlogUnits: number;
}

/** Residues below this share of a demand's amount are rounding, not unmet work. */
const REL_ZERO = 1e-9;

/**
 * Running state of a simulation (what `CarryState` hands to the next re-plan) and the committed
 * schedule so far. Internal: `simulate` owns one per run.
 */
export class Ledger implements CarryState {
  readonly remaining: Float64Array;
  tonnes = 0;
  greenSurplus = 0;
  readonly siteGreenSurplus: Float64Array;
  unmetInteractive = 0;
  unmetDeferrable = 0;
  hoursCommitted = 0;
  private readonly assignments: Assignment[] = [];
  private readonly unmet: Unmet[] = [];
  private readonly utilization: Utilization[] = [];

  private readonly sc: Scenario;

  constructor(private readonly ctx: SimContext) {
    const sc = ctx.actual;
    this.sc = sc;
    this.remaining = Float64Array.from(sc.demands, (d) => (d.window ? (d.amount as number) : 0));
    this.siteGreenSurplus = new Float64Array(sc.sites.length);
  }

  /**
   * Commits hour `h`: the re-plan's first-hour placements, cut to the actual demand (interactive)
   * or the remaining work (deferrable). Interactive demand above the plan (a forecast that was too
   * low) is served where the hour has spare capacity, cheapest usable site first, while that costs
   * less than the unmet penalty: a real-time recourse, which an optimal plan of exact values never
   * needs. Not with a carbon cap or green shares: those rows may be why the plan left demand unmet. What is still short is unmet for the hour; deferrable work left when its deadline passes
   * is unmet (hour null). Empty placements (no feasible re-plan) leave the hour to the recourse.
   */
  commit(h: number, first: FirstHour): CommitSummary {
    const { sc } = this;
    const nS = sc.sites.length;
    const NC = COMPUTE_CLASSES.length;
    const byDemand = new Map<number, { site: number; amount: number }[]>();
    for (const p of first.placements) {
      const list = byDemand.get(p.demand);
      if (list) list.push(p);
      else byDemand.set(p.demand, [p]);
    }
    const mu = sc.policy?.maxUtilization ?? 1;
    const used = new Float64Array(nS * NC);
    /** Units of demand · nS + site placed this hour. */
    const x = new Map<number, number>();
    const place = (di: number, s: number, amount: number): void => {
      x.set(di * nS + s, (x.get(di * nS + s) ?? 0) + amount);
      used[s * NC + COMPUTE_CLASSES.indexOf(sc.demands[di]!.class)]! += amount;
    };
    let unmetUnits = 0;
    let backlogUnits = 0;
    const short: [di: number, units: number][] = [];

    sc.demands.forEach((d, di) => {
      const list = byDemand.get(di) ?? [];
      const planned = list.reduce((a, p) => a + p.amount, 0);
      const w = d.window;
      // Interactive: serve up to the actual amount; deferrable: up to the work left.
      const limit = w ? this.remaining[di]! : valueAt(d.amount, h);
      const k = planned > limit ? limit / planned : 1;
      for (const p of list) if (p.amount * k > 0) place(di, p.site, p.amount * k);
      const served = planned * k;
      if (!w) {
        if (limit - served > REL_ZERO * Math.max(1, limit)) short.push([di, limit - served]);
        return;
      }
      if (h < w.release || h >= w.deadline) return;
      this.remaining[di] = Math.max(0, limit - served);
      if (h === w.deadline - 1) {
        const left = this.remaining[di]!;
        if (left > REL_ZERO * Math.max(1, d.amount as number)) {
          this.unmet.push({ demand: d.id, hour: null, amount: left });
          this.unmetDeferrable += left;
          unmetUnits += left;
        }
        this.remaining[di] = 0;
      } else backlogUnits += this.remaining[di]!;
    });

    const policy = sc.policy ?? {};
    const recourse = policy.carbonCapTonnes === undefined && !((policy.minGreenShare ?? 0) > 0) && !sc.sites.some((x) => (x.minGreenShare ?? 0) > 0);
    for (const [di, units] of short) {
      let left = units;
      const d = sc.demands[di]!;
      const c = COMPUTE_CLASSES.indexOf(d.class);
      for (const { s, cost } of recourse ? this.recourseSites(di, h) : []) {
        if (!(left > 0) || !(cost < unmetPenaltyOf(sc, d.class))) break;
        const spare = valueAt(sc.sites[s]!.capacity[d.class]!, h) * mu - used[s * NC + c]!;
        const take = Math.min(left, spare);
        if (!(take > 0)) continue;
        place(di, s, take);
        left -= take;
      }
      if (left > REL_ZERO * Math.max(1, valueAt(d.amount, h))) {
        this.unmet.push({ demand: d.id, hour: h, amount: left });
        this.unmetInteractive += left;
        unmetUnits += left;
      }
    }

    const kWh = new Float64Array(nS);
    let servedUnits = 0;
    // Demand-major, sites in order: the same order whatever the backend returned.
    for (const key of [...x.keys()].sort((a, b) => a - b)) {
      const amount = x.get(key)!;
      const di = Math.floor(key / nS);
      const s = key - di * nS;
      const d = sc.demands[di]!;
      const site = sc.sites[s]!;
      this.assignments.push({ demand: d.id, site: site.id, hour: h, amount });
      kWh[s]! += unitEnergyKWh(site, d.class) * amount;
      servedUnits += amount;
    }

    // Horizon-wide balances with the ACTUAL green supply of this hour.
    const location = policy.carbonAccounting === 'location';
    const share = policy.minGreenShare ?? 0;
    sc.sites.forEach((site, s) => {
      const E = kWh[s]!;
      const green = Math.min(E, 1000 * valueAtOr0(site.greenSupplyMW, h));
      const F = valueAt(pricedCarbon(sc, site), h);
      this.tonnes += ((location ? E : E - green) * F) / 1000;
      this.greenSurplus += green - share * E;
      this.siteGreenSurplus[s]! += green - (site.minGreenShare ?? 0) * E;
      COMPUTE_CLASSES.forEach((cls, c) => {
        const cap = site.capacity[cls];
        if (cap === undefined) return;
        this.utilization.push({ site: site.id, class: cls, hour: h, used: used[s * NC + c]!, capacity: valueAt(cap, h) * mu, shadowPrice: first.shadowPrice[s * NC + c]! });
      });
    });
    this.hoursCommitted = h + 1;
    return { servedUnits, unmetUnits, backlogUnits };
  }

  /**
   * Usable sites of demand `di` in hour `h` by per-unit cost (compute + energy + transfer + carbon
   * on all energy: green is not counted on, so the cost is never understated).
   */
  private recourseSites(di: number, h: number): { s: number; cost: number }[] {
    const { sc, ctx } = this;
    const d = sc.demands[di]!;
    const nS = sc.sites.length;
    const o = ctx.originOf[di]!;
    const data = d.dataGBPerUnit ?? 0;
    return ctx.usable[di]!
      .map((s) => {
        const site = sc.sites[s]!;
        const cost = unitCostAt(sc, site, d.class, h, data, ctx.perGB[o * nS + s]!);
        return { s, cost };
      })
      .sort((a, b) => a.cost - b.cost || a.s - b.s);
  }

  /** The committed schedule as a Plan of the actual scenario. */
  toPlan(status: PlanStatus, message: string, solver: SolverInfo): Plan {
    const presolve = { demands: this.sc.demands.length, solved: this.sc.demands.length, merged: 0 };
    return planFromSchedule(this.sc, status, message, [...this.assignments], [...this.unmet], [...this.utilization], solver, presolve);
  }
}
