import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OptionsError, WasmError } from '../src/errors.js';
import { costScaling } from '../src/flow/cost-scaling.js';
import { networkSimplexTS } from '../src/flow/network-simplex.js';
import { NetworkSimplexWasm, networkSimplex, networkSimplexWasm } from '../src/flow/network-simplex-wasm.js';
import { FLOW_COST_TOL, type FlowNetwork, type FlowResult } from '../src/flow/types.js';
import { instantiateKernels, type Kernels, loadKernels } from '../src/wasm/kernels.js';

type Arc = readonly [from: number, to: number, capacity: number, cost: number];

function network(supply: readonly number[], arcs: readonly Arc[]): FlowNetwork {
  return {
    nodes: supply.length,
    source: Int32Array.from(arcs, (a) => a[0]),
    target: Int32Array.from(arcs, (a) => a[1]),
    capacity: Float64Array.from(arcs, (a) => a[2]),
    cost: Float64Array.from(arcs, (a) => a[3]),
    supply: Float64Array.from(supply),
  };
}

let release: Kernels;
let debug: Kernels;
beforeAll(async () => {
  release = await loadKernels();
  debug = await instantiateKernels(readFileSync(new URL('../build/debug.wasm', import.meta.url)));
});

const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Solves with the TS twin, the release kernel and the debug kernel; all three must agree bit for
 * bit (same algorithm, same f64 operations); returns the TS result.
 */
function solveAll(net: FlowNetwork): FlowResult {
  const ts = networkSimplexTS(net);
  for (const k of [release, debug]) {
    const w = networkSimplexWasm(k, net);
    expect(w.status).toBe(ts.status);
    expect(Object.is(w.objective, ts.objective)).toBe(true);
    expect(w.iterations).toBe(ts.iterations);
    expect(sameBits(w.flow, ts.flow)).toBe(true);
    expect(sameBits(w.potential, ts.potential)).toBe(true);
  }
  return ts;
}

/** Conservation, bounds and complementary slackness of an optimal result. */
function expectOptimalPair(net: FlowNetwork, r: FlowResult): void {
  expect(r.status).toBe('optimal');
  const balance = new Float64Array(net.nodes);
  let maxCost = 0;
  let obj = 0;
  for (let a = 0; a < net.source.length; a++) {
    const f = r.flow[a]!;
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThanOrEqual(net.capacity[a]!);
    balance[net.source[a]!]! += f;
    balance[net.target[a]!]! -= f;
    maxCost = Math.max(maxCost, Math.abs(net.cost[a]!));
    obj += net.cost[a]! * f;
  }
  expect(r.objective).toBeCloseTo(obj, 9);
  for (let v = 0; v < net.nodes; v++) expect(balance[v]).toBeCloseTo(net.supply[v]!, 9);
  const eps = FLOW_COST_TOL * Math.max(1, maxCost);
  for (let a = 0; a < net.source.length; a++) {
    const rc = net.cost[a]! + r.potential[net.source[a]!]! - r.potential[net.target[a]!]!;
    const f = r.flow[a]!;
    if (f > 0 && f < net.capacity[a]!) expect(Math.abs(rc)).toBeLessThanOrEqual(eps);
    else if (f === 0 && net.capacity[a]! > 0) expect(rc).toBeGreaterThanOrEqual(-eps);
    else if (f === net.capacity[a]) expect(rc).toBeLessThanOrEqual(eps);
  }
}

