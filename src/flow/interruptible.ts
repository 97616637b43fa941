/**
 * Interruptible network simplex: a synchronous kernel call cannot see a time limit or an
 * AbortSignal, so the solve runs in slices of pivots. Between slices it checks the deadline and,
 * with a signal, yields one macrotask so that abort events can fire; the next slice resumes from
 * the kept tree (flows and potentials recomputed from it). Slices change rounding only, not the
 * optimum: a sliced solve may pivot differently from a one-call solve but ends optimal alike.
 */
import { OptionsError, SolverError } from '../errors.js';
import { MCF_PAUSED, mcfMaxIterations, validateFlowNetwork } from './kernel-contract.js';
import type { FlowNetwork, FlowResult, FlowSolveOptions } from './types.js';
import { nextTask } from '../util/next-task.js';

/** Options of `solveAsync` on a solver object. */
export interface FlowRunOptions extends FlowSolveOptions {
  /** Stops the solve with status `aborted` (checked between slices). */
  readonly signal?: AbortSignal;
  /** `performance.now()` time past which the solve stops with status `time_limit`. */
  readonly deadline?: number;
  /** Pivots per slice when a signal or deadline is given. @default slicePivots(nodes, arcs) */
  readonly slicePivots?: number;
}

/**
 * Reads an optimal flow and its potentials where they lie (for the wasm kernel: views into its
 * memory, valid only during the call, so copy what is kept).
 */
export type FlowReader = (flow: Float64Array, potential: Float64Array) => void;

/** What {@link solveInSlices} needs of a solver (the TS twin and the wasm class both have it). */
export interface SliceableSolver {
  step(net: FlowNetwork, warmStart: boolean, resume: boolean, budget: number): number;
  stepInfo(): { pivots: number; warm: boolean };
  /**
   * The result of the last step; with `read` and an optimal code, the flow and potentials go to
   * `read` in place first, and the result's `flow` may be empty (the wasm solver copies nothing out).
   */
  finish(code: number, read?: FlowReader): FlowResult;
}

/**
 * Pivots per slice: at least 50,000 and a tenth of nodes + arcs, so the O(nodes + arcs) work of
 * each resume stays a few percent of the slice (tens of ms on the bench sizes).
 */
export function slicePivots(nodes: number, arcs: number): number {
  return Math.max(50_000, Math.ceil((nodes + arcs) / 10));
}


/**
 * Runs `solver` slice by slice until optimal (or infeasible, unbounded), the deadline or an abort.
 * `validate`: false only for networks whose invariants their builder guarantees (the direct
 * placement network); the resumes of one call assume `net` does not change in between. `read`:
 * an optimal flow is read in place (see {@link SliceableSolver.finish}) instead of copied out.
 */
export async function solveInSlices(solver: SliceableSolver, net: FlowNetwork, options: FlowRunOptions, validate = true, read?: FlowReader): Promise<FlowResult> {
  if (validate) validateFlowNetwork(net);
  const { signal, deadline } = options;
  const n = net.nodes;
  // Read before the first step: a network of wasm-memory views has its length now, not necessarily later.
  const m = net.source.length;
  const sliced = signal !== undefined || deadline !== undefined;
  const budget = options.slicePivots ?? slicePivots(n, m);
  if (!(Number.isInteger(budget) && budget > 0)) throw new OptionsError('slicePivots', `must be an integer > 0, got ${budget}`);
  let pivots = 0;
  let warmStarted = false;
  const stopped = (status: 'aborted' | 'time_limit'): FlowResult => ({
    status,
    flow: new Float64Array(m),
    potential: new Float64Array(n),
    objective: NaN,
    iterations: pivots,
    warmStarted,
  });
  if (signal?.aborted) return stopped('aborted');
  let code = solver.step(net, options.warmStart === true, false, sliced ? budget : Infinity);
  warmStarted = solver.stepInfo().warm;
  while (code === MCF_PAUSED) {
    pivots += solver.stepInfo().pivots;
    if (pivots > mcfMaxIterations(n, m)) {
      throw new SolverError(`network simplex stopped after ${pivots} pivots without reaching optimality (numerical cycling?)`);
    }
    if (signal) await nextTask();
    if (signal?.aborted) return stopped('aborted');
    if (deadline !== undefined && performance.now() >= deadline) return stopped('time_limit');
    code = solver.step(net, false, true, budget);
  }
  // Right after the last step, before anything else can run: `read` sees the kernel's own output.
  const r = solver.finish(code, read);
  return { ...r, iterations: pivots + r.iterations, warmStarted };
}
