/**
 * The independent plan verifier: checks any plan against its scenario with the normative formulas
 * of DESIGN.md §3, reading only the scenario and the plan (never the model or the solver).
 * Every violation is reported, not only the first.
 */
import { OptionsError } from '../errors.js';
import { geoLatencyMs, LATENCY_EPS_MS } from '../geo/haversine.js';
import { valueAt } from '../scenario/hourly.js';
import { COMPUTE_CLASSES, type ComputeClass, type Scenario } from '../scenario/types.js';
import { checkedTotals, pairLinks } from './verify-totals.js';
import { checkMarginalFigures } from './verify-marginal.js';
import type { Plan } from './types.js';
import { verifyDataRules } from './verify-data.js';
import { replicaViolations } from './verify-replicas.js';
import { securityViolations } from './verify-security.js';

/** The rule a violation breaks. */
export type ViolationRule =
  | 'unknown-demand'
  | 'unknown-site'
  | 'hour-range'
  | 'negative'
  | 'latency'
  | 'allowed-sites'
  | 'class-capacity'
  | 'capacity'
  | 'demand-conservation'
  | 'window'
  | 'max-per-hour'
  | 'bandwidth'
  | 'min-green-share'
  | 'site-min-green-share'
  | 'carbon-cap'
  | 'unmet-not-allowed'
  | 'objective'
  | 'costs'
  | 'carbon'
  | 'energy'
  | 'utilization'
  | 'residency'
  | 'dataset-copy'
  | 'model-replica'
  | 'replica-capacity'
  | 'min-replicas'
  | 'backbone'
  | 'replica'
  | 'replica-split'
  | 'replica-groups'
  | 'security';

/** One broken rule, with what it concerns. */
export interface Violation {
  readonly rule: ViolationRule;
  /** One readable sentence with the numbers involved. */
  readonly message: string;
  /** Demand id, where the rule concerns one demand. */
  readonly demand?: string;
  /** Site id, where the rule concerns one site. */
  readonly site?: string;
  /** Hour, where the rule concerns one hour (null: a windowed demand's whole window). */
  readonly hour?: number | null;
}

/** Outcome of {@link verifyPlan}: `ok` exactly when `violations` is empty. */
export interface VerifyResult {
  readonly ok: boolean;
  readonly violations: Violation[];
}

/** Options of {@link verifyPlan}. */
export interface VerifyOptions {
  /**
   * Tolerance of every comparison: |a − b| ≤ tolerance · max(1, |a|, |b|) (absolute on small
   * values, relative on large ones).
   * @default 1e-6
   */
  readonly tolerance?: number;
  /**
   * `full`: every check. `core`: the checks of what a solver decides (references, hours, signs,
   * latency, allowed sites, capacity, demand conservation, windows, bandwidth, policy rows, unmet
   * rules, and the plan's and the solver's objective against the one recomputed from the plan),
   * without comparing the derived report fields (cost terms, carbon figures, energy and
   * utilization rows) one by one; what `solve` runs on every plan before returning it.
   * @default "full"
   */
  readonly mode?: 'full' | 'core';
}

/** Defaults of {@link VerifyOptions}. */
export const defaultVerifyOptions: Required<VerifyOptions> = { tolerance: 1e-6, mode: 'full' };

const CLASS_INDEX: Readonly<Record<ComputeClass, number>> = { general: 0, intelligent: 1, super: 2 };
const NC = COMPUTE_CLASSES.length;

const fmt = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(10))) : String(v));
const isHour = (t: unknown, H: number): t is number => typeof t === 'number' && Number.isInteger(t) && t >= 0 && t < H;

/** Adds `v` to `m[key]`. */
function bump(m: Map<number, number>, key: number, v: number): void {
  m.set(key, (m.get(key) ?? 0) + v);
}

