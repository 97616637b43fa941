import { describe, expect, it } from 'vitest';
import { ScalarSearch } from '../src/solve/decompose-scalar.js';

/** Runs the search on a row value h(λ) from λ = 0 for `steps` λ values; returns the λs tried. */
function run(search: ScalarSearch, h: (lam: number) => number, steps: number): number[] {
  const tried: number[] = [];
  let lam = 0;
  for (let k = 0; k < steps; k++) {
    tried.push(lam);
    lam = search.next(0, lam, h(lam));
  }
  return tried;
}

describe('decompose scalar phase: the bracket on one coupling row\'s multiplier', () => {
  it('grows λ from the first guess until the row is met, then closes the bracket around the step of h', () => {
    const search = new ScalarSearch(Float64Array.of(0.5));
    // An LP's row value is a step function of λ: violated below 37, met from there.
    const h = (lam: number) => (lam < 37 ? 5 - lam / 100 : -2);
    const tried = run(search, h, 40);
    expect(tried.slice(0, 4)).toEqual([0, 0.5, 4, 32]);
    expect(search.lo[0]!).toBeLessThan(37);
    expect(search.hi[0]!).toBeGreaterThanOrEqual(37);
    expect(search.hi[0]! - search.lo[0]!).toBeLessThan(1e-3);
    expect(search.tried).toBe(40);
    expect(search.collapsed(0)).toBe(search.hi[0]! - search.lo[0]! <= 1e-9 * search.hi[0]!);
  });

  it('a row met at λ = 0 does not bind: λ stays 0 and the bracket does not count as closed', () => {
    const search = new ScalarSearch(Float64Array.of(1));
    expect(search.next(0, 0, -3)).toBe(0);
    expect(search.next(0, 0, -3)).toBe(0);
    expect(search.collapsed(0)).toBe(false);
  });

  it('an end that the other row made stale is dropped (violated again at or above the old hi)', () => {
    const search = new ScalarSearch(Float64Array.of(1));
    search.next(0, 0, 4);
    search.next(0, 8, -1); // met at 8
    const next = search.next(0, 8, 2); // the other row moved: violated at 8 now
    expect(search.hi[0]).toBe(Infinity);
    expect(next).toBe(64);
  });

  it('with a warm λ that already meets the row, it shrinks λ towards 0 until the row is violated', () => {
    const search = new ScalarSearch(Float64Array.of(1));
    expect(search.next(0, 100, -1)).toBe(25);
    const lam = search.next(0, 25, 3);
    expect(lam).toBeGreaterThan(25);
    expect(lam).toBeLessThan(100);
  });
});
