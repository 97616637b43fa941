// npm run bench:safety            (add -- --quick to skip the expansion, the slowest part)
//
// Development with safety on the built-in "East Data, West Computing" day (10 clusters, 125
// demands, coupled by green supply under a carbon price):
//   1. N-1: whatIf each site (11 solves: the base and 10 outages), exact glpk.js on 2 worker
//      threads, and decompose (gap ≤ 0.1%, each case warm from the base multipliers) on 2 workers.
//      Every case plan is verified against its outage scenario, and decompose's objectives are
//      checked against glpk's within their proved gap, before a time is reported.
//   2. Expansion: 3 demand scenarios (×0.9, ×1.05, ×1.3) and 3 candidate module types per site
//      (general, AI, liquid-cooled AI), PUE limits east ≤ 1.25 / west ≤ 1.2, MIP gap 0.1%; every
//      scenario plan verified against the built scenario. One run (it takes tens of seconds).
//   3. explain on two infeasible variants with hard demand: a 95% green share at Zhangjiakou (LP
//      path: elastic + deletion filter) and Wuhu nearly out (network path: min cut + deletion);
//      every rule set checked irreducible.
// Medians (p50) of wall time end to end. Markdown on stdout, JSON in bench/results/safety.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Bench } from 'tinybench';
import { scenarios } from '../src/datasets/index.js';
import { verifyPlan } from '../src/plan/verify.js';
import { verifyExpansion } from '../src/plan/verify-expansion.js';
import type { Scenario } from '../src/scenario/types.js';
import { whatIf } from '../src/safety/whatif.js';
import { outageScenario } from '../src/safety/whatif-cases.js';
import { expand, expandedScenario } from '../src/safety/expansion.js';
import { explain } from '../src/safety/iis.js';
import type { WhatIfOptions } from '../src/safety/whatif-types.js';

const quick = process.argv.includes('--quick');
const day = scenarios.eastDataWestComputing;

async function timed(fn: () => Promise<unknown>, iterations: number): Promise<{ p50: number; min: number; n: number }> {
  const bench = new Bench({ time: 0, iterations, warmupIterations: 0, warmupTime: 0 });
  bench.add('x', fn);
  await bench.run();
  const r = bench.getTask('x')?.result;
  if (r?.state !== 'completed') throw new Error(`bench: ${r?.state}`);
  return { p50: r.latency.p50, min: r.latency.min, n: r.latency.samplesCount };
}

const rows: { what: string; p50: number; min: number; n: number; note: string; target: string }[] = [];

// 1. N-1 over the 10 clusters.
const runs: [string, WhatIfOptions, string][] = [
  ['N-1 each site, glpk.js exact, 2 workers', { outage: 'each-site', backend: 'glpk', workers: 2 }, '≤ 5 s'],
  ['N-1 each site, decompose (≤ 0.1%), 2 workers', { outage: 'each-site', backend: 'decompose', workers: 2, gapTolerance: 0.001 }, '≤ 1.5 s'],
];
const exact = await whatIf(day, { ...runs[0]![1], includePlans: true });
for (const [label, opts, target] of runs) {
  process.stderr.write(`${label}: checking\n`);
  const r = await whatIf(day, { ...opts, includePlans: true });
  if (r.parallel.workers !== 2) throw new Error(`${label}: ran on ${r.parallel.workers} workers (${r.parallel.reason})`);
  for (const c of r.cases) {
    const v = verifyPlan(outageScenario(day, c.outage), c.plan!);
    if (!v.ok) throw new Error(`${label} ${c.outage}: ${v.violations[0]?.message}`);
    const ref = exact.cases.find((x) => x.outage.join() === c.outage.join())!;
    const tol = (opts.backend === 'decompose' ? 0.001 : 1e-7) * Math.max(1, ref.objective!);
    if (c.objective! < ref.objective! - 1e-6 * ref.objective! || c.objective! > ref.objective! + tol) throw new Error(`${label} ${c.outage}: ${c.objective} vs exact ${ref.objective}`);
  }
  process.stderr.write(`${label}: timing\n`);
  const t = await timed(() => whatIf(day, opts), 3);
  rows.push({ what: label, ...t, target, note: `${r.cases.length} cases + base; ${r.warm.split(':')[0]}` });
}

