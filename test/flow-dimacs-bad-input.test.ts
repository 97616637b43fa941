// The "Bad input" list of issue 11, each case read from DIMACS text: a DimacsError naming the line
// (or, for exact mode, an OptionsError naming the arc or node), and the unbounded and infeasible
// outcomes as statuses with their witnesses.
import { describe, expect, it } from 'vitest';
import { OptionsError } from '../src/errors.js';
import { DimacsError, minCostFlow, parseDimacsMin } from '../src/flow/index.js';

/** The error parseDimacsMin throws on `text` (fails the test when it throws none). */
function parseError(text: string): DimacsError {
  try {
    parseDimacsMin(text);
  } catch (e) {
    if (e instanceof DimacsError) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('DIMACS bad input: each case names its line', () => {
  it.each([
    // Negative capacities.
    ['negative capacity', 'p min 2 1\nn 1 1\nn 2 -1\na 1 2 0 -3 1\n', 4, 'CAP must be ≥ 0, got -3 (arc 1)'],
    ['negative capacity on the second arc', 'p min 3 2\nc comment\na 1 2 0 4 1\na 2 3 0 -1 1\n', 4, 'CAP must be ≥ 0, got -1 (arc 2)'],
    // Lower > upper.
    ['lower above capacity', 'p min 2 1\na 1 2 5 4 1\n', 2, 'LOW 5 > CAP 4 (arc 1)'],
    ['infinite lower bound', 'p min 2 1\na 1 2 inf inf 1\n', 2, 'LOW must be finite'],
    // Supplies that do not balance: the problem line is named.
    ['unbalanced supplies', 'c x\np min 3 1\nn 1 5\nn 3 -2\na 1 3 0 9 1\n', 2, 'supplies sum to 3, not 0'],
    ['infinite supply', 'p min 2 0\nn 1 inf\n', 2, 'SUPPLY must be finite'],
    // Node ids out of range, on both sides and on n and a lines.
    ['tail 0', 'p min 2 1\na 0 2 0 1 1\n', 2, 'TAIL 0 is not a node (1 … 2)'],
    ['head past the node count', 'p min 2 1\na 1 3 0 1 1\n', 2, 'HEAD 3 is not a node (1 … 2)'],
    ['negative node id', 'p min 2 1\na -1 2 0 1 1\n', 2, 'TAIL -1 is not a node (1 … 2)'],
    ['n line past the node count', 'p min 2 0\nn 3 0\n', 2, 'node id 3 is not a node (1 … 2)'],
    ['n line node 0', 'p min 2 0\nn 0 4\n', 2, 'node id 0 is not a node (1 … 2)'],
    ['fractional node id', 'p min 2 1\na 1.5 2 0 1 1\n', 2, 'TAIL must be an integer, got "1.5"'],
    ['fractional node count', 'p min 2.5 1\n', 1, 'NODES must be an integer, got "2.5"'],
    // Not DIMACS.
    ['JSON', '{"nodes": 2}\n', 1, 'not a DIMACS min-cost-flow line'],
    ['a max-flow problem', 'p max 2 1\n', 1, 'expected "p min NODES ARCS"'],
    ['empty text', '', 1, 'no problem line'],
    ['comments only', 'c one\nc two\n', 2, 'no problem line'],
    ['a line before the problem line', 'n 1 5\np min 2 0\n', 1, '"n" line before the problem line'],
    ['a word for a number', 'p min 2 1\na 1 2 0 ten 1\n', 2, 'CAP must be a number, got "ten"'],
    ['missing fields', 'p min 2 1\na 1 2 0 4\n', 2, 'expected "a TAIL HEAD LOW CAP COST", got 5 fields'],
    ['n line field count', 'p min 2 0\nn 1\n', 2, 'expected "n ID SUPPLY", got 2 fields'],
    ['fewer arcs than declared', 'p min 2 2\na 1 2 0 1 1\n', 2, '1 arc lines, but line 1 declares 2'],
  ])('%s', (_what, text, line, message) => {
    const e = parseError(text);
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`line ${line}: ${message}`)).toBe(true);
  });

  it('CRLF line ends and tabs are blanks, not errors', () => {
    const g = parseDimacsMin('p min 2 1\r\nn\t1\t3\r\nn 2 -3\r\na 1 2 0 5 2\r\n');
    expect(g.nodes).toBe(2);
    expect([...g.supply]).toEqual([3, -3]);
  });
});

