import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Scenario } from '../src/scenario/types.js';
import { demand, site, tiny } from './fixtures.js';

/** Scenario with nominal capacity of one site/class/hour changed by delta. */
function bump(sc: Scenario, siteId: string, hour: number, delta: number): Scenario {
  return {
    ...sc,
    sites: sc.sites.map((s) => {
      if (s.id !== siteId) return s;
      const cap = s.capacity.general!;
      const arr = typeof cap === 'number' ? Array.from({ length: sc.horizonHours }, () => cap) : [...cap];
      arr[hour] = arr[hour]! + delta;
      return { ...s, capacity: { ...s.capacity, general: arr } };
    }),
  };
}

function nominalAt(sc: Scenario, siteId: string, hour: number): number {
  const cap = sc.sites.find((s) => s.id === siteId)!.capacity.general!;
  return typeof cap === 'number' ? cap : cap[hour]!;
}

async function objective(sc: Scenario): Promise<number> {
  const p = await solve(sc);
  expect(verifyPlan(sc, p).ok).toBe(true);
  return p.objective!;
}

const cases: [string, Scenario][] = [
  ['binding site', tiny()],
  ['degenerate: demand exactly fills A', tiny({ demands: [demand('d1', { amount: 10 })] })],
  ['maxUtilization 0.8, overload', tiny({ policy: { maxUtilization: 0.8 }, demands: [demand('d1', { amount: 150 })] })],
  [
    'window over three hours with hourly prices',
    tiny({
      horizonHours: 3,
      sites: [site('A', 114.86, 40.82, { electricityPrice: [0.9, 0.2, 0.4] }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 } })],
      demands: [demand('job', { amount: 35, window: { release: 0, deadline: 3 } }), demand('live', { amount: [3, 6, 2] })],
    }),
  ],
];

describe.each(['glpk', 'flow', 'highs'] as const)('shadow price (%s) lies between the right and left finite differences', (backend) => {
  for (const [name, sc] of cases) {
    it(name, async () => {
      const plan = await solve(sc, { backend });
      expect(plan.solver.backend).toBe(backend);
      expect(verifyPlan(sc, plan).ok).toBe(true);
      const base = plan.objective!;
      const h = 1e-3;
      for (const u of plan.utilization) {
        if (u.class !== 'general') continue;
        const right = (base - (await objective(bump(sc, u.site, u.hour, h)))) / h;
        const nominal = nominalAt(sc, u.site, u.hour);
        const left = nominal >= h ? (base - (await objective(bump(sc, u.site, u.hour, -h)))) / -h : Infinity;
        // Decrease per added unit: right difference ≤ price ≤ left difference (convexity), 1e-6 slack.
        expect(u.shadowPrice).toBeGreaterThanOrEqual(right - 1e-6);
        expect(u.shadowPrice).toBeLessThanOrEqual(left + 1e-6);
      }
    });
  }
});
