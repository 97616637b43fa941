// npm run bench:mcf [-- --quick] [-- --dir DIR] [-- --max-log2 N] [-- --only FAMILY] [-- --write DIR]
//
// Min-cost flow across structurally different network families, seeded, 2^10 … 2^16 nodes
// (--max-log2 lowers the top; --quick stops at 2^12), plus every *.min DIMACS file in --dir:
//   transportation  placement-like: 90% demand nodes (supply 1–100) to 8 random sites each
//                   (cost 1–1000), sites → sink capped, an unmet arc per demand at 10^4;
//   netgen-like     8·n random arcs (cost 1–10^4, capacity 1–1000), n/20 sources and sinks
//                   (supply 1–1000), a hub node joining sources to sinks at 10^6 (feasibility);
//   grid-torus      a √n × √n torus, 4 arcs per node (cost 1–100, capacity 1–200), 8 sources
//                   and 8 sinks far apart (long paths), the same hub at 10^6.
// Rows: suanflow wasm network simplex, suanflow wasm cost scaling, the simplex's TS twin, LEMON NetworkSimplex and CostScaling natively
// (bench/lemon/driver.cpp; where liblemon-dev is installed), glpk.js at 2^10. Integer data:
// objectives are compared exactly before any time is reported. Times: median of 3 (1 for the TS
// twin past 2^14 and for glpk.js). The machine may be shared: compare ratios within one run.
// Markdown on stdout, JSON in bench/results/mcf-families.json.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { formatDimacsMin, parseDimacsMin } from '../src/flow/dimacs.js';
import { costScaling } from '../src/flow/cost-scaling.js';
import { networkSimplexTS } from '../src/flow/network-simplex.js';
import { networkSimplexWasm } from '../src/flow/network-simplex-wasm.js';
import type { FlowNetwork, FlowResult } from '../src/flow/types.js';
import { addColumn, addRow, type LpModel } from '../src/formulate/lp-model.js';
import { solveWithGlpk } from '../src/solve/glpk.js';
import { loadKernels } from '../src/wasm/kernels.js';
import { gridTorus, netgenLike, transportation } from './mcf-generators.js';
import { lemonAvailable, runLemon } from './lemon.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const MAX_LOG2 = Number(arg('--max-log2') ?? (process.argv.includes('--quick') ? 12 : 16));
const DIR = arg('--dir');
/** --write DIR: also write each generated network there as DIMACS (for other solvers). */
const WRITE = arg('--write');
const ONLY = arg('--only');
/** Our cost scaling stops past this (it took 168 s on the 2^16 grid). */
const CS_LIMIT_S = 20;

