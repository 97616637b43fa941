// npm run bench:solve            (all cases; add -- --quick for the two small ones)
//
// Placement benchmark: the same seeded scenarios solved in one process by suanflow's flow
// backend (wasm network simplex, end to end: validate + latency + formulate + solve + map back),
// the network simplex alone in wasm and in its TS twin, glpk.js, HiGHS and YALPS on the same LP, and
// LEMON's native NetworkSimplex where Debian's liblemon-dev is installed. Every plan is verified
// and every objective compared before a time is reported. Markdown table on stdout, JSON in
// bench/results/solve.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import highsModule from 'highs';
import { exportModel } from '../src/export/export-model.js';
import { networkSimplexTS } from '../src/flow/network-simplex.js';
import { networkSimplexWasm } from '../src/flow/network-simplex-wasm.js';
import { modelToNetwork } from '../src/formulate/to-network.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Plan } from '../src/plan/types.js';
import { buildModel, solve } from '../src/solve/solve.js';
import { loadKernels } from '../src/wasm/kernels.js';
import { generateScenario } from '../src/bench/generate.js';
import { eastDataWestComputingWeek } from '../src/datasets/week.js';
import { lemonAvailable, lemonObjectiveBound, runLemon } from './lemon.js';
import { solveYalps } from './yalps-peer.js';

const LIMIT_S = 60;
/** glpk.js, HiGHS and YALPS get the LP as one JS object / text: past this many columns not attempted. */
const LP_COLUMNS_MAX = 300_000;
const YALPS_PEER = 'YALPS (LP, solve only)';
const CASES = [
  { demands: 1_000, sites: 30, hours: 1 },
  { demands: 5_000, sites: 50, hours: 1 },
  { demands: 20_000, sites: 100, hours: 1 },
  { demands: 5_000, sites: 50, hours: 24 },
].slice(0, process.argv.includes('--quick') ? 2 : 4);
const COUPLED = [{ demands: 5_000, sites: 50, hours: 1 }, { demands: 1_000, sites: 30, hours: 24 }].slice(0, process.argv.includes('--quick') ? 1 : 2);

interface Row {
  case: string;
  peer: string;
  status: string;
  medianMs: number | null;
  p75Ms: number | null;
  samples: number;
  objective: number | null;
  ratioVsGlpk: number | null;
  note: string;
}

const highsLoader = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as unknown as () => Promise<{
  solve(lp: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number };
}>;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

async function timed<T>(name: string, iterations: number, fn: () => T | Promise<T>): Promise<{ p50: number; p75: number; n: number }> {
  const bench = new Bench({ time: 0, iterations, warmupIterations: 1, warmupTime: 0 });
  bench.add(name, fn);
  await bench.run();
  const r = bench.getTask(name)?.result;
  if (r?.state !== 'completed') throw new Error(`${name}: ${r?.state}`);
  return { p50: r.latency.p50, p75: r.latency.p75, n: r.latency.samplesCount };
}

const kernels = await loadKernels();
const highs = await highsLoader();
const lemon = lemonAvailable();
const rows: Row[] = [];

