/**
 * paretoFrontier with decompose: the cap points chain warm (each from the previous point's
 * multipliers), every point's plan verified, and the warm frontier equal to the exact (glpk.js)
 * one within the proved gaps; the MAC uncertainty follows from the gaps.
 */
import { describe, expect, it } from 'vitest';
import { toFrontier, type Candidate } from '../src/pareto/filter.js';
import { formatPareto } from '../src/pareto/format.js';
import { paretoFrontier } from '../src/pareto/frontier.js';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarios } from '../src/datasets/index.js';
import { solve } from '../src/solve/solve.js';
import type { Scenario } from '../src/scenario/types.js';

const withCap = (sc: Scenario, cap: number | null): Scenario => (cap === null ? sc : { ...sc, policy: { ...sc.policy, carbonCapTonnes: cap } });

describe('paretoFrontier with decompose on the built-in day (method cap)', () => {
  it('warm decompose points are verified and match the exact optima at their caps within their proved gaps', async () => {
    const sc = scenarios.eastDataWestComputing;
    const r = await paretoFrontier(sc, { points: 4, backend: 'decompose' });
    const warm = r.frontiers[0]!;
    expect(warm.status).toBe('optimal');
    expect(warm.points).toHaveLength(4);
    // The min-cost end is exact (auto: glpk.js on the day), so the caps span the true carbon range;
    // the cap points are decompose, each after the first from the previous point's multipliers.
    expect(warm.points[0]!.plan!.solver.backend).toBe('glpk');
    expect(warm.points[0]!.gap).toBe(0);
    expect(warm.points.slice(1).every((p) => p.plan!.solver.backend === 'decompose')).toBe(true);
    expect(warm.notes).toContain("2 decompose points started from the previous point's multipliers");
    const exact: { objective: number; cost: number; tonnes: number }[] = [];
    for (const [i, p] of warm.points.entries()) {
      const plan = p.plan!;
      const scP = withCap(sc, p.cap);
      expect(verifyPlan(scP, plan).violations).toEqual([]);
      expect(p.gap).toBe(plan.solver.gap ?? 0);
      expect(p.gap).toBeLessThanOrEqual(1e-3);
      // The exact optimum under the same cap lies between the plan's lower bound and its objective.
      const e = await solve(scP, { backend: 'glpk' });
      expect(e.status).toBe('optimal');
      const slack = p.gap * Math.max(1, Math.abs(p.objective));
      expect(e.objective!).toBeLessThanOrEqual(p.objective * (1 + 1e-7));
      expect(e.objective!).toBeGreaterThanOrEqual(p.objective - slack - 1e-7 * Math.abs(p.objective));
      exact.push({ objective: e.objective!, cost: e.objective! - e.costs!.carbon, tonnes: e.carbon!.marketTonnes });
      if (i >= 2) {
        // Both caps bind (same tonnes as the exact optima): the exact MAC is within the uncertainty.
        const prev = exact[i - 1]!;
        const eMac = (exact[i]!.cost - prev.cost) / (prev.tonnes - exact[i]!.tonnes);
        expect(Math.abs(p.mac! - eMac)).toBeLessThanOrEqual(p.macUncertainty! * (1 + 1e-6) + 1e-6 * Math.abs(eMac));
      }
    }
    if (warm.points.some((p) => p.gap > 1e-9)) {
      expect(warm.notes.join('\n')).toMatch(/optimal only within a proved gap .* macUncertainty/);
      expect(formatPareto(r)).toMatch(/MAC ±/);
    }
  }, 240_000);
});

describe('toFrontier: MAC uncertainty from the points’ gaps', () => {
  const pt = (cost: number, carbonTonnes: number, gap: number) => ({ cap: carbonTonnes, carbonPrice: 0, status: 'optimal' as const, cost, objective: cost, carbonTonnes, locationTonnes: carbonTonnes, marketTonnes: carbonTonnes, capPrice: null, gap });
  it('(gap · objective of both ends) / Δtonnes, 0 between exact points', () => {
    const c: Candidate[] = [
      { label: 'a', point: pt(1000, 10, 0) },
      { label: 'b', point: pt(1100, 8, 0.001) },
      { label: 'c', point: pt(1300, 6, 0.002) },
      { label: 'd', point: pt(1600, 4, 0) },
    ];
    const f = toFrontier(c);
    expect(f.points.map((p) => p.mac)).toEqual([null, 50, 100, 150]);
    const u = f.points.map((p) => p.macUncertainty);
    expect(u[0]).toBeNull();
    expect(u[1]).toBeCloseTo(1.1 / 2, 12);
    expect(u[2]).toBeCloseTo((1.1 + 2.6) / 2, 12);
    expect(u[3]).toBeCloseTo(2.6 / 2, 12);
  });
  it('exact points: uncertainty 0', () => {
    const f = toFrontier([
      { label: 'a', point: pt(1, 2, 0) },
      { label: 'b', point: pt(2, 1, 0) },
    ]);
    expect(f.points[1]!.macUncertainty).toBe(0);
  });
});
