import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/safety/iis.js';
import { groupedModel, type GroupedModel } from '../src/safety/iis-groups.js';
import { lpFeasible } from '../src/safety/iis-lp.js';
import { solve } from '../src/solve/solve.js';
import { OptionsError } from '../src/errors.js';
import type { Scenario } from '../src/scenario/types.js';
import type { Explanation } from '../src/safety/iis-types.js';
import { demand, site, tiny } from './fixtures.js';

/** The groups of `gm` that an explained rule names (kind, demand, site, class). */
function groupsOf(sc: Scenario, gm: GroupedModel, e: Explanation): Set<number> {
  const out = new Set<number>();
  for (const r of e.rules) {
    const i = gm.groups.findIndex(
      (g) =>
        g.kind === r.kind &&
        (r.demand === undefined || sc.demands[g.demand!]?.id === r.demand) &&
        (r.site === undefined || sc.sites[g.site!]?.id === r.site) &&
        (r.kind !== 'capacity' || g.cls === r.class),
    );
    expect(i).toBeGreaterThanOrEqual(0);
    out.add(i);
  }
  return out;
}

/** Irreducible by re-solving the LP: the set is infeasible and every set with one rule less is feasible. */
async function expectIrreducible(sc: Scenario, e: Explanation): Promise<void> {
  const gm = await groupedModel(sc);
  const set = groupsOf(sc, gm, e);
  const far = performance.now() + 60_000;
  expect(await lpFeasible(gm, set, far)).toBe(false);
  for (const g of set) {
    const less = new Set(set);
    less.delete(g);
    expect(await lpFeasible(gm, less, far)).toBe(true);
  }
}

describe('explain: irreducible infeasible sets of rules', () => {
  it('a network model: the min cut, in words and data (hand-checked)', async () => {
    // "big" (200 units, ≤ 10 ms) reaches A (10) and B (100); C (1000) is 15 ms away.
    const sc = tiny({ demands: [demand('big', { amount: 200 }), demand('ok', { amount: 1, maxLatencyMs: 20 })], policy: { allowUnmet: false } });
    const e = await explain(sc);
    expect(e).toMatchObject({ feasible: false, method: 'min-cut', irreducible: true, partial: false });
    expect(e.rules.map((r) => [r.kind, r.demand ?? r.site])).toEqual([
      ['demand', 'big'],
      ['capacity', 'A'],
      ['capacity', 'B'],
      ['latency', 'big'],
    ]);
    expect(e.cut).toEqual({ need: 200, offer: 110, shortfall: 90 });
    expect(e.summary).toBe('demand big (Beijing, general, ≤ 10 ms) needs 200 unit-h in hour 0; the sites within 10 ms (A and B) offer 110, 90 short');
    await expectIrreducible(sc, e);
  });

  it('a carbon cap against hard demand: elastic then deletion filter', async () => {
    const sc = tiny({ demands: [demand('d1', { amount: 10 })], policy: { allowUnmet: false, carbonCapTonnes: 0.001 } });
    const e = await explain(sc);
    expect(e).toMatchObject({ feasible: false, method: 'elastic-deletion', irreducible: true });
    expect(e.rules.map((r) => r.kind).sort()).toEqual(['carbonCap', 'demand']);
    expect(e.summary).toContain('policy.carbonCapTonnes: at most 0.001 t CO2');
    await expectIrreducible(sc, e);
  });

  it('a window with maxPerHour: 30 unit-hours in 2 hours at most 10 an hour', async () => {
    const sc = tiny({ horizonHours: 2, sites: [site('A', 114.86, 40.82, { capacity: { general: 100 } })], demands: [demand('w', { amount: 30, window: { release: 0, deadline: 2, maxPerHour: 10 } })], policy: { allowUnmet: false } });
    const e = await explain(sc);
    expect(e.rules.map((r) => r.kind)).toEqual(['demand', 'maxPerHour']);
    expect(e.cut).toEqual({ need: 30, offer: 20, shortfall: 10 });
    await expectIrreducible(sc, e);
  });

  it('nothing to explain: unmet allowed, or every rule can hold', async () => {
    expect((await explain(tiny({ demands: [demand('big', { amount: 200 })] }))).feasible).toBe(true);
    const e = await explain(tiny({ policy: { allowUnmet: false } }));
    expect(e).toMatchObject({ feasible: true, rules: [] });
  });

  it('a time limit flags the result partial', async () => {
    const sc = tiny({ demands: [demand('d1', { amount: 10 })], policy: { allowUnmet: false, carbonCapTonnes: 0.001 } });
    const e = await explain(sc, { timeLimitSeconds: 1e-6 });
    expect(e).toMatchObject({ partial: true, irreducible: false });
  });

  it('bad options name the option', async () => {
    await expect(explain(tiny(), { timeLimitSeconds: -1 })).rejects.toThrow(OptionsError);
    await expect(explain(tiny(), { timelimit: 3 } as never)).rejects.toThrow(/timelimit/);
  });

  it('property: on random small scenarios, explain agrees with solve and its set is irreducible', async () => {
    const arb = fc.record({
      caps: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 3, maxLength: 3 }),
      amounts: fc.array(fc.tuple(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 25 })), { minLength: 1, maxLength: 3 }),
      lat: fc.array(fc.constantFrom(5, 10, 20), { minLength: 3, maxLength: 3 }),
      cap: fc.option(fc.double({ min: 0.001, max: 0.05, noNaN: true }), { nil: undefined }),
      share: fc.option(fc.double({ min: 0.1, max: 0.9, noNaN: true }), { nil: undefined }),
    });
    const seen = { infeasible: 0, lp: 0 };
    await fc.assert(
      fc.asyncProperty(arb, async (a) => {
        const base = tiny();
        const sc: Scenario = {
          ...base,
          horizonHours: 2,
          sites: base.sites.map((s, i) => ({ ...s, capacity: { general: a.caps[i]! }, ...(i === 1 && a.share !== undefined ? { minGreenShare: a.share, greenSupplyMW: 0.005 } : {}) })),
          demands: a.amounts.map(([x, y], i) => demand(`d${i}`, { amount: [x, y], maxLatencyMs: a.lat[i]! })),
          policy: { allowUnmet: false, ...(a.cap !== undefined ? { carbonCapTonnes: a.cap } : {}) },
        };
        // Only scenarios every demand of which some site can serve (validation refuses the others).
        let plan;
        try {
          plan = await solve(sc, { backend: 'glpk' });
        } catch {
          return;
        }
        const e = await explain(sc);
        expect(e.feasible).toBe(plan.status !== 'infeasible');
        if (!e.feasible) {
          seen.infeasible++;
          if (e.method === 'elastic-deletion') seen.lp++;
          expect(e.irreducible).toBe(true);
          await expectIrreducible(sc, e);
        }
      }),
      { numRuns: 40, seed: 16 },
    );
    // The property must have met infeasible cases of both kinds.
    expect(seen.infeasible).toBeGreaterThanOrEqual(8);
    expect(seen.lp).toBeGreaterThanOrEqual(3);
  });
});
