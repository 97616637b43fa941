import { describe, expect, it } from 'vitest';
import { generateScenario } from '../src/bench/generate.js';
import { cny, fixed, percent, percentChange, tonnes, unitHours } from '../src/plan/numbers.js';
import { recomputePlanTotals } from '../src/plan/recompute.js';
import { formatPlan } from '../src/plan/report.js';
import type { Plan } from '../src/plan/types.js';
import { scenarios } from '../src/datasets/index.js';
import { solve } from '../src/solve/solve.js';
import { tiny } from './fixtures.js';

describe('number format of every text report', () => {
  it('thousands separators, fixed decimals per unit, never "-0"', () => {
    expect(cny(1234567.891)).toBe('1,234,567.89');
    expect(cny(-0.001)).toBe('0.00');
    expect(fixed(-0.04, 1)).toBe('0.0');
    expect(fixed(-0.06, 1)).toBe('-0.1');
    expect(tonnes(0.004)).toBe('0.00');
    expect(unitHours(98765.43)).toBe('98,765.4');
    expect(percent(0.3861)).toBe('38.6%');
    expect(percentChange(12.345)).toBe('+12.35%');
    expect(percentChange(-0.0001)).toBe('0.00%');
    expect(percentChange(0.001)).toBe('0.00%');
    expect(fixed(null, 2)).toBe('—');
    expect(fixed(Number.NaN, 2)).toBe('n/a');
  });
});

