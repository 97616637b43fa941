// Where the end-to-end time of solve(flow) goes on dense reach (85%), stage by stage in CPU ms (bench/dense-stages.ts).
// npx tsup bench/profile-dense.ts --no-config --format esm --out-dir build/bench --silent && node build/bench/profile-dense.js 5000 50 [runs]
import { generateScenario } from '../src/bench/generate.js';
import { solve } from '../src/solve/solve.js';
import { cpuMs, stageBreakdown, STAGES } from './dense-stages.js';

const [D = 5000, S = 50, R = 5] = process.argv.slice(2).map(Number);
const sc = generateScenario({ demands: D, sites: S, hours: 1, seed: 42, reach: 0.85 });
const { stages, sum } = await stageBreakdown(sc, R);
const e2e: number[] = [];
const e2eCpu: number[] = [];
for (let r = 0; r <= R; r++) {
  const t = performance.now();
  const c = cpuMs();
  await solve(sc, { backend: 'flow' });
  if (r > 0) e2e.push(performance.now() - t);
  if (r > 0) e2eCpu.push(cpuMs() - c);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
for (const k of STAGES) console.log(k.padEnd(34), stages[k].toFixed(1), 'ms CPU');
console.log('sum of stages'.padEnd(34), sum.toFixed(1), 'ms CPU');
console.log('solve() end to end'.padEnd(34), med(e2eCpu).toFixed(1), 'ms CPU,', med(e2e).toFixed(1), 'ms wall');
