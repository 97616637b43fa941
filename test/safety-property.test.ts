import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve as yalps } from 'yalps';
import { formulatePlacement, pairLatencies } from '../src/formulate/placement.js';
import { latencyMatrix } from '../src/geo/latency-matrix.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Plan } from '../src/plan/types.js';
import { addRecourseBlock, indexModel } from '../src/safety/secure-blocks.js';
import { outagesOf } from '../src/safety/outages.js';
import { usableSites } from '../src/formulate/placement.js';
import { solveWithGlpk } from '../src/solve/glpk.js';
import { solve } from '../src/solve/solve.js';
import { scenarioIssues } from '../src/scenario/validate.js';
import type { ComputeClass, Policy, Scenario } from '../src/scenario/types.js';

/** Small random scenarios: 2–4 sites over 2–3 hubs, 1–2 hours, 1–3 demands, latency by link. */
const scenarioArb = fc
  .record({
    H: fc.integer({ min: 1, max: 2 }),
    sites: fc.array(fc.record({ hub: fc.integer({ min: 0, max: 2 }), cap: fc.integer({ min: 0, max: 12 }), capI: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }), cost: fc.integer({ min: 0, max: 4 }) }), { minLength: 2, maxLength: 4 }),
    demands: fc.array(
      fc.record({
        intelligent: fc.boolean(),
        amount: fc.integer({ min: 1, max: 10 }),
        windowed: fc.boolean(),
        replicas: fc.integer({ min: 1, max: 2 }),
        scope: fc.constantFrom('site' as const, 'hub' as const),
        latency: fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 4, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    survive: fc.constantFrom<NonNullable<Policy['survive']>>('any-site', 'any-hub', { general: 'any-site' }, { intelligent: 'any-hub', general: 'any-hub' }),
    mu: fc.constantFrom(1, 0.9),
  })
  .map((r): Scenario => {
    const sites = r.sites.map((s, i) => ({
      id: `s${i}`,
      name: `s${i}`,
      hub: `h${s.hub}`,
      region: 'west' as const,
      lon: 100 + i,
      lat: 30,
      pue: 1.2,
      capacity: { general: s.cap, ...(s.capI !== undefined ? { intelligent: s.capI } : {}) },
      powerKW: { general: 1, intelligent: 2 },
      electricityPrice: 0.5,
      gridCarbon: 0.6,
      unitCost: { general: 1 + s.cost, intelligent: 3 + s.cost },
    }));
    // Each demand has its own origin, so each has its own latencies to the sites.
    const origins = r.demands.map((_, j) => ({ id: `o${j}`, name: `o${j}`, province: 'p', lon: 110, lat: 30 }));
    const links = r.demands.flatMap((d, j) => sites.map((s, i) => ({ from: `o${j}`, to: s.id, latencyMs: d.latency[i]! })));
    const demands = r.demands.map((d, j) => ({
      id: `d${j}`,
      origin: `o${j}`,
      class: (d.intelligent ? 'intelligent' : 'general') as ComputeClass,
      amount: d.amount,
      maxLatencyMs: 10,
      ...(d.windowed ? { window: { release: 0, deadline: r.H } } : {}),
      ...(d.replicas > 1 ? { replicas: d.replicas, replicaScope: d.scope } : {}),
    }));
    return {
      version: 1,
      horizonHours: r.H,
      sites,
      origins,
      links,
      demands,
      prices: { carbonPerTonne: 50, unmetPenalty: { general: 40, intelligent: 80 }, transferPerGB: 0 },
      policy: { survive: r.survive, maxUtilization: r.mu },
    };
  })
  .filter((sc) => scenarioIssues(sc).length === 0);

/** The test's own recourse check: for each outage, hour and protected class, a feasibility LP (YALPS). */
function survivesEveryOutage(sc: Scenario, plan: Plan): string[] {
  const failures: string[] = [];
  const mu = sc.policy?.maxUtilization ?? 1;
  const lat = new Map((sc.links ?? []).map((l) => [`${l.from}|${l.to}`, l.latencyMs!]));
  const survive = sc.policy!.survive!;
  for (const cls of ['general', 'intelligent', 'super'] as const) {
    const scope = typeof survive === 'string' ? survive : survive[cls];
    if (!scope) continue;
    const outages = scope === 'any-site' ? sc.sites.map((s) => [s.id]) : [...new Set(sc.sites.map((s) => s.hub))].map((h) => sc.sites.filter((s) => s.hub === h).map((s) => s.id));
    for (const down of outages) {
      for (let t = 0; t < sc.horizonHours; t++) {
        const constraints: Record<string, { equal?: number; max?: number }> = {};
        const variables: Record<string, Record<string, number>> = {};
        for (const d of sc.demands.filter((x) => x.class === cls)) {
          const lost = plan.assignments.filter((a) => a.demand === d.id && a.hour === t && down.includes(a.site)).reduce((x, a) => x + a.amount, 0);
          if (lost <= 1e-9) continue;
          constraints[`lost:${d.id}`] = { equal: lost };
          for (const s of sc.sites) {
            if (down.includes(s.id) || s.capacity[cls] === undefined || lat.get(`${d.origin}|${s.id}`)! > d.maxLatencyMs) continue;
            variables[`z:${d.id}:${s.id}`] = { [`lost:${d.id}`]: 1, [`spare:${s.id}`]: 1 };
          }
        }
        if (Object.keys(constraints).length === 0) continue;
        for (const s of sc.sites) {
          if (down.includes(s.id) || s.capacity[cls] === undefined) continue;
          const used = plan.assignments.filter((a) => a.site === s.id && a.hour === t && sc.demands.find((d) => d.id === a.demand)!.class === cls).reduce((x, a) => x + a.amount, 0);
          constraints[`spare:${s.id}`] = { max: (s.capacity[cls] as number) * mu - used + 1e-7 };
        }
        const res = yalps({ direction: 'minimize', constraints, variables }, { tolerance: 0 });
        if (res.status !== 'optimal') failures.push(`${cls} outage [${down.join(', ')}] hour ${t}: ${res.status}`);
      }
    }
  }
  return failures;
}

/** The full N-1 LP (every outage block at once, no generation), solved by glpk: its optimum. */
async function fullLpObjective(sc: Scenario): Promise<number> {
  const latency = pairLatencies(sc, await latencyMatrix(sc.origins, sc.sites));
  const m = formulatePlacement(sc, latency);
  const index = indexModel(sc, m);
  const usable = sc.demands.map((d, i) => usableSites(sc, latency, i, sc.origins.findIndex((o) => o.id === d.origin)));
  outagesOf(sc).forEach((o, oi) => {
    for (const cls of o.classes) for (let t = 0; t < sc.horizonHours; t++) addRecourseBlock(m, sc, index, usable, o, oi, cls, t);
  });
  const res = await solveWithGlpk(m, 30);
  expect(res.status).toBe('optimal');
  return res.z;
}

describe('N-1-secure plans on random small scenarios', () => {
  it('pass verifyPlan, survive every outage re-checked on its own, and equal the full N-1 LP', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const plan = await solve(sc);
        expect(plan.status).toBe('optimal');
        expect(verifyPlan(sc, plan).violations).toEqual([]);
        expect(survivesEveryOutage(sc, plan)).toEqual([]);
        const sec = plan.security!;
        expect(sec.premium.cost).toBeGreaterThanOrEqual(-1e-6 * Math.max(1, plan.objective!));
        const full = await fullLpObjective(sc);
        expect(Math.abs(plan.objective! - full)).toBeLessThanOrEqual(1e-6 * Math.max(1, full));
        // The plain optimum is the same scenario without survive.
        const { survive: _s, ...policy } = sc.policy!;
        const plain = await solve({ ...sc, policy });
        expect(plan.objective! - sec.premium.cost).toBeCloseTo(plain.objective!, 5);
      }),
      { numRuns: 40, seed: 16 },
    );
  });
});

describe('replicated demands on random small scenarios', () => {
  it('every plan splits into copies that pass verifyPlan, with glpk and HiGHS agreeing', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc0) => {
        const { survive: _s, ...policy } = sc0.policy!;
        const sc: Scenario = { ...sc0, policy };
        const plan = await solve(sc);
        expect(plan.status).toBe('optimal');
        expect(verifyPlan(sc, plan).violations).toEqual([]);
        for (const d of sc.demands) {
          const k = d.replicas ?? 1;
          const mine = plan.assignments.filter((a) => a.demand === d.id);
          if (k === 1) expect(mine.every((a) => a.replica === undefined)).toBe(true);
          else expect(mine.every((a) => a.replica !== undefined && a.replica < k)).toBe(true);
        }
        const highs = await solve(sc, { backend: 'highs' });
        expect(highs.objective!).toBeCloseTo(plan.objective!, 6);
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
