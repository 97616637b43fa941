// npx tsup bench/mcf.bench.ts --no-config --format esm --out-dir build/bench --silent && node build/bench/mcf.bench.js
//
// Min-cost flow on the placement optimizer's core (one class × hour: demand nodes → sites → sink,
// plus one unmet arc per demand): the wasm network simplex vs its plain-TS twin vs glpk.js on the
// same problem as an LP. Seeded transportation networks at 1,000 × 30, 5,000 × 50 and
// 20,000 × 100 (demands × sites). Every result's objective is compared (relative 1e-7) with the
// others, and the wasm flow is checked for conservation and capacity, before a time is reported.
// glpk.js runs only at the two smaller sizes, with a 60 s limit per case ("past limit" beyond).
// Times are warm medians and p75 (tinybench); "first" is the first call in the process (TS: before
// V8 has optimized it; wasm: including the one memory growth). Each backend's time includes its
// input checks and copies (wasm: copy in and out of wasm memory; glpk.js: building its JSON LP).
// Prints a markdown table and writes bench/results/mcf.json. Pass --quick for the two small sizes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { Bench } from 'tinybench';
import { networkSimplexTS } from '../src/flow/network-simplex.js';
import { networkSimplexWasm } from '../src/flow/network-simplex-wasm.js';
import type { FlowNetwork, FlowResult } from '../src/flow/types.js';
import { addColumn, addRow, type LpModel } from '../src/formulate/lp-model.js';
import { haversineKm } from '../src/geo/haversine.js';
import { solveWithGlpk } from '../src/solve/glpk.js';
import { mulberry32 } from '../src/util/prng.js';
import { loadKernels } from '../src/wasm/kernels.js';

const LIMIT_S = 60;
const REL_TOL = 1e-7;
const CASES = [
  { demands: 1_000, sites: 30, glpk: true },
  { demands: 5_000, sites: 50, glpk: true },
  { demands: 20_000, sites: 100, glpk: false },
].slice(0, process.argv.includes('--quick') ? 2 : 3);


interface Instance {
  readonly net: FlowNetwork;
  /** The same problem as the placement LP: x[d,s] and u[d] columns, demand and capacity rows. */
  readonly lp: () => LpModel;
}

/**
 * D demand points (east-heavy: lon 100–122, lat 20–45) and S sites (lon 75–125, lat 22–48).
 * Demand d (1–100 units) connects to its ⌈30%⌉ nearest sites at unit cost (site cost 1–3 +
 * 0.0005 per km) and to the sink by an unmet arc at 100 per unit; site capacities are random
 * shares of 1.1 × total demand (integers). Nodes: demands 0…D−1, sites D…D+S−1, sink D+S.
 */
function transportation(D: number, S: number, seed: number): Instance {
  const rand = mulberry32(seed);
  const dLon = new Float64Array(D);
  const dLat = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    dLon[d] = 100 + 22 * rand();
    dLat[d] = 20 + 25 * rand();
  }
  const sLon = new Float64Array(S);
  const sLat = new Float64Array(S);
  const siteCost = new Float64Array(S);
  const weight = new Float64Array(S);
  let wSum = 0;
  for (let s = 0; s < S; s++) {
    sLon[s] = 75 + 50 * rand();
    sLat[s] = 22 + 26 * rand();
    siteCost[s] = 1 + 2 * rand();
    weight[s] = 0.5 + rand();
    wSum += weight[s]!;
  }
  const amount = new Float64Array(D);
  let total = 0;
  for (let d = 0; d < D; d++) total += amount[d] = 1 + Math.floor(100 * rand());
  const capacity = Float64Array.from(weight, (w) => Math.round((1.1 * total * w) / wSum));

  const k = Math.max(1, Math.round(0.3 * S));
  const m = D * k + D + S;
  const sink = D + S;
  const source = new Int32Array(m);
  const target = new Int32Array(m);
  const cap = new Float64Array(m).fill(Infinity);
  const cost = new Float64Array(m);
  const supply = new Float64Array(D + S + 1);
  const km = new Float64Array(S);
  const order = Array.from({ length: S }, (_, s) => s);
  let a = 0;
  for (let d = 0; d < D; d++) {
    supply[d] = amount[d]!;
    for (let s = 0; s < S; s++) km[s] = haversineKm(dLon[d]!, dLat[d]!, sLon[s]!, sLat[s]!);
    order.sort((p, q) => km[p]! - km[q]! || p - q);
    for (let r = 0; r < k; r++, a++) {
      const s = order[r]!;
      source[a] = d;
      target[a] = D + s;
      cost[a] = siteCost[s]! + 0.0005 * km[s]!;
    }
    source[a] = d;
    target[a] = sink;
    cost[a] = 100;
    a++;
  }
  for (let s = 0; s < S; s++, a++) {
    source[a] = D + s;
    target[a] = sink;
    cap[a] = capacity[s]!;
  }
  supply[sink] = -total;
  const net: FlowNetwork = { nodes: D + S + 1, source, target, capacity: cap, cost, supply };

  const lp = (): LpModel => {
    const model: LpModel = { name: `mcf-${D}x${S}`, cols: [], rows: [] };
    const perSite: number[][] = Array.from({ length: S }, () => []);
    const perDemand: number[][] = Array.from({ length: D }, () => []);
    for (let e = 0; e < m - S; e++) {
      const d = source[e]!;
      const t = target[e]!;
      if (t === sink) {
        perDemand[d]!.push(addColumn(model, cost[e]!, Infinity, { kind: 'u', demand: d, hour: 0 }));
      } else {
        const col = addColumn(model, cost[e]!, Infinity, { kind: 'x', demand: d, site: t - D, hour: 0 });
        perDemand[d]!.push(col);
        perSite[t - D]!.push(col);
      }
    }
    for (let d = 0; d < D; d++) {
      const cols = perDemand[d]!;
      addRow(model, { cols, coefs: cols.map(() => 1), lb: amount[d]!, ub: amount[d]!, meaning: { kind: 'demand', demand: d, hour: 0 } });
    }
    for (let s = 0; s < S; s++) {
      const cols = perSite[s]!;
      addRow(model, {
        cols,
        coefs: cols.map(() => 1),
        lb: -Infinity,
        ub: capacity[s]!,
        meaning: { kind: 'capacity', site: s, cls: 'general', hour: 0 },
      });
    }
    return model;
  };
  return { net, lp };
}