/**
 * Checks `plan` against `scenario`: references, hours, signs, latency, allowed sites, capacity,
 * demand conservation, windows, bandwidth, green shares, carbon cap, unmet rules, and that the
 * plan's objective, costs, carbon, energy rows and utilization agree with values recomputed from
 * its assignments (DESIGN.md §3). Returns every violation found. The scenario must be valid
 * (see `validateScenario`).
 *
 * A plan with status `infeasible` or without a plan (`objective` null) is ok only when it has no
 * assignments and no unmet entries (and, having no plan, no costs and no carbon).
 *
 * @example
 * const { ok, violations } = verifyPlan(scenario, plan);
 * if (!ok) console.log(violations.map((v) => `${v.rule}: ${v.message}`).join('\n'));
 */
export function verifyPlan(scenario: Scenario, plan: Plan, options: VerifyOptions = {}): VerifyResult {
  const tol = options.tolerance ?? defaultVerifyOptions.tolerance;
  if (typeof tol !== 'number' || !Number.isFinite(tol) || tol < 0) {
    throw new OptionsError('tolerance', 'must be a finite number ≥ 0');
  }
  const mode = options.mode ?? defaultVerifyOptions.mode;
  if (mode !== 'full' && mode !== 'core') throw new OptionsError('mode', `must be "full" or "core", got ${JSON.stringify(mode)}`);
  const out: Violation[] = [];
  const push = (v: Violation): void => {
    out.push(v);
  };
  const eq = (a: number, b: number): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
  const leq = (a: number, b: number): boolean => a - b <= tol * Math.max(1, Math.abs(a), Math.abs(b));

  const H = scenario.horizonHours;
  const sites = scenario.sites;
  const demands = scenario.demands;
  const nS = sites.length;
  const policy = scenario.policy ?? {};
  const mu = policy.maxUtilization ?? 1;
  const siteIdx = new Map(sites.map((s, i) => [s.id, i]));
  const demandIdx = new Map(demands.map((d, i) => [d.id, i]));
  const originIdx = new Map(scenario.origins.map((o, i) => [o.id, i]));
  const links = pairLinks(scenario);

  if (plan.horizonHours !== H) {
    push({ rule: 'hour-range', message: `plan.horizonHours is ${plan.horizonHours}; the scenario has ${H}` });
  }

  // ---- No plan: nothing may be placed or left unmet, and there is nothing to cost.
  if (plan.status === 'infeasible' || plan.objective === null) {
    const why = plan.status === 'infeasible' ? 'status "infeasible"' : 'objective null (no plan)';
    if (plan.assignments.length > 0) {
      push({ rule: 'objective', message: `a plan with ${why} must have no assignments; it has ${plan.assignments.length}` });
    }
    if (plan.unmet.length > 0) {
      push({ rule: 'objective', message: `a plan with ${why} must have no unmet entries; it has ${plan.unmet.length}` });
    }
    if (plan.objective !== null) {
      push({ rule: 'objective', message: `a plan with status "infeasible" must have objective null; it has ${fmt(plan.objective)}` });
    }
    if (plan.costs !== null) push({ rule: 'costs', message: `a plan with ${why} must have costs null` });
    if (plan.carbon !== null) push({ rule: 'carbon', message: `a plan with ${why} must have carbon null` });
    return { ok: out.length === 0, violations: out };
  }

  // ---- Assignments: references, hours, signs, pair rules; accumulate sums by index keys.
  const served = new Map<number, number>(); // demand · H + t → Σ_s x
  const servedTotal = new Float64Array(demands.length); // windowed: Σ_{s,t} x
  const classUse = new Map<number, number>(); // (site · NC + class) · H + t → Σ x
  const bandwidthUse = new Map<number, number>(); // (origin · nS + site) · H + t → Σ GB
  const latencyCache = new Float64Array(scenario.origins.length * nS).fill(NaN); // origin · nS + site → ms
  const allowedSets = new Map<number, ReadonlySet<string>>();

  const siteHourKWh = new Float64Array(nS * H);
  let compute = 0;
  let transfer = 0;
  let unmetCost = 0;

  plan.assignments.forEach((a, i) => {
    const di = demandIdx.get(a.demand);
    const si = siteIdx.get(a.site);
    const hourOk = isHour(a.hour, H);
    let usable = true;
    if (di === undefined) {
      push({ rule: 'unknown-demand', message: `assignments[${i}] names unknown demand "${a.demand}"`, demand: a.demand, site: a.site, hour: a.hour });
      usable = false;
    }
    if (si === undefined) {
      push({ rule: 'unknown-site', message: `assignments[${i}] names unknown site "${a.site}"`, demand: a.demand, site: a.site, hour: a.hour });
      usable = false;
    }
    if (!hourOk) {
      push({ rule: 'hour-range', message: `assignments[${i}] has hour ${String(a.hour)}; hours are integers 0 … ${H - 1}`, demand: a.demand, site: a.site, hour: a.hour });
      usable = false;
    }
    if (typeof a.amount !== 'number' || !Number.isFinite(a.amount)) {
      push({ rule: 'negative', message: `assignments[${i}] amount ${String(a.amount)} is not a finite number`, demand: a.demand, site: a.site, hour: a.hour });
      usable = false;
    } else if (a.amount < -tol) {
      push({ rule: 'negative', message: `assignments[${i}] amount ${fmt(a.amount)} is negative`, demand: a.demand, site: a.site, hour: a.hour });
    }
    if (di === undefined || si === undefined) return;
    const d = demands[di]!;
    const site = sites[si]!;
    const t = a.hour;

    const oi = originIdx.get(d.origin);
    if (oi !== undefined) {
      const pair = oi * nS + si;
      let ms = latencyCache[pair]!;
      if (Number.isNaN(ms)) {
        const o = scenario.origins[oi]!;
        ms = (links.size > 0 ? links.get(pair)?.latencyMs : undefined) ?? geoLatencyMs(o.lon, o.lat, site.lon, site.lat);
        latencyCache[pair] = ms;
      }
      if (!(ms <= d.maxLatencyMs + LATENCY_EPS_MS)) {
        push({ rule: 'latency', message: `assignments[${i}]: latency ${d.origin} → ${site.id} is ${fmt(ms)} ms, over the limit ${fmt(d.maxLatencyMs)} ms of demand "${d.id}"`, demand: d.id, site: site.id, hour: t });
      }
    }
    if (d.allowedSites) {
      let allowed = allowedSets.get(di);
      if (!allowed) {
        allowed = new Set(d.allowedSites);
        allowedSets.set(di, allowed);
      }
      if (!allowed.has(site.id)) {
        push({ rule: 'allowed-sites', message: `assignments[${i}]: site "${site.id}" is not among the allowedSites of demand "${d.id}"`, demand: d.id, site: site.id, hour: t });
      }
    }
    if (site.capacity[d.class] === undefined) {
      push({ rule: 'class-capacity', message: `assignments[${i}]: site "${site.id}" has no ${d.class} capacity, so it cannot serve demand "${d.id}"`, demand: d.id, site: site.id, hour: t });
    }
    if (d.window && hourOk && (t < d.window.release || t >= d.window.deadline)) {
      push({ rule: 'window', message: `assignments[${i}]: hour ${t} is outside the window [${d.window.release}, ${d.window.deadline}) of demand "${d.id}"`, demand: d.id, site: site.id, hour: t });
    }
    if (!usable) return;

    const x = a.amount;
    // Sums for the totals (DESIGN.md §3): compute, energy per site-hour, transfer.
    compute += (site.unitCost[d.class] ?? 0) * x;
    siteHourKWh[si * H + t]! += site.pue * (site.powerKW[d.class] ?? 0) * x;
    const perGB = (oi === undefined || links.size === 0 ? undefined : links.get(oi * nS + si)?.costPerGB) ?? scenario.prices.transferPerGB;
    if ((d.dataGBPerUnit ?? 0) !== 0) transfer += (d.dataGBPerUnit ?? 0) * x * perGB;
    bump(served, di * H + t, x);
    if (d.window) servedTotal[di]! += x;
    bump(classUse, (si * NC + CLASS_INDEX[d.class]) * H + t, x);
    const gb = d.dataGBPerUnit ?? 0;
    if (gb !== 0 && oi !== undefined && links.size > 0) {
      const pair = oi * nS + si;
      if (links.get(pair)?.bandwidthGbps !== undefined) bump(bandwidthUse, pair * H + t, gb * x);
    }
  });

  // ---- Unmet entries.
  const unmetHourly = new Map<number, number>(); // demand · H + t
  const unmetWindowed = new Float64Array(demands.length);
  plan.unmet.forEach((u, i) => {
    const where = `unmet[${i}]`;
    const di = demandIdx.get(u.demand);
    let usable = true;
    if (di === undefined) {
      push({ rule: 'unknown-demand', message: `${where} names unknown demand "${u.demand}"`, demand: u.demand, hour: u.hour });
      usable = false;
    }
    if (typeof u.amount !== 'number' || !Number.isFinite(u.amount)) {
      push({ rule: 'negative', message: `${where} amount ${String(u.amount)} is not a finite number`, demand: u.demand, hour: u.hour });
      usable = false;
    } else if (u.amount < -tol) {
      push({ rule: 'negative', message: `${where} amount ${fmt(u.amount)} is negative`, demand: u.demand, hour: u.hour });
    }
    if (di === undefined) return;
    const d = demands[di]!;
    // A windowed entry with an hour is still that demand's unmet work (reported, then counted); an
    // interactive entry without a valid hour belongs to no hour's balance (counted in costs only).
    let hourOk = true;
    if (d.window) {
      if (u.hour !== null) {
        push({ rule: 'hour-range', message: `${where}: unmet work of windowed demand "${d.id}" must have hour null, not ${String(u.hour)}`, demand: d.id, hour: u.hour });
      }
    } else if (!isHour(u.hour, H)) {
      push({ rule: 'hour-range', message: `${where}: unmet demand of interactive demand "${d.id}" needs an integer hour 0 … ${H - 1}, not ${String(u.hour)}`, demand: d.id, hour: u.hour });
      hourOk = false;
    }
    if (policy.allowUnmet === false && typeof u.amount === 'number' && u.amount > tol) {
      push({ rule: 'unmet-not-allowed', message: `${where}: ${fmt(u.amount)} units of demand "${d.id}" unmet, but policy.allowUnmet is false`, demand: d.id, hour: u.hour });
    }
    if (!usable) return;
    const penalty = scenario.prices.unmetPenalty;
    unmetCost += (typeof penalty === 'number' ? penalty : (penalty[d.class] ?? 0)) * u.amount;
    if (d.window) unmetWindowed[di]! += u.amount;
    else if (hourOk) bump(unmetHourly, di * H + (u.hour as number), u.amount);
  });

  // ---- Demand conservation, windows' per-hour caps.
  demands.forEach((d, di) => {
    if (d.window) {
      // Replicated demand: k full copies, unmet counted in replica-units.
      const k = d.replicas ?? 1;
      const total = k * (typeof d.amount === 'number' ? d.amount : d.amount.reduce((p, v) => p + v, 0));
      const got = servedTotal[di]! + unmetWindowed[di]!;
      if (!eq(got, total)) {
        push({ rule: 'demand-conservation', message: `demand "${d.id}": served ${fmt(servedTotal[di]!)} + unmet ${fmt(unmetWindowed[di]!)} = ${fmt(got)} unit-hours, but the window needs ${fmt(total)}${k > 1 ? ` (${k} copies)` : ''}`, demand: d.id, hour: null });
      }
      const cap = d.window.maxPerHour;
      if (cap !== undefined) {
        for (let t = 0; t < H; t++) {
          const x = served.get(di * H + t);
          if (x !== undefined && !leq(x, cap)) {
            push({ rule: 'max-per-hour', message: `demand "${d.id}" runs ${fmt(x)} units in hour ${t}, over window.maxPerHour ${fmt(cap)}`, demand: d.id, hour: t });
          }
        }
      }
      return;
    }
    for (let t = 0; t < H; t++) {
      const x = served.get(di * H + t) ?? 0;
      const u = unmetHourly.get(di * H + t) ?? 0;
      const k = d.replicas ?? 1;
      const a = k * valueAt(d.amount, t);
      if (!eq(x + u, a)) {
        push({ rule: 'demand-conservation', message: `demand "${d.id}" hour ${t}: served ${fmt(x)} + unmet ${fmt(u)} = ${fmt(x + u)}, but the demand is ${fmt(a)}${k > 1 ? ` (${k} copies)` : ''}`, demand: d.id, hour: t });
      }
    }
  });

  // ---- Replicas: copies, their parts of the work, distinct groups (verify-replicas.ts).
  for (const v of replicaViolations(scenario, plan, tol)) push(v);

  // ---- N-1 security: every outage of policy.survive re-routed within spare capacity (verify-security.ts).
  for (const v of securityViolations(scenario, plan, tol)) push(v);

  // ---- Capacity per site, class and hour.
  for (const [key, used] of classUse) {
    const t = key % H;
    const sc = (key - t) / H;
    const ci = sc % NC;
    const si = (sc - ci) / NC;
    const site = sites[si]!;
    const cls = COMPUTE_CLASSES[ci]!;
    const cap = site.capacity[cls];
    if (cap === undefined) continue; // reported as class-capacity per assignment
    const limit = valueAt(cap, t) * mu;
    if (!leq(used, limit)) {
      push({ rule: 'capacity', message: `site "${site.id}" ${cls} hour ${t}: ${fmt(used)} units used, over the usable capacity ${fmt(limit)}`, site: site.id, hour: t });
    }
  }

  // ---- Bandwidth per link with bandwidthGbps.
  for (const [key, gb] of bandwidthUse) {
    const t = key % H;
    const pair = (key - t) / H;
    const link = links.get(pair)!;
    const limit = 450 * link.bandwidthGbps!;
    if (!leq(gb, limit)) {
      push({ rule: 'bandwidth', message: `link ${link.from} → ${link.to} hour ${t}: ${fmt(gb)} GB moved, over ${fmt(limit)} GB (450 · ${fmt(link.bandwidthGbps!)} Gbps)`, site: link.to, hour: t });
    }
  }

  // ---- Totals from the sums above, with the verifier's own arithmetic (never the plan builder's
  // recompute.ts); full mode also builds the energy rows that the report fields are compared with.
  const totals = checkedTotals(scenario, { siteHourKWh, compute, transfer, unmet: unmetCost }, mode === 'full');

  // ---- Green shares and carbon cap.
  const siteE = totals.siteKWh;
  const siteGreen = totals.siteGreenKWh;
  let sumE = 0;
  let sumGreen = 0;
  for (let si = 0; si < nS; si++) {
    sumE += siteE[si]!;
    sumGreen += siteGreen[si]!;
  }
  if (policy.minGreenShare !== undefined && !leq(policy.minGreenShare * sumE, sumGreen)) {
    push({ rule: 'min-green-share', message: `green energy ${fmt(sumGreen)} kWh is below policy.minGreenShare ${fmt(policy.minGreenShare)} of ${fmt(sumE)} kWh (${fmt(policy.minGreenShare * sumE)} kWh)` });
  }
  sites.forEach((site, si) => {
    const share = site.minGreenShare;
    if (share === undefined) return;
    if (!leq(share * siteE[si]!, siteGreen[si]!)) {
      push({ rule: 'site-min-green-share', message: `site "${site.id}": green energy ${fmt(siteGreen[si]!)} kWh is below its minGreenShare ${fmt(share)} of ${fmt(siteE[si]!)} kWh`, site: site.id });
    }
  });
  if (policy.carbonCapTonnes !== undefined) {
    const tonnes = totals.pricedTonnes;
    const which = totals.carbon.signal === 'marginal' ? 'marginal' : `${totals.carbon.accounting}-based`;
    if (!leq(tonnes, policy.carbonCapTonnes)) {
      push({ rule: 'carbon-cap', message: `${which} carbon ${fmt(tonnes)} t is over policy.carbonCapTonnes ${fmt(policy.carbonCapTonnes)} t` });
    }
  }

  // ---- Residency, copies, replicas, backbone (verify-data.ts); their costs join the objective.
  const data = verifyDataRules(scenario, plan, { eq, leq }, mode === 'full', push);
  const objective = totals.objective + data.dataCopies + data.modelLoads;

  // ---- Objective, costs, carbon figures.
  if (!eq(plan.objective, objective)) {
    push({ rule: 'objective', message: `plan.objective ${fmt(plan.objective)} differs from the recomputed ${fmt(objective)}` });
  }
  // The solver's own objective comes from its model's coefficients: at an optimum it must equal
  // the formulas applied to the plan, which checks the formulation, not only the bookkeeping.
  const lp = plan.solver?.lpObjective;
  if (plan.status === 'optimal' && typeof lp === 'number' && !eq(lp, objective)) {
    push({ rule: 'objective', message: `the solver's objective ${fmt(lp)} differs from the objective recomputed from the plan ${fmt(objective)}` });
  }
  if (mode === 'core') return { ok: out.length === 0, violations: out };
  if (plan.costs === null) {
    push({ rule: 'costs', message: 'plan.costs is null although the plan has an objective' });
  } else {
    for (const k of ['compute', 'energy', 'transfer', 'carbon', 'unmet'] as const) {
      if (!eq(plan.costs[k], totals.costs[k])) {
        push({ rule: 'costs', message: `plan.costs.${k} ${fmt(plan.costs[k])} differs from the recomputed ${fmt(totals.costs[k])}` });
      }
    }
  }
  if (plan.carbon === null) {
    push({ rule: 'carbon', message: 'plan.carbon is null although the plan has an objective' });
  } else {
    for (const k of ['locationTonnes', 'marketTonnes'] as const) {
      if (!eq(plan.carbon[k], totals.carbon[k])) {
        push({ rule: 'carbon', message: `plan.carbon.${k} ${fmt(plan.carbon[k])} differs from the recomputed ${fmt(totals.carbon[k])}` });
      }
    }
    if (plan.carbon.accounting !== totals.carbon.accounting) {
      push({ rule: 'carbon', message: `plan.carbon.accounting is "${plan.carbon.accounting}"; the scenario uses "${totals.carbon.accounting}"` });
    }
    checkMarginalFigures(scenario, plan.carbon, totals.carbon, plan.assignments, eq, (message) => push({ rule: 'carbon', message }));
  }

  // ---- Energy rows: every site-hour with energy or green supply, values as recomputed.
  const expectedEnergy = totals.energy;
  const seenEnergy = new Set<number>();
  const energyFields = ['kWh', 'greenKWh', 'gridKWh', 'curtailedKWh'] as const;
  plan.energy.forEach((row, i) => {
    const where = `energy[${i}]`;
    const si = siteIdx.get(row.site);
    if (si === undefined) {
      push({ rule: 'energy', message: `${where} names unknown site "${row.site}"`, site: row.site, hour: row.hour });
      return;
    }
    if (!isHour(row.hour, H)) {
      push({ rule: 'energy', message: `${where} has hour ${String(row.hour)}; hours are integers 0 … ${H - 1}`, site: row.site, hour: row.hour });
      return;
    }
    const key = si * H + row.hour;
    if (seenEnergy.has(key)) {
      push({ rule: 'energy', message: `${where} repeats site "${row.site}" hour ${row.hour}`, site: row.site, hour: row.hour });
      return;
    }
    seenEnergy.add(key);
    const want = expectedEnergy.get(key);
    for (const f of energyFields) {
      const w = want?.[f] ?? 0;
      if (!eq(row[f], w)) {
        push({ rule: 'energy', message: `${where} site "${row.site}" hour ${row.hour}: ${f} ${fmt(row[f])} differs from the recomputed ${fmt(w)}`, site: row.site, hour: row.hour });
      }
    }
  });
  for (const [key, want] of expectedEnergy) {
    if (seenEnergy.has(key)) continue;
    if (energyFields.every((f) => eq(want[f], 0))) continue;
    push({ rule: 'energy', message: `energy row for site "${want.site}" hour ${want.hour} is missing (recomputed ${fmt(want.kWh)} kWh, green supply ${fmt(want.greenKWh + want.curtailedKWh)} kWh)`, site: want.site, hour: want.hour });
  }

  // ---- Utilization rows: used as recomputed, usable capacity, a finite non-negative shadow price.
  const seenUse = new Set<number>();
  plan.utilization.forEach((row, i) => {
    const where = `utilization[${i}]`;
    const si = siteIdx.get(row.site);
    const ci = (COMPUTE_CLASSES as readonly string[]).indexOf(row.class);
    if (si === undefined || ci < 0 || !isHour(row.hour, H)) {
      const why = si === undefined ? `unknown site "${row.site}"` : ci < 0 ? `unknown class "${String(row.class)}"` : `hour ${String(row.hour)} outside 0 … ${H - 1}`;
      push({ rule: 'utilization', message: `${where} names ${why}`, site: row.site, hour: row.hour });
      return;
    }
    const site = sites[si]!;
    const cap = site.capacity[row.class];
    if (cap === undefined) {
      push({ rule: 'utilization', message: `${where}: site "${site.id}" has no ${row.class} capacity`, site: site.id, hour: row.hour });
      return;
    }
    const key = (si * NC + ci) * H + row.hour;
    if (seenUse.has(key)) {
      push({ rule: 'utilization', message: `${where} repeats site "${site.id}" ${row.class} hour ${row.hour}`, site: site.id, hour: row.hour });
      return;
    }
    seenUse.add(key);
    const used = classUse.get(key) ?? 0;
    if (!eq(row.used, used)) {
      push({ rule: 'utilization', message: `${where} site "${site.id}" ${row.class} hour ${row.hour}: used ${fmt(row.used)} differs from Σ assignments ${fmt(used)}`, site: site.id, hour: row.hour });
    }
    const usable = valueAt(cap, row.hour) * mu;
    if (!eq(row.capacity, usable)) {
      push({ rule: 'utilization', message: `${where} site "${site.id}" ${row.class} hour ${row.hour}: capacity ${fmt(row.capacity)} differs from nominal × maxUtilization ${fmt(usable)}`, site: site.id, hour: row.hour });
    }
    if (typeof row.shadowPrice !== 'number' || !Number.isFinite(row.shadowPrice) || row.shadowPrice < -tol) {
      push({ rule: 'utilization', message: `${where} site "${site.id}" ${row.class} hour ${row.hour}: shadowPrice ${String(row.shadowPrice)} must be a finite number ≥ 0`, site: site.id, hour: row.hour });
    }
  });
  for (const [key, used] of classUse) {
    if (seenUse.has(key) || eq(used, 0)) continue;
    const t = key % H;
    const sc = (key - t) / H;
    const ci = sc % NC;
    const site = sites[(sc - ci) / NC]!;
    const cls = COMPUTE_CLASSES[ci]!;
    if (site.capacity[cls] === undefined) continue; // reported as class-capacity
    push({ rule: 'utilization', message: `utilization row for site "${site.id}" ${cls} hour ${t} is missing (${fmt(used)} units used)`, site: site.id, hour: t });
  }

  return { ok: out.length === 0, violations: out };
}