/** The network as an LP (one column per arc, one equality row per node), for glpk.js. */
function asLp(net: FlowNetwork): LpModel {
  const m: LpModel = { name: 'mcf', cols: [], rows: [] };
  const rows: { cols: number[]; coefs: number[] }[] = Array.from({ length: net.nodes }, () => ({ cols: [], coefs: [] }));
  for (let a = 0; a < net.source.length; a++) {
    const c = addColumn(m, net.cost[a]!, net.capacity[a]!, { kind: 'slack', row: a });
    rows[net.source[a]!]!.cols.push(c);
    rows[net.source[a]!]!.coefs.push(1);
    rows[net.target[a]!]!.cols.push(c);
    rows[net.target[a]!]!.coefs.push(-1);
  }
  rows.forEach((r, v) => addRow(m, { ...r, lb: net.supply[v]!, ub: net.supply[v]!, meaning: { kind: 'siteMinGreenShare', site: v } }));
  return m;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function timed(k: number, f: () => FlowResult): { ms: number; r: FlowResult } {
  let r = f();
  const s: number[] = [];
  for (let i = 0; i < k; i++) {
    const t = performance.now();
    r = f();
    s.push(performance.now() - t);
  }
  return { ms: median(s), r };
}

interface Row { family: string; nodes: number; arcs: number; peer: string; ms: number | null; objective: number | null; pivots: number | null; note: string }
const rows: Row[] = [];
const kernels = await loadKernels();
const lemon = lemonAvailable();

async function runCase(family: string, net: FlowNetwork): Promise<void> {
  if (ONLY !== undefined && !family.startsWith(ONLY)) return;
  if (WRITE) {
    mkdirSync(WRITE, { recursive: true });
    writeFileSync(join(WRITE, `${family.replace(/[^a-z0-9]+/gi, '-')}.min`), formatDimacsMin(net, `suanflow bench:mcf ${family}`));
  }
  const nodes = net.nodes;
  const arcs = net.source.length;
  const add = (peer: string, ms: number | null, objective: number | null, pivots: number | null, note = '') => rows.push({ family, nodes, arcs, peer, ms, objective, pivots, note });
  process.stderr.write(`${family}: ${nodes} nodes, ${arcs} arcs\n`);
  const w = timed(3, () => networkSimplexWasm(kernels, net));
  if (w.r.status !== 'optimal') throw new Error(`${family}: wasm ${w.r.status}`);
  const z = w.r.objective;
  const t = timed(arcs > 300_000 ? 1 : 3, () => networkSimplexTS(net));
  if (t.r.objective !== z) throw new Error(`${family}: TS twin ${t.r.objective} ≠ wasm ${z}`);
  add('suanflow wasm network simplex', w.ms, z, w.r.iterations);
  const csT = performance.now();
  const cs = costScaling(net, csT + 1000 * CS_LIMIT_S, kernels);
  const csMs = performance.now() - csT;
  if (cs.status !== 'time_limit' && cs.objective !== z) throw new Error(`${family}: cost scaling ${cs.status} ${cs.objective} ≠ ${z}`);
  add('suanflow TS twin', t.ms, t.r.objective, t.r.iterations, t.r.iterations === w.r.iterations ? 'same pivots' : 'pivots differ');
  if (cs.status === 'time_limit') add('suanflow wasm cost scaling (1 run)', null, null, null, `past ${CS_LIMIT_S} s (checked between phases)`);
  else add('suanflow wasm cost scaling (1 run)', csMs, cs.objective, null, `${cs.operations} pushes + relabels`);
  if (lemon.ok) {
    for (const [algorithm, peer] of [['ns', 'LEMON NetworkSimplex (native)'], ['cs', 'LEMON CostScaling (native)']] as const) {
      const l = runLemon(net, { costScale: 1, repeats: 3, algorithm });
      if (l.status !== 'optimal' || l.objective !== z) throw new Error(`${family}: ${peer} ${l.status} ${l.objective} ≠ ${z}`);
      add(peer, l.medianMs, l.objective, null, algorithm === 'ns' ? `wasm ÷ this: ${(w.ms / l.medianMs).toFixed(2)}×` : '');
    }
  }
  if (nodes <= 1100) {
    const t0 = performance.now();
    const g = await solveWithGlpk(asLp(net), 60);
    const ms = performance.now() - t0;
    if (g.status === 'optimal' && Math.abs(g.z - z) > 1e-9 * Math.abs(z)) throw new Error(`${family}: glpk.js ${g.z} ≠ ${z}`);
    add('glpk.js (LP, 1 run)', ms, g.status === 'optimal' ? g.z : null, null, g.status);
  }
}

for (let log2 = 10; log2 <= MAX_LOG2; log2 += 2) {
  const n = 2 ** log2;
  await runCase(`transportation 2^${log2}`, transportation(n, log2));
  await runCase(`netgen-like 2^${log2}`, netgenLike(n, log2));
  await runCase(`grid-torus 2^${log2}`, gridTorus(n, log2));
}
if (DIR) {
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.min')).sort()) {
    const g = parseDimacsMin(readFileSync(join(DIR, f), 'utf8'));
    if (g.lower && g.lower.some((x) => x !== 0)) {
      process.stderr.write(`${f}: lower bounds are not benchmarked here (use suanflow mcf)\n`);
      continue;
    }
    await runCase(f, g);
  }
}

const fmt = (x: number | null, d = 1) => (x === null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
console.log(`Node ${process.version}, ${cpus().length} cores (shared with other work: compare ratios within this run)\n`);
console.log(['| family | nodes | arcs | peer | median ms | objective | pivots | note |', '|---|---:|---:|---|---:|---:|---:|---|', ...rows.map((r) => `| ${r.family} | ${r.nodes} | ${r.arcs} | ${r.peer} | ${fmt(r.ms)} | ${fmt(r.objective, 0)} | ${r.pivots ?? '—'} | ${r.note} |`)].join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/mcf-families.json', `${JSON.stringify({ node: process.version, date: new Date().toISOString(), rows }, null, 2)}\n`);
