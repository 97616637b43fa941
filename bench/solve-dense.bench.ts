// npm run bench:dense            (add -- --no-glpk to skip the one glpk.js run)
//
// Placement end to end on dense reach (each demand reaching 85% of the sites, 1 hour): suanflow's
// `solve(..., { backend: 'flow' })` by the direct network path (scenario → typed arrays → wasm
// network simplex → Plan) and by the LP model path (LpModel → network; forced by an identity fault
// in the backend seam), against LEMON's native NetworkSimplex on the same network (solve only)
// and glpk.js end to end at 5,000 × 50 (one run). Every plan is verified and the objectives are
// compared before a time is reported. Medians of 7 runs (3 at 20,000 × 100) after 3 warm-up runs
// (the first, cold, call is reported too), and the fastest run
// (the least disturbed by other load on a shared machine) for suanflow and LEMON alike, with the
// CPU time of the direct path beside its wall time; the direct path's stages in CPU ms
// (bench/dense-stages.ts); pass/fail against the targets of issue 11 (end to end within 1.5× of
// LEMON's solve, ≥ 100× faster than glpk.js at 5,000 × 50). Markdown on stdout, JSON in
// bench/results/solve-dense.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { generateScenario } from '../src/bench/generate.js';
import { formulatePlacement, pairLatencies } from '../src/formulate/placement.js';
import { mergeIdenticalDemands } from '../src/formulate/presolve.js';
import { modelToNetwork } from '../src/formulate/to-network.js';
import { latencyMatrix } from '../src/geo/latency-matrix.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Plan } from '../src/plan/types.js';
import { setResultFaultForTesting } from '../src/solve/backend-seam.js';
import { solve } from '../src/solve/solve.js';
import { lemonAvailable, lemonObjectiveBound, runLemon } from './lemon.js';
import { cpuMs, stageBreakdown, STAGES } from './dense-stages.js';

const CASES = [
  { demands: 5_000, sites: 50, glpk: !process.argv.includes('--no-glpk') },
  { demands: 20_000, sites: 100, glpk: false },
];
const REACH = 0.85;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

/** Warm-up runs before timing: V8 optimizes a function only after a few calls, and solve() calls most of its stages once. */
const WARM_UP = 3;

async function times(n: number, f: () => Promise<Plan>): Promise<{ ms: number; minMs: number; cpuMs: number; firstMs: number; samples: number[]; plan: Plan }> {
  const t0 = performance.now();
  let plan = await f(); // the first (cold) call
  const firstMs = performance.now() - t0;
  for (let i = 1; i < WARM_UP; i++) plan = await f();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const c = cpuMs();
    plan = await f();
    samples.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  return { ms: median(samples), minMs: Math.min(...samples), cpuMs: median(cpu), firstMs, samples, plan };
}

const TARGET_LEMON = 1.5;
const TARGET_GLPK = 100;
interface Verdict { case: string; target: string; measured: string; pass: boolean }
const verdicts: Verdict[] = [];
const breakdowns: { case: string; stages: Record<string, number>; sum: number; directCpuMs: number }[] = [];

