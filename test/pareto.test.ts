import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { paretoCommand } from '../src/cli/pareto.js';
import { OptionsError, ScenarioError } from '../src/errors.js';
import { toFrontier, type Candidate } from '../src/pareto/filter.js';
import { formatPareto } from '../src/pareto/format.js';
import { paretoFrontier } from '../src/pareto/frontier.js';
import { ceil2 } from '../src/pareto/price.js';
import type { ParetoFrontier, ParetoOptions } from '../src/pareto/types.js';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarios } from '../src/datasets/index.js';
import type { Policy, Scenario } from '../src/scenario/types.js';
import { solve } from '../src/solve/solve.js';
import { demand, site, tiny } from './fixtures.js';

const withCap = (sc: Scenario, cap: number | null): Scenario => (cap === null ? sc : { ...sc, policy: { ...sc.policy, carbonCapTonnes: cap } });
const withPrice = (sc: Scenario, p: number): Scenario => ({ ...sc, prices: { ...sc.prices, carbonPerTonne: p } });
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
const near = (a: number, b: number, tol = 1e-6) => expect(rel(a, b)).toBeLessThanOrEqual(tol);

/*
 * Origin Beijing, demand 15 units in one hour, 1 kWh per unit everywhere (PUE 1, 1 kW), 0.5 CNY/kWh.
 *   A (Zhangjiakou): 1.5 CNY/unit, capacity 10, 1.0 kg/unit
 *   D (Tianjin):     1.9 CNY/unit, capacity 4,  0.6 kg/unit
 *   B (Hohhot):      2.5 CNY/unit, capacity 100, 0.2 kg/unit
 * Least cost: A 10, D 4, B 1 → 25.1 CNY, 12.6 kg. Abatement A → B costs 1 CNY per 0.8 kg (1250
 * CNY/t) until A is empty at 4.6 kg (35.1 CNY); then D → B, 0.6 CNY per 0.4 kg (1500 CNY/t), down
 * to B 15 at 3.0 kg (37.5 CNY), the least carbon that still serves all 15 units.
 */
const hand = (policy: Policy = {}, carbonPerTonne = 0): Scenario =>
  tiny({
    sites: [
      site('A', 114.86, 40.82, { gridCarbon: 1 }),
      site('D', 117.2, 39.13, { capacity: { general: 4 }, unitCost: { general: 1.4 }, gridCarbon: 0.6 }),
      site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, gridCarbon: 0.2 }),
    ],
    prices: { carbonPerTonne, unmetPenalty: 100, transferPerGB: 0 },
    policy,
  });

/** Every property a frontier must have, checked against the scenario alone. */
function checkFrontier(sc: Scenario, f: ParetoFrontier): void {
  expect(f.status).toBe('optimal');
  const pts = f.points;
  expect(pts.length).toBeGreaterThan(0);
  expect(pts[0]!.mac).toBeNull();
  pts.forEach((p, i) => {
    const plan = p.plan!;
    const scP = withPrice(withCap(sc, p.cap), p.carbonPrice);
    expect(verifyPlan(scP, plan).violations).toEqual([]);
    expect(p.objective).toBe(plan.objective);
    near(p.cost, plan.objective! - plan.costs!.carbon, 1e-12);
    expect(p.carbonTonnes).toBe((sc.policy?.carbonAccounting ?? 'market') === 'location' ? plan.carbon!.locationTonnes : plan.carbon!.marketTonnes);
    if (p.cap !== null) expect(p.capPrice).toBe(plan.policyPrices!.carbonCap!);
    if (i === 0) return;
    const prev = pts[i - 1]!;
    // Monotone: cost non-decreasing, carbon non-increasing (strictly, after duplicates are dropped).
    expect(p.cost).toBeGreaterThanOrEqual(prev.cost);
    expect(p.carbonTonnes).toBeLessThan(prev.carbonTonnes);
    near(p.mac!, (p.cost - prev.cost) / (prev.carbonTonnes - p.carbonTonnes), 1e-12);
  });
}

