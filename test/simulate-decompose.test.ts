/**
 * simulate with decompose where re-plans defer work past their window: the deferral ("slack")
 * column of a demand row is an arc to the sink for decompose too. Before, every such re-plan threw
 * an OptionsError ("decompose" cannot hold slack columns), so the rolling week failed outright.
 */
import { describe, expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import { simulate } from '../src/simulate/simulate.js';
import { sixHours as small } from './fixtures.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));


describe('simulate, backend decompose, deferral past the look-ahead', () => {
  for (const [name, sc] of [
    ['green under a carbon price', small()],
    ['and a carbon cap carried forward', small({ policy: { carbonCapTonnes: 0.05 } })],
  ] as const) {
    it(`${name}: every re-plan decomposed, the schedule verified, realized cost as glpk.js's within 0.5%`, async () => {
      const d = await simulate(sc, { lookaheadHours: 2, backend: 'decompose', perfectForesight: false });
      const g = await simulate(sc, { lookaheadHours: 2, backend: 'glpk', perfectForesight: false });
      expect(d.status).toBe('optimal');
      expect(d.backends.decompose ?? 0).toBeGreaterThan(0);
      expect(verifyPlan(sc, d.plan).violations).toEqual([]);
      expect(rel(d.objective, g.objective)).toBeLessThanOrEqual(0.005);
    });
  }
});
