/** Computing with green electricity: hand-checkable energy, curtailment and carbon accounting. */
import { describe, expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import type { Plan } from '../src/plan/types.js';
import { valueAt } from '../src/scenario/hourly.js';
import type { Scenario } from '../src/scenario/types.js';
import { scenarios } from '../src/datasets/index.js';
import { solve } from '../src/solve/solve.js';
import { demand, site, tiny } from './fixtures.js';

async function solved(sc: Scenario): Promise<Plan> {
  const p = await solve(sc);
  expect(p.status).toBe('optimal');
  expect(verifyPlan(sc, p).violations).toEqual([]);
  return p;
}

describe('green electricity by hand', () => {
  it('surplus green supply is reported as curtailed, per site and hour', async () => {
    // 10 units × 1 kW × PUE 1 = 10 kWh against 25 kWh of green supply: 15 kWh curtailed.
    const sc = tiny({ sites: [site('A', 114.86, 40.82, { greenSupplyMW: 0.025 })], demands: [demand('d1', { amount: 10 })] });
    const p = await solved(sc);
    const e = p.energy.find((x) => x.site === 'A' && x.hour === 0)!;
    expect(e.kWh).toBeCloseTo(10, 9);
    expect(e.greenKWh).toBeCloseTo(10, 9);
    expect(e.gridKWh).toBeCloseTo(0, 9);
    expect(e.curtailedKWh).toBeCloseTo(15, 9);
    expect(p.carbon!.marketTonnes).toBeCloseTo(0, 12);
    expect(p.carbon!.locationTonnes).toBeCloseTo(10 * 0.5 / 1000, 12);
  });

  it('location − market carbon = Σ green energy × grid factor, exactly, on the built-in day', async () => {
    const sc = scenarios.eastDataWestComputing;
    const p = await solved(sc);
    let greenTimesFactor = 0;
    for (const e of p.energy) greenTimesFactor += (e.greenKWh * valueAt(sc.sites.find((s) => s.id === e.site)!.gridCarbon, e.hour)) / 1000;
    expect(greenTimesFactor).toBeGreaterThan(0);
    expect(p.carbon!.locationTonnes - p.carbon!.marketTonnes).toBeCloseTo(greenTimesFactor, 6);
  });

  it('a per-site minimum green share binds: that site runs only as much as its green supply allows', async () => {
    // A has 4 kWh of green; a 0.8 share allows at most 5 units there, the rest goes to dearer B.
    const sc = tiny({
      sites: [site('A', 114.86, 40.82, { greenSupplyMW: 0.004, minGreenShare: 0.8 }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 } })],
      demands: [demand('d1', { amount: 10 })],
    });
    const p = await solved(sc);
    const atA = p.assignments.filter((a) => a.site === 'A').reduce((s, a) => s + a.amount, 0);
    expect(atA).toBeCloseTo(5, 9);
    expect(p.objective).toBeCloseTo(5 * 1.5 + 5 * 2.5, 9);
  });

  it('a carbon cap under location accounting counts green energy too', async () => {
    const base = {
      sites: [site('A', 114.86, 40.82, { gridCarbon: 1, greenSupplyMW: 0.01 }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, gridCarbon: 0 })],
      demands: [demand('d1', { amount: 10 })],
    };
    // Market: A's 10 kWh are all green, 0 t, so the cap of 0.004 t does not bind.
    const market = await solved(tiny({ ...base, policy: { carbonCapTonnes: 0.004 } }));
    expect(market.assignments.filter((a) => a.site === 'A').reduce((s, a) => s + a.amount, 0)).toBeCloseTo(10, 9);
    // Location: A's 10 kWh count 10 kg, over the cap: only 4 units may stay at A.
    const location = await solved(tiny({ ...base, policy: { carbonCapTonnes: 0.004, carbonAccounting: 'location' } }));
    expect(location.carbon!.accounting).toBe('location');
    expect(location.carbon!.locationTonnes).toBeCloseTo(0.004, 12);
    expect(location.assignments.filter((a) => a.site === 'A').reduce((s, a) => s + a.amount, 0)).toBeCloseTo(4, 9);
  });
});
