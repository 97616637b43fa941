/** Checks `paretoFrontier`'s options up front, so misuse fails before minutes of solving. */
import { OptionsError } from '../errors.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import { SOLVE_OPTION_NAMES, type SolveOptions } from '../solve/solve.js';
import { defaultParetoOptions, type ParetoAbatement, type ParetoMethod, type ParetoOptions } from './types.js';

/** Most points per frontier: each is a full LP solve. */
export const MAX_PARETO_POINTS = 1000;

const METHODS: readonly ParetoMethod[] = ['cap', 'price'];
const ABATEMENTS: readonly ParetoAbatement[] = ['relocate', 'any'];

/** Options with defaults applied, split into ours and those passed to every solve. */
export interface CheckedParetoOptions {
  readonly points: number;
  readonly method: ParetoMethod;
  readonly latencyScale: readonly number[];
  readonly abatement: ParetoAbatement;
  readonly includePlans: boolean;
  readonly solve: SolveOptions;
}

const OWN_NAMES = optionNames<Omit<ParetoOptions, keyof SolveOptions>>()('points', 'method', 'latencyScale', 'abatement', 'includePlans');

const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

/** Throws an `OptionsError` naming the first bad option; returns the options with defaults. */
export function checkParetoOptions(options: ParetoOptions): CheckedParetoOptions {
  if (typeof options !== 'object' || options === null) throw new OptionsError('points', 'options with at least { points } are required');
  rejectUnknownOptions('paretoFrontier', options, [...OWN_NAMES, ...SOLVE_OPTION_NAMES]);
  const { points, method = defaultParetoOptions.method, latencyScale = defaultParetoOptions.latencyScale, abatement = defaultParetoOptions.abatement, includePlans = defaultParetoOptions.includePlans, ...solve } = options;
  if (!(Number.isInteger(points) && points >= 2 && points <= MAX_PARETO_POINTS)) {
    throw new OptionsError('points', `must be an integer from 2 to ${MAX_PARETO_POINTS} (both ends of the frontier count), got ${String(points)}`);
  }
  if (!METHODS.includes(method)) throw new OptionsError('method', `must be one of ${quoted(METHODS)}, got ${JSON.stringify(method)}`);
  if (!ABATEMENTS.includes(abatement)) throw new OptionsError('abatement', `must be one of ${quoted(ABATEMENTS)}, got ${JSON.stringify(abatement)}`);
  if (typeof includePlans !== 'boolean') throw new OptionsError('includePlans', `must be true or false, got ${JSON.stringify(includePlans)}`);
  if (!Array.isArray(latencyScale) || latencyScale.length === 0) throw new OptionsError('latencyScale', 'must be a non-empty array of factors > 0');
  latencyScale.forEach((f: unknown, i) => {
    if (!(typeof f === 'number' && Number.isFinite(f) && f > 0)) throw new OptionsError(`latencyScale[${i}]`, `must be a finite number > 0, got ${String(f)}`);
  });
  // Every cap solve has a carbon-cap row, which the network simplex cannot hold; decompose prices it.
  if (method === 'cap' && solve.backend === 'flow') {
    throw new OptionsError('backend', `"flow" cannot solve carbon-cap rows, which method "cap" adds; use "auto", "glpk", "highs" or "decompose"`);
  }
  return { points, method, latencyScale, abatement, includePlans, solve };
}
