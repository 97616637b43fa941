// Where the end-to-end time of solve(flow) goes on dense reach (85%), stage by stage.
// npx tsup bench/profile-dense.ts --no-config --format esm --out-dir build/bench --silent && node build/bench/profile-dense.js 5000 50
import { generateScenario } from '../src/bench/generate.js';
import { validateScenario } from '../src/scenario/validate.js';
import { mergeIdenticalDemands } from '../src/formulate/presolve.js';
import { latencyMatrix } from '../src/geo/latency-matrix.js';
import { pairLatencies } from '../src/formulate/placement.js';
import { countModel } from '../src/formulate/estimate.js';
import { buildDirectNetworkAsync } from '../src/formulate/network-direct.js';
import { networkSimplexSolver } from '../src/flow/network-simplex-wasm.js';
import { planFromFlow } from '../src/solve/direct-flow.js';
import { unmergePlan } from '../src/solve/to-plan.js';
import { selfCheckPlan } from '../src/solve/self-check.js';
import { solve } from '../src/solve/solve.js';

const [D = 5000, S = 50, R = 5] = process.argv.slice(2).map(Number);
const sc0 = generateScenario({ demands: D, sites: S, hours: 1, seed: 42, reach: 0.85 });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const st: Record<string, number[]> = {};
const lap = (k: string, t: number) => ((st[k] ??= []).push(performance.now() - t), performance.now());
const solver = await networkSimplexSolver();
for (let r = 0; r < R + 1; r++) {
  let t = performance.now();
  const t00 = t;
  const sc = validateScenario(sc0); t = lap('validate', t);
  const pre = mergeIdenticalDemands(sc); t = lap('presolve', t);
  const geo = await latencyMatrix(pre.scenario.origins, pre.scenario.sites);
  const lat = pairLatencies(pre.scenario, geo); t = lap('latency', t);
  countModel(pre.scenario, lat); t = lap('estimate', t);
  const b = await buildDirectNetworkAsync(pre.scenario, lat, async () => {}); t = lap('build', t);
  if (!b.ok) throw new Error('not direct');
  const res = await solver.solveAsync(b.network.net, {}); t = lap('wasm solve', t);
  const p = planFromFlow(pre.scenario, b.network, res.flow, res.potential, { backend: 'flow', ms: 0, variables: 0, constraints: 0, lpObjective: res.objective, reason: '' }, { demands: 0, solved: 0, merged: 0 });
  t = lap('planFromFlow', t);
  const plan = unmergePlan(sc, pre, p); t = lap('unmerge', t);
  const c = selfCheckPlan(sc, plan); t = lap('self-check', t);
  if (!c.ok) throw new Error('check');
  lap('sum', t00);
  t = performance.now();
  await solve(sc0, { backend: 'flow' }); lap('solve() e2e', t);
}
for (const [k, v] of Object.entries(st)) console.log(k.padEnd(14), median(v.slice(1)).toFixed(1), 'ms');
