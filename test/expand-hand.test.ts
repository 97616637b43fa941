import { describe, expect, it } from 'vitest';
import { expand, expandedScenario } from '../src/safety/expansion.js';
import { verifyPlan } from '../src/plan/verify.js';
import { verifyExpansion } from '../src/plan/verify-expansion.js';
import { scenarioIssues } from '../src/scenario/validate.js';
import { generateScenario } from '../src/bench/generate.js';
import type { Expansion, Scenario } from '../src/scenario/types.js';
import { demand, tiny } from './fixtures.js';

// d1 (30 units at scale 1) reaches A (10 units, 1.5 CNY each) and B (100 units, 2.5 CNY each).
// A module at A adds 5 units for `fixedCost`; each unit moved from B to A saves 1 CNY.
const withExpansion = (e: Expansion): Scenario => tiny({ demands: [demand('d1', { amount: 30 })], expansion: e });
const half = (lo: number, hi: number) => [
  { name: 'low', probability: 0.5, demandScale: lo },
  { name: 'high', probability: 0.5, demandScale: hi },
];

async function expectPlansVerify(sc: Scenario, r: Awaited<ReturnType<typeof expand>>) {
  for (const s of r.scenarios) expect(verifyPlan(expandedScenario(sc, r, s.name), s.plan!).violations).toEqual([]);
  expect(verifyExpansion(sc, r)).toEqual([]);
}

