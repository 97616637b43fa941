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
const dir = mkdtempSync(join(tmpdir(), 'suanflow-explain-'));
const file = join(dir, 'hard.json');
writeFileSync(file, JSON.stringify(tiny({ demands: [demand('big', { amount: 200 })], policy: { allowUnmet: false } })));

describe('suanflow explain', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it)`);
  });

  it('prints the conflicting rules in words; --json has them in data', () => {
    const t = run('explain', file);
    expect(t.code).toBe(0);
    expect(t.out).toContain('demand big (Beijing, general, ≤ 10 ms) needs 200 unit-h in hour 0');
    expect(t.out).toContain('irreducible');
    const j = run('explain', file, '--json');
    expect(j.code).toBe(0);
    const e = JSON.parse(j.out) as { feasible: boolean; method: string; irreducible: boolean; partial: boolean; rules: { kind: string }[]; cut: { shortfall: number } };
    expect(e).toMatchObject({ feasible: false, method: 'min-cut', irreducible: true, partial: false });
    expect(e.rules.map((r) => r.kind)).toEqual(['demand', 'capacity', 'capacity', 'latency']);
    expect(e.cut.shortfall).toBe(90);
  });

  it('a feasible scenario has nothing to explain (exit 0); --help; bad input is exit 2', () => {
    const f = run('explain');
    expect(f.code).toBe(0);
    expect(f.out).toContain('feasible');
    const h = run('explain', '--help');
    expect(h.code).toBe(0);
    expect(h.out).toContain('usage: suanflow explain');
    expect(h.out).toContain('example:');
    expect(run('explain', file, '--time-limit', '0').code).toBe(2);
    expect(run('explain', join(dir, 'missing.json')).code).toBe(2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...tiny(), horizonHours: -1 }));
    const b = run('explain', bad);
    expect(b.code).toBe(2);
    expect(b.err).toContain('horizonHours');
  });
});
