import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The examples import 'suanflow' itself (package self-reference to dist/): npm test builds first.
const run = (file: string) =>
  spawnSync(process.execPath, [fileURLToPath(new URL(`../examples/${file}`, import.meta.url))], { encoding: 'utf8', timeout: 120_000 });

describe('examples stay true to the code', () => {
  it('quickstart prints a verified plan', () => {
    const r = run('quickstart.mjs');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('status: optimal');
    expect(r.stdout).toContain('verified: yes');
  });

  it('site-outage names single points of failure and compares plans', () => {
    const r = run('site-outage.mjs');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/outage of [a-z-]+/);
    expect(r.stdout).toContain('load moved');
  });

  it('green-shift compares strategies, traces the frontier and sweeps warm', () => {
    const r = run('green-shift.mjs');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('optimal   cost');
    expect(r.stdout).toMatch(/MAC \d+ CNY\/t/);
    expect(r.stdout).toContain('sweep: warm');
    expect(r.stdout).not.toContain('verified no');
  });

  it('data-gravity scans dataset sizes and says where copies stop paying', () => {
    const r = run('data-gravity.mjs');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('training on a dataset run west');
    expect(r.stdout).toMatch(/beijing-ai-corpus: copied up to \d+ TB, not copied at \d+ TB/);
    expect(r.stdout).toContain('the widest backbone link carries 2700 TB in an hour');
  });
});
