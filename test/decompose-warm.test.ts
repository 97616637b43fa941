import { describe, expect, it } from 'vitest';
import { shiftMultipliers } from '../src/simulate/replan.js';
import { solve } from '../src/solve/solve.js';
import { sweep } from '../src/solve/sweep.js';
import { verifyPlan } from '../src/plan/verify.js';
import { site, tiny } from './fixtures.js';

describe('decompose warm starts across simulate re-plans', () => {
  it('shifts hour-indexed rows one hour with the window, drops hour 0, keeps horizon-wide rows', () => {
    const m = new Map([
      ['grn_2_0', 1],
      ['grn_2_5', 2],
      ['bw_1_3', 3],
      ['carbon_cap', 4],
      ['green_share', 5],
      ['site_green_3', 6],
    ]);
    expect([...shiftMultipliers(m)].sort()).toEqual(
      [
        ['grn_2_4', 2],
        ['bw_1_2', 3],
        ['carbon_cap', 4],
        ['green_share', 5],
        ['site_green_3', 6],
      ].sort(),
    );
  });
});

describe('sweep with decompose on a coupled model', () => {
  it('starts each point from the previous point\'s multipliers; every point verified, within its proved gap of glpk', async () => {
    const sc = tiny({ sites: [site('A', 114.86, 40.82, { region: 'east', greenSupplyMW: 0.01 }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 } })], policy: { carbonCapTonnes: 0.05 } });
    const prices = [0, 100, 300];
    const r = await sweep(sc, { carbonPrice: prices }, { backend: 'decompose', maxRounds: 300 });
    expect(r.reason).toMatch(/previous point's multipliers/);
    for (const [k, p] of r.points.entries()) {
      const v = { ...sc, prices: { ...sc.prices, carbonPerTonne: prices[k]! } };
      const exact = await solve(v, { backend: 'glpk' });
      expect(p.plan.solver.backend).toBe('decompose');
      expect(verifyPlan(v, p.plan).violations).toEqual([]);
      expect(p.plan.solver.lowerBound!).toBeLessThanOrEqual(exact.objective! + 1e-6);
      expect(p.plan.objective!).toBeGreaterThanOrEqual(exact.objective! - 1e-6);
    }
  });
});