const relGap = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** A fast wrong answer is no result: optimal, conserving, within capacity. */
function checkFlow(net: FlowNetwork, r: FlowResult, who: string): void {
  if (r.status !== 'optimal') throw new Error(`${who}: status ${r.status}`);
  const bal = new Float64Array(net.nodes);
  for (let a = 0; a < net.source.length; a++) {
    const f = r.flow[a]!;
    if (!(f >= 0 && f <= net.capacity[a]!)) throw new Error(`${who}: arc ${a} flow ${f} outside [0, ${net.capacity[a]}]`);
    bal[net.source[a]!]! += f;
    bal[net.target[a]!]! -= f;
  }
  for (let v = 0; v < net.nodes; v++) {
    if (Math.abs(bal[v]! - net.supply[v]!) > 1e-6) throw new Error(`${who}: node ${v} balance ${bal[v]} ≠ ${net.supply[v]}`);
  }
}

interface Timing {
  medianMs: number;
  p75Ms: number;
  samples: number;
}

function timing(bench: Bench, name: string): Timing {
  const r = bench.getTask(name)?.result;
  if (r?.state !== 'completed') throw new Error(`bench task ${name} did not complete: ${r?.state}`);
  return { medianMs: r.latency.p50, p75Ms: r.latency.p75, samples: r.latency.samplesCount };
}

interface Row {
  demands: number;
  sites: number;
  nodes: number;
  arcs: number;
  objective: number;
  pivots: number;
  wasm: Timing & { firstMs: number };
  ts: Timing & { firstMs: number };
  glpk: (Timing & { status: 'optimal'; objective: number }) | { status: 'past limit' | 'not run'; limitS: number };
  ratioTsOverWasm: number;
  ratioGlpkOverWasm: number | null;
  ratioGlpkOverTs: number | null;
}

const t0 = performance.now();
const kernels = await loadKernels();
const coldLoadMs = performance.now() - t0;
const rows: Row[] = [];

