/**
 * Warm starts: after a change of arc costs only, the network simplex resumes from the previous
 * optimal tree. The TS twin and both wasm builds must stay bit-identical on every point of a
 * sweep, every point must be optimal (certified by its potentials) and equal a cold solve; after
 * capacity or supply changes the tree is kept only while it is still a feasible basis.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NetworkSimplexTS, networkSimplexTS } from '../src/flow/network-simplex.js';
import { NetworkSimplexWasm } from '../src/flow/network-simplex-wasm.js';
import { FLOW_COST_TOL, type FlowNetwork, type FlowResult } from '../src/flow/types.js';
import { latencyMatrix } from '../src/geo/latency-matrix.js';
import { mulberry32 } from '../src/util/prng.js';
import { instantiateKernels, type Kernels, loadKernels } from '../src/wasm/kernels.js';

/** Seeded demand → site → sink network with an unmet arc per demand; w: per-arc "carbon" weight. */
function network(D: number, S: number, seed: number): { net: FlowNetwork; base: Float64Array; weight: Float64Array } {
  const rnd = mulberry32(seed);
  const m = D * S + D + S;
  const sink = D + S;
  const source = new Int32Array(m);
  const target = new Int32Array(m);
  const capacity = new Float64Array(m).fill(Infinity);
  const base = new Float64Array(m);
  const weight = new Float64Array(m);
  const supply = new Float64Array(D + S + 1);
  let a = 0;
  let total = 0;
  for (let i = 0; i < D; i++) {
    supply[i] = 1 + Math.floor(20 * rnd());
    total += supply[i]!;
    for (let j = 0; j < S; j++, a++) {
      source[a] = i;
      target[a] = D + j;
      base[a] = 1 + 9 * rnd();
      weight[a] = (j % 3) * (0.5 + rnd()); // a third of the sites are clean
    }
    source[a] = i;
    target[a] = sink;
    base[a] = 500;
    a++;
  }
  for (let j = 0; j < S; j++, a++) {
    source[a] = D + j;
    target[a] = sink;
    capacity[a] = Math.round((0.8 * total) / S);
  }
  supply[sink] = -total;
  return { net: { nodes: D + S + 1, source, target, capacity, cost: base.slice(), supply }, base, weight };
}

const withCost = (net: FlowNetwork, base: Float64Array, weight: Float64Array, p: number): FlowNetwork => ({
  ...net,
  cost: Float64Array.from(base, (c, a) => c + p * weight[a]!),
});

const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

function expectSame(a: FlowResult, b: FlowResult): void {
  expect(b.status).toBe(a.status);
  expect(Object.is(b.objective, a.objective)).toBe(true);
  expect(b.iterations).toBe(a.iterations);
  expect(sameBits(b.flow, a.flow)).toBe(true);
  expect(sameBits(b.potential, a.potential)).toBe(true);
}

/** Bounds, conservation and complementary slackness: the potentials certify the optimum. */
function expectCertified(net: FlowNetwork, r: FlowResult): void {
  expect(r.status).toBe('optimal');
  const balance = new Float64Array(net.nodes);
  let maxCost = 0;
  for (let a = 0; a < net.source.length; a++) {
    balance[net.source[a]!]! += r.flow[a]!;
    balance[net.target[a]!]! -= r.flow[a]!;
    maxCost = Math.max(maxCost, Math.abs(net.cost[a]!));
  }
  for (let v = 0; v < net.nodes; v++) expect(balance[v]).toBeCloseTo(net.supply[v]!, 9);
  const eps = FLOW_COST_TOL * Math.max(1, maxCost);
  for (let a = 0; a < net.source.length; a++) {
    const f = r.flow[a]!;
    const u = net.capacity[a]!;
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThanOrEqual(u);
    const rc = net.cost[a]! + r.potential[net.source[a]!]! - r.potential[net.target[a]!]!;
    if (f > 0 && f < u) expect(Math.abs(rc)).toBeLessThanOrEqual(eps);
    else if (f === 0 && u > 0) expect(rc).toBeGreaterThanOrEqual(-eps);
    else if (f === u) expect(rc).toBeLessThanOrEqual(eps);
  }
}

let release: Kernels;
let debug: Kernels;
beforeAll(async () => {
  release = await loadKernels();
  debug = await instantiateKernels(readFileSync(new URL('../build/debug.wasm', import.meta.url)));
});

