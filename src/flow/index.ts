/**
 * `suanflow/flow`: min-cost flow for researchers. `minCostFlow` (network simplex in wasm, lower
 * bounds, statuses with witnesses, time limit and abort), the DIMACS min-cost-flow formats, and
 * the exactness check. Independent of the placement model: the core entry does not re-export it.
 */
export { minCostFlow, checkExactness } from './min-cost-flow.js';
export { parseDimacsMin, formatDimacsMin, formatDimacsFlow, DimacsError } from './dimacs.js';
export { infeasibleCut, negativeInfiniteCycle } from './witness.js';
export { OptionsError, SolverError, SuanflowError } from '../errors.js';
export type { McfNetwork, McfOptions, McfResult, McfStatus, McfAlgorithm, McfCut, McfCycle } from './mcf-types.js';
