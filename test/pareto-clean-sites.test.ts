import { describe, expect, it } from 'vitest';
import { paretoFrontier } from '../src/pareto/frontier.js';
import { verifyPlan } from '../src/plan/verify.js';
import { site, tiny } from './fixtures.js';

// The least-carbon LP prices carbon in kilograms: a clean site's unit must not fall below the
// validation's floor of nonzero unit costs (1e-4 CNY), which tonnes of it would (2e-6 t here).
describe('paretoFrontier on very clean sites', () => {
  it('a site of 0.1 kW per unit on a 0.02 kg/kWh grid: the frontier runs and every point verifies', async () => {
    const sc = tiny({
      sites: [
        site('A', 114.86, 40.82, { region: 'east', powerKW: { general: 0.1 }, gridCarbon: 0.02 }),
        site('B', 111.66, 40.8, { capacity: { general: 100 }, unitCost: { general: 2 }, powerKW: { general: 0.1 }, gridCarbon: 0.9 }),
      ],
      demands: [{ id: 'd1', origin: 'bj', class: 'general', amount: 15, maxLatencyMs: 10 }],
    });
    const r = await paretoFrontier(sc, { points: 3, includePlans: true });
    const f = r.frontiers[0]!;
    expect(f.status).toBe('optimal');
    // Least carbon: 10 units at A (0.1 kW · 0.02 kg) and 5 at B (0.1 kW · 0.9 kg), in tonnes.
    expect(f.minCarbonTonnes).toBeCloseTo((10 * 0.1 * 0.02 + 5 * 0.1 * 0.9) / 1000, 12);
    for (const p of f.points) expect(verifyPlan(sc, p.plan!).violations).toEqual([]);
  });
});
