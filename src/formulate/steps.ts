/**
 * Long formulation loops written as generators that yield between chunks of work: run to the end
 * at once (`runSteps`), or chunk by chunk with an awaited `pause` in between (`runStepsAsync`), so
 * a caller can give the event loop a turn and stop at a deadline or an abort by throwing from it.
 */

/** Awaited between chunks; throw from it to stop the work. */
export type Pause = () => void | Promise<void>;

/** Runs a step generator to its end and returns its value. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs a step generator, awaiting `pause` after every chunk; what `pause` throws ends the run. */
export async function runStepsAsync<T>(steps: Generator<void, T>, pause: Pause): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    const p = pause();
    if (p) await p;
  }
}
