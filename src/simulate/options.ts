/** Defaults and checks of `simulate` options: every bad option is an `OptionsError` naming it. */
import { OptionsError } from '../errors.js';
import { optionNames, rejectUnknownOptions } from '../options.js';
import type { BackendName } from '../solve/solve.js';
import type { SimulateOptions } from './types.js';

/** Defaults of every optional option of `simulate` (`lookaheadHours` has none). */
export const defaultSimulateOptions: Required<Omit<SimulateOptions, 'lookaheadHours' | 'signal' | 'onStep'>> = {
  seed: 1,
  forecastError: { demand: 0, green: 0 },
  noisyCurrentHour: false,
  backend: 'auto',
  timeLimitSeconds: 300,
  gapTolerance: 0.001,
  perfectForesight: true,
};

/** Options with defaults filled in and every value checked. */
export interface CheckedSimulateOptions {
  readonly lookaheadHours: number;
  readonly seed: number;
  readonly demandError: number;
  readonly greenError: number;
  readonly noisyCurrentHour: boolean;
  readonly backend: BackendName;
  readonly timeLimitSeconds: number;
  readonly gapTolerance: number;
  readonly perfectForesight: boolean;
  readonly signal: AbortSignal | undefined;
  readonly onStep: SimulateOptions['onStep'];
}

const BACKENDS: readonly BackendName[] = ['auto', 'glpk', 'flow', 'highs', 'decompose'];
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function relStd(name: string, v: unknown): number {
  if (v === undefined) return 0;
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1)) {
    throw new OptionsError(name, `must be a relative standard deviation in [0, 1], got ${show(v)}`);
  }
  return v;
}

function bool(name: string, v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new OptionsError(name, `must be true or false, got ${show(v)}`);
  return v;
}

const OPTION_NAMES = optionNames<SimulateOptions>()(
  'lookaheadHours', 'seed', 'forecastError', 'noisyCurrentHour', 'backend', 'timeLimitSeconds', 'gapTolerance', 'perfectForesight', 'signal', 'onStep',
);

/** Fills defaults and checks every option; throws `OptionsError` (with the option's name) on the first bad one. */
export function checkSimulateOptions(options: SimulateOptions): CheckedSimulateOptions {
  if (typeof options !== 'object' || options === null) throw new OptionsError('options', 'must be an object with at least lookaheadHours');
  rejectUnknownOptions('simulate', options, OPTION_NAMES);
  const o = options as Partial<SimulateOptions>;
  const L = o.lookaheadHours;
  if (!(typeof L === 'number' && Number.isInteger(L) && L >= 1)) {
    throw new OptionsError('lookaheadHours', `must be an integer number of hours ≥ 1, got ${show(L)}`);
  }
  const seed = o.seed ?? defaultSimulateOptions.seed;
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw new OptionsError('seed', `must be an integer in 0 … 4294967295, got ${show(seed)}`);
  }
  const fe = o.forecastError ?? {};
  if (typeof fe !== 'object' || fe === null) throw new OptionsError('forecastError', `must be an object { demand?, green? }, got ${show(fe)}`);
  const unknown = Object.keys(fe).find((k) => k !== 'demand' && k !== 'green');
  if (unknown !== undefined) throw new OptionsError(`forecastError.${unknown}`, 'is not an option (known: demand, green)');
  const backend = o.backend ?? defaultSimulateOptions.backend;
  if (!BACKENDS.includes(backend)) {
    throw new OptionsError('backend', `must be one of ${BACKENDS.map((b) => `"${b}"`).join(', ')}, got ${show(backend)}`);
  }
  const tl = o.timeLimitSeconds ?? defaultSimulateOptions.timeLimitSeconds;
  if (!(typeof tl === 'number' && Number.isFinite(tl) && tl > 0)) {
    throw new OptionsError('timeLimitSeconds', `must be a finite number of seconds > 0, got ${show(tl)}`);
  }
  const gap = o.gapTolerance ?? defaultSimulateOptions.gapTolerance;
  if (!(typeof gap === 'number' && gap >= 0 && gap < 1)) throw new OptionsError('gapTolerance', `must be a number in [0, 1), got ${show(gap)}`);
  if (o.signal !== undefined && !(typeof o.signal === 'object' && o.signal !== null && 'aborted' in o.signal)) {
    throw new OptionsError('signal', 'must be an AbortSignal');
  }
  if (o.onStep !== undefined && typeof o.onStep !== 'function') throw new OptionsError('onStep', `must be a function, got ${show(o.onStep)}`);
  return {
    lookaheadHours: L,
    seed,
    demandError: relStd('forecastError.demand', fe.demand),
    greenError: relStd('forecastError.green', fe.green),
    noisyCurrentHour: bool('noisyCurrentHour', o.noisyCurrentHour, defaultSimulateOptions.noisyCurrentHour),
    backend,
    timeLimitSeconds: tl,
    gapTolerance: gap,
    perfectForesight: bool('perfectForesight', o.perfectForesight, defaultSimulateOptions.perfectForesight),
    signal: o.signal,
    onStep: o.onStep,
  };
}
