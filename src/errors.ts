/**
 * Misuse and faults throw these; solver outcomes (infeasible, time limit, aborted) are
 * `Plan.status` values and never throw.
 */

/** Base class of every error suanflow throws. */
export class SuanflowError extends Error {
  override readonly name: string = 'SuanflowError';
}

/** One problem found in a scenario: where, which rule, and a readable sentence. */
export interface ScenarioIssue {
  /** JSON path, e.g. `demands[3].maxLatencyMs`. */
  readonly path: string;
  /** Short rule name, e.g. `finite-nonnegative`, `unknown-reference`. */
  readonly rule: string;
  readonly message: string;
}

/** A scenario broke one or more rules; `issues` lists them all. */
export class ScenarioError extends SuanflowError {
  override readonly name = 'ScenarioError';
  readonly issues: readonly ScenarioIssue[];
  constructor(issues: readonly ScenarioIssue[]) {
    const head = `invalid scenario: ${issues.length} problem${issues.length === 1 ? '' : 's'}`;
    super([head, ...issues.map((i) => `  ${i.path}: ${i.message} [${i.rule}]`)].join('\n'));
    this.issues = issues;
  }
}

/** An option passed to a function is not valid (names the option and the rule). */
export class OptionsError extends SuanflowError {
  override readonly name = 'OptionsError';
  readonly option: string;
  constructor(option: string, rule: string) {
    super(`option ${option}: ${rule}`);
    this.option = option;
  }
}

/** The solver failed in a way that is not an outcome (could not load, internal fault). */
export class SolverError extends SuanflowError {
  override readonly name = 'SolverError';
}

/** The WebAssembly kernels could not be loaded or the problem does not fit their memory. */
export class WasmError extends SuanflowError {
  override readonly name = 'WasmError';
}

/** Estimated size of a placement model, counted from the scenario before it is built. */
export interface ModelSizeEstimate {
  /** LP columns (placement x, unmet u, green g). */
  readonly columns: number;
  /** LP rows (demand, capacity, maxPerHour, green, bandwidth, policy). */
  readonly rows: number;
  /** Nonzero coefficients of the rows. */
  readonly nonzeros: number;
  /** Arcs of the network form (flow and decompose backends). */
  readonly arcs: number;
  /** Bytes of JavaScript heap the model (and, for glpk, its JSON form in the worker) needs. */
  readonly heapBytes: number;
  /** Bytes of the backend's WebAssembly memory (glpk, HiGHS: the LP; flow, decompose: the network). */
  readonly wasmBytes: number;
}

/**
 * The model a scenario needs is too big for this machine or for the backend: refused before it is
 * built (misuse of the machine's size, not a solver outcome). The message names the size, the limit
 * and what to do; `estimate`, `limitBytes` and `resource` carry them.
 */
export class ModelSizeError extends SuanflowError {
  override readonly name = 'ModelSizeError';
  readonly estimate: ModelSizeEstimate;
  /** The limit that the estimate exceeds, bytes. */
  readonly limitBytes: number;
  /** Which limit: the JS heap (`maxMemoryMB`) or the backend's wasm memory. */
  readonly resource: 'heap' | 'wasm';
  /** The backend that would have run. */
  readonly backend: string;
  constructor(message: string, estimate: ModelSizeEstimate, limitBytes: number, resource: 'heap' | 'wasm', backend: string) {
    super(message);
    this.estimate = estimate;
    this.limitBytes = limitBytes;
    this.resource = resource;
    this.backend = backend;
  }
}
