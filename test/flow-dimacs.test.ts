import { describe, expect, it } from 'vitest';
import { DimacsError, formatDimacsFlow, formatDimacsMin, minCostFlow, parseDimacsMin } from '../src/flow/index.js';

const TEXT = `c a small network
p min 4 5
n 1 4
n 4 -4
a 1 2 0 4 2
a 1 3 1 2 2
a 2 3 0 2 1
a 2 4 0 3 3
a 3 4 0 5 1
`;

describe('DIMACS min format', () => {
  it('parses nodes (1-based → 0-based), supplies, lower bounds, capacities, costs', () => {
    const g = parseDimacsMin(TEXT);
    expect(g.nodes).toBe(4);
    expect([...g.source]).toEqual([0, 0, 1, 1, 2]);
    expect([...g.target]).toEqual([1, 2, 2, 3, 3]);
    expect([...g.lower!]).toEqual([0, 1, 0, 0, 0]);
    expect([...g.capacity]).toEqual([4, 2, 2, 3, 5]);
    expect([...g.cost]).toEqual([2, 2, 1, 3, 1]);
    expect([...g.supply]).toEqual([4, 0, 0, -4]);
  });

  it('format → parse is the identity; a solution is "s objective" then one f line per arc', async () => {
    const g = parseDimacsMin(TEXT);
    expect(parseDimacsMin(formatDimacsMin(g, 'round trip'))).toEqual(g);
    const r = await minCostFlow(g);
    expect(r.status).toBe('optimal');
    // Hand optimum: 2 units 1→3→4 (cost 3 each), 2 units 1→2→3→4 or 1→2→4 (cost 4 / 5): 6 + 8 = 14.
    expect(r.objective).toBe(14);
    const out = formatDimacsFlow(r, g).trim().split('\n');
    expect(out[0]).toBe('s 14');
    expect(out.slice(1)).toEqual([...r.flow].map((f, a) => `f ${g.source[a]! + 1} ${g.target[a]! + 1} ${f}`));
  });

  it('lower bounds are written back on the a lines', () => {
    const g = parseDimacsMin(TEXT);
    expect(formatDimacsMin(g).split('\n').filter((l) => l.startsWith('a '))[1]).toBe('a 1 3 1 2 2');
  });

  it('uncapacitated: capacity ≥ 2^53 or "inf" is Infinity, written back as 2^53', () => {
    const g = parseDimacsMin('p min 2 2\na 1 2 0 9007199254740992 1\na 2 1 0 inf 1\n');
    expect([...g.capacity]).toEqual([Infinity, Infinity]);
    expect(formatDimacsMin(g)).toContain('a 1 2 0 9007199254740992 1');
  });

  it.each([
    ['hello\n', 'line 1: not a DIMACS min-cost-flow line'],
    ['c only\n', 'line 1: no problem line'],
    ['p max 2 1\n', 'line 1: expected "p min NODES ARCS"'],
    ['p min 2 1\np min 2 1\n', 'line 2: a second problem line'],
    ['a 1 2 0 1 1\n', 'line 1: "a" line before the problem line'],
    ['p min 2 1\nc\na 1 3 0 1 1\n', 'line 3: HEAD 3 is not a node (1 … 2)'],
    ['p min 2 1\na 1 2 0 -1 1\n', 'line 2: CAP must be ≥ 0'],
    ['p min 2 1\na 1 2 3 1 1\n', 'line 2: LOW 3 > CAP 1'],
    ['p min 2 1\na 1 2 0 1\n', 'line 2: expected "a TAIL HEAD LOW CAP COST", got 5 fields'],
    ['p min 2 1\na 1 2 0 x 1\n', 'line 2: CAP must be a number, got "x"'],
    ['p min 2 2\na 1 2 0 1 1\n', '1 arc lines, but line 1 declares 2'],
    ['p min 2 1\na 1 2 0 1 1\na 1 2 0 1 1\n', 'line 3: more arc lines than the 1 declared on line 1'],
    ['p min 2 1\nn 1 5\nn 2 -4\na 1 2 0 1 1\n', 'line 1: supplies sum to 1, not 0'],
    ['p min 2 1\nn 1.5 5\n', 'line 2: node id must be an integer'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseDimacsMin(text)).toThrow(DimacsError);
    expect(() => parseDimacsMin(text)).toThrow(message);
  });

  it('reads a 500k-arc file (the size the README quotes a time for) with every arc intact', () => {
    const n = 50_000;
    const m = 500_000;
    const lines = [`p min ${n} ${m}`, `n 1 ${m}`, `n ${n} -${m}`];
    for (let a = 0; a < m; a++) lines.push(`a ${(a % n) + 1} ${((a * 7 + 1) % n) + 1} 0 ${1 + (a % 100)} ${a % 1000}`);
    const g = parseDimacsMin(lines.join('\n'));
    expect(g.source.length).toBe(m);
    expect(g.cost[m - 1]).toBe((m - 1) % 1000);
    expect(g.target[12345]).toBe((12345 * 7 + 1) % n);
  });
});
