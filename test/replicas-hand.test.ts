import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Assignment, Plan } from '../src/plan/types.js';
import type { Scenario } from '../src/scenario/types.js';
import { demand, linkedToBeijing, site } from './fixtures.js';

/** Origin bj; every site at 5 ms by link; per-unit cost = unitCost + 0.5 (1 kW, PUE 1, 0.5 CNY/kWh). */
function hubs(sites: Scenario['sites'], over: Partial<Scenario> = {}): Scenario {
  return linkedToBeijing(sites, { name: 'replicas', ...over });
}

async function solved(sc: Scenario, backend: 'glpk' | 'auto' | 'highs' = 'glpk'): Promise<Plan> {
  const plan = await solve(sc, { backend });
  expect(verifyPlan(sc, plan).violations).toEqual([]);
  return plan;
}

const at = (p: Plan, s: string) => p.assignments.filter((a) => a.site === s).reduce((x, a) => x + a.amount, 0);
const copy = (p: Plan, r: number) =>
  p.assignments
    .filter((a) => a.replica === r)
    .map((a) => ({ site: a.site, amount: a.amount, slice: a.replicaSlice }))
    .sort((x, y) => x.slice![0] - y.slice![0]);

describe('replicas: k = 2 copies in different hubs', () => {
  it('a group row binds: the cheap hub holds one copy only, the other copy goes to the next hub', async () => {
    // Hub H1: A1 (cap 8, 1.5/unit), A2 (cap 8, 1.6/unit); hub H2: B (cap 100, 3.5/unit).
    // Without replicas' group rows 20 units would go 8 + 8 + 4; with them H1 ≤ 10: 8 + 2 + 10.
    const sc = hubs([
      site('A1', 114, 40, { hub: 'H1', capacity: { general: 8 } }),
      site('A2', 114, 41, { hub: 'H1', capacity: { general: 8 }, unitCost: { general: 1.1 } }),
      site('B', 111, 40, { hub: 'H2', capacity: { general: 100 }, unitCost: { general: 3 } }),
    ]);
    for (const backend of ['glpk', 'auto', 'highs'] as const) {
      const p = await solved(sc, backend);
      expect(p.status).toBe('optimal');
      expect(p.solver.backend).toBe(backend === 'auto' ? 'glpk' : backend);
      expect(at(p, 'A1')).toBeCloseTo(8, 9);
      expect(at(p, 'A2')).toBeCloseTo(2, 9);
      expect(at(p, 'B')).toBeCloseTo(10, 9);
      expect(p.objective).toBeCloseTo(8 * 1.5 + 2 * 1.6 + 10 * 3.5, 9);
      // Wrap-around: line A1 [0,8) A2 [8,10) | B [10,20): copy 0 in H1, copy 1 in H2.
      expect(copy(p, 0)).toEqual([
        { site: 'A1', amount: expect.closeTo(8, 9), slice: [expect.closeTo(0, 9), expect.closeTo(8, 9)] },
        { site: 'A2', amount: expect.closeTo(2, 9), slice: [expect.closeTo(8, 9), expect.closeTo(10, 9)] },
      ]);
      expect(copy(p, 1)).toEqual([{ site: 'B', amount: expect.closeTo(10, 9), slice: [expect.closeTo(0, 9), expect.closeTo(10, 9)] }]);
    }
  });

  it('wrap-around: a hub shared by two copies holds different parts of the work', async () => {
    // A (H1, cap 6, 1.5), B (H2, cap 7, 2.0), C (H3, cap 100, 3.5): 6 + 7 + 7 = 20.
    // Line A [0,6) B [6,13) C [13,20), cut at 10: copy 0 = A [0,6) + B [6,10), copy 1 = B [0,3) + C [3,10).
    const sc = hubs([
      site('A', 114, 40, { hub: 'H1', capacity: { general: 6 } }),
      site('B', 111, 40, { hub: 'H2', capacity: { general: 7 }, unitCost: { general: 1.5 } }),
      site('C', 105, 37, { hub: 'H3', capacity: { general: 100 }, unitCost: { general: 3 } }),
    ]);
    const p = await solved(sc);
    expect(p.objective).toBeCloseTo(6 * 1.5 + 7 * 2 + 7 * 3.5, 9);
    expect(copy(p, 0)).toEqual([
      { site: 'A', amount: expect.closeTo(6, 9), slice: [expect.closeTo(0, 9), expect.closeTo(6, 9)] },
      { site: 'B', amount: expect.closeTo(4, 9), slice: [expect.closeTo(6, 9), expect.closeTo(10, 9)] },
    ]);
    expect(copy(p, 1)).toEqual([
      { site: 'B', amount: expect.closeTo(3, 9), slice: [expect.closeTo(0, 9), expect.closeTo(3, 9)] },
      { site: 'C', amount: expect.closeTo(7, 9), slice: [expect.closeTo(3, 9), expect.closeTo(10, 9)] },
    ]);
  });

  it('scope "site" spreads copies over sites of one hub; unmet counts replica-units at the penalty', async () => {
    // Two sites of one hub, cap 6 each, k = 2 of 10: each site ≤ 10, 12 served, 8 replica-units unmet.
    const sc = hubs(
      [site('A', 114, 40, { hub: 'H', capacity: { general: 6 } }), site('B', 111, 40, { hub: 'H', capacity: { general: 6 } })],
      { demands: [demand('d', { amount: 10, replicas: 2, replicaScope: 'site' })] },
    );
    const p = await solved(sc);
    expect(p.unmet.reduce((x, u) => x + u.amount, 0)).toBeCloseTo(8, 9);
    expect(p.objective).toBeCloseTo(12 * 1.5 + 8 * 100, 9);
  });

  it('windowed work: copies are cut on the window total and keep their hours', async () => {
    // 2 hours; A (H1) cap 4/h, 1.5/unit; B (H2) cap 100/h, 3.5/unit; window total 6, k = 2: 12
    // replica-units, H1 ≤ 6 over the window (A's 8 unit-hours are not the limit), so A 6 and B 6.
    const sc = hubs(
      [site('A', 114, 40, { hub: 'H1', capacity: { general: 4 } }), site('B', 111, 40, { hub: 'H2', capacity: { general: 100 }, unitCost: { general: 3 } })],
      { horizonHours: 2, demands: [demand('w', { amount: 6, replicas: 2, window: { release: 0, deadline: 2 } })] },
    );
    const p = await solved(sc);
    expect(at(p, 'A')).toBeCloseTo(6, 9);
    expect(at(p, 'B')).toBeCloseTo(6, 9);
    const c0 = p.assignments.filter((a: Assignment) => a.replica === 0);
    expect(new Set(c0.map((a) => a.site))).toEqual(new Set(['A']));
    expect(c0.reduce((x, a) => x + a.amount, 0)).toBeCloseTo(6, 9);
  });

  it('identical replicated demands are merged by the presolve and split back into valid copies', async () => {
    const sc = hubs(
      [
        site('A', 114, 40, { hub: 'H1', capacity: { general: 6 } }),
        site('B', 111, 40, { hub: 'H2', capacity: { general: 7 }, unitCost: { general: 1.5 } }),
        site('C', 105, 37, { hub: 'H3', capacity: { general: 100 }, unitCost: { general: 3 } }),
      ],
      { demands: [demand('d', { amount: 6, replicas: 2 }), demand('e', { amount: 4, replicas: 2 }), demand('f', { amount: 4, replicas: 2, replicaScope: 'site' })] },
    );
    const p = await solved(sc);
    // d and e merge (same rules); f differs in scope and stays apart.
    expect(p.presolve.merged).toBe(1);
    for (const id of ['d', 'e', 'f']) {
      const mine = p.assignments.filter((a) => a.demand === id);
      expect(new Set(mine.map((a) => a.replica))).toEqual(new Set([0, 1]));
    }
  });
});

