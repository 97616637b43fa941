import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan/types.js';
import { verifyPlan } from '../src/plan/verify.js';
import { eastDataWestComputingGreenHubs, GREEN_HUB_SHARE, GREEN_HUB_TOP_UP } from '../src/datasets/green-hubs.js';
import { scenarios } from '../src/datasets/index.js';
import type { Scenario } from '../src/scenario/types.js';
import { validateScenario } from '../src/scenario/validate.js';
import { solve } from '../src/solve/solve.js';

/** Green share of each site's energy over the day, for the sites with a required share. */
function greenShares(sc: Scenario, p: Plan): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of sc.sites.filter((x) => x.minGreenShare !== undefined)) {
    const e = p.energy.filter((x) => x.site === s.id);
    const kWh = e.reduce((a, x) => a + x.kWh, 0);
    if (kWh > 0) out.set(s.id, e.reduce((a, x) => a + x.greenKWh, 0) / kWh);
  }
  return out;
}

const unmetTotal = (p: Plan): number => p.unmet.reduce((a, u) => a + u.amount, 0);

describe('built-in green-hubs scenario (> 80% green at hub clusters with green supply)', () => {
  it('is valid, and solves to a verified plan with every required green share met', async () => {
    const sc = validateScenario(scenarios.greenHubs);
    const required = sc.sites.filter((s) => s.minGreenShare !== undefined);
    expect(required.map((s) => s.id).sort()).toEqual(['guian', 'helingeer', 'qingyang', 'zhangjiakou', 'zhongwei']);
    expect(required.every((s) => s.minGreenShare === GREEN_HUB_SHARE && s.greenSupplyMW !== undefined)).toBe(true);
    const p = await solve(sc);
    expect(p.status).toBe('optimal');
    expect(verifyPlan(sc, p).violations).toEqual([]);
    const shares = greenShares(sc, p);
    expect(shares.size).toBe(5);
    for (const share of shares.values()) expect(share).toBeGreaterThanOrEqual(GREEN_HUB_SHARE - 1e-9);
    // The rule binds somewhere: it costs more than the built-in day, and says where.
    const base = await solve(scenarios.eastDataWestComputing);
    expect(verifyPlan(scenarios.eastDataWestComputing, base).ok).toBe(true);
    expect(p.objective!).toBeGreaterThan(base.objective!);
    const prices = p.policyPrices!.siteMinGreenShare!;
    expect(Math.max(...Object.values(prices))).toBeGreaterThan(0);
    // With the supply as it is, work near Zhangjiakou goes unmet (the built-in day serves it all).
    expect(unmetTotal(base)).toBe(0);
    expect(unmetTotal(p)).toBeGreaterThan(0);
  });

  it('with topUpGreenSupply only Zhangjiakou gets more green supply, and then every unit of work is served', async () => {
    const sc = validateScenario(eastDataWestComputingGreenHubs({ topUpGreenSupply: true }));
    const plain = scenarios.greenHubs;
    for (const s of sc.sites) {
      const before = plain.sites.find((x) => x.id === s.id)!;
      const k = GREEN_HUB_TOP_UP[s.id];
      if (k === undefined) expect(s).toEqual(before);
      else expect(s.greenSupplyMW).toEqual((before.greenSupplyMW as number[]).map((mw) => Math.round(mw * k * 10) / 10));
    }
    expect(Object.keys(GREEN_HUB_TOP_UP)).toEqual(['zhangjiakou']);
    const p = await solve(sc);
    expect(p.status).toBe('optimal');
    expect(verifyPlan(sc, p).violations).toEqual([]);
    expect(unmetTotal(p)).toBeLessThan(1e-6);
    for (const share of greenShares(sc, p).values()) expect(share).toBeGreaterThanOrEqual(GREEN_HUB_SHARE - 1e-9);
  });
});
