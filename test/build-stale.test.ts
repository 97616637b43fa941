import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, STAGES, inputsHash, missingOutputs, readStamps } from '../scripts/build-stages.mjs';

describe('build staleness (scripts/build-stages.mjs, what npm start uses to skip the build)', () => {
  it('the input hash changes with content, new files and renames, not with mtimes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'suanflow-stale-'));
    mkdirSync(join(dir, 'src', 'a'), { recursive: true });
    writeFileSync(join(dir, 'src', 'a', 'x.ts'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'cfg.json'), '{}');
    const stage = { inputs: ['src', 'cfg.json', 'missing.json'] };
    const h0 = inputsHash(stage, dir);
    utimesSync(join(dir, 'src', 'a', 'x.ts'), new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(inputsHash(stage, dir)).toBe(h0);
    writeFileSync(join(dir, 'src', 'a', 'x.ts'), 'export const x = 2;\n');
    const h1 = inputsHash(stage, dir);
    expect(h1).not.toBe(h0);
    writeFileSync(join(dir, 'src', 'a', 'y.ts'), '');
    const h2 = inputsHash(stage, dir);
    expect(h2).not.toBe(h1);
    writeFileSync(join(dir, 'missing.json'), '');
    expect(inputsHash(stage, dir)).not.toBe(h2);
    expect(missingOutputs({ outputs: ['cfg.json', 'nope.js'] }, dir)).toEqual(['nope.js']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('every input of every stage exists (a renamed config must not silently drop out)', () => {
    for (const stage of STAGES) for (const input of stage.inputs) expect(existsSync(join(ROOT, input)), `${stage.name}: ${input}`).toBe(true);
  });

  it('after a build the tree is current, and --if-stale then returns at once and prints nothing', () => {
    const stamps = readStamps();
    for (const stage of STAGES) {
      expect(missingOutputs(stage), `run "npm run build" first (npm test does it)`).toEqual([]);
      // Fails too when a build step rewrites one of its own inputs: npm start would rebuild every time.
      expect(stamps[stage.name], `stage ${stage.name} is stale: run "npm run build" first (npm test does it)`).toBe(inputsHash(stage));
    }
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const ms = performance.now() - t0;
    expect({ status: r.status, out: r.stdout, err: r.stderr }).toEqual({ status: 0, out: '', err: '' });
    expect(ms).toBeLessThan(3000);
  });

  it('an unknown option is refused with the valid ones named', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--fast'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--if-stale');
  });
});
