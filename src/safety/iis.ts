/**
 * `explain(scenario)`: when hard demand (`policy.allowUnmet: false`) and the rules cannot all
 * hold, an irreducible infeasible set of rule groups (a demand's conservation over its hours, a
 * site-class capacity over the hours, a demand's latency limit, maxPerHour, a link's bandwidth,
 * the carbon cap, a green share). Network-shaped models: max flow, its min cut as the candidate
 * set; coupled models: Chinneck's elastic filter. Then the deletion filter (drop each rule in turn,
 * keep it out when the rest is still infeasible), which makes the set irreducible.
 */
import { OptionsError } from '../errors.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import { valueAt } from '../scenario/hourly.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { groupedModel, type GroupedModel, type RuleGroup } from './iis-groups.js';
import { cutTest } from './iis-cut.js';
import { elasticFilter, lpFeasible } from './iis-lp.js';
import type { ExplainedRule, ExplainOptions, Explanation } from './iis-types.js';

/** Every option name of `explain`. */
export const EXPLAIN_OPTION_NAMES = optionNames<ExplainOptions>()('timeLimitSeconds');

const NETWORK_KINDS = new Set(['demand', 'capacity', 'latency', 'maxPerHour']);

/**
 * Why `scenario` has no plan: the smallest set of its rules (by the deletion filter: irreducible)
 * that cannot all hold. A scenario whose demand may go unmet always has a plan (`feasible: true`).
 * Throws `ScenarioError` for an invalid scenario and `OptionsError` for bad options.
 *
 * @example
 * const e = await explain({ ...scenario, policy: { ...scenario.policy, allowUnmet: false } });
 * console.log(e.summary);
 */
export async function explain(scenario: Scenario, options: ExplainOptions = {}): Promise<Explanation> {
  const t0 = performance.now();
  rejectUnknownOptions('explain', options, EXPLAIN_OPTION_NAMES);
  const limit = options.timeLimitSeconds ?? 60;
  if (!(typeof limit === 'number' && Number.isFinite(limit) && limit > 0)) throw new OptionsError('timeLimitSeconds', `must be a finite number of seconds > 0, got ${String(limit)}`);
  const sc = validateScenario(scenario);
  const deadline = t0 + 1000 * limit;
  const done = (e: Omit<Explanation, 'ms'>): Explanation => ({ ...e, ms: performance.now() - t0 });
  if ((sc.policy?.allowUnmet ?? true) === true) {
    return done({ feasible: true, method: null, rules: [], irreducible: false, partial: false, summary: 'feasible: demand may go unmet (policy.allowUnmet is not false), so every scenario has a plan', tests: 0 });
  }
  const gm = await groupedModel(sc);
  const all = new Set(gm.groups.map((_, i) => i));
  const network = gm.groups.every((g) => NETWORK_KINDS.has(g.kind));
  let tests = 0;
  let candidates: Set<number>;
  let infeasibleTest: (set: ReadonlySet<number>) => Promise<boolean | null>;
  let partial = false;
  if (network) {
    infeasibleTest = (set) => {
      tests++;
      return Promise.resolve(!cutTest(gm, set).feasible);
    };
    const full = cutTest(gm, all);
    tests++;
    if (full.feasible) return done({ feasible: true, method: null, rules: [], irreducible: false, partial: false, summary: 'feasible: every rule can hold at once', tests });
    candidates = cutGroups(gm, full.sourceSide);
  } else {
    infeasibleTest = async (set) => {
      tests++;
      // A set of network rules alone is decided by max flow (exact, and much cheaper than an LP).
      if ([...set].every((g) => NETWORK_KINDS.has(gm.groups[g]!.kind))) return !cutTest(gm, set).feasible;
      const f = await lpFeasible(gm, set, deadline);
      return f === null ? null : !f;
    };
    const el = await elasticFilter(gm, deadline);
    tests += el.solves;
    if (!el.infeasible && !el.stopped) return done({ feasible: true, method: null, rules: [], irreducible: false, partial: false, summary: 'feasible: every rule can hold at once', tests });
    candidates = el.hard;
    partial = el.stopped;
  }
  // The deletion filter needs an infeasible start: the candidates, else (never expected) every rule.
  if (!partial) {
    const r = await infeasibleTest(candidates);
    if (r === null) partial = true;
    else if (!r) candidates = all;
  }
  // Deletion filter: each candidate in turn is dropped for good when the rest stays infeasible.
  let set = new Set(candidates);
  if (!partial) {
    for (const g of [...candidates]) {
      const without = new Set(set);
      without.delete(g);
      const r = await infeasibleTest(without);
      if (r === null) {
        partial = true;
        break;
      }
      if (r) set = without;
    }
  }
  const ordered = [...set].sort((a, b) => a - b);
  const rules = ordered.map((g) => describe(sc, gm, gm.groups[g]!, ordered));
  const cutOnly = ordered.every((g) => NETWORK_KINDS.has(gm.groups[g]!.kind));
  let cut: Explanation['cut'];
  if (cutOnly && !partial) {
    const r = cutTest(gm, set);
    tests++;
    cut = { need: r.need, offer: r.placed, shortfall: r.need - r.placed };
  }
  return done({
    feasible: false,
    method: network ? 'min-cut' : 'elastic-deletion',
    rules,
    irreducible: !partial,
    partial,
    summary: summarize(sc, gm, ordered, rules, cut, partial),
    ...(cut ? { cut } : {}),
    tests,
  });
}

