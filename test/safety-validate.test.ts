import { describe, expect, it } from 'vitest';
import { OptionsError } from '../src/errors.js';
import { scenarioIssues } from '../src/scenario/validate.js';
import { solve } from '../src/solve/solve.js';
import { demand, tiny } from './fixtures.js';

/** Issues of the tiny fixture (A, B within d1's 10 ms, C beyond; one hub per site) after `mutate`. */
function issuesOf(mutate: (sc: any) => void) {
  const sc = structuredClone(tiny()) as any;
  mutate(sc);
  return scenarioIssues(sc).map((i) => ({ path: i.path, rule: i.rule, message: i.message }));
}

describe('replicas and policy.survive: bad input is a path-named error', () => {
  const cases: [string, (sc: any) => void, { path: string; rule: string }][] = [
    ['replicas 0', (sc) => (sc.demands[0].replicas = 0), { path: 'demands[0].replicas', rule: 'range' }],
    ['replicas not an integer', (sc) => (sc.demands[0].replicas = 1.5), { path: 'demands[0].replicas', rule: 'integer' }],
    ['replicas a string', (sc) => (sc.demands[0].replicas = 'two'), { path: 'demands[0].replicas', rule: 'type' }],
    ['unknown replicaScope', (sc) => (sc.demands[0].replicaScope = 'zone'), { path: 'demands[0].replicaScope', rule: 'enum' }],
    ['more copies than hubs in reach', (sc) => (sc.demands[0].replicas = 3), { path: 'demands[0].replicas', rule: 'replica-groups' }],
    [
      'more copies than regions in reach',
      (sc) => Object.assign(sc.demands[0], { replicas: 2, replicaScope: 'region', maxLatencyMs: 30 }) && (sc.sites[0].region = 'west'),
      { path: 'demands[0].replicas', rule: 'replica-groups' },
    ],
    ['allowedSites leave one hub', (sc) => Object.assign(sc.demands[0], { replicas: 2, allowedSites: ['A'] }), { path: 'demands[0].replicas', rule: 'replica-groups' }],
    [
      'replicas with window.maxPerHour',
      (sc) => Object.assign(sc.demands[0], { replicas: 2, window: { release: 0, deadline: 1, maxPerHour: 5 } }),
      { path: 'demands[0].window.maxPerHour', rule: 'replica-max-per-hour' },
    ],
    ['unknown survive scope', (sc) => (sc.policy = { survive: 'any-planet' }), { path: 'policy.survive', rule: 'enum' }],
    ['unknown survive scope of a class', (sc) => (sc.policy = { survive: { general: 'any-rack' } }), { path: 'policy.survive.general', rule: 'enum' }],
    ['unknown class in survive', (sc) => (sc.policy = { survive: { quantum: 'any-site' } }), { path: 'policy.survive.quantum', rule: 'unknown-key' }],
    ['survive a number', (sc) => (sc.policy = { survive: 1 }), { path: 'policy.survive', rule: 'enum' }],
  ];
  it.each(cases)('%s', (_name, mutate, want) => {
    expect(issuesOf(mutate)).toContainEqual(expect.objectContaining(want));
  });

  it('the replica-groups message names the demand, the scope and the groups reached', () => {
    const [issue] = issuesOf((sc) => (sc.demands[0].replicas = 3));
    expect(issue!.message).toBe('demand "d1" asks for 3 copies in different hubs, but its usable sites (latency ≤ 10 ms, general capacity) span 2 hubs ("hub-A", "hub-B")');
  });

  it('valid replicas and survive values pass', () => {
    expect(issuesOf((sc) => Object.assign(sc.demands[0], { replicas: 2, replicaScope: 'site' }))).toEqual([]);
    expect(issuesOf((sc) => (sc.policy = { survive: { general: 'any-hub', super: 'any-site' } }))).toEqual([]);
  });

  it('backends that cannot hold the rows say so instead of dropping them', async () => {
    const replicated = tiny({ demands: [demand('d1', { replicas: 2 })] });
    await expect(solve(replicated, { backend: 'flow' })).rejects.toThrow(OptionsError);
    await expect(solve(replicated, { backend: 'flow' })).rejects.toThrow(/replica-group rows/);
    await expect(solve(replicated, { backend: 'decompose' })).rejects.toThrow(/replicaGroup rows/);
    const secure = tiny({ policy: { survive: 'any-site' } });
    await expect(solve(secure, { backend: 'flow' })).rejects.toThrow(/policy\.survive/);
    await expect(solve(secure, { backend: 'decompose' })).rejects.toThrow(/policy\.survive/);
  });
});

describe('features without replicas or N-1 security refuse them instead of dropping them', () => {
  it('simulate and the nearest-site baseline', async () => {
    const { simulate } = await import('../src/simulate/simulate.js');
    const { nearestPlan } = await import('../src/compare/baselines.js');
    const replicated = tiny({ demands: [demand('d1', { replicas: 2 })] });
    expect(() => nearestPlan(replicated)).toThrow(/demands\[0\]\.replicas: nearestPlan does not model replicas/);
    await expect(simulate(tiny({ policy: { survive: 'any-site' } }), { lookaheadHours: 1 })).rejects.toThrow(/policy\.survive: simulate does not model N-1 security/);
  });
});
