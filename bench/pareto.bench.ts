// npm run bench:pareto   (-- --reps N: runs per case, median reported; default 1)
//
// paretoFrontier with 10 points on the built-in day, by method (cap, price) and backend (glpk.js,
// decompose with warm multipliers, auto): wall and CPU time (process.cpuUsage, less distorted by
// other load than wall time), solves, points kept, the worst proved gap, the frontier's status, and
// the ratio to glpk.js of the same method in the same run. Target (issue 14): ≤ 1.5 s per frontier.
// Every point's plan is verified against its scenario (cap and price applied) before a time counts.
import { scenarios } from '../src/datasets/index.js';
import { paretoFrontier } from '../src/pareto/frontier.js';
import type { ParetoMethod } from '../src/pareto/types.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Scenario } from '../src/scenario/types.js';
import type { BackendName } from '../src/solve/solve.js';

const TARGET_S = 1.5;
const POINTS = 10;
const repsArg = process.argv.indexOf('--reps');
const reps = repsArg > 0 ? Math.max(1, Number(process.argv[repsArg + 1])) : 1;
const sc = scenarios.eastDataWestComputing;
const variant = (cap: number | null, price: number): Scenario => ({ ...sc, prices: { ...sc.prices, carbonPerTonne: price }, ...(cap === null ? {} : { policy: { ...sc.policy, carbonCapTonnes: cap } }) });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const CASES: [ParetoMethod, BackendName, number?][] = [
  ['cap', 'glpk'],
  ['cap', 'decompose'],
  ['cap', 'decompose', 1e-5],
  ['cap', 'auto'],
  ['price', 'glpk'],
  ['price', 'decompose'],
  ['price', 'auto'],
];
const rows: string[] = [];
const glpkCpu = new Map<ParetoMethod, number>();
for (const [method, backend, gapTolerance] of CASES) {
  const wall: number[] = [];
  const cpu: number[] = [];
  let last: Awaited<ReturnType<typeof paretoFrontier>>['frontiers'][number] | undefined;
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const f = (await paretoFrontier(sc, { points: POINTS, method, backend, ...(gapTolerance !== undefined ? { gapTolerance } : {}) })).frontiers[0]!;
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    for (const p of f.points) {
      const v = verifyPlan(variant(p.cap, p.carbonPrice), p.plan!);
      if (!v.ok) throw new Error(`${method}/${backend}: a point fails verification: ${v.violations[0]?.message}`);
    }
    last = f;
  }
  const f = last!;
  const w = median(wall) / 1000;
  const u = median(cpu) / 1000;
  if (backend === 'glpk') glpkCpu.set(method, u);
  const worst = Math.max(0, ...f.points.map((p) => p.gap));
  const byBackend = [...new Set(f.points.map((p) => p.plan!.solver.backend))].join('+');
  const name = `${backend}${gapTolerance !== undefined ? `, gapTolerance ${gapTolerance}` : ''}`;
  rows.push(`| ${method} | ${name} (${byBackend}) | ${w.toFixed(2)} s | ${u.toFixed(2)} s | ${(u / glpkCpu.get(method)!).toFixed(2)} | ${f.solves} | ${f.points.length} | ${(100 * worst).toFixed(3)}% | ${f.status} | ${u <= TARGET_S ? 'pass' : 'FAIL'} |`);
  console.error(`${method}/${name}: ${w.toFixed(2)} s wall, ${u.toFixed(2)} s CPU, ${f.status}`);
}
console.log(`paretoFrontier, ${POINTS} points, ${sc.name} (Node ${process.version}, median of ${reps})\n`);
console.log(`| method | backend (points by) | wall | CPU | CPU / glpk | solves | points | worst gap | status | CPU ≤ ${TARGET_S} s |`);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---|---|');
for (const r of rows) console.log(r);
