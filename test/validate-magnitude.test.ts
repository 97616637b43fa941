import { describe, expect, it } from 'vitest';
import { generateScenario } from '../src/bench/generate.js';
import { ScenarioError, type ScenarioIssue } from '../src/errors.js';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarios } from '../src/datasets/index.js';
import { eastDataWestComputingWeek } from '../src/datasets/week.js';
import { fieldMagnitudeIssues, formatMagnitude, NUMERIC_LIMITS, scaleIssues } from '../src/scenario/magnitude.js';
import type { Scenario } from '../src/scenario/types.js';
import { scenarioIssues } from '../src/scenario/validate.js';
import { solve } from '../src/solve/solve.js';
import { demand, site, tiny } from './fixtures.js';

/** One site (capacity 10), one origin, one demand: the smallest scenario the issue's cases use. */
function one(amount: number | number[], over: Partial<Scenario> = {}): Scenario {
  const H = Array.isArray(amount) ? amount.length : 1;
  return tiny({ horizonHours: H, sites: [site('A', 114.86, 40.82)], demands: [demand('d1', { amount })], ...over });
}

/** The built-in day with `mutate` applied to a copy. */
function builtin(mutate: (sc: any) => void): Scenario {
  const sc = structuredClone(scenarios.eastDataWestComputing) as any;
  mutate(sc);
  return sc;
}