/** Groups on the source side of a min cut: the demands there, their latency limits, the rows they fill. */
function cutGroups(gm: GroupedModel, sourceSide: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  const demands = new Set<number>();
  for (const i of sourceSide) {
    const g = gm.rowGroup[i]!;
    if (g < 0) continue;
    out.add(g);
    const grp = gm.groups[g]!;
    if (grp.kind === 'demand') demands.add(grp.demand!);
  }
  // Their latency limits and maxPerHour caps (a cut maxPerHour arc leaves its node off the source side).
  gm.groups.forEach((grp, g) => {
    if ((grp.kind === 'latency' || grp.kind === 'maxPerHour') && demands.has(grp.demand!)) out.add(g);
  });
  return out;
}

const num = (x: number) => (x !== 0 && Math.abs(x) < 1 ? String(Number(x.toPrecision(3))) : x.toLocaleString('en-US', { maximumFractionDigits: 1 }));
const hoursText = (h: { from: number; to: number } | null) => (h === null ? 'over the horizon' : h.from === h.to ? `in hour ${h.from}` : `in hours ${h.from}–${h.to}`);

/** Hours (first, last) in which demand `d` has work. */
function demandHours(sc: Scenario, d: number): { from: number; to: number } | null {
  const dem = sc.demands[d]!;
  if (dem.window) return { from: dem.window.release, to: dem.window.deadline - 1 };
  let from = -1;
  let to = -1;
  for (let t = 0; t < sc.horizonHours; t++) {
    if (valueAt(dem.amount, t) > 0) {
      if (from < 0) from = t;
      to = t;
    }
  }
  return from < 0 ? null : { from, to };
}

/** Work of demand `d` over its hours, units. */
function demandWork(sc: Scenario, d: number): number {
  const dem = sc.demands[d]!;
  if (dem.window) return dem.amount as number;
  let w = 0;
  for (let t = 0; t < sc.horizonHours; t++) w += valueAt(dem.amount, t);
  return w;
}

/** The hours in which the set's demands have work. */
function setHours(sc: Scenario, gm: GroupedModel, set: readonly number[]): Set<number> {
  const hours = new Set<number>();
  for (const g of set) {
    const grp = gm.groups[g]!;
    if (grp.kind !== 'demand') continue;
    const dem = sc.demands[grp.demand!]!;
    for (let t = 0; t < sc.horizonHours; t++) {
      if (dem.window ? t >= dem.window.release && t < dem.window.deadline : valueAt(dem.amount, t) > 0) hours.add(t);
    }
  }
  return hours;
}