describe('network simplex: hand-solvable networks', () => {
  it('2 × 2 transportation problem', () => {
    // Supplies 20, 30; demands 25, 25. Costs s1→d1 1, s1→d2 3, s2→d1 2, s2→d2 1.
    // Optimum: s1→d1 20, s2→d1 5, s2→d2 25 = 20 + 10 + 25 = 55.
    const net = network(
      [20, 30, -25, -25],
      [
        [0, 2, Infinity, 1],
        [0, 3, Infinity, 3],
        [1, 2, Infinity, 2],
        [1, 3, Infinity, 1],
      ],
    );
    const r = solveAll(net);
    expectOptimalPair(net, r);
    expect(r.objective).toBe(55);
    expect([...r.flow]).toEqual([20, 0, 5, 25]);
    // One unit s1 → d2 displaces s1 → d1, s2 → d1 and s2 → d2: 3 − 1 + 2 − 1 = 3, its reduced cost.
    expect(3 + r.potential[0]! - r.potential[3]!).toBe(3);
  });

  it('a shortest path as a one-unit flow: π(t) − π(s) is the distance', () => {
    // 0→1 (4), 0→2 (1), 2→1 (2), 1→3 (1), 2→3 (5), 3→4 (3): shortest 0→2→1→3→4 = 7.
    const net = network(
      [1, 0, 0, 0, -1],
      [
        [0, 1, Infinity, 4],
        [0, 2, Infinity, 1],
        [2, 1, Infinity, 2],
        [1, 3, Infinity, 1],
        [2, 3, Infinity, 5],
        [3, 4, Infinity, 3],
      ],
    );
    const r = solveAll(net);
    expectOptimalPair(net, r);
    expect(r.objective).toBe(7);
    expect([...r.flow]).toEqual([0, 1, 1, 1, 0, 1]);
    expect(r.potential[4]! - r.potential[0]!).toBe(7);
    expect(r.potential[3]! - r.potential[0]!).toBe(4);
  });

  it('a capacity forces part of the flow onto a second, dearer route', () => {
    // 10 units 0 → 3: via 1 costs 2 per unit but 0→1 carries at most 4; via 2 costs 5.
    const net = network(
      [10, 0, 0, -10],
      [
        [0, 1, 4, 1],
        [1, 3, Infinity, 1],
        [0, 2, Infinity, 2],
        [2, 3, Infinity, 3],
      ],
    );
    const r = solveAll(net);
    expectOptimalPair(net, r);
    expect([...r.flow]).toEqual([4, 4, 6, 6]);
    expect(r.objective).toBe(4 * 2 + 6 * 5);
    // The saturated arc's reduced cost is the saving per extra unit of its capacity: −3.
    expect(1 + r.potential[0]! - r.potential[1]!).toBe(-3);
  });

  it('degenerate ties: equal costs everywhere and balanced partial sums', () => {
    // 3 × 3, every cost 1, supplies equal demands pairwise: many optimal bases, one optimum.
    const arcs: Arc[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) arcs.push([i, 3 + j, Infinity, 1]);
    const net = network([10, 10, 10, -10, -10, -10], arcs);
    const r = solveAll(net);
    expectOptimalPair(net, r);
    expect(r.objective).toBe(30);
    // Ties in cost and in the leaving arc (two blocking arcs at once).
    const tie = network(
      [5, 5, -5, -5],
      [
        [0, 2, 5, 1],
        [0, 3, 5, 1],
        [1, 2, 5, 1],
        [1, 3, 5, 1],
        [0, 1, Infinity, 0],
        [1, 0, Infinity, 0],
      ],
    );
    const t = solveAll(tie);
    expectOptimalPair(tie, t);
    expect(t.objective).toBe(10);
  });

  it('a zero-capacity arc carries nothing however cheap', () => {
    const net = network(
      [3, 0, -3],
      [
        [0, 2, 0, -100],
        [0, 1, Infinity, 1],
        [1, 2, Infinity, 1],
      ],
    );
    const r = solveAll(net);
    expectOptimalPair(net, r);
    expect([...r.flow]).toEqual([0, 3, 3]);
    expect(r.objective).toBe(6);
  });

  it('infeasible: the supply cannot reach the demand, or not all of it', () => {
    // Only an arc the wrong way round.
    const wrongWay = network([4, -4], [[1, 0, Infinity, 1]]);
    const a = solveAll(wrongWay);
    expect(a.status).toBe('infeasible');
    expect(a.objective).toBe(Infinity);
    // Too little capacity.
    const narrow = network(
      [4, 0, -4],
      [
        [0, 1, 3, 1],
        [1, 2, Infinity, 1],
      ],
    );
    expect(solveAll(narrow).status).toBe('infeasible');
    // No arcs at all.
    expect(solveAll(network([1, -1], [])).status).toBe('infeasible');
  });

  it('a negative-cost cycle of infinite capacity is unbounded; a capacitated one is saturated', () => {
    const cycle: Arc[] = [
      [0, 1, Infinity, 1],
      [1, 2, Infinity, -3],
      [2, 0, Infinity, 1],
    ];
    const u = solveAll(network([0, 0, 0], cycle));
    expect(u.status).toBe('unbounded');
    expect(u.objective).toBe(-Infinity);
    // With supplies the unbounded result still carries a feasible flow.
    const withSupply = network([2, 0, -2], cycle);
    const w = solveAll(withSupply);
    expect(w.status).toBe('unbounded');
    expect(w.flow[0]! - w.flow[2]!).toBeCloseTo(2, 12);
    // One finite arc on the cycle bounds it: 7 laps at −1 each.
    const capped = network([0, 0, 0], [cycle[0]!, [1, 2, 7, -3], cycle[2]!]);
    const c = solveAll(capped);
    expectOptimalPair(capped, c);
    expect(c.objective).toBe(-7);
    expect([...c.flow]).toEqual([7, 7, 7]);
  });

  it('infeasible wins over a negative cycle (there is no flow to make unbounded)', () => {
    const net = network(
      [3, -3, 0, 0],
      [
        [1, 0, Infinity, 1],
        [2, 3, Infinity, -1],
        [3, 2, Infinity, -1],
      ],
    );
    expect(solveAll(net).status).toBe('infeasible');
  });

  it('loops: a negative finite loop is saturated, an infinite one unbounded', () => {
    const fin = network([1, -1], [
      [0, 1, Infinity, 2],
      [1, 1, 5, -1],
    ]);
    const r = solveAll(fin);
    expectOptimalPair(fin, r);
    expect(r.objective).toBe(2 - 5);
    expect(solveAll(network([0], [[0, 0, Infinity, -1]])).status).toBe('unbounded');
  });

  it('Infinity, Number.MAX_VALUE and any capacity ≥ 1e15 all mean uncapacitated', () => {
    const cyc = (cap: number) =>
      network([0, 0], [
        [0, 1, cap, -1],
        [1, 0, Infinity, 0],
      ]);
    for (const cap of [Infinity, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 1e15]) {
      expect(solveAll(cyc(cap)).status).toBe('unbounded');
    }
    const c = solveAll(cyc(1e14));
    expect(c.status).toBe('optimal');
    expect(c.objective).toBe(-1e14);
  });

  it('non-integer data: costs, supplies and capacities', () => {
    const net = network(
      [2.5, 1.25, -0.75, -3],
      [
        [0, 2, 0.5, 0.1],
        [0, 3, Infinity, 0.7],
        [1, 2, Infinity, 0.3],
        [1, 3, 1.1, 0.2],
        [0, 1, Infinity, 0.05],
      ],
    );
    const r = solveAll(net);
    expectOptimalPair(net, r);
    // 0→2 0.5 (0.05), 1→2 0.25 (0.075), 1→3 1.1 (0.22), 0→3 1.9 (1.33), 0→1 0.1 (0.005).
    expect(r.objective).toBeCloseTo(0.05 + 0.075 + 0.22 + 1.33 + 0.005, 12);
  });

  it('empty networks', () => {
    const empty = solveAll(network([], []));
    expect(empty).toMatchObject({ status: 'optimal', objective: 0, iterations: 0 });
    const still = solveAll(network([0, 0], []));
    expect(still.status).toBe('optimal');
    expect(still.objective).toBe(0);
  });

  it('integer data give integer flows', () => {
    const arcs: Arc[] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) arcs.push([i, 4 + j, 3 + ((i * 7 + j * 3) % 5), (i * 5 + j * 11) % 7]);
    const net = network([7, 3, 5, 6, -8, -6, -7], arcs);
    const r = solveAll(net);
    expectOptimalPair(net, r);
    expect(r.flow.every((f) => Number.isInteger(f))).toBe(true);
    expect(Number.isInteger(r.objective)).toBe(true);
  });

  it('crash start (most nodes with supply): same pivots in all three, optimal, the cost-scaling optimum', () => {
    // Placement-like: 2,000 demands → 8 of 50 sites each, capped sites → sink, an unmet arc per
    // demand. Over 1,000 crash pivots, so the renumbering must wait for the crash to end.
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const D = 2000;
    const S = 50;
    const sink = D + S;
    const supply: number[] = [];
    const arcs: Arc[] = [];
    let total = 0;
    for (let d = 0; d < D; d++) {
      const q = 1 + Math.floor(100 * next());
      supply.push(q);
      total += q;
      for (let k = 0; k < 8; k++) arcs.push([d, D + Math.floor(S * next()), Infinity, 1 + Math.floor(1000 * next())]);
      arcs.push([d, sink, Infinity, 10_000]);
    }
    for (let s = 0; s < S; s++) {
      supply.push(0);
      arcs.push([D + s, sink, Math.ceil((1.1 * total) / S), Math.floor(10 * next())]);
    }
    supply.push(-total);
    const net = network(supply, arcs);
    const r = solveAll(net);
    expectOptimalPair(net, r);
    expect(r.iterations).toBeGreaterThan(D); // at least one crash pivot per demand
    expect(r.objective).toBe(costScaling(net).objective);
  });
});

