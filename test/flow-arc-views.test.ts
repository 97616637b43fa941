import { describe, expect, it } from 'vitest';
import { generateScenario } from '../src/bench/generate.js';
import { ArcViewsLostError, NetworkSimplexWasm, networkSimplexSolver } from '../src/flow/network-simplex-wasm.js';
import { buildDirectNetwork, buildDirectNetworkAsync } from '../src/formulate/network-direct.js';
import { pairLatencies } from '../src/formulate/placement.js';
import { mergeIdenticalDemands } from '../src/formulate/presolve.js';
import type { FlowNetwork } from '../src/flow/types.js';
import { NetworkSimplexTS } from '../src/flow/network-simplex.js';
import { latencyMatrix } from '../src/geo/latency-matrix.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Scenario } from '../src/scenario/types.js';
import { validateScenario } from '../src/scenario/validate.js';
import { SolveClock } from '../src/solve/clock.js';
import { buildDirect, runDirectFlow } from '../src/solve/direct-flow.js';
import { solve } from '../src/solve/solve.js';
import { loadKernels } from '../src/wasm/kernels.js';

/**
 * The direct path writes the network straight into the wasm solver's input memory
 * (`arcViews`): the solve must equal a solve of the same network in plain arrays bit for bit,
 * memory must not grow across repeated builds, and views that another user of the kernels'
 * memory overwrote must be detected (ArcViewsLostError) and the network built again, never solved.
 */

async function directOf(sc0: Scenario) {
  const sc = validateScenario(sc0);
  const pre = mergeIdenticalDemands(sc);
  const latency = pairLatencies(pre.scenario, await latencyMatrix(pre.scenario.origins, pre.scenario.sites));
  return { sc, pre, latency };
}

const copyOf = (net: FlowNetwork): FlowNetwork => ({
  nodes: net.nodes,
  source: net.source.slice(),
  target: net.target.slice(),
  capacity: net.capacity.slice(),
  cost: net.cost.slice(),
  supply: net.supply.slice(),
});

