// npm run bench:simulate   (add -- --quick to skip the glpk.js case)
//
// Rolling-horizon simulation of the built-in week (168 hours, 168 re-plans looking 24 hours
// ahead): wall time, per re-plan times, realized cost vs perfect foresight, for the decompose
// backend (green supply priced into network-simplex subproblems) and, unless --quick, glpk.js
// (exact; the full 168-hour solve with glpk.js takes about half a minute on its own). Every
// committed schedule is verified against the actual scenario before a time is reported.
// Markdown on stdout, JSON in bench/results/simulate.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { verifyPlan } from '../src/plan/verify.js';
import { eastDataWestComputingWeek } from '../src/datasets/week.js';
import { simulate } from '../src/simulate/simulate.js';
import type { SimulateOptions, SimulationResult } from '../src/simulate/types.js';

const quick = process.argv.includes('--quick');
const week = eastDataWestComputingWeek();

interface Case {
  readonly name: string;
  readonly options: SimulateOptions;
}
const CASES: Case[] = [
  { name: 'decompose, exact forecasts', options: { lookaheadHours: 24, backend: 'decompose' } },
  { name: 'decompose, errors demand 5% green 20%', options: { lookaheadHours: 24, backend: 'decompose', forecastError: { demand: 0.05, green: 0.2 } } },
  { name: 'decompose, 6 h look-ahead', options: { lookaheadHours: 6, backend: 'decompose' } },
  ...(quick ? [] : [{ name: 'glpk, exact forecasts', options: { lookaheadHours: 24, backend: 'glpk' } } satisfies Case]),
];

const s = (ms: number) => (ms / 1000).toFixed(2);
const rows: string[] = [];
const results: Record<string, unknown>[] = [];
let exactOptimum: number | undefined;
for (const c of CASES) {
  const r: SimulationResult = await simulate(week, c.options);
  const v = verifyPlan(week, r.plan);
  if (!v.ok) throw new Error(`${c.name}: the committed schedule fails verification: ${v.violations.slice(0, 3).map((x) => x.message).join('; ')}`);
  const pf = r.perfectForesight!;
  if (pf.backend === 'glpk' && pf.status === 'optimal') exactOptimum = pf.objective!;
  rows.push(
    `| ${c.name} | ${r.replans} | ${s(r.wallMs)} s | ${r.solveMs.median.toFixed(0)} / ${r.solveMs.p95.toFixed(0)} / ${r.solveMs.max.toFixed(0)} ms | ${r.objective.toFixed(0)} | ${pf.objective!.toFixed(0)} (${pf.backend}, ${s(pf.ms)} s) | ${r.gapPercent!.toFixed(4)}% | ${r.unmet.total.toFixed(1)} |`,
  );
  results.push({ case: c.name, options: { ...c.options }, status: r.status, replans: r.replans, wallMs: r.wallMs, solveMs: r.solveMs, backends: r.backends, objective: r.objective, perfectForesight: pf, gapPercent: r.gapPercent, unmet: r.unmet, verified: v.ok });
  console.error(`${c.name}: ${s(r.wallMs)} s`);
}

console.log(`rolling horizon over ${week.name}: ${week.horizonHours} h, ${week.demands.length} demands, ${week.sites.length} sites (Node ${process.version})\n`);
console.log('| case | re-plans | simulation wall | per re-plan median / p95 / max | realized CNY | perfect foresight CNY | gap | unmet |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
if (exactOptimum !== undefined) {
  console.log(`\nexact optimum (glpk.js, perfect foresight): ${exactOptimum.toFixed(2)} CNY; realized vs it:`);
  for (const r of results) console.log(`- ${String(r.case)}: ${((100 * ((r.objective as number) - exactOptimum)) / exactOptimum).toFixed(4)}%`);
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/simulate.json', `${JSON.stringify({ scenario: week.name, hours: week.horizonHours, node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`);
