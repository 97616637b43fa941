import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../src/bench/generate.js';
import { whatIf } from '../src/safety/whatif.js';
import { outageScenario } from '../src/safety/whatif-cases.js';
import { verifyPlan } from '../src/plan/verify.js';

// The worker threads load the built module dist/whatif-worker.js (npm test builds first).
const WORKER = fileURLToPath(new URL('../dist/whatif-worker.js', import.meta.url));

describe('whatIf on worker threads gives the in-process answers', () => {
  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run "node scripts/build.mjs" (npm test does it)`);
  });

  it.each([
    ['glpk', true],
    ['auto', false],
    ['decompose', true],
  ] as const)('backend %s (green supply: %s) on 2 workers', async (backend, green) => {
    const sc = generateScenario({ demands: 12, sites: 5, hours: 4, seed: 7, green });
    const par = await whatIf(sc, { outage: 'each-site', backend, workers: 2, includePlans: true });
    const seq = await whatIf(sc, { outage: 'each-site', backend, workers: 1, includePlans: true });
    expect(par.parallel.workers).toBe(2);
    expect(seq.parallel.workers).toBe(0);
    expect(par.cases.map((c) => c.outage)).toEqual(seq.cases.map((c) => c.outage));
    const tol = backend === 'decompose' ? 2e-3 : 1e-7;
    par.cases.forEach((c, i) => {
      const s = seq.cases[i]!;
      expect(c.status).toBe(s.status);
      expect(Math.abs(c.objective! - s.objective!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(s.objective!)));
      expect(verifyPlan(outageScenario(sc, c.outage), c.plan!).violations).toEqual([]);
    });
  });
});