/** The ScenarioError that `solve` rejects with. */
async function solveError(sc: Scenario, backend: 'glpk' | 'flow'): Promise<ScenarioError> {
  try {
    await solve(sc, { backend });
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error(`solve with ${backend} did not throw`);
}

const pick = (issues: readonly ScenarioIssue[]) => issues.map((i) => ({ path: i.path, rule: i.rule }));

describe('numerical limits: the cases that gave wrong "optimal" plans are ScenarioErrors naming the path', () => {
  // Each case failed before the guard: the comment says how.
  const cases: [string, () => Scenario, { path: string; rule: string }][] = [
    // flow: optimal, but hour 1's 5 units neither assigned nor unmet (snapped away at 1e-12 · 5e12).
    ['amount [5e12, 5], capacity 10', () => one([5e12, 5]), { path: 'demands[0].amount[0]', rule: 'magnitude' }],
    // objective Infinity.
    ['a demand of 1e308', () => one([1e308, 5]), { path: 'demands[0].amount[0]', rule: 'magnitude' }],
    // glpk: optimal 0.28% off its own recomputed objective.
    ['dataGBPerUnit 1e11', () => builtin((sc) => (sc.demands[0].dataGBPerUnit = 1e11)), { path: 'demands[0].dataGBPerUnit', rule: 'magnitude' }],
    // glpk: its objective −2.7e288 against 1.08e9 recomputed.
    ['electricityPrice 1e300', () => builtin((sc) => (sc.sites[0].electricityPrice = 1e300)), { path: 'sites[0].electricityPrice', rule: 'magnitude' }],
    // glpk: 0.3% off; flow and glpk: objective Infinity where unmet work exists.
    ['unmetPenalty 1e308', () => builtin((sc) => (sc.prices.unmetPenalty = 1e308)), { path: 'prices.unmetPenalty', rule: 'magnitude' }],
    // glpk: objective and every shadow price NaN.
    ['costPerGB 1e308', () => builtin((sc) => (sc.links = [{ from: sc.demands[0].origin, to: sc.sites[0].id, costPerGB: 1e308 }])), { path: 'links[0].costPerGB', rule: 'magnitude' }],
  ];
  for (const [name, make, expected] of cases) {
    for (const backend of ['glpk', 'flow'] as const) {
      it(`${name} (${backend})`, async () => {
        const err = await solveError(make(), backend);
        expect(pick(err.issues)).toContainEqual(expected);
        const issue = err.issues.find((i) => i.path === expected.path)!;
        expect(issue.message).toMatch(/above the ceiling \S+ .*NUMERIC_LIMITS\.\w+.*rescale the units/);
        expect(err.message).not.toMatch(/\n\s+at /); // no stack trace in the message
      });
    }
  }

  it('names the offending value and the limit, and counts further entries of the same field', () => {
    const issues = scenarioIssues(one([5e12, 7e12, 5]));
    const i = issues.find((x) => x.path === 'demands[0].amount[0]')!;
    expect(i.message).toContain('5e12 is above the ceiling 1e12 units for amounts (NUMERIC_LIMITS.maxQuantity)');
    expect(i.message).toContain('(and 1 more entry of this field)');
    expect(issues.filter((x) => x.rule === 'magnitude')).toHaveLength(1);
  });

  it('every field with a ceiling is checked', () => {
    const sc = structuredClone(tiny({ horizonHours: 2 })) as any;
    const huge = 1e300;
    Object.assign(sc.sites[0], { pue: huge, gridCarbon: [0.5, huge], greenSupplyMW: huge, capacity: { general: huge }, powerKW: { general: huge }, unitCost: { general: huge } });
    sc.links = [{ from: 'bj', to: 'B', costPerGB: huge, bandwidthGbps: huge }];
    Object.assign(sc.demands[0], { amount: huge, dataGBPerUnit: huge, window: { release: 0, deadline: 2, maxPerHour: huge } });
    sc.prices = { carbonPerTonne: huge, transferPerGB: huge, unmetPenalty: { general: huge } };
    sc.policy = { carbonCapTonnes: huge };
    sc.sites[1].electricityPrice = huge;
    const paths = scenarioIssues(sc)
      .filter((i) => i.rule === 'magnitude')
      .map((i) => i.path)
      .sort();
    expect(paths).toEqual(
      [
        'sites[0].pue',
        'sites[0].gridCarbon[1]',
        'sites[0].greenSupplyMW',
        'sites[0].capacity.general',
        'sites[0].powerKW.general',
        'sites[0].unitCost.general',
        'sites[1].electricityPrice',
        'links[0].costPerGB',
        'links[0].bandwidthGbps',
        'demands[0].amount',
        'demands[0].dataGBPerUnit',
        'demands[0].window.maxPerHour',
        'prices.carbonPerTonne',
        'prices.transferPerGB',
        'prices.unmetPenalty.general',
        'policy.carbonCapTonnes',
      ].sort(),
    );
  });
});

describe('numerical limits: scale rules below the per-field ceilings', () => {
  it('cost range: a penalty 5.6e7× the cheapest unit cost (glpk was 0.04% off) is a dynamic-range error', async () => {
    const sc = builtin((s) => (s.prices.unmetPenalty = 4e8));
    const err = await solveError(sc, 'glpk');
    expect(pick(err.issues)).toEqual([{ path: 'prices.unmetPenalty', rule: 'dynamic-range' }]);
    expect(err.issues[0]!.message).toMatch(/4e8 CNY, 5\.57e7 times the per-unit cost of \w+ at sites\[\d\] \("[^"]+"\) in hour \d+/);
    expect(err.issues[0]!.message).toContain('at most 1e6 (NUMERIC_LIMITS.maxCostRange)');
    expect(err.issues[0]!.message).toContain('policy.allowUnmet: false');
  });

  // Found by the fuzz test: one dear site-hour (never used) blurred the network simplex's reduced
  // costs (tolerance 1e-9 × the largest cost): its objective was 7e-5 above glpk's. With the fine
  // tolerance for wide cost spans (FLOW_COST_TOL_FINE) both backends agree to 1e-7.
  it.each([
    ['a site-hour price of 1e6 CNY/kWh (span 4.4e5; flow was 7e-5 off glpk)', (s: any) => (s.sites[5].electricityPrice[1] = 1e6)],
    ['an unmet penalty of 3e6 (span 4.2e5; flow was 5.7e-7 off glpk)', (s: any) => (s.prices.unmetPenalty = 3e6)],
    ['an unmet penalty of 5e6 (span 6.9e5, just inside the limit)', (s: any) => (s.prices.unmetPenalty = 5e6)],
  ] as [string, (s: any) => void][])('cost range: %s is valid, and flow and glpk agree to 1e-7', async (_, mutate) => {
    // The network form: no green supply (the built-in day's green rows make it glpk-only).
    const sc = builtin((s) => {
      for (const x of s.sites) delete x.greenSupplyMW;
      mutate(s);
    });
    expect(scenarioIssues(sc)).toEqual([]);
    const flow = await solve(sc, { backend: 'flow' });
    const glpk = await solve(sc, { backend: 'glpk' });
    expect(flow.status).toBe('optimal');
    expect(glpk.status).toBe('optimal');
    expect(verifyPlan(sc, flow).violations).toEqual([]);
    expect(Math.abs(flow.objective! - glpk.objective!) / glpk.objective!).toBeLessThan(1e-7);
  });

  it('cost range: a penalty 2.8e6× the cheapest unit cost is a dynamic-range error', async () => {
    const sc = builtin((s) => (s.prices.unmetPenalty = 2e7));
    for (const backend of ['flow', 'glpk'] as const) expect(pick((await solveError(sc, backend)).issues)).toEqual([{ path: 'prices.unmetPenalty', rule: 'dynamic-range' }]);
  });

  it('cost range: the dearest transfer per unit counts, named by its demand', () => {
    const sc = builtin((s) => {
      s.demands[3].dataGBPerUnit = 1e3;
      s.links = [{ from: s.demands[3].origin, to: s.sites[0].id, costPerGB: 1e4 }];
    });
    expect(pick(scenarioIssues(sc))).toEqual([{ path: 'demands[3].dataGBPerUnit', rule: 'dynamic-range' }]);
  });

  it('cost range: a penalty is no coefficient when unmet work is not allowed', () => {
    expect(scenarioIssues(one(5, { prices: { carbonPerTonne: 0, unmetPenalty: 1e8, transferPerGB: 0 } }))).toHaveLength(1);
    expect(scenarioIssues(one(5, { prices: { carbonPerTonne: 0, unmetPenalty: 1e8, transferPerGB: 0 }, policy: { allowUnmet: false } }))).toEqual([]);
  });

  it('cost floor: every price scaled to a cheapest unit cost of 7e-6 CNY (glpk 0.4% off) is rejected', async () => {
    const f = 1e-6;
    const sc = builtin((s) => {
      for (const x of s.sites) {
        x.electricityPrice = typeof x.electricityPrice === 'number' ? x.electricityPrice * f : x.electricityPrice.map((v: number) => v * f);
        for (const c of Object.keys(x.unitCost)) x.unitCost[c] *= f;
      }
      s.prices = { carbonPerTonne: s.prices.carbonPerTonne * f, transferPerGB: s.prices.transferPerGB * f, unmetPenalty: 1 };
    });
    const err = await solveError(sc, 'glpk');
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ rule: 'magnitude', path: expect.stringMatching(/^sites\[\d\]$/) });
    expect(err.issues[0]!.message).toContain('below the smallest nonzero per-unit cost 1e-4 CNY (NUMERIC_LIMITS.minUnitCost)');
  });

  it('quantity floor: a nonzero amount or capacity below 1e-3 is rejected; 0 is fine', () => {
    expect(pick(scenarioIssues(one([5, 1e-300])))).toEqual([{ path: 'demands[0].amount[1]', rule: 'magnitude' }]);
    expect(scenarioIssues(one([5, 0]))).toEqual([]);
    const sc = one(5, { sites: [site('A', 114.86, 40.82, { capacity: { general: 5e-4 } })] });
    expect(pick(scenarioIssues(sc))).toEqual([{ path: 'sites[0].capacity.general', rule: 'magnitude' }]);
    expect(scenarioIssues(sc)[0]!.message).toContain('5e-4 is below the smallest nonzero quantity 0.001 units');
  });

  it('quantity floor: capacity × maxUtilization counts', () => {
    const issues = scenarioIssues(one(5, { policy: { maxUtilization: 1e-5 } }));
    expect(pick(issues)).toEqual([{ path: 'sites[0].capacity.general', rule: 'magnitude' }]);
    expect(issues[0]!.message).toContain('capacity × policy.maxUtilization = 1e-4');
  });

  it('quantity range: the total work over the smallest nonzero quantity may be at most 1e9', () => {
    const sc = one([1e11, 50], { sites: [site('A', 114.86, 40.82, { capacity: { general: 1e11 } })] });
    const issues = scenarioIssues(sc);
    expect(pick(issues)).toEqual([{ path: 'demands[0].amount[1]', rule: 'dynamic-range' }]);
    expect(issues[0]!.message).toMatch(/^amount 50 is 2e9 times smaller than the total work .* 1e11; the ratio may be at most 1e9 \(NUMERIC_LIMITS\.maxQuantityRange\)/);
    // Many small demands add up: the total, not the largest single amount, is what the network carries.
    const many = one(1000, {
      sites: [site('A', 114.86, 40.82, { capacity: { general: 1e12 } })],
      demands: [...Array.from({ length: 2000 }, (_, i) => demand(`d${i}`, { amount: 1e9 })), demand('tiny', { amount: 1e-3 })],
    });
    const out: ScenarioIssue[] = [];
    scaleIssues(many, out);
    expect(pick(out)).toEqual([{ path: 'demands[2000].amount', rule: 'dynamic-range' }]);
  });

  it('objective scale: the largest amount × the largest unit cost may be at most 1e18 CNY', () => {
    const big = site('A', 114.86, 40.82, { capacity: { general: 1e12 }, unitCost: { general: 1e4 } });
    const sc = one(1e12, { sites: [big], prices: { carbonPerTonne: 0, unmetPenalty: 1e7, transferPerGB: 0 } });
    const issues = scenarioIssues(sc);
    expect(pick(issues)).toEqual([{ path: 'demands[0].amount', rule: 'magnitude' }]);
    expect(issues[0]!.message).toContain('1e12 units at the unmet penalty (1e7 CNY per unit) make an objective term of 1e19 CNY, above the ceiling 1e18 CNY');
  });
});

