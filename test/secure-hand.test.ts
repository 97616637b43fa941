import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Plan } from '../src/plan/types.js';
import type { Scenario } from '../src/scenario/types.js';
import { demand, linkedToBeijing, site } from './fixtures.js';

/** A (8, 1.5/unit), B (8, 2.5/unit), C (8, 3.5/unit), each its own hub, all at 5 ms from bj. */
function threeSites(over: Partial<Scenario> = {}, caps: [number, number, number] = [8, 8, 8]): Scenario {
  const sites = [
    site('A', 114, 40, { hub: 'HA', capacity: { general: caps[0] } }),
    site('B', 111, 40, { hub: 'HB', capacity: { general: caps[1] }, unitCost: { general: 2 } }),
    site('C', 105, 37, { hub: 'HC', capacity: { general: caps[2] }, unitCost: { general: 3 } }),
  ];
  return linkedToBeijing(sites, {
    name: 'three-sites',
    demands: [demand('d1', { amount: 6, allowedSites: ['A', 'B'] }), demand('d2', { amount: 6 })],
    policy: { survive: 'any-site' },
    ...over,
  });
}

const at = (p: Plan, s: string, d?: string) => p.assignments.filter((a) => a.site === s && (d === undefined || a.demand === d)).reduce((x, a) => x + a.amount, 0);

async function secure(sc: Scenario, backend: 'glpk' | 'auto' | 'highs' = 'auto'): Promise<Plan> {
  const p = await solve(sc, { backend });
  expect(verifyPlan(sc, p).violations).toEqual([]);
  expect(p.status).toBe('optimal');
  return p;
}

describe('N-1-secure plans: a three-site case solved by hand', () => {
  it('pays 2 CNY to keep spare room where each demand can fall back', async () => {
    // Plain: A 8, B 4 = 12 + 10 = 22. Secure: outage A sends d1's work at A to B only, outage B
    // sends d1's work at B to A only, so a2 ≤ 2 and b2 ≤ 2 and d2 needs 2 at C: A 8 (d1 6, d2 2),
    // B 2, C 2 = 12 + 5 + 7 = 24. Premium 2 CNY, the same 12 units, so no carbon premium.
    for (const backend of ['auto', 'glpk', 'highs'] as const) {
      const sc = threeSites();
      const p = await secure(sc, backend);
      expect(p.solver.backend).toBe(backend === 'highs' ? 'highs' : 'glpk');
      expect(p.objective).toBeCloseTo(24, 9);
      expect(at(p, 'A', 'd1')).toBeCloseTo(6, 9);
      expect(at(p, 'A')).toBeCloseTo(8, 9);
      expect(at(p, 'B')).toBeCloseTo(2, 9);
      expect(at(p, 'C')).toBeCloseTo(2, 9);
      const sec = p.security!;
      expect(sec.survive).toBe('any-site');
      expect(sec.premium.cost).toBeCloseTo(2, 9);
      expect(sec.premium.marketTonnes).toBeCloseTo(0, 12);
      expect(sec.premium.locationTonnes).toBeCloseTo(0, 12);
      expect(sec.outages).toBe(3);
      expect(sec.blocks).toBeGreaterThanOrEqual(1);
      expect(sec.blocks).toBeLessThanOrEqual(3);
      expect(sec.rounds).toBeGreaterThanOrEqual(2);
      expect(sec.recourse.map((r) => r.outage)).toEqual([['A'], ['B'], ['C']]);
      // Outage A: d1's 6 go to B (its only fallback), d2's 2 to B or C.
      const flowsA = sec.recourse[0]!.flows;
      expect(flowsA.filter((f) => f.demand === 'd1' && f.to === 'B').reduce((x, f) => x + f.amount, 0)).toBeCloseTo(6, 9);
      expect(flowsA.reduce((x, f) => x + f.amount, 0)).toBeCloseTo(8, 9);
    }
  });

  it('leaves work unmet when no placement survives the loss of the big site', async () => {
    // A 10, B 4, C 4, one demand of 10 anywhere: losing A must fit in B + C, so at most 8 are
    // served (A 8, the cheapest) and 2 unmet at 100: 12 + 200 = 212 vs plain 15 (A 10).
    // Carbon: 0.5 kg per unit, 8 instead of 10 units: −0.001 t in both accountings.
    const sc = threeSites({ demands: [demand('d', { amount: 10 })] }, [10, 4, 4]);
    const p = await secure(sc);
    expect(p.objective).toBeCloseTo(212, 9);
    expect(at(p, 'A')).toBeCloseTo(8, 9);
    expect(p.unmet.reduce((x, u) => x + u.amount, 0)).toBeCloseTo(2, 9);
    expect(p.security!.premium.cost).toBeCloseTo(197, 9);
    expect(p.security!.premium.marketTonnes).toBeCloseTo(-0.001, 12);
    expect(p.security!.premium.locationTonnes).toBeCloseTo(-0.001, 12);
    const flowsA = p.security!.recourse[0]!.flows;
    expect(flowsA.filter((f) => f.to === 'B').reduce((x, f) => x + f.amount, 0)).toBeCloseTo(4, 9);
    expect(flowsA.filter((f) => f.to === 'C').reduce((x, f) => x + f.amount, 0)).toBeCloseTo(4, 9);
  });

  it('any-hub takes a whole hub down at once; a class not listed is not protected', async () => {
    // A and B in one hub HAB, C in HC. Losing HAB: d1 (allowed A, B only) has no fallback, so it
    // stays unmet (6 × 100); d2's work in HAB must fit in C's spare (8 − c2): d2 all at A (6 ≤ 8)
    // holds, and losing C loses nothing. Objective 6 × 1.5 + 600 = 609.
    const hubbed = threeSites({ policy: { survive: 'any-hub' } });
    const sc: Scenario = { ...hubbed, sites: hubbed.sites.map((s) => (s.id === 'C' ? s : { ...s, hub: 'HAB' })) };
    const p = await secure(sc);
    expect(p.objective).toBeCloseTo(609, 9);
    expect(p.security!.recourse.map((r) => r.outage)).toEqual([['A', 'B'], ['C']]);
    // Only intelligent work protected: the general demands are placed as in the plain plan (22).
    const q = await secure({ ...sc, policy: { survive: { intelligent: 'any-hub' } } });
    expect(q.objective).toBeCloseTo(22, 9);
    expect(q.security!.premium.cost).toBeCloseTo(0, 9);
    expect(q.security!.recourse.every((r) => r.flows.length === 0 && r.classes.join() === 'intelligent')).toBe(true);
  });
});

