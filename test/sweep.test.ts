import { describe, expect, it } from 'vitest';
import { sweep } from '../src/solve/sweep.js';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import { OptionsError } from '../src/errors.js';
import type { Scenario } from '../src/scenario/types.js';
import { demand, site, tiny } from './fixtures.js';

const withPrice = (sc: Scenario, p: number): Scenario => ({ ...sc, prices: { ...sc.prices, carbonPerTonne: p } });

describe('sweep over carbon prices', () => {
  // A is cheap but dirty (1 kg/kWh), B dearer and clean: a rising carbon price moves work to B.
  const sc = tiny({
    horizonHours: 2,
    sites: [site('A', 114.86, 40.82, { capacity: { general: 30 }, gridCarbon: 1 }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, gridCarbon: 0 })],
    demands: [demand('live', { amount: [12, 20] }), demand('job', { amount: 15, window: { release: 0, deadline: 2 } }), demand('live2', { amount: [3, 3] })],
  });
  const prices = [0, 250, 500, 900, 1000, 1100, 2000, 500, 0];

  it('warm: every point equals a cold solve at that price and verifies', async () => {
    const r = await sweep(sc, { carbonPrice: prices });
    expect(r.warm).toBe(true);
    expect(r.points.map((x) => x.carbonPerTonne)).toEqual(prices);
    for (const { carbonPerTonne, plan } of r.points) {
      const scP = withPrice(sc, carbonPerTonne);
      expect(verifyPlan(scP, plan).violations).toEqual([]);
      const cold = await solve(scP);
      expect(verifyPlan(scP, cold).ok).toBe(true);
      expect(plan.objective).toBeCloseTo(cold.objective!, 9);
    }
    // Above 1000 CNY/t the 1 kg/kWh of A costs more than B's extra unit cost: work leaves A.
    const atA = (i: number) => r.points[i]!.plan.assignments.filter((a) => a.site === 'A').reduce((s, a) => s + a.amount, 0);
    expect(atA(0)).toBeGreaterThan(0);
    expect(atA(6)).toBe(0);
  });

  it('cold where green supply couples the model, with the reason', async () => {
    const green = { ...sc, sites: sc.sites.map((s) => (s.id === 'A' ? { ...s, greenSupplyMW: 0.005 } : s)) };
    const r = await sweep(green, { carbonPrice: [0, 1000] });
    expect(r.warm).toBe(false);
    expect(r.reason).toContain('green supply');
    for (const { carbonPerTonne, plan } of r.points) expect(verifyPlan(withPrice(green, carbonPerTonne), plan).ok).toBe(true);
  });

  it('bad grids are typed errors naming the entry', async () => {
    await expect(sweep(sc, { carbonPrice: [] })).rejects.toThrow(OptionsError);
    await expect(sweep(sc, { carbonPrice: [10, -1] })).rejects.toThrow(/carbonPrice\[1\]/);
  });

  it('capacity sweeps (one site, or all): every point equals a cold solve of the scaled scenario', async () => {
    const scaled = (f: number, only?: string): Scenario => ({
      ...sc,
      sites: sc.sites.map((x) => (only !== undefined && x.id !== only ? x : { ...x, capacity: { general: (x.capacity.general as number) * f } })),
    });
    for (const only of ['A', undefined]) {
      // Every site out at once would leave demand no site can serve: the validator rejects that scenario.
      const factors = [1, 0.5, only ? 0 : 0.01, 1.5, 1, 2];
      const r = await sweep(sc, { capacity: { ...(only ? { site: only } : {}), factors } });
      expect(r.warm).toBe(true);
      expect(r.points.map((x) => x.capacityFactor)).toEqual(factors);
      for (const { capacityFactor, plan } of r.points) {
        const scP = scaled(capacityFactor!, only);
        expect(verifyPlan(scP, plan).violations).toEqual([]);
        const cold = await solve(scP);
        expect(verifyPlan(scP, cold).ok).toBe(true);
        expect(plan.objective).toBeCloseTo(cold.objective!, 9);
      }
      // An outage of A moves all its work to B.
      if (only) expect(r.points[2]!.plan.assignments.filter((a) => a.site === 'A')).toEqual([]);
    }
    // Small changes keep the tree at least once.
    const fine = await sweep(sc, { capacity: { site: 'B', factors: [1, 0.99, 0.98, 0.97] } });
    expect(fine.points.some((p) => p.plan.solver.reason.includes('warm-started'))).toBe(true);
  });

  it('a grid needs exactly one of carbonPrice and capacity, and a known site', async () => {
    await expect(sweep(sc, {})).rejects.toThrow(/exactly one/);
    await expect(sweep(sc, { carbonPrice: [1], capacity: { factors: [1] } })).rejects.toThrow(/exactly one/);
    await expect(sweep(sc, { capacity: { site: 'Z', factors: [1] } })).rejects.toThrow(/capacity.site/);
    await expect(sweep(sc, { capacity: { factors: [1, -0.5] } })).rejects.toThrow(/capacity.factors\[1\]/);
  });
});
