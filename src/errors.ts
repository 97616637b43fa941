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
