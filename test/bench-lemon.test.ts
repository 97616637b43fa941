import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../src/util/prng.js';
import { lemonAvailable, lemonObjectiveBound, runLemon, toDimacs } from '../bench/lemon.js';
import { networkSimplexTS } from '../src/flow/network-simplex.js';
import type { FlowNetwork } from '../src/flow/types.js';

const net = (nodes: number, supply: number[], arcs: [number, number, number, number][]): FlowNetwork => ({
  nodes,
  supply: Float64Array.from(supply),
  source: Int32Array.from(arcs, (a) => a[0]),
  target: Int32Array.from(arcs, (a) => a[1]),
  capacity: Float64Array.from(arcs, (a) => a[2]),
  cost: Float64Array.from(arcs, (a) => a[3]),
});

/**
 * Transportation network: S supply nodes → K of D sites each (site → sink capacity about 80% of
 * the total supply) plus an unmet arc straight to the sink at a high cost. Integer supplies and
 * capacities, fractional costs.
 */
function transport(S: number, D: number, K: number, seed: number): FlowNetwork {
  const r = rng(seed);
  const sink = S + D;
  const supply = new Array<number>(S + D + 1).fill(0);
  const arcs: [number, number, number, number][] = [];
  let total = 0;
  for (let i = 0; i < S; i++) {
    const s = 1 + Math.floor(r() * 100);
    supply[i] = s;
    total += s;
    const sites = new Set<number>();
    while (sites.size < K) sites.add(Math.floor(r() * D));
    for (const j of sites) arcs.push([i, S + j, Infinity, 1 + r() * 20]);
    arcs.push([i, sink, Infinity, 60 + r()]);
  }
  supply[sink] = -total;
  for (let j = 0; j < D; j++) arcs.push([S + j, sink, Math.round((0.8 * total) / D), r() * 5]);
  return net(S + D + 1, supply, arcs);
}

describe('toDimacs', () => {
  it('writes 1-based integer DIMACS, infinite capacity as Σ positive supply', () => {
    const text = toDimacs(net(2, [3, -3], [[0, 1, Infinity, 1.23456]]), { cost: 1e4, flow: 1 });
    expect(text).toBe('p min 2 1\nn 1 3\nn 2 -3\na 1 2 0 3 12346\n');
  });

  it('refuses supplies that scaling does not make integers', () => {
    expect(() => toDimacs(net(2, [1.5, -1.5], [[0, 1, 5, 1]]), { cost: 1, flow: 1 })).toThrow(RangeError);
  });
});

const lemon = lemonAvailable();
describe(`LEMON NetworkSimplex reference${lemon.ok ? '' : ` (skipped: ${lemon.reason})`}`, () => {
  it.skipIf(!lemon.ok)('finds the known optimum of a 2×2 transportation problem', () => {
    // Supplies 5, 3; demands 4, 4: ship 0→2: 4, 0→3: 1, 1→3: 3 = 6 + 3.25 + 2.25.
    const r = runLemon(net(4, [5, 3, -4, -4], [[0, 2, 10, 1.5], [0, 3, 10, 3.25], [1, 2, 10, 2], [1, 3, 10, 0.75]]), { repeats: 3 });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(11.5, 9);
    expect(r.samples).toHaveLength(3);
  });

  it.skipIf(!lemon.ok)('agrees with networkSimplexTS on a random transportation network within the rounding bound', () => {
    const n = transport(200, 20, 6, 7);
    const costScale = 1e4;
    const ts = networkSimplexTS(n);
    const l = runLemon(n, { costScale, repeats: 1 });
    expect(ts.status).toBe('optimal');
    expect(l.status).toBe('optimal');
    const tsFlowSum = ts.flow.reduce((a, f) => a + Math.abs(f), 0);
    const bound = lemonObjectiveBound(costScale, tsFlowSum, l.flowSum);
    expect(bound).toBeGreaterThan(0);
    expect(Math.abs(l.objective - ts.objective)).toBeLessThanOrEqual(bound + 1e-9 * Math.abs(ts.objective));
  });

  it.skipIf(!lemon.ok)('reports an infeasible network', () => {
    const r = runLemon(net(2, [10, -10], [[0, 1, 5, 1]]), { repeats: 1 });
    expect(r.status).toBe('infeasible');
    expect(r.objective).toBe(Infinity);
  });
});
