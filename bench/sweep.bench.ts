// npm run bench:sweep            (add -- --quick for the small case only)
//
// Carbon-price sweep: 20 prices (0, 100, …, 1,900 CNY/t) on seeded network scenarios, solved
// (a) as 20 cold `solve` calls with the flow backend, (b) by `sweep` with the formulation shared
// but every network simplex cold (`warmStart: false`), (c) by `sweep` with each network simplex
// starting from the previous price's optimal tree. Every plan of (b) and (c) is verified and its
// objective compared with (a)'s at the same price (relative 1e-7) before a time is reported.
// Markdown table on stdout, JSON in bench/results/sweep.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { verifyPlan } from '../src/plan/verify.js';
import type { Plan } from '../src/plan/types.js';
import type { Scenario } from '../src/scenario/types.js';
import { solve } from '../src/solve/solve.js';
import { sweep } from '../src/solve/sweep.js';
import { generateScenario } from '../src/bench/generate.js';

const PRICES = Array.from({ length: 20 }, (_, i) => 100 * i);
const CASES = [
  { demands: 1_000, sites: 30, hours: 1 },
  { demands: 5_000, sites: 50, hours: 1 },
  { demands: 1_000, sites: 30, hours: 24 },
].slice(0, process.argv.includes('--quick') ? 1 : 3);

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
const withPrice = (sc: Scenario, p: number): Scenario => ({ ...sc, prices: { ...sc.prices, carbonPerTonne: p } });

async function timed(fn: () => Promise<unknown>): Promise<{ p50: number; p75: number; n: number }> {
  const bench = new Bench({ time: 0, iterations: 5, warmupIterations: 1, warmupTime: 0 });
  bench.add('x', fn);
  await bench.run();
  const r = bench.getTask('x')?.result;
  if (r?.state !== 'completed') throw new Error(`bench: ${r?.state}`);
  return { p50: r.latency.p50, p75: r.latency.p75, n: r.latency.samplesCount };
}

const cold = async (sc: Scenario): Promise<Plan[]> => {
  const plans = [];
  for (const p of PRICES) plans.push(await solve(withPrice(sc, p), { backend: 'flow' }));
  return plans;
};

const rows = [];
for (const c of CASES) {
  const label = `${c.demands.toLocaleString('en-US')} × ${c.sites} × ${c.hours} h`;
  process.stderr.write(`${label}: checking\n`);
  const sc = generateScenario(c);
  const ref = await cold(sc);
  const distinct = new Set(ref.map((p) => p.assignments.length + ':' + p.carbon!.marketTonnes.toFixed(3))).size;
  for (const warmStart of [false, true]) {
    const r = await sweep(sc, { carbonPrice: PRICES }, { warmStart });
    if (r.warm !== warmStart) throw new Error(`${label}: sweep was not on the shared path: ${r.reason}`);
    r.points.forEach(({ carbonPerTonne, plan }, i) => {
      const v = verifyPlan(withPrice(sc, carbonPerTonne), plan);
      if (!v.ok) throw new Error(`${label} @${carbonPerTonne}: ${v.violations[0]?.message}`);
      if (rel(plan.objective!, ref[i]!.objective!) > 1e-7) throw new Error(`${label} @${carbonPerTonne}: ${plan.objective} vs ${ref[i]!.objective}`);
    });
  }
  const pivots = async (warmStart: boolean) =>
    (await sweep(sc, { carbonPrice: PRICES }, { warmStart })).points.reduce((s, x) => s + (x.plan.solver.iterations ?? 0), 0);
  process.stderr.write(`${label}: timing\n`);
  const tCold = await timed(() => cold(sc));
  const tShared = await timed(() => sweep(sc, { carbonPrice: PRICES }, { warmStart: false }));
  const tWarm = await timed(() => sweep(sc, { carbonPrice: PRICES }));
  rows.push({
    case: label,
    distinctPlans: distinct,
    coldMs: tCold.p50,
    sharedColdMs: tShared.p50,
    warmMs: tWarm.p50,
    warmP75Ms: tWarm.p75,
    speedupVsCold: tCold.p50 / tWarm.p50,
    speedupVsShared: tShared.p50 / tWarm.p50,
    pivotsCold: await pivots(false),
    pivotsWarm: await pivots(true),
    samples: tWarm.n,
  });
}

const f = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log(`20-point carbon-price sweep (0 … 1,900 CNY/t), medians of ${rows[0]?.samples ?? 0} runs, Node ${process.version}\n`);
console.log('| case | distinct plans | 20 cold solves | sweep, shared formulation, cold simplex | sweep, warm simplex | speed-up vs cold solves | vs shared cold | pivots cold → warm |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.case} | ${r.distinctPlans} | ${f(r.coldMs)} ms | ${f(r.sharedColdMs)} ms | ${f(r.warmMs)} ms | ${r.speedupVsCold.toFixed(1)}× | ${r.speedupVsShared.toFixed(1)}× | ${f(r.pivotsCold)} → ${f(r.pivotsWarm)} |`);
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/sweep.json', `${JSON.stringify({ node: process.version, date: new Date().toISOString(), prices: PRICES, rows }, null, 2)}\n`);
