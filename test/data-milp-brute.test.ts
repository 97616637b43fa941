import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import { solve } from '../src/solve/solve.js';
import type { Demand, Scenario } from '../src/scenario/types.js';

/** Three sites in three hubs, all within reach of one origin; 1 kW per unit, energy and carbon free. */
function instance(p: { costs: number[]; caps: number[]; sizes: number[]; at: number[]; reserve: number; load: number; minRep: number; kinds: number[]; amounts: number[] }): Scenario {
  const sites = p.costs.map((c, i) => ({
    id: `S${i}`,
    name: `S${i}`,
    hub: `H${i}`,
    region: 'west' as const,
    lon: 105 + i,
    lat: 35,
    pue: 1,
    capacity: { intelligent: p.caps[i]! },
    powerKW: { intelligent: 1 },
    electricityPrice: 0,
    gridCarbon: 0,
    unitCost: { intelligent: c },
  }));
  const demands: Demand[] = p.kinds.map((kind, i) => {
    const base = { id: `d${i}`, origin: 'o', class: 'intelligent' as const, amount: p.amounts[i]!, maxLatencyMs: 1000 };
    if (kind < p.sizes.length) return { ...base, dataset: `k${kind}`, window: { release: 0, deadline: 2 } };
    if (kind === p.sizes.length) return { ...base, model: 'm' };
    return base;
  });
  return {
    version: 1,
    horizonHours: 2,
    sites,
    origins: [{ id: 'o', name: 'o', province: 'x', lon: 106, lat: 35 }],
    demands,
    datasets: p.sizes.map((sizeGB, k) => ({ id: `k${k}`, sizeGB, at: [`S${p.at[k]!}`] })),
    models: [{ id: 'm', reserveUnits: p.reserve, loadCost: p.load, minReplicas: p.minRep }],
    prices: { carbonPerTonne: 0, unmetPenalty: 40, transferPerGB: 0.1 },
  };
}

/** Every subset of `n` items as bit masks. */
const subsets = (n: number) => Array.from({ length: 1 << n }, (_, m) => m);
const members = (mask: number, n: number) => Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i));

/** The least cost over every copy and replica choice, each an LP without choices (solved by glpk). */
async function bruteForce(sc: Scenario): Promise<number> {
  const nS = sc.sites.length;
  const ks = sc.datasets!;
  const model = sc.models![0]!;
  let best = Infinity;
  const copyChoices = ks.map(() => subsets(nS));
  const combos: number[][] = [[]];
  for (const c of copyChoices) combos.splice(0, combos.length, ...combos.flatMap((prefix) => c.map((m) => [...prefix, m])));
  for (const copyMasks of combos) {
    for (const repMask of subsets(nS)) {
      const reps = members(repMask, nS);
      if (reps.length < (model.minReplicas ?? 0)) continue;
      let fixedCost = reps.length * model.loadCost;
      const copied = ks.map((k, i) => members(copyMasks[i]!, nS).map((s) => `S${s}`).filter((s) => !k.at.includes(s)));
      ks.forEach((k, i) => (fixedCost += copied[i]!.length * k.sizeGB * 0.1));
      const demands: Demand[] = [];
      for (const d of sc.demands) {
        const { dataset, model: m, ...plain } = d;
        const allowed = dataset !== undefined ? [...ks.find((k) => k.id === dataset)!.at, ...copied[Number(dataset.slice(1))]!] : m !== undefined ? reps.map((s) => `S${s}`) : undefined;
        if (allowed && allowed.length === 0) {
          fixedCost += 40 * (d.window ? (d.amount as number) : 2 * (d.amount as number));
          continue;
        }
        demands.push(allowed ? { ...plain, allowedSites: allowed } : plain);
      }
      const sites = sc.sites.map((s, i) => (reps.includes(i) ? { ...s, capacity: { intelligent: (s.capacity.intelligent as number) - model.reserveUnits } } : s));
      const { datasets: _k, models: _m, ...rest } = sc;
      const lp = demands.length === 0 ? 0 : (await solve({ ...rest, sites, demands }, { backend: 'glpk' })).objective!;
      best = Math.min(best, lp + fixedCost);
    }
  }
  return best;
}

describe('copy and replica MILP = brute-force enumeration', () => {
  it('on small random instances (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          costs: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 3, maxLength: 3 }),
          caps: fc.array(fc.integer({ min: 20, max: 80 }), { minLength: 3, maxLength: 3 }),
          sizes: fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 2 }),
          at: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 2 }),
          reserve: fc.integer({ min: 0, max: 10 }),
          load: fc.integer({ min: 0, max: 150 }),
          minRep: fc.integer({ min: 0, max: 1 }),
          kinds: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 3 }),
          amounts: fc.array(fc.integer({ min: 5, max: 60 }), { minLength: 3, maxLength: 3 }),
        }),
        async (p) => {
          const sc = instance(p);
          const plan = await solve(sc, { gapTolerance: 0 });
          expect(plan.status).toBe('optimal');
          expect(verifyPlan(sc, plan).violations).toEqual([]);
          const best = await bruteForce(sc);
          expect(Math.abs(plan.objective! - best)).toBeLessThanOrEqual(1e-6 * Math.max(1, best));
        },
      ),
      { numRuns: 12, seed: 13 },
    );
  }, 120_000);
});
