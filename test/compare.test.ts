import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCommand, type CommandIO } from '../src/cli/compare.js';
import { costOnlyPlan, costOnlyScenario, nearestPlan } from '../src/compare/baselines.js';
import { compareStrategies, savingsPercent } from '../src/compare/compare.js';
import { formatComparison } from '../src/compare/format.js';
import type { Comparison } from '../src/compare/types.js';
import { OptionsError, ScenarioError } from '../src/errors.js';
import { geoLatencyMs } from '../src/geo/haversine.js';
import type { Plan } from '../src/plan/types.js';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarios } from '../src/datasets/index.js';
import type { Scenario } from '../src/scenario/types.js';
import { demand, site, tiny } from './fixtures.js';

const sumAt = (plan: Plan, siteId: string, hour?: number) =>
  plan.assignments.filter((a) => a.site === siteId && (hour === undefined || a.hour === hour)).reduce((s, a) => s + a.amount, 0);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Origin Beijing (east), 10 units in one hour, every site 1 kW per unit, PUE 1, 0.5 CNY/kWh,
 * carbon 1000 CNY/t. Per unit: N (nearest, east) unit cost 3, 0.5 kg → 3 + 0.5 + 0.5 = 4.0;
 * D (dirty, east) unit cost 1, 1.0 kg → 1.5 w/o carbon, 2.5 with; G (clean, west, farthest) unit
 * cost 1.2, 0.1 kg → 1.7 w/o carbon, 1.8 with.
 */
function dirtyClean(over: Partial<Scenario> = {}): Scenario {
  return tiny({
    sites: [
      site('N', 116.5, 40.0, { region: 'east', unitCost: { general: 3 }, gridCarbon: 0.5, capacity: { general: 100 } }),
      site('D', 114.86, 40.82, { region: 'east', gridCarbon: 1.0, capacity: { general: 100 } }),
      site('G', 111.66, 40.8, { unitCost: { general: 1.2 }, gridCarbon: 0.1, capacity: { general: 100 } }),
    ],
    demands: [demand('d1', { amount: 10 })],
    prices: { carbonPerTonne: 1000, unmetPenalty: 100, transferPerGB: 0 },
    ...over,
  });
}

