/** Runs one kernel over ascending sizes inside a time budget estimated from the previous size. */
import type { KernelResult } from './types.js';

/** What a runner returns for one size: the result and the time of one multiply (for the estimate). */
export interface SizeOutcome {
  readonly result: KernelResult;
  /** Milliseconds one multiply took (median, or the warm-up when no sample was kept). */
  readonly msPerRun?: number;
}

/** Identity of the kernel, copied into skipped results. */
export type KernelIdentity = Pick<KernelResult, 'kernel' | 'backend' | 'precision'>;

/**
 * Calls `runOne(n, remainingMs)` for each size in ascending order. Before a size it estimates the
 * time of one multiply as t(prev)·(n/prev)³ and skips this and every larger size when
 * (1 warm-up + `minSamples`) such runs do not fit the remaining budget. Unknown estimates (first
 * size, or after a failure) come from `probeMs` when given.
 */
export async function runWithBudget(
  id: KernelIdentity,
  sizes: readonly number[],
  budgetMs: number,
  minSamples: number,
  runOne: (n: number, remainingMs: number) => Promise<SizeOutcome>,
  probe?: { n: number; ms: number },
  now: () => number = () => performance.now(),
): Promise<KernelResult[]> {
  const out: KernelResult[] = [];
  const start = now();
  let prev = probe;
  let skipReason: string | undefined;
  for (const n of [...sizes].sort((x, y) => x - y)) {
    const remaining = budgetMs - (now() - start);
    if (skipReason === undefined && prev !== undefined) {
      const est = prev.ms * (n / prev.n) ** 3;
      if (est * (1 + minSamples) > remaining) {
        skipReason = `one multiply estimated at ${fmtMs(est)} from n = ${prev.n}; ${1 + minSamples} runs exceed the ${fmtMs(Math.max(0, remaining))} left of the ${fmtMs(budgetMs)} budget`;
      }
    }
    if (skipReason === undefined && remaining <= 0) skipReason = `the ${fmtMs(budgetMs)} budget is spent`;
    if (skipReason !== undefined) {
      out.push({ ...id, size: n, status: 'skipped-budget', reason: skipReason, samples: 0, droppedSamples: 0 });
      continue;
    }
    const { result, msPerRun } = await runOne(n, remaining);
    out.push(result);
    if (msPerRun !== undefined && msPerRun > 0) prev = { n, ms: msPerRun };
  }
  return out;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`;
}
