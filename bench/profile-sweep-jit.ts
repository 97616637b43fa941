// What a cold thread pays on the sweep bench's cases: CPU of a cold and of a warm pass in this one
// thread, split into the main thread and the rest of the process (V8's concurrent optimizing
// compiler and GC helpers), and, from a child run with --trace-opt --trace-deopt, the optimizing
// compiles and deopts per function (the compile "took" figures are wall ms on the compiler thread:
// they grow with the machine's load; their shares are what counts).
// npx tsup bench/profile-sweep-jit.ts --no-config --format esm --out-dir build/bench --silent && node build/bench/profile-sweep-jit.js [cases=250] [--no-trace]
// (cases = 250: one thread's share of the 500-case bench at --workers 2)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { scenarios } from '../src/datasets/index.js';
import type { Scenario } from '../src/scenario/types.js';
import { runSweepCase } from '../src/sweep/case-run.js';
import { caseGrid, cases } from '../src/sweep/cases.js';
import { caseContext } from '../src/sweep/run-sweep.js';
import { validateSweepSpec } from '../src/sweep/spec.js';

const N = Number(process.argv[2] ?? 250);
const child = process.argv[3] === '--child';
const sc0 = scenarios.eastDataWestComputing;
const base: Scenario = { ...sc0, name: 'day (location accounting)', policy: { ...sc0.policy, carbonAccounting: 'location' } };
const prices = Array.from({ length: 25 }, (_, i) => i * 40);
const spec = validateSweepSpec({ version: 1, base: 'x', axes: { carbonPrice: prices, demandScale: [0.8, 1, 1.1, 1.2], outage: [['guian'], ['qingyang'], ['helingeer'], ['shaoguan'], ['wuhu', 'yrd-demo-zone']] } });
const ctx = caseContext(spec, base);
const all = [...cases(caseGrid(spec, base))].slice(0, N);

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
/** CPU ms of the main thread alone (Linux /proc; NaN elsewhere). */
function mainCpuMs(): number {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

async function pass(): Promise<{ ms: number; cpu: number; main: number }> {
  const c0 = cpuMs();
  const m0 = mainCpuMs();
  const t0 = performance.now();
  for (const c of all) {
    const l = await runSweepCase(c, ctx);
    if (!l.verified) throw new Error(`case ${c.id}: not verified (${l.status})`);
  }
  return { ms: performance.now() - t0, cpu: cpuMs() - c0, main: mainCpuMs() - m0 };
}

const cold = await pass();
if (child) process.exit(0);
const warm = await pass();
const f = (x: number) => `${(x / 1000).toFixed(2)} s`;
console.log(`${N} cases of the sweep bench, one thread, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log('| pass | wall | CPU of the process | main thread | other threads |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, p] of [['cold', cold], ['warm', warm]] as const) console.log(`| ${name} | ${f(p.ms)} | ${f(p.cpu)} | ${f(p.main)} | ${f(p.cpu - p.main)} |`);
console.log(`cold minus warm: ${f(cold.cpu - warm.cpu)} CPU, of it ${f(cold.main - warm.main)} on the main thread and ${f(cold.cpu - cold.main - (warm.cpu - warm.main))} on the other threads`);

if (process.argv[3] === '--no-trace') process.exit(0);

// The same cold pass in a child with V8's optimizer traces: compiles and deopts per function.
const r = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', fileURLToPath(import.meta.url), String(N), '--child'], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (r.status !== 0) throw new Error(`traced child failed: ${r.stderr}`);
const perFn = new Map<string, { compiles: number; ms: number; deopts: number }>();
const row = (name: string) => perFn.get(name) ?? (perFn.set(name, { compiles: 0, ms: 0, deopts: 0 }), perFn.get(name)!);
const reasons = new Map<string, number>();
let compiles = 0;
let deopts = 0;
for (const line of r.stdout.split('\n')) {
  const c = /completed compiling .*?<JSFunction (\S*).*?took [\d.]+, ([\d.]+), [\d.]+ ms/.exec(line);
  if (c) {
    const e = row(c[1] === '(sfi' ? '(anonymous)' : c[1]!);
    e.compiles++;
    e.ms += Number(c[2]);
    compiles++;
  }
  const d = /bailout \(kind: [^,]*, reason: ([^)]*)\).*?deoptimizing \S+ <JSFunction (\S*)/.exec(line);
  if (d) {
    row(d[2] === '(sfi' ? '(anonymous)' : d[2]!).deopts++;
    reasons.set(d[1]!, (reasons.get(d[1]!) ?? 0) + 1);
    deopts++;
  }
}
const total = [...perFn.values()].reduce((s, e) => s + e.ms, 0);
console.log(`\ncold pass, traced: ${compiles} optimizing compiles, ${deopts} deopts (${[...reasons].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(', ')})`);
console.log('| function | compiles | deopts | share of compile time |');
console.log('|---|---:|---:|---:|');
for (const [name, e] of [...perFn].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(`| ${name} | ${e.compiles} | ${e.deopts} | ${((100 * e.ms) / total).toFixed(1)}% |`);
