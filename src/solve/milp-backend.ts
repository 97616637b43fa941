/** Backend choice for MILPs (dataset copies, model replicas): only glpk.js solves them. */
import { OptionsError } from '../errors.js';
import type { LpModel } from '../formulate/lp-model.js';
import { hasIntegerColumns } from './glpk-milp.js';

/** glpk for a MILP under `auto` or `glpk`; an OptionsError for the LP-only backends; undefined for an LP. */
export function milpBackend(m: LpModel, requested: string): { backend: 'glpk'; reason: string } | undefined {
  if (!hasIntegerColumns(m)) return undefined;
  const n = m.cols.filter((c) => c.integer).length;
  if (requested === 'auto' || requested === 'glpk') {
    return { backend: 'glpk', reason: `${requested === 'auto' ? 'auto' : 'requested: glpk'}: ${n} yes/no dataset-copy or model-replica choice${n === 1 ? '' : 's'} make a MILP, solved by glpk.js branch and bound` };
  }
  throw new OptionsError('backend', `"${requested}" solves LPs only, but this scenario has ${n} yes/no dataset-copy or model-replica choices (a MILP); use "glpk" or "auto"`);
}
