import { describe, expect, it } from 'vitest';
import { generateScenario } from '../src/bench/generate.js';
import { sweep } from '../src/solve/sweep.js';
import { solveVariant } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import { outageScenario } from '../src/safety/whatif-cases.js';
import { OptionsError } from '../src/errors.js';

describe('sweep over outages', () => {
  it('warm outage points equal cold glpk solves of each outage scenario, and verify', async () => {
    const sc = generateScenario({ demands: 40, sites: 6, hours: 3, seed: 11 });
    const outage = [[sc.sites[0]!.id], [sc.sites[1]!.id, sc.sites[2]!.id], [sc.sites[3]!.id]];
    const r = await sweep(sc, { outage });
    expect(r.warm).toBe(true);
    expect(r.points.map((p) => p.outage)).toEqual(outage);
    for (const p of r.points) {
      const o = outageScenario(sc, p.outage!);
      expect(verifyPlan(o, p.plan).violations).toEqual([]);
      const cold = await solveVariant(o, { backend: 'glpk' });
      expect(Math.abs(p.plan.objective! - cold.objective!)).toBeLessThanOrEqual(1e-7 * Math.max(1, cold.objective!));
    }
  });

  it('unknown sites and empty sets are option errors naming the path', async () => {
    const sc = generateScenario({ demands: 5, sites: 3, hours: 1, seed: 1 });
    await expect(sweep(sc, { outage: [['nope']] })).rejects.toThrow(/outage\[0\]\[0\]/);
    await expect(sweep(sc, { outage: [[]] })).rejects.toThrow(OptionsError);
    await expect(sweep(sc, { outage: [[sc.sites[0]!.id]], carbonPrice: [1] })).rejects.toThrow(/exactly one/);
  });
});
