import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Assignment, Plan, SecurityInfo } from '../src/plan/types.js';
import type { Scenario } from '../src/scenario/types.js';
import { demand, linkedToBeijing, site } from './fixtures.js';

function scenario(over: Partial<Scenario> = {}): Scenario {
  const sites = [
    site('A', 114, 40, { hub: 'H1', capacity: { general: 6 } }),
    site('B', 111, 40, { hub: 'H2', capacity: { general: 7 }, unitCost: { general: 1.5 } }),
    site('C', 105, 37, { hub: 'H3', capacity: { general: 8 }, unitCost: { general: 3 } }),
  ];
  return linkedToBeijing(sites, over);
}

const rules = (sc: Scenario, p: Plan) => verifyPlan(sc, p).violations.map((v) => v.rule);
const withAssignments = (p: Plan, f: (a: Assignment) => Assignment): Plan => ({ ...p, assignments: p.assignments.map(f) });

describe('verifyPlan catches wrong replica splits', () => {
  it('two copies on the same part of the work in one hub', async () => {
    const sc = scenario();
    const p = await solve(sc);
    expect(verifyPlan(sc, p).ok).toBe(true);
    // Copy 1's part at B is [0, 3); shift it onto copy 0's part there, [6, 10).
    const bad = withAssignments(p, (a) => (a.site === 'B' && a.replica === 1 ? { ...a, replicaSlice: [6, 9] } : a));
    // It now also overlaps copy 1's own part at C, [3, 10).
    expect(rules(sc, bad)).toEqual(['replica-split', 'replica-groups']);
  });

  it('one copy serving a part twice, a missing copy index, a slice of the wrong length', async () => {
    const sc = scenario();
    const p = await solve(sc);
    expect(rules(sc, withAssignments(p, (a) => (a.site === 'B' && a.replica === 1 ? { ...a, replica: 0 } : a)))).toContain('replica-split');
    expect(rules(sc, withAssignments(p, (a) => (a.site === 'C' ? { ...a, replica: undefined } : a)))).toEqual(['replica']);
    expect(rules(sc, withAssignments(p, (a) => (a.site === 'C' ? { ...a, replicaSlice: [0, 10] } : a)))).toEqual(['replica']);
    expect(rules(sc, withAssignments(p, (a) => (a.site === 'C' ? { ...a, replica: 2 } : a)))).toEqual(['replica']);
  });

  it('all copies in one hub: conservation in replica-units still holds, the group overlap does not', async () => {
    const sc = scenario({ sites: scenario().sites.map((s) => ({ ...s, capacity: { general: 100 } })) });
    const p = await solve(sc);
    // The plan puts 10 in each of two hubs; moving all 20 to A keeps Σ = 2 × 10 but breaks the rule.
    const bad: Plan = {
      ...p,
      assignments: [
        { demand: 'd', site: 'A', hour: 0, amount: 10, replica: 0, replicaSlice: [0, 10] },
        { demand: 'd', site: 'A', hour: 0, amount: 10, replica: 1, replicaSlice: [0, 10] },
      ],
    };
    expect(rules(sc, bad)).toContain('replica-groups');
    expect(rules(sc, bad)).not.toContain('demand-conservation');
  });
});

describe('verifyPlan catches insufficient N-1 recourse', () => {
  const secureScenario = (): Scenario => ({
    ...scenario({ demands: [demand('d1', { amount: 6, allowedSites: ['A', 'B'] }), demand('d2', { amount: 6 })] }),
    sites: ['A', 'B', 'C'].map((id, i) => site(id, 114 - 3 * i, 40, { hub: `H${id}`, capacity: { general: 8 }, unitCost: { general: 1 + i } })),
    policy: { survive: 'any-site' },
  });
  const withSecurity = (p: Plan, f: (s: SecurityInfo) => SecurityInfo): Plan => ({ ...p, security: f(p.security!) });

  it('flows that re-route only half of the lost work', async () => {
    const sc = secureScenario();
    const p = await solve(sc);
    expect(verifyPlan(sc, p).violations).toEqual([]);
    const half = withSecurity(p, (s) => ({ ...s, recourse: s.recourse.map((r, i) => (i === 0 ? { ...r, flows: r.flows.map((f) => ({ ...f, amount: f.amount / 2 })) } : r)) }));
    const v = verifyPlan(sc, half).violations;
    expect(v.length).toBeGreaterThan(0);
    expect(v.every((x) => x.rule === 'security' && /loses .* but the flows re-route/.test(x.message))).toBe(true);
  });

  it('a missing outage, a flow to a site the demand may not use, a flow over spare capacity', async () => {
    const sc = secureScenario();
    const p = await solve(sc);
    const missing = withSecurity(p, (s) => ({ ...s, recourse: s.recourse.slice(1) }));
    expect(verifyPlan(sc, missing).violations.map((v) => v.message)).toContain('security.recourse lists no recourse for the outage of [A] (classes general, intelligent, super)');
    const notAllowed = withSecurity(p, (s) => ({ ...s, recourse: s.recourse.map((r) => ({ ...r, flows: r.flows.map((f) => (f.demand === 'd1' ? { ...f, to: 'C' } : f)) })) }));
    expect(verifyPlan(sc, notAllowed).violations.some((v) => /not among the allowedSites/.test(v.message))).toBe(true);
    // Everything lost at A sent to B: B holds 2 of its own and only 6 spare.
    const crowded = withSecurity(p, (s) => ({ ...s, recourse: s.recourse.map((r, i) => (i === 0 ? { ...r, flows: r.flows.map((f) => ({ ...f, to: 'B' })) } : r)) }));
    expect(verifyPlan(sc, crowded).violations.some((v) => /over the usable capacity/.test(v.message))).toBe(true);
  });

  it('the plain optimum is not N-1-secure: its recourse cannot be written', async () => {
    const sc = secureScenario();
    const { policy: _drop, ...plainScenario } = sc;
    const plain = await solve(plainScenario);
    const secure = await solve(sc);
    // Give the plain plan the secure plan's recourse: it does not re-route the plain plan's work.
    expect(rules(sc, { ...plain, security: secure.security! })).toContain('security');
    // And a plan of a scenario with survive must carry its security block.
    expect(verifyPlan(sc, { ...secure, security: undefined }).violations.map((v) => v.message)).toContain('the scenario sets policy.survive, but the optimal plan has no plan.security');
  });
});
