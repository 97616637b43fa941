import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Demand, Scenario, Site } from '../src/scenario/types.js';

const RUNS = Number(process.env.SUANFLOW_PROPERTY_RUNS ?? 300);

/** Small random scenarios with green supply and every coupling row kind decompose dualizes. */
const coupledArb: fc.Arbitrary<Scenario> = fc
  .record({
    H: fc.integer({ min: 1, max: 3 }),
    sites: fc.array(
      fc.record({
        lon: fc.double({ min: 100, max: 122, noNaN: true }),
        lat: fc.double({ min: 22, max: 42, noNaN: true }),
        pue: fc.double({ min: 1, max: 1.6, noNaN: true }),
        capG: fc.integer({ min: 1, max: 40 }),
        capI: fc.integer({ min: 1, max: 30 }),
        price: fc.double({ min: 0.1, max: 1, noNaN: true }),
        cost: fc.double({ min: 0, max: 5, noNaN: true }),
        grid: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        greenMW: fc.array(fc.double({ min: 0, max: 0.06, noNaN: true }), { minLength: 3, maxLength: 3 }),
        siteShare: fc.option(fc.double({ min: 0.05, max: 0.6, noNaN: true }), { nil: undefined }),
        bw: fc.option(fc.double({ min: 0.001, max: 0.05, noNaN: true }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    demands: fc.array(
      fc.record({
        intelligent: fc.boolean(),
        amount: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 3, maxLength: 3 }),
        windowed: fc.boolean(),
        data: fc.double({ min: 0, max: 3, noNaN: true }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    carbonPrice: fc.constantFrom(0, 50, 300),
    penalty: fc.integer({ min: 5, max: 200 }),
    cap: fc.option(fc.double({ min: 0, max: 0.3, noNaN: true }), { nil: undefined }),
    share: fc.option(fc.double({ min: 0.05, max: 0.9, noNaN: true }), { nil: undefined }),
    location: fc.boolean(),
  })
  .map(({ H, sites, demands, carbonPrice, penalty, cap, share, location }) => {
    const ss: Site[] = sites.map((s, i) => ({
      id: `s${i}`,
      name: `s${i}`,
      hub: 'h',
      region: 'west',
      lon: s.lon,
      lat: s.lat,
      pue: s.pue,
      capacity: { general: s.capG, intelligent: s.capI },
      powerKW: { general: 2.5, intelligent: 1.2 },
      electricityPrice: s.price,
      gridCarbon: s.grid,
      greenSupplyMW: s.greenMW.slice(0, H),
      unitCost: { general: s.cost, intelligent: 2 * s.cost },
      ...(s.siteShare !== undefined ? { minGreenShare: s.siteShare } : {}),
    }));
    const ds: Demand[] = demands.map((d, i) => ({
      id: `d${i}`,
      origin: 'o0',
      class: d.intelligent ? 'intelligent' : 'general',
      maxLatencyMs: 100,
      dataGBPerUnit: d.data,
      ...(d.windowed ? { amount: d.amount.slice(0, H).reduce((a, b) => a + b, 0), window: { release: 0, deadline: H } } : { amount: d.amount.slice(0, H) }),
    }));
    const links = sites.flatMap((s, i) => (s.bw !== undefined ? [{ from: 'o0', to: `s${i}`, bandwidthGbps: s.bw }] : []));
    return {
      version: 1,
      name: 'random-coupled',
      horizonHours: H,
      sites: ss,
      origins: [{ id: 'o0', name: 'o0', province: 'p', lon: 110, lat: 32 }],
      ...(links.length > 0 ? { links } : {}),
      demands: ds,
      prices: { carbonPerTonne: carbonPrice, unmetPenalty: penalty, transferPerGB: 0.05 },
      policy: {
        maxUtilization: 0.9,
        ...(location ? { carbonAccounting: 'location' as const } : {}),
        ...(cap !== undefined ? { carbonCapTonnes: cap } : {}),
        ...(share !== undefined ? { minGreenShare: share } : {}),
      },
    } satisfies Scenario;
  });

/** The same scenarios with only global coupling rows (cap and/or share): the scalar phase runs first. */
const globalArb: fc.Arbitrary<Scenario> = fc.tuple(coupledArb, fc.double({ min: 0, max: 0.3, noNaN: true }), fc.boolean()).map(([sc, cap, both]) => {
  const { links: _links, ...rest } = sc;
  return {
    ...rest,
    sites: sc.sites.map(({ minGreenShare: _s, ...site }) => site),
    policy: { ...sc.policy, ...(sc.policy?.carbonCapTonnes === undefined && (both || sc.policy?.minGreenShare === undefined) ? { carbonCapTonnes: cap } : {}) },
  };
});

describe('decompose on random coupled scenarios: bound ≤ glpk optimum ≤ plan, every plan verified', () => {
  it(`holds over ${Math.ceil(RUNS / 3)} scenarios with only a global cap and/or share (scalar phase first)`, async () => {
    const paths: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(globalArb, async (sc) => {
        const exact = await solve(sc, { backend: 'glpk' });
        const dec = await solve(sc, { backend: 'decompose', maxRounds: 40 });
        expect(dec.status === 'infeasible').toBe(exact.status === 'infeasible');
        if (exact.objective === null || dec.solver.backend !== 'decompose') return;
        expect(verifyPlan(sc, dec).violations).toEqual([]);
        const opt = exact.objective;
        const tol = 1e-6 * Math.max(1, Math.abs(opt));
        expect(dec.objective!).toBeGreaterThanOrEqual(opt - tol);
        expect(dec.solver.lowerBound!).toBeLessThanOrEqual(opt + tol);
        expect(dec.objective! - opt).toBeLessThanOrEqual(dec.solver.gap! * Math.max(1, Math.abs(dec.objective!)) + tol);
        if (dec.status === 'optimal') expect(dec.solver.gap!).toBeLessThanOrEqual(0.001);
        const path = /path: (scalar phase|scalar \(|joint|green)/.exec(dec.solver.reason)?.[1];
        paths[path ?? 'none'] = (paths[path ?? 'none'] ?? 0) + 1;
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: 15 },
    );
    if (process.env.SUANFLOW_DEBUG) console.log(paths);
    expect(paths['none'] ?? 0).toBe(0);
    expect((paths['scalar phase'] ?? 0) + (paths['scalar ('] ?? 0)).toBeGreaterThan(Math.ceil(RUNS / 3) / 2);
  }, 120_000);

  it(`holds over ${RUNS} scenarios`, async () => {
    let checked = 0;
    const stats: Record<string, number> = {};
    const paths: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(coupledArb, async (sc) => {
        const exact = await solve(sc, { backend: 'glpk' });
        const dec = await solve(sc, { backend: 'decompose', maxRounds: 40 });
        expect(dec.status === 'infeasible').toBe(exact.status === 'infeasible');
        if (exact.objective === null) return;
        expect(verifyPlan(sc, dec).violations).toEqual([]);
        const opt = exact.objective;
        const tol = 1e-6 * Math.max(1, Math.abs(opt));
        expect(dec.objective!).toBeGreaterThanOrEqual(opt - tol);
        if (dec.solver.backend === 'decompose') {
          checked++;
          expect(dec.solver.lowerBound!).toBeLessThanOrEqual(opt + tol);
          expect(dec.solver.gap!).toBeGreaterThanOrEqual(0);
          // The reported gap is the plan's distance to the bound, so also an upper bound on the true gap.
          expect(dec.objective! - opt).toBeLessThanOrEqual(dec.solver.gap! * Math.max(1, Math.abs(dec.objective!)) + tol);
          if (dec.status === 'optimal') expect(dec.solver.gap!).toBeLessThanOrEqual(0.001);
          stats[dec.status] = (stats[dec.status] ?? 0) + 1;
          // Which path ran: the scalar phase only where the non-green rows are the global cap / share.
          const path = /path: (scalar phase|scalar \(|joint|green)/.exec(dec.solver.reason)?.[1];
          expect(path, dec.solver.reason).toBeDefined();
          paths[path!] = (paths[path!] ?? 0) + 1;
          if (path!.startsWith('scalar')) {
            expect(sc.links ?? []).toEqual([]);
            expect(sc.sites.every((s) => s.minGreenShare === undefined)).toBe(true);
            expect(sc.policy?.carbonCapTonnes !== undefined || sc.policy?.minGreenShare !== undefined).toBe(true);
          }
        }
      }),
      { numRuns: RUNS, seed: 14 },
    );
    if (process.env.SUANFLOW_DEBUG) console.log(checked, stats, paths);
    expect(checked).toBeGreaterThan(RUNS / 2);
    // Both paths ran (the scalar phase on cap / share models, the joint path on the others).
    expect((paths['scalar phase'] ?? 0) + (paths['scalar ('] ?? 0)).toBeGreaterThan(0);
    expect(paths['joint'] ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
