import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Policy, Scenario } from '../src/scenario/types.js';
import { demand, site, tiny } from './fixtures.js';

/*
 * Origin Beijing, 1 kWh per unit everywhere (PUE 1, 1 kW), demand 15 units in one hour.
 * A (Zhangjiakou): 1.5 CNY per unit (unit cost 1 + 0.5 energy), capacity 10, grid 1 kg/kWh.
 * B (Hohhot):      2.5 CNY per unit (unit cost 2 + 0.5 energy), capacity 100, grid 0.2 kg/kWh.
 * Least cost: 10 at A, 5 at B → 0.010 + 0.001 = 0.011 t. Moving one unit A → B costs 1 CNY and
 * saves 0.0008 t, so under a binding cap the cap is worth 1 / 0.0008 = 1250 CNY/t, less the carbon
 * price already paid on each tonne (1250 − 100 = 1150 at 100 CNY/t).
 */
const capScenario = (policy: Policy, carbonPerTonne = 0): Scenario =>
  tiny({
    sites: [site('A', 114.86, 40.82, { gridCarbon: 1 }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, gridCarbon: 0.2 })],
    prices: { carbonPerTonne, unmetPenalty: 100, transferPerGB: 0 },
    policy,
  });

/*
 * Same sites, both at grid 0.5, B with 20 kWh of green supply per hour. Total energy is 15 kWh
 * whatever the split, so green share s needs 15·s units at B: +15 CNY per unit of share, 0.15 CNY
 * per percentage point (least cost alone gives 5 / 15 = 1/3).
 * Site share: A with 4 kWh of green and minGreenShare s_A may draw at most 4 / s_A kWh; each unit
 * moved to B costs 1, so d objective / d s_A = 4 / s_A² (16 per unit at 0.5, 0.16 per point).
 */
const shareScenario = (policy: Policy, siteShareA?: number): Scenario =>
  tiny({
    sites: [
      site('A', 114.86, 40.82, siteShareA === undefined ? {} : { greenSupplyMW: 0.004, minGreenShare: siteShareA }),
      site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, greenSupplyMW: 0.02 }),
    ],
    policy,
  });

async function solved(sc: Scenario, backend: 'glpk' | 'highs') {
  const plan = await solve(sc, { backend });
  expect(plan.status).toBe('optimal');
  expect(verifyPlan(sc, plan).violations).toEqual([]);
  return plan;
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe.each(['glpk', 'highs'] as const)('policy prices (%s) equal finite differences of re-solves', (backend) => {
  it('carbon cap: decrease of the objective per extra tonne', async () => {
    for (const [price, expected] of [
      [0, 1250],
      [100, 1150],
    ] as const) {
      const cap = 0.008;
      const plan = await solved(capScenario({ carbonCapTonnes: cap }, price), backend);
      const delta = 1e-5;
      const looser = await solved(capScenario({ carbonCapTonnes: cap + delta }, price), backend);
      const fd = (plan.objective! - looser.objective!) / delta;
      expect(rel(plan.policyPrices!.carbonCap!, fd)).toBeLessThan(1e-6);
      expect(plan.policyPrices!.carbonCap!).toBeCloseTo(expected, 6);
    }
  });

  it('carbon cap under location accounting, and 0 when the cap is slack', async () => {
    // Location accounting: all energy counts, no green: the same 0.0008 t per unit moved.
    const loc = await solved(capScenario({ carbonCapTonnes: 0.008, carbonAccounting: 'location' }), backend);
    expect(loc.policyPrices!.carbonCap!).toBeCloseTo(1250, 6);
    const slack = await solved(capScenario({ carbonCapTonnes: 1 }), backend);
    expect(slack.policyPrices).toEqual({ carbonCap: 0 });
  });

  it('global green share: increase of the objective per percentage point', async () => {
    const s = 0.5;
    const plan = await solved(shareScenario({ minGreenShare: s }), backend);
    const delta = 1e-4;
    const tighter = await solved(shareScenario({ minGreenShare: s + delta }), backend);
    const fd = (tighter.objective! - plan.objective!) / (100 * delta);
    expect(rel(plan.policyPrices!.minGreenShare!, fd)).toBeLessThan(1e-6);
    expect(plan.policyPrices!.minGreenShare!).toBeCloseTo(0.15, 9);
    const slack = await solved(shareScenario({ minGreenShare: 0.2 }), backend);
    expect(slack.policyPrices!.minGreenShare).toBe(0);
  });

  it('site green share: per percentage point, central difference (the objective is not linear in it)', async () => {
    const s = 0.5;
    const plan = await solved(shareScenario({}, s), backend);
    const delta = 1e-4;
    const up = await solved(shareScenario({}, s + delta), backend);
    const down = await solved(shareScenario({}, s - delta), backend);
    const fd = (up.objective! - down.objective!) / (2 * 100 * delta);
    expect(rel(plan.policyPrices!.siteMinGreenShare!.A!, fd)).toBeLessThan(1e-6);
    expect(plan.policyPrices!.siteMinGreenShare!.A!).toBeCloseTo(0.16, 9);
    expect(plan.policyPrices!.minGreenShare).toBeUndefined();
  });
});

describe('policy prices are absent where the model has no policy rows', () => {
  it('flow backend and scenarios without cap or shares', async () => {
    const sc = tiny({ demands: [demand('d1')] });
    const flow = await solve(sc, { backend: 'flow' });
    expect(flow.policyPrices).toBeUndefined();
    const glpk = await solve(sc, { backend: 'glpk' });
    expect(glpk.policyPrices).toBeUndefined();
  });
});
