/**
 * `whatIf(scenario, { outage })`: N-1 (or N-k) outage analysis. The base plan is solved once; each
 * outage case takes the listed sites' capacity to 0 and is re-solved: network models by warm
 * `sweep`s (each network simplex starts from the previous case's tree), coupled models one solve
 * per case (with `decompose`, warm from the base case's multipliers), on tinypool worker threads
 * when there are several cores and cases. Cases are ranked by criticality (WHATIF_RANKING).
 */
import { OptionsError } from '../errors.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import type { Plan } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { solveVariant } from '../solve/solve.js';
import { checkOutages } from '../solve/sweep.js';
import { emptyPlan } from '../solve/to-plan.js';
import type { CaseOutcome, CaseSolveOptions, CaseTask } from './whatif-cases.js';
import { defaultWorkers, openPool, runBatches } from './whatif-pool.js';
import { compareCase, rankCases, summarizePlan, WHATIF_RANKING } from './whatif-summary.js';
import type { WhatIfOptions, WhatIfResult } from './whatif-types.js';

/** Every option name of `whatIf`. */
export const WHATIF_OPTION_NAMES = optionNames<WhatIfOptions>()('outage', 'backend', 'workers', 'signal', 'onProgress', 'timeLimitSeconds', 'gapTolerance', 'maxRounds', 'includePlans');

interface OutageCase {
  readonly sites: readonly string[];
  readonly hub?: string;
}

/** The outage sets the option names (checked: known, distinct site ids). */
function outageCases(sc: Scenario, spec: unknown): OutageCase[] {
  if (spec === 'each-site') return sc.sites.map((s) => ({ sites: [s.id] }));
  if (spec === 'each-hub') {
    const hubs = new Map<string, string[]>();
    for (const s of sc.sites) hubs.set(s.hub, [...(hubs.get(s.hub) ?? []), s.id]);
    return [...hubs].map(([hub, sites]) => ({ sites, hub }));
  }
  if (typeof spec === 'string' || spec === undefined || !Array.isArray(spec)) {
    throw new OptionsError('outage', `must be "each-site", "each-hub" or an array of site-id lists, got ${JSON.stringify(spec)}`);
  }
  const sets = checkOutages(sc, spec, 'outage');
  const seen = new Map<string, number>();
  sets.forEach((sites, i) => {
    const key = [...sites].sort().join('\u0000');
    const first = seen.get(key);
    if (first !== undefined) throw new OptionsError(`outage[${i}]`, `is the same set of sites as outage[${first}]`);
    seen.set(key, i);
  });
  return sets.map((sites) => ({ sites }));
}

/**
 * Re-solves `scenario` with each outage set down and ranks the cases by criticality: unmet work
 * (by class and its penalty), extra cost, extra carbon, and the sites that absorbed the load.
 * Throws `ScenarioError` for an invalid scenario and `OptionsError` for bad options (an unknown
 * site in `outage` names its path, `outage[1][0]`).
 *
 * @example
 * const r = await whatIf(scenario, { outage: 'each-site' });
 * console.log(r.cases[0].outage, r.cases[0].unmet, r.cases[0].extraCost);
 */
export async function whatIf(scenario: Scenario, options: WhatIfOptions): Promise<WhatIfResult> {
  const t0 = performance.now();
  if (options === undefined || options === null || typeof options !== 'object') throw new OptionsError('whatIf(options)', 'must be an object with at least { outage }');
  rejectUnknownOptions('whatIf', options, WHATIF_OPTION_NAMES);
  const sc = validateScenario(scenario);
  const cases = outageCases(sc, options.outage);
  const w = options.workers;
  if (w !== undefined && !(Number.isInteger(w) && w >= 1)) throw new OptionsError('workers', `must be an integer ≥ 1, got ${String(w)}`);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new OptionsError('onProgress', 'must be a function');
  const solveOptions: CaseSolveOptions = {
    ...(options.backend !== undefined ? { backend: options.backend } : {}),
    ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
    ...(options.gapTolerance !== undefined ? { gapTolerance: options.gapTolerance } : {}),
    ...(options.maxRounds !== undefined ? { maxRounds: options.maxRounds } : {}),
  };
  const signal = options.signal;
  const backend = options.backend ?? 'auto';

  const total = cases.length;
  const workers = Math.max(1, Math.min(w ?? (await defaultWorkers()), total));
  // The threads start (and warm up) while the base case solves.
  const handle = await openPool(workers, total);
  // The base case (solve's options are checked here), keeping decompose's final multipliers.
  let multipliers: Map<string, number> | undefined;
  let basePlan: Plan;
  try {
    basePlan = await solveVariant(sc, { ...solveOptions, ...(signal ? { signal } : {}) }, { onMultipliers: (m) => (multipliers = m) });
  } catch (e) {
    await handle.runner?.close();
    throw e;
  }
  options.onProgress?.({ done: 0, total, outage: [] });

  // A network (the base ran on flow) sweeps warm; a coupled model solves case by case.
  const network = basePlan.solver.backend === 'flow' && (backend === 'auto' || backend === 'flow' || backend === 'decompose');
  const tasks: CaseTask[] = [];
  if (network) {
    const chunk = Math.ceil(total / workers);
    for (let i = 0; i < total; i += chunk) {
      tasks.push({ scenario: sc, outages: cases.slice(i, i + chunk).map((c) => c.sites), mode: 'sweep', solveOptions: { ...solveOptions, backend: 'flow' } });
    }
  } else {
    const warm = backend === 'decompose' && multipliers !== undefined && multipliers.size > 0 ? { multipliers } : {};
    for (const c of cases) tasks.push({ scenario: sc, outages: [c.sites], mode: 'solve', solveOptions, ...warm });
  }
  let done = 0;
  const run = await runBatches(tasks, handle, signal, (o) => options.onProgress?.({ done: ++done, total, outage: o.outage }));
  const warm = network
    ? 'network: each worker sweeps its cases, every network simplex starting from the previous case\'s tree where it is still a feasible basis'
    : backend === 'decompose' && multipliers && multipliers.size > 0
      ? 'decompose: every case starts from the base case\'s Lagrangian multipliers'
      : 'cold: every case is a full solve of the coupled model';

  const byKey = new Map<string, CaseOutcome>();
  for (const batch of run.results) for (const o of batch) byKey.set(o.outage.join('\u0000'), o);
  const solved = cases.map((c) => {
    const o = byKey.get(c.sites.join('\u0000'));
    const plan: Plan =
      o?.plan ??
      emptyPlan(sc, 'aborted', 'aborted before this case was solved', { backend: basePlan.solver.backend, ms: 0, variables: 0, constraints: 0, lpObjective: null, reason: 'not started', stage: 'validation' }, basePlan.presolve);
    const cmp = compareCase(sc, basePlan, c.sites, plan, c.hub);
    return options.includePlans ? { ...cmp, plan } : cmp;
  });
  return {
    base: summarizePlan(sc, basePlan),
    cases: rankCases(solved),
    ranking: WHATIF_RANKING,
    parallel: { workers: run.workers, reason: run.reason },
    warm,
    ms: performance.now() - t0,
    ...(options.includePlans ? { basePlan } : {}),
  };
}
