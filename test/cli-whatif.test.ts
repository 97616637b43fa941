import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { demand, tiny } from './fixtures.js';

// End to end through the built bin (npm test builds first).
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const dir = mkdtempSync(join(tmpdir(), 'suanflow-whatif-'));
const file = join(dir, 'two-hours.json');
writeFileSync(file, JSON.stringify(tiny({ horizonHours: 2, demands: [demand('d1', { amount: [15, 5] }), demand('d2', { amount: 3, allowedSites: ['A'] })] })));

describe('suanflow whatif', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it)`);
  });

  it('--json: base and ranked cases with the documented fields', () => {
    const r = run('whatif', file, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { base: { status: string; objective: number }; cases: { outage: string[]; status: string; objective: number; unmet: { total: number; byClass: Record<string, number> }; extraCost: number; extraCarbon: { marketTonnes: number; locationTonnes: number }; absorbedBy: { site: string; amount: number }[]; rank: number }[] };
    expect(j.base.status).toBe('optimal');
    expect(j.cases.map((c) => c.outage)).toEqual([['B'], ['A'], ['C']]);
    expect(j.cases[0]!.unmet.total).toBeCloseTo(8, 6);
    expect(Object.keys(j.cases[1]!).sort()).toEqual(expect.arrayContaining(['outage', 'status', 'objective', 'unmet', 'extraCost', 'extraCarbon', 'absorbedBy', 'rank']));
    expect(j.cases[1]!.absorbedBy[0]).toMatchObject({ site: 'B' });
  });

  it('the table, --each-hub and --outage', () => {
    const t = run('whatif', file);
    expect(t.code).toBe(0);
    expect(t.out).toContain('rank');
    expect(t.out).toContain('ranking: most critical first');
    const h = run('whatif', file, '--each-hub', '--json');
    expect((JSON.parse(h.out) as { cases: unknown[] }).cases).toHaveLength(3);
    const o = run('whatif', file, '--outage', 'A,B', '--outage', 'C', '--json');
    expect((JSON.parse(o.out) as { cases: { outage: string[] }[] }).cases.map((c) => c.outage)).toEqual([['A', 'B'], ['C']]);
  });

  it('--help, bad input (exit 2), a case that is not optimal (exit 1)', () => {
    const h = run('whatif', '--help');
    expect(h.code).toBe(0);
    expect(h.out).toContain('usage: suanflow whatif');
    expect(h.out).toContain('example:');
    const bad = run('whatif', file, '--outage', 'A,Z');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('outage[0][1]');
    expect(bad.err).toContain('no site "Z"');
    expect(run('whatif', file, '--each-site', '--each-hub').code).toBe(2);
    expect(run('whatif', file, '--workers', '0').code).toBe(2);
    const hardFile = join(dir, 'hard.json');
    writeFileSync(hardFile, JSON.stringify(tiny({ demands: [demand('d2', { amount: 3, allowedSites: ['A'] })], policy: { allowUnmet: false } })));
    const hard = run('whatif', hardFile, '--json', '-q');
    expect(hard.code).toBe(1);
    expect((JSON.parse(hard.out) as { cases: { status: string }[] }).cases[0]!.status).toBe('infeasible');
  });
});
