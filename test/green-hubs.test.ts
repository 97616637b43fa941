import { describe, expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import { GREEN_HUB_SHARE } from '../src/scenario/builtin/green-hubs.js';
import { scenarios } from '../src/scenario/builtin/index.js';
import { validateScenario } from '../src/scenario/validate.js';
import { solve } from '../src/solve/solve.js';

describe('built-in green-hubs scenario (> 80% green at hub clusters with green supply)', () => {
  it('is valid, and solves to a verified plan with every required green share met', async () => {
    const sc = validateScenario(scenarios.greenHubs);
    const required = sc.sites.filter((s) => s.minGreenShare !== undefined);
    expect(required.map((s) => s.id).sort()).toEqual(['guian', 'helingeer', 'qingyang', 'zhangjiakou', 'zhongwei']);
    const p = await solve(sc);
    expect(p.status).toBe('optimal');
    expect(verifyPlan(sc, p).violations).toEqual([]);
    for (const s of required) {
      const e = p.energy.filter((x) => x.site === s.id);
      const kWh = e.reduce((a, x) => a + x.kWh, 0);
      const green = e.reduce((a, x) => a + x.greenKWh, 0);
      if (kWh > 0) expect(green / kWh).toBeGreaterThanOrEqual(GREEN_HUB_SHARE - 1e-9);
    }
    // The rule binds somewhere: it costs more than the built-in day, and says where.
    const base = await solve(scenarios.eastDataWestComputing);
    expect(p.objective!).toBeGreaterThan(base.objective!);
    const prices = p.policyPrices!.siteMinGreenShare!;
    expect(Math.max(...Object.values(prices))).toBeGreaterThan(0);
  });
});