for (const c of CASES) {
  const label = `${c.demands} × ${c.sites}`;
  const inst = transportation(c.demands, c.sites, 20261128 + c.demands + c.sites);
  const { net } = inst;

  // First calls (cold), then the reference checks before any timing.
  let t = performance.now();
  const wasm0 = networkSimplexWasm(kernels, net);
  const wasmFirstMs = performance.now() - t;
  t = performance.now();
  const ts0 = networkSimplexTS(net);
  const tsFirstMs = performance.now() - t;
  checkFlow(net, wasm0, `${label} wasm`);
  checkFlow(net, ts0, `${label} TS`);
  if (relGap(ts0.objective, wasm0.objective) > REL_TOL) {
    throw new Error(`${label}: TS objective ${ts0.objective} ≠ wasm ${wasm0.objective}`);
  }
  const ref = wasm0.objective;

  let glpk: Row['glpk'] = { status: 'not run', limitS: LIMIT_S };
  let glpkProbe: { ms: number; z: number } | undefined;
  if (c.glpk) {
    const probe = await solveWithGlpk(inst.lp(), LIMIT_S);
    if (probe.status === 'optimal') {
      if (relGap(probe.z, ref) > REL_TOL) throw new Error(`${label}: glpk.js objective ${probe.z} ≠ wasm ${ref}`);
      glpkProbe = { ms: probe.ms, z: probe.z };
    } else if (probe.status === 'time_limit') {
      glpk = { status: 'past limit', limitS: LIMIT_S };
    } else {
      throw new Error(`${label}: glpk.js says ${probe.status}`);
    }
  }

  // Warm timings. Each run's objective is checked again afterwards.
  const seen: Record<string, number[]> = { wasm: [], ts: [], glpk: [] };
  const bench = new Bench({ name: label, time: 2000, iterations: 5, warmupTime: 500, warmupIterations: 2 });
  bench
    .add('wasm', () => {
      seen['wasm']!.push(networkSimplexWasm(kernels, net).objective);
    })
    .add('ts', () => {
      seen['ts']!.push(networkSimplexTS(net).objective);
    });
  await bench.run();
  const w = timing(bench, 'wasm');
  const s = timing(bench, 'ts');

  if (glpkProbe) {
    if (glpkProbe.ms >= 10_000) {
      // One solve already takes most of the budget: the probe is the only sample.
      glpk = { status: 'optimal', objective: glpkProbe.z, medianMs: glpkProbe.ms, p75Ms: glpkProbe.ms, samples: 1 };
    } else {
      const runs = Math.max(3, Math.min(10, Math.floor(30_000 / glpkProbe.ms)));
      const gb = new Bench({ name: `${label} glpk`, time: 0, iterations: runs, warmup: false });
      const model = inst.lp();
      gb.add('glpk', async () => {
        const r = await solveWithGlpk(model, LIMIT_S);
        seen['glpk']!.push(r.status === 'optimal' ? r.z : NaN);
      });
      await gb.run();
      glpk = { status: 'optimal', objective: glpkProbe.z, ...timing(gb, 'glpk') };
    }
  }
  for (const [who, zs] of Object.entries(seen)) {
    for (const z of zs) {
      if (!(relGap(z, ref) <= REL_TOL)) throw new Error(`${label}: a ${who} run gave objective ${z}, reference ${ref}`);
    }
  }

  const g = glpk.status === 'optimal' ? glpk.medianMs : null;
  rows.push({
    demands: c.demands,
    sites: c.sites,
    nodes: net.nodes,
    arcs: net.source.length,
    objective: ref,
    pivots: wasm0.iterations,
    wasm: { ...w, firstMs: wasmFirstMs },
    ts: { ...s, firstMs: tsFirstMs },
    glpk,
    ratioTsOverWasm: s.medianMs / w.medianMs,
    ratioGlpkOverWasm: g === null ? null : g / w.medianMs,
    ratioGlpkOverTs: g === null ? null : g / s.medianMs,
  });
  console.error(`done ${label}`);
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 1000 ? x.toFixed(1) : x.toFixed(0));
const ratio = (x: number | null) => (x === null ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(2));
console.log(
  '| demands × sites | arcs | pivots | wasm median / p75 (ms) | TS median / p75 (ms) | glpk.js median / p75 (ms) | glpk.js / wasm | glpk.js / TS | TS / wasm | first call wasm / TS (ms) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const g = r.glpk.status === 'optimal' ? `${ms(r.glpk.medianMs)} / ${ms(r.glpk.p75Ms)}` : `${r.glpk.status}${r.glpk.status === 'past limit' ? ` (${r.glpk.limitS} s)` : ''}`;
  console.log(
    `| ${r.demands} × ${r.sites} | ${r.arcs} | ${r.pivots} | ${ms(r.wasm.medianMs)} / ${ms(r.wasm.p75Ms)} | ${ms(r.ts.medianMs)} / ${ms(r.ts.p75Ms)} | ${g} | ${ratio(r.ratioGlpkOverWasm)} | ${ratio(r.ratioGlpkOverTs)} | ${ratio(r.ratioTsOverWasm)} | ${ms(r.wasm.firstMs)} / ${ms(r.ts.firstMs)} |`,
  );
}

const dir = resolve(process.cwd(), 'bench/results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, 'mcf.json');
writeFileSync(
  file,
  `${JSON.stringify(
    {
      bench: 'mcf',
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      glpkLimitS: LIMIT_S,
      relTol: REL_TOL,
      coldLoadMs,
      rows,
    },
    null,
    2,
  )}\n`,
);
console.log(`\ncold load (instantiate embedded wasm): ${coldLoadMs.toFixed(2)} ms\nwrote ${file}`);
