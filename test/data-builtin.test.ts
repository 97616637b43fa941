import { describe, expect, it } from 'vitest';
import { eastDataWestComputingData, EDWC_BACKBONE } from '../src/datasets/data-gravity.js';
import { eastDataWestComputing } from '../src/datasets/east-data-west-computing.js';
import { verifyPlan } from '../src/plan/verify.js';
import { backboneRoutes, hubNames, linkLatencies, originHub } from '../src/scenario/backbone.js';
import { scenarioIssues } from '../src/scenario/validate.js';
import { solve } from '../src/solve/solve.js';

describe('built-in day: provinces, origin hubs, the illustrative backbone and the dataGravity variant', () => {
  it('every cluster has its province; every origin states the hub of its nearest cluster', () => {
    expect(Object.fromEntries(eastDataWestComputing.sites.map((s) => [s.id, s.province]))).toEqual({
      zhangjiakou: 'Hebei', wuhu: 'Anhui', 'yrd-demo-zone': 'Shanghai', shaoguan: 'Guangdong', tianfu: 'Sichuan',
      chongqing: 'Chongqing', helingeer: 'Inner Mongolia', guian: 'Guizhou', qingyang: 'Gansu', zhongwei: 'Ningxia',
    });
    for (const o of eastDataWestComputing.origins) {
      expect(o.hub).toBe(originHub(eastDataWestComputing, { ...o, hub: undefined as never }).hub);
    }
    const hub = new Map(eastDataWestComputing.origins.map((o) => [o.id, o.hub]));
    expect([hub.get('harbin'), hub.get('urumqi'), hub.get('kunming'), hub.get('shanghai')]).toEqual(['Beijing-Tianjin-Hebei', 'Ningxia', 'Guizhou', 'Yangtze River Delta']);
  });

  it('the backbone joins all 8 hubs, with link latencies about the ~20 ms inter-hub target', () => {
    const sc = { ...eastDataWestComputing, backbone: EDWC_BACKBONE };
    expect(scenarioIssues(sc)).toEqual([]);
    const hubs = hubNames(sc);
    expect(hubs).toHaveLength(8);
    const routes = backboneRoutes(sc);
    for (const a of hubs) for (const b of hubs) expect(routes.get(a)!.has(b)).toBe(true);
    const ms = linkLatencies(sc);
    expect(Math.min(...ms)).toBeGreaterThan(3.9);
    expect(Math.max(...ms)).toBeLessThan(27);
  });

  // The full variant (5 models too) is bench:data's case; here the datasets and backbone only, to keep the suite quick.
  it('dataGravity without models (8 datasets, backbone, residency) solves to a verified MILP optimum within 0.5% of its relaxation', async () => {
    expect(eastDataWestComputingData().models).toHaveLength(5);
    const sc = eastDataWestComputingData({ models: false });
    expect(sc.datasets).toHaveLength(8);
    const plan = await solve(sc, { gapTolerance: 0.005 });
    expect(plan.status).toBe('optimal');
    expect(plan.solver.gap!).toBeLessThanOrEqual(0.005);
    expect(verifyPlan(sc, plan).violations).toEqual([]);
    expect(plan.datasetCopies!.length).toBeGreaterThan(0);
    expect(plan.backbone!.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('a MILP cut by the time limit', () => {
  it('returns status time_limit, with a verified integer plan and its gap when one was found', async () => {
    const sc = eastDataWestComputingData();
    const plan = await solve(sc, { timeLimitSeconds: 2 });
    expect(plan.status).toBe('time_limit');
    expect(plan.message).toMatch(/time limit of 2 s/);
    if (plan.objective !== null) {
      expect(plan.solver.gap).toBeGreaterThanOrEqual(0);
      expect(verifyPlan(sc, plan).violations).toEqual([]);
    }
  }, 60_000);
});
