import { beforeEach, describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Plan } from '../src/plan/types.js';
import type { Scenario } from '../src/scenario/types.js';
import { demand, site, tiny } from './fixtures.js';

// One conformance suite for every backend: glpk, auto (network simplex where the model is a
// network, glpk where coupling rows need it) and the optional HiGHS.
const BACKENDS = ['glpk', 'auto', 'highs'] as const;
let backend: (typeof BACKENDS)[number] = 'glpk';

async function solved(sc: Scenario): Promise<Plan> {
  const plan = await solve(sc, { backend });
  const v = verifyPlan(sc, plan);
  expect(v.violations).toEqual([]);
  expect(v.ok).toBe(true);
  return plan;
}

const at = (p: Plan, s: string, hour = 0) => p.assignments.filter((a) => a.site === s && a.hour === hour).reduce((x, a) => x + a.amount, 0);

describe.each(BACKENDS)('solve with backend %s: hand-solvable placements', (name) => {
  beforeEach(() => {
    backend = name;
  });

  it('fills the cheap near site, then the next one; the far cheap site is out of latency reach', async () => {
    const p = await solved(tiny());
    expect(p.status).toBe('optimal');
    expect(at(p, 'A')).toBeCloseTo(10, 9);
    expect(at(p, 'B')).toBeCloseTo(5, 9);
    expect(at(p, 'C')).toBe(0);
    // 10 × (1 + 0.5) + 5 × (2 + 0.5)
    expect(p.objective).toBeCloseTo(27.5, 9);
    expect(p.costs).toMatchObject({ compute: 20, energy: 7.5, transfer: 0, carbon: 0, unmet: 0 });
    expect(p.solver.lpObjective).toBeCloseTo(27.5, 9);
    expect(p.solver.backend).toBe(name === 'auto' ? 'flow' : name);
    const uA = p.utilization.find((u) => u.site === 'A')!;
    expect(uA).toMatchObject({ used: 10, capacity: 10 });
    // One more unit at A replaces one at B: saves 2.5 − 1.5.
    expect(uA.shadowPrice).toBeCloseTo(1, 9);
    expect(p.utilization.find((u) => u.site === 'B')!.shadowPrice).toBeCloseTo(0, 9);
  });

  it('reaches the far site when the latency limit allows', async () => {
    const p = await solved(tiny({ demands: [demand('d1', { maxLatencyMs: 20 })] }));
    expect(at(p, 'C')).toBeCloseTo(15, 9);
    expect(p.objective).toBeCloseTo(15 * 0.6, 9);
  });

  it('maxUtilization shrinks usable capacity and scales the shadow price per nominal unit', async () => {
    const p = await solved(tiny({ policy: { maxUtilization: 0.5 } }));
    expect(at(p, 'A')).toBeCloseTo(5, 9);
    expect(at(p, 'B')).toBeCloseTo(10, 9);
    expect(p.objective).toBeCloseTo(5 * 1.5 + 10 * 2.5, 9);
    expect(p.utilization.find((u) => u.site === 'A')!.shadowPrice).toBeCloseTo(0.5, 9);
  });

  it('overload leaves unmet demand at the penalty and prices capacity at penalty minus cost', async () => {
    const p = await solved(tiny({ demands: [demand('d1', { amount: 200 })] }));
    expect(p.status).toBe('optimal');
    expect(p.unmet).toEqual([{ demand: 'd1', hour: 0, amount: expect.closeTo(90, 9) }]);
    expect(p.objective).toBeCloseTo(15 + 250 + 9000, 6);
    expect(p.utilization.find((u) => u.site === 'A')!.shadowPrice).toBeCloseTo(98.5, 9);
    expect(p.utilization.find((u) => u.site === 'B')!.shadowPrice).toBeCloseTo(97.5, 9);
  });

  it('allowedSites (data residency) keeps work at the allowed site even when dearer', async () => {
    const p = await solved(tiny({ demands: [demand('d1', { amount: 5, allowedSites: ['B'] })] }));
    expect(at(p, 'B')).toBeCloseTo(5, 9);
    expect(p.objective).toBeCloseTo(12.5, 9);
  });

  it('deferrable work moves to the cheaper hour inside its window, up to maxPerHour', async () => {
    const sc = tiny({
      horizonHours: 3,
      sites: [site('A', 114.86, 40.82, { electricityPrice: [1, 0.2, 0.2] })],
      demands: [demand('job', { amount: 12, window: { release: 0, deadline: 2, maxPerHour: 8 } })],
    });
    const p = await solved(sc);
    // Hour 1 is cheapest (1.2/unit) but takes at most 8; hour 2 is outside the window.
    expect(at(p, 'A', 1)).toBeCloseTo(8, 9);
    expect(at(p, 'A', 0)).toBeCloseTo(4, 9);
    expect(at(p, 'A', 2)).toBe(0);
    expect(p.objective).toBeCloseTo(8 * 1.2 + 4 * 2, 9);
  });

  it('unmet windowed work is reported once with hour null', async () => {
    const sc = tiny({ horizonHours: 2, sites: [site('A', 114.86, 40.82)], demands: [demand('job', { amount: 25, window: { release: 0, deadline: 2 } })] });
    const p = await solved(sc);
    expect(p.unmet).toEqual([{ demand: 'job', hour: null, amount: expect.closeTo(5, 9) }]);
  });

  it('prices transfer by link cost per GB and caps it by link bandwidth', async () => {
    const sc = tiny({
      demands: [demand('d1', { amount: 15, dataGBPerUnit: 100 })],
      links: [{ from: 'bj', to: 'A', costPerGB: 0.001, bandwidthGbps: 2 }],
      prices: { carbonPerTonne: 0, unmetPenalty: 100, transferPerGB: 0.01 },
    });
    const p = await solved(sc);
    // A: 1.5 + 0.1 = 1.6/unit but bandwidth 2 Gbps = 900 GB/h → 9 units; B: 2.5 + 1.0 = 3.5/unit.
    expect(at(p, 'A')).toBeCloseTo(9, 9);
    expect(at(p, 'B')).toBeCloseTo(6, 9);
    expect(p.costs!.transfer).toBeCloseTo(9 * 100 * 0.001 + 6 * 100 * 0.01, 9);
  });

  it('a link latency override makes a far site usable', async () => {
    const p = await solved(tiny({ links: [{ from: 'bj', to: 'C', latencyMs: 3 }] }));
    expect(at(p, 'C')).toBeCloseTo(15, 9);
  });

  it('a carbon price moves work to the green hour and reports both accountings', async () => {
    const sc = tiny({
      horizonHours: 2,
      sites: [site('A', 114.86, 40.82, { greenSupplyMW: [0, 0.004] })],
      demands: [demand('job', { amount: 4, window: { release: 0, deadline: 2 } })],
      prices: { carbonPerTonne: 1000, unmetPenalty: 100, transferPerGB: 0 },
    });
    const p = await solved(sc);
    // 4 kWh of green in hour 1 makes its carbon free: 1.5 + 0 vs 1.5 + 0.5 kg × 1 CNY/kg.
    expect(at(p, 'A', 1)).toBeCloseTo(4, 9);
    expect(p.carbon!.marketTonnes).toBeCloseTo(0, 12);
    expect(p.carbon!.locationTonnes).toBeCloseTo(0.002, 12);
    expect(p.objective).toBeCloseTo(6, 9);
  });

  it('a carbon cap binds: work goes where the grid is cleaner at a higher price', async () => {
    const sc = tiny({
      sites: [site('A', 114.86, 40.82, { gridCarbon: 1 }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, gridCarbon: 0 })],
      demands: [demand('d1', { amount: 10 })],
      policy: { carbonCapTonnes: 0.004 },
    });
    const p = await solved(sc);
    expect(at(p, 'A')).toBeCloseTo(4, 9);
    expect(at(p, 'B')).toBeCloseTo(6, 9);
    expect(p.carbon!.marketTonnes).toBeCloseTo(0.004, 12);
  });

  it('a minimum green share forces work to the site with green supply', async () => {
    const sc = tiny({
      sites: [site('A', 114.86, 40.82), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, greenSupplyMW: 0.006 })],
      demands: [demand('d1', { amount: 10 })],
      policy: { minGreenShare: 0.6 },
    });
    const p = await solved(sc);
    expect(at(p, 'B')).toBeCloseTo(6, 9);
    expect(at(p, 'A')).toBeCloseTo(4, 9);
  });

  it('zero demand gives an empty optimal plan', async () => {
    const p = await solved(tiny({ demands: [demand('d1', { amount: 0 })] }));
    expect(p.status).toBe('optimal');
    expect(p.assignments).toEqual([]);
    expect(p.objective).toBe(0);
  });
});
