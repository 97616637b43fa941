import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { simulateCommand } from '../src/cli/simulate.js';
import { OptionsError } from '../src/errors.js';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarios } from '../src/datasets/index.js';
import type { Scenario } from '../src/scenario/types.js';
import { formatSimulation } from '../src/simulate/format.js';
import { simulate } from '../src/simulate/simulate.js';
import type { SimulateOptions } from '../src/simulate/types.js';
import { solve } from '../src/solve/solve.js';
import { demand, sixHours as small, site, tiny } from './fixtures.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));


/** Simulates with exact forecasts and a look-ahead to the end, and checks realized = perfect foresight. */
async function expectPerfectForesight(sc: Scenario, options: Omit<SimulateOptions, 'lookaheadHours'> = {}) {
  const r = await simulate(sc, { lookaheadHours: sc.horizonHours, ...options });
  expect(r.status).toBe('optimal');
  expect(r.replans).toBe(sc.horizonHours);
  expect(r.perfectForesight?.status).toBe('optimal');
  expect(rel(r.objective, r.perfectForesight!.objective!)).toBeLessThanOrEqual(1e-6);
  expect(verifyPlan(sc, r.plan).violations).toEqual([]);
  return r;
}

describe('simulate: rolling horizon', () => {
  it('exact forecasts, look-ahead to the end: realized = perfect foresight (glpk, green under a carbon price)', async () => {
    const r = await expectPerfectForesight(small(), { backend: 'glpk' });
    expect(r.backend).toBe('glpk');
    expect(Math.abs(r.gapPercent!)).toBeLessThan(1e-4);
  });

  it('… on a network (flow backend), with a carbon cap carried forward, and with green shares carried forward', async () => {
    const r = await expectPerfectForesight(small({ prices: { carbonPerTonne: 0, unmetPenalty: 100, transferPerGB: 0 } }));
    expect(r.backends).toEqual({ flow: 6 });
    // The cap binds (the plan with it costs more) and the realized schedule meets it exactly.
    const free = await solve(small());
    const cap = 0.8 * free.carbon!.marketTonnes;
    const capped = await expectPerfectForesight(small({ policy: { carbonCapTonnes: cap } }), { backend: 'glpk' });
    expect(capped.objective).toBeGreaterThan(free.objective! + 1e-6);
    expect(capped.carbon.marketTonnes).toBeLessThanOrEqual(cap * (1 + 1e-9));
    await expectPerfectForesight(small({ policy: { minGreenShare: 0.2 } }), { backend: 'glpk' });
    await expectPerfectForesight(small({ sites: small().sites.map((s) => (s.id === 'B' ? { ...s, minGreenShare: 0.3 } : s)) }), { backend: 'glpk' });
  });

  it('exact forecasts, look-ahead to the end: the one-day built-in scenario equals its glpk optimum', async () => {
    const sc = scenarios.eastDataWestComputing;
    const r = await expectPerfectForesight(sc, { backend: 'glpk' });
    expect(r.unmet.total).toBe(0);
    // The baselines of suanflow compare, on the actual values: neither beats the realized optimum.
    expect(r.baselines!.nearest.backend).toBe('baseline');
    expect(r.baselines!.nearest.objective!).toBeGreaterThan(r.objective);
    expect(r.baselines!.costOnly.objective!).toBeGreaterThanOrEqual(r.objective * (1 - 1e-9));
    expect(r.baselines!.costOnly.carbon!.marketTonnes).toBeGreaterThan(r.carbon.marketTonnes);
    expect(formatSimulation(r)).toContain('(a) nearest site');
  });

  it('is deterministic for a seed, and the seed matters under forecast errors', async () => {
    const opts: SimulateOptions = { lookaheadHours: 3, forecastError: { demand: 0.2, green: 0.3 }, noisyCurrentHour: true, perfectForesight: false };
    const a = await simulate(small(), { ...opts, seed: 7 });
    const b = await simulate(small(), { ...opts, seed: 7 });
    const c = await simulate(small(), { ...opts, seed: 8 });
    expect(b.plan.assignments).toEqual(a.plan.assignments);
    expect(b.objective).toBe(a.objective);
    expect(c.plan.assignments).not.toEqual(a.plan.assignments);
    expect(a.perfectForesight).toBeNull();
    expect(a.gapPercent).toBeNull();
  });

  it('forecast errors: the schedule stays valid against the actual scenario, never serving more than the actual demand', async () => {
    const sc = small();
    for (const seed of [1, 2, 3]) {
      const r = await simulate(sc, { lookaheadHours: 4, seed, forecastError: { demand: 0.3, green: 0.5 }, noisyCurrentHour: true });
      expect(verifyPlan(sc, r.plan).violations).toEqual([]);
      // Realized is a feasible schedule of the actual scenario: never below the optimum.
      expect(r.objective).toBeGreaterThanOrEqual(r.perfectForesight!.objective! * (1 - 1e-9));
      expect(r.gapPercent!).toBeGreaterThanOrEqual(-1e-7);
    }
  });

  it('a forecast of the current hour that was too low is made up on spare capacity (real-time recourse)', async () => {
    const sc = tiny({ horizonHours: 3, sites: [site('A', 114.86, 40.82, { capacity: { general: 1000 } })], demands: [demand('live', { amount: [10, 20, 15] })] });
    for (const seed of [1, 2, 3, 4]) {
      const r = await simulate(sc, { lookaheadHours: 2, seed, forecastError: { demand: 0.5 }, noisyCurrentHour: true, perfectForesight: false });
      expect(r.unmet.total).toBe(0);
      expect(r.plan.assignments.map((a) => a.amount)).toEqual([10, 20, 15].map((x) => expect.closeTo(x, 9)));
    }
  });

  it('carries deferrable work forward: a short look-ahead keeps an even pace and finishes by the deadline', async () => {
    // 30 unit-hours in hours 0–3 with 10 units of capacity per hour and a 2-hour look-ahead.
    const sc = tiny({
      horizonHours: 4,
      sites: [site('A', 114.86, 40.82, { capacity: { general: 10 }, electricityPrice: [0.9, 0.8, 0.2, 0.1] })],
      demands: [demand('job', { amount: 30, window: { release: 0, deadline: 4 } })],
    });
    const r = await simulate(sc, { lookaheadHours: 2, backend: 'glpk' });
    // The deferral column is an arc to the sink for the network simplex: the same schedule.
    const viaFlow = await simulate(sc, { lookaheadHours: 2, backend: 'flow', perfectForesight: false });
    expect(viaFlow.backend).toBe('flow');
    expect(viaFlow.objective).toBeCloseTo(r.objective, 9);
    expect(r.unmet.total).toBe(0);
    expect(verifyPlan(sc, r.plan).violations).toEqual([]);
    const served = (t: number) => r.plan.assignments.filter((a) => a.hour === t).reduce((s, a) => s + a.amount, 0);
    // Hour 0 sees hours 0–1 only: at most half of the work may wait beyond them (an even pace), so
    // 15 units run there, 10 in the cheaper hour 1 and 5 now, although hours 2–3 are cheaper still.
    // The rest is carried forward: hour 1 again keeps pace (a third may wait), hour 2 sees the deadline.
    expect(served(0)).toBeCloseTo(5, 9);
    expect(r.steps.map((s) => s.backlogUnits)).toEqual([25, 55 / 3, 10, 0].map((x) => expect.closeTo(x, 9)));
    expect(served(0) + served(1) + served(2) + served(3)).toBeCloseTo(30, 9);
    // Perfect foresight runs 10 units in each of hours 1–3 (41 CNY); the realized schedule 42.5 CNY.
    expect(r.objective).toBeCloseTo(42.5, 9);
    expect(r.perfectForesight!.objective!).toBeCloseTo(41, 9);
    expect(r.perfectForesight!.objective!).toBeLessThanOrEqual(r.objective + 1e-9);
  });

  it('work left at the deadline is unmet (hour null) at the penalty; interactive shortfall per hour', async () => {
    const sc = tiny({
      horizonHours: 4,
      sites: [site('A', 114.86, 40.82, { capacity: { general: 5 } })],
      demands: [demand('job', { amount: 30, window: { release: 0, deadline: 3 } }), demand('live', { amount: [0, 0, 0, 7] })],
    });
    const r = await simulate(sc, { lookaheadHours: 1 });
    expect(r.plan.unmet).toEqual([
      { demand: 'job', hour: null, amount: expect.closeTo(15, 9) },
      { demand: 'live', hour: 3, amount: expect.closeTo(2, 9) },
    ]);
    expect(r.unmet).toEqual({ interactive: expect.closeTo(2, 9), deferrable: expect.closeTo(15, 9), total: expect.closeTo(17, 9) });
    expect(r.costs.unmet).toBeCloseTo(17 * 100, 6);
    expect(verifyPlan(sc, r.plan).violations).toEqual([]);
  });

  it('reports steps, time statistics and the backend; an aborted signal stops before the first re-plan', async () => {
    const seen: number[] = [];
    const r = await simulate(small(), { lookaheadHours: 2, onStep: (s) => seen.push(s.hour) });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.steps.every((s) => s.hours === Math.min(2, 6 - s.hour) && s.ms >= 0)).toBe(true);
    expect(r.solveMs.max).toBeGreaterThanOrEqual(r.solveMs.median);
    expect(r.backend).toBe('glpk');
    const ac = new AbortController();
    ac.abort();
    const stopped = await simulate(small(), { lookaheadHours: 2, signal: ac.signal });
    expect(stopped.status).toBe('aborted');
    expect(stopped.hoursSimulated).toBe(0);
    expect(stopped.perfectForesight).toBeNull();
  });

  it('bad options are OptionsErrors that name the option', async () => {
    const bad: [Partial<SimulateOptions> | null, string][] = [
      [{}, 'lookaheadHours'],
      [{ lookaheadHours: 0 }, 'lookaheadHours'],
      [{ lookaheadHours: 2.5 }, 'lookaheadHours'],
      [{ lookaheadHours: 2, seed: -1 }, 'seed'],
      [{ lookaheadHours: 2, forecastError: { demand: -0.1 } }, 'forecastError.demand'],
      [{ lookaheadHours: 2, forecastError: { green: 2 } }, 'forecastError.green'],
      [{ lookaheadHours: 2, forecastError: { wind: 0.1 } as never }, 'forecastError.wind'],
      [{ lookaheadHours: 2, backend: 'simplex' as never }, 'backend'],
      [{ lookaheadHours: 2, timeLimitSeconds: 0 }, 'timeLimitSeconds'],
      [{ lookaheadHours: 2, noisyCurrentHour: 'yes' as never }, 'noisyCurrentHour'],
      [null, 'options'],
    ];
    for (const [opts, name] of bad) {
      const err = await simulate(small(), opts as SimulateOptions).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OptionsError);
      expect((err as OptionsError).option).toBe(name);
    }
    // "flow" on a model with green coupling names the backend option.
    await expect(simulate(small(), { lookaheadHours: 2, backend: 'flow' })).rejects.toMatchObject({ name: 'OptionsError', option: 'backend' });
  });

  it('the CLI prints a summary or JSON, and exits 2 on bad input', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'suanflow-sim-')), 'small.json');
    writeFileSync(file, JSON.stringify(small()));
    const run = async (argv: string[]) => {
      let out = '';
      let err = '';
      const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
      const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
      try {
        return { code: await simulateCommand(argv), out, err };
      } finally {
        o.mockRestore();
        e.mockRestore();
      }
    };
    const json = await run([file, '--lookahead', '6', '--backend', 'glpk', '--json']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out) as { objective: number; perfectForesight: { objective: number }; replans: number };
    expect(r.replans).toBe(6);
    expect(rel(r.objective, r.perfectForesight.objective)).toBeLessThanOrEqual(1e-6);
    const text = await run([file, '--lookahead', '2', '--seed', '3', '--demand-error', '0.1', '--green-error', '0.2']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/look-ahead 2 h, seed 3/);
    expect(text.out).toMatch(/gap to perfect foresight: [+-]\d/);
    expect((await run([file, '--lookahead', '0'])).code).toBe(2);
    expect((await run([file, '--backend', 'simplex'])).err).toMatch(/^suanflow simulate: --backend: must be one of/);
    expect((await run([file, '--week'])).code).toBe(2);
    expect((await run(['--days', '2'])).err).toMatch(/--days needs --week/);
    expect((await run([join(file, 'missing.json')])).code).toBe(2);
  });
});
