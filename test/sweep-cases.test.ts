// Case expansion: deterministic order, stable ids (FNV-1a 64 of the canonical params, checked
// against a BigInt reference), shards that partition the cases, and the case scenarios by hand,
// including an outage that strands a demand (its work unmet, never a validation error).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseAt, caseGrid, cases, caseScenario, shardSize } from '../src/sweep/cases.js';
import { runSweepCase } from '../src/sweep/case-run.js';
import { canonicalJson, caseId, fnv1a64 } from '../src/sweep/ids.js';
import { validateSweepSpec } from '../src/sweep/spec.js';
import { scenarios } from '../src/datasets/index.js';
import type { Scenario } from '../src/scenario/types.js';
import { validateScenario } from '../src/scenario/validate.js';

function fnvRef(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

describe('case ids and expansion', () => {
  it('FNV-1a 64 agrees with a BigInt reference', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => fnv1a64(s) === fnvRef(s)), { numRuns: 300 });
  });

  it('ids hash the params, whatever the key order', () => {
    expect(caseId({ carbonPrice: 100, outage: ['a'] })).toBe(caseId({ outage: ['a'], carbonPrice: 100 }));
    expect(caseId({ carbonPrice: 100 })).toBe(fnvRef(canonicalJson({ carbonPrice: 100 })));
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it('expands in axis order, the last axis fastest', () => {
    const spec = validateSweepSpec({ version: 1, base: 'eastDataWestComputing', axes: { backend: ['glpk', 'flow'], carbonPrice: [0, 10, 20] } });
    const grid = caseGrid(spec, scenarios.eastDataWestComputing);
    expect(grid.total).toBe(6);
    expect([...cases(grid)].map((c) => c.params)).toEqual([
      { carbonPrice: 0, backend: 'glpk' },
      { carbonPrice: 0, backend: 'flow' },
      { carbonPrice: 10, backend: 'glpk' },
      { carbonPrice: 10, backend: 'flow' },
      { carbonPrice: 20, backend: 'glpk' },
      { carbonPrice: 20, backend: 'flow' },
    ]);
  });

  it('shards partition the cases (property)', () => {
    const spec = validateSweepSpec({ version: 1, base: 'eastDataWestComputing', axes: { carbonPrice: [0, 1, 2, 3, 4, 5, 6], minGreenShare: [0, 0.5, 1] } });
    const grid = caseGrid(spec, scenarios.eastDataWestComputing);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (n) => {
        const all: number[] = [];
        for (let i = 0; i < n; i++) {
          const part = [...cases(grid, { index: i, count: n })];
          if (part.length !== shardSize(grid, { index: i, count: n })) return false;
          all.push(...part.map((c) => c.index));
        }
        return all.sort((a, b) => a - b).join() === [...Array(21).keys()].join();
      }),
    );
    expect(caseAt(grid, 20).params).toEqual({ carbonPrice: 6, minGreenShare: 1 });
  });

  it('case scenarios: demandScale on hourly values and windowed totals, per class; caps and shares; outages', () => {
    const base = scenarios.eastDataWestComputing;
    const sc = caseScenario(base, { carbonPrice: 7, demandScale: { intelligent: 2 }, carbonCap: 1000, minGreenShare: 0.3, outage: ['guian'] });
    expect(sc.prices.carbonPerTonne).toBe(7);
    expect([sc.policy?.carbonCapTonnes, sc.policy?.minGreenShare]).toEqual([1000, 0.3]);
    base.demands.forEach((d, i) => {
      const f = d.class === 'intelligent' ? 2 : 1;
      const got = sc.demands[i]!.amount;
      if (typeof d.amount === 'number') expect(got).toBe(d.amount * f);
      else expect(got).toEqual(d.amount.map((x) => x * f));
    });
    const g = sc.sites.find((s) => s.id === 'guian')!;
    for (const v of Object.values(g.capacity)) expect(typeof v === 'number' ? v : Math.max(...v)).toBe(0);
    expect(base.sites.find((s) => s.id === 'guian')!.capacity).not.toEqual(g.capacity);
  });
});

describe('an outage that strands a demand', () => {
  // Two far-apart sites; demand d-west reaches only site w. Site w down: d-west has no site left.
  const site = (id: string, lon: number, lat: number) => ({ id, name: id, hub: id, region: 'west' as const, lon, lat, pue: 1.2, capacity: { general: 100 }, powerKW: { general: 1 }, electricityPrice: 0.5, gridCarbon: 0.6, unitCost: { general: 2 } });
  const sc: Scenario = validateScenario({
    version: 1,
    name: 'two sites',
    horizonHours: 2,
    sites: [site('w', 100, 38), site('e', 120, 31)],
    origins: [
      { id: 'ow', name: 'ow', province: 'p', lon: 100, lat: 38 },
      { id: 'oe', name: 'oe', province: 'q', lon: 120, lat: 31 },
    ],
    demands: [
      { id: 'd-west', origin: 'ow', class: 'general', amount: [3, 4], maxLatencyMs: 5 },
      { id: 'd-east', origin: 'oe', class: 'general', amount: 5, maxLatencyMs: 5 },
    ],
    prices: { carbonPerTonne: 0, unmetPenalty: 1000, transferPerGB: 0 },
    policy: { carbonAccounting: 'location' },
  });

  it('runs, reports 7 unit-hours unmet at 1000 CNY each on top of the rest, verified', async () => {
    const base = await runSweepCase({ id: 'b', index: 0, params: {} }, { base: sc });
    const out = await runSweepCase({ id: 'x', index: 0, params: { outage: ['w'] } }, { base: sc });
    expect(base.status).toBe('optimal');
    expect([out.status, out.unmet, out.verified, out.costs?.unmet]).toEqual(['optimal', 7, true, 7000]);
    expect(out.message).toBe('1 demand (d-west) had no site left: 7 unit-hours stranded');
    // d-east alone: 5 units × 2 h at unit cost 2, plus its energy.
    expect(out.costs!.compute).toBeCloseTo(20, 9);
    expect(out.objective).toBeCloseTo(out.costs!.compute + out.costs!.energy + out.costs!.transfer + out.costs!.carbon + 7000, 6);
  });

  it('a seeds case is a rolling-horizon simulation, verified', async () => {
    const out = await runSweepCase({ id: 's', index: 0, params: { seed: 3 } }, { base: sc, simulate: { lookaheadHours: 2, demandError: 0.1 } });
    expect([out.status, out.verified, out.unmet]).toEqual(['optimal', true, 0]);
    expect(out.objective).toBeGreaterThan(0);
  });

  it('unknown options of the runners are rejected by name', async () => {
    const { runSweep } = await import('../src/sweep/run-sweep.js');
    const spec = validateSweepSpec({ version: 1, base: 'x', axes: { carbonPrice: [1] } });
    await expect(runSweep(spec, { out: '/nonexistent/x', base: sc, wrokers: 2 } as never)).rejects.toThrow(/wrokers/);
    await expect(runSweep(spec, { out: '/nonexistent/x', base: sc, workers: 2, caseFn: async () => ({}) as never })).rejects.toThrow('option workers: must be 1 with caseFn');
  });

  it('with hard demand (allowUnmet false) the case is infeasible, with the reason', async () => {
    const hard = { ...sc, policy: { ...sc.policy, allowUnmet: false } };
    const out = await runSweepCase({ id: 'x', index: 0, params: { outage: ['w'] } }, { base: hard });
    expect([out.status, out.objective, out.verified]).toEqual(['infeasible', null, false]);
    expect(out.message).toMatch(/^1 demand \(d-west\) had no site left; /);
  });
});
