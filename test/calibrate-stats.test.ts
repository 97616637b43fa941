import { describe, expect, it } from 'vitest';
import { gflopsOf, quantile, sampleUntilStable, summarize, timestampDeltaMs } from '../src/calibrate/stats.js';
import { f16BitsToF32, f32ToF16Bits } from '../src/calibrate/half.js';

describe('timing statistics', () => {
  it('zero and negative timestamp deltas give no sample', () => {
    expect(timestampDeltaMs(100n, 100n)).toBeNull();
    expect(timestampDeltaMs(200n, 100n)).toBeNull();
    expect(timestampDeltaMs(1_000_000n, 3_500_000n)).toBe(2.5);
  });

  it('drops bad samples and stops when the spread is small', async () => {
    const seq = [null, 0, -1, 10, 10.1, 9.9, 10, 10, 50];
    let i = 0;
    const r = await sampleUntilStable(async () => (i < seq.length ? (seq[i++] as number | null) : 10), { minSamples: 5, maxSamples: 20, targetSpread: 0.05, maxMs: 1e9 });
    expect(r.dropped).toBe(3);
    expect(r.samplesMs).toEqual([10, 10.1, 9.9, 10, 10]);
  });

  it('stops at the time limit with what it has', async () => {
    let t = 0;
    const r = await sampleUntilStable(async () => ((t += 100), Math.random() * 10 + 1), { minSamples: 5, maxSamples: 100, targetSpread: 0, maxMs: 250 }, () => t);
    expect(r.samplesMs.length).toBe(3);
  });

  it('summary and GFLOP/s', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(summarize([])).toBeUndefined();
    const s = summarize([5, 1, 3])!;
    expect(s.medianMs).toBe(3);
    expect(s.p10Ms).toBeCloseTo(1.4);
    expect(gflopsOf(1000, 2)).toBe(1000); // 2e9 flop in 2 ms
  });

  it('f16 round trip is exact for f16 values and rounds to nearest', () => {
    for (const x of [0, 1, -2, 0.5, 65504, 2 ** -24, -0.333251953125]) expect(f16BitsToF32(f32ToF16Bits(x))).toBe(x);
    expect(f16BitsToF32(f32ToF16Bits(1 + 2 ** -12))).toBe(1);
    expect(f16BitsToF32(f32ToF16Bits(1e6))).toBe(Number.POSITIVE_INFINITY);
    expect(Math.abs(f16BitsToF32(f32ToF16Bits(0.1)) - 0.1)).toBeLessThan(1e-4);
  });
});
