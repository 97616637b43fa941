import { describe, expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import { backboneRoutes, originHub } from '../src/scenario/backbone.js';
import { solve } from '../src/solve/solve.js';
import type { Scenario } from '../src/scenario/types.js';
import { job, twoHubs } from './data-fixtures.js';

// 1,000 unit-hours of training from Shanghai (hub East), 1 GB per unit. At E a unit costs 3 + 0.1
// transfer, at W 1 + 0.1. The East→West link carries 450 GB per Gbps-hour: with 1 Gbps only 450
// units go west: objective 450·1.1 + 550·3.1 = 2,200; one more Gbps moves 450 more: −900.
const scenario = (gbps: number) => twoHubs({ demands: [job('t', { amount: 1000, dataGBPerUnit: 1, window: { release: 0, deadline: 1 } })] }, { backboneGbps: gbps });

describe('backbone', () => {
  it('a saturated link: its dual equals the finite-difference cost of one more Gbps', async () => {
    const sc = scenario(1);
    const plan = await solve(sc);
    expect(plan.status).toBe('optimal');
    expect(plan.solver.backend).toBe('glpk');
    expect(plan.objective).toBeCloseTo(2200, 6);
    const row = plan.backbone!.find((b) => b.from === 'East' && b.to === 'West')!;
    expect(row).toMatchObject({ hour: 0, capacityGB: 450 });
    expect(row.trafficGB).toBeCloseTo(450, 6);
    expect(row.utilization).toBeCloseTo(1, 9);
    const more = await solve(scenario(2));
    expect(plan.objective! - more.objective!).toBeCloseTo(900, 6);
    expect(row.shadowPrice).toBeCloseTo(900, 6);
    expect(verifyPlan(sc, plan).ok).toBe(true);
  });

  it('a link with room has shadow price 0 and utilization below 1', async () => {
    const plan = await solve(scenario(10));
    expect(plan.objective).toBeCloseTo(1100, 6);
    expect(plan.backbone).toEqual([{ from: 'East', to: 'West', hour: 0, trafficGB: 1000, capacityGB: 4500, utilization: 1000 / 4500, shadowPrice: 0 }]);
  });

  it('flow refuses backbone rows; decompose prices them (the glpk optimum, verified); auto goes to glpk', async () => {
    await expect(solve(scenario(1), { backend: 'flow' })).rejects.toThrow(/backbone link rows/);
    const exact = await solve(scenario(1));
    expect(exact.solver.reason).toMatch(/backbone link rows/);
    const dec = await solve(scenario(1), { backend: 'decompose' });
    expect(dec.solver.backend).toBe('decompose');
    expect(verifyPlan(scenario(1), dec).violations).toEqual([]);
    expect(dec.solver.lowerBound!).toBeLessThanOrEqual(exact.objective! + 1e-6);
    expect(dec.objective!).toBeGreaterThanOrEqual(exact.objective! - 1e-6);
    expect(dec.objective!).toBeLessThanOrEqual(exact.objective! * 1.001 + 1e-6);
  });

  it('routes on the least-latency path, ties broken by fewer links then hub names; origins default to the nearest cluster\'s hub', () => {
    const base = twoHubs();
    const sc: Scenario = {
      ...base,
      sites: [...base.sites, { ...base.sites[1]!, id: 'M', hub: 'Middle', lon: 110, lat: 34 }],
      backbone: {
        routing: 'shortest',
        links: [
          { from: 'East', to: 'West', capacityGbps: 1, latencyMs: 30 },
          { from: 'East', to: 'Middle', capacityGbps: 1, latencyMs: 10 },
          { from: 'Middle', to: 'West', capacityGbps: 1, latencyMs: 10 },
        ],
      },
    };
    const r = backboneRoutes(sc);
    expect(r.get('East')!.get('West')!.hubs).toEqual(['East', 'Middle', 'West']);
    expect(r.get('West')!.get('East')!.uses).toEqual([{ link: 2, reverse: true }, { link: 1, reverse: true }]);
    const tie = { ...sc, backbone: { ...sc.backbone!, links: sc.backbone!.links.map((l, i) => (i === 0 ? { ...l, latencyMs: 20 } : l)) } };
    expect(backboneRoutes(tie).get('East')!.get('West')!.hubs).toEqual(['East', 'West']);
    expect(originHub(sc, sc.origins[0]!)).toEqual({ hub: 'East', stated: false });
    expect(originHub(sc, { ...sc.origins[0]!, hub: 'West' })).toEqual({ hub: 'West', stated: true });
  });

  it('traffic crosses every link of its route; the verifier catches wrong and over-capacity loads', async () => {
    const base = scenario(1);
    const sc: Scenario = {
      ...base,
      sites: [...base.sites, { ...base.sites[0]!, id: 'M', hub: 'Middle', lon: 110, lat: 34, capacity: { general: 0, intelligent: 0 } }],
      backbone: { routing: 'shortest', links: [{ from: 'East', to: 'Middle', capacityGbps: 1 }, { from: 'Middle', to: 'West', capacityGbps: 2 }] },
    };
    const plan = await solve(sc);
    expect(plan.objective).toBeCloseTo(2200, 6);
    expect(plan.backbone!.map((b) => [b.from, b.to, Math.round(b.trafficGB)])).toEqual([['East', 'Middle', 450], ['Middle', 'West', 450]]);
    expect(plan.backbone![0]!.shadowPrice).toBeCloseTo(900, 6);
    expect(plan.backbone![1]!.shadowPrice).toBe(0);
    expect(verifyPlan(sc, plan).ok).toBe(true);
    const wrong = { ...plan, backbone: plan.backbone!.map((b) => ({ ...b, trafficGB: 1 })) };
    expect(verifyPlan(sc, wrong).violations.filter((v) => v.rule === 'backbone').length).toBe(2);
    const over = { ...plan, assignments: plan.assignments.map((a) => (a.site === 'W' ? { ...a, amount: 500 } : { ...a, amount: 500 })) };
    expect(verifyPlan(sc, over).violations.some((v) => v.rule === 'backbone' && /East → Middle hour 0: 500 GB, over 450 GB/.test(v.message))).toBe(true);
  });

  it('a link outage as a what-if case: capacity 0 keeps the work east (routes stay fixed)', async () => {
    const sc = scenario(0);
    const plan = await solve(sc);
    expect(plan.objective).toBeCloseTo(3100, 6);
    expect(plan.assignments.map((a) => a.site)).toEqual(['E']);
    expect(verifyPlan(sc, plan).ok).toBe(true);
  });
});