describe('network simplex: API', () => {
  it('networkSimplex() loads the kernels and gives the TS twin result', async () => {
    const net = network([1, -1], [[0, 1, Infinity, 2.5]]);
    const r = await networkSimplex(net);
    expect(r).toMatchObject({ status: 'optimal', objective: 2.5 });
    expect(r.flow).toEqual(networkSimplexTS(net).flow);
  });

  it('results do not alias wasm memory', () => {
    const solver = new NetworkSimplexWasm(release);
    const net = network([1, -1], [[0, 1, Infinity, 2]]);
    const a = solver.solve(net);
    const b = solver.solve(network([3, -3], [[0, 1, Infinity, 1]]));
    expect(a.flow[0]).toBe(1);
    expect(b.flow[0]).toBe(3);
    expect(a.flow.buffer).not.toBe(release.memory.buffer);
  });

  it('bad networks throw OptionsError naming the field', () => {
    const ok = network([1, -1], [[0, 1, Infinity, 1]]);
    const cases: [Partial<FlowNetwork>, string][] = [
      [{ nodes: -1 }, 'nodes'],
      [{ nodes: 1.5 }, 'nodes'],
      [{ target: new Int32Array(2) }, 'target'],
      [{ capacity: new Float64Array(0) }, 'capacity'],
      [{ cost: new Float64Array(3) }, 'cost'],
      [{ supply: new Float64Array(3) }, 'supply'],
      [{ source: Int32Array.of(2) }, 'source'],
      [{ target: Int32Array.of(-1) }, 'target'],
      [{ cost: Float64Array.of(NaN) }, 'cost'],
      [{ cost: Float64Array.of(Infinity) }, 'cost'],
      [{ capacity: Float64Array.of(-1) }, 'capacity'],
      [{ capacity: Float64Array.of(NaN) }, 'capacity'],
      [{ supply: Float64Array.of(1, -0.5) }, 'supply'],
      [{ supply: Float64Array.of(NaN, 0) }, 'supply'],
      [{ source: [0] as unknown as Int32Array }, 'source'],
    ];
    for (const [over, field] of cases) {
      const bad = { ...ok, ...over };
      for (const solve of [networkSimplexTS, (n: FlowNetwork) => networkSimplexWasm(release, n)]) {
        let err: unknown;
        try {
          solve(bad);
        } catch (e) {
          err = e;
        }
        expect(err, `${JSON.stringify(Object.keys(over))}`).toBeInstanceOf(OptionsError);
        expect((err as OptionsError).option).toBe(field);
      }
    }
    // A rounding-level imbalance is accepted.
    expect(networkSimplexTS({ ...ok, supply: Float64Array.of(0.1 + 0.2, -0.3) }).status).toBe('optimal');
  });

  it('a network too big for 2 GiB of wasm memory throws WasmError naming its size', () => {
    const solver = new NetworkSimplexWasm(release);
    const before = release.memory.buffer.byteLength;
    expect(() => solver.reserve(1_000_000, 40_000_000)).toThrow(WasmError);
    expect(() => solver.reserve(1_000_000, 40_000_000)).toThrow(/1000000 nodes and 40000000 arcs/);
    expect(release.memory.buffer.byteLength).toBe(before);
  });
});
