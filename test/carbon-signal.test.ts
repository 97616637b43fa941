/**
 * Average vs marginal carbon (issue 14 item 3): validation of `marginalCarbon` and
 * `prices.carbonSignal`, the LP pricing and capping the chosen signal, the plan's marginal and
 * avoided tonnes (hand-computed), and the verifier catching wrong figures.
 */
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../src/plan/report.js';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarioIssues } from '../src/scenario/validate.js';
import type { Plan } from '../src/plan/types.js';
import type { Scenario } from '../src/scenario/types.js';
import { solve } from '../src/solve/solve.js';
import { simulate } from '../src/simulate/simulate.js';
import { site, tiny } from './fixtures.js';

/**
 * Beijing demand of 15 units (1 kWh each). A (nearest, 2.4 ms): cost 1.5, average 0.2, marginal 1.0,
 * capacity 10; B (6.2 ms): cost 2.5, average 0.6, marginal 0.3. At 5000 CNY/t the average signal
 * favours A (2.5 vs 5.5 per unit), the marginal one B (6.5 vs 4.0).
 */
function twoSignals(signal: 'average' | 'marginal', over: Partial<Scenario> = {}): Scenario {
  const base = tiny();
  return {
    ...base,
    sites: [
      site('A', 114.86, 40.82, { region: 'east', gridCarbon: 0.2, marginalCarbon: 1.0 }),
      site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, gridCarbon: 0.6, marginalCarbon: 0.3 }),
      site('C', 105.13, 37.32, { capacity: { general: 1000 }, unitCost: { general: 0.1 }, marginalCarbon: 0.5 }),
    ],
    prices: { ...base.prices, carbonPerTonne: 5000, carbonSignal: signal },
    ...over,
  };
}

const at = (p: Plan, s: string) => p.assignments.filter((a) => a.site === s).reduce((x, a) => x + a.amount, 0);

describe('validation of marginalCarbon and prices.carbonSignal', () => {
  const issues = (mutate: (sc: any) => void) => {
    const sc = structuredClone(twoSignals('average', { horizonHours: 3 })) as any;
    mutate(sc);
    return scenarioIssues(sc).map((i) => ({ path: i.path, rule: i.rule }));
  };
  it('the fixture is valid under both signals', () => {
    expect(issues(() => {})).toEqual([]);
    expect(issues((sc) => (sc.prices.carbonSignal = 'marginal'))).toEqual([]);
  });
  it('the marginal signal with a factor on some sites but not others names each site without one', () => {
    const got = issues((sc) => {
      sc.prices.carbonSignal = 'marginal';
      delete sc.sites[1].marginalCarbon;
      delete sc.sites[2].marginalCarbon;
    });
    expect(got).toEqual([
      { path: 'sites[1].marginalCarbon', rule: 'marginal-required' },
      { path: 'sites[2].marginalCarbon', rule: 'marginal-required' },
    ]);
    // Under the average signal a partial set of factors is fine (the plan's marginal figures are then null).
    expect(issues((sc) => delete sc.sites[1].marginalCarbon)).toEqual([]);
  });
  const cases: [string, (sc: any) => void, { path: string; rule: string }][] = [
    ['negative factor', (sc) => (sc.sites[0].marginalCarbon = -0.1), { path: 'sites[0].marginalCarbon', rule: 'range' }],
    ['negative hourly factor', (sc) => (sc.sites[0].marginalCarbon = [1, -1, 1]), { path: 'sites[0].marginalCarbon[1]', rule: 'range' }],
    // A NaN scalar matches neither branch of the hourly union (as for gridCarbon): a type issue.
    ['NaN factor', (sc) => (sc.sites[0].marginalCarbon = Number.NaN), { path: 'sites[0].marginalCarbon', rule: 'type' }],
    ['infinite hourly factor', (sc) => (sc.sites[0].marginalCarbon = [1, Infinity, 1]), { path: 'sites[0].marginalCarbon[1]', rule: 'finite-number' }],
    ['wrong per-hour length', (sc) => (sc.sites[1].marginalCarbon = [0.3, 0.3]), { path: 'sites[1].marginalCarbon', rule: 'hourly-length' }],
    ['unknown signal', (sc) => (sc.prices.carbonSignal = 'marginl'), { path: 'prices.carbonSignal', rule: 'enum' }],
    ['marginal with location accounting', (sc) => ((sc.prices.carbonSignal = 'marginal'), (sc.policy = { carbonAccounting: 'location' })), { path: 'prices.carbonSignal', rule: 'signal-accounting' }],
  ];
  for (const [name, mutate, expected] of cases) it(name, () => expect(issues(mutate)).toEqual([expected]));
  it('the error message says the rule', async () => {
    const sc = structuredClone(twoSignals('marginal')) as any;
    delete sc.sites[2].marginalCarbon;
    await expect(solve(sc)).rejects.toThrow(/sites\[2\]\.marginalCarbon.*prices\.carbonSignal is "marginal"/s);
  });
});