/** Convexity: where a cap binds, capPrice + carbon price (the slope) lies between the chords around it. */
function checkCapPrices(f: ParetoFrontier): void {
  const pts = f.points;
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i]!;
    const slope = p.capPrice! + p.carbonPrice;
    expect(slope).toBeGreaterThanOrEqual(p.mac! * (1 - 1e-6) - 1e-6);
    const next = pts[i + 1];
    if (next) expect(slope).toBeLessThanOrEqual(next.mac! * (1 + 1e-6) + 1e-6);
  }
}

describe('paretoFrontier, method cap, on a hand-solved scenario', () => {
  it('points, costs, carbon and MAC as computed by hand; every plan verifies', async () => {
    const sc = hand();
    const r = await paretoFrontier(sc, { points: 5 });
    expect(r).toMatchObject({ method: 'cap', abatement: 'relocate', accounting: 'market' });
    const f = r.frontiers[0]!;
    checkFrontier(sc, f);
    checkCapPrices(f);
    expect(f).toMatchObject({ latencyScale: 1, dropped: 0, notes: [], solves: 6 });
    const pts = f.points;
    expect(pts.map((p) => p.cap)).toEqual([null, expect.closeTo(0.0102, 12), expect.closeTo(0.0078, 12), expect.closeTo(0.0054, 12), expect.closeTo(0.003, 8)]);
    [25.1, 28.1, 31.1, 34.1, 37.5].forEach((c, i) => near(pts[i]!.cost, c, 1e-9));
    [0.0126, 0.0102, 0.0078, 0.0054, 0.003].forEach((t, i) => near(pts[i]!.carbonTonnes, t, 1e-9));
    // Chords: 1250 on the A → B piece; the last spans the kink at 4.6 kg: (0.8·1.25 + 2.4) / 0.0024.
    [1250, 1250, 1250, 3.4 / 0.0024].forEach((m, i) => near(pts[i + 1]!.mac!, m, 1e-9));
    [1250, 1250, 1250].forEach((d, i) => near(pts[i + 1]!.capPrice!, d, 1e-9));
    expect(pts[4]!.capPrice!).toBeGreaterThanOrEqual(1500 - 1e-6);
  });

  it('endpoints equal the min-cost solve and the least-carbon solve', async () => {
    const sc = hand();
    const f = (await paretoFrontier(sc, { points: 3 })).frontiers[0]!;
    const minCost = await solve(sc);
    expect(f.points[0]!.objective).toBe(minCost.objective);
    expect(f.maxCarbonTonnes).toBe(minCost.carbon!.marketTonnes);
    // The least carbon serving all 15 units is all at B: 3 kg; below it work must go unmet.
    near(f.minCarbonTonnes!, 0.003, 1e-12);
    const last = f.points.at(-1)!;
    near(last.carbonTonnes, 0.003, 1e-8);
    near(last.objective, (await solve(withCap(sc, 0.003))).objective!, 1e-8);
    expect(last.plan!.unmet).toEqual([]);
    const below = await solve(withCap(sc, 0.0029));
    expect(below.unmet.reduce((s, u) => s + u.amount, 0)).toBeGreaterThan(0);
  });

  it('with a carbon price: cost the same, objective adds it, cap price less by it', async () => {
    const sc = hand({}, 100);
    const f = (await paretoFrontier(sc, { points: 5 })).frontiers[0]!;
    checkFrontier(sc, f);
    checkCapPrices(f);
    [25.1, 28.1, 31.1, 34.1, 37.5].forEach((c, i) => near(f.points[i]!.cost, c, 1e-9));
    f.points.forEach((p) => near(p.objective, p.cost + 100 * p.carbonTonnes, 1e-12));
    [1150, 1150, 1150].forEach((d, i) => near(f.points[i + 1]!.capPrice!, d, 1e-9));
  });

  it('the least-carbon end is lexicographic: least carbon, then least cost (market accounting, green supply)', async () => {
    // A and B at 0.5 kg/kWh; B has 12 kWh of green. Market carbon falls 0.5 kg per unit moved
    // A → B (+1 CNY) until B draws 12 kWh; B 15 would cost more for the same 1.5 kg.
    const sc = tiny({ sites: [site('A', 114.86, 40.82), site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, greenSupplyMW: 0.012 })] });
    const f = (await paretoFrontier(sc, { points: 3 })).frontiers[0]!;
    checkFrontier(sc, f);
    [27.5, 31, 34.5].forEach((c, i) => near(f.points[i]!.cost, c, 1e-9));
    [0.005, 0.00325, 0.0015].forEach((t, i) => near(f.points[i]!.carbonTonnes, t, 1e-8));
    const atB = f.points[2]!.plan!.assignments.filter((a) => a.site === 'B').reduce((s, a) => s + a.amount, 0);
    near(atB, 12, 1e-6);
    // Location accounting counts green energy too: nothing to abate, one point, the rest noted.
    const loc = { ...sc, policy: { carbonAccounting: 'location' as const } };
    const g = await paretoFrontier(loc, { points: 4 });
    expect(g.accounting).toBe('location');
    const fl = g.frontiers[0]!;
    checkFrontier(loc, fl);
    expect(fl.points).toHaveLength(1);
    expect(fl.dropped).toBe(3);
    expect(fl.notes.join(' ')).toMatch(/no abatement is possible/);
  });

  it('abatement "any" may drop work down to zero carbon', async () => {
    const sc = hand();
    const f = (await paretoFrontier(sc, { points: 3, abatement: 'any' })).frontiers[0]!;
    checkFrontier(sc, f);
    expect(f.minCarbonTonnes).toBe(0);
    near(f.points[1]!.cost, 25.1 + 1250 * 0.0063, 1e-9);
    const last = f.points[2]!;
    expect(last.carbonTonnes).toBeLessThan(1e-8);
    near(last.cost, 1500, 1e-6); // all 15 units unmet at 100 CNY
  });

  it('hard demand (allowUnmet false) still reaches the least carbon', async () => {
    const sc = hand({ allowUnmet: false });
    const f = (await paretoFrontier(sc, { points: 4 })).frontiers[0]!;
    checkFrontier(sc, f);
    near(f.points.at(-1)!.carbonTonnes, 0.003, 1e-8);
  });

  it('no plan at all: an infeasible scenario gives an empty frontier, status and note', async () => {
    const sc = hand({ allowUnmet: false });
    const tooMuch = { ...sc, demands: [demand('d1', { amount: 200 })] };
    const f = (await paretoFrontier(tooMuch, { points: 3 })).frontiers[0]!;
    expect(f.status).toBe('infeasible');
    expect(f.points).toEqual([]);
    expect(f.dropped).toBe(3);
    expect(f.notes.join(' ')).toMatch(/no frontier/);
  });

  it("the scenario's own cap is kept: the frontier starts at it", async () => {
    const sc = hand({ carbonCapTonnes: 0.0078 });
    const f = (await paretoFrontier(sc, { points: 3 })).frontiers[0]!;
    checkFrontier(sc, f);
    checkCapPrices(f);
    expect(f.points[0]!.cap).toBe(0.0078);
    near(f.points[0]!.capPrice!, 1250, 1e-9);
    [31.1, 34.1, 37.5].forEach((c, i) => near(f.points[i]!.cost, c, 1e-9));
  });

  it('an aborted signal: status aborted, no points, a note', async () => {
    const f = (await paretoFrontier(hand(), { points: 3, signal: AbortSignal.abort() })).frontiers[0]!;
    expect(f.status).toBe('aborted');
    expect(f.points).toEqual([]);
    expect(f.notes.length).toBeGreaterThan(0);
  });

  it('includePlans: false leaves the plans out', async () => {
    const f = (await paretoFrontier(hand(), { points: 2, includePlans: false })).frontiers[0]!;
    expect(f.points).toHaveLength(2);
    for (const p of f.points) expect('plan' in p).toBe(false);
  });
});

