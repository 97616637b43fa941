import { describe, expect, it, vi } from 'vitest';
import { NetworkSimplexWasm, networkSimplexWasm } from '../src/flow/network-simplex-wasm.js';
import type { FlowNetwork } from '../src/flow/types.js';
import { loadKernels, WASM_PAGE_BYTES } from '../src/wasm/kernels.js';

/** A seeded D × S transportation network: demand → each site (random cost), unmet → sink, site → sink (capacity). */
function transportation(D: number, S: number, seed: number): FlowNetwork {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const m = D * S + D + S;
  const n = D + S + 1;
  const sink = D + S;
  const source = new Int32Array(m);
  const target = new Int32Array(m);
  const capacity = new Float64Array(m).fill(Infinity);
  const cost = new Float64Array(m);
  const supply = new Float64Array(n);
  let a = 0;
  let total = 0;
  for (let i = 0; i < D; i++) {
    supply[i] = 1 + Math.floor(20 * next());
    total += supply[i]!;
    for (let j = 0; j < S; j++, a++) {
      source[a] = i;
      target[a] = D + j;
      cost[a] = 1 + 9 * next();
    }
    source[a] = i;
    target[a] = sink;
    cost[a] = 100;
    a++;
  }
  for (let j = 0; j < S; j++, a++) {
    source[a] = D + j;
    target[a] = sink;
    capacity[a] = Math.round((0.9 * total) / S);
  }
  supply[sink] = -total;
  return { nodes: n, source, target, capacity, cost, supply };
}

describe('network simplex wasm memory discipline', () => {
  it('1,000 solves of one size do not grow memory after the first', async () => {
    const k = await loadKernels();
    const net = transportation(120, 15, 1); // 2,055 arcs: more than the initial free memory
    const first = networkSimplexWasm(k, net);
    expect(first.status).toBe('optimal');
    const buffer = k.memory.buffer;
    const bytes = buffer.byteLength;
    for (let r = 0; r < 1000; r++) {
      const again = networkSimplexWasm(k, net);
      if (again.objective !== first.objective || again.iterations !== first.iterations) {
        throw new Error(`solve ${r} differs: ${again.objective} vs ${first.objective}`);
      }
    }
    expect(k.memory.buffer.byteLength).toBe(bytes);
    expect(k.memory.buffer).toBe(buffer); // never detached, so never grown
  });

  it('a bigger network grows memory once, by just enough; smaller ones reuse it', async () => {
    const k = await loadKernels();
    const solver = new NetworkSimplexWasm(k);
    const grow = vi.spyOn(k.memory, 'grow');
    try {
      const big = transportation(400, 40, 2); // 16,440 arcs ≈ 1.1 MB of workspace
      const needed = k.heapBase + solver.bytesFor(big.nodes, big.source.length);
      expect(needed).toBeGreaterThan(k.memory.buffer.byteLength);
      const a = solver.solve(big);
      expect(a.status).toBe('optimal');
      expect(grow).toHaveBeenCalledTimes(1);
      const after = k.memory.buffer.byteLength;
      expect(after - needed).toBeLessThan(WASM_PAGE_BYTES);
      for (let r = 0; r < 20; r++) expect(solver.solve(big).objective).toBe(a.objective);
      expect(solver.solve(transportation(50, 5, 3)).status).toBe('optimal');
      // Another solver instance (and the latency kernel) share the same region.
      expect(networkSimplexWasm(k, big).objective).toBe(a.objective);
      expect(grow).toHaveBeenCalledTimes(1);
      expect(k.memory.buffer.byteLength).toBe(after);
    } finally {
      grow.mockRestore();
    }
  });
});