// 2. Expansion with 3 demand scenarios and 3 candidate module types per site.
if (!quick) {
  const newAi = (s: Scenario['sites'][number]) => (s.capacity.intelligent === undefined ? { powerKW: 1, unitCost: 1 } : {});
  const sc: Scenario = {
    ...day,
    expansion: {
      candidates: day.sites.flatMap((s) => [
        { site: s.id, class: 'general' as const, name: `${s.id}/general-10k`, moduleCapacity: 10_000, fixedCost: 150_000, maxModules: 5 },
        { site: s.id, class: 'intelligent' as const, name: `${s.id}/ai-2k`, moduleCapacity: 2_000, fixedCost: 900_000, maxModules: 5, ...newAi(s) },
        { site: s.id, class: 'intelligent' as const, name: `${s.id}/ai-2k-liquid`, moduleCapacity: 2_000, fixedCost: 1_000_000, maxModules: 5, pue: Math.max(1.08, s.pue - 0.1), ...newAi(s) },
      ]),
      scenarios: [
        { name: 'slow', probability: 0.25, demandScale: 0.9 },
        { name: 'base', probability: 0.5, demandScale: 1.05 },
        { name: 'boom', probability: 0.25, demandScale: 1.3 },
      ],
      mipGap: 0.001,
      policy: { maxNewPue: { east: 1.25, west: 1.2 } },
    },
  };
  process.stderr.write('expansion: one run\n');
  const t0 = performance.now();
  const r = await expand(sc, { timeLimitSeconds: 60, includePlans: true });
  const ms = performance.now() - t0;
  if (r.objective === null) throw new Error(`expansion: ${r.status}: ${r.message}`);
  for (const s of r.scenarios) {
    const v = verifyPlan(expandedScenario(sc, r, s.name), s.plan!);
    if (!v.ok) throw new Error(`expansion ${s.name}: ${v.violations[0]?.message}`);
  }
  const ev = verifyExpansion(sc, r);
  if (ev.length > 0) throw new Error(`expansion: ${ev[0]!.rule}: ${ev[0]!.message}`);
  rows.push({
    what: 'expansion MILP, 3 scenarios × 30 candidates (+ VSS)',
    p50: ms,
    min: ms,
    n: 1,
    target: 'optimal or gap ≤ 1% in 60 s',
    note: `${r.status}, gap ${(100 * r.gap!).toPrecision(2)}%, ${r.modules.reduce((a, m) => a + m.count, 0)} modules, VSS ${Math.round(r.vss?.value ?? NaN).toLocaleString('en-US')} CNY, ${r.size.columns} columns`,
  });
}

// 3. Explanations of two infeasible variants.
const hard = { ...day.policy, allowUnmet: false };
const variants: [string, Scenario][] = [
  ['explain: 95% green share at Zhangjiakou (LP path)', { ...day, sites: day.sites.map((s) => (s.id === 'zhangjiakou' ? { ...s, minGreenShare: 0.95 } : s)), policy: hard }],
  ['explain: Wuhu nearly out (min-cut path)', { ...day, sites: day.sites.map((s) => (s.id === 'wuhu' ? { ...s, capacity: { general: 1000, intelligent: 10 } } : s)), policy: hard }],
];
for (const [label, sc] of variants) {
  process.stderr.write(`${label}\n`);
  const e = await explain(sc);
  if (e.feasible || !e.irreducible) throw new Error(`${label}: feasible ${e.feasible}, irreducible ${e.irreducible}`);
  const t = await timed(() => explain(sc), 3);
  rows.push({ what: label, ...t, target: '≤ 10 s, irreducible', note: `${e.method}, ${e.rules.length} rules, ${e.tests} tests: ${e.summary.slice(0, 90)}…` });
}

const cores = availableParallelism();
const out = [
  `| benchmark | median (p50) | min | runs | target | notes |`,
  `|---|---:|---:|---:|---|---|`,
  ...rows.map((r) => `| ${r.what} | ${(r.p50 / 1000).toFixed(2)} s | ${(r.min / 1000).toFixed(2)} s | ${r.n} | ${r.target} | ${r.note} |`),
  '',
  `node ${process.version}, ${cores} cores available; wall time end to end.`,
].join('\n');
process.stdout.write(`${out}\n`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/safety.json', `${JSON.stringify({ node: process.version, cores, rows }, null, 2)}\n`);
