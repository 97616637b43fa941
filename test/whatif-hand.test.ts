import { describe, expect, it } from 'vitest';
import { whatIf } from '../src/safety/whatif.js';
import { outageScenario } from '../src/safety/whatif-cases.js';
import { verifyPlan } from '../src/plan/verify.js';
import { OptionsError } from '../src/errors.js';
import { demand, tiny } from './fixtures.js';

// Two hours. d1 (15 then 5 units) reaches A (10 units, 1.5 CNY each) and B (100 units, 2.5 CNY);
// d2 (3 units) may run only at A; C is out of reach. Unmet work costs 100 CNY a unit.
//   base:      h0 A 10 + B 8, h1 A 8                            → 15 + 20 + 12 = 47 CNY, no unmet
//   A out:     d1 all at B (20 units), d2 unmet 3 + 3            → 50 + 600 = 650, unmet 6
//   B out:     h0 A 10 of 18, 8 unmet; h1 A 8                    → 15 + 800 + 12 = 827, unmet 8
//   C out:     nothing changes
const sc = tiny({
  horizonHours: 2,
  demands: [demand('d1', { amount: [15, 5] }), demand('d2', { amount: 3, allowedSites: ['A'] })],
});

describe('whatIf: an outage leaves exactly the unmet work worked out by hand', () => {
  it.each(['auto', 'glpk'] as const)('each site, backend %s: ranking, unmet, extra cost, absorbers', async (backend) => {
    const r = await whatIf(sc, { outage: 'each-site', backend, workers: 1, includePlans: true });
    expect(r.base.status).toBe('optimal');
    expect(r.base.objective).toBeCloseTo(47, 6);
    expect(r.base.unmet?.total).toBeCloseTo(0, 9);
    expect(r.cases.map((c) => c.outage)).toEqual([['B'], ['A'], ['C']]);
    expect(r.cases.map((c) => c.rank)).toEqual([1, 2, 3]);
    const [b, a, c] = r.cases;
    expect(b!.unmet!.total).toBeCloseTo(8, 6);
    expect(b!.unmet!.byClass.general).toBeCloseTo(8, 6);
    expect(b!.unmet!.penalty).toBeCloseTo(800, 6);
    expect(b!.extraCost).toBeCloseTo(780, 6);
    expect(b!.absorbedBy).toEqual([]);
    expect(a!.unmet!.total).toBeCloseTo(6, 6);
    expect(a!.extraUnmet!.general).toBeCloseTo(6, 6);
    expect(a!.extraCost).toBeCloseTo(603, 6);
    expect(a!.absorbedBy).toHaveLength(1);
    expect(a!.absorbedBy[0]).toMatchObject({ site: 'B' });
    expect(a!.absorbedBy[0]!.amount).toBeCloseTo(12, 6);
    // The unmet work of A's outage is exactly d2 in both hours.
    expect(a!.plan!.unmet.filter((u) => u.amount > 1e-9).map((u) => [u.demand, u.hour, u.amount])).toEqual([
      ['d2', 0, 3],
      ['d2', 1, 3],
    ]);
    expect(c!.extraCost).toBeCloseTo(0, 9);
    expect(c!.absorbedBy).toEqual([]);
    // Carbon: 0.5 kg/kWh × 1 kWh per unit; A's outage moves 12 more units to B and leaves 6 unmet.
    expect(a!.extraCarbon!.locationTonnes).toBeCloseTo(-6 * 0.0005, 9);
    for (const k of r.cases) expect(verifyPlan(outageScenario(sc, k.outage), k.plan!).violations).toEqual([]);
    expect(verifyPlan(sc, r.basePlan!).ok).toBe(true);
  });

  it('network cases are warm sweeps; glpk cases are full solves', async () => {
    expect((await whatIf(sc, { outage: 'each-site', workers: 1 })).warm).toMatch(/^network/);
    expect((await whatIf(sc, { outage: 'each-site', workers: 1, backend: 'glpk' })).warm).toMatch(/^cold/);
  });

  it('each hub takes all of a hub\'s sites out at once; given sets likewise', async () => {
    const hubbed = { ...sc, sites: sc.sites.map((s) => (s.id === 'C' ? s : { ...s, hub: 'north' })) };
    const r = await whatIf(hubbed, { outage: 'each-hub', workers: 1, includePlans: true });
    expect(r.cases.map((c) => [c.hub, c.outage])).toEqual([
      ['north', ['A', 'B']],
      ['hub-C', ['C']],
    ]);
    // Everything is unmet when A and B are both out: 15 + 5 + 3 + 3 = 26 units.
    expect(r.cases[0]!.unmet!.total).toBeCloseTo(26, 6);
    const g = await whatIf(sc, { outage: [['A', 'B']], workers: 1, includePlans: true });
    expect(g.cases[0]!.unmet!.total).toBeCloseTo(26, 6);
    expect(verifyPlan(outageScenario(sc, ['A', 'B']), g.cases[0]!.plan!).ok).toBe(true);
  });

  it('with hard demand an outage that strands work is infeasible and ranks first', async () => {
    const hard = { ...sc, policy: { allowUnmet: false } };
    const r = await whatIf(hard, { outage: 'each-site', workers: 1, includePlans: true });
    expect(r.base.status).toBe('optimal');
    expect(r.cases.slice(0, 2).map((c) => c.status)).toEqual(['infeasible', 'infeasible']);
    expect(r.cases[2]).toMatchObject({ outage: ['C'], status: 'optimal' });
    expect(r.cases[0]!.extraCost).toBeNull();
    for (const k of r.cases) expect(verifyPlan(outageScenario(hard, k.outage), k.plan!).ok).toBe(true);
  });

  it('progress is reported once for the base and once per case', async () => {
    const seen: number[] = [];
    await whatIf(sc, { outage: 'each-site', workers: 1, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('an aborted signal gives aborted cases, not a throw', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await whatIf(sc, { outage: 'each-site', workers: 1, signal: ac.signal });
    expect(r.base.status).toBe('aborted');
    expect(r.cases.every((c) => c.status === 'aborted')).toBe(true);
  });
});

describe('whatIf: bad input names the path', () => {
  const err = async (o: unknown) => {
    try {
      await whatIf(sc, o as never);
    } catch (e) {
      expect(e).toBeInstanceOf(OptionsError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  it('unknown sites, empty and repeated sets, wrong spec, unknown options, bad workers', async () => {
    expect(await err({ outage: [['A'], ['A', 'Z']] })).toMatch(/outage\[1\]\[1\].*no site "Z"/);
    expect(await err({ outage: [[]] })).toMatch(/outage\[0\].*non-empty/);
    expect(await err({ outage: [['A', 'A']] })).toMatch(/outage\[0\]\[1\].*twice/);
    expect(await err({ outage: 'each-cluster' })).toMatch(/outage.*each-site/);
    expect(await err({ outage: 'each-site', wokers: 2 })).toMatch(/wokers/);
    expect(await err({ outage: 'each-site', workers: 0 })).toMatch(/workers/);
    expect(await err({})).toMatch(/outage/);
    expect(await err({ outage: [['A', 'B'], ['B', 'A']] })).toMatch(/outage\[1\].*same set/);
  });
});