describe('nearest baseline', () => {
  it('fills the nearest site, then spills to the next nearest (tiny: A 10, B 5)', () => {
    const sc = tiny();
    const plan = nearestPlan(sc);
    expect(sumAt(plan, 'A')).toBeCloseTo(10, 12);
    expect(sumAt(plan, 'B')).toBeCloseTo(5, 12);
    expect(sumAt(plan, 'C')).toBe(0); // cheapest, but beyond the 10 ms limit
    expect(plan.unmet).toEqual([]);
    expect(plan.objective).toBeCloseTo(10 * 1.5 + 5 * 2.5, 9);
    expect(verifyPlan(sc, plan).violations).toEqual([]);
  });

  it('respects maxUtilization, leaves what no site can take unmet, and breaks ties by site order', () => {
    // A and A2 at the same place: equal latency, so A (listed first) fills first.
    const sc = tiny({
      sites: [site('A', 114.86, 40.82), site('A2', 114.86, 40.82)],
      demands: [demand('d1', { amount: 20 })],
      policy: { maxUtilization: 0.8 },
    });
    const plan = nearestPlan(sc);
    expect(sumAt(plan, 'A')).toBeCloseTo(8, 12);
    expect(sumAt(plan, 'A2')).toBeCloseTo(8, 12);
    expect(plan.unmet).toEqual([{ demand: 'd1', hour: 0, amount: 4 }]);
    expect(verifyPlan(sc, plan).violations).toEqual([]);
  });

  it('serves interactive demand first and runs deferrable work as early as possible within maxPerHour', () => {
    const sc = tiny({
      horizonHours: 4,
      sites: [site('A', 114.86, 40.82), site('B', 111.66, 40.8, { capacity: { general: 100 } })],
      demands: [
        // Deferrable work listed first: interactive demand still goes first in each hour.
        demand('w', { amount: 30, window: { release: 1, deadline: 4, maxPerHour: 12 } }),
        demand('i', { amount: [8, 8, 8, 8] }),
      ],
    });
    const plan = nearestPlan(sc);
    expect(sumAt(plan, 'A', 0)).toBeCloseTo(8, 12); // only i runs before the release
    for (const t of [1, 2]) {
      // i takes 8 of A's 10, w takes A's last 2 and 10 more at B: 12 = maxPerHour.
      expect(plan.assignments.filter((a) => a.demand === 'i' && a.hour === t)).toEqual([{ demand: 'i', site: 'A', hour: t, amount: 8 }]);
      expect(plan.assignments.filter((a) => a.demand === 'w' && a.hour === t).map((a) => [a.site, a.amount])).toEqual([['A', 2], ['B', 10]]);
    }
    expect(plan.assignments.filter((a) => a.demand === 'w' && a.hour === 3).map((a) => [a.site, a.amount])).toEqual([['A', 2], ['B', 4]]);
    expect(plan.unmet).toEqual([]);
    expect(verifyPlan(sc, plan).violations).toEqual([]);
  });

  it('reports windowed work left at the deadline with hour null, and keeps allowedSites and bandwidth', () => {
    const sc = tiny({
      horizonHours: 2,
      sites: [site('A', 114.86, 40.82), site('B', 111.66, 40.8, { capacity: { general: 100 } })],
      links: [{ from: 'bj', to: 'B', bandwidthGbps: 1 }], // 450 GB per hour
      demands: [
        demand('w', { amount: 50, allowedSites: ['B'], dataGBPerUnit: 90, window: { release: 0, deadline: 2 } }),
      ],
    });
    const plan = nearestPlan(sc);
    expect(sumAt(plan, 'A')).toBe(0);
    expect(sumAt(plan, 'B', 0)).toBeCloseTo(5, 12);
    expect(sumAt(plan, 'B', 1)).toBeCloseTo(5, 12);
    expect(plan.unmet).toHaveLength(1);
    expect(plan.unmet[0]!.hour).toBeNull();
    expect(plan.unmet[0]!.amount).toBeCloseTo(40, 9);
    expect(verifyPlan(sc, plan).violations).toEqual([]);
  });

  it('throws ScenarioError for an invalid scenario', () => {
    expect(() => nearestPlan(tiny({ horizonHours: 0 }))).toThrow(ScenarioError);
  });
});

describe('cost-only baseline', () => {
  it('drops the carbon price and every carbon policy row, and nothing else', () => {
    const sc = dirtyClean({
      sites: dirtyClean().sites.map((s) => (s.id === 'D' ? { ...s, minGreenShare: 0.5 } : s)),
      policy: { carbonCapTonnes: 1, minGreenShare: 0.2, maxUtilization: 0.9, allowUnmet: true },
    });
    const free = costOnlyScenario(sc);
    expect(free.prices).toEqual({ ...sc.prices, carbonPerTonne: 0 });
    expect(free.policy).toEqual({ maxUtilization: 0.9, allowUnmet: true });
    expect(free.sites.some((s) => s.minGreenShare !== undefined)).toBe(false);
    expect(free.sites.map((s) => s.gridCarbon)).toEqual(sc.sites.map((s) => s.gridCarbon));
    expect(sc.policy?.carbonCapTonnes).toBe(1); // input untouched
  });

  it('picks the dirty cheap site and is costed at the real carbon price', async () => {
    const sc = dirtyClean();
    const plan = await costOnlyPlan(sc);
    expect(sumAt(plan, 'D')).toBeCloseTo(10, 9);
    // 10 units × (1 + 0.5) + 10 kWh × 1 kg/kWh / 1000 × 1000 CNY/t = 15 + 10.
    expect(plan.objective).toBeCloseTo(25, 9);
    expect(plan.costs!.carbon).toBeCloseTo(10, 9);
    expect(plan.solver.lpObjective).toBeNull();
    expect(verifyPlan(sc, plan).violations).toEqual([]);
  });
});

