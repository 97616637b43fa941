// Adaptive batch sizes of the sweep pool (guided self-scheduling): ⌈left / (4 × threads)⌉ in 1 … 32.
import { describe, expect, it } from 'vitest';
import { adaptiveBatch } from '../src/sweep/run-sweep.js';

/** The sizes the runner sends for `todo` cases on `threads` threads. */
function schedule(todo: number, threads: number): number[] {
  const sizes: number[] = [];
  for (let left = todo; left > 0; ) {
    const k = Math.min(left, adaptiveBatch(left, threads));
    sizes.push(k);
    left -= k;
  }
  return sizes;
}

describe('adaptive batches', () => {
  it('follows the formula, clamped to 1 … 32', () => {
    expect(adaptiveBatch(500, 2)).toBe(32); // ⌈500 / 8⌉ = 63, clamped
    expect(adaptiveBatch(200, 2)).toBe(25);
    expect(adaptiveBatch(9, 2)).toBe(2);
    expect(adaptiveBatch(3, 2)).toBe(1);
    expect(adaptiveBatch(1, 2)).toBe(1);
    expect(adaptiveBatch(0, 2)).toBe(1);
    expect(adaptiveBatch(100, 1)).toBe(25);
  });

  it('covers every case once, large batches first, single cases at the end', () => {
    for (const [todo, threads] of [[500, 2], [7, 2], [1000, 4], [33, 3]] as const) {
      const s = schedule(todo, threads);
      expect(s.reduce((a, b) => a + b, 0)).toBe(todo);
      for (let i = 1; i < s.length; i++) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!);
      expect(s.at(-1)).toBe(1);
    }
    // 500 cases on 2 threads: 32-case batches while more than 248 are left, then shrinking.
    const s = schedule(500, 2);
    expect(s.slice(0, 8)).toEqual([32, 32, 32, 32, 32, 32, 32, 32]);
    expect(s.length).toBeLessThan(60);
  });
});
