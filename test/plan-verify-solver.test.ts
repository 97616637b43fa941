import { expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import { solve } from '../src/solve/solve.js';
import { tiny } from './fixtures.js';

it("verifyPlan checks the solver's own objective against the formulas applied to the plan", async () => {
  const sc = tiny();
  const plan = await solve(sc);
  expect(verifyPlan(sc, plan).ok).toBe(true);
  const off = { ...plan, solver: { ...plan.solver, lpObjective: plan.solver.lpObjective! * 1.01 } };
  const v = verifyPlan(sc, off);
  expect(v.ok).toBe(false);
  expect(v.violations.map((x) => x.rule)).toEqual(['objective']);
});
