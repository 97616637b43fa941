// npm run bench:coupled   (add -- --quick to skip the week; -- --runs N for the day's medians, default 3)
//
// Coupled models (issue 14): the built-in day with a binding carbon cap, a binding 80% green share,
// and both; the week with a binding cap. glpk.js (exact) against decompose (Lagrangian prices over
// network-simplex subproblems: a scalar phase on a lone cap / share, column generation on the flows'
// columns; the table's path column says which ran), in the same process:
// medians of wall time and CPU time, the ratio, decompose's proved gap, the true gap vs glpk.js, and
// pass/fail against the targets (day: ≤ 1/10 of glpk.js's time within 0.5%; week: ≤ 2 s
// within 0.5%). Every decompose plan is verified by verifyPlan before a time is reported.
// Markdown on stdout, JSON in bench/results/coupled.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { verifyPlan } from '../src/plan/verify.js';
import { scenarios } from '../src/datasets/index.js';
import { eastDataWestComputingWeek } from '../src/datasets/week.js';
import { solve } from '../src/solve/solve.js';
import type { Plan } from '../src/plan/types.js';
import type { Scenario } from '../src/scenario/types.js';

const quick = process.argv.includes('--quick');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;
const GAP = 0.005;

const day = scenarios.eastDataWestComputing;
const week = eastDataWestComputingWeek();
const withPolicy = (sc: Scenario, p: NonNullable<Scenario['policy']>): Scenario => ({ ...sc, policy: { ...sc.policy, ...p } });

interface Case {
  readonly name: string;
  readonly sc: Scenario;
  readonly runs: number;
  /** Target: decompose wall ≤ ratio × glpk wall, or ≤ seconds. */
  readonly target: { readonly ratio?: number; readonly seconds?: number };
}
// Caps below the free plan's market tonnes (the day: 19,437 t; the week: see the printed free tonnes).
const freeWeek = quick ? undefined : await solve(week, { backend: 'decompose', gapTolerance: 1e-4 });
const CASES: Case[] = [
  { name: 'day, carbon cap 15,000 t', sc: withPolicy(day, { carbonCapTonnes: 15_000 }), runs: RUNS, target: { ratio: 0.1 } },
  { name: 'day, green share 80%', sc: withPolicy(day, { minGreenShare: 0.8 }), runs: RUNS, target: { ratio: 0.1 } },
  { name: 'day, cap 15,000 t + share 80%', sc: withPolicy(day, { carbonCapTonnes: 15_000, minGreenShare: 0.8 }), runs: RUNS, target: { ratio: 0.1 } },
  ...(freeWeek ? [{ name: `week, carbon cap 80% of free (${(0.8 * freeWeek.carbon!.marketTonnes).toFixed(0)} t)`, sc: withPolicy(week, { carbonCapTonnes: Math.round(0.8 * freeWeek.carbon!.marketTonnes) }), runs: 1, target: { seconds: 2 } }] : []),
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(sc: Scenario, backend: 'glpk' | 'decompose'): Promise<{ plan: Plan; ms: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const plan = await solve(sc, { backend, ...(backend === 'decompose' ? { gapTolerance: GAP } : {}) });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { plan, ms, cpuMs: (c.user + c.system) / 1000 };
}

// Warm both backends (wasm, glpk.js) outside the timings.
await solve(withPolicy(day, { carbonCapTonnes: 15_000 }), { backend: 'decompose' });
const rows: string[] = [];
const results: Record<string, unknown>[] = [];
let allPass = true;
for (const c of CASES) {
  const g: { ms: number; cpuMs: number }[] = [];
  const d: { ms: number; cpuMs: number }[] = [];
  let gp: Plan | undefined;
  let dp: Plan | undefined;
  for (let r = 0; r < c.runs; r++) {
    const a = await timed(c.sc, 'glpk');
    const b = await timed(c.sc, 'decompose');
    const v = verifyPlan(c.sc, b.plan);
    if (!v.ok) throw new Error(`${c.name}: the decompose plan fails verification: ${v.violations.slice(0, 3).map((x) => x.message).join('; ')}`);
    g.push(a);
    d.push(b);
    gp = a.plan;
    dp = b.plan;
  }
  const gm = median(g.map((x) => x.ms));
  const dm = median(d.map((x) => x.ms));
  const gc = median(g.map((x) => x.cpuMs));
  const dc = median(d.map((x) => x.cpuMs));
  const proved = dp!.solver.gap ?? 0;
  const trueGap = (dp!.objective! - gp!.objective!) / Math.abs(gp!.objective!);
  const pass = proved <= GAP && (c.target.ratio !== undefined ? dm <= c.target.ratio * gm : dm <= 1000 * c.target.seconds!);
  allPass &&= pass;
  const targetText = c.target.ratio !== undefined ? `≤ ${c.target.ratio}× glpk, gap ≤ ${100 * GAP}%` : `≤ ${c.target.seconds} s, gap ≤ ${100 * GAP}%`;
  rows.push(`| ${c.name} | ${(gm / 1000).toFixed(2)} s (cpu ${(gc / 1000).toFixed(2)}) | ${(dm / 1000).toFixed(2)} s (cpu ${(dc / 1000).toFixed(2)}) | ${(dm / gm).toFixed(3)} | ${(100 * proved).toFixed(4)}% | ${(100 * trueGap).toFixed(4)}% | ${dp!.solver.rounds ?? '-'} | ${dp!.status} | ${/path: (.*)$/.exec(dp!.solver.reason)?.[1] ?? '-'} | ${targetText} | ${pass ? 'pass' : 'FAIL'} |`);
  results.push({ case: c.name, runs: c.runs, glpkMs: g, decomposeMs: d, glpkMedianMs: gm, decomposeMedianMs: dm, ratio: dm / gm, provedGap: proved, trueGap, rounds: dp!.solver.rounds, status: dp!.status, path: /path: (.*)$/.exec(dp!.solver.reason)?.[1] ?? null, glpkObjective: gp!.objective, decomposeObjective: dp!.objective, lowerBound: dp!.solver.lowerBound, pass });
  console.error(`${c.name}: glpk ${(gm / 1000).toFixed(2)} s, decompose ${(dm / 1000).toFixed(2)} s`);
}
const load = loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`coupled models (Node ${process.version}, load average ${load}, medians of ${RUNS} runs on the day)\n`);
console.log('| case | glpk.js | decompose | ratio | proved gap | true gap vs glpk | rounds | status | path | target | result |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`\n${allPass ? 'all targets met' : 'some targets NOT met'}; not measured here: Pareto 10 points, 168-step rolling simulation (see bench:simulate)`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/coupled.json', `${JSON.stringify({ node: process.version, load, date: new Date().toISOString(), results }, null, 2)}\n`);
