/**
 * The time limit and the AbortSignal of one `solve`, over all its stages (validation, latency
 * matrix, formulation, solver, plan). Long loops call `pause(stage)` between chunks: it yields a
 * macrotask when the last yield is a while ago (so that abort events and timers can run) and stops
 * the solve by throwing {@link StageStop} past the deadline or after an abort.
 */
import { nextTask } from '../util/next-task.js';

/** The stages of a solve, as named in `time_limit` / `aborted` messages. */
export type SolveStage = 'validation' | 'latency matrix' | 'size estimate' | 'formulation' | 'network form' | 'model transfer' | 'solver' | 'self-check' | 'plan' | 'N-1 blocks';

/** Thrown by {@link SolveClock.pause} to end a solve early; `solve` turns it into a status. */
export class StageStop extends Error {
  override readonly name = 'StageStop';
  constructor(
    readonly status: 'time_limit' | 'aborted',
    readonly stage: SolveStage,
  ) {
    super(`${status} during ${stage}`);
  }
}

/** Milliseconds of work between yields to the event loop (a pause does not yield more often). */
const YIELD_EVERY_MS = 20;

/** Deadline (performance.now() ms) and signal of one solve. */
export class SolveClock {
  readonly t0: number;
  readonly deadline: number;
  readonly limitSeconds: number;
  readonly signal: AbortSignal | undefined;
  private lastYield: number;

  constructor(limitSeconds: number, signal?: AbortSignal, t0 = performance.now()) {
    this.t0 = t0;
    this.limitSeconds = limitSeconds;
    this.deadline = t0 + 1000 * limitSeconds;
    this.signal = signal;
    this.lastYield = t0;
  }

  /** Seconds left until the deadline (≥ 0). */
  remainingSeconds(): number {
    return Math.max(0, (this.deadline - performance.now()) / 1000);
  }

  /**
   * How long past the deadline control may come back: max(10% of the limit, 250 ms), the target
   * of the reliability issue. Backends that cannot be interrupted (glpk in its worker) are
   * terminated within half of it.
   */
  graceMs(): number {
    return Math.max(100 * this.limitSeconds, 250);
  }

  /** Throws StageStop when aborted or past the deadline (no yield). */
  check(stage: SolveStage): void {
    const stop = this.stopped();
    if (stop) throw new StageStop(stop, stage);
  }

  /** The status a stop now would have, or undefined while the solve may go on. */
  stopped(): 'time_limit' | 'aborted' | undefined {
    if (this.signal?.aborted) return 'aborted';
    if (performance.now() >= this.deadline) return 'time_limit';
    return undefined;
  }

  /** Checks, then yields a macrotask when the last yield is over 20 ms ago, then checks again. */
  async pause(stage: SolveStage): Promise<void> {
    this.check(stage);
    const now = performance.now();
    if (now - this.lastYield < YIELD_EVERY_MS) return;
    await nextTask();
    this.lastYield = performance.now();
    this.check(stage);
  }

  /** A `Pause` for formulate/steps.ts that checks and yields for `stage`. */
  pauser(stage: SolveStage): () => void | Promise<void> {
    return () => (performance.now() - this.lastYield >= YIELD_EVERY_MS ? this.pause(stage) : this.check(stage));
  }
}
