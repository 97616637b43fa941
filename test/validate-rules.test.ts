import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../src/errors.js';
import { scenarioIssues, validateScenario } from '../src/scenario/validate.js';
import { demand, site, tiny } from './fixtures.js';

/** Issues of a scenario built by mutating the valid tiny one. */
function issuesOf(mutate: (sc: any) => void) {
  const sc = structuredClone(tiny({ horizonHours: 3 })) as any;
  mutate(sc);
  return scenarioIssues(sc).map((i) => ({ path: i.path, rule: i.rule }));
}

describe('validateScenario: every rule names the JSON path and the rule', () => {
  it('accepts the valid fixture and returns it unchanged', () => {
    const sc = tiny();
    expect(scenarioIssues(sc)).toEqual([]);
    expect(validateScenario(sc)).toBe(sc);
  });

  const cases: [string, (sc: any) => void, { path: string; rule: string }][] = [
    ['unknown key (typo)', (sc) => (sc.sites[0].capcity = 1), { path: 'sites[0].capcity', rule: 'unknown-key' }],
    ['unknown top-level key', (sc) => (sc.polcy = {}), { path: 'polcy', rule: 'unknown-key' }],
    ['unknown origin reference', (sc) => (sc.demands[0].origin = 'nowhere'), { path: 'demands[0].origin', rule: 'unknown-reference' }],
    ['unknown allowed site', (sc) => (sc.demands[0].allowedSites = ['A', 'Z']), { path: 'demands[0].allowedSites[1]', rule: 'unknown-reference' }],
    ['unknown link site', (sc) => (sc.links = [{ from: 'bj', to: 'Z', latencyMs: 1 }]), { path: 'links[0].to', rule: 'unknown-reference' }],
    ['unknown link origin', (sc) => (sc.links = [{ from: 'sh', to: 'A', latencyMs: 1 }]), { path: 'links[0].from', rule: 'unknown-reference' }],
    ['duplicate link', (sc) => (sc.links = [{ from: 'bj', to: 'A' }, { from: 'bj', to: 'A' }]), { path: 'links[1]', rule: 'duplicate-link' }],
    ['duplicate site id', (sc) => (sc.sites[1].id = 'A'), { path: 'sites[1].id', rule: 'duplicate-id' }],
    ['duplicate demand id', (sc) => sc.demands.push({ ...sc.demands[0] }), { path: 'demands[1].id', rule: 'duplicate-id' }],
    ['negative number', (sc) => (sc.demands[0].amount = -1), { path: 'demands[0].amount', rule: 'range' }],
    ['negative hourly entry', (sc) => (sc.sites[0].electricityPrice = [0.5, -0.1, 0.5]), { path: 'sites[0].electricityPrice[1]', rule: 'range' }],
    ['NaN', (sc) => (sc.sites[0].pue = Number.NaN), { path: 'sites[0].pue', rule: 'finite-number' }],
    ['Infinity', (sc) => (sc.demands[0].maxLatencyMs = Infinity), { path: 'demands[0].maxLatencyMs', rule: 'finite-number' }],
    ['PUE below 1', (sc) => (sc.sites[0].pue = 0.9), { path: 'sites[0].pue', rule: 'range' }],
    ['wrong type', (sc) => (sc.sites[0].lon = '114'), { path: 'sites[0].lon', rule: 'type' }],
    ['bad enum', (sc) => (sc.demands[0].class = 'quantum'), { path: 'demands[0].class', rule: 'enum' }],
    ['bad version', (sc) => (sc.version = 2), { path: 'version', rule: 'version' }],
    ['hourly length', (sc) => (sc.sites[0].gridCarbon = [0.5, 0.5]), { path: 'sites[0].gridCarbon', rule: 'hourly-length' }],
    ['capacity hourly length', (sc) => (sc.sites[1].capacity.general = [1, 2, 3, 4]), { path: 'sites[1].capacity.general', rule: 'hourly-length' }],
    ['demand hourly length', (sc) => (sc.demands[0].amount = [1]), { path: 'demands[0].amount', rule: 'hourly-length' }],
    ['window past horizon', (sc) => (sc.demands[0].window = { release: 0, deadline: 4 }), { path: 'demands[0].window.deadline', rule: 'window-horizon' }],
    ['window release after deadline', (sc) => (sc.demands[0].window = { release: 2, deadline: 1 }), { path: 'demands[0].window', rule: 'window-order' }],
    ['window with hourly amount', (sc) => ((sc.demands[0].window = { release: 0, deadline: 2 }), (sc.demands[0].amount = [1, 1, 1])), { path: 'demands[0].amount', rule: 'window-amount' }],
    ['window hour not an integer', (sc) => (sc.demands[0].window = { release: 0.5, deadline: 2 }), { path: 'demands[0].window.release', rule: 'integer' }],
    ['missing powerKW for an offered class', (sc) => (sc.sites[0].capacity.super = 5), { path: 'sites[0].powerKW.super', rule: 'class-incomplete' }],
    ['missing per-class penalty', (sc) => (sc.prices.unmetPenalty = { intelligent: 5 }), { path: 'prices.unmetPenalty.general', rule: 'class-incomplete' }],
    ['share above 1', (sc) => (sc.policy = { minGreenShare: 1.2 }), { path: 'policy.minGreenShare', rule: 'range' }],
    ['maxUtilization 0', (sc) => (sc.policy = { maxUtilization: 0 }), { path: 'policy.maxUtilization', rule: 'range' }],
    ['horizon not an integer', (sc) => (sc.horizonHours = 2.5), { path: 'horizonHours', rule: 'integer' }],
    ['missing required field', (sc) => delete sc.sites[0].pue, { path: 'sites[0].pue', rule: 'required' }],
    ['missing hourly field (a union)', (sc) => delete sc.demands[0].amount, { path: 'demands[0].amount', rule: 'required' }],
    ['missing version (a literal)', (sc) => delete sc.version, { path: 'version', rule: 'required' }],
    ['missing class (an enum)', (sc) => delete sc.demands[0].class, { path: 'demands[0].class', rule: 'required' }],
    ['missing object', (sc) => delete sc.prices, { path: 'prices', rule: 'required' }],
    ['missing array', (sc) => delete sc.sites, { path: 'sites', rule: 'required' }],
    ['a field set to undefined counts as missing', (sc) => (sc.demands[0].maxLatencyMs = undefined), { path: 'demands[0].maxLatencyMs', rule: 'required' }],
    ['null is a wrong type, not missing', (sc) => (sc.sites[0].pue = null), { path: 'sites[0].pue', rule: 'type' }],
  ];
  for (const [name, mutate, expected] of cases) {
    it(name, () => {
      expect(issuesOf(mutate)).toContainEqual(expected);
    });
  }

  it('a missing field says "is required" and what it must hold, not a type error', () => {
    const sc = structuredClone(tiny({ horizonHours: 3 })) as any;
    delete sc.sites[0].pue;
    delete sc.demands[0].amount;
    delete sc.demands[0].class;
    const byPath = new Map(scenarioIssues(sc).map((i) => [i.path, i]));
    expect(byPath.get('sites[0].pue')).toEqual({ path: 'sites[0].pue', rule: 'required', message: 'is required (a number)' });
    expect(byPath.get('demands[0].amount')?.message).toBe('is required (a number ≥ 0 or an array of numbers ≥ 0)');
    expect(byPath.get('demands[0].class')?.message).toBe('is required (one of "general", "intelligent", "super")');
    expect([...byPath.values()].every((i) => i.rule === 'required')).toBe(true);
  });

  it('reports every problem at once, in one ScenarioError', () => {
    const sc = structuredClone(tiny({ horizonHours: 3 })) as any;
    sc.sites[0].pue = -1;
    sc.demands[0].origin = 'nowhere';
    sc.sites[1].gridCarbon = [1];
    sc.extra = true;
    let err: unknown;
    try {
      validateScenario(sc);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const e = err as ScenarioError;
    expect(e.issues.map((i) => i.path).sort()).toEqual(['demands[0].origin', 'extra', 'sites[0].pue', 'sites[1].gridCarbon'].sort());
    expect(e.message).toContain('4 problems');
    expect(e.message).toContain('sites[0].pue');
  });

  describe('a demand no site can ever serve says why', () => {
    it('latency: names the nearest site and its latency', () => {
      const issues = scenarioIssues(tiny({ demands: [demand('d1', { maxLatencyMs: 1 })] }));
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ path: 'demands[0].maxLatencyMs', rule: 'unservable' });
      expect(issues[0]!.message).toMatch(/nearest site with general capacity is "A" at 2\.\d\d ms/);
    });
    it('class capacity: no site offers the class', () => {
      const issues = scenarioIssues(tiny({ demands: [demand('d1', { class: 'super' })], prices: { carbonPerTonne: 0, unmetPenalty: 1, transferPerGB: 0 } }));
      expect(issues).toEqual([expect.objectContaining({ path: 'demands[0].class', rule: 'unservable' })]);
      expect(issues[0]!.message).toContain('no site has super capacity');
    });
    it('allowed sites: none of them offers the class in reach', () => {
      const sc = tiny({ sites: [site('A', 114.86, 40.82), site('X', 114.86, 40.82, { capacity: { general: 0 } })], demands: [demand('d1', { allowedSites: ['X'] })] });
      const issues = scenarioIssues(sc);
      expect(issues[0]!.message).toContain('none of its allowedSites has general capacity');
    });
    it('capacity inside the window: capacity exists only outside it', () => {
      const sc = tiny({ horizonHours: 2, sites: [site('A', 114.86, 40.82, { capacity: { general: [0, 5] } })], demands: [demand('d1', { amount: 1, window: { release: 0, deadline: 1 } })] });
      expect(scenarioIssues(sc)[0]!.message).toContain('inside its window');
    });
  });
});
