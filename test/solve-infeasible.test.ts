import { describe, expect, it } from 'vitest';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import { OptionsError } from '../src/errors.js';
import { scenarios } from '../src/datasets/index.js';
import { demand, site, tiny } from './fixtures.js';

describe('solve: infeasible and stopped solves are statuses, not throws', () => {
  it.each(['glpk', 'flow', 'highs'] as const)('hard demand above reachable capacity is infeasible and names the demand (%s)', async (backend) => {
    const sc = tiny({ demands: [demand('big', { amount: 200 })], policy: { allowUnmet: false } });
    const p = await solve(sc, { backend });
    expect(p.solver.backend).toBe(backend);
    expect(p.status).toBe('infeasible');
    expect(p.objective).toBeNull();
    expect(p.conflicts).toHaveLength(1);
    expect(p.conflicts[0]).toMatchObject({ kind: 'demand', ref: 'big', hour: 0 });
    expect(p.conflicts[0]!.shortfall).toBeCloseTo(90, 6);
    expect(p.message).toContain('"big"');
    expect(verifyPlan(sc, p).ok).toBe(true);
  });

  it('hard demand in an hour without capacity names that hour', async () => {
    const sc = tiny({ horizonHours: 2, sites: [site('A', 114.86, 40.82, { capacity: { general: [0, 10] } })], demands: [demand('d1', { amount: 5 })], policy: { allowUnmet: false } });
    const p = await solve(sc);
    expect(p.status).toBe('infeasible');
    expect(p.conflicts).toEqual([expect.objectContaining({ kind: 'demand', ref: 'd1', hour: 0, shortfall: 5 })]);
    expect(p.conflicts[0]!.message).toContain('no usable site has capacity then');
  });

  it('a carbon cap that hard demand cannot meet is named as the conflict', async () => {
    const sc = tiny({ demands: [demand('d1', { amount: 10 })], policy: { allowUnmet: false, carbonCapTonnes: 0.001 } });
    const p = await solve(sc);
    expect(p.status).toBe('infeasible');
    const kinds = p.conflicts.map((c) => c.kind);
    expect(kinds.includes('carbonCap') || kinds.includes('demand')).toBe(true);
    // Least violation: 10 units × 0.5 kg = 5 kg against a 1 kg cap, i.e. 0.004 t over or 8 units short.
    expect(p.conflicts.reduce((a, c) => a + c.shortfall, 0)).toBeGreaterThan(0);
  });

  it('the same overload with unmet allowed is optimal with unmet demand', async () => {
    const sc = tiny({ demands: [demand('big', { amount: 200 })] });
    const p = await solve(sc);
    expect(p.status).toBe('optimal');
    expect(verifyPlan(sc, p).ok).toBe(true);
  });

  it('an already aborted signal returns status aborted without solving', async () => {
    const ac = new AbortController();
    ac.abort();
    const p = await solve(tiny(), { signal: ac.signal });
    expect(p.status).toBe('aborted');
    expect(p.assignments).toEqual([]);
  });

  it('a time limit that hits is a status with an explanation, not a throw', async () => {
    const sc = scenarios.eastDataWestComputing;
    const p = await solve(sc, { timeLimitSeconds: 0.001 });
    expect(p.status).toBe('time_limit');
    expect(p.message).toContain('time limit of 0.001 s');
    expect(verifyPlan(sc, p).ok).toBe(true);
  });

  it('bad options are typed errors naming the option', async () => {
    await expect(solve(tiny(), { timeLimitSeconds: -1 })).rejects.toThrow(OptionsError);
    await expect(solve(tiny(), { timeLimitSeconds: Number.NaN })).rejects.toThrow(/timeLimitSeconds/);
    await expect(solve(tiny(), { backend: 'cplex' as 'glpk' })).rejects.toThrow(/backend: must be one of "auto", "glpk", "flow", "highs", "decompose", got "cplex"/);
    const coupled = tiny({ policy: { carbonCapTonnes: 1 } });
    await expect(solve(coupled, { backend: 'flow' })).rejects.toThrow(/"flow" needs a network model, but this scenario has a carbon-cap row/);
  });

  it('a site with zero capacity in an hour is never used then', async () => {
    const sc = tiny({ horizonHours: 2, sites: [site('A', 114.86, 40.82, { capacity: { general: [0, 10] } })], demands: [demand('d1', { amount: 5 })] });
    const p = await solve(sc);
    expect(verifyPlan(sc, p).ok).toBe(true);
    expect(p.unmet).toEqual([{ demand: 'd1', hour: 0, amount: 5 }]);
  });
});