interface Row { case: string; peer: string; medianMs: number | null; minMs: number | null; objective: number | null; note: string }
const rows: Row[] = [];
const lemon = lemonAvailable();
for (const c of CASES) {
  const label = `${c.demands.toLocaleString('en-US')} × ${c.sites}, reach ${REACH}`;
  const sc = generateScenario({ demands: c.demands, sites: c.sites, hours: 1, seed: 42, reach: REACH });
  const n = c.demands > 10_000 ? 3 : 7;
  const direct = await times(n, () => solve(sc, { backend: 'flow' }));
  if (!direct.plan.solver.reason.endsWith('directly from the scenario')) throw new Error(`${label}: the direct path was not taken`);
  const v = verifyPlan(sc, direct.plan);
  if (direct.plan.status !== 'optimal' || !v.ok) throw new Error(`${label}: direct plan ${direct.plan.status}`);
  const z = direct.plan.objective!;
  setResultFaultForTesting((_b, res) => res);
  const viaModel = await times(n, () => solve(sc, { backend: 'flow' }));
  setResultFaultForTesting(undefined);
  if (viaModel.plan.objective !== z) throw new Error(`${label}: LP model path objective ${viaModel.plan.objective} ≠ direct ${z}`);
  const pre = mergeIdenticalDemands(sc).scenario;
  const mn = modelToNetwork(formulatePlacement(pre, pairLatencies(pre, await latencyMatrix(pre.origins, pre.sites))));
  const arcs = mn.net.source.length;
  process.stderr.write(`${label}: ${arcs.toLocaleString('en-US')} arcs, ${mn.net.nodes.toLocaleString('en-US')} nodes\n`);
  const directRow: Row = { case: label, peer: 'suanflow solve(flow), direct network path', medianMs: direct.ms, minMs: direct.minMs, objective: z, note: `verified; ${direct.plan.solver.iterations} pivots; ${arcs.toLocaleString('en-US')} arcs; CPU ${direct.cpuMs.toFixed(1)} ms (median); first (cold) call ${direct.firstMs.toFixed(0)} ms` };
  const bd = await stageBreakdown(sc, n);
  breakdowns.push({ case: label, stages: bd.stages, sum: bd.sum, directCpuMs: direct.cpuMs });
  rows.push(directRow);
  rows.push({ case: label, peer: 'suanflow solve(flow), LP model path (before)', medianMs: viaModel.ms, minMs: viaModel.minMs, objective: viaModel.plan.objective, note: 'same objective, bit for bit' });
  let lemonMs: number | null = null;
  let lemonMin: number | null = null;
  if (lemon.ok) {
    const costScale = 1e4;
    const l = runLemon(mn.net, { costScale, repeats: 7 });
    const flowSum = direct.plan.assignments.reduce((a, x) => a + x.amount, 0) + direct.plan.unmet.reduce((a, x) => a + x.amount, 0);
    const bound = lemonObjectiveBound(costScale, 2 * flowSum, 2 * l.flowSum);
    if (l.status !== 'optimal' || Math.abs(l.objective - z) > bound + 1e-7 * Math.abs(z)) throw new Error(`${label}: LEMON ${l.status} ${l.objective} vs ${z}`);
    lemonMs = l.medianMs;
    lemonMin = Math.min(...l.samples);
    rows.push({ case: label, peer: 'LEMON NetworkSimplex (native, solve only)', medianMs: l.medianMs, minMs: lemonMin, objective: l.objective, note: `costs ×${costScale} to integers; graph build ${l.buildMs.toFixed(0)} ms not counted` });
  }
  if (c.glpk) {
    const t = performance.now();
    const g = await solve(sc, { backend: 'glpk', timeLimitSeconds: 300 });
    const gMs = performance.now() - t;
    if (g.status === 'optimal' && rel(g.objective!, z) > 1e-7) throw new Error(`${label}: glpk ${g.objective} vs ${z}`);
    rows.push({ case: label, peer: 'glpk.js solve(glpk), end to end (1 run)', medianMs: gMs, minMs: null, objective: g.objective, note: `${g.status}; ${(gMs / direct.ms).toFixed(0)}× the direct flow path (median), ${(gMs / direct.minMs).toFixed(0)}× its fastest run` });
    verdicts.push({ case: label, target: `glpk.js ÷ solve(flow) ≥ ${TARGET_GLPK}×`, measured: `${(gMs / direct.ms).toFixed(0)}× (median), ${(gMs / direct.minMs).toFixed(0)}× (fastest)`, pass: gMs / direct.ms >= TARGET_GLPK });
  }
  if (lemonMs !== null && lemonMin !== null) {
    directRow.note += `; ${(direct.ms / lemonMs).toFixed(2)}× LEMON (medians), ${(direct.minMs / lemonMin).toFixed(2)}× (fastest runs)`;
    verdicts.push({ case: label, target: `solve(flow) ÷ LEMON NS ≤ ${TARGET_LEMON}×`, measured: `${(direct.ms / lemonMs).toFixed(2)}× (medians), ${(direct.minMs / lemonMin).toFixed(2)}× (fastest)`, pass: direct.ms / lemonMs <= TARGET_LEMON });
  }
}
const fmt = (x: number | null) => (x === null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 }));
console.log(`Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} at the end (shared: compare ratios within this run)\n`);
console.log(['| case | peer | median ms | fastest ms | objective | note |', '|---|---|---:|---:|---:|---|', ...rows.map((r) => `| ${r.case} | ${r.peer} | ${fmt(r.medianMs)} | ${fmt(r.minMs)} | ${fmt(r.objective)} | ${r.note} |`)].join('\n'));
console.log(`\nDirect path by stage, median CPU ms (bench/dense-stages.ts; GC lands in whichever stage it interrupts):\n`);
console.log([`| stage | ${breakdowns.map((b) => b.case).join(' | ')} |`, `|---|${breakdowns.map(() => '---:').join('|')}|`, ...STAGES.map((k) => `| ${k} | ${breakdowns.map((b) => b.stages[k]!.toFixed(1)).join(' | ')} |`), `| sum of stages | ${breakdowns.map((b) => b.sum.toFixed(1)).join(' | ')} |`, `| solve() end to end (CPU) | ${breakdowns.map((b) => b.directCpuMs.toFixed(1)).join(' | ')} |`].join('\n'));
console.log(`\nTargets (issue 11):\n`);
console.log(['| case | target | measured | result |', '|---|---|---|---|', ...verdicts.map((v) => `| ${v.case} | ${v.target} | ${v.measured} | ${v.pass ? 'PASS' : 'FAIL'} |`)].join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/solve-dense.json', `${JSON.stringify({ node: process.version, date: new Date().toISOString(), reach: REACH, loadAverage: loadavg(), rows, breakdowns, verdicts }, null, 2)}\n`);
