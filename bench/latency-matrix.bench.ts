// npx tsup bench/latency-matrix.bench.ts --format esm --out-dir build/bench --silent && node build/bench/latency-matrix.bench.js
//
// Wasm latency-matrix kernel vs its plain-TS twin, warm (kernels loaded, buffers allocated once).
// Prints a markdown table of median ms and writes bench/results/latency-matrix.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Bench } from 'tinybench';
import { latencyMatrixTS, latencyMatrixWasm } from '../src/geo/latency-matrix.js';
import { loadKernels } from '../src/wasm/kernels.js';

const SIZES: readonly (readonly [origins: number, sites: number])[] = [
  [31, 10],
  [1_000, 50],
  [20_000, 100],
];

/** Seeded points in a lon/lat box around China, so runs are comparable. */
function points(n: number, seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lon[i] = 73 + 62 * next();
    lat[i] = 18 + 36 * next();
  }
  return { lon, lat };
}

interface Row {
  origins: number;
  sites: number;
  wasmMedianMs: number;
  tsMedianMs: number;
  ratioTsOverWasm: number;
  wasmSamples: number;
  tsSamples: number;
}

function median(bench: Bench, name: string): { ms: number; samples: number } {
  const r = bench.getTask(name)?.result;
  if (r?.state !== 'completed') throw new Error(`bench task ${name} did not complete: ${r?.state}`);
  return { ms: r.latency.p50, samples: r.latency.samplesCount };
}

// Cold: decode + compile + instantiate the embedded module, once per process.
const t0 = performance.now();
const kernels = await loadKernels();
const coldLoadMs = performance.now() - t0;
const rows: Row[] = [];
for (const [nO, nS] of SIZES) {
  const o = points(nO, 1);
  const s = points(nS, 2);
  const outWasm = new Float64Array(nO * nS);
  const outTs = new Float64Array(nO * nS);
  // Large sizes take tens of ms per run: bound by time, with a floor on samples.
  const bench = new Bench({ name: `${nO}×${nS}`, time: 1000, iterations: 10, warmupTime: 200 });
  bench
    .add('wasm', () => {
      latencyMatrixWasm(kernels, o.lon, o.lat, s.lon, s.lat, outWasm);
    })
    .add('ts', () => {
      latencyMatrixTS(o.lon, o.lat, s.lon, s.lat, outTs);
    });
  await bench.run();
  // A fast wrong answer is no result: both outputs must agree before timings count.
  for (let k = 0; k < outTs.length; k++) {
    if (Math.abs(outWasm[k]! - outTs[k]!) > 1e-12 * Math.abs(outTs[k]!)) {
      throw new Error(`wasm and TS disagree at ${k}: ${outWasm[k]} vs ${outTs[k]}`);
    }
  }
  const w = median(bench, 'wasm');
  const t = median(bench, 'ts');
  rows.push({
    origins: nO,
    sites: nS,
    wasmMedianMs: w.ms,
    tsMedianMs: t.ms,
    ratioTsOverWasm: t.ms / w.ms,
    wasmSamples: w.samples,
    tsSamples: t.samples,
  });
}

const fmt = (ms: number) => (ms < 0.1 ? ms.toFixed(4) : ms.toFixed(2));
console.log('| origins × sites | wasm median (ms) | TS median (ms) | TS / wasm |');
console.log('|---|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.origins} × ${r.sites} | ${fmt(r.wasmMedianMs)} | ${fmt(r.tsMedianMs)} | ${r.ratioTsOverWasm.toFixed(2)} |`,
  );
}

const dir = resolve(process.cwd(), 'bench/results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, 'latency-matrix.json');
writeFileSync(
  file,
  `${JSON.stringify(
    {
      bench: 'latency-matrix',
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      coldLoadMs,
      rows,
    },
    null,
    2,
  )}\n`,
);
console.log(`\ncold load (instantiate embedded wasm): ${coldLoadMs.toFixed(2)} ms\nwrote ${file}`);
