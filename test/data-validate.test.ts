import { describe, expect, it } from 'vitest';
import { scenarioIssues } from '../src/scenario/validate.js';
import { job, twoHubs } from './data-fixtures.js';

const rules = (input: unknown) => scenarioIssues(input).map((i) => `${i.path} [${i.rule}]`);

describe('validation of residency, datasets, models, backbone', () => {
  it('reports every bad reference and negative size at once, with paths', () => {
    const sc = twoHubs(
      {
        origins: [{ id: 'sh', name: 'Shanghai', province: 'Shanghai', lon: 121.47, lat: 31.23, hub: 'Nowhere' }],
        datasets: [{ id: 'k', sizeGB: -1, at: ['E', 'Z'] }, { id: 'k', sizeGB: 1, at: ['E'] }],
        models: [{ id: 'm', reserveUnits: -2, loadCost: 1, minReplicas: 3 }],
        demands: [
          job('a', { dataset: 'nope', model: 'ghost', residency: { hubs: ['Mars'], provinces: ['Atlantis'] } }),
          job('b', { class: 'general', model: 'm' }),
        ],
      },
      { backboneGbps: -5 },
    );
    const bad = { ...sc, backbone: { routing: 'shortest', links: [...sc.backbone!.links, { from: 'East', to: 'Moon', capacityGbps: 1 }, { from: 'West', to: 'East', capacityGbps: 1 }, { from: 'West', to: 'West', capacityGbps: 1 }] } };
    expect(rules(bad)).toEqual(
      expect.arrayContaining([
        'datasets[0].sizeGB [range]',
        'models[0].reserveUnits [range]',
        'backbone.links[0].capacityGbps [range]',
        'origins[0].hub [unknown-reference]',
        'datasets[1].id [duplicate-id]',
        'datasets[0].at[1] [unknown-reference]',
        'models[0].minReplicas [min-replicas]',
        'demands[0].dataset [unknown-reference]',
        'demands[0].model [unknown-reference]',
        'demands[0].residency.hubs[0] [unknown-reference]',
        'demands[0].residency.provinces[0] [unknown-reference]',
        'demands[1].model [model-class]',
        'backbone.links[1].to [unknown-reference]',
        'backbone.links[2] [duplicate-link]',
        'backbone.links[3] [self-link]',
      ]),
    );
  });

  it('a residency that leaves no site within latency names the demand and the rule', () => {
    // Only E is within 5 ms of Shanghai; residency west leaves nothing.
    const issues = scenarioIssues(twoHubs({ demands: [job('near', { maxLatencyMs: 5, residency: { regions: ['west'] } })] }));
    expect(issues).toEqual([{ path: 'demands[0].residency', rule: 'residency', message: expect.stringMatching(/demand "near": its residency leaves no site with intelligent capacity within 5 ms \(within latency: E\)/) }]);
  });

  it('a backbone that does not connect the hubs traffic or a copy must cross', () => {
    const sc = twoHubs({ demands: [job('t', { dataGBPerUnit: 1 })] }, { backboneGbps: 1 });
    const cut = { ...sc, sites: [...sc.sites, { ...sc.sites[1]!, id: 'X', hub: 'Island' }], backbone: { routing: 'shortest' as const, links: [{ from: 'East', to: 'West', capacityGbps: 1 }] } };
    expect(scenarioIssues(cut)).toEqual([{ path: 'backbone.links', rule: 'backbone-disconnected', message: expect.stringMatching(/no backbone route East → Island: demand "t" sends data from origin "sh" \(hub East\) to site "X"/) }]);
    const copy = twoHubs({ datasets: [{ id: 'k', sizeGB: 10, at: ['E'] }], demands: [job('c', { dataset: 'k' })] }, { backboneGbps: 1 });
    const noLink = { ...copy, backbone: { routing: 'shortest' as const, links: [] } };
    expect(scenarioIssues(noLink).map((i) => i.rule)).toEqual(['backbone-disconnected']);
  });

  it('unknown keys in the new objects are errors', () => {
    const sc = twoHubs({ demands: [job('a', { residency: { region: ['east'] } as never })], datasets: [{ id: 'k', sizeGB: 1, at: ['E'], where: 1 } as never] });
    expect(rules(sc)).toEqual(expect.arrayContaining(['demands[0].residency.region [unknown-key]', 'datasets[0].where [unknown-key]']));
  });

  it('sizes and capacities past the numerical limits are magnitude errors', () => {
    const sc = twoHubs({ datasets: [{ id: 'k', sizeGB: 1e13, at: ['E'] }], models: [{ id: 'm', reserveUnits: 2e12, loadCost: 1e16 }] }, { backboneGbps: 1e10 });
    expect(rules(sc)).toEqual(expect.arrayContaining(['datasets[0].sizeGB [magnitude]', 'models[0].reserveUnits [magnitude]', 'models[0].loadCost [magnitude]', 'backbone.links[0].capacityGbps [magnitude]']));
  });
});

describe('studies that do not model copies and replicas say so', () => {
  it('simulate, compareStrategies, nearestPlan and paretoFrontier reject datasets and models', async () => {
    const { simulate } = await import('../src/simulate/simulate.js');
    const { compareStrategies } = await import('../src/compare/compare.js');
    const { nearestPlan } = await import('../src/compare/baselines.js');
    const { paretoFrontier } = await import('../src/pareto/frontier.js');
    const sc = twoHubs({ datasets: [{ id: 'k', sizeGB: 1, at: ['E'] }], demands: [job('t', { dataset: 'k' })] });
    await expect(simulate(sc, {} as never)).rejects.toThrow(/simulate does not model datasets/);
    await expect(compareStrategies(sc)).rejects.toThrow(/compareStrategies does not model datasets/);
    expect(() => nearestPlan(sc)).toThrow(/nearestPlan does not model datasets/);
    await expect(paretoFrontier(sc, {} as never)).rejects.toThrow(/paretoFrontier does not model datasets/);
  });
});
