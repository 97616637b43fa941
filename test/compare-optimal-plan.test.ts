import { describe, expect, it } from 'vitest';
import { compareStrategies } from '../src/compare/compare.js';
import { OptionsError } from '../src/errors.js';
import { solve } from '../src/solve/solve.js';
import { tiny } from './fixtures.js';

describe('compareStrategies with the optimum already solved (optimalPlan)', () => {
  const sc = tiny({ prices: { carbonPerTonne: 200, unmetPenalty: 100, transferPerGB: 0 } });

  it('gives the comparison of a full run, without a second solve of the optimum', async () => {
    const plan = await solve(sc, { backend: 'glpk' });
    const full = await compareStrategies(sc, { backend: 'glpk', includePlans: false });
    const given = await compareStrategies(sc, { backend: 'glpk', includePlans: false, optimalPlan: plan });
    expect(given).toEqual(full);
  });

  it('verifies the given plan like the baselines: a plan that breaks the scenario is refused', async () => {
    const plan = await solve(sc, { backend: 'glpk' });
    const broken = { ...plan, assignments: plan.assignments.map((a) => ({ ...a, amount: a.amount * 3 })) };
    await expect(compareStrategies(sc, { optimalPlan: broken })).rejects.toThrow(/optimal plan fails verification/);
  });

  it('refuses a value that is not a plan, naming the option', async () => {
    await expect(compareStrategies(sc, { optimalPlan: 42 as never })).rejects.toThrow(OptionsError);
  });
});
