/** Messages between the page and the solver worker (plain, structured-clone data). */
import type { CalibrationReport } from '../../src/calibrate/types.js';
import type { Comparison } from '../../src/compare/types.js';
import type { ScenarioIssue } from '../../src/errors.js';
import type { ParetoResult } from '../../src/pareto/types.js';
import type { Plan } from '../../src/plan/types.js';
import type { ComputeClass, Scenario } from '../../src/scenario/types.js';
import type { StrandedDemand } from './edit.js';
import type { BuiltinName, DemoState } from './state.js';

/** Where the base scenario comes from: a built-in by name, or one the user loaded or calibrated. */
export type Source = { readonly builtin: BuiltinName } | { readonly custom: Scenario; readonly label: string };

/**
 * The two passes of one change (README "Browser demo", progressive refinement): `exact` solves with
 * the chosen backend (the plan that stays); `quick`, sent beside it on another worker when the
 * backend is `auto`, solves with `decompose`, whose plan (with its proved gap) is drawn first when it
 * arrives before the exact one and is then replaced by it.
 */
export type SolvePass = 'exact' | 'quick';

export type Request =
  | { readonly type: 'solve'; readonly gen: number; readonly pass: SolvePass; readonly source: Source; readonly state: DemoState }
  /** The baselines beside `plan`, the exact pass's optimum of `scenario` (the scenario it solved). */
  | { readonly type: 'compare'; readonly gen: number; readonly scenario: Scenario; readonly plan: Plan; readonly state: DemoState }
  | { readonly type: 'pareto'; readonly gen: number; readonly source: Source; readonly state: DemoState; readonly points: number; readonly latencyScales: readonly number[] }
  /** Aborts the solve of generation `gen` (abortable channels only; no reply). */
  | { readonly type: 'abort'; readonly gen: number }
  | { readonly type: 'validate'; readonly gen: number; readonly text: string; readonly fileName: string }
  | { readonly type: 'calibrate'; readonly gen: number }
  | { readonly type: 'apply-calibration'; readonly gen: number; readonly source: Source; readonly report: CalibrationReport; readonly site: string; readonly class: ComputeClass; readonly devices: number };

/** The scenario facts the page draws with (the page itself imports no library code). */
export interface ScenarioView {
  readonly name: string;
  readonly horizonHours: number;
  readonly units: Partial<Record<ComputeClass, string>>;
  readonly sites: readonly { id: string; name: string; hub: string; region: string; lon: number; lat: number; gridCarbon: number | readonly number[]; classes: ComputeClass[] }[];
  readonly origins: readonly { id: string; name: string; province: string; lon: number; lat: number; region?: string }[];
  readonly demands: Readonly<Record<string, { origin: string; class: ComputeClass }>>;
}

export type Reply =
  | { readonly type: 'plan'; readonly gen: number; readonly pass: SolvePass; readonly plan: Plan; readonly view: ScenarioView; readonly scenario: Scenario; readonly unknownOffline: readonly string[]; readonly stranded: readonly StrandedDemand[]; readonly wallMs: number }
  | { readonly type: 'compare'; readonly gen: number; readonly comparison: Comparison }
  /** The quick pass has no plan to show first (a network model, or rows decompose cannot price): the exact plan comes alone. */
  | { readonly type: 'quick-skipped'; readonly gen: number; readonly reason: string }
  | { readonly type: 'pareto-progress'; readonly gen: number; readonly done: number; readonly total: number; readonly label: string }
  | { readonly type: 'pareto'; readonly gen: number; readonly result: ParetoResult }
  | { readonly type: 'validated'; readonly gen: number; readonly fileName: string; readonly scenario?: Scenario; readonly issues: readonly ScenarioIssue[] }
  | { readonly type: 'calibrated'; readonly gen: number; readonly report?: CalibrationReport; readonly error?: string; readonly hasGpu: boolean }
  | { readonly type: 'calibration-applied'; readonly gen: number; readonly scenario?: Scenario; readonly error?: string }
  | { readonly type: 'done'; readonly gen: number }
  | { readonly type: 'error'; readonly gen: number; readonly request: Request['type']; readonly name: string; readonly message: string; readonly issues?: readonly ScenarioIssue[] };
