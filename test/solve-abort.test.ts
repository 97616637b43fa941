import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarios } from '../src/datasets/index.js';
import { tiny } from './fixtures.js';

describe('AbortSignal is honoured by the glpk backend (worker thread) and decompose', () => {
  const sc = scenarios.eastDataWestComputing;

  it('a signal that fires mid-solve ends glpk.js at once with status aborted', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    // The solve takes several hundred ms, so without the abort it would end optimal. Formulation
    // yields to the event loop too, so on a slow machine the abort may land there.
    const p = await solve(sc, { backend: 'glpk', signal: ac.signal });
    expect(p.status).toBe('aborted');
    expect(p.message).toMatch(/aborted during the (glpk solve|formulation|model transfer)/);
    expect(verifyPlan(sc, p).ok).toBe(true);
  });

  it('with a signal that never fires, the worker gives the same optimum as the in-thread solve', async () => {
    const a = await solve(tiny(), { backend: 'glpk' });
    const b = await solve(tiny(), { backend: 'glpk', signal: new AbortController().signal });
    expect(b.status).toBe('optimal');
    expect(b.objective).toBeCloseTo(a.objective!, 9);
    expect(b.utilization).toEqual(a.utilization);
  });

  it('decompose returns its best plan so far when aborted between rounds', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 400);
    // A zero gap tolerance keeps it going for many rounds, so the abort lands between two (late
    // enough that formulation, which also yields to the event loop, is done on a slow machine).
    const p = await solve(sc, { backend: 'decompose', gapTolerance: 0, maxRounds: 100_000, signal: ac.signal });
    expect(p.status).toBe('aborted');
    expect(p.objective).not.toBeNull();
    expect(verifyPlan(sc, p).violations).toEqual([]);
  });
});
