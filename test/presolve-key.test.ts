/**
 * The presolve merges two demands exactly when (origin, class, maxLatencyMs, sorted allowedSites,
 * dataGBPerUnit, window, replicas) are equal: checked against a reference grouping by the JSON of
 * that tuple on seeded demands with ids and origins that contain separators and quotes.
 */
import { describe, expect, it } from 'vitest';
import { mergeIdenticalDemands } from '../src/formulate/presolve.js';
import type { Demand, Scenario } from '../src/scenario/types.js';
import { mulberry32 } from '../src/util/prng.js';

describe('presolve merge key', () => {
  it('groups like the JSON tuple on 2,000 seeded demands', () => {
    const r = mulberry32(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const origins = ['o', 'o|1', 'o"|', 'o,1', '|', 'o\\', 'a|b|c'];
    const sites = ['s1', 's|2', 's"3'];
    const demands: Demand[] = Array.from({ length: 2000 }, (_, i): Demand => {
      const d: Record<string, unknown> = { id: `d${i}`, origin: pick(origins), class: pick(['general', 'intelligent'] as const), amount: 1 + (i % 3), maxLatencyMs: pick([10, 10.5, 100]) };
      if (r() < 0.5) d.dataGBPerUnit = pick([0, 1, 2.5]);
      if (r() < 0.3) d.allowedSites = r() < 0.5 ? [pick(sites), pick(sites)] : [...sites].sort(() => r() - 0.5);
      if (r() < 0.2) d.window = pick([{ release: 0, deadline: 2 }, { release: 1, deadline: 2 }, { release: 0, deadline: 12 }]);
      if (r() < 0.2) Object.assign(d, pick([{ replicas: 1 }, { replicas: 2 }, { replicas: 2, replicaScope: 'site' }, { replicas: 2, replicaScope: 'hub' }]));
      return d as unknown as Demand;
    });
    const sc = { horizonHours: 2, demands } as unknown as Scenario;
    const pre = mergeIdenticalDemands(sc);
    // Reference: the tuple's JSON (as the presolve keyed demands before).
    const ref = new Map<string, string[]>();
    for (const d of demands) {
      const k = d.replicas ?? 1;
      const key = JSON.stringify([d.origin, d.class, d.maxLatencyMs, d.allowedSites ? [...d.allowedSites].sort() : null, d.dataGBPerUnit ?? 0, d.window ? [d.window.release, d.window.deadline] : null, k > 1 ? [k, d.replicaScope ?? 'hub'] : null]);
      ref.set(key, [...(ref.get(key) ?? []), d.id]);
    }
    const expected = [...ref.values()].filter((g) => g.length > 1).map((g) => g.join(',')).sort();
    const got = [...pre.groups.values()].map((g) => g.map((d) => d.id).join(',')).sort();
    expect(got).toEqual(expected);
    expect(pre.merged).toBe(demands.length - ref.size);
    expect(got.length).toBeGreaterThan(50);
  });
});