describe('formatPlan on scenarios written by others', () => {
  it('prints the scenario\'s own units, and "unit-h" where it names none', async () => {
    const withUnits = tiny({ units: { general: 'vCPU-h' } });
    const text = formatPlan(withUnits, await solve(withUnits));
    expect(text).toContain('general vCPU-h');
    expect(text).not.toContain('rack-h');
    const plain = tiny();
    const text2 = formatPlan(plain, await solve(plain));
    expect(text2).toContain('general unit-h');
    expect(text2).not.toMatch(/rack-h|PF16-h|PF64-h/);
  });

  it('the per-site totals the report prints add up to the plan: Σ site cost + unmet = objective, Σ site tonnes = carbon', async () => {
    const sc = scenarios.greenHubs;
    const plan = await solve(sc);
    const t = recomputePlanTotals(sc, plan.assignments, plan.unmet);
    const sum = (f: (s: (typeof t.sites)[number]) => number) => t.sites.reduce((a, s) => a + f(s), 0);
    expect(sum((s) => s.cost) + plan.costs!.unmet).toBeCloseTo(plan.objective!, 4);
    expect(sum((s) => s.marketTonnes)).toBeCloseTo(plan.carbon!.marketTonnes, 6);
    expect(sum((s) => s.locationTonnes)).toBeCloseTo(plan.carbon!.locationTonnes, 6);
    expect(sum((s) => s.greenKWh)).toBeCloseTo(plan.energy.reduce((a, e) => a + e.greenKWh, 0), 3);
  });

  it('one status line without repeating itself, and the hand-checked total', async () => {
    const sc = tiny();
    const text = formatPlan(sc, await solve(sc));
    expect(text).toMatch(/^status: optimal$/m);
    // 10 units at A (1.5 each) + 5 at B (2.5 each), by hand.
    expect(text).toContain('total cost: 27.50 CNY');
  });

  it('the east→west line: given regions; and origins without one take their nearest cluster\'s', async () => {
    const sc = tiny();
    const text = formatPlan(sc, await solve(sc));
    // 5 of the 15 eastern units run at B (west), 10 at A (east).
    expect(text).toContain("Eastern origins' work: 33.3% runs at western clusters, 0.0% at central ones, 66.7% in the east\n");
    const noRegion = tiny({ origins: [{ id: 'bj', name: 'Beijing', province: 'Beijing', lon: 116.4, lat: 39.9 }] });
    const text2 = formatPlan(noRegion, await solve(noRegion));
    // Beijing's nearest cluster is A (east), so its work counts as eastern.
    expect(text2).toContain("33.3% runs at western clusters, 0.0% at central ones, 66.7% in the east (no origin has a region: each takes its nearest cluster's)");
    expect(text2).toContain('bj → B');
  });

  it('green shares and policy prices appear when the scenario has them (green hubs)', async () => {
    const sc = scenarios.greenHubs;
    const plan = await solve(sc);
    expect(plan.status).toBe('optimal');
    const text = formatPlan(sc, plan);
    expect(text).toMatch(/^green electricity: [\d,.]+ of [\d,.]+ MWh used \(\d+\.\d%\)/m);
    const ruled = sc.sites.filter((s) => s.minGreenShare !== undefined);
    expect(ruled.length).toBeGreaterThan(0);
    for (const s of ruled) {
      const price = plan.policyPrices?.siteMinGreenShare?.[s.id];
      expect(price).toBeDefined();
      expect(text).toContain(`policy: ${s.id} green share ≥ 80.0%: `);
      expect(text).toContain(`price ${fixed(price!, 2)} CNY per percentage point`);
    }
    expect(text).toMatch(/\s+green\n/);
  });

  it('a numerical_error plan lists its violations; the reason says which backend ran and why', () => {
    const sc = tiny();
    const plan: Plan = {
      status: 'numerical_error',
      message: 'the flow plan failed the self-check (1 violation)',
      scenario: 'tiny',
      horizonHours: 1,
      objective: null,
      costs: null,
      carbon: null,
      assignments: [],
      unmet: [],
      utilization: [],
      energy: [],
      conflicts: [],
      violations: [{ rule: 'demand-conservation', message: 'demand "d1" hour 0: served 30 + unmet 0 = 30, not 15' }],
      solver: { backend: 'flow', ms: 1, variables: 3, constraints: 2, lpObjective: null, reason: 'requested: the network simplex (wasm), exact on the network form of the LP' },
      presolve: { demands: 1, solved: 1, merged: 0 },
    };
    const text = formatPlan(sc, plan);
    expect(text).toMatch(/^status: numerical_error — the flow plan failed the self-check \(1 violation\)$/m);
    expect(text).toContain('  violation [demand-conservation]: demand "d1" hour 0: served 30 + unmet 0 = 30, not 15');
    expect(text).toContain('  why this solver: requested: the network simplex (wasm), exact on the network form of the LP');
  });

  it('a plan of any size: long lists are cut to the largest with a count of the rest', () => {
    const sc = generateScenario({ demands: 200_000, sites: 200, seed: 3 });
    const plan: Plan = {
      status: 'optimal',
      message: 'optimal',
      scenario: sc.name ?? 'generated',
      horizonHours: 1,
      objective: 1,
      costs: { compute: 0, energy: 0, transfer: 0, carbon: 0, unmet: 1 },
      carbon: { locationTonnes: 0, marketTonnes: 0, accounting: 'market', signal: 'average', marginalTonnes: null, avoidedTonnes: null },
      assignments: [],
      unmet: sc.demands.map((d, i) => ({ demand: d.id, hour: 0, amount: i + 1 })),
      utilization: sc.sites.flatMap((s, i) => (['general', 'intelligent'] as const).map((cls) => ({ site: s.id, class: cls, hour: 0, used: 0, capacity: 1, shadowPrice: i }))),
      energy: [],
      conflicts: [],
      solver: { backend: 'flow', ms: 1, variables: 1, constraints: 1, lpObjective: 1, reason: 'test' },
      presolve: { demands: sc.demands.length, solved: sc.demands.length, merged: 0 },
    };
    const text = formatPlan(sc, plan);
    const lines = text.split('\n');
    expect(lines.length).toBeLessThan(150);
    expect(text).toContain('… and 199,970 more demands with unmet work (--json lists all)');
    expect(text).toContain('… and 170 more clusters (--json lists all)');
    expect(text).toContain('… and 370 more cluster-class rows (--json lists all)');
    // The largest unmet demand comes first.
    expect(text).toContain(`${sc.demands[199_999]!.id} `);
    expect(() => formatPlan(sc, plan, { maxRows: -1 })).toThrow(/maxRows: must be an integer ≥ 0/);
    expect(() => formatPlan(sc, plan, { topflows: 3 } as never)).toThrow(/topflows: is not an option of formatPlan \(valid: maxRows, topFlows\)/);
  });
});