describe('expand: hand-checked two-stage expansions', () => {
  it('build for the spread, not the mean: n = 1, objective 63, VSS 1.5', async () => {
    // low 15, high 45. Module 1 saves 5 in each scenario (5 > 3); module 2 saves 2.5 (< 3).
    // Build 3 + low 15 × 1.5 + high (15 × 1.5 + 30 × 2.5) / 2 … = 3 + (22.5 + 97.5) / 2 = 63.
    // The mean (30) builds 4 modules: 12 + (22.5 + 30 × 1.5 + 15 × 2.5) / 2 = 64.5, so VSS = 1.5.
    const sc = withExpansion({ candidates: [{ site: 'A', class: 'general', moduleCapacity: 5, fixedCost: 3, maxModules: 10 }], scenarios: half(0.5, 1.5) });
    const r = await expand(sc, { includePlans: true });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(63, 9);
    expect(r.modules).toEqual([expect.objectContaining({ site: 'A', class: 'general', count: 1, capacity: 5, cost: 3 })]);
    expect(r.scenarios.map((s) => [s.name, s.objective])).toEqual([
      ['low', 22.5],
      ['high', 97.5],
    ]);
    expect(r.vss?.meanModules).toEqual([{ candidate: 0, count: 4 }]);
    expect(r.vss?.expectedCostOfMeanBuild).toBeCloseTo(64.5, 9);
    expect(r.vss?.value).toBeCloseTo(1.5, 9);
    expect(r.gap).toBeLessThanOrEqual(1e-6);
    await expectPlansVerify(sc, r);
    // The independent check catches a wrong objective, a count outside its range, a broken budget.
    expect(verifyExpansion(sc, { ...r, objective: r.objective! + 1 }).map((v) => v.rule)).toEqual(['objective']);
    expect(verifyExpansion(sc, { ...r, modules: [{ ...r.modules[0]!, count: 11 }] }).map((v) => v.rule)).toContain('modules');
    expect(verifyExpansion({ ...sc, expansion: { ...sc.expansion!, budget: 2 } }, r).map((v) => v.rule)).toEqual(['budget']);
  });

  it('utilization of the expanded pool ≥ 65% in expectation: 7 modules become 1', async () => {
    // low 5, high 45, fixedCost 2: without the rule 7 modules (each saves 2.5 > 2): 14 + (7.5 + 67.5)/2 = 51.5.
    // With it, A's expected load (5 + (10 + 5n)) / 2 ≥ 0.65 · (10 + 5n) ⇒ n ≤ 1.33, so n = 1:
    // 2 + (7.5 + 15 × 1.5 + 30 × 2.5) / 2 = 54.5 (n = 0 costs 55).
    const e = { candidates: [{ site: 'A', class: 'general' as const, moduleCapacity: 5, fixedCost: 2, maxModules: 10 }], scenarios: [
      { name: 'low', probability: 0.5, demandScale: 5 / 30 },
      { name: 'high', probability: 0.5, demandScale: 1.5 },
    ] };
    const free = await expand(withExpansion(e), { vss: false });
    expect(free.modules[0]?.count).toBe(7);
    expect(free.objective).toBeCloseTo(51.5, 9);
    const sc = withExpansion({ ...e, policy: { minBuiltUtilization: 0.65 } });
    const r = await expand(sc, { vss: false, includePlans: true });
    // Built for the free optimum, the rule would be broken: the independent check says so.
    const freePlans = await expand(withExpansion(e), { vss: false, includePlans: true });
    expect(verifyExpansion(sc, freePlans).map((v) => v.rule)).toEqual(['utilization']);
    expect(r.modules[0]?.count).toBe(1);
    expect(r.objective).toBeCloseTo(54.5, 9);
    await expectPlansVerify(sc, r);
  });

  it('a budget and a PUE limit for new modules', async () => {
    const e = { candidates: [{ site: 'A', class: 'general' as const, moduleCapacity: 5, fixedCost: 2, maxModules: 10 }], scenarios: half(5 / 30, 1.5) };
    const b = await expand(withExpansion({ ...e, budget: 6 }), { vss: false });
    expect(b.modules[0]?.count).toBe(3);
    expect(b.buildCost).toBe(6);
    // A is in the east: a module of PUE 1.3 is above east's 1.25 and is not built.
    const p = await expand(withExpansion({ ...e, candidates: [{ ...e.candidates[0]!, pue: 1.3 }], policy: { maxNewPue: { east: 1.25 } } }), { vss: false });
    expect(p.modules).toEqual([]);
    expect(p.excluded).toEqual([{ candidate: 0, reason: 'PUE 1.3 is above policy.maxNewPue.east = 1.25' }]);
  });

  it('a scenario with its own demands, and a class the site does not offer yet', async () => {
    const sc = withExpansion({
      candidates: [{ site: 'A', class: 'intelligent', moduleCapacity: 4, fixedCost: 1, maxModules: 3, powerKW: 2, unitCost: 1 }],
      scenarios: [
        { name: 'as-is', probability: 0.25, demandScale: 1 },
        { name: 'ai', probability: 0.75, demands: [demand('ai', { class: 'intelligent', amount: 10 })] },
      ],
      policy: {},
    });
    const r = await expand({ ...sc, prices: { ...sc.prices, unmetPenalty: 100 } }, { includePlans: true });
    expect(r.status).toBe('optimal');
    // 10 AI units: 3 modules give 12 units, 10 used at 1 + 2 kWh × 0.5 = 2 CNY each; without, 100 each unmet.
    expect(r.modules[0]?.count).toBe(3);
    expect(r.scenarios[1]!.objective).toBeCloseTo(20, 9);
    await expectPlansVerify(sc, r);
  });

  it('a time limit that ends the search is a status, with the gap when there is a plan', async () => {
    const base = generateScenario({ demands: 60, sites: 8, hours: 6, seed: 3 });
    const sc: Scenario = {
      ...base,
      expansion: {
        candidates: base.sites.flatMap((s) => (['general', 'intelligent', 'super'] as const).filter((c) => s.capacity[c] !== undefined).map((c) => ({ site: s.id, class: c, moduleCapacity: 3, fixedCost: 5, maxModules: 9 }))),
        scenarios: half(0.8, 1.6),
      },
    };
    expect(scenarioIssues(sc)).toEqual([]);
    const r = await expand(sc, { timeLimitSeconds: 0.01, vss: false });
    expect(r.status).toBe('time_limit');
    if (r.objective !== null) expect(r.gap).toBeGreaterThanOrEqual(0);
    expect(r.message).toContain('time limit');
  });
});
