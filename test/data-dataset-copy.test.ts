import { describe, expect, it } from 'vitest';
import { exportModel } from '../src/export/export-model.js';
import { verifyPlan } from '../src/plan/verify.js';
import { solve } from '../src/solve/solve.js';
import { job, twoHubs } from './data-fixtures.js';

// 100 unit-hours of training read dataset k held at E. At E they cost 3 each (300); at W 1 each
// (100) plus one copy of sizeGB × 0.1 CNY/GB. Break-even by hand: 100 + 0.1·S = 300 → S = 2,000 GB.
const scenario = (sizeGB: number) =>
  twoHubs({ datasets: [{ id: 'k', sizeGB, at: ['E'] }], demands: [job('t', { dataset: 'k', window: { release: 0, deadline: 1 } })] });

describe('dataset copies', () => {
  it('a copy that pays off (1,900 GB < 2,000): the work moves west and the copy is listed', async () => {
    const sc = scenario(1900);
    const plan = await solve(sc);
    expect(plan.status).toBe('optimal');
    expect(plan.objective).toBeCloseTo(100 + 190, 9);
    expect(plan.costs?.dataCopies).toBeCloseTo(190, 9);
    expect(plan.datasetCopies).toEqual([{ dataset: 'k', site: 'W', from: 'E', hour: 0, sizeGB: 1900, cost: 190 }]);
    expect(plan.assignments.map((a) => a.site)).toEqual(['W']);
    expect(plan.solver.backend).toBe('glpk');
    expect(verifyPlan(sc, plan).ok).toBe(true);
  });

  it('a copy that does not pay (2,100 GB > 2,000): the work stays with the data', async () => {
    const sc = scenario(2100);
    const plan = await solve(sc);
    expect(plan.objective).toBeCloseTo(300, 9);
    expect(plan.datasetCopies).toEqual([]);
    expect(plan.costs?.dataCopies).toBe(0);
    expect(verifyPlan(sc, plan).ok).toBe(true);
  });

  it('the copy is counted in the hour before the first demand hour', async () => {
    const sc = twoHubs({ horizonHours: 4, datasets: [{ id: 'k', sizeGB: 100, at: ['E'] }], demands: [job('t', { dataset: 'k', window: { release: 2, deadline: 4 } })] }, { backboneGbps: 10 });
    const plan = await solve(sc);
    expect(plan.datasetCopies?.[0]?.hour).toBe(1);
    expect(plan.backbone?.find((b) => b.hour === 1)).toMatchObject({ from: 'East', to: 'West', trafficGB: 100 });
    expect(verifyPlan(sc, plan).ok).toBe(true);
  });

  it('LP-only: every usable site holds a copy, so no choice exists and the flow path stays', async () => {
    const sc = twoHubs({ datasets: [{ id: 'k', sizeGB: 1e6, at: ['E', 'W'] }], demands: [job('t', { dataset: 'k' })] });
    const plan = await solve(sc);
    expect(plan.solver.backend).toBe('flow');
    expect(plan.objective).toBeCloseTo(100, 9);
    expect(verifyPlan(sc, plan).ok).toBe(true);
  });

  it('the verifier catches work on a dataset at a site without a copy, and a wrong copy cost', async () => {
    const sc = scenario(1900);
    const plan = await solve(sc);
    const noCopy = { ...plan, datasetCopies: [], objective: plan.objective! - 190, costs: { ...plan.costs!, dataCopies: 0 } };
    expect(verifyPlan(sc, noCopy).violations.some((v) => v.rule === 'dataset-copy' && v.site === 'W' && /neither holds nor receives/.test(v.message))).toBe(true);
    const cheap = { ...plan, datasetCopies: plan.datasetCopies!.map((c) => ({ ...c, cost: 1 })) };
    expect(verifyPlan(sc, cheap).violations.some((v) => v.rule === 'dataset-copy' && /sizeGB × transferPerGB = 190/.test(v.message))).toBe(true);
  });

  it('backend flow is refused for a copy choice (a MILP)', async () => {
    await expect(solve(scenario(1900), { backend: 'flow' })).rejects.toThrow(/MILP/);
  });

  it('the exported LP text keeps the copy column binary', async () => {
    const text = await exportModel(scenario(1900));
    expect(text).toMatch(/0 <= copy_0_1 <= 1/);
    expect(text).toMatch(/Generals\s+copy_0_1/);
    expect(text).toMatch(/gate_0_1_0/);
  });
});
