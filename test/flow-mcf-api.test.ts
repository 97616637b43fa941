import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minCostFlow, parseDimacsMin, type McfNetwork } from '../src/flow/index.js';
import { networkSimplexTS } from '../src/flow/network-simplex.js';
import { OptionsError } from '../src/errors.js';

const net = (nodes: number, arcs: [number, number, number, number, number][], supply: number[]): McfNetwork => ({
  nodes,
  source: Int32Array.from(arcs.map((a) => a[0])),
  target: Int32Array.from(arcs.map((a) => a[1])),
  lower: Float64Array.from(arcs.map((a) => a[2])),
  capacity: Float64Array.from(arcs.map((a) => a[3])),
  cost: Float64Array.from(arcs.map((a) => a[4])),
  supply: Float64Array.from(supply),
});

describe('minCostFlow: hand-checked networks', () => {
  it('a lower bound forces flow onto a dear arc; the objective counts it', async () => {
    // 0 → 1 two ways: cheap (cost 1, cap 10) and dear (cost 5, at least 3 units). Supply 5.
    const r = await minCostFlow(net(2, [[0, 1, 0, 10, 1], [0, 1, 3, 10, 5]], [5, -5]));
    expect(r.status).toBe('optimal');
    expect([...r.flow]).toEqual([2, 3]);
    expect(r.objective).toBe(2 * 1 + 3 * 5);
    expect(r.algorithm).toBe('network-simplex');
    // Reduced costs certify it: the cheap arc strictly between bounds has rc 0.
    expect(1 + r.potential[0]! - r.potential[1]!).toBe(0);
  });

  it('infeasible: the cut is a node set whose supply exceeds what can leave it', async () => {
    // 0 (supply 7) → 1 capped at 4 → 2 (demand 7); also 0 → 2 capped at 2.
    const r = await minCostFlow(net(3, [[0, 1, 0, 4, 1], [1, 2, 0, 10, 1], [0, 2, 0, 2, 3]], [7, 0, -7]));
    expect(r.status).toBe('infeasible');
    expect(r.objective).toBe(Infinity);
    expect([...r.cut!.nodes]).toEqual([0]);
    expect(r.cut!.supply).toBe(7);
    expect(r.cut!.capacityOut).toBe(6);
  });

  it('unbounded: the witness is a negative cycle of uncapacitated arcs', async () => {
    const r = await minCostFlow(net(3, [[0, 1, 0, Infinity, 1], [1, 2, 0, Infinity, -3], [2, 1, 0, Infinity, 1], [1, 0, 0, 5, 0]], [1, -1, 0]));
    expect(r.status).toBe('unbounded');
    expect(r.objective).toBe(-Infinity);
    const arcs = [...r.cycle!.arcs].sort();
    expect(arcs).toEqual([1, 2]);
    expect(r.cycle!.cost).toBe(-2);
  });

  it('time limit and abort are statuses', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await minCostFlow(net(2, [[0, 1, 0, 10, 1]], [5, -5]), { signal: ac.signal });
    expect(r.status).toBe('aborted');
    expect(Number.isNaN(r.objective)).toBe(true);
  });

  it('bad input: lower > capacity, unknown option, cost-scaling, non-integer data in exact mode, sums past 2^53', async () => {
    await expect(minCostFlow(net(2, [[0, 1, 4, 2, 1]], [0, 0]))).rejects.toThrow('arc 0 (0 → 1): lower 4 > capacity 2');
    await expect(minCostFlow(net(2, [[0, 1, 0, 2, 1]], [0, 0]), { nope: 1 } as never)).rejects.toThrow(OptionsError);
    await expect(minCostFlow(net(2, [[0, 1, 0, 2, 1.5]], [0, 0]), { algorithm: 'cost-scaling' })).rejects.toThrow('"cost-scaling" cannot solve this network exactly: cost of arc 0 = 1.5 is not an integer');
    await expect(minCostFlow(net(2, [[0, 1, 0, 2, 1]], [0, 0]), { algorithm: 'simplex' as never })).rejects.toThrow('option algorithm: must be one of "auto", "network-simplex", "cost-scaling"');
    await expect(minCostFlow(net(2, [[0, 1, 0, 2, 1.5]], [0, 0]), { exact: true })).rejects.toThrow('cost of arc 0 (0 → 1) = 1.5 is not an integer');
    await expect(minCostFlow(net(2, [[0, 1, 0, 2 ** 40, 2 ** 20]], [0, 0]))).rejects.toThrow(/≥ 2\^53/);
    await expect(minCostFlow(net(2, [[0, 1, 0, -1, 1]], [0, 0]))).rejects.toThrow('capacity: arc 0 (0 → 1): must be ≥ 0');
    await expect(minCostFlow(net(2, [[0, 1, 0, 2, 1]], [3, -2]))).rejects.toThrow('option supply: must sum to 0 (Σ supply = 1');
    await expect(minCostFlow(net(2, [[0, 5, 0, 2, 1]], [0, 0]))).rejects.toThrow('option target: arc 0: node 5 is not in [0, 2)');
    await expect(minCostFlow(net(2, [[0, 1, 0, Infinity, 2 ** 50]], [1, -1]))).rejects.toThrow(/potential bound .* ≥ 2\^53/);
    // Integer data in exact mode pass.
    expect((await minCostFlow(net(2, [[0, 1, 1, 4, 3]], [2, -2]), { exact: true })).objective).toBe(6);
    // Fractional data without exact mode: solved in f64.
    const r = await minCostFlow(net(2, [[0, 1, 0.5, 2, 1.5]], [1, -1]));
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(1.5);
  });
});