describe('network simplex warm start', () => {
  it('a 20-point cost sweep: warm = cold optimum, TS and wasm bit-identical, fewer pivots', () => {
    const { net, base, weight } = network(300, 20, 7);
    const ts = new NetworkSimplexTS();
    const wasm = [new NetworkSimplexWasm(release), new NetworkSimplexWasm(debug)];
    let warmPivots = 0;
    let coldPivots = 0;
    for (let i = 0; i < 20; i++) {
      const point = withCost(net, base, weight, i * 0.6);
      const r = ts.solve(point, { warmStart: true });
      expect(r.warmStarted).toBe(i > 0);
      for (const w of wasm) {
        const rw = w.solve(point, { warmStart: true });
        expect(rw.warmStarted).toBe(i > 0);
        expectSame(r, rw);
      }
      expectCertified(point, r);
      const cold = networkSimplexTS(point);
      expect(r.objective).toBeCloseTo(cold.objective, 6);
      warmPivots += r.iterations;
      coldPivots += cold.iterations;
    }
    expect(warmPivots).toBeLessThan(coldPivots / 2);
  });

  it('costs that only grow or fall sharply (signs flip, big-M changes) still end optimal', () => {
    const { net, base, weight } = network(60, 8, 11);
    const ts = new NetworkSimplexTS();
    const w = new NetworkSimplexWasm(release);
    for (const p of [0, 1000, -3, 40, 0.001, 250]) {
      const point = withCost(net, base, weight, p);
      const r = ts.solve(point, { warmStart: true });
      expectSame(r, w.solve(point, { warmStart: true }));
      expectCertified(point, r);
      expect(r.objective).toBeCloseTo(networkSimplexTS(point).objective, 6);
    }
  });

  it('capacity and supply changes: the tree is kept while it stays a feasible basis, else a cold start', () => {
    const { net, base, weight } = network(200, 12, 9);
    const ts = new NetworkSimplexTS();
    const w = new NetworkSimplexWasm(release);
    const rnd = mulberry32(3);
    const S = 12;
    const siteArc0 = net.source.length - S;
    let kept = 0;
    for (let i = 0; i < 40; i++) {
      // Random site capacities (some outages), random costs, and now and then more demand at one node.
      // Every fourth point changes all sites (a big change, usually a cold start), else one site a little.
      const capacity = net.capacity.slice();
      if (i % 4 === 3) for (let j = 0; j < S; j++) capacity[siteArc0 + j] = rnd() < 0.1 ? 0 : Math.round(capacity[siteArc0 + j]! * (0.5 + rnd()));
      else capacity[siteArc0 + (i % S)]! += Math.round(4 * rnd()) - 2;
      const supply = net.supply.slice();
      if (i % 5 === 4) {
        supply[0]! += 3;
        supply[supply.length - 1]! -= 3;
      }
      const point = { ...withCost(net, base, weight, i % 3 === 0 ? rnd() * 5 : 0), capacity, supply };
      const r = ts.solve(point, { warmStart: true });
      expectSame(r, w.solve(point, { warmStart: true }));
      expectCertified(point, r);
      expect(r.objective).toBeCloseTo(networkSimplexTS(point).objective, 6);
      if (r.warmStarted) kept++;
    }
    // Both outcomes occur: kept trees and cold fallbacks.
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(40);
  });

  it('a cold start without the option or after other arcs', () => {
    const { net } = network(40, 5, 3);
    for (const solver of [new NetworkSimplexTS(), new NetworkSimplexWasm(release)]) {
      expect(solver.solve(net, { warmStart: true }).warmStarted).toBe(false); // nothing before
      expect(solver.solve(net, { warmStart: true }).warmStarted).toBe(true);
      expect(solver.solve(net).warmStarted).toBe(false);
      const target = net.target.slice();
      target[0] = net.nodes - 1;
      const other = { ...net, target };
      const r = solver.solve(other, { warmStart: true });
      expect(r.warmStarted).toBe(false);
      expectSame(networkSimplexTS(other), r);
      expect(solver.solve(network(41, 5, 3).net, { warmStart: true }).warmStarted).toBe(false);
      expect(solver.solve(net, { warmStart: true }).warmStarted).toBe(false);
      expect(solver.solve(net, { warmStart: true }).warmStarted).toBe(true);
    }
  });

  it('no warm start after an infeasible solve, or after another user of the wasm memory', async () => {
    const { net } = network(30, 4, 5);
    const w = new NetworkSimplexWasm(release);
    const supply = net.supply.slice();
    const capacity = new Float64Array(net.capacity.length).fill(0);
    const infeasible = { ...net, capacity, supply };
    expect(w.solve(infeasible).status).toBe('infeasible');
    expect(w.solve(infeasible, { warmStart: true }).warmStarted).toBe(false);
    expect(w.solve(net, { warmStart: true }).warmStarted).toBe(false);
    w.solve(net);
    // Another solver on the same kernels overwrites the shared workspace.
    new NetworkSimplexWasm(release).solve(network(10, 3, 1).net);
    const r = w.solve(net, { warmStart: true });
    expect(r.warmStarted).toBe(false);
    expectSame(networkSimplexTS(net), r);
    expect(w.solve(net, { warmStart: true }).warmStarted).toBe(true);
    await latencyMatrix([{ lon: 100, lat: 30 }], [{ lon: 110, lat: 35 }]);
    expect(w.solve(net, { warmStart: true }).warmStarted).toBe(false);
  });
});
