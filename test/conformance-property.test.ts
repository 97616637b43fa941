import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Demand, Scenario, Site } from '../src/scenario/types.js';

// CI runs the full count; a local run can lower it with SUANFLOW_PROPERTY_RUNS.
const RUNS = Number(process.env.SUANFLOW_PROPERTY_RUNS ?? 1000);

/** Small random network-shaped scenarios (no coupling rows), so both backends apply. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    H: fc.integer({ min: 1, max: 3 }),
    sites: fc.array(
      fc.record({
        lon: fc.double({ min: 100, max: 122, noNaN: true }),
        lat: fc.double({ min: 22, max: 42, noNaN: true }),
        pue: fc.double({ min: 1, max: 1.6, noNaN: true }),
        capG: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 3 }),
        capI: fc.integer({ min: 1, max: 30 }),
        price: fc.double({ min: 0.1, max: 1, noNaN: true }),
        cost: fc.double({ min: 0, max: 5, noNaN: true }),
        grid: fc.double({ min: 0, max: 0.9, noNaN: true }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    origins: fc.array(fc.record({ lon: fc.double({ min: 100, max: 122, noNaN: true }), lat: fc.double({ min: 22, max: 42, noNaN: true }) }), { minLength: 1, maxLength: 3 }),
    demands: fc.array(
      fc.record({
        origin: fc.nat(),
        intelligent: fc.boolean(),
        amount: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 3, maxLength: 3 }),
        windowed: fc.boolean(),
        mph: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        data: fc.double({ min: 0, max: 3, noNaN: true }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    carbonPrice: fc.constantFrom(0, 50, 300),
    penalty: fc.integer({ min: 5, max: 200 }),
  })
  .map(({ H, sites, origins, demands, carbonPrice, penalty }) => {
    const ss: Site[] = sites.map((s, i) => ({
      id: `s${i}`,
      name: `s${i}`,
      hub: 'h',
      region: 'west',
      lon: s.lon,
      lat: s.lat,
      pue: s.pue,
      // Site 0 offers general capacity in hour 0, so every demand has a site (validation needs one).
      capacity: { general: s.capG.slice(0, H).map((c, t) => (i === 0 && t === 0 ? Math.max(1, c) : c)), intelligent: s.capI },
      powerKW: { general: 2.5, intelligent: 1.2 },
      electricityPrice: s.price,
      gridCarbon: s.grid,
      unitCost: { general: s.cost, intelligent: 2 * s.cost },
    }));
    const ds: Demand[] = demands.map((d, i) => ({
      id: `d${i}`,
      origin: `o${d.origin % origins.length}`,
      class: d.intelligent ? 'intelligent' : 'general',
      // 100 ms spans the whole box, so every site is in reach; pruning is tested elsewhere.
      maxLatencyMs: 100,
      dataGBPerUnit: d.data,
      ...(d.windowed
        ? { amount: d.amount.reduce((a, b) => a + b, 0), window: { release: 0, deadline: H, ...(d.mph !== undefined ? { maxPerHour: d.mph } : {}) } }
        : { amount: d.amount.slice(0, H) }),
    }));
    return {
      version: 1,
      name: 'random',
      horizonHours: H,
      sites: ss,
      origins: origins.map((o, i) => ({ id: `o${i}`, name: `o${i}`, province: 'p', lon: o.lon, lat: o.lat })),
      demands: ds,
      prices: { carbonPerTonne: carbonPrice, unmetPenalty: penalty, transferPerGB: 0.05 },
      policy: { maxUtilization: 0.9 },
    } satisfies Scenario;
  });

async function solveBoth(sc: Scenario) {
  const glpk = await solve(sc, { backend: 'glpk' });
  const flow = await solve(sc, { backend: 'flow' });
  return { glpk, flow };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

describe('conformance: flow and glpk agree on random network scenarios', () => {
  it(`objectives agree to relative 1e-7 and every plan verifies (${RUNS} scenarios)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const { glpk, flow } = await solveBoth(sc);
        expect(glpk.status).toBe('optimal');
        expect(flow.status).toBe('optimal');
        expect(flow.solver.backend).toBe('flow');
        expect(verifyPlan(sc, glpk).violations).toEqual([]);
        expect(verifyPlan(sc, flow).violations).toEqual([]);
        expect(rel(glpk.objective!, flow.objective!)).toBeLessThanOrEqual(1e-7);
      }),
      { numRuns: RUNS, seed: 20261128 },
    );
  });

  it('metamorphic: scaling every cost by k scales the optimum by k', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.constantFrom(0.5, 3, 10), async (sc, k) => {
        const scaled: Scenario = {
          ...sc,
          sites: sc.sites.map((s) => ({
            ...s,
            electricityPrice: (s.electricityPrice as number) * k,
            unitCost: { general: s.unitCost.general! * k, intelligent: s.unitCost.intelligent! * k },
          })),
          prices: { carbonPerTonne: sc.prices.carbonPerTonne * k, unmetPenalty: (sc.prices.unmetPenalty as number) * k, transferPerGB: sc.prices.transferPerGB * k },
        };
        const a = await solve(sc);
        const b = await solve(scaled);
        expect(verifyPlan(scaled, b).ok).toBe(true);
        expect(rel(b.objective!, k * a.objective!)).toBeLessThanOrEqual(1e-7);
      }),
      { numRuns: Math.max(50, RUNS / 10), seed: 7 },
    );
  });

  it('metamorphic: an unusable site and a permutation of demands change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const far: Site = { ...sc.sites[0]!, id: 'far', lon: 0, lat: -60 }; // thousands of km away: no demand reaches it
        const withFar = { ...sc, sites: [...sc.sites, far] };
        const permuted = { ...sc, demands: [...sc.demands].reverse() };
        const [a, b, c] = await Promise.all([solve(sc), solve(withFar), solve(permuted)]);
        expect(verifyPlan(withFar, b).ok).toBe(true);
        expect(verifyPlan(permuted, c).ok).toBe(true);
        expect(rel(a.objective!, b.objective!)).toBeLessThanOrEqual(1e-7);
        expect(rel(a.objective!, c.objective!)).toBeLessThanOrEqual(1e-7);
        expect(b.assignments.some((x) => x.site === 'far')).toBe(false);
      }),
      { numRuns: Math.max(50, RUNS / 10), seed: 11 },
    );
  });
});
