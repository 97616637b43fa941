import { describe, expect, it } from 'vitest';
import { OptionsError } from '../src/errors.js';
import { verifyPlan } from '../src/plan/verify.js';
import { buildEastDataWestComputing } from '../src/datasets/east-data-west-computing.js';
import { eastDataWestComputingWeek } from '../src/datasets/week.js';
import type { Hourly } from '../src/scenario/types.js';
import { scenarioIssues } from '../src/scenario/validate.js';
import { solve } from '../src/solve/solve.js';

const day = buildEastDataWestComputing();
const week = eastDataWestComputingWeek();
const at = (v: Hourly | undefined, t: number): number => (v === undefined ? 0 : typeof v === 'number' ? v : (v[t] ?? Number.NaN));
const interactive = day.demands.filter((d) => !d.window);
const deferrable = day.demands.filter((d) => d.window);

describe('built-in week scenario', () => {
  it('is valid, 168 hours, with every daily deferrable demand split into one per day', () => {
    expect(scenarioIssues(week)).toEqual([]);
    expect(week.horizonHours).toBe(168);
    expect(week.demands).toHaveLength(interactive.length + 7 * deferrable.length);
    for (const d of deferrable) {
      for (let k = 0; k < 7; k++) {
        const w = week.demands.find((x) => x.id === `${d.id}-d${k}`);
        expect(w?.window).toEqual({ ...d.window, release: d.window!.release + 24 * k, deadline: d.window!.deadline + 24 * k });
      }
    }
  });

  it('repeats the day: prices, capacity and grid factors every day; weekday demand as the one-day data', () => {
    for (const [i, s] of week.sites.entries()) {
      const base = day.sites[i]!;
      expect(s.capacity).toEqual(base.capacity);
      for (const t of [0, 13, 50, 100, 167]) {
        expect(at(s.electricityPrice, t)).toBe(at(base.electricityPrice, t % 24));
        expect(at(s.gridCarbon, t)).toBe(at(base.gridCarbon, t % 24));
      }
    }
    // Monday (day 0) … Friday (day 4) carry the one-day amounts; the weekend less.
    const ai = week.demands.find((d) => d.id === 'beijing-ai-serving')!;
    const aiDay = day.demands.find((d) => d.id === 'beijing-ai-serving')!;
    for (const t of [0, 12, 4 * 24 + 20]) expect(at(ai.amount, t)).toBe(at(aiDay.amount, t % 24));
    expect(at(ai.amount, 5 * 24 + 12)).toBeLessThan(at(aiDay.amount, 12));
    const batch = (k: number) => week.demands.find((d) => d.id === `shanghai-batch-d${k}`)!.amount as number;
    expect(batch(2)).toBe(day.demands.find((d) => d.id === 'shanghai-batch')!.amount);
    expect(batch(6)).toBeLessThan(batch(2));
  });

  it('varies green supply from day to day (seeded weather) and keeps its daily shape', () => {
    const zw = week.sites.find((s) => s.id === 'zhongwei')!;
    const base = day.sites.find((s) => s.id === 'zhongwei')!;
    const dayTotal = (k: number) => Array.from({ length: 24 }, (_, t) => at(zw.greenSupplyMW, 24 * k + t)).reduce((a, b) => a + b, 0);
    const totals = Array.from({ length: 7 }, (_, k) => dayTotal(k));
    expect(new Set(totals.map((x) => Math.round(x))).size).toBeGreaterThan(1);
    const baseTotal = Array.from({ length: 24 }, (_, t) => at(base.greenSupplyMW, t)).reduce((a, b) => a + b, 0);
    for (const x of totals) {
      expect(x).toBeGreaterThanOrEqual(0.55 * baseTotal - 24);
      expect(x).toBeLessThanOrEqual(1.25 * baseTotal + 24);
    }
    // Sites without green supply stay without.
    expect(week.sites.find((s) => s.id === 'wuhu')!.greenSupplyMW).toBeUndefined();
  });

  it('is deterministic per seed; the seed changes only the weather', () => {
    expect(JSON.stringify(eastDataWestComputingWeek({ seed: 1 }))).toBe(JSON.stringify(week));
    const other = eastDataWestComputingWeek({ seed: 2 });
    expect(other.demands).toEqual(week.demands);
    expect(other.sites.map((s) => s.greenSupplyMW)).not.toEqual(week.sites.map((s) => s.greenSupplyMW));
    expect(scenarioIssues(other)).toEqual([]);
  });

  it('takes a number of days, and names a bad option', () => {
    const two = eastDataWestComputingWeek({ days: 2 });
    expect(two.horizonHours).toBe(48);
    expect(scenarioIssues(two)).toEqual([]);
    expect(() => eastDataWestComputingWeek({ days: 0 })).toThrow(OptionsError);
    expect(() => eastDataWestComputingWeek({ days: 1.5 })).toThrow(/option days/);
    expect(() => eastDataWestComputingWeek({ seed: -1 })).toThrow(/option seed/);
  });

  it('solves to a verified optimum (decompose; glpk.js takes ~30 s here and is measured in bench:solve and bench:simulate)', async () => {
    const plan = await solve(week, { backend: 'decompose' });
    expect(plan.status).toBe('optimal');
    expect(plan.solver.backend).toBe('decompose');
    expect(verifyPlan(week, plan).violations).toEqual([]);
    expect(plan.unmet).toEqual([]);
  });
});