describe('DIMACS bad input: non-integer data where exact mode is requested', () => {
  it.each([
    ['a fractional cost', 'p min 2 1\nn 1 2\nn 2 -2\na 1 2 0 4 1.5\n', 'cost of arc 0 (0 → 1) = 1.5 is not an integer'],
    ['a fractional capacity', 'p min 2 1\nn 1 2\nn 2 -2\na 1 2 0 4.25 1\n', 'capacity of arc 0 (0 → 1) = 4.25 is not an integer'],
    ['a fractional lower bound', 'p min 2 1\nn 1 2\nn 2 -2\na 1 2 0.5 4 1\n', 'lower of arc 0 (0 → 1) = 0.5 is not an integer'],
    ['a fractional supply', 'p min 2 1\nn 1 2.5\nn 2 -2.5\na 1 2 0 4 1\n', 'supply of node 0 = 2.5 is not an integer'],
  ])('%s: refused with the arc or node named; solved in f64 without exact mode', async (_what, text, message) => {
    const net = parseDimacsMin(text);
    const refused = minCostFlow(net, { exact: true });
    await expect(refused).rejects.toThrow(OptionsError);
    await expect(minCostFlow(net, { exact: true })).rejects.toThrow(message);
    expect((await minCostFlow(net)).status).toBe('optimal');
  });

  it('integer data whose objective bound reaches 2^53 is refused in any mode, with the reason', async () => {
    const net = parseDimacsMin(`p min 2 1\nn 1 ${2 ** 40}\nn 2 -${2 ** 40}\na 1 2 0 inf ${2 ** 20}\n`);
    await expect(minCostFlow(net)).rejects.toThrow('≥ 2^53, so f64 arithmetic would not be exact');
  });
});

describe('DIMACS outcomes: statuses with witnesses, not errors', () => {
  it('unbounded: a negative cycle of uncapacitated arcs, its arcs in file order indices', async () => {
    // 2 → 3 → 2 costs −1 in total and has no capacity.
    const net = parseDimacsMin('p min 3 3\nn 1 1\nn 3 -1\na 1 3 0 1 1\na 2 3 0 inf -2\na 3 2 0 inf 1\n');
    const r = await minCostFlow(net);
    expect(r.status).toBe('unbounded');
    const cycle = r.cycle!;
    expect([...cycle.arcs].sort()).toEqual([1, 2]);
    expect(cycle.cost).toBe(-1);
    // The arcs close a cycle.
    for (let i = 0; i < cycle.arcs.length; i++) {
      const a = cycle.arcs[i]!;
      const b = cycle.arcs[(i + 1) % cycle.arcs.length]!;
      expect(net.target[a]).toBe(net.source[b]);
    }
  });

  it('infeasible: a node set whose supply exceeds the capacity leaving it', async () => {
    // Nodes 1 and 2 hold 6 units; only 2 + 1 can leave them.
    const net = parseDimacsMin('p min 4 4\nn 1 4\nn 2 2\nn 4 -6\na 1 2 0 9 1\na 1 3 0 2 1\na 2 4 0 1 1\na 3 4 0 9 1\n');
    const r = await minCostFlow(net);
    expect(r.status).toBe('infeasible');
    const cut = r.cut!;
    expect(cut.supply).toBeGreaterThan(cut.capacityOut);
    // The witness is consistent with the network: supply inside, capacity of the arcs leaving.
    const inside = new Set(cut.nodes);
    let supply = 0;
    for (const v of inside) supply += net.supply[v]!;
    let out = 0;
    for (let a = 0; a < net.source.length; a++) if (inside.has(net.source[a]!) && !inside.has(net.target[a]!)) out += net.capacity[a]!;
    expect(cut.supply).toBe(supply);
    expect(cut.capacityOut).toBe(out);
  });
});