describe('paretoFrontier, method price', () => {
  it('prices from 0 to just past the steepest MAC; weighted sums repeat vertices, dropped with notes', async () => {
    const sc = hand();
    const f = (await paretoFrontier(sc, { points: 5, method: 'price' })).frontiers[0]!;
    checkFrontier(sc, f);
    // Steepest piece 1500 CNY/t → top price ceil2(1515) = 1600; 0, 400, 800 and 1200 all pick the
    // least-cost vertex, 1600 the least-carbon one.
    expect(f.points.map((p) => p.carbonPrice)).toEqual([0, 1600]);
    expect(f.dropped).toBe(3);
    expect(f.notes.filter((n) => n.includes('the same plan as price 0'))).toHaveLength(3);
    expect(f.notes[0]).toMatch(/0 … 1600 CNY\/t.*1500 CNY\/t/);
    near(f.points[1]!.carbonTonnes, 0.003, 1e-9);
    near(f.points[1]!.mac!, (37.5 - 25.1) / 0.0096, 1e-9);
  });

  it('ceil2 rounds up to two significant digits', () => {
    expect([ceil2(1515), ceil2(1500), ceil2(0.01234), ceil2(99.1), ceil2(0)]).toEqual([1600, 1500, 0.013, 100, 0]);
  });
});

