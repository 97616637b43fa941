/** Sample statistics and the "repeat until stable or out of time" loop shared by all runners. */

/** Linear-interpolated quantile q ∈ [0, 1] of an ascending array (NaN when empty). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** Median, p10, p90 and relative spread (p90 − p10) / median of time samples (ms). */
export interface SampleSummary {
  readonly medianMs: number;
  readonly p10Ms: number;
  readonly p90Ms: number;
  readonly spread: number;
}

/** Summary of the samples; undefined when there are none. */
export function summarize(samplesMs: readonly number[]): SampleSummary | undefined {
  if (samplesMs.length === 0) return undefined;
  const s = [...samplesMs].sort((x, y) => x - y);
  const medianMs = quantile(s, 0.5);
  const p10Ms = quantile(s, 0.1);
  const p90Ms = quantile(s, 0.9);
  return { medianMs, p10Ms, p90Ms, spread: medianMs > 0 ? (p90Ms - p10Ms) / medianMs : Number.POSITIVE_INFINITY };
}

/**
 * Pass-duration in ms from a begin/end timestamp pair in ns, or null when the delta is zero or
 * negative (timestamps may be quantised, reset or reordered by the driver: such samples are dropped).
 */
export function timestampDeltaMs(begin: bigint, end: bigint): number | null {
  const d = end - begin;
  return d > 0n ? Number(d) / 1e6 : null;
}

/** When to stop sampling. */
export interface SamplingOptions {
  /** Stop once this many samples exist and the spread is small. @default 5 */
  readonly minSamples: number;
  /** Stop at this many samples (kept or dropped). @default 30 */
  readonly maxSamples: number;
  /** Relative spread (p90 − p10) / median below which sampling stops. @default 0.05 */
  readonly targetSpread: number;
  /** Stop once this much wall time has passed (at least one attempt is always made). */
  readonly maxMs: number;
}

/** Samples kept (ms) and the number dropped. */
export interface SamplingResult {
  readonly samplesMs: number[];
  readonly dropped: number;
}

/**
 * Calls `sample` until the spread of the kept samples is below the target (with at least
 * `minSamples`), `maxSamples` attempts were made, or `maxMs` ran out. `sample` returns a time in
 * ms, or null for a sample that must be dropped (a zero or negative timestamp delta).
 */
export async function sampleUntilStable(
  sample: () => Promise<number | null>,
  options: SamplingOptions,
  now: () => number = () => performance.now(),
): Promise<SamplingResult> {
  const samplesMs: number[] = [];
  let dropped = 0;
  const start = now();
  for (let attempt = 0; attempt < options.maxSamples; attempt++) {
    const ms = await sample();
    if (ms === null || !Number.isFinite(ms) || ms <= 0) dropped++;
    else samplesMs.push(ms);
    if (samplesMs.length >= options.minSamples) {
      const s = summarize(samplesMs);
      if (s && s.spread <= options.targetSpread) break;
    }
    if (now() - start >= options.maxMs) break;
  }
  return { samplesMs, dropped };
}

/** 2·n³ floating-point operations in `ms` milliseconds, as GFLOP/s. */
export function gflopsOf(n: number, ms: number): number {
  return (2 * n * n * n) / (ms * 1e6);
}
