import { describe, expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import { solve } from '../src/solve/solve.js';
import { job, twoHubs } from './data-fixtures.js';

describe('residency', () => {
  it('forces the dearer site: 100 units at E (3 each) instead of W (1 each)', async () => {
    const free = await solve(twoHubs({ demands: [job('d')] }));
    expect(free.objective).toBeCloseTo(100, 9);
    for (const residency of [{ regions: ['east' as const] }, { hubs: ['East'] }, { provinces: ['Shanghai'] }, { regions: ['east' as const, 'west' as const], provinces: ['Shanghai'] }]) {
      const sc = twoHubs({ demands: [job('d', { residency })] });
      const plan = await solve(sc);
      expect(plan.status).toBe('optimal');
      expect(plan.objective).toBeCloseTo(300, 9);
      expect(plan.assignments.map((a) => a.site)).toEqual(['E']);
      // Residency only prunes columns: the model stays a network.
      expect(plan.solver.backend).toBe('flow');
      expect(verifyPlan(sc, plan).ok).toBe(true);
    }
  });

  it('a site without a province matches no provinces list', async () => {
    const sc = twoHubs({ demands: [job('d', { residency: { provinces: ['Ningxia'] } })] });
    const noProvince = { ...sc, sites: sc.sites.map((s) => (s.id === 'W' ? { ...s, province: 'Gansu' } : s)) };
    await expect(solve(noProvince)).rejects.toThrow(/no site has province "Ningxia"/);
  });

  it('the verifier catches work outside the residency', async () => {
    const sc = twoHubs({ demands: [job('d', { residency: { regions: ['east'] } })] });
    const plan = await solve(sc);
    const moved = { ...plan, assignments: plan.assignments.map((a) => ({ ...a, site: 'W' })) };
    const v = verifyPlan(sc, moved).violations;
    expect(v.some((x) => x.rule === 'residency' && x.demand === 'd' && /region west/.test(x.message))).toBe(true);
  });
});