describe('N-1-secure plans: capacity prices count the recourse rows too', () => {
  it('prices match finite differences of the secure optimum', async () => {
    // From the first case: half a unit more at A lets a2 = 2.5 (outage B: a1 + a2 + b1 ≤ cap A),
    // so 0.5 of d2 moves C → A: saves 0.5 × (3.5 − 1.5) = 1, price 2. At B: b2 = 2.5 (outage A),
    // 0.5 moves C → B: saves 0.5, price 1. C has spare: price 0. Most of this value sits in the
    // recourse blocks' capacity rows, whose duals the price adds to the plain row's.
    const p = await secure(threeSites());
    const price = (s: string) => p.utilization.find((u) => u.site === s)!.shadowPrice;
    expect(price('A')).toBeCloseTo(2, 6);
    expect(price('B')).toBeCloseTo(1, 6);
    expect(price('C')).toBeCloseTo(0, 6);
    const caps: [number, number, number][] = [[8.5, 8, 8], [8, 8.5, 8], [8, 8, 8.5]];
    for (const [i, s] of ['A', 'B', 'C'].entries()) {
      const q = await secure(threeSites({}, caps[i]));
      expect(price(s)).toBeCloseTo((p.objective! - q.objective!) / 0.5, 6);
    }
  });
});

describe('N-1-secure plans through sweep', () => {
  it('every point is a full secure solve (no warm flow path that would drop policy.survive)', async () => {
    const { sweep } = await import('../src/solve/sweep.js');
    const sc = threeSites();
    const r = await sweep(sc, { carbonPrice: [0, 100] });
    expect(r.warm).toBe(false);
    for (const p of r.points) {
      expect(p.plan.security).toBeDefined();
      expect(verifyPlan({ ...sc, prices: { ...sc.prices, carbonPerTonne: p.carbonPerTonne } }, p.plan).violations).toEqual([]);
    }
  });
});
