// Where the end-to-end time goes (validate, latency, formulate, network, solve, plan) at one size.
// npx tsup bench/profile-solve.ts --no-config --format esm --out-dir build/bench --silent && node build/bench/profile-solve.js 5000 50 1
import { generateScenario } from '../src/bench/generate.js';
import { solve } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';

const [D = 5000, S = 50, H = 1] = process.argv.slice(2).map(Number);
let t = performance.now();
const sc = generateScenario({ demands: D, sites: S, hours: H });
console.log(`generate ${(performance.now() - t).toFixed(0)} ms`);
for (const backend of ['flow', 'flow', 'flow', 'flow', 'flow', ...(D * S * H <= 250_000 ? ['glpk'] : [])] as ('flow' | 'glpk')[]) {
  t = performance.now();
  const p = await solve(sc, { backend, timeLimitSeconds: 120 });
  const ms = performance.now() - t;
  const v = verifyPlan(sc, p);
  console.log(`${backend}: ${p.status} ${ms.toFixed(0)} ms total, solver.ms ${p.solver.ms.toFixed(0)}, ${p.solver.variables} vars, obj ${p.objective}, verified ${v.ok}, iterations ${p.solver.iterations ?? '-'}`);
}
