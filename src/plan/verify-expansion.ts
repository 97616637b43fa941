/**
 * The independent check of an expansion result (`expand` with `includePlans: true`): reads only the
 * scenario (with its `expansion` block) and the result, never the MILP. Module counts are integers
 * in [0, maxModules], none of a candidate above its region's `maxNewPue`; the budget holds; each
 * scenario's plan passes `verifyPlan` against that scenario's demands with the modules built; the
 * expected use of every expanded site-class pool is at least `minBuiltUtilization` of its nominal
 * capacity over the horizon; and the objective is Σ fixedCost · n + Σ probability · plan objective.
 */
import type { ExpansionResult } from '../safety/expansion-types.js';
import { valueAt } from '../scenario/hourly.js';
import type { ComputeClass, Demand, Hourly, Scenario } from '../scenario/types.js';
import { verifyPlan } from './verify.js';

/** One broken expansion rule. */
export interface ExpansionViolation {
  readonly rule: 'modules' | 'pue' | 'budget' | 'plan' | 'utilization' | 'objective';
  readonly message: string;
}

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** The demands of expansion scenario `k` (its own, or the scenario's scaled). */
function demandsOf(sc: Scenario, k: NonNullable<Scenario['expansion']>['scenarios'][number]): readonly Demand[] {
  if (k.demands) return k.demands;
  const f = k.demandScale ?? 1;
  return sc.demands.map((d) => ({ ...d, amount: typeof d.amount === 'number' ? d.amount * f : d.amount.map((x) => x * f) }));
}

/** Checks `result` against `scenario`; every violation found. `tolerance` as in `verifyPlan`. */
export function verifyExpansion(scenario: Scenario, result: ExpansionResult, tolerance = 1e-6): ExpansionViolation[] {
  const out: ExpansionViolation[] = [];
  const e = scenario.expansion;
  if (!e) return [{ rule: 'modules', message: 'the scenario has no expansion block' }];
  if (result.objective === null) return out;
  const n = e.candidates.map(() => 0);
  for (const m of result.modules) {
    const c = e.candidates[m.candidate];
    if (!c || c.site !== m.site || c.class !== m.class) {
      out.push({ rule: 'modules', message: `modules entry ${m.name} does not match candidate ${m.candidate}` });
      continue;
    }
    n[m.candidate] = m.count;
  }
  e.candidates.forEach((c, i) => {
    const v = n[i]!;
    if (!Number.isInteger(v) || v < 0 || v > c.maxModules) out.push({ rule: 'modules', message: `candidate ${i}: ${v} modules, not an integer in [0, ${c.maxModules}]` });
    const site = scenario.sites.find((s) => s.id === c.site)!;
    const lim = e.policy?.maxNewPue?.[site.region];
    if (v > 0 && lim !== undefined && (c.pue ?? site.pue) > lim) out.push({ rule: 'pue', message: `candidate ${i}: PUE ${c.pue ?? site.pue} above maxNewPue.${site.region} = ${lim}, yet ${v} built` });
  });
  const build = e.candidates.reduce((a, c, i) => a + c.fixedCost * n[i]!, 0);
  if (e.budget !== undefined && build > e.budget * (1 + tolerance) + tolerance) out.push({ rule: 'budget', message: `build cost ${build} is over the budget ${e.budget}` });

  // The scenario each plan runs in: its demands, capacity + moduleCapacity · n per hour.
  const { expansion: _e, ...base } = scenario;
  const built = {
    ...base,
    sites: scenario.sites.map((s) => {
      const capacity: Partial<Record<ComputeClass, Hourly>> = { ...s.capacity };
      const powerKW: Partial<Record<ComputeClass, number>> = { ...s.powerKW };
      const unitCost: Partial<Record<ComputeClass, number>> = { ...s.unitCost };
      e.candidates.forEach((c, i) => {
        if (c.site !== s.id) return;
        const add = c.moduleCapacity * n[i]!;
        const cap = capacity[c.class];
        capacity[c.class] = cap === undefined ? add : typeof cap === 'number' ? cap + add : cap.map((x) => x + add);
        powerKW[c.class] ??= c.powerKW ?? 0;
        unitCost[c.class] ??= c.unitCost ?? 0;
      });
      return { ...s, capacity, powerKW, unitCost };
    }),
  };
  let expected = build;
  const load = new Map<string, number>();
  for (const k of e.scenarios) {
    const r = result.scenarios.find((x) => x.name === k.name);
    if (!r?.plan || r.objective === null) {
      out.push({ rule: 'plan', message: `scenario "${k.name}" has no plan to check (includePlans: true)` });
      continue;
    }
    const sk: Scenario = { ...built, demands: demandsOf(scenario, k) };
    const v = verifyPlan(sk, r.plan, { tolerance });
    for (const x of v.violations.slice(0, 3)) out.push({ rule: 'plan', message: `scenario "${k.name}": ${x.rule}: ${x.message}` });
    expected += k.probability * r.plan.objective!;
    const cls = new Map(sk.demands.map((d) => [d.id, d.class]));
    for (const a of r.plan.assignments) {
      const key = `${a.site}\u0000${cls.get(a.demand)}`;
      load.set(key, (load.get(key) ?? 0) + k.probability * a.amount);
    }
  }
  if (!close(expected, result.objective, tolerance)) out.push({ rule: 'objective', message: `objective ${result.objective} is not build ${build} + expected operations = ${expected}` });
  const minU = e.policy?.minBuiltUtilization ?? 0;
  if (minU > 0) {
    const pools = new Map<string, number>();
    e.candidates.forEach((c, i) => {
      if (n[i]! > 0) pools.set(`${c.site}\u0000${c.class}`, (pools.get(`${c.site}\u0000${c.class}`) ?? 0) + c.moduleCapacity * n[i]!);
    });
    const H = scenario.horizonHours;
    for (const [key, added] of pools) {
      const [siteId, cls] = key.split('\u0000') as [string, ComputeClass];
      const cap = scenario.sites.find((s) => s.id === siteId)!.capacity[cls];
      let nominal = H * added;
      if (cap !== undefined) for (let t = 0; t < H; t++) nominal += valueAt(cap, t);
      const used = load.get(key) ?? 0;
      if (used < minU * nominal * (1 - tolerance) - tolerance) out.push({ rule: 'utilization', message: `${siteId} ${cls}: expected use ${used} is below ${minU} × ${nominal} nominal unit-hours` });
    }
  }
  return out;
}
