// A local sweep killed mid-way (SIGKILL, a torn last line) and re-run gives the file an
// uninterrupted run gives (but ms); Ctrl-C (SIGINT) stops with exit 130 and whole lines only.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBase } from '../src/sweep/base.js';
import { readExisting } from '../src/sweep/jsonl.js';
import { runSweep } from '../src/sweep/run-sweep.js';
import { validateSweepSpec } from '../src/sweep/spec.js';
import { CLI, lines, sweepDir, withoutMs } from './sweep-fixtures.js';

const SPEC = { version: 1, base: 'day-location.json', axes: { carbonPrice: [0, 50, 100, 150, 200, 300, 400, 500], outage: [['guian'], ['qingyang'], ['helingeer'], ['zhangjiakou'], ['shaoguan']] } };

/** Runs the CLI sweep until `stopWhen(lines)` and then sends `signal`; resolves to the exit code or signal. */
function runUntil(args: string[], out: string, atLines: number, signal: NodeJS.Signals): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [CLI, 'sweep', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const t = setInterval(() => {
      let n = 0;
      try {
        n = readFileSync(out, 'utf8').split('\n').length - 1;
      } catch {
        return;
      }
      if (n >= atLines) {
        clearInterval(t);
        p.kill(signal);
      }
    }, 5);
    p.on('exit', (code, sig) => {
      clearInterval(t);
      res({ code, signal: sig, stderr });
    });
  });
}

describe('resume', () => {
  it('killed (SIGKILL, then a torn line), interrupted (SIGINT, exit 130), re-run: the uninterrupted file', async () => {
    const { dir, spec } = sweepDir(SPEC);
    const s = validateSweepSpec(SPEC);
    const whole = join(dir, 'whole.jsonl');
    await runSweep(s, { out: whole, base: loadBase(s, dir), workers: 1 });
    expect(lines(whole)).toHaveLength(40);

    const out = join(dir, 'out.jsonl');
    const killed = await runUntil([spec, '--out', out, '--workers', '1'], out, 8, 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const after = lines(out).length;
    expect(after).toBeGreaterThanOrEqual(8);
    expect(after).toBeLessThan(40);
    // A kill in the middle of a write: half a line at the end.
    appendFileSync(out, '{"id":"0123456789abcdef","params":{"carbonPr');
    const size = statSync(out).size;

    const interrupted = await runUntil([spec, '--out', out, '--workers', '2', '--batch', '2'], out, after + 6, 'SIGINT');
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/cut a torn last line \(44 bytes\), its case runs again/);
    expect(interrupted.stderr).toMatch(/interrupted; .* holds whole lines: run the same command again to resume/);
    expect(statSync(out).size).toBeGreaterThan(size - 44);
    expect(readExisting(out).tornBytes).toBe(0);
    const mid = withoutMs(out);
    expect(mid).toEqual(withoutMs(whole).slice(0, mid.length));

    const rest = spawn(process.execPath, [CLI, 'sweep', spec, '--out', out, '--workers', '1', '-q'], { stdio: 'ignore' });
    expect(await new Promise((r) => rest.on('exit', r))).toBe(0);
    expect(withoutMs(out)).toEqual(withoutMs(whole));
  }, 120_000);
});
