// Where the end-to-end time of solve(flow) goes, stage by stage, on the direct network path: the
// same calls solve() makes (src/solve/solve.ts, direct-flow.ts), timed one by one. Used by
// bench/solve-dense.bench.ts (the breakdown beside the ratio to LEMON) and bench/profile-dense.ts.
import { checkModelSize } from '../src/solve/size-limit.js';
import { buildDirectNetworkAsync } from '../src/formulate/network-direct.js';
import { pairLatencies } from '../src/formulate/placement.js';
import { mergeIdenticalDemands, splitMerged } from '../src/formulate/presolve.js';
import { latencyMatrix } from '../src/geo/latency-matrix.js';
import { NetworkSimplexWasm, networkSimplexSolver } from '../src/flow/network-simplex-wasm.js';
import type { Scenario } from '../src/scenario/types.js';
import { validateScenario } from '../src/scenario/validate.js';
import { scheduleFromFlow } from '../src/solve/direct-flow.js';
import { selfCheckPlan } from '../src/solve/self-check.js';
import { planFromSchedule } from '../src/solve/to-plan.js';

/** Stages in the order solve() runs them. */
export const STAGES = ['validate', 'presolve', 'latency matrix', 'network build (with the size estimate)', 'kernel (solve in place; schedule read off the flow in wasm memory)', 'plan (split, totals)', 'self-check'] as const;
export type Stage = (typeof STAGES)[number];

/** CPU time of this process so far, ms (user + system). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Median CPU ms per stage (process.cpuUsage: time the process ran, so waiting for a core on a
 * shared machine is not counted) over `runs` runs after one warm-up run, and of their sum.
 */
export async function stageBreakdown(sc0: Scenario, runs: number): Promise<{ stages: Record<Stage, number>; sum: number; pivots: number }> {
  const samples = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
  const sums: number[] = [];
  const solver = await networkSimplexSolver();
  let pivots = 0;
  for (let r = 0; r <= runs; r++) {
    const times: Partial<Record<Stage, number>> = {};
    let t = cpuMs();
    const lap = (k: Stage) => {
      const now = cpuMs();
      times[k] = now - t;
      t = now;
    };
    const sc = validateScenario(sc0);
    lap('validate');
    const pre = mergeIdenticalDemands(sc);
    lap('presolve');
    const lat = pairLatencies(pre.scenario, await latencyMatrix(pre.scenario.origins, pre.scenario.sites));
    lap('latency matrix');
    // As solve() does (direct-flow.ts buildDirect): the arrays straight into the kernel's input memory.
    const views = solver instanceof NetworkSimplexWasm ? (nn: number, mm: number) => solver.arcViews(nn, mm) : undefined;
    // The size check on the builder's first-pass counts, as solve() does.
    const b = await buildDirectNetworkAsync(pre.scenario, lat, () => undefined, views, (c) => checkModelSize(c, 'flow', 1e6, () => 0));
    if (!b.ok) throw new Error(`not a direct network: ${b.reason}`);
    lap('network build (with the size estimate)');
    let s: ReturnType<typeof scheduleFromFlow> | undefined;
    const read = (flow: Float64Array, potential: Float64Array) => {
      s = scheduleFromFlow(pre.scenario, b.network, flow, potential);
    };
    const res = await solver.solveTrustedAsync(b.network.net, { slicePivots: Math.max(25_000, Math.ceil((b.network.net.nodes + b.network.net.source.length) / 40)), deadline: performance.now() + 3e5 }, read);
    if (res.status !== 'optimal' || !s) throw new Error(res.status);
    pivots = res.iterations;
    lap('kernel (solve in place; schedule read off the flow in wasm memory)');
    const split = pre.merged > 0 ? splitMerged(sc, pre, s.assignments, s.unmet) : s;
    const info = { backend: 'flow' as const, ms: 0, variables: b.network.variables, constraints: b.network.constraints, lpObjective: res.objective, reason: '' };
    const plan = planFromSchedule(sc, 'optimal', 'optimal', split.assignments, split.unmet, s.utilization, info, { demands: sc.demands.length, solved: pre.scenario.demands.length, merged: pre.merged });
    lap('plan (split, totals)');
    if (!selfCheckPlan(sc, plan).ok) throw new Error('self-check failed');
    lap('self-check');
    if (r === 0) continue;
    for (const k of STAGES) samples[k].push(times[k]!);
    sums.push(STAGES.reduce((a, k) => a + times[k]!, 0));
  }
  return { stages: Object.fromEntries(STAGES.map((k) => [k, median(samples[k])])) as Record<Stage, number>, sum: median(sums), pivots };
}
