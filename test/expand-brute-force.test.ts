import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expand } from '../src/safety/expansion.js';
import { scaledDemand, withModules } from '../src/safety/expansion-model.js';
import { solve } from '../src/solve/solve.js';
import { verifyExpansion } from '../src/plan/verify-expansion.js';
import type { ExpansionCandidate, Scenario } from '../src/scenario/types.js';
import { demand, tiny } from './fixtures.js';

/** Least Σ fixedCost · n + Σ_k p_k · solve(scenario k with n built).objective over every n (budget-feasible). */
async function bruteForce(sc: Scenario, cands: readonly ExpansionCandidate[], cases: readonly { p: number; scale: number }[], budget: number | undefined): Promise<number> {
  const { expansion: _e, ...base } = sc;
  let best = Infinity;
  const n = cands.map(() => 0);
  const visit = async (i: number): Promise<void> => {
    if (i === cands.length) {
      const build = cands.reduce((a, c, j) => a + c.fixedCost * n[j]!, 0);
      if (budget !== undefined && build > budget + 1e-9) return;
      let total = build;
      for (const k of cases) {
        const op = withModules({ ...base, demands: base.demands.map((d) => scaledDemand(d, k.scale)) }, cands, n);
        const p = await solve(op, { backend: 'glpk' });
        expect(p.status).toBe('optimal');
        total += k.p * p.objective!;
      }
      best = Math.min(best, total);
      return;
    }
    for (let v = 0; v <= cands[i]!.maxModules; v++) {
      n[i] = v;
      await visit(i + 1);
    }
  };
  await visit(0);
  return best;
}

describe('expand: the MILP optimum equals brute-force enumeration', () => {
  it('property: random small instances (2 candidates, 2–3 scenarios, optional budget)', async () => {
    const arb = fc.record({
      amounts: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 2 }),
      cands: fc.array(
        fc.record({ site: fc.constantFrom('A', 'B'), moduleCapacity: fc.integer({ min: 1, max: 12 }), fixedCost: fc.integer({ min: 0, max: 20 }), maxModules: fc.integer({ min: 0, max: 3 }) }),
        { minLength: 1, maxLength: 2 },
      ),
      scales: fc.array(fc.tuple(fc.integer({ min: 1, max: 10 }), fc.double({ min: 0.2, max: 2.5, noNaN: true })), { minLength: 2, maxLength: 3 }),
      budget: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async (a) => {
        const w = a.scales.reduce((s, [x]) => s + x, 0);
        const cases = a.scales.map(([x, scale]) => ({ p: x / w, scale }));
        // Probabilities that sum to 1 exactly enough: the last one takes the rest.
        const ps = cases.map((c) => c.p);
        ps[ps.length - 1] = 1 - ps.slice(0, -1).reduce((s, x) => s + x, 0);
        const cands: ExpansionCandidate[] = a.cands.map((c) => ({ ...c, class: 'general' }));
        const sc = tiny({
          demands: a.amounts.map((x, i) => demand(`d${i}`, { amount: x })),
          expansion: { candidates: cands, scenarios: cases.map((c, i) => ({ name: `k${i}`, probability: ps[i]!, demandScale: c.scale })), ...(a.budget !== undefined ? { budget: a.budget } : {}) },
        });
        const r = await expand(sc, { vss: false, includePlans: true });
        expect(r.status).toBe('optimal');
        expect(verifyExpansion(sc, r)).toEqual([]);
        const best = await bruteForce(sc, cands, cases.map((c, i) => ({ p: ps[i]!, scale: c.scale })), a.budget);
        expect(Math.abs(r.objective! - best)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(best)));
      }),
      { numRuns: 25, seed: 4 },
    );
  });
});