describe('latency scale', () => {
  it('one frontier per factor, each verified against its scaled scenario', async () => {
    // C (Zhongwei, ≈15 ms) is cheap (0.6 CNY/unit, 0.5 kg/unit): usable only once limits double.
    const sc = tiny({ sites: [...hand().sites, site('C', 105.13, 37.32, { capacity: { general: 1000 }, unitCost: { general: 0.1 } })] });
    const r = await paretoFrontier(sc, { points: 3, latencyScale: [1, 2] });
    expect(r.frontiers.map((f) => f.latencyScale)).toEqual([1, 2]);
    checkFrontier(sc, r.frontiers[0]!);
    near(r.frontiers[0]!.points[0]!.cost, 25.1, 1e-9);
    const scaled = { ...sc, demands: sc.demands.map((d) => ({ ...d, maxLatencyMs: d.maxLatencyMs * 2 })) };
    const f2 = r.frontiers[1]!;
    checkFrontier(scaled, f2);
    near(f2.points[0]!.cost, 15 * 0.6, 1e-9);
    near(f2.points[0]!.carbonTonnes, 0.0075, 1e-9);
    near(f2.minCarbonTonnes!, 0.003, 1e-9);
  });

  it('a factor that leaves a demand without any site is an OptionsError naming it', async () => {
    const err = await paretoFrontier(hand(), { points: 2, latencyScale: [1, 0.1] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OptionsError);
    expect((err as OptionsError).option).toBe('latencyScale[1]');
  });
});

describe('bad options are typed errors naming the field', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['points 1', { points: 1 }, 'points'],
    ['points 2.5', { points: 2.5 }, 'points'],
    ['points NaN', { points: NaN }, 'points'],
    ['points as a string', { points: '5' }, 'points'],
    ['points missing', {}, 'points'],
    ['method', { points: 3, method: 'grid' }, 'method'],
    ['abatement', { points: 3, abatement: 'drop' }, 'abatement'],
    ['includePlans', { points: 3, includePlans: 'yes' }, 'includePlans'],
    ['latencyScale empty', { points: 3, latencyScale: [] }, 'latencyScale'],
    ['latencyScale not an array', { points: 3, latencyScale: 2 }, 'latencyScale'],
    ['latencyScale ≤ 0', { points: 3, latencyScale: [1, -1] }, 'latencyScale[1]'],
    ['latencyScale Infinity', { points: 3, latencyScale: [Infinity] }, 'latencyScale[0]'],
    ['backend flow with caps', { points: 3, backend: 'flow' }, 'backend'],
    ['timeLimitSeconds', { points: 3, timeLimitSeconds: -1 }, 'timeLimitSeconds'],
  ];
  for (const [name, options, option] of cases) {
    it(name, async () => {
      const err = await paretoFrontier(hand(), options as unknown as ParetoOptions).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OptionsError);
      expect((err as OptionsError).option).toBe(option);
    });
  }

  it('an invalid scenario is a ScenarioError', async () => {
    await expect(paretoFrontier({ ...hand(), horizonHours: 0 }, { points: 3 })).rejects.toThrow(ScenarioError);
  });
});

