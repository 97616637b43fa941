import { describe, expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import { solve } from '../src/solve/solve.js';
import { job, twoHubs } from './data-fixtures.js';

// 100 units of serving per hour for model m. W (1 per unit) has 60 intelligent units; a replica
// reserves 10, leaving 50. One replica at E: 300 + L. Replicas at E and W: 50·1 + 50·3 + 2L = 200 + 2L.
// Break-even by hand: L = 100.
const scenario = (loadCost: number) => {
  const sc = twoHubs({ models: [{ id: 'm', reserveUnits: 10, loadCost }], demands: [job('s', { model: 'm', maxLatencyMs: 100 })] });
  return { ...sc, sites: sc.sites.map((s) => (s.id === 'W' ? { ...s, capacity: { general: 1000, intelligent: 60 } } : s)) };
};

describe('served models (replica placement)', () => {
  it('below the break-even load cost (90 < 100): two replicas', async () => {
    const sc = scenario(90);
    const plan = await solve(sc);
    expect(plan.status).toBe('optimal');
    expect(plan.objective).toBeCloseTo(200 + 180, 9);
    expect(plan.modelReplicas?.map((r) => r.site).sort()).toEqual(['E', 'W']);
    expect(plan.costs?.modelLoads).toBeCloseTo(180, 9);
    expect(verifyPlan(sc, plan).ok).toBe(true);
    // The reservation binds W's capacity: its shadow price is the saving per unit, 3 − 1 = 2.
    expect(plan.utilization.find((u) => u.site === 'W' && u.class === 'intelligent')?.shadowPrice).toBeCloseTo(2, 6);
  });

  it('above it (110 > 100): one replica at E', async () => {
    const sc = scenario(110);
    const plan = await solve(sc);
    expect(plan.objective).toBeCloseTo(300 + 110, 9);
    expect(plan.modelReplicas).toEqual([{ model: 'm', site: 'E', loadCost: 110, reservedUnits: 10 }]);
    expect(verifyPlan(sc, plan).ok).toBe(true);
  });

  it('minReplicas hosts a model nobody asks for, at the cheapest capacity', async () => {
    const sc = twoHubs({ models: [{ id: 'm', reserveUnits: 5, loadCost: 7, minReplicas: 2 }], demands: [job('g', { class: 'general' })] });
    const plan = await solve(sc);
    expect(plan.modelReplicas?.length).toBe(2);
    expect(plan.objective).toBeCloseTo(100 + 14, 9);
    expect(verifyPlan(sc, plan).ok).toBe(true);
  });

  it('the verifier catches serving without a replica, a wrong reservation and minReplicas', async () => {
    const sc = scenario(90);
    const plan = await solve(sc);
    const one = plan.modelReplicas!.filter((r) => r.site === 'E');
    const v1 = verifyPlan(sc, { ...plan, modelReplicas: one }).violations;
    expect(v1.some((v) => v.rule === 'model-replica' && v.site === 'W' && /hosts no replica/.test(v.message))).toBe(true);
    const v2 = verifyPlan(sc, { ...plan, modelReplicas: plan.modelReplicas!.map((r) => ({ ...r, reservedUnits: 0 })) }).violations;
    expect(v2.some((v) => v.rule === 'model-replica' && /reserveUnits 10/.test(v.message))).toBe(true);
    // Serving 60 at W with the 10 reserved breaks W's capacity.
    const over = { ...plan, assignments: plan.assignments.map((a) => (a.site === 'W' ? { ...a, amount: 60 } : { ...a, amount: 40 })) };
    expect(verifyPlan(sc, over).violations.some((v) => v.rule === 'replica-capacity' && v.site === 'W')).toBe(true);
    const sc2 = { ...sc, models: [{ ...sc.models![0]!, minReplicas: 2 }] };
    expect(verifyPlan(sc2, { ...plan, modelReplicas: one }).violations.some((v) => v.rule === 'min-replicas')).toBe(true);
  });
});
