// npm run bench:secure            (add -- --quick for one sample each)
//
// N-1-secure plans (issue 16): the built-in day solved plain (glpk.js, the exact LP, and `auto`)
// and with policy.survive 'any-site' and 'any-hub' (glpk.js, constraint generation), end to end
// through `solve`. Every plan is verified before a time is reported. Target: 'any-site' exact in
// ≤ 10× the plain glpk solve. Markdown table on stdout, JSON in bench/results/safety-secure.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { eastDataWestComputing } from '../src/datasets/index.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Plan } from '../src/plan/types.js';
import type { Scenario } from '../src/scenario/types.js';
import { solve, type SolveOptions } from '../src/solve/solve.js';

const quick = process.argv.includes('--quick');
const iterations = quick ? 1 : 5;

const secure = (survive: 'any-site' | 'any-hub'): Scenario => ({ ...eastDataWestComputing, policy: { ...eastDataWestComputing.policy, survive } });
const CASES: { name: string; sc: Scenario; options: SolveOptions }[] = [
  { name: 'plain, glpk', sc: eastDataWestComputing, options: { backend: 'glpk' } },
  { name: 'plain, auto', sc: eastDataWestComputing, options: {} },
  { name: 'survive any-site, glpk', sc: secure('any-site'), options: {} },
  { name: 'survive any-hub, glpk', sc: secure('any-hub'), options: {} },
];

interface Row {
  case: string;
  medianMs: number;
  p75Ms: number;
  samples: number;
  objective: number | null;
  blocks: string;
  ratioVsPlainGlpk: number | null;
}

const rows: Row[] = [];
for (const c of CASES) {
  let last: Plan | undefined;
  const bench = new Bench({ time: 0, iterations, warmupIterations: 1, warmupTime: 0 });
  bench.add(c.name, async () => {
    last = await solve(c.sc, c.options);
  });
  await bench.run();
  const r = bench.getTask(c.name)?.result;
  if (r?.state !== 'completed') throw new Error(`${c.name}: ${r?.state}`);
  const v = verifyPlan(c.sc, last!);
  if (!v.ok || last!.status !== 'optimal') throw new Error(`${c.name}: ${last!.status}, ${v.violations.length} violations (${v.violations[0]?.message})`);
  const s = last!.security;
  rows.push({
    case: c.name,
    medianMs: r.latency.p50,
    p75Ms: r.latency.p75,
    samples: r.latency.samplesCount,
    objective: last!.objective,
    blocks: s ? `${s.blocks}/${s.outages} outages, ${s.subBlocks} sub-blocks, ${s.rounds} solves; premium ${s.premium.cost.toFixed(0)} CNY` : '—',
    ratioVsPlainGlpk: null,
  });
  process.stderr.write(`${c.name}: median ${r.latency.p50.toFixed(0)} ms\n`);
}
const plain = rows[0]!.medianMs;
for (const row of rows) row.ratioVsPlainGlpk = row.medianMs / plain;

const lines = [
  '| case | median ms | p75 ms | samples | objective CNY | × plain glpk | N-1 |',
  '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.case} | ${r.medianMs.toFixed(0)} | ${r.p75Ms.toFixed(0)} | ${r.samples} | ${r.objective?.toFixed(0)} | ${r.ratioVsPlainGlpk!.toFixed(2)} | ${r.blocks} |`),
];
console.log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/safety-secure.json', `${JSON.stringify({ date: new Date().toISOString(), iterations, rows }, null, 2)}\n`);