describe('toFrontier drops duplicates and dominated points, never silently', () => {
  const pt = (cost: number, carbonTonnes: number) => ({ cap: null, carbonPrice: 0, status: 'optimal' as const, cost, objective: cost, carbonTonnes, locationTonnes: carbonTonnes, marketTonnes: carbonTonnes, capPrice: null, gap: 0 });
  it('keeps the efficient points by falling carbon, with MAC, and says why each other went', () => {
    const c: Candidate[] = [
      { label: 'p0', point: pt(10, 5) },
      { label: 'p1', point: pt(12, 3) },
      { label: 'p2', point: pt(10 + 1e-9, 5) }, // p0 again, up to noise
      { label: 'p3', point: pt(13, 3) }, // as clean as p1, dearer
      { label: 'p4', point: pt(11, 4) },
      { label: 'p5', point: pt(11.5, 4.5) }, // p4 is cheaper and cleaner
    ];
    const f = toFrontier(c);
    expect(f.points.map((p) => [p.cost, p.carbonTonnes, p.mac])).toEqual([
      [10, 5, null],
      [11, 4, 1],
      [12, 3, 1],
    ]);
    expect(f.dropped).toBe(3);
    expect(f.notes).toEqual([expect.stringMatching(/^p2: dropped, the same plan as p0/), expect.stringMatching(/^p3: dropped, dominated by p1/), expect.stringMatching(/^p5: dropped, dominated by p4/)]);
  });
});

describe('the built-in scenario', () => {
  it('a 5-point cap frontier runs, is monotone, verifies, and its ends are right', async () => {
    const sc = scenarios.eastDataWestComputing;
    const r = await paretoFrontier(sc, { points: 5 });
    const f = r.frontiers[0]!;
    expect(formatPareto(r)).toContain('MAC');
    checkFrontier(sc, f);
    checkCapPrices(f);
    expect(f.points).toHaveLength(5);
    const minCost = await solve(sc);
    near(f.points[0]!.objective, minCost.objective!, 1e-9);
    near(f.points.at(-1)!.carbonTonnes, f.minCarbonTonnes!, 1e-6);
    expect(f.minCarbonTonnes!).toBeLessThan(f.maxCarbonTonnes!);
    // Relocation only: the least-carbon end serves all, and a cap 0.1% below it forces unmet work.
    expect(f.points.at(-1)!.plan!.unmet).toEqual([]);
    const below = await solve(withCap(sc, f.minCarbonTonnes! * 0.999));
    expect(below.status).toBe('optimal');
    expect(below.unmet.reduce((s, u) => s + u.amount, 0)).toBeGreaterThan(0);
  }, 180_000);

  it('a 4-point price frontier runs, is monotone and verifies', async () => {
    const sc = scenarios.eastDataWestComputing;
    const r = await paretoFrontier(sc, { points: 4, method: 'price' });
    const f = r.frontiers[0]!;
    checkFrontier(sc, f);
    expect(f.points[0]!.carbonPrice).toBe(0);
    // The top price is past the steepest MAC, so the last point reaches the least carbon.
    near(f.points.at(-1)!.carbonTonnes, f.minCarbonTonnes!, 1e-6);
  }, 180_000);
});

