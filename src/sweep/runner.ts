/**
 * Runners of independent cases: one interface for this thread and for a tinypool worker pool, and
 * `runOrdered`, which keeps a bounded number of tasks in flight and hands results back in task
 * order (so a file written from them is always a prefix of the uninterrupted run's file).
 * Nothing here knows what a case is: `whatIf` batches run the same way as sweep cases.
 */

/** Runs tasks of type T to results of type R; `threads` is 0 in this thread. */
export interface CaseRunner<T, R> {
  run(task: T, signal?: AbortSignal): Promise<R>;
  close(): Promise<void>;
  readonly threads: number;
  /** How the tasks run, in words. */
  readonly reason: string;
}

/** A runner that calls `fn` in this thread. */
export function inProcessRunner<T, R>(fn: (task: T, signal?: AbortSignal) => Promise<R>, reason = 'in this thread'): CaseRunner<T, R> {
  return { run: (t, s) => fn(t, s), close: () => Promise.resolve(), threads: 0, reason };
}

/** Options of `runOrdered`. */
export interface RunOrderedOptions<T, R> {
  /** Tasks in flight at most (≥ 1). */
  readonly concurrency: number;
  /** Stops dispatching; tasks in flight get the signal too, and their results are not handed back. */
  readonly signal?: AbortSignal;
  /** Each result, in task order. */
  readonly onResult: (result: R, task: T) => void;
}

/**
 * Runs every task of `tasks` (pulled lazily, at most `concurrency` ahead of the oldest unfinished
 * one) and calls `onResult` in task order. On abort, results after the first unfinished task are
 * dropped, so what was handed back is a prefix of the task order. Resolves to how many were
 * handed back; a task that rejects (other than by the abort) rejects the whole run.
 */
export async function runOrdered<T, R>(tasks: Iterable<T>, runner: CaseRunner<T, R>, options: RunOrderedOptions<T, R>): Promise<number> {
  const { concurrency, signal, onResult } = options;
  const it = tasks[Symbol.iterator]();
  const done = new Map<number, R>();
  const pending = new Map<number, T>();
  let next = 0; // index of the next task pulled
  let emit = 0; // index of the next result handed back
  let exhausted = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const inFlight = new Set<number>();
  const pull = (): boolean => {
    if (exhausted || signal?.aborted || failure !== undefined) return false;
    const r = it.next();
    if (r.done) {
      exhausted = true;
      return false;
    }
    const i = next++;
    pending.set(i, r.value);
    inFlight.add(i);
    runner.run(r.value, signal).then(
      (v) => {
        inFlight.delete(i);
        if (!signal?.aborted) done.set(i, v);
        wake?.();
      },
      (e) => {
        inFlight.delete(i);
        if (!signal?.aborted && failure === undefined) failure = e;
        wake?.();
      },
    );
    return true;
  };
  for (;;) {
    while (next - emit < concurrency && pull());
    while (done.has(emit)) {
      const v = done.get(emit)!;
      done.delete(emit);
      const t = pending.get(emit)!;
      pending.delete(emit);
      emit++;
      onResult(v, t);
    }
    if (failure !== undefined && inFlight.size === 0) throw failure;
    if ((exhausted || signal?.aborted) && inFlight.size === 0 && !done.has(emit)) return emit;
    if (next - emit < concurrency && !exhausted && !signal?.aborted && failure === undefined) continue;
    await new Promise<void>((res) => (wake = res));
    wake = undefined;
  }
}
