import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import { formatPlan } from '../src/plan/report.js';
import { scenarioIssues } from '../src/scenario/validate.js';
import { scenarios } from '../src/datasets/index.js';

describe('built-in nationwide scenario solved exactly with glpk.js', () => {
  const sc = scenarios.eastDataWestComputing;

  it('is valid and solves to a verified optimum with every demand served', async () => {
    expect(scenarioIssues(sc)).toEqual([]);
    const plan = await solve(sc);
    expect(plan.status).toBe('optimal');
    expect(verifyPlan(sc, plan).violations).toEqual([]);
    expect(plan.unmet).toEqual([]);
    expect(plan.solver.variables).toBeGreaterThan(1000);
    // Both carbon accountings are reported, and green supply makes them differ.
    expect(plan.carbon!.locationTonnes).toBeGreaterThan(plan.carbon!.marketTonnes);
    // Some eastern work runs in western clusters (the point of the system).
    const west = new Set(sc.sites.filter((s) => s.region === 'west').map((s) => s.id));
    const eastOrigins = new Set(sc.origins.filter((o) => o.region === 'east').map((o) => o.id));
    const demandOrigin = new Map(sc.demands.map((d) => [d.id, d.origin]));
    const eastToWest = plan.assignments.filter((a) => west.has(a.site) && eastOrigins.has(demandOrigin.get(a.demand)!));
    expect(eastToWest.length).toBeGreaterThan(0);
    const text = formatPlan(sc, plan);
    for (const site of sc.sites) expect(text).toContain(site.id);
  });

  it('a higher carbon price never raises market-based carbon', async () => {
    const at = async (price: number) => {
      const s = { ...sc, prices: { ...sc.prices, carbonPerTonne: price } };
      const p = await solve(s);
      expect(verifyPlan(s, p).ok).toBe(true);
      return p.carbon!.marketTonnes;
    };
    const low = await at(0);
    const high = await at(2000);
    expect(high).toBeLessThanOrEqual(low + 1e-6 * low);
  });
});
