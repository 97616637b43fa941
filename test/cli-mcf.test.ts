import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mcfCommand } from '../src/cli/mcf.js';

function runMcf(args: string[]) {
  let out = '';
  let err = '';
  return mcfCommand(args, { out: (t) => (out += t), err: (t) => (err += t) }).then((code) => ({ code, out, err }));
}

const dir = mkdtempSync(join(tmpdir(), 'suanflow-mcf-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const GOOD = file('good.min', 'c x\np min 3 3\nn 1 5\nn 3 -5\na 1 2 1 4 2\na 2 3 0 10 1\na 1 3 0 3 4\n');

describe('suanflow mcf', () => {
  it('--json prints status, objective (with lower-bound flow), ms, pivots, nodes, arcs; --solution writes s and f lines', async () => {
    const sol = join(dir, 'good.flow');
    const r = await runMcf([GOOD, '--json', '--solution', sol]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['status', 'objective', 'ms', 'pivots', 'nodes', 'arcs']);
    // 4 units 1→2→3 at 3 each, 1 unit 1→3 at 4: 16.
    expect(j).toMatchObject({ status: 'optimal', objective: 16, nodes: 3, arcs: 3 });
    expect(readFileSync(sol, 'utf8')).toBe('s 16\nf 1 2 4\nf 2 3 4\nf 1 3 1\n');
  });

  it('prints a readable summary without --json', async () => {
    const r = await runMcf([GOOD]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^status {5}optimal\nobjective {2}16\ntime .* ms\npivots {5}\d+\nnetwork {4}3 nodes, 3 arcs\n$/);
  });

  it('a bad file: exit 2 and the line', async () => {
    const r = await runMcf([file('bad.min', 'p min 2 1\n\nc\na 1 2 0 1\n')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('suanflow mcf: line 4: expected "a TAIL HEAD LOW CAP COST", got 5 fields');
  });

  it('infeasible: exit 1 with the cut; missing file and unknown algorithm: exit 2', async () => {
    const r = await runMcf([file('inf.min', 'p min 2 1\nn 1 5\nn 2 -5\na 1 2 0 3 1\n'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ status: 'infeasible', cut: { nodes: [1], supply: 5, capacityOut: 3 } });
    expect((await runMcf([join(dir, 'none.min')])).code).toBe(2);
    const a = await runMcf([GOOD, '--algorithm', 'simplex']);
    expect(a.code).toBe(2);
    expect(a.err).toContain('--algorithm');
    expect((await runMcf(['--help'])).out).toContain('example:');
    const cs = await runMcf([GOOD, '--json', '--algorithm', 'cost-scaling']);
    expect(cs.code).toBe(0);
    expect(JSON.parse(cs.out)).toMatchObject({ status: 'optimal', objective: 16, pivots: 0 });
  });
});
