import { describe, expect, it } from 'vitest';
import { mergeIdenticalDemands } from '../src/formulate/presolve.js';
import { verifyPlan } from '../src/plan/verify.js';
import { solve } from '../src/solve/solve.js';
import { demand, site, tiny } from './fixtures.js';

describe('presolve merges identical demands and splits the plan back', () => {
  const sc = tiny({
    horizonHours: 2,
    sites: [site('A', 114.86, 40.82, { capacity: { general: [10, 4] } }), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 } })],
    demands: [
      demand('a', { amount: [6, 2] }),
      demand('b', { amount: [9, 0] }),
      demand('c', { amount: [1, 1], maxLatencyMs: 8 }), // different limit: not merged
      demand('w1', { amount: 10, window: { release: 0, deadline: 2 } }),
      demand('w2', { amount: 30, window: { release: 0, deadline: 2 } }),
      demand('w3', { amount: 5, window: { release: 0, deadline: 2, maxPerHour: 4 } }), // capped: not merged
    ],
    prices: { carbonPerTonne: 0, unmetPenalty: 2.2, transferPerGB: 0 },
  });

  it('merges only demands identical in origin, class, limit, sites, data and window', () => {
    const pre = mergeIdenticalDemands(sc);
    expect(pre.merged).toBe(2);
    expect([...pre.groups.keys()]).toEqual(['a', 'w1']);
    expect(pre.scenario.demands.map((d) => d.id)).toEqual(['a', 'c', 'w1', 'w3']);
    expect(pre.scenario.demands[0]!.amount).toEqual([15, 2]);
    expect(pre.scenario.demands[2]!.amount).toBe(40);
  });

  it('the split plan verifies against the original scenario and keeps the optimum', async () => {
    for (const backend of ['glpk', 'flow'] as const) {
      const p = await solve(sc, { backend });
      expect(p.presolve).toEqual({ demands: 6, solved: 4, merged: 2 });
      expect(verifyPlan(sc, p).violations).toEqual([]);
      // Every original demand appears, served or unmet; no merged id leaks out.
      expect(new Set([...p.assignments, ...p.unmet].map((a) => a.demand))).toEqual(new Set(['a', 'b', 'c', 'w1', 'w2', 'w3']));
      expect(p.unmet.some((u) => u.demand === 'w2')).toBe(true);
      // The same scenario with distinct latency limits cannot merge: same optimum.
      const distinct = { ...sc, demands: sc.demands.map((d, i) => ({ ...d, maxLatencyMs: 10 + i * 1e-3 })) };
      const q = await solve(distinct, { backend });
      expect(q.presolve.merged).toBe(0);
      expect(p.objective).toBeCloseTo(q.objective!, 9);
    }
  });
});