describe('direct network in wasm memory (arcViews)', () => {
  it('the builder fills views that equal its plain arrays, and the solve is bit-identical (one call and sliced)', async () => {
    const k = await loadKernels();
    const solver = new NetworkSimplexWasm(k);
    for (const seed of [1, 2, 3]) {
      const { pre, latency } = await directOf(generateScenario({ demands: 300, sites: 12, hours: 2, seed, reach: 0.8 }));
      const plain = buildDirectNetwork(pre.scenario, latency);
      if (!plain.ok) throw new Error(plain.reason);
      // The references first: any other solve reserves the memory, which loses views taken before it.
      const ref = new NetworkSimplexWasm(k).solve(plain.network.net);
      const slicedPlain = await new NetworkSimplexWasm(k).solveAsync(plain.network.net, { slicePivots: 50, deadline: performance.now() + 60_000 });
      // Dirty memory first: the builder must write every entry of the views.
      const junk = solver.arcViews(plain.network.net.nodes, plain.network.net.source.length);
      junk.source.fill(-7);
      junk.target.fill(-7);
      junk.capacity.fill(NaN);
      junk.cost.fill(NaN);
      junk.supply.fill(NaN);
      const viaViews = buildDirectNetwork(pre.scenario, latency, (n, m) => solver.arcViews(n, m));
      if (!viaViews.ok) throw new Error(viaViews.reason);
      const v = viaViews.network.net;
      expect(v.source.buffer).toBe(k.memory.buffer);
      expect(copyOf(v)).toEqual(plain.network.net);
      expect(viaViews.network.capSource).toEqual(plain.network.capSource);
      const inPlace = await solver.solveTrustedAsync(v, {});
      expect(inPlace.status).toBe('optimal');
      expect(inPlace.objective).toBe(ref.objective);
      expect(inPlace.iterations).toBe(ref.iterations);
      expect(inPlace.flow).toEqual(ref.flow);
      expect(inPlace.potential).toEqual(ref.potential);
      // Sliced (many resumes, no copy in on a resume): the same optimum as the plain sliced solve.
      const again = buildDirectNetwork(pre.scenario, latency, (n, m) => solver.arcViews(n, m));
      if (!again.ok) throw new Error(again.reason);
      const sliced = await solver.solveTrustedAsync(again.network.net, { slicePivots: 50, deadline: performance.now() + 60_000 });
      expect(sliced.status).toBe('optimal');
      expect(sliced.objective).toBe(slicedPlain.objective);
      expect(sliced.iterations).toBe(slicedPlain.iterations);
      expect(sliced.flow).toEqual(slicedPlain.flow);
    }
  });

  it('an optimal flow read in place (finish with a reader) equals the copied one, on wasm and the TS twin', async () => {
    const k = await loadKernels();
    const { pre, latency } = await directOf(generateScenario({ demands: 250, sites: 10, hours: 2, seed: 13, reach: 0.85 }));
    const b = buildDirectNetwork(pre.scenario, latency);
    if (!b.ok) throw new Error(b.reason);
    for (const solver of [new NetworkSimplexWasm(k), new NetworkSimplexTS()]) {
      const copied = await solver.solveAsync(b.network.net, { slicePivots: 40, deadline: performance.now() + 60_000 });
      let seen: { flow: number[]; potential: number[] } | undefined;
      const res = await solver.solveTrustedAsync(b.network.net, { slicePivots: 40, deadline: performance.now() + 60_000 }, (flow, potential) => {
        seen = { flow: [...flow], potential: [...potential] };
      });
      expect(res.status).toBe('optimal');
      expect(res.objective).toBe(copied.objective);
      expect(seen!.flow).toEqual([...copied.flow]);
      expect(seen!.potential).toEqual([...copied.potential]);
      if (solver instanceof NetworkSimplexWasm) expect(res.flow.length).toBe(0); // not copied out
    }
  });

  it('repeated builds and solves in place do not grow memory', async () => {
    const k = await loadKernels();
    const solver = new NetworkSimplexWasm(k);
    const { pre, latency } = await directOf(generateScenario({ demands: 200, sites: 10, seed: 5, reach: 0.9 }));
    const first = buildDirectNetwork(pre.scenario, latency, (n, m) => solver.arcViews(n, m));
    if (!first.ok) throw new Error(first.reason);
    const z = (await solver.solveTrustedAsync(first.network.net)).objective;
    const buffer = k.memory.buffer;
    for (let r = 0; r < 100; r++) {
      const b = buildDirectNetwork(pre.scenario, latency, (n, m) => solver.arcViews(n, m));
      if (!b.ok) throw new Error(b.reason);
      const res = await solver.solveTrustedAsync(b.network.net);
      if (res.objective !== z) throw new Error(`run ${r}: ${res.objective} vs ${z}`);
    }
    expect(k.memory.buffer).toBe(buffer); // never detached, so never grown
  });

  it('views overwritten by another user of the memory, or replaced by a later arcViews, are refused, not solved', async () => {
    const k = await loadKernels();
    const solver = new NetworkSimplexWasm(k);
    const { pre, latency } = await directOf(generateScenario({ demands: 100, sites: 8, seed: 7, reach: 0.9 }));
    const b = buildDirectNetwork(pre.scenario, latency, (n, m) => solver.arcViews(n, m));
    if (!b.ok) throw new Error(b.reason);
    const plain = buildDirectNetwork(pre.scenario, latency);
    if (!plain.ok) throw new Error(plain.reason);
    // Another solver of the same kernels reserves (and overwrites) the workspace.
    new NetworkSimplexWasm(k).solve(plain.network.net);
    await expect(solver.solveTrustedAsync(b.network.net)).rejects.toBeInstanceOf(ArcViewsLostError);
    // A later arcViews call makes the earlier views stale.
    const b1 = buildDirectNetwork(pre.scenario, latency, (n, m) => solver.arcViews(n, m));
    const b2 = buildDirectNetwork(pre.scenario, latency, (n, m) => solver.arcViews(n, m));
    if (!b1.ok || !b2.ok) throw new Error('not built');
    await expect(solver.solveTrustedAsync(b1.network.net)).rejects.toBeInstanceOf(ArcViewsLostError);
    expect((await solver.solveTrustedAsync(b2.network.net)).objective).toBe(new NetworkSimplexWasm(k).solve(plain.network.net).objective);
  });

  it('views overwritten between two slices of a solve are refused at the resume', async () => {
    const k = await loadKernels();
    const solver = new NetworkSimplexWasm(k);
    const { pre, latency } = await directOf(generateScenario({ demands: 400, sites: 12, seed: 9, reach: 0.9 }));
    const b = buildDirectNetwork(pre.scenario, latency, (n, m) => solver.arcViews(n, m));
    const plain = buildDirectNetwork(pre.scenario, latency);
    if (!b.ok || !plain.ok) throw new Error('not built');
    const other = new NetworkSimplexWasm(k);
    // With a signal the sliced solve yields a macrotask between slices: another solve runs there.
    const timer = setTimeout(() => other.solve(plain.network.net), 0);
    const run = solver.solveTrustedAsync(b.network.net, { slicePivots: 20, signal: new AbortController().signal });
    await expect(run).rejects.toBeInstanceOf(ArcViewsLostError);
    clearTimeout(timer);
  });

  it('a chunked build into views between the slices of another solve corrupts neither (touch reserves before each chunk)', async () => {
    const k = await loadKernels();
    const { pre: preA, latency: latA } = await directOf(generateScenario({ demands: 2500, sites: 20, seed: 21, reach: 0.9 }));
    const a = buildDirectNetwork(preA.scenario, latA);
    if (!a.ok) throw new Error(a.reason);
    const refA = new NetworkSimplexWasm(k).solve(a.network.net);
    const { pre: preB, latency: latB } = await directOf(generateScenario({ demands: 1100, sites: 3, seed: 22, reach: 0.9 }));
    const plainB = buildDirectNetwork(preB.scenario, latB);
    if (!plainB.ok) throw new Error(plainB.reason);
    const refB = new NetworkSimplexWasm(k).solve(plainB.network.net);
    const solverA = new NetworkSimplexWasm(k);
    const solverB = new NetworkSimplexWasm(k);
    const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));
    const runA = solverA.solveAsync(a.network.net, { slicePivots: 40, signal: new AbortController().signal });
    const arrays = Object.assign((n: number, m: number) => solverB.arcViews(n, m), { touch: () => solverB.touchViews() });
    // Count A's slices during B's build, to be sure the two interleave.
    let stepsDuringBuild = 0;
    let building = true;
    const stepA = solverA.step.bind(solverA);
    solverA.step = (...args) => {
      if (building) stepsDuringBuild++;
      return stepA(...args);
    };
    const b = await buildDirectNetworkAsync(preB.scenario, latB, macrotask, arrays);
    building = false;
    if (!b.ok) throw new Error(b.reason);
    expect(stepsDuringBuild).toBeGreaterThan(2);
    const resA = await runA;
    expect(resA.status).toBe('optimal');
    // A restarted cold after each foreign reserve (a sliced solve may round differently): the same
    // optimum to 1e-12, and its flow feasible for A's own network.
    expect(Math.abs(resA.objective - refA.objective)).toBeLessThanOrEqual(1e-12 * Math.abs(refA.objective));
    const { net } = a.network;
    const balance = Float64Array.from(net.supply);
    for (let e = 0; e < net.source.length; e++) {
      const f = resA.flow[e]!;
      expect(f >= -1e-9 && f <= net.capacity[e]! + 1e-9).toBe(true);
      balance[net.source[e]!]! -= f;
      balance[net.target[e]!]! += f;
    }
    expect(Math.max(...balance.map(Math.abs))).toBeLessThan(1e-6);
    // B's views were reserved over by A's slices: refused, never solved with what A left there.
    try {
      const resB = await solverB.solveTrustedAsync(b.network.net);
      expect(resB.objective).toBe(refB.objective);
    } catch (e) {
      expect(e).toBeInstanceOf(ArcViewsLostError);
    }
  });

  it('runDirectFlow builds the network again when its views were lost, and plans as solve() does', async () => {
    const sc0 = generateScenario({ demands: 300, sites: 10, hours: 2, seed: 11, reach: 0.85 });
    const ref = await solve(sc0, { backend: 'flow' });
    const { sc, pre, latency } = await directOf(sc0);
    const clock = new SolveClock(60);
    const built = await buildDirect(pre, latency, clock);
    if (!built.ok) throw new Error(built.reason);
    const solver = await networkSimplexSolver();
    if (!(solver instanceof NetworkSimplexWasm)) throw new Error('no wasm');
    solver.arcViews(3, 2); // the built network's views are now stale
    const presolve = { demands: sc.demands.length, solved: pre.scenario.demands.length, merged: pre.merged };
    const plan = await runDirectFlow({ sc, pre, dn: built.network, latency, reason: 'test', timeLimitSeconds: 60, clock, presolve, t0: performance.now() });
    if (!plan) throw new Error('no plan');
    expect(plan.status).toBe('optimal');
    expect(plan.objective).toBe(ref.objective);
    expect(plan.assignments).toEqual(ref.assignments);
    expect(plan.utilization).toEqual(ref.utilization);
    expect(verifyPlan(sc, plan).ok).toBe(true);
  });

  it('concurrent solves (sharing one kernel memory) give the plans of serial solves', async () => {
    const scs = [1, 2, 3, 4].map((seed) => generateScenario({ demands: 400 + 100 * seed, sites: 12, hours: 2, seed, reach: 0.85 }));
    const serial = [];
    for (const sc of scs) serial.push(await solve(sc, { backend: 'flow' }));
    const ac = new AbortController();
    const together = await Promise.all(scs.map((sc) => solve(sc, { backend: 'flow', signal: ac.signal })));
    for (let i = 0; i < scs.length; i++) {
      expect(together[i]!.status).toBe('optimal');
      expect(together[i]!.objective).toBe(serial[i]!.objective);
      expect(together[i]!.assignments).toEqual(serial[i]!.assignments);
      expect(verifyPlan(scs[i]!, together[i]!).ok).toBe(true);
    }
  });
});
