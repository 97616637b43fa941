/**
 * The demo's view state and its URL form (`URLSearchParams`, kept with `history.replaceState`),
 * so a link reproduces the view. Pure functions: the page, the worker and the tests share them.
 *
 * Parameters (README "Browser demo"): `scenario`, `carbonPrice`, `latencyScale`, `minGreenShare`,
 * `demandScale.<class>`, `offline`, `hour`, `backend`. A value that cannot be read is reported in
 * `problems` (shown on the page) and the default is used; nothing is dropped silently.
 */
import type { ComputeClass } from '../../src/scenario/types.js';
import type { BackendName } from '../../src/solve/solve.js';

/** Built-in scenarios the demo offers, by URL name. */
export const BUILTIN_NAMES = ['day', 'greenHubs', 'week'] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

export const CLASSES: readonly ComputeClass[] = ['general', 'intelligent', 'super'];
export const BACKENDS: readonly BackendName[] = ['auto', 'glpk', 'flow', 'decompose', 'highs'];

/** What the controls say. `undefined` means "as the scenario has it". */
export interface DemoState {
  /** Built-in scenario (a loaded or calibrated scenario is not in the URL; see README). */
  readonly scenario: BuiltinName;
  /** `prices.carbonPerTonne`, CNY/t. */
  readonly carbonPrice: number | undefined;
  /** Factor on every demand's `maxLatencyMs` (the latency tier). */
  readonly latencyScale: number;
  /** `policy.minGreenShare` (0 … 1); undefined or 0: no rule. */
  readonly minGreenShare: number | undefined;
  /** Factor on every demand's amount, per class. */
  readonly demandScale: Readonly<Record<ComputeClass, number>>;
  /** Site ids taken offline (capacity 0: the outage what-if). */
  readonly offline: readonly string[];
  /** Hour the map shows (0-based). */
  readonly hour: number;
  /** Solver backend. */
  readonly backend: BackendName;
}

/** The backend a scenario starts with: the week's 168 hours go to `decompose` (glpk.js takes tens of seconds on it). */
export function defaultBackend(scenario: BuiltinName): BackendName {
  return scenario === 'week' ? 'decompose' : 'auto';
}

export function defaultState(scenario: BuiltinName = 'day'): DemoState {
  return { scenario, carbonPrice: undefined, latencyScale: 1, minGreenShare: undefined, demandScale: { general: 1, intelligent: 1, super: 1 }, offline: [], hour: 0, backend: defaultBackend(scenario) };
}

/** Slider ranges (also the accepted URL ranges). */
export const RANGES = {
  carbonPrice: { min: 0, max: 1000, step: 10 },
  latencyScale: { min: 0.5, max: 3, step: 0.1 },
  minGreenShare: { min: 0, max: 0.9, step: 0.05 },
  demandScale: { min: 0, max: 2, step: 0.05 },
} as const;

/** Reads the state from URL parameters; `problems` lists each parameter that was not used, and why. */
export function parseState(params: URLSearchParams): { state: DemoState; problems: string[] } {
  const problems: string[] = [];
  const known = new Set(['scenario', 'carbonPrice', 'latencyScale', 'minGreenShare', 'offline', 'hour', 'backend', ...CLASSES.map((c) => `demandScale.${c}`)]);
  for (const key of params.keys()) if (!known.has(key)) problems.push(`unknown URL parameter "${key}" (ignored)`);
  const rawScenario = params.get('scenario');
  let scenario: BuiltinName = 'day';
  if (rawScenario !== null) {
    if ((BUILTIN_NAMES as readonly string[]).includes(rawScenario)) scenario = rawScenario as BuiltinName;
    else problems.push(`scenario: "${rawScenario}" is not one of ${BUILTIN_NAMES.join(', ')} (using day)`);
  }
  const base = defaultState(scenario);
  const num = (key: string, min: number, max: number): number | undefined => {
    const raw = params.get(key);
    if (raw === null) return undefined;
    const v = raw.trim() === '' ? NaN : Number(raw);
    if (Number.isFinite(v) && v >= min && v <= max) return v;
    problems.push(`${key}: "${raw}" is not a number in [${min}, ${max}] (using the default)`);
    return undefined;
  };
  const carbonPrice = num('carbonPrice', RANGES.carbonPrice.min, RANGES.carbonPrice.max);
  const latencyScale = num('latencyScale', RANGES.latencyScale.min, RANGES.latencyScale.max) ?? 1;
  const green = num('minGreenShare', 0, 1);
  const demandScale = { ...base.demandScale };
  for (const c of CLASSES) demandScale[c] = num(`demandScale.${c}`, RANGES.demandScale.min, 10) ?? 1;
  const hourRaw = num('hour', 0, 8759);
  let hour = 0;
  if (hourRaw !== undefined) {
    if (Number.isInteger(hourRaw)) hour = hourRaw;
    else problems.push(`hour: "${params.get('hour')}" is not a whole hour (using 0)`);
  }
  const offlineRaw = params.get('offline');
  const offline = offlineRaw ? [...new Set(offlineRaw.split(',').map((s) => s.trim()).filter((s) => s !== ''))] : [];
  const backendRaw = params.get('backend');
  let backend = base.backend;
  if (backendRaw !== null) {
    if ((BACKENDS as readonly string[]).includes(backendRaw)) backend = backendRaw as BackendName;
    else problems.push(`backend: "${backendRaw}" is not one of ${BACKENDS.join(', ')} (using ${backend})`);
  }
  return { state: { scenario, carbonPrice, latencyScale, minGreenShare: green === 0 ? undefined : green, demandScale, offline, hour, backend }, problems };
}

/** The URL parameters of a state (defaults left out, so links stay short). */
export function stateToParams(s: DemoState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.scenario !== 'day') p.set('scenario', s.scenario);
  if (s.carbonPrice !== undefined) p.set('carbonPrice', String(s.carbonPrice));
  if (s.latencyScale !== 1) p.set('latencyScale', String(s.latencyScale));
  if (s.minGreenShare !== undefined && s.minGreenShare > 0) p.set('minGreenShare', String(s.minGreenShare));
  for (const c of CLASSES) if (s.demandScale[c] !== 1) p.set(`demandScale.${c}`, String(s.demandScale[c]));
  if (s.offline.length > 0) p.set('offline', s.offline.join(','));
  if (s.hour !== 0) p.set('hour', String(s.hour));
  if (s.backend !== defaultBackend(s.scenario)) p.set('backend', s.backend);
  return p;
}
