import { afterEach, describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { setResultFaultForTesting, type ResultFault } from '../src/solve/backend-seam.js';
import { verifyPlan } from '../src/plan/verify.js';
import { generateScenario } from '../src/bench/generate.js';
import { scenarios } from '../src/datasets/index.js';
import { tiny } from './fixtures.js';

/**
 * Faults a valid scenario cannot provoke, injected between a backend and its plan: the self-check
 * (the independent verifier) must catch them, and the plan must never be `optimal` when it is wrong.
 */

/** Doubles the largest placement value: its demand row no longer balances. */
const doubleLargestX: ResultFault = (_b, res, m) => {
  if (!res.feasible) return res;
  const values = Float64Array.from(res.values);
  let best = -1;
  m.cols.forEach((c, j) => {
    if (c.meaning.kind === 'x' && (best < 0 || values[j]! > values[best]!)) best = j;
  });
  if (best >= 0) values[best] = 2 * values[best]! + 1;
  return { ...res, values };
};

/** Only for the named backends. */
const only = (names: string[], f: ResultFault): ResultFault => (b, res, m) => (names.includes(b) ? f(b, res, m) : res);

const network = () => generateScenario({ demands: 60, sites: 8, hours: 3, seed: 11 });
const capped = () => tiny({ policy: { carbonCapTonnes: 1000 } });

afterEach(() => setResultFaultForTesting(undefined));

describe('self-check: every plan is verified before it is returned', () => {
  it('a clean solve is optimal, verified, and reports the cost of its check', async () => {
    const sc = network();
    const p = await solve(sc, { backend: 'flow' });
    expect(p.status).toBe('optimal');
    expect(p.solver.selfCheckMs).toBeGreaterThanOrEqual(0);
    expect(p.solver.retriedFrom).toBeUndefined();
    expect(verifyPlan(sc, p).violations).toEqual([]);
  });

  it('a wrong flow plan is re-solved with glpk: optimal, verified, and the retry is said', async () => {
    const sc = network();
    const clean = await solve(sc, { backend: 'flow' });
    setResultFaultForTesting(only(['flow'], doubleLargestX));
    const p = await solve(sc, { backend: 'flow' });
    expect(p.status).toBe('optimal');
    expect(p.solver.backend).toBe('glpk');
    expect(p.solver.retriedFrom).toBe('flow');
    expect(p.solver.reason).toMatch(/retried with glpk because the flow plan failed the self-check \(\d+ violations?, first: demand-conservation/);
    expect(verifyPlan(sc, p).violations).toEqual([]);
    expect(p.objective).toBeCloseTo(clean.objective!, 4);
  });

  it('a wrong glpk plan of a coupled model is re-solved with HiGHS', async () => {
    const sc = capped();
    setResultFaultForTesting(only(['glpk'], doubleLargestX));
    const p = await solve(sc, { backend: 'glpk' });
    expect(p.status).toBe('optimal');
    expect(p.solver.backend).toBe('highs');
    expect(p.solver.retriedFrom).toBe('glpk');
    expect(verifyPlan(sc, p).violations).toEqual([]);
  });

  it('a wrong objective alone (values right, the reported z off) is caught too', async () => {
    const sc = network();
    setResultFaultForTesting(only(['flow'], (_b, res) => ({ ...res, z: res.z * 1.01 + 1 })));
    const p = await solve(sc, { backend: 'flow' });
    expect(p.solver.retriedFrom).toBe('flow');
    expect(p.solver.reason).toMatch(/first: objective: the solver's objective/);
    expect(p.status).toBe('optimal');
    expect(verifyPlan(sc, p).violations).toEqual([]);
  });

  it('when every exact backend is wrong the status is numerical_error, with the violations and no plan', async () => {
    const sc = network();
    setResultFaultForTesting(doubleLargestX);
    const p = await solve(sc, { backend: 'flow' });
    expect(p.status).toBe('numerical_error');
    expect(p.objective).toBeNull();
    expect(p.assignments).toEqual([]);
    expect(p.message).toMatch(/^numerical error: the flow plan failed the self-check .*, and so did the glpk plan/);
    expect(p.solver.retriedFrom).toBe('flow');
    expect(p.violations!.length).toBeGreaterThan(0);
    expect(p.violations!.length).toBeLessThanOrEqual(20);
    expect(p.violations!.map((v) => v.rule)).toContain('demand-conservation');
    // No wrong plan is handed out, so what is returned passes the verifier.
    expect(verifyPlan(sc, p).ok).toBe(true);
  });

  it('decompose falls back to glpk, the exact reference', async () => {
    const sc = generateScenario({ demands: 40, sites: 6, hours: 24, seed: 4, green: true });
    setResultFaultForTesting(only(['decompose'], doubleLargestX));
    const p = await solve(sc, { backend: 'decompose' });
    expect(p.status).toBe('optimal');
    expect(p.solver.backend).toBe('glpk');
    expect(p.solver.retriedFrom).toBe('decompose');
    expect(verifyPlan(sc, p).violations).toEqual([]);
  });
});

describe("the verifier's core mode (what the self-check runs)", () => {
  it('catches what a solver decides, and leaves the derived report fields to the full mode', async () => {
    const sc = network();
    const p = await solve(sc, { backend: 'flow' });
    // A derived field off: only the full mode sees it.
    const badEnergy = { ...p, energy: p.energy.map((e, i) => (i === 0 ? { ...e, kWh: e.kWh + 10 } : e)) };
    expect(verifyPlan(sc, badEnergy, { mode: 'core' }).ok).toBe(true);
    expect(verifyPlan(sc, badEnergy).violations.map((v) => v.rule)).toContain('energy');
    // A decision off (one assignment doubled): both modes see it.
    const a0 = p.assignments[0]!;
    const badX = { ...p, assignments: [{ ...a0, amount: a0.amount * 2 }, ...p.assignments.slice(1)] };
    expect(verifyPlan(sc, badX, { mode: 'core' }).violations.map((v) => v.rule)).toContain('demand-conservation');
    expect(() => verifyPlan(sc, p, { mode: 'fast' as 'core' })).toThrow(/option mode: must be "full" or "core"/);
  });
});

describe("core mode's own totals agree with the full recomputation", () => {
  const cases = [
    ['built-in day (market carbon, green supply)', () => scenarios.eastDataWestComputing],
    ['green hubs (shares)', () => scenarios.greenHubs],
    ['location accounting with a cap', () => ({ ...scenarios.eastDataWestComputing, policy: { ...scenarios.eastDataWestComputing.policy, carbonAccounting: 'location' as const, carbonCapTonnes: 1e9 } })],
    ['generated green 80 × 8 × 4', () => generateScenario({ demands: 80, sites: 8, hours: 4, seed: 5, green: true })],
    ['link transfer cost, per-class unmet penalty, data per unit', () => tiny({ links: [{ from: 'bj', to: 'A', costPerGB: 0.5 }], prices: { carbonPerTonne: 50, unmetPenalty: { general: 100 }, transferPerGB: 0.1 }, demands: [{ id: 'd1', origin: 'bj', class: 'general', amount: 200, maxLatencyMs: 10, dataGBPerUnit: 2 }] })],
  ] as const;
  for (const [name, make] of cases) {
    it(`${name}: a clean plan passes, a 0.1% objective error does not, and no solve retried`, async () => {
      const sc = make();
      const p = await solve(sc);
      expect(p.solver.retriedFrom).toBeUndefined();
      expect(verifyPlan(sc, p, { mode: 'core' }).violations).toEqual([]);
      const off = { ...p, objective: p.objective! * 1.001 };
      expect(verifyPlan(sc, off, { mode: 'core' }).violations.map((v) => v.rule)).toContain('objective');
    });
  }
});