describe('numerical limits keep real data valid', () => {
  it('the built-in scenarios and the week', () => {
    expect(scenarioIssues(scenarios.eastDataWestComputing)).toEqual([]);
    expect(scenarioIssues(scenarios.greenHubs)).toEqual([]);
    expect(scenarioIssues(eastDataWestComputingWeek())).toEqual([]);
  });

  // 200,000 × 200 passes too (checked by hand: generating it takes ~10 s here, too slow for a unit test).
  it('generated benchmark scenarios (20,000 × 100, and 5,000 × 50 × 24 with green supply)', () => {
    for (const sc of [generateScenario({ demands: 20_000, sites: 100 }), generateScenario({ demands: 5000, sites: 50, hours: 24, green: true })]) {
      const out: ScenarioIssue[] = [];
      fieldMagnitudeIssues(sc as never, out);
      scaleIssues(sc, out);
      expect(out).toEqual([]);
    }
    expect(scenarioIssues(generateScenario({ demands: 1000, sites: 30, hours: 24 }))).toEqual([]);
  }, 30_000);

  it('national scale: millions of rack-hours per hour, a year-long window, prices up to tens of thousands of CNY', () => {
    const sc = tiny({
      horizonHours: 24,
      sites: [site('A', 114.86, 40.82, { capacity: { general: 2e6, super: 5e4 }, powerKW: { general: 2.5, super: 30 }, unitCost: { general: 3, super: 2e4 } })],
      demands: [demand('online', { amount: 1.5e6 }), demand('hpc', { class: 'super', amount: 5e5, window: { release: 0, deadline: 24 } }), demand('tiny', { amount: 1 })],
      prices: { carbonPerTonne: 300, unmetPenalty: { general: 500, super: 4e4 }, transferPerGB: 0.03 },
    });
    expect(scenarioIssues(sc)).toEqual([]);
    const year = tiny({
      horizonHours: 8760,
      sites: [site('A', 114.86, 40.82, { capacity: { general: 1.5e6 }, unitCost: { general: 5 } })],
      demands: [demand('year', { amount: 1.3e10, window: { release: 0, deadline: 8760 } }), demand('small', { amount: 100 })],
      prices: { carbonPerTonne: 90, unmetPenalty: 5e4, transferPerGB: 0.03 },
    });
    expect(scenarioIssues(year)).toEqual([]);
  });

  it('inside the limits both backends verify and agree (penalty 9.3e3× the cheapest cost, quantities 2e-3 … 1e6)', async () => {
    const sc = tiny({
      sites: [site('A', 114.86, 40.82, { capacity: { general: 1e6 } }), site('B', 111.66, 40.8, { capacity: { general: 0.5 }, unitCost: { general: 2 } })],
      demands: [demand('d1', { amount: 1e6 + 0.25 }), demand('d2', { amount: 2e-3, maxLatencyMs: 8 })],
      prices: { carbonPerTonne: 0, unmetPenalty: 1.4e4, transferPerGB: 0 },
    });
    expect(scenarioIssues(sc)).toEqual([]);
    const plans = await Promise.all((['glpk', 'flow'] as const).map((backend) => solve(sc, { backend })));
    for (const p of plans) {
      expect(p.status).toBe('optimal');
      expect(verifyPlan(sc, p).violations).toEqual([]);
    }
    expect(Math.abs(plans[0]!.objective! - plans[1]!.objective!)).toBeLessThanOrEqual(1e-7 * Math.abs(plans[0]!.objective!));
  });
});

describe('formatMagnitude', () => {
  it.each([
    [5e12, '5e12'],
    [1e-300, '1e-300'],
    [5e-4, '5e-4'],
    [0.37, '0.37'],
    [123456.7, '123457'],
    [0, '0'],
    [NUMERIC_LIMITS.maxQuantity, '1e12'],
    [-2.5e9, '-2.5e9'],
  ])('%s → %s', (x, s) => {
    expect(formatMagnitude(x)).toBe(s);
  });
});