for (const c of CASES) {
  const label = `${c.demands.toLocaleString('en-US')} × ${c.sites} × ${c.hours} h`;
  const sc = generateScenario({ ...c, seed: 42 });
  const model = await buildModel(sc);
  const mn = modelToNetwork(model);
  const arcs = mn.net.source.length;
  const caseRows: Row[] = [];
  const add = (r: Omit<Row, 'case' | 'ratioVsGlpk'>) => caseRows.push({ case: label, ratioVsGlpk: null, ...r });
  process.stderr.write(`${label}: ${model.cols.length.toLocaleString('en-US')} columns, ${arcs.toLocaleString('en-US')} arcs\n`);

  // suanflow end to end; the reference objective for every other peer.
  let plan: Plan | undefined;
  const iters = arcs > 500_000 ? 3 : 5;
  // The self-check (the verifier on every plan before it is returned) is part of end to end; its
  // own time is reported beside it (target: at most 5% of end to end).
  const checks: number[] = [];
  const e2e = await timed('flow', iters, async () => {
    plan = await solve(sc, { backend: 'flow' });
    checks.push(plan.solver.selfCheckMs ?? NaN);
  });
  const checkMs = [...checks].sort((a, b) => a - b)[Math.floor(checks.length / 2)]!;
  const ref = plan!;
  const v = verifyPlan(sc, ref);
  if (ref.status !== 'optimal' || !v.ok) throw new Error(`${label}: flow plan ${ref.status}, ${v.violations.length} violations`);
  const refZ = ref.objective!;
  add({ peer: 'suanflow flow (wasm), end to end', status: 'optimal', medianMs: e2e.p50, p75Ms: e2e.p75, samples: e2e.n, objective: refZ, note: `verified; self-check ${checkMs.toFixed(1)} ms median, ${((100 * checkMs) / e2e.p50).toFixed(1)}% of end to end` });

  // The network simplex alone: wasm vs its TS twin on the same network.
  let zW = NaN;
  let zT = NaN;
  const w = await timed('wasm', iters, () => (zW = networkSimplexWasm(kernels, mn.net).objective));
  const t = await timed('ts', Math.min(iters, 3), () => (zT = networkSimplexTS(mn.net).objective));
  for (const [peer, z, s] of [['network simplex wasm (solver only)', zW, w], ['network simplex TS twin (solver only)', zT, t]] as const) {
    if (rel(z, refZ) > 1e-7) throw new Error(`${label}: ${peer} objective ${z} vs ${refZ}`);
    add({ peer, status: 'optimal', medianMs: s.p50, p75Ms: s.p75, samples: s.n, objective: z, note: 'same objective' });
  }

  // glpk.js, HiGHS and YALPS on the LP, where the LP fits in one JS object.
  if (model.cols.length <= LP_COLUMNS_MAX) {
    const t0 = performance.now();
    const g = await solve(sc, { backend: 'glpk', timeLimitSeconds: LIMIT_S });
    const gMs = performance.now() - t0;
    if (g.status === 'optimal') {
      if (!verifyPlan(sc, g).ok || rel(g.objective!, refZ) > 1e-7) throw new Error(`${label}: glpk disagrees: ${g.objective} vs ${refZ}`);
      add({ peer: 'glpk.js (simplex), end to end', status: 'optimal', medianMs: gMs, p75Ms: gMs, samples: 1, objective: g.objective, note: 'verified, same objective' });
    } else add({ peer: 'glpk.js (simplex), end to end', status: `past limit (${LIMIT_S} s)`, medianMs: null, p75Ms: null, samples: 1, objective: null, note: g.status });

    const lp = await exportModel(sc, 'lp');
    const h0 = performance.now();
    const h = highs.solve(lp, { time_limit: LIMIT_S });
    const hMs = performance.now() - h0;
    if (h.Status === 'Optimal') {
      if (rel(h.ObjectiveValue, refZ) > 1e-7) throw new Error(`${label}: HiGHS objective ${h.ObjectiveValue} vs ${refZ}`);
      add({ peer: 'HiGHS wasm (LP text in, solve only)', status: 'optimal', medianMs: hMs, p75Ms: hMs, samples: 1, objective: h.ObjectiveValue, note: 'same objective' });
    } else add({ peer: 'HiGHS wasm (LP text in, solve only)', status: `past limit (${LIMIT_S} s)`, medianMs: null, p75Ms: null, samples: 1, objective: null, note: h.Status });

    // YALPS (pure JS dense-tableau simplex) on the same LP, in a worker stopped at the limit.
    const y = await solveYalps(model, LIMIT_S * 1000);
    const yNote = `model built in ${y.buildMs.toFixed(0)} ms; tableau ${y.tableau.width.toLocaleString('en-US')} × ${y.tableau.height.toLocaleString('en-US')} dense`;
    if (y.status === 'optimal') {
      if (rel(y.objective!, refZ) > 1e-7) throw new Error(`${label}: YALPS objective ${y.objective} vs ${refZ}`);
      add({ peer: YALPS_PEER, status: 'optimal', medianMs: y.ms, p75Ms: y.ms, samples: 1, objective: y.objective, note: `same objective; ${yNote}` });
    } else if (y.status === 'timedout') {
      add({ peer: YALPS_PEER, status: `past limit (${LIMIT_S} s)`, medianMs: null, p75Ms: null, samples: 1, objective: null, note: `stopped at ${LIMIT_S} s; ${yNote}` });
    } else if (y.status === 'too large') {
      add({ peer: YALPS_PEER, status: 'past limit (not attempted)', medianMs: null, p75Ms: null, samples: 0, objective: null, note: y.reason! });
    } else if (y.status.startsWith('error')) {
      add({ peer: YALPS_PEER, status: 'failed', medianMs: null, p75Ms: null, samples: 1, objective: null, note: `${y.status}; ${yNote}` });
    } else throw new Error(`${label}: YALPS ${y.status} on an LP the flow backend solved to optimality (${refZ})`);
  } else {
    for (const peer of ['glpk.js (simplex), end to end', 'HiGHS wasm (LP text in, solve only)', YALPS_PEER]) {
      add({ peer, status: 'past limit (not attempted)', medianMs: null, p75Ms: null, samples: 0, objective: null, note: `${model.cols.length.toLocaleString('en-US')} columns > ${LP_COLUMNS_MAX.toLocaleString('en-US')}; 127k columns took glpk.js 20–33 s here` });
    }
  }

  if (lemon.ok) {
    const costScale = 1e4;
    const l = runLemon(mn.net, { costScale, repeats: 5 });
    // Costs are rounded to 1/costScale: the optimum may move by Σ|flow| · 0.5 / costScale.
    const ours = networkSimplexWasm(kernels, mn.net).flow.reduce((a, f) => a + Math.abs(f), 0);
    const bound = lemonObjectiveBound(costScale, ours, l.flowSum);
    if (l.status !== 'optimal' || Math.abs(l.objective - refZ) > bound + 1e-7 * Math.abs(refZ)) throw new Error(`${label}: LEMON ${l.status} ${l.objective} vs ${refZ}`);
    add({ peer: 'LEMON NetworkSimplex (native C++, solver only)', status: 'optimal', medianMs: l.medianMs, p75Ms: null, samples: l.samples.length, objective: l.objective, note: `costs scaled ×${costScale} to integers` });
  } else add({ peer: 'LEMON NetworkSimplex (native C++, solver only)', status: 'skipped', medianMs: null, p75Ms: null, samples: 0, objective: null, note: lemon.reason });

  const glpkMs = caseRows.find((r) => r.peer.startsWith('glpk') && r.medianMs !== null)?.medianMs ?? null;
  for (const r of caseRows) r.ratioVsGlpk = glpkMs !== null && r.medianMs !== null ? glpkMs / r.medianMs : null;
  rows.push(...caseRows);
}

