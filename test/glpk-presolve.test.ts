import { describe, expect, it } from 'vitest';
import type { LpModel } from '../src/formulate/lp-model.js';
import { presolveSafe, solveWithGlpk } from '../src/solve/glpk.js';

// min x0 + 2 x1 subject to a·x0 + x1 ≥ 1 (a demand row), one capacity row x0 + x1 ≤ cap.
const lp = (a: number, cap = 10): LpModel => ({
  name: 'presolve',
  cols: [
    { cost: 1, ub: Infinity, meaning: { kind: 'x', demand: 0, site: 0, hour: 0 } },
    { cost: 2, ub: Infinity, meaning: { kind: 'x', demand: 0, site: 1, hour: 0 } },
  ],
  rows: [
    { cols: [0, 1], coefs: [a, 1], lb: 1, ub: Infinity, meaning: { kind: 'demand', demand: 0, hour: 0 } },
    { cols: [0, 1], coefs: [1, 1], lb: -Infinity, ub: cap, meaning: { kind: 'capacity', site: 0, cls: 'general', hour: 0 } },
  ],
});

describe('glpk.js with its presolver', () => {
  it('solves an ordinary LP to the optimum with presolve on', async () => {
    expect(presolveSafe(lp(1))).toBe(true);
    const r = await solveWithGlpk(lp(1), undefined);
    expect(r.status).toBe('optimal');
    expect(r.z).toBeCloseTo(1, 12);
  });

  it('names an infeasible LP (presolve leaves it undefined; the run without presolve says infeasible)', async () => {
    const r = await solveWithGlpk(lp(1, 0.5), undefined);
    expect(r.status).toBe('infeasible');
  });

  it('turns presolve off where glpk.js would abort on a scale factor (a coefficient near 1e-300), and the module still works after', async () => {
    expect(presolveSafe(lp(1e-300))).toBe(false);
    const r = await solveWithGlpk(lp(1e-300), undefined);
    expect(r.status).toBe('optimal');
    expect(r.z).toBeCloseTo(2, 12);
    const again = await solveWithGlpk(lp(1), undefined);
    expect(again.status).toBe('optimal');
  });
});
