import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// Through the built bin, as a new user meets it (npm test builds first).
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const COMMANDS = ['solve', 'compare', 'pareto', 'simulate', 'validate', 'export', 'scenario', 'schema', 'calibrate', 'bench'];

describe('suanflow CLI: first run', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it)`);
  });

  it.each(COMMANDS)('%s --help prints its own usage with an example, exit 0', (cmd) => {
    const r = run(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(new RegExp(`^usage: suanflow ${cmd}\\b`));
    expect(r.out).toMatch(/\nexample:\n {2}suanflow /);
    expect(run('help', cmd).out).toBe(r.out);
  });

  it('the general help lists every command; --version prints the package version', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    for (const cmd of COMMANDS) expect(r.out).toMatch(new RegExp(`^ {2}${cmd} `, 'm'));
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(run('--version')).toEqual({ code: 0, out: `suanflow ${pkg.version}\n`, err: '' });
    expect(run('-v').out).toBe(`suanflow ${pkg.version}\n`);
  });

  it('number flags: a negative value meets the flag\'s own rule, not the parser', () => {
    const r = run('solve', '--carbon-price', '-5');
    expect(r.code).toBe(2);
    expect(r.err).toBe('suanflow solve: --carbon-price must be a number ≥ 0, got "-5"\nrun "suanflow solve --help" for usage\n');
    expect(run('compare', '--time-limit', '-1').err).toMatch(/^suanflow compare: --time-limit must be a number of seconds > 0, got "-1"/);
    expect(run('simulate', '--seed', '-3').err).toMatch(/^suanflow simulate: --seed must be an integer in 0 … 4294967295, got "-3"/);
  });

  it('bad input is a plain sentence without class names; --quiet drops the usage hint', () => {
    const bad = run('solve', '--backend', 'cplex');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^suanflow solve: --backend: must be one of "auto", "glpk", "flow", "highs", "decompose", got "cplex"\n/);
    expect(bad.err).not.toMatch(/Error/);
    const quiet = run('solve', '--backend', 'cplex', '--quiet');
    expect(quiet.err.trim().split('\n')).toHaveLength(1);
    expect(run('solve', '--bogus').err).toMatch(/^suanflow solve: unknown option --bogus \(flags: --json, /);
    expect(run('solve', '--time-limit').err).toMatch(/^suanflow solve: --time-limit needs a value/);
    expect(run('solve', '--json=yes').err).toMatch(/^suanflow solve: --json takes no value/);
    const unknown = run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^suanflow: unknown command "frobnicate" \(commands: solve, compare, /);
  });

  it('a model over --max-memory is refused in one line naming the size, the limit and what to do (exit 2)', () => {
    const r = run('solve', '--max-memory', '1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^suanflow solve: model too large for the JS heap: .* more than maxMemoryMB = 1 MB; use /);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(run('solve', '--max-memory', '-1').err).toMatch(/^suanflow solve: --max-memory must be a number of megabytes > 0, got "-1"/);
  });

  it.each([
    ['scenario'],
    ['export', '--lp'],
    ['solve', '--json'],
  ])('output into a pipe closed early (suanflow %s | head) ends quietly with exit 0', (...args) => {
    // More than a pipe buffer of output, into a reader that stops after one line.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" ${args.join(' ')} | head -n 1 > /dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout).toBe('status=0\n');
    expect(r.stderr).toBe('');
  });
});
