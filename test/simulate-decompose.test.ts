/**
 * simulate with decompose where re-plans defer work past their window: the deferral ("slack")
 * column of a demand row is an arc to the sink for decompose too. Before, every such re-plan threw
 * an OptionsError ("decompose" cannot hold slack columns), so the rolling week failed outright.
 */
import { describe, expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import type { Scenario } from '../src/scenario/types.js';
import { simulate } from '../src/simulate/simulate.js';
import { demand, site, tiny } from './fixtures.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

/** Six hours, green at B under a carbon price (coupled), a job whose deadline is past a 2-hour look-ahead. */
const small = (over: Partial<Scenario> = {}): Scenario =>
  tiny({
    name: 'small',
    horizonHours: 6,
    sites: [
      site('A', 114.86, 40.82, { capacity: { general: 20 }, electricityPrice: [0.5, 0.6, 0.9, 0.9, 0.6, 0.4] }),
      site('B', 111.66, 40.8, { capacity: { general: 30 }, unitCost: { general: 1.2 }, gridCarbon: 0.7, greenSupplyMW: [0, 0.005, 0.012, 0.02, 0.01, 0] }),
    ],
    demands: [
      demand('web', { amount: [10, 12, 15, 18, 14, 8] }),
      demand('batch', { amount: 60, window: { release: 1, deadline: 5 } }),
      demand('late', { amount: 20, window: { release: 3, deadline: 6, maxPerHour: 8 } }),
    ],
    prices: { carbonPerTonne: 200, unmetPenalty: 100, transferPerGB: 0 },
    ...over,
  });

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
