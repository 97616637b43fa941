import { describe, expect, it } from 'vitest';
import { formatPlan } from '../src/plan/report.js';
import { solve } from '../src/solve/solve.js';
import { job, twoHubs } from './data-fixtures.js';

describe('report of residency, copies, replicas and the backbone', () => {
  it('formatPlan shows each, and the JSON plan carries all of it', async () => {
    const sc = twoHubs(
      {
        datasets: [{ id: 'k', sizeGB: 1000, at: ['E'] }],
        models: [{ id: 'm', reserveUnits: 10, loadCost: 5 }],
        demands: [
          job('t', { dataset: 'k', dataGBPerUnit: 1, amount: 1000, window: { release: 0, deadline: 1 } }),
          job('s', { model: 'm', amount: 10 }),
          job('r', { class: 'general', residency: { provinces: ['Shanghai'] }, amount: 7 }),
        ],
      },
      { backboneGbps: 10 },
    );
    const plan = await solve(sc);
    expect(plan.status).toBe('optimal');
    const text = formatPlan(sc, plan);
    expect(text).toMatch(/\+ data copies 100\.00 \+ model loads 5\.00/);
    expect(text).toMatch(/Residency: 1 demand kept in place, 7\.0 unit-hours/);
    expect(text).toMatch(/r +│? *provinces Shanghai/);
    expect(text).toMatch(/Datasets: 1 copy made, 1\.0 TB, 100\.00 CNY/);
    expect(text).toMatch(/k +│? *E → W/);
    expect(text).toMatch(/Served models: 1 replica hosted/);
    expect(text).toMatch(/Backbone: 2\.0 TB moved over 1 link directions \(1 origins without a hub/);
    expect(text).toMatch(/East → West +│? *2\.0 +│? *44\.4%/);
    expect(text).toMatch(/East→west corridors .*: 2\.0 TB/);
    const json = JSON.parse(JSON.stringify(plan));
    expect(json.datasetCopies).toHaveLength(1);
    expect(json.modelReplicas).toHaveLength(1);
    expect(json.backbone[0]).toMatchObject({ from: 'East', to: 'West', hour: 0, capacityGB: 4500, trafficGB: 2000 });
  });
});