function describe(sc: Scenario, gm: GroupedModel, g: RuleGroup, set: readonly number[]): ExplainedRule {
  const unit = (cls: string) => sc.units?.[cls as 'general'] ?? 'unit-h';
  switch (g.kind) {
    case 'demand': {
      const d = sc.demands[g.demand!]!;
      const hours = demandHours(sc, g.demand!);
      const amount = demandWork(sc, g.demand!);
      return { kind: 'demand', demand: d.id, class: d.class, hours, amount, message: `demand "${d.id}" (${d.origin}, ${d.class}) must be served in full: ${num(amount)} ${unit(d.class)} ${hoursText(hours)}` };
    }
    case 'latency': {
      const d = sc.demands[g.demand!]!;
      return { kind: 'latency', demand: d.id, class: d.class, hours: demandHours(sc, g.demand!), message: `demand "${d.id}" may use only sites within ${d.maxLatencyMs} ms of ${d.origin}` };
    }
    case 'maxPerHour': {
      const d = sc.demands[g.demand!]!;
      return { kind: 'maxPerHour', demand: d.id, class: d.class, hours: demandHours(sc, g.demand!), message: `demand "${d.id}" may run at most ${num(d.window!.maxPerHour!)} ${unit(d.class)} per hour of its window` };
    }
    case 'capacity': {
      const site = sc.sites[g.site!]!;
      const hours = setHours(sc, gm, set);
      let amount = 0;
      let from = Infinity;
      let to = -Infinity;
      for (const i of g.rows) {
        const m = gm.model.rows[i]!.meaning;
        if (m.kind !== 'capacity' || (hours.size > 0 && !hours.has(m.hour))) continue;
        amount += gm.model.rows[i]!.ub;
        from = Math.min(from, m.hour);
        to = Math.max(to, m.hour);
      }
      const h = from <= to ? { from, to } : null;
      return { kind: 'capacity', site: site.id, class: g.cls!, hours: h, amount, message: `site "${site.id}" offers ${num(amount)} ${unit(g.cls!)} of ${g.cls} capacity ${hoursText(h)} (at maxUtilization ${sc.policy?.maxUtilization ?? 1})` };
    }
    case 'bandwidth': {
      const l = sc.links![g.link!]!;
      return { kind: 'bandwidth', link: { from: l.from, to: l.to }, hours: null, message: `link ${l.from} → ${l.to} carries at most ${l.bandwidthGbps} Gbps (${num(450 * l.bandwidthGbps!)} GB per hour)` };
    }
    case 'carbonCap':
      return { kind: 'carbonCap', hours: null, message: `policy.carbonCapTonnes: at most ${num(sc.policy!.carbonCapTonnes!)} t CO2 (${sc.policy?.carbonAccounting ?? 'market'}) over the horizon` };
    case 'minGreenShare':
      return { kind: 'minGreenShare', hours: null, message: `policy.minGreenShare: at least ${num(100 * sc.policy!.minGreenShare!)}% of all energy green` };
    case 'siteMinGreenShare': {
      const site = sc.sites[g.site!]!;
      return { kind: 'siteMinGreenShare', site: site.id, hours: null, message: `site "${site.id}".minGreenShare: at least ${num(100 * site.minGreenShare!)}% of its energy green` };
    }
  }
}

const list = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

function summarize(sc: Scenario, gm: GroupedModel, set: readonly number[], rules: readonly ExplainedRule[], cut: Explanation['cut'], partial: boolean): string {
  const head = partial ? 'partial (time limit; not proved irreducible): ' : '';
  const demands = set.map((g) => gm.groups[g]!).filter((g) => g.kind === 'demand');
  if (cut && demands.length > 0) {
    const ds = demands.map((g) => sc.demands[g.demand!]!);
    const origins = [...new Set(ds.map((d) => sc.origins.find((o) => o.id === d.origin)?.name ?? d.origin))];
    const classes = [...new Set(ds.map((d) => d.class))];
    const maxLat = Math.max(...ds.map((d) => d.maxLatencyMs));
    const limited = rules.some((r) => r.kind === 'latency');
    const hours = [...setHours(sc, gm, set)].sort((a, b) => a - b);
    const h = hours.length === 0 ? null : { from: hours[0]!, to: hours[hours.length - 1]! };
    const units = classes.map((c) => sc.units?.[c] ?? 'unit-h');
    const sites = rules.filter((r) => r.kind === 'capacity').map((r) => r.site!);
    const u = new Set(units).size === 1 ? ` ${units[0]}` : ' units';
    const who = `${ds.length === 1 ? 'demand' : 'demands'} ${list(ds.map((d) => d.id))} (${list(origins)}, ${list(classes)}${limited ? `, ≤ ${maxLat} ms` : ''})`;
    const where = limited ? `the sites within ${maxLat} ms` : 'the sites they may use';
    return `${head}${who} ${ds.length === 1 ? 'needs' : 'need'} ${num(cut.need)}${u} ${hoursText(h)}; ${where}${sites.length > 0 ? ` (${list(sites)})` : ''} offer ${num(cut.offer)}, ${num(cut.shortfall)} short`;
  }
  return `${head}these ${rules.length} rules cannot all hold: ${rules.map((r) => r.message).join('; ')}`;
}
