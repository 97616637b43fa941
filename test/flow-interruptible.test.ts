/**
 * Interruptible network simplex: solveAsync runs in slices of pivots, resuming from the kept tree,
 * and stops at a deadline or an abort between slices; the flow backend of solve() uses it.
 */
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../src/bench/generate.js';
import { NetworkSimplexTS, networkSimplexTS } from '../src/flow/network-simplex.js';
import { NetworkSimplexWasm } from '../src/flow/network-simplex-wasm.js';
import type { FlowNetwork } from '../src/flow/types.js';
import { modelToNetwork } from '../src/formulate/to-network.js';
import { OptionsError } from '../src/errors.js';
import { verifyPlan } from '../src/plan/verify.js';
import { buildModel, solve } from '../src/solve/solve.js';
import { loadKernels } from '../src/wasm/kernels.js';

const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

let netCache: FlowNetwork | undefined;
async function net(): Promise<FlowNetwork> {
  netCache ??= modelToNetwork(await buildModel(generateScenario({ demands: 400, sites: 20, hours: 2, seed: 5 }))).net;
  return netCache;
}

describe('network simplex in slices', () => {
  it('many small slices reach the same optimum; TS and wasm slice alike, bit for bit', async () => {
    const n = await net();
    const one = networkSimplexTS(n);
    expect(one.iterations).toBeGreaterThan(1000);
    const ts = await new NetworkSimplexTS().solveAsync(n, { deadline: Infinity, slicePivots: 300 });
    const w = await new NetworkSimplexWasm(await loadKernels()).solveAsync(n, { deadline: Infinity, slicePivots: 300 });
    expect(ts.status).toBe('optimal');
    expect(ts.objective).toBeCloseTo(one.objective, 6);
    expect(w.status).toBe('optimal');
    expect(Object.is(w.objective, ts.objective)).toBe(true);
    expect(w.iterations).toBe(ts.iterations);
    expect(sameBits(w.flow, ts.flow)).toBe(true);
    expect(sameBits(w.potential, ts.potential)).toBe(true);
  });

  it('without a deadline or signal it is the one-call solve', async () => {
    const n = await net();
    const r = await new NetworkSimplexWasm(await loadKernels()).solveAsync(n);
    const one = networkSimplexTS(n);
    expect(Object.is(r.objective, one.objective)).toBe(true);
    expect(r.iterations).toBe(one.iterations);
  });

  it('a passed deadline stops after the first slice with status time_limit', async () => {
    const n = await net();
    for (const solver of [new NetworkSimplexTS(), new NetworkSimplexWasm(await loadKernels())]) {
      const r = await solver.solveAsync(n, { deadline: 0, slicePivots: 100 });
      expect(r.status).toBe('time_limit');
      expect(r.iterations).toBe(100);
      expect(Number.isNaN(r.objective)).toBe(true);
    }
  });

  it('an abort between slices stops it with status aborted; an aborted signal never starts', async () => {
    const n = await net();
    const ac = new AbortController();
    setImmediate(() => ac.abort());
    const r = await new NetworkSimplexWasm(await loadKernels()).solveAsync(n, { signal: ac.signal, slicePivots: 100 });
    expect(r.status).toBe('aborted');
    expect(r.iterations).toBeGreaterThan(0);
    const again = await new NetworkSimplexTS().solveAsync(n, { signal: ac.signal });
    expect(again.status).toBe('aborted');
    expect(again.iterations).toBe(0);
    await expect(new NetworkSimplexTS().solveAsync(n, { deadline: 1, slicePivots: 0 })).rejects.toThrow(OptionsError);
  });

  it('two sliced solves at once on the shared kernels both finish optimal (they take turns)', async () => {
    const n = await net();
    const k = await loadKernels();
    const other = { ...n, cost: n.cost.map((c) => c * 1.5) };
    const opts = { signal: new AbortController().signal, slicePivots: 200 };
    const [a, b] = await Promise.all([new NetworkSimplexWasm(k).solveAsync(n, opts), new NetworkSimplexWasm(k).solveAsync(other, opts)]);
    expect(a.status).toBe('optimal');
    expect(b.status).toBe('optimal');
    expect(a.objective).toBeCloseTo(networkSimplexTS(n).objective, 6);
    expect(b.objective).toBeCloseTo(networkSimplexTS(other).objective, 6);
  });

  it('another solve on the shared kernels between slices: the paused one restarts cold and stays right', async () => {
    const n = await net();
    const k = await loadKernels();
    const a = new NetworkSimplexWasm(k);
    const pending = a.solveAsync(n, { signal: new AbortController().signal, slicePivots: 200 });
    // Runs while `a` waits between slices and overwrites the shared workspace.
    const other = modelToNetwork(await buildModel(generateScenario({ demands: 50, sites: 5, hours: 1, seed: 1 }))).net;
    setImmediate(() => new NetworkSimplexWasm(k).solve(other));
    const r = await pending;
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(networkSimplexTS(n).objective, 6);
  });
});

describe('solve() with the flow backend honours the time limit and the signal', () => {
  it('time_limit past the limit, aborted on abort, optimal otherwise', async () => {
    const sc = generateScenario({ demands: 1000, sites: 30, hours: 24, seed: 3 });
    const late = await solve(sc, { backend: 'flow', timeLimitSeconds: 1e-6 });
    expect(late.status).toBe('time_limit');
    expect(late.objective).toBeNull();
    expect(late.message).toContain('time limit');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 5);
    const stopped = await solve(sc, { backend: 'flow', signal: ac.signal });
    expect(stopped.status).toBe('aborted');
    expect(stopped.message).toContain('aborted');
    const ok = await solve(sc, { backend: 'flow', timeLimitSeconds: 120, signal: new AbortController().signal });
    expect(ok.status).toBe('optimal');
    expect(verifyPlan(sc, ok).violations).toEqual([]);
    expect(ok.objective).toBeCloseTo((await solve(sc, { backend: 'flow' })).objective!, 4);
  });
});