/** Random small networks with lower bounds: the same optimum as the plain network simplex after shifting them out by hand. */
const randomNet = fc
  .record({ n: fc.integer({ min: 2, max: 8 }), arcs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: -5, max: 20 })), { minLength: 1, maxLength: 20 }), sup: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 8, maxLength: 8 }) })
  .map(({ n, arcs, sup }) => {
    const a = arcs.map(([u, v, lo, c, k]) => [u % n, v % n, Math.min(lo, c), c, k] as [number, number, number, number, number]);
    const s = sup.slice(0, n);
    s[n - 1] = s[n - 1]! - s.reduce((x, y) => x + y, 0);
    return net(n, a, s);
  });

describe('minCostFlow: lower bounds shift out exactly', () => {
  it('objective = TS network simplex on the shifted network + Σ cost·lower; flows within bounds and conserved (300 networks)', async () => {
    await fc.assert(
      fc.asyncProperty(randomNet, async (g) => {
        const r = await minCostFlow(g);
        const lo = g.lower!;
        const cap = Float64Array.from(g.capacity, (c, a) => c - lo[a]!);
        const sup = Float64Array.from(g.supply);
        let offset = 0;
        for (let a = 0; a < lo.length; a++) {
          sup[g.source[a]!] = sup[g.source[a]!]! - lo[a]!;
          sup[g.target[a]!] = sup[g.target[a]!]! + lo[a]!;
          offset += lo[a]! * g.cost[a]!;
        }
        const ref = networkSimplexTS({ nodes: g.nodes, source: g.source, target: g.target, capacity: cap, cost: g.cost, supply: sup });
        expect(r.status).toBe(ref.status);
        if (r.status !== 'optimal') {
          if (r.status === 'infeasible') expect(r.cut!.supply).toBeGreaterThan(r.cut!.capacityOut);
          return;
        }
        expect(r.objective).toBe(ref.objective + offset);
        const bal = new Float64Array(g.nodes);
        for (let a = 0; a < lo.length; a++) {
          expect(r.flow[a]!).toBeGreaterThanOrEqual(lo[a]!);
          expect(r.flow[a]!).toBeLessThanOrEqual(g.capacity[a]!);
          bal[g.source[a]!] = bal[g.source[a]!]! + r.flow[a]!;
          bal[g.target[a]!] = bal[g.target[a]!]! - r.flow[a]!;
        }
        expect([...bal]).toEqual([...g.supply]);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('a parsed DIMACS file solves (lower bounds from the a lines)', async () => {
    const r = await minCostFlow(parseDimacsMin('c tiny\np min 2 2\nn 1 5\nn 2 -5\na 1 2 0 10 1\na 1 2 3 10 5\n'));
    expect(r.objective).toBe(17);
  });
});
