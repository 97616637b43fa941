import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarios } from '../src/datasets/index.js';
import { demand, site, tiny } from './fixtures.js';

describe('decompose: Lagrangian prices on green supply with flow subproblems', () => {
  it('the built-in scenario: a verified plan within the gap of the exact glpk optimum, and a valid bound', async () => {
    const sc = scenarios.eastDataWestComputing;
    const exact = await solve(sc, { backend: 'glpk' });
    const dec = await solve(sc, { backend: 'decompose', gapTolerance: 0.001 });
    expect(dec.solver.backend).toBe('decompose');
    expect(dec.status).toBe('optimal');
    expect(verifyPlan(sc, dec).violations).toEqual([]);
    const opt = exact.objective!;
    expect(dec.solver.gap!).toBeLessThanOrEqual(0.001);
    // The bound is below the true optimum, the plan above it, and the gap between them is honest.
    expect(dec.solver.lowerBound!).toBeLessThanOrEqual(opt * (1 + 1e-9));
    expect(dec.objective!).toBeGreaterThanOrEqual(opt * (1 - 1e-9));
    expect(dec.objective!).toBeLessThanOrEqual(opt * (1 + 0.001) + 1e-6);
  });

  it('moves deferrable work to the green hour like the exact solver', async () => {
    const sc = tiny({
      horizonHours: 3,
      sites: [site('A', 114.86, 40.82, { greenSupplyMW: [0, 0.004, 0.001] }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, greenSupplyMW: 0.002 })],
      demands: [demand('job', { amount: 9, window: { release: 0, deadline: 3 } }), demand('live', { amount: [2, 2, 2] })],
      prices: { carbonPerTonne: 1000, unmetPenalty: 100, transferPerGB: 0 },
    });
    const exact = await solve(sc, { backend: 'glpk' });
    const dec = await solve(sc, { backend: 'decompose', gapTolerance: 1e-9, maxRounds: 500 });
    expect(verifyPlan(sc, dec).violations).toEqual([]);
    expect(dec.objective!).toBeGreaterThanOrEqual(exact.objective! - 1e-9);
    expect(dec.objective!).toBeLessThanOrEqual(exact.objective! * (1 + 1e-3));
    expect(dec.solver.lowerBound!).toBeLessThanOrEqual(exact.objective! + 1e-9);
  });

  it('refuses coupling rows it does not price, naming them; on a network it runs flow', async () => {
    await expect(solve(tiny({ policy: { carbonCapTonnes: 1 } }), { backend: 'decompose' })).rejects.toThrow(/"decompose" prices green supply .* carbonCap/);
    const p = await solve(tiny(), { backend: 'decompose' });
    expect(p.solver.backend).toBe('flow');
    await expect(solve(tiny(), { gapTolerance: 2 })).rejects.toThrow(/gapTolerance/);
  });
});