describe('the carbon price and cap use the chosen signal', () => {
  for (const backend of ['glpk', 'auto'] as const) {
    it(`average signal: A 10 + B 5, objective 52.5; marginal signal: B 15, objective 60 (${backend})`, async () => {
      const avg = await solve(twoSignals('average'), { backend });
      expect(avg.status).toBe('optimal');
      expect(at(avg, 'A')).toBeCloseTo(10, 9);
      expect(at(avg, 'B')).toBeCloseTo(5, 9);
      expect(avg.objective).toBeCloseTo(52.5, 9);
      expect(avg.costs!.carbon).toBeCloseTo(25, 9); // 5000 × (10 × 0.2 + 5 × 0.6) / 1000
      expect(avg.carbon).toMatchObject({ signal: 'average' });
      // Marginal tonnes (10 × 1.0 + 5 × 0.3) / 1000; reference: all 15 at A → 0.015.
      expect(avg.carbon!.marginalTonnes).toBeCloseTo(0.0115, 12);
      expect(avg.carbon!.avoidedTonnes).toBeCloseTo(0.0035, 12);

      const mar = await solve(twoSignals('marginal'), { backend });
      expect(mar.status).toBe('optimal');
      // auto: no green supply and no cap, so the network built straight from the scenario prices the signal.
      if (backend === 'auto') expect(mar.solver.backend).toBe('flow');
      expect(at(mar, 'B')).toBeCloseTo(15, 9);
      expect(mar.objective).toBeCloseTo(60, 9);
      expect(mar.costs!.carbon).toBeCloseTo(22.5, 9); // 5000 × 15 × 0.3 / 1000
      expect(mar.carbon).toMatchObject({ signal: 'marginal' });
      expect(mar.carbon!.marketTonnes).toBeCloseTo(0.009, 12); // average factors still reported
      expect(mar.carbon!.marginalTonnes).toBeCloseTo(0.0045, 12);
      expect(mar.carbon!.avoidedTonnes).toBeCloseTo(0.0105, 12);
      for (const [sc, p] of [[twoSignals('average'), avg], [twoSignals('marginal'), mar]] as const) expect(verifyPlan(sc, p).violations).toEqual([]);
    });
  }

  it('a carbon cap on the marginal signal: x_A · 1.0 + x_B · 0.3 ≤ 6 kg binds at x_A = 1.5/0.7', async () => {
    const sc = twoSignals('marginal', { prices: { carbonPerTonne: 0, unmetPenalty: 100, transferPerGB: 0, carbonSignal: 'marginal' }, policy: { carbonCapTonnes: 0.006 } });
    const p = await solve(sc);
    expect(p.status).toBe('optimal');
    expect(at(p, 'A')).toBeCloseTo(1.5 / 0.7, 7);
    expect(p.carbon!.marginalTonnes).toBeCloseTo(0.006, 10);
    expect(verifyPlan(sc, p).violations).toEqual([]);
    expect(formatPlan(sc, p)).toMatch(/policy: carbon cap [0-9.]+ t \(marginal\)/);
    // The verifier counts the cap on marginal tonnes: the average-signal plan breaks it.
    const avg = await solve(twoSignals('average', { prices: { carbonPerTonne: 0, unmetPenalty: 100, transferPerGB: 0 } }));
    expect(verifyPlan(sc, { ...avg, carbon: { ...avg.carbon!, signal: 'marginal' } }).violations.map((v) => v.rule)).toContain('carbon-cap');
  });

  it('green supply: marginal tonnes count grid energy only, E − min(E, S)', async () => {
    const sc = twoSignals('marginal');
    const green = { ...sc, sites: sc.sites.map((s) => (s.id === 'B' ? { ...s, greenSupplyMW: 0.005 } : s)) };
    const p = await solve(green);
    expect(p.status).toBe('optimal');
    expect(at(p, 'B')).toBeCloseTo(15, 9);
    expect(p.carbon!.marginalTonnes).toBeCloseTo(0.003, 12); // (15 − 5) × 0.3 / 1000
    expect(p.carbon!.avoidedTonnes).toBeCloseTo(0.012, 12); // 0.015 − 0.003
    expect(verifyPlan(green, p).violations).toEqual([]);
    expect(formatPlan(green, p)).toMatch(/carbon, marginal signal: .* avoided vs the nearest-site reference: .*driven by the marginal signal/);
  });

  it('without a factor at every site the marginal figures are null, with the reason', async () => {
    const sc = twoSignals('average');
    const partial = { ...sc, sites: sc.sites.map((s) => (s.id === 'B' ? { ...s, marginalCarbon: undefined } : s)) };
    const clean = JSON.parse(JSON.stringify(partial)) as Scenario;
    const p = await solve(clean);
    expect(p.carbon).toMatchObject({ marginalTonnes: null, avoidedTonnes: null });
    expect(p.carbon!.marginalNote).toMatch(/1 of 3 sites give none \("B"\)/);
    expect(verifyPlan(clean, p).violations).toEqual([]);
  });
});

