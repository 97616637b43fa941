import highsModule from 'highs';
import { describe, expect, it } from 'vitest';
import { exportModel } from '../src/export/export-model.js';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import { demand, site, tiny } from './fixtures.js';

// highs runs as ESM but its types read as CJS under NodeNext: take the loader either way.
const highsLoader = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as unknown as () => Promise<{
  solve(lp: string): { Status: string; ObjectiveValue: number };
}>;

describe('exportModel: CPLEX LP text solved elsewhere gives the same optimum', () => {
  const cases = [
    ['tiny', tiny()],
    [
      'window, green supply, carbon price, cap and share',
      tiny({
        horizonHours: 3,
        sites: [
          site('A', 114.86, 40.82, { greenSupplyMW: [0, 0.004, 0.002], electricityPrice: [0.7, 0.3, 0.5] }),
          site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, gridCarbon: 0.1 }),
        ],
        demands: [demand('job', { amount: 20, window: { release: 0, deadline: 3, maxPerHour: 9 } }), demand('live', { amount: [4, 6, 2], dataGBPerUnit: 10 })],
        links: [{ from: 'bj', to: 'A', bandwidthGbps: 0.1, costPerGB: 0.01 }],
        prices: { carbonPerTonne: 200, unmetPenalty: 100, transferPerGB: 0.02 },
        policy: { carbonCapTonnes: 0.02, minGreenShare: 0.05 },
      }),
    ],
  ] as const;
  for (const [name, sc] of cases) {
    it(name, async () => {
      const lp = await exportModel(sc, 'lp');
      expect(lp).toMatch(/^Minimize/m);
      expect(lp).toMatch(/^Subject To/m);
      const plan = await solve(sc);
      expect(verifyPlan(sc, plan).ok).toBe(true);
      // HiGHS reads the LP text: an independent parser and solver.
      const highs = await highsLoader();
      const res = highs.solve(lp);
      expect(res.Status).toBe('Optimal');
      expect(Math.abs(res.ObjectiveValue - plan.objective!)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(plan.objective!)));
    });
  }

  it('a scenario with nothing to place still exports a readable LP (glpk cannot write one without columns)', async () => {
    const sc = tiny({ demands: [demand('d1', { amount: 0 })] });
    const lp = await exportModel(sc, 'lp');
    const res = (await highsLoader()).solve(lp);
    expect(res.Status === 'Optimal' || res.Status === 'Empty').toBe(true);
    // glpk.js is still alive afterwards.
    expect((await solve(tiny(), { backend: 'glpk' })).objective).toBeCloseTo(27.5, 9);
  });

  it('rejects an unknown format with a typed error', async () => {
    await expect(exportModel(tiny(), 'mps' as 'lp')).rejects.toThrow(/format: must be "lp"/);
  });
});
