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
const dir = mkdtempSync(join(tmpdir(), 'suanflow-expand-'));
const write = (name: string, data: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(data));
  return p;
};
const file = write(
  'growth.json',
  tiny({
    demands: [demand('d1', { amount: 30 })],
    expansion: {
      candidates: [{ site: 'A', class: 'general', moduleCapacity: 5, fixedCost: 3, maxModules: 10 }],
      scenarios: [
        { name: 'low', probability: 0.5, demandScale: 0.5 },
        { name: 'high', probability: 0.5, demandScale: 1.5 },
      ],
    },
  }),
);

describe('suanflow expand', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it)`);
  });

  it('--json: status, objective, gap, modules, scenarios, vss', () => {
    const r = run('expand', file, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { status: string; objective: number; gap: number; modules: { site: string; class: string; count: number }[]; scenarios: { name: string; objective: number }[]; vss: { value: number } };
    expect(j.status).toBe('optimal');
    expect(j.objective).toBeCloseTo(63, 9);
    expect(j.gap).toBeLessThanOrEqual(1e-6);
    expect(j.modules).toEqual([expect.objectContaining({ site: 'A', class: 'general', count: 1 })]);
    expect(j.scenarios.map((s) => s.name)).toEqual(['low', 'high']);
    expect(j.vss.value).toBeCloseTo(1.5, 9);
    const t = run('expand', file, '--no-vss');
    expect(t.code).toBe(0);
    expect(t.out).toContain('1 × A/general#0');
    expect(t.out).not.toContain('value of the stochastic solution');
  });

  it('--help; no expansion block and bad blocks are exit 2', () => {
    const h = run('expand', '--help');
    expect(h.code).toBe(0);
    expect(h.out).toContain('usage: suanflow expand');
    expect(h.out).toContain('example:');
    const none = run('expand');
    expect(none.code).toBe(2);
    expect(none.err).toContain('no "expansion" block');
    const bad = run('expand', write('bad.json', { ...tiny(), expansion: { candidates: [{ site: 'Z', class: 'general', moduleCapacity: 1, fixedCost: 1, maxModules: 1 }], scenarios: [{ name: 'x', probability: 0.5 }] } }));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('expansion.candidates[0].site');
    expect(bad.err).toContain('expansion.scenarios');
    expect(run('expand', file, '--time-limit', '-1').code).toBe(2);
  });
});
