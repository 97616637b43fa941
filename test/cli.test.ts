import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarios } from '../src/datasets/index.js';
import type { Plan } from '../src/plan/types.js';
import { demand, tiny } from './fixtures.js';

// End to end through the built bin (npm test builds first).
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const dir = mkdtempSync(join(tmpdir(), 'suanflow-cli-'));
const file = (name: string, data: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
};

describe('suanflow CLI (built bin)', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it)`);
  });

  it('solve with no file solves the built-in nationwide scenario and prints the report', () => {
    const r = run('solve');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('status: optimal');
    expect(r.out).toContain('Load per cluster');
    expect(r.out).toContain('Largest flows from eastern origins');
    expect(r.out).toContain('Shadow price of capacity');
  });

  it('solve --json prints a Plan that passes the verifier', () => {
    const r = run('solve', '--json', '--carbon-price', '150');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as Plan;
    const sc = { ...scenarios.eastDataWestComputing, prices: { ...scenarios.eastDataWestComputing.prices, carbonPerTonne: 150 } };
    expect(verifyPlan(sc, plan).violations).toEqual([]);
  });

  it('solve FILE --json on a user scenario, with each backend', () => {
    for (const backend of ['auto', 'glpk', 'flow']) {
      const r = run('solve', file('tiny.json', tiny()), '--json', '--time-limit', '30', '--backend', backend);
      expect(r.code).toBe(0);
      const plan = JSON.parse(r.out) as Plan;
      expect(plan.solver.backend).toBe(backend === 'glpk' ? 'glpk' : 'flow');
      expect(plan.objective).toBeCloseTo(27.5, 9);
      expect(verifyPlan(tiny(), plan).ok).toBe(true);
    }
    const bad = run('solve', file('tiny2.json', tiny()), '--backend', 'cplex');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('backend: must be one of "auto", "glpk", "flow", "highs", "decompose"');
  });

  it('an infeasible scenario exits 1 and explains the conflict', () => {
    const r = run('solve', file('hard.json', tiny({ demands: [demand('big', { amount: 500 })], policy: { allowUnmet: false } })));
    expect(r.code).toBe(1);
    expect(r.out).toContain('status: infeasible');
    expect(r.out).toContain('"big"');
  });

  it('validate lists every problem with path and rule, exit 2, no stack trace', () => {
    const bad = structuredClone(tiny()) as any;
    bad.sites[0].pue = 0.5;
    bad.demands[0].origin = 'mars';
    const r = run('validate', file('bad.json', bad));
    expect(r.code).toBe(2);
    expect(r.err).toContain('sites[0].pue');
    expect(r.err).toContain('demands[0].origin: origin "mars" does not exist [unknown-reference]');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('validate accepts a valid file', () => {
    const r = run('validate', file('ok.json', tiny()));
    expect(r.code).toBe(0);
    expect(r.out).toContain('valid');
  });

  it('bad input at the command line is one message and exit 2', () => {
    for (const args of [['solve', '--carbon-price', 'abc'], ['solve', join(dir, 'missing.json')], ['solve', file('broken.json', '{"version": 1,')], ['frobnicate'], ['solve', '--nope'], ['export', file('t.json', tiny())]]) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^suanflow( [a-z]+)?: /);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err).not.toMatch(/[A-Z][a-z]+Error/);
    }
  });

  it('export --lp prints CPLEX LP text; scenario prints a valid scenario; schema prints JSON Schema', () => {
    const lp = run('export', file('t2.json', tiny()), '--lp');
    expect(lp.code).toBe(0);
    expect(lp.out).toMatch(/^Minimize/m);
    expect(lp.out).not.toContain('Writing problem data');
    const sc = run('scenario');
    expect(sc.code).toBe(0);
    expect(JSON.parse(sc.out)).toEqual(scenarios.eastDataWestComputing);
    const schema = JSON.parse(run('schema').out) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain('demands');
  });

  it('solve --profiles applies an hourly CSV; a bad cell names file, line and column (exit 2)', () => {
    const ok = run('solve', '--profiles', fileURLToPath(new URL('../examples/profiles/west-cloudy-day.csv', import.meta.url)), '--json');
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as Plan).status).toBe('optimal');
    const bad = file('bad.csv', 'hour,gridCarbon:zhongwei\n0,0.1\n1,oops\n');
    const r = run('solve', '--profiles', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}, line 3, column 2: column gridCarbon:zhongwei: "oops" is not a number`);
  });

  it('scenario greenHubs prints the green-hub variant; an unknown name lists the built-ins', () => {
    const r = run('scenario', 'greenHubs');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).name).toBe('east-data-west-computing-green-hubs');
    const u = run('scenario', 'nope');
    expect(u.code).toBe(2);
    expect(u.err).toContain('eastDataWestComputing, greenHubs');
  });
});
