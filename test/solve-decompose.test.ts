import { describe, expect, it } from 'vitest';
import { solve, solveVariant } from '../src/solve/solve.js';
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

  it('prices carbon caps and green shares; refuses MILP and safety rows, naming them; on a network it runs flow', async () => {
    const green = { greenSupplyMW: 0.01 };
    const sc = tiny({ sites: [site('A', 114.86, 40.82, { region: 'east', ...green }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 } })], policy: { carbonCapTonnes: 0.05, minGreenShare: 0.2 } });
    const exact = await solve(sc, { backend: 'glpk' });
    const dec = await solve(sc, { backend: 'decompose', maxRounds: 300 });
    expect(dec.solver.backend).toBe('decompose');
    expect(verifyPlan(sc, dec).violations).toEqual([]);
    expect(dec.solver.lowerBound!).toBeLessThanOrEqual(exact.objective! * (1 + 1e-9));
    expect(dec.objective!).toBeGreaterThanOrEqual(exact.objective! * (1 - 1e-9));
    expect(dec.solver.reason).toMatch(/path: scalar.* carbon_cap and green_share/);
    // A per-site share is not a scalar row: the joint path alone.
    const perSite = tiny({ sites: [site('A', 114.86, 40.82, { region: 'east', ...green, minGreenShare: 0.3 }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 } })], policy: { carbonCapTonnes: 0.05 } });
    const js = await solve(perSite, { backend: 'decompose', maxRounds: 300 });
    expect(verifyPlan(perSite, js).violations).toEqual([]);
    expect(js.solver.reason).toMatch(/path: joint subgradient on carbon_cap and site_green_\w+ with column generation/);
    await expect(solve(tiny({ demands: [demand('r', { replicas: 2 })] }), { backend: 'decompose' })).rejects.toThrow(/"decompose" dualizes .* replicaGroup rows/);
    const p = await solve(tiny(), { backend: 'decompose' });
    expect(p.solver.backend).toBe('flow');
    await expect(solve(tiny(), { gapTolerance: 2 })).rejects.toThrow(/gapTolerance/);
  });

  it('a carbon cap no plan can meet without unmet work: status infeasible with the explanation, as glpk', async () => {
    const sc = tiny({ policy: { carbonCapTonnes: 0.001, allowUnmet: false } });
    const exact = await solve(sc, { backend: 'glpk' });
    const dec = await solve(sc, { backend: 'decompose' });
    expect(exact.status).toBe('infeasible');
    expect(dec.status).toBe('infeasible');
    expect(dec.message).toMatch(/carbon/i);
    expect(dec.solver.reason).toMatch(/no combination of the \d+ flows met carbon_cap/);
  });

  it('the built-in day with a binding carbon cap: a verified plan, a bound below the glpk optimum', async () => {
    const day = scenarios.eastDataWestComputing;
    const sc = { ...day, policy: { ...day.policy, carbonCapTonnes: 15_000 } };
    const exact = await solve(sc, { backend: 'glpk' });
    const dec = await solve(sc, { backend: 'decompose', maxRounds: 30 });
    expect(dec.solver.backend).toBe('decompose');
    expect(verifyPlan(sc, dec).violations).toEqual([]);
    expect(dec.solver.lowerBound!).toBeLessThanOrEqual(exact.objective! * (1 + 1e-9));
    expect(dec.objective!).toBeGreaterThanOrEqual(exact.objective! * (1 - 1e-9));
    expect(dec.objective! - dec.solver.lowerBound!).toBeCloseTo(dec.solver.gap! * dec.objective!, 0);
    // The cap is the only non-green row: the scalar phase ran first, then the joint path.
    expect(dec.solver.reason).toMatch(/path: scalar( phase on carbon_cap| \(\d+ λ values\) then joint subgradient on carbon_cap)/);
    // Column generation (restricted LP over the flows' columns, its duals priced by the next flow) closes the gap.
    expect(dec.status).toBe('optimal');
    expect(dec.objective!).toBeLessThanOrEqual(exact.objective! * (1 + 0.001));
    // Warm from the multipliers by row name: the same model needs no more rounds.
    let mult: Map<string, number> | undefined;
    await solveVariant(sc, { backend: 'decompose' }, { onMultipliers: (mm) => (mult = mm) });
    expect(mult!.get('carbon_cap')!).toBeGreaterThan(0);
    const warm = await solveVariant(sc, { backend: 'decompose' }, { initialMultipliers: mult! });
    expect(verifyPlan(sc, warm).violations).toEqual([]);
    expect(warm.status).toBe('optimal');
    expect(warm.solver.rounds!).toBeLessThanOrEqual(dec.solver.rounds!);
  }, 60_000);
});
