import { describe, expect, it, vi } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import { solve } from '../src/solve/solve.js';
import { tiny } from './fixtures.js';

// The plan builder's arithmetic (plan/recompute.ts) made wrong on purpose: energy costs 1% too
// much. A verifier that recomputed with the same function would agree with it; ours must not.
vi.mock('../src/plan/recompute.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/plan/recompute.js')>();
  return {
    ...real,
    recomputePlanTotals: (...args: Parameters<typeof real.recomputePlanTotals>) => {
      const t = real.recomputePlanTotals(...args);
      const extra = 0.01 * t.costs.energy;
      return { ...t, costs: { ...t.costs, energy: t.costs.energy + extra }, objective: t.objective + extra };
    },
  };
});

describe('the verifier shares no arithmetic with the plan builder', () => {
  it('a plan builder that overstates energy cost is caught: by the self-check in solve, and by verifyPlan', async () => {
    const sc = tiny();
    const plan = await solve(sc, { backend: 'glpk' });
    expect(plan.status).toBe('numerical_error');
    expect(plan.violations?.map((v) => v.rule)).toContain('objective');
    // The same fault seen by verifyPlan in full mode, on a plan the builder would have returned.
    const forged = { ...(await solve(tiny({ prices: { carbonPerTonne: 0, unmetPenalty: 100, transferPerGB: 0 } }), { backend: 'flow' })) };
    expect(forged.status).toBe('numerical_error');
    const v = verifyPlan(sc, {
      ...forged,
      status: 'optimal',
      objective: 27.5 + 0.01 * 7.5,
      costs: { compute: 20, energy: 7.5 * 1.01, transfer: 0, carbon: 0, unmet: 0 },
      carbon: { locationTonnes: 0.0075, marketTonnes: 0.0075, accounting: 'market', signal: 'average', marginalTonnes: null, avoidedTonnes: null },
      assignments: [
        { demand: 'd1', site: 'A', hour: 0, amount: 10 },
        { demand: 'd1', site: 'B', hour: 0, amount: 5 },
      ],
      energy: [
        { site: 'A', hour: 0, kWh: 10, greenKWh: 0, gridKWh: 10, curtailedKWh: 0 },
        { site: 'B', hour: 0, kWh: 5, greenKWh: 0, gridKWh: 5, curtailedKWh: 0 },
      ],
      utilization: [],
    });
    expect(v.violations.map((x) => x.rule)).toEqual(expect.arrayContaining(['objective', 'costs']));
  });
});
