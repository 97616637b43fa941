/** Writes the placement LP for solvers elsewhere (CPLEX LP text via glpk.js). */
import { OptionsError } from '../errors.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { buildModel } from '../solve/solve.js';
import { writeCplexLp } from '../solve/glpk.js';

/** Model file formats `exportModel` writes. */
export type ModelFormat = 'lp';

/**
 * The scenario's placement LP as CPLEX LP text. Names are index based: `x_d_s_t` is demand d
 * (0-based index into `demands`) at site s in hour t, `u_d_t` / `u_d` unmet, `g_s_t` green energy;
 * rows `dem_*`, `cap_s_class_t`, `mph_*`, `grn_*`, `bw_*`, `carbon_cap`, `green_share`, `site_green_*`.
 */
export async function exportModel(scenario: Scenario, format: ModelFormat = 'lp'): Promise<string> {
  if (format !== 'lp') throw new OptionsError('format', `must be "lp", got ${JSON.stringify(format)}`);
  const sc = validateScenario(scenario);
  return writeCplexLp(await buildModel(sc));
}
