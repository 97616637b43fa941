// npm run bench:data
//
// The built-in day with data, algorithms and the network (scenarios.dataGravity: the illustrative
// backbone between the 8 hubs, 8 datasets, 5 served models, residency) solved as a MILP by glpk.js
// (relaxation bound, branch and bound with mipgap = gapTolerance 0.001, then the LP with the
// choices fixed for duals): time, model size, status and gap; target optimal (or gap ≤ 0.5%,
// stated) within 30 s. Also the LP-only variants (no copy or replica to choose): the plain day with
// the backbone (glpk: backbone rows couple the model) and with residency only (still the network
// plus green supply: decompose or glpk). Every plan is verified. Markdown on stdout, JSON in
// bench/results/data.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { eastDataWestComputingData, EDWC_BACKBONE } from '../src/datasets/data-gravity.js';
import { eastDataWestComputing } from '../src/datasets/east-data-west-computing.js';
import { buildModel, solve, type SolveOptions } from '../src/solve/solve.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Scenario } from '../src/scenario/types.js';

const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const residencyOnly: Scenario = {
  ...eastDataWestComputing,
  name: 'east-data-west-computing + residency',
  demands: eastDataWestComputing.demands.map((d) => (d.id === 'shanghai-batch' ? { ...d, residency: { regions: ['east'] } } : d.id === 'beijing-batch' ? { ...d, residency: { hubs: ['Beijing-Tianjin-Hebei'] } } : d)),
};
const CASES: { name: string; sc: Scenario; options: SolveOptions }[] = [
  { name: 'dataGravity (5 models, 8 datasets, backbone, residency): MILP', sc: eastDataWestComputingData(), options: { timeLimitSeconds: 60 } },
  { name: 'plain day + backbone (LP)', sc: { ...eastDataWestComputing, backbone: EDWC_BACKBONE }, options: {} },
  { name: 'plain day (LP, reference)', sc: eastDataWestComputing, options: {} },
  { name: 'plain day + residency (LP), auto', sc: residencyOnly, options: {} },
  { name: 'plain day + residency (LP), decompose', sc: residencyOnly, options: { backend: 'decompose' } },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[] = [];
const results: Record<string, unknown>[] = [];
for (const c of CASES) {
  const model = await buildModel(c.sc);
  const ints = model.cols.filter((x) => x.integer).length;
  const nnz = model.rows.reduce((a, r) => a + r.cols.length, 0);
  const times: number[] = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await solve(c.sc, c.options);
    times.push(performance.now() - t);
    const v = verifyPlan(c.sc, last);
    if (!v.ok) throw new Error(`${c.name}: plan fails verification: ${v.violations.slice(0, 3).map((x) => x.message).join('; ')}`);
  }
  const p = last!;
  const gap = p.solver.gap === undefined ? '—' : `${(100 * p.solver.gap).toFixed(3)}%`;
  rows.push(`| ${c.name} | ${p.solver.backend} | ${p.status} | ${(median(times) / 1000).toFixed(2)} s (${times.map((t) => (t / 1000).toFixed(2)).join(', ')}) | ${model.cols.length} (${ints} 0/1) | ${model.rows.length} | ${nnz} | ${p.objective!.toFixed(0)} | ${gap} | ${p.datasetCopies?.length ?? '—'} | ${p.modelReplicas?.length ?? '—'} | ${(p.backbone ?? []).filter((b) => b.shadowPrice > 0).length} |`);
  results.push({ case: c.name, backend: p.solver.backend, status: p.status, message: p.message, ms: times, medianMs: median(times), columns: model.cols.length, integerColumns: ints, rows: model.rows.length, nonzeros: nnz, objective: p.objective, gap: p.solver.gap, lowerBound: p.solver.lowerBound, copies: p.datasetCopies?.length, replicas: p.modelReplicas?.length, bindingLinkHours: (p.backbone ?? []).filter((b) => b.shadowPrice > 0).length });
  console.error(`${c.name}: ${(median(times) / 1000).toFixed(2)} s`);
}
console.log(`built-in day with data, models and the backbone (Node ${process.version}, ${runs} runs each, end-to-end solve() incl. validation and self-check)\n`);
console.log('| case | backend | status | median (runs) | columns | rows | nonzeros | objective CNY | gap to LP relaxation | copies | replicas | binding link-hours |');
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/data.json', `${JSON.stringify({ node: process.version, date: new Date().toISOString(), runs, results }, null, 2)}\n`);