describe('compareStrategies', () => {
  it('hand-checked figures and savings: nearest N, cost-only D, optimum moves to clean G', async () => {
    const sc = dirtyClean();
    const c = await compareStrategies(sc);
    const { nearest, costOnly, optimal } = c.strategies;
    expect(sumAt(nearest.plan!, 'N')).toBeCloseTo(10, 9);
    expect(sumAt(costOnly.plan!, 'D')).toBeCloseTo(10, 9);
    expect(sumAt(optimal.plan!, 'G')).toBeCloseTo(10, 9);
    expect(nearest.metrics!.totalCost).toBeCloseTo(40, 9);
    expect(costOnly.metrics!.totalCost).toBeCloseTo(25, 9);
    expect(optimal.metrics!.totalCost).toBeCloseTo(18, 9);
    expect(optimal.metrics!.carbonCost).toBeCloseTo(1, 9);
    expect(nearest.metrics!.locationTonnes).toBeCloseTo(0.005, 12);
    expect(costOnly.metrics!.marketTonnes).toBeCloseTo(0.01, 12);
    expect(optimal.metrics!.marketTonnes).toBeCloseTo(0.001, 12);
    // (40 − 18) / 40 = 55%, (0.005 − 0.001) / 0.005 = 80%; (25 − 18) / 25 = 28%, (0.01 − 0.001) / 0.01 = 90%.
    expect(c.savings.vsNearest.cost).toBeCloseTo(55, 9);
    expect(c.savings.vsNearest.locationCarbon).toBeCloseTo(80, 9);
    expect(c.savings.vsNearest.marketCarbon).toBeCloseTo(80, 9);
    expect(c.savings.vsCostOnly.cost).toBeCloseTo(28, 9);
    expect(c.savings.vsCostOnly.marketCarbon).toBeCloseTo(90, 9);
    // Regions: Beijing is east; only G is west.
    expect(nearest.metrics!.eastToWest.all).toBe(0);
    expect(optimal.metrics!.eastToWest.all).toBe(1);
    expect(optimal.metrics!.westShare.byClass.general).toBe(1);
    // Latency: one site each, so mean = p95 = that pair's latency, nearest < optimum's.
    expect(nearest.metrics!.latency.meanMs).toBeCloseTo(nearest.metrics!.latency.p95Ms!, 12);
    expect(nearest.metrics!.latency.meanMs!).toBeLessThan(optimal.metrics!.latency.meanMs!);
    const g = optimal.metrics!.utilization.find((u) => u.site === 'G')!;
    expect(g).toMatchObject({ class: 'general', usedUnitHours: expect.closeTo(10, 9), usableUnitHours: 100, share: expect.closeTo(0.1, 9) });
    for (const s of [nearest, costOnly, optimal]) {
      expect(s.policyViolations).toEqual([]);
      expect(verifyPlan(sc, s.plan!).violations).toEqual([]);
    }
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('reports the carbon policy rows a baseline breaks, and the optimum keeps them', async () => {
    // Cap 0.002 t: only G (0.001 t) fits; D carries a site green share it cannot meet (no supply).
    const base = dirtyClean();
    const sc = dirtyClean({
      prices: { ...base.prices, carbonPerTonne: 0 },
      sites: base.sites.map((s) => (s.id === 'D' ? { ...s, minGreenShare: 0.5 } : s)),
      policy: { carbonCapTonnes: 0.002 },
    });
    const c = await compareStrategies(sc);
    const { nearest, costOnly, optimal } = c.strategies;
    expect(nearest.policyViolations.map((v) => v.split(':')[0])).toEqual(['carbon-cap']);
    expect(costOnly.policyViolations.map((v) => v.split(':')[0]).sort()).toEqual(['carbon-cap', 'site-min-green-share']);
    expect(optimal.policyViolations).toEqual([]);
    expect(sumAt(optimal.plan!, 'G')).toBeCloseTo(10, 9);
    // Breaking the cap made the cost-only baseline cheaper: the saving is negative, not hidden.
    expect(c.savings.vsCostOnly.cost!).toBeLessThan(0);
    for (const s of [nearest, costOnly, optimal]) {
      const rules = verifyPlan(sc, s.plan!).violations.map((v) => v.rule);
      expect(rules.every((r) => ['carbon-cap', 'site-min-green-share', 'min-green-share'].includes(r))).toBe(true);
    }
    expect(formatComparison(c)).toContain('breaks policy rows of the real scenario');
  });

  it('the optimum costs no more than either baseline (no policy rows), over several carbon prices', async () => {
    for (const price of [0, 90, 1000, 5000]) {
      const sc = dirtyClean({ prices: { carbonPerTonne: price, unmetPenalty: 100, transferPerGB: 0 }, demands: [demand('d1', { amount: 250 })] });
      const c = await compareStrategies(sc, { includePlans: false });
      const opt = c.strategies.optimal.metrics!.totalCost;
      for (const b of [c.strategies.nearest, c.strategies.costOnly]) expect(opt).toBeLessThanOrEqual(b.metrics!.totalCost * (1 + 1e-6));
      expect(c.strategies.optimal.plan).toBeUndefined();
    }
  });

  it('weights latency by unit-hours: mean and p95 of served work (tiny: A 10 units, B 5)', async () => {
    const c = await compareStrategies(tiny());
    const m = c.strategies.nearest.metrics!;
    const lat = (lon: number, lat: number) => geoLatencyMs(116.4, 39.9, lon, lat);
    const [la, lb] = [lat(114.86, 40.82), lat(111.66, 40.8)];
    expect(m.latency.meanMs).toBeCloseTo((10 * la + 5 * lb) / 15, 12);
    expect(m.latency.p95Ms).toBe(lb); // A carries 2/3 of the work, under 95%
    expect(m.servedUnitHours).toBeCloseTo(15, 12);
    expect(m.westShare.all).toBeCloseTo(5 / 15, 12); // A is east, B west
    expect(m.eastToWest.byClass).toEqual({ general: expect.closeTo(5 / 15, 12) });
  });

  it('savingsPercent is 100 · (baseline − optimum) / baseline', () => {
    expect(savingsPercent(200, 150)).toBe(25);
    expect(savingsPercent(100, 120)).toBe(-20);
    expect(savingsPercent(0, 0)).toBe(0);
    expect(savingsPercent(0, 1)).toBeNull();
  });

  it('rejects bad options with OptionsError naming the option', async () => {
    await expect(compareStrategies(tiny(), { includePlans: 'yes' as unknown as boolean })).rejects.toThrow(OptionsError);
    await expect(compareStrategies(tiny(), { timeLimitSeconds: -1 })).rejects.toThrow(/timeLimitSeconds/);
  });
});

describe('built-in scenario', () => {
  let c: Comparison;
  it('runs, verifies every plan, and gives sensible figures', async () => {
    const sc = scenarios.eastDataWestComputing;
    c = await compareStrategies(sc);
    const { nearest, costOnly, optimal } = c.strategies;
    for (const s of [nearest, costOnly, optimal]) {
      expect(s.status).toBe('optimal');
      expect(s.policyViolations).toEqual([]); // the built-in has no carbon policy rows
      expect(verifyPlan(sc, s.plan!).violations).toEqual([]);
      const m = s.metrics!;
      for (const x of [m.westShare.all, m.eastToWest.all]) expect(x! >= 0 && x! <= 1).toBe(true);
      expect(m.latency.p95Ms!).toBeGreaterThanOrEqual(m.latency.meanMs! * (1 - 1e-12) - 1e-9);
      expect(m.utilization.every((u) => u.share === null || (u.share >= 0 && u.share <= 1 + 1e-9))).toBe(true);
    }
    const opt = optimal.metrics!;
    expect(rel(opt.totalCost, Math.min(opt.totalCost, nearest.metrics!.totalCost))).toBeLessThanOrEqual(1e-6);
    expect(rel(opt.totalCost, Math.min(opt.totalCost, costOnly.metrics!.totalCost))).toBeLessThanOrEqual(1e-6);
    // Latency-only placement keeps eastern work in the east far more than the optimum does.
    expect(nearest.metrics!.eastToWest.all!).toBeLessThan(opt.eastToWest.all!);
    expect(nearest.metrics!.latency.meanMs!).toBeLessThan(opt.latency.meanMs!);
    expect(c.savings.vsNearest.cost!).toBeGreaterThan(0);
    expect(c.savings.vsCostOnly.cost!).toBeGreaterThanOrEqual(-1e-4);
    const text = formatComparison(c);
    expect(text).toContain('assumptions: (a) nearest');
    expect(text).toContain('Savings of (c) optimal');
  });
});

describe('suanflow compare (in process)', () => {
  const capture = (): CommandIO & { stdout: string[]; stderr: string[] } => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t) };
  };

  it('--json on the built-in scenario prints a Comparison without plans, exit 0', async () => {
    const io = capture();
    const code = await compareCommand(['--json', '--carbon-price', '150'], io);
    expect(io.stderr.join('')).toBe('');
    expect(code).toBe(0);
    const c = JSON.parse(io.stdout.join('')) as Comparison;
    expect(c.carbonPerTonne).toBe(150);
    expect(c.strategies.optimal.plan).toBeUndefined();
    expect(c.strategies.optimal.metrics!.totalCost).toBeLessThanOrEqual(c.strategies.costOnly.metrics!.totalCost * (1 + 1e-6));
    expect(typeof c.savings.vsNearest.marketCarbon).toBe('number');
  });

  it('a scenario file, as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suanflow-compare-'));
    const file = join(dir, 'dc.json');
    writeFileSync(file, JSON.stringify(dirtyClean()));
    const io = capture();
    expect(await compareCommand([file, '--time-limit', '30'], io)).toBe(0);
    const text = io.stdout.join('');
    expect(text).toContain('(a) nearest');
    expect(text).toContain('total cost, CNY');
    expect(text).toMatch(/\(b\) cost-only\s+\+28\.00%\s+\+90\.00%/);
  });

  it('bad input exits 2 with a message; --help exits 0', async () => {
    const cases: [string[], RegExp][] = [
      [['--carbon-price=-1'], /--carbon-price must be a number ≥ 0/],
      [['--time-limit', 'x'], /--time-limit must be a number of seconds > 0/],
      [['/nonexistent/file.json'], /cannot read \/nonexistent\/file.json: ENOENT/],
      [['a.json', 'b.json'], /unexpected argument "b.json"/],
      [['--bogus'], /unknown option --bogus \(flags: --json, /],
    ];
    for (const [argv, msg] of cases) {
      const io = capture();
      expect(await compareCommand(argv, io)).toBe(2);
      expect(io.stderr.join('')).toMatch(msg);
      expect(io.stdout).toEqual([]);
    }
    const dir = mkdtempSync(join(tmpdir(), 'suanflow-compare-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(tiny({ horizonHours: 0 })));
    const io = capture();
    expect(await compareCommand([bad], io)).toBe(2);
    expect(io.stderr.join('')).toContain('invalid scenario');
    const help = capture();
    expect(await compareCommand(['--help'], help)).toBe(0);
    expect(help.stdout.join('')).toContain('usage: suanflow compare');
  });
});
