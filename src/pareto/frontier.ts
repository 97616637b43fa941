/**
 * `paretoFrontier(scenario, options)`: the trade-off between cost and carbon, as least-cost plans
 * from the min-cost plan down to the least carbon, with the marginal abatement cost between them.
 */
import { OptionsError, ScenarioError } from '../errors.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { capFrontier } from './cap.js';
import { accountingOf } from './min-carbon.js';
import { checkParetoOptions } from './options.js';
import { priceFrontier } from './price.js';
import type { ParetoFrontier, ParetoOptions, ParetoResult } from './types.js';
import { rejectDataChoices } from '../scenario/data-support.js';

/** The scenario with every demand's latency limit multiplied by f; an OptionsError if that breaks it. */
function scaleLatency(sc: Scenario, f: number, index: number): Scenario {
  if (f === 1) return sc;
  const scaled = { ...sc, demands: sc.demands.map((d) => ({ ...d, maxLatencyMs: d.maxLatencyMs * f })) };
  try {
    return validateScenario(scaled);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const first = e.issues[0];
    const more = e.issues.length > 1 ? ` (and ${e.issues.length - 1} more)` : '';
    throw new OptionsError(`latencyScale[${index}]`, `factor ${f} makes the scenario invalid: ${first ? `${first.path}: ${first.message}` : e.message}${more}`);
  }
}

/**
 * Least-cost plans along the cost–carbon trade-off of `scenario`, one frontier per latency factor.
 * Cost is the objective without its carbon term (compute + energy + transfer + unmet, CNY); carbon
 * is in the scenario's `policy.carbonAccounting` (market by default); every point also reports
 * both accountings, its objective, its Plan, and `mac`, the marginal abatement cost from the
 * previous point (CNY per tonne avoided).
 *
 * Method `cap` (the default, ε-constraint): (1) the scenario's own optimum is the min-cost end,
 * with carbon C_max (its carbon price stays in every solve of this method, so that end is exactly
 * `solve(scenario)`); (2) the least carbon C_min is the optimum of an LP whose only cost is carbon
 * (money terms 0, carbon price 1 CNY/t) over the same rules, with `abatement: 'relocate'` (default)
 * also holding every demand to at least what the min-cost plan serves of it (so carbon falls by
 * moving work, not dropping it); (3) the least-carbon end is the least-cost plan under cap C_min
 * (least carbon first, then least cost at it: lexicographic; the cap is C_min + 1e-9 · C_max, so
 * the LP keeps a hair of room); (4) caps evenly spaced between them, `points` in all. Each cap
 * point's `capPrice` is its cap's dual (see `Plan.policyPrices`); where the cap binds, capPrice +
 * the scenario's carbon price is the frontier's slope there, between the `mac` on either side.
 *
 * Method `price` (weighted sum): the carbon price replaces the scenario's, from 0 (the high-carbon
 * end) to P in `points` − 1 equal steps, solved by `sweep`; P is 1% above the steepest marginal
 * abatement cost of the frontier (found by one cap solve just above C_min), rounded up to two
 * significant digits, so the top price reaches the least carbon. A weighted sum of an LP only finds
 * the frontier's vertices: expect points dropped as duplicates.
 *
 * Backends: the `backend` option applies to every point (the least-carbon and probe helper solves
 * use `auto` when it is `flow` or `decompose`, so the frontier's ends are exact). With `decompose`
 * each point starts from the previous point's multipliers (by row name: the cap row and the green
 * rows keep their names from point to point; cap points through this chain, price points through
 * `sweep`); each point reports its proved `gap` (0 for the exact backends) and `macUncertainty`,
 * how far its `mac` may be from the MAC between the least-cost plans (see `ParetoPoint`), and a
 * note says when any point is only optimal within a gap. `auto` follows `solve`'s rule per point:
 * the built-in day stays with glpk.js (below the decompose size threshold).
 *
 * Duplicates and dominated points are dropped, never silently: `dropped` counts them and `notes`
 * says why. The points left have carbon falling and cost rising. Solver outcomes other than
 * `optimal` set `frontier.status`; points without a plan are dropped with a note.
 *
 * Throws `OptionsError` (naming the option) for bad options, `ScenarioError` for an invalid
 * scenario; each solve takes the `solve` options given here (`timeLimitSeconds` is per solve).
 *
 * @example
 * const r = await paretoFrontier(scenarios.eastDataWestComputing, { points: 5 });
 * for (const p of r.frontiers[0]!.points) console.log(p.carbonTonnes, p.cost, p.mac);
 */
export async function paretoFrontier(scenario: Scenario, options: ParetoOptions): Promise<ParetoResult> {
  rejectDataChoices(scenario, 'paretoFrontier');
  const t0 = performance.now();
  const o = checkParetoOptions(options);
  const sc = validateScenario(scenario);
  const frontiers: ParetoFrontier[] = [];
  for (const [i, f] of o.latencyScale.entries()) {
    const scaled = scaleLatency(sc, f, i);
    frontiers.push(o.method === 'cap' ? await capFrontier(scaled, f, o) : await priceFrontier(scaled, f, o));
  }
  return { method: o.method, abatement: o.abatement, accounting: accountingOf(sc), frontiers, ms: performance.now() - t0 };
}
