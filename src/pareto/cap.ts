/** The ε-constraint frontier: carbon caps evenly spaced between the least carbon and the min-cost plan's. */
import type { Scenario } from '../scenario/types.js';
import type { CheckedParetoOptions } from './options.js';
import { fmt, FrontierRun, withCap } from './run.js';
import type { ParetoFrontier } from './types.js';

/** Slack of the least-carbon cap, relative to C_max (1000× under the plan checks' tolerance). */
export const LAST_CAP_SLACK = 1e-9;

/**
 * Point 0 is the scenario's own optimum (carbon C_max; solved exactly, see `helperOptions`); point n − 1 is the least-cost plan under
 * cap C_min + 1e-9 · C_max, C_min being the least carbon (a lexicographic optimum: least
 * carbon first, then least cost at it); points in between are the least-cost plans under caps
 * C_max − k·(C_max − C_min)/(n − 1). The scenario's own cap stays wherever it is tighter.
 */
export async function capFrontier(sc: Scenario, latencyScale: number, o: CheckedParetoOptions): Promise<ParetoFrontier> {
  const run = new FrontierRun(sc, latencyScale, o);
  const ownCap = sc.policy?.carbonCapTonnes ?? null;
  const price = sc.prices.carbonPerTonne;
  // The min-cost end sets the carbon range every cap is spaced in, so it is solved exactly (the
  // helper options: \`auto\` where decompose was asked for). Within a 0.1% gap decompose's min-cost
  // plan on the built-in day had 21,033 t instead of 19,437 t, so the first caps did not bind.
  const minCost = await run.solve(sc, run.helperOptions);
  const ends = await run.ends('min-cost plan', 'min-cost', minCost, ownCap, price);
  if (!('high' in ends)) return ends;
  const { high: cMax, low: cMin } = ends;

  const n = o.points;
  for (let k = 1; k < n; k++) {
    if (run.aborted) {
      run.notes.push(`aborted: ${n - k} cap${n - k === 1 ? '' : 's'} not solved`);
      break;
    }
    // The last cap is C_min itself (not C_max − (n − 1)·step, which rounding could put below it),
    // plus a hair: a cap exactly at the least carbon leaves the LP no room, and glpk has called such
    // a feasible LP infeasible (the built-in scenario under cap 0 with unmet work allowed).
    const even = k === n - 1 ? cMin + LAST_CAP_SLACK * cMax : cMax - (k * (cMax - cMin)) / (n - 1);
    const cap = ownCap === null ? even : Math.min(even, ownCap);
    const label = k === n - 1 ? `least-carbon plan (cap ${fmt(cap)} t)` : `cap ${fmt(cap)} t`;
    run.add(label, await run.solvePoint(withCap(sc, cap)), cap, price);
  }
  return run.finish(cMax, cMin);
}
