import { describe, expect, it } from 'vitest';
import { formatPlan } from '../src/plan/report.js';
import { solve } from '../src/solve/solve.js';
import type { Scenario } from '../src/scenario/types.js';
import { demand, linkedToBeijing, site } from './fixtures.js';

function scenario(over: Partial<Scenario> = {}): Scenario {
  const sites = [
    site('A', 114, 40, { hub: 'H1', capacity: { general: 6 } }),
    site('B', 111, 40, { hub: 'H2', capacity: { general: 7 }, unitCost: { general: 1.5 } }),
    site('C', 105, 37, { hub: 'H3', capacity: { general: 100 }, unitCost: { general: 3 } }),
  ];
  return linkedToBeijing(sites, { name: 'safety-report', ...over });
}

describe('report: replicas and N-1 security', () => {
  it('lists each copy with its unit-hours and sites', async () => {
    const sc = scenario();
    const text = formatPlan(sc, await solve(sc));
    expect(text).toContain('Replicas: 1 demand with copies in different groups');
    // Copy 0 = A 6 + B 4, copy 1 = B 3 + C 7 (see replicas-hand.test.ts).
    expect(text).toMatch(/d\s+2 × hub\s+0\s+10\.0\s+A, B/);
    expect(text).toMatch(/\n\s+1\s+10\.0\s+B, C/);
  });

  it('shows the security block: outages, blocks, rounds, premium and the heaviest re-routing', async () => {
    const sc = scenario({ demands: [demand('d', { amount: 10 })], policy: { survive: 'any-site' } });
    const plan = await solve(sc);
    const text = formatPlan(sc, plan);
    const s = plan.security!;
    expect(text).toContain(`N-1 security (any-site): survives each of 3 single outages; constraint generation added recourse blocks for ${s.blocks} outages (${s.subBlocks} outage × hour × class sub-blocks) in ${s.rounds} LP solves`);
    expect(text).toContain(`premium over the plain optimum: ${s.premium.cost.toFixed(2)} CNY`);
    expect(text).toMatch(/outage\s+re-routed unit-hours\s+taken by/);
  });
});