describe('the verifier recomputes the marginal figures with its own arithmetic', () => {
  it('catches a wrong marginalTonnes, a wrong avoidedTonnes, a wrong signal and a missing figure', async () => {
    const sc = twoSignals('marginal');
    const p = await solve(sc);
    const c = p.carbon!;
    const bad = (carbon: object) => verifyPlan(sc, { ...p, carbon: { ...c, ...carbon } }).violations.map((v) => v.message).join('\n');
    expect(bad({ marginalTonnes: c.marginalTonnes! * 1.01 })).toMatch(/plan\.carbon\.marginalTonnes .* differs from the recomputed 0\.0045/);
    expect(bad({ avoidedTonnes: c.avoidedTonnes! + 0.001 })).toMatch(/plan\.carbon\.avoidedTonnes .* differs from the recomputed 0\.0105/);
    expect(bad({ signal: 'average' })).toMatch(/plan\.carbon\.signal is "average"; the scenario prices carbon on the "marginal" signal/);
    expect(bad({ marginalTonnes: null })).toMatch(/marginalTonnes null differs/);
    // The carbon cost of the marginal signal is checked too.
    const wrongCost = verifyPlan(sc, { ...p, costs: { ...p.costs!, carbon: 5000 * c.marketTonnes } }).violations.map((v) => v.rule);
    expect(wrongCost).toContain('costs');
  });
});

describe('simulate on the marginal signal', () => {
  it('re-plans slice the hourly marginal factors and the realized plan equals perfect foresight with exact forecasts', async () => {
    const base = twoSignals('marginal', { horizonHours: 3 });
    const sc = { ...base, sites: base.sites.map((s) => (s.id === 'B' ? { ...s, marginalCarbon: [0.3, 2.0, 0.3] } : s)) };
    const r = await simulate(sc, { lookaheadHours: 3 });
    expect(r.carbon.signal).toBe('marginal');
    // Hour 1: B's margin 2.0 makes A (1.0) the cheaper site: A 10 (its capacity) + B 5.
    const hour1 = r.plan.assignments.filter((a) => a.hour === 1);
    expect(hour1.filter((a) => a.site === 'A').reduce((x, a) => x + a.amount, 0)).toBeCloseTo(10, 9);
    expect(verifyPlan(sc, r.plan).violations).toEqual([]);
    expect(r.objective).toBeCloseTo(r.perfectForesight!.objective!, 6);
  });
});

describe('a warm carbon-price sweep on the marginal signal', () => {
  it('each point equals a cold solve at that price (the carbon term per unit uses the marginal factor)', async () => {
    const { sweep } = await import('../src/solve/sweep.js');
    const sc = twoSignals('marginal');
    const r = await sweep(sc, { carbonPrice: [0, 2000, 5000] });
    expect(r.warm).toBe(true);
    for (const pt of r.points) {
      const cold = await solve({ ...sc, prices: { ...sc.prices, carbonPerTonne: pt.carbonPerTonne } }, { backend: 'glpk' });
      expect(pt.plan.objective).toBeCloseTo(cold.objective!, 7);
    }
    // At 5000 CNY/t on the marginal signal all 15 units go to B (objective 60).
    expect(r.points[2]!.plan.objective).toBeCloseTo(60, 9);
  });
});
