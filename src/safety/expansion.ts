/**
 * `expand(scenario)`: two-stage stochastic capacity expansion. Integer modules n[i] of each
 * candidate are chosen once; every demand scenario k (the scenario's demands times `demandScale`,
 * or its own `demands`) is operated with capacity + moduleCapacity · n; the objective is
 * Σ fixedCost · n + Σ_k probability_k · (scenario k's plan objective, as for `solve`). Also the
 * value of the stochastic solution: build for the probability-weighted mean demand, fix those
 * modules, operate them in every scenario, and compare.
 */
import { OptionsError } from '../errors.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import type { Plan } from '../plan/types.js';
import { valueAt } from '../scenario/hourly.js';
import type { Demand, Expansion, Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { selfCheckPlan } from '../solve/self-check.js';
import { planFromSolution } from '../solve/to-plan.js';
import { buildExpansionMilp, scaledDemand, withModules, type DemandCase, type ExpansionMilp } from './expansion-model.js';
import { solveMilp } from './expansion-solve.js';
import type { BuiltModules, ExpandOptions, ExpansionResult, ExpansionScenarioResult } from './expansion-types.js';

/** Every option name of `expand`. */
export const EXPAND_OPTION_NAMES = optionNames<ExpandOptions>()('timeLimitSeconds', 'vss', 'includePlans');

/** MIP gap of "optimal" unless `expansion.mipGap` says otherwise. */
export const DEFAULT_MIP_GAP = 1e-6;

/** The operating scenario of demand case `k` (capacity as given, no expansion block). */
function caseScenario(sc: Scenario, k: Expansion['scenarios'][number]): Scenario {
  const { expansion: _drop, ...base } = sc;
  const demands = k.demands ?? (k.demandScale !== undefined ? sc.demands.map((d) => scaledDemand(d, k.demandScale!)) : sc.demands);
  return { ...base, name: `${sc.name ?? 'scenario'} / ${k.name}`, demands };
}

/** The probability-weighted mean demand of the cases (a demand missing from a case counts 0 there). */
function meanScenario(sc: Scenario, cases: readonly DemandCase[]): Scenario {
  const H = sc.horizonHours;
  const acc = new Map<string, { d: Demand; hourly: Float64Array; total: number }>();
  for (const c of cases) {
    for (const d of c.scenario.demands) {
      let a = acc.get(d.id);
      if (!a) acc.set(d.id, (a = { d, hourly: new Float64Array(H), total: 0 }));
      if (d.window) a.total += c.probability * (d.amount as number);
      else for (let t = 0; t < H; t++) a.hourly[t]! += c.probability * valueAt(d.amount, t);
    }
  }
  const demands = [...acc.values()].map(({ d, hourly, total }) => ({ ...d, amount: d.window ? total : [...hourly] }));
  return { ...cases[0]!.scenario, name: `${sc.name ?? 'scenario'} / mean`, demands };
}

/** The scenario a plan of case `name` verifies against: that case's demands, the chosen modules built. */
export function expandedScenario(scenario: Scenario, result: Pick<ExpansionResult, 'modules'>, name: string): Scenario {
  const e = scenario.expansion;
  const k = e?.scenarios.find((s) => s.name === name);
  if (!e || !k) throw new OptionsError('name', `no expansion scenario ${JSON.stringify(name)}`);
  const n = e.candidates.map((_, i) => result.modules.find((m) => m.candidate === i)?.count ?? 0);
  return withModules(caseScenario(scenario, k), e.candidates, n);
}

/** Module counts from MILP values (rounded: glpk returns integers up to its tolerance). */
const countsOf = (m: ExpansionMilp, values: Float64Array) => m.moduleCol.map((c) => Math.round(values[c]!));

/**
 * Chooses the modules to build and plans every demand scenario with them (see the module comment).
 * Throws `ScenarioError` for an invalid scenario or one without an `expansion` block, and
 * `OptionsError` for bad options.
 *
 * @example
 * const r = await expand(scenarioWithExpansion);
 * console.log(r.status, r.modules, r.vss?.value);
 */
export async function expand(scenario: Scenario, options: ExpandOptions = {}): Promise<ExpansionResult> {
  const t0 = performance.now();
  rejectUnknownOptions('expand', options, EXPAND_OPTION_NAMES);
  const limit = options.timeLimitSeconds ?? 60;
  if (!(typeof limit === 'number' && Number.isFinite(limit) && limit > 0)) throw new OptionsError('timeLimitSeconds', `must be a finite number of seconds > 0, got ${String(limit)}`);
  const sc = validateScenario(scenario);
  const e = sc.expansion;
  if (!e) throw new OptionsError('scenario.expansion', 'expand needs an expansion block in the scenario (candidates and scenarios)');
  const mipGap = e.mipGap ?? DEFAULT_MIP_GAP;
  const deadline = t0 + 1000 * limit;

  // PUE policy: a candidate above its region's limit is not built.
  const excluded: { candidate: number; reason: string }[] = [];
  const maxModules = e.candidates.map((c, i) => {
    const site = sc.sites.find((s) => s.id === c.site)!;
    const lim = e.policy?.maxNewPue?.[site.region];
    const pue = c.pue ?? site.pue;
    if (lim !== undefined && pue > lim + 1e-12) {
      excluded.push({ candidate: i, reason: `PUE ${pue} is above policy.maxNewPue.${site.region} = ${lim}` });
      return 0;
    }
    return c.maxModules;
  });
  const cases: DemandCase[] = e.scenarios.map((k) => ({ name: k.name, probability: k.probability, scenario: caseScenario(sc, k) }));
  const rowOpts = { ...(e.budget !== undefined ? { budget: e.budget } : {}), ...(e.policy?.minBuiltUtilization !== undefined ? { minBuiltUtilization: e.policy.minBuiltUtilization } : {}) };
  const milp = await buildExpansionMilp(cases, e.candidates, maxModules, rowOpts);
  const size = { columns: milp.cols.length, integers: milp.cols.filter((c) => c.integer > 0).length, rows: milp.rows.length };
  const rp = await solveMilp(milp, mipGap, deadline);
  const empty = (status: ExpansionResult['status'], message: string): ExpansionResult => ({
    status,
    message,
    objective: null,
    gap: null,
    modules: [],
    buildCost: null,
    scenarios: cases.map((c) => ({ name: c.name, probability: c.probability, objective: null })),
    excluded,
    size,
    ms: performance.now() - t0,
  });
  if (!rp.feasible) {
    return empty(rp.status, rp.status === 'infeasible' ? 'infeasible: no build lets every hard rule hold in every scenario (run explain on a scenario to see why)' : `stopped at the time limit of ${limit} s before an integer plan was found`);
  }
  const n = countsOf(milp, rp.values);
  const modules: BuiltModules[] = [];
  e.candidates.forEach((c, i) => {
    if (n[i]! > 0) modules.push({ site: c.site, class: c.class, name: c.name ?? `${c.site}/${c.class}#${i}`, candidate: i, count: n[i]!, capacity: n[i]! * c.moduleCapacity, cost: n[i]! * c.fixedCost });
  });
  const buildCost = e.candidates.reduce((a, c, i) => a + c.fixedCost * n[i]!, 0);

  // Every scenario's plan, from its block of the MILP, checked against the built scenario.
  const solver = { backend: 'glpk' as const, ms: performance.now() - t0, variables: size.columns, constraints: size.rows, lpObjective: null, reason: 'expand: the two-stage expansion MILP (glpk.js branch and cut)' };
  const presolve = (s: Scenario) => ({ demands: s.demands.length, solved: s.demands.length, merged: 0 });
  let bad: string | undefined;
  const scenarios: ExpansionScenarioResult[] = milp.blocks.map((b, k) => {
    const built = withModules(b.scenario, e.candidates, n);
    const values = rp.values.subarray(b.offset, b.offset + b.model.cols.length);
    const status = rp.status === 'optimal' ? 'optimal' : 'time_limit';
    const { policyPrices: _none, ...plan }: Plan = planFromSolution(built, b.model, Float64Array.from(values), new Float64Array(b.model.rows.length), status, status === 'optimal' ? 'optimal (expansion MILP)' : 'best integer plan at the time limit (expansion MILP)', solver, presolve(built));
    const check = selfCheckPlan(built, plan);
    if (!check.ok && bad === undefined) bad = `scenario "${cases[k]!.name}": ${check.violations[0]?.rule}: ${check.violations[0]?.message}`;
    return { name: cases[k]!.name, probability: cases[k]!.probability, objective: plan.objective, ...(options.includePlans ? { plan } : {}) };
  });
  if (bad !== undefined) return { ...empty('numerical_error', `the expansion plan failed the self-check (${bad})`) };
  const objective = buildCost + scenarios.reduce((a, s) => a + s.probability * s.objective!, 0);

  let gap = mipGap;
  let message = `optimal within a MIP gap of ${mipGap}`;
  if (rp.status === 'time_limit') {
    // The LP relaxation bounds the optimum from below: a proved (if loose) gap.
    const bound = await solveMilp(milp, mipGap, performance.now() + Math.max(5000, 0.25 * 1000 * limit), true);
    gap = bound.feasible && bound.status === 'optimal' ? Math.max(0, (objective - bound.z) / Math.max(1, Math.abs(objective))) : Infinity;
    message = `stopped at the time limit of ${limit} s; the best integer plan is within ${Number.isFinite(gap) ? `${(100 * gap).toPrecision(3)}%` : 'an unknown gap'} of the optimum (bound: the LP relaxation)`;
  }

  let vss: ExpansionResult['vss'];
  if (options.vss ?? true) {
    const mean = meanScenario(sc, cases);
    const ev = await buildExpansionMilp([{ name: 'mean', probability: 1, scenario: mean }], e.candidates, maxModules, rowOpts);
    const evr = await solveMilp(ev, mipGap, Math.max(performance.now() + 5000, deadline));
    if (evr.feasible) {
      const nMean = countsOf(ev, evr.values);
      const eev = await buildExpansionMilp(cases, e.candidates, maxModules, { ...rowOpts, fixed: nMean });
      const eevr = await solveMilp(eev, mipGap, performance.now() + Math.max(5000, 1000 * limit), true);
      if (eevr.feasible && eevr.status === 'optimal') {
        vss = { expectedCostOfMeanBuild: eevr.z, meanModules: nMean.map((count, candidate) => ({ candidate, count })).filter((m) => m.count > 0), value: eevr.z - objective };
      }
    }
  }
  return { status: rp.status, message, objective, gap, modules, buildCost, scenarios, excluded, ...(vss ? { vss } : {}), size, ms: performance.now() - t0 };
}
