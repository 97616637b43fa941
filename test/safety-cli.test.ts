import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyPlan } from '../src/plan/verify.js';
import type { Plan } from '../src/plan/types.js';
import { demand, tiny } from './fixtures.js';

// End to end through the built bin (npm test builds first).
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('suanflow solve (built bin): replicas and N-1 security', () => {
  it('prints the security block and the copies, and --json carries plan.security', () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it)`);
    const sc = tiny({ demands: [demand('d1', { amount: 8, replicas: 2 })], policy: { survive: 'any-site' } });
    const path = join(mkdtempSync(join(tmpdir(), 'suanflow-safety-')), 'secure.json');
    writeFileSync(path, JSON.stringify(sc));
    const text = spawnSync(process.execPath, [CLI, 'solve', path], { encoding: 'utf8', timeout: 120_000 });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('N-1 security (any-site): survives each of 3 single outages');
    expect(text.stdout).toContain('premium over the plain optimum');
    expect(text.stdout).toContain('Replicas: 1 demand with copies in different groups');
    const json = spawnSync(process.execPath, [CLI, 'solve', path, '--json'], { encoding: 'utf8', timeout: 120_000 });
    const plan = JSON.parse(json.stdout) as Plan;
    expect(plan.security!.recourse).toHaveLength(3);
    expect(verifyPlan(sc, plan).violations).toEqual([]);
  });
});