describe('suanflow pareto (CLI)', () => {
  afterEach(() => vi.restoreAllMocks());
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    return { out, err };
  }
  const file = (sc: unknown) => {
    const p = join(mkdtempSync(join(tmpdir(), 'suanflow-pareto-')), 'sc.json');
    writeFileSync(p, JSON.stringify(sc));
    return p;
  };

  it('--help prints the usage', async () => {
    const io = capture();
    expect(await paretoCommand(['--help'])).toBe(0);
    expect(io.out.join('')).toMatch(/usage: suanflow pareto \[file\]/);
  });

  it('a file, as a table and as JSON', async () => {
    const f = file(hand());
    let io = capture();
    expect(await paretoCommand([f, '--points', '3'])).toBe(0);
    expect(io.out.join('')).toMatch(/MAC CNY\/t/);
    vi.restoreAllMocks();
    io = capture();
    expect(await paretoCommand([f, '--points', '3', '--json', '--method', 'price', '--latency-scale', '1,2', '--time-limit', '30'])).toBe(0);
    const r = JSON.parse(io.out.join(''));
    expect(r.method).toBe('price');
    expect(r.frontiers).toHaveLength(2);
    expect(r.frontiers[0].points[0].plan).toBeUndefined();
    vi.restoreAllMocks();
    io = capture();
    expect(await paretoCommand([f, '--points', '2', '--json', '--plans'])).toBe(0);
    expect(JSON.parse(io.out.join('')).frontiers[0].points[0].plan.status).toBe('optimal');
  });

  it('exit 1 when a solve is not optimal', async () => {
    const io = capture();
    const f = file({ ...hand({ allowUnmet: false }), demands: [demand('d1', { amount: 200 })] });
    expect(await paretoCommand([f, '--points', '2'])).toBe(1);
    expect(io.out.join('')).toMatch(/infeasible/);
  });

  it.each([
    [['--points', '1'], /^suanflow pareto: --points: must be an integer/],
    [['--points', 'x'], /^suanflow pareto: --points must be a number/],
    [['--method', 'grid'], /^suanflow pareto: --method: must be one of/],
    [['--latency-scale', '1,0'], /^suanflow pareto: --latency-scale: must be a finite number > 0/],
    [['--time-limit', '0'], /^suanflow pareto: --time-limit: /],
    [['--bogus'], /^suanflow pareto: unknown option --bogus \(flags: --points, /],
    [['--plans'], /^suanflow pareto: --plans needs --json/],
    [['/nonexistent/sc.json'], /^suanflow pareto: cannot read \/nonexistent\/sc.json: ENOENT/],
    [['a.json', 'b.json'], /^suanflow pareto: unexpected argument "b.json"/],
  ])('bad input %j: exit 2, one line and the usage hint', async (argv, message) => {
    const io = capture();
    expect(await paretoCommand(argv)).toBe(2);
    const text = io.err.join('');
    expect(text).toMatch(message);
    expect(text.trim().split('\n')).toEqual([expect.any(String), 'run "suanflow pareto --help" for usage']);
  });

  it('an invalid scenario file: exit 2, every problem with its path', async () => {
    const io = capture();
    expect(await paretoCommand([file({ ...hand(), horizonHours: 0, bogus: 1 })])).toBe(2);
    const text = io.err.join('');
    expect(text).toMatch(/^suanflow pareto: invalid scenario: \d+ problems\n/);
    expect(text).toMatch(/^ {2}horizonHours: .*\[range\]$/m);
    expect(text).toMatch(/^ {2}bogus: unknown key "bogus".*\[unknown-key\]$/m);
  });

  it('the built-in scenario by default', async () => {
    const io = capture();
    expect(await paretoCommand(['--points', '2', '--json'])).toBe(0);
    const r = JSON.parse(io.out.join(''));
    expect(r.frontiers[0].points).toHaveLength(2);
    expect(r.frontiers[0].status).toBe('optimal');
  }, 120_000);
});