// Coupled models (green supply under a carbon price): decompose vs glpk.js, both end to end.
// Plus the built-in scenario over a week (168 h, the week variant), with the default gap tolerance.
const coupledCases = [
  ...COUPLED.map((c) => ({
    label: `${c.demands.toLocaleString('en-US')} × ${c.sites} × ${c.hours} h, green (coupled)`,
    sc: generateScenario({ ...c, seed: 42, green: true }),
    gapTolerance: 0.005,
  })),
  ...(process.argv.includes('--quick') ? [] : [{ label: 'built-in week (168 h, coupled)', sc: eastDataWestComputingWeek(), gapTolerance: 0.001 }]),
];
for (const { label, sc, gapTolerance } of coupledCases) {
  process.stderr.write(`${label}\n`);
  let dec: Plan | undefined;
  const d = await timed('decompose', 3, async () => {
    dec = await solve(sc, { backend: 'decompose', gapTolerance });
  });
  if (!dec || !verifyPlan(sc, dec).ok) throw new Error(`${label}: decompose plan failed verification`);
  const t0 = performance.now();
  const g = await solve(sc, { backend: 'glpk', timeLimitSeconds: LIMIT_S });
  const gMs = performance.now() - t0;
  const caseRows: Row[] = [];
  caseRows.push({ case: label, peer: 'suanflow decompose (Lagrangian + wasm flow), end to end', status: dec.status, medianMs: d.p50, p75Ms: d.p75, samples: d.n, objective: dec.objective, ratioVsGlpk: null, note: `proved gap ${(100 * dec.solver.gap!).toPrecision(2)}% in ${dec.solver.rounds} rounds` });
  if (g.status === 'optimal') {
    if (!verifyPlan(sc, g).ok) throw new Error(`${label}: glpk plan failed verification`);
    const trueGap = (dec.objective! - g.objective!) / g.objective!;
    if (trueGap < -1e-7 || trueGap > dec.solver.gap! + 1e-9) throw new Error(`${label}: decompose ${dec.objective} vs glpk ${g.objective}`);
    caseRows.push({ case: label, peer: 'glpk.js (simplex), end to end', status: 'optimal', medianMs: gMs, p75Ms: gMs, samples: 1, objective: g.objective, ratioVsGlpk: 1, note: `decompose is ${(100 * trueGap).toPrecision(2)}% above this optimum` });
    caseRows[0]!.ratioVsGlpk = gMs / d.p50;
  } else caseRows.push({ case: label, peer: 'glpk.js (simplex), end to end', status: `past limit (${LIMIT_S} s)`, medianMs: null, p75Ms: null, samples: 1, objective: null, ratioVsGlpk: null, note: g.status });
  rows.push(...caseRows);
}

const fmt = (x: number | null, d = 1) => (x === null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const lines = [
  '| case | peer | status | median ms | p75 ms | samples | objective | glpk.js ms ÷ this | note |',
  '|---|---|---|---:|---:|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.case} | ${r.peer} | ${r.status} | ${fmt(r.medianMs)} | ${fmt(r.p75Ms)} | ${r.samples} | ${fmt(r.objective, 2)} | ${r.ratioVsGlpk === null ? '—' : `${fmt(r.ratioVsGlpk)}×`} | ${r.note} |`),
];
console.log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/solve.json', `${JSON.stringify({ node: process.version, date: new Date().toISOString(), limitSeconds: LIMIT_S, rows }, null, 2)}\n`);
