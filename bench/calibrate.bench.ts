/**
 * Kernel comparison for capacity calibration: GFLOP/s per kernel and size, best vs naive WGSL
 * kernel, WebGPU vs Wasm SIMD vs TS; writes bench/results/calibrate.json and calibrate.md.
 *
 *   npx tsup bench/calibrate.bench.ts --no-config --format esm --out-dir build/bench --silent --loader .wgsl=text \
 *     && VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json node build/bench/calibrate.bench.js
 *
 * Env: CALIBRATE_SIZES (WebGPU, default 256,512,1024), CALIBRATE_CPU_SIZES (default 256,512),
 * CALIBRATE_BUDGET_MS (per kernel over all sizes, default 60000), CALIBRATE_MIN_SAMPLES (default 5). Needs the embedded calibration
 * wasm (src/calibrate/calibrate-wasm.generated.ts, built by npm run asbuild:calibrate).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { calibrate } from '../src/calibrate/calibrate.js';
import { formatCalibration, progressLine } from '../src/calibrate/format.js';
import { releaseCalibrationDevice } from '../src/calibrate/gpu-device.js';
import type { CalibrationReport, KernelResult } from '../src/calibrate/types.js';

const list = (v: string | undefined, d: number[]) => (v ? v.split(',').map(Number) : d);
const sizes = list(process.env['CALIBRATE_SIZES'], [256, 512, 1024]);
const cpuSizes = list(process.env['CALIBRATE_CPU_SIZES'], [256, 512]);
const budget = Number(process.env['CALIBRATE_BUDGET_MS'] ?? 60_000);
const minSamples = Number(process.env['CALIBRATE_MIN_SAMPLES'] ?? 5);

const report = await calibrate({
  sizes,
  cpuSizes,
  budgetMsPerKernel: budget,
  maxMsPerSize: 5_000,
  minSamples,
  onResult: (r) => process.stderr.write(`${progressLine(r)}\n`),
});
await releaseCalibrationDevice();

const all = [...report.webgpu.results, ...report.cpu.results];
const gf = (pred: (r: KernelResult) => boolean): number | undefined => all.find((r) => r.status === 'ok' && pred(r))?.gflops;

/** Best f32 WGSL kernel over naive, per size where both ran. */
const bestVsNaive = sizes.map((n) => {
  const naive = gf((r) => r.backend === 'webgpu' && r.kernel === 'naive' && r.size === n);
  const best = report.webgpu.results.filter((r) => r.status === 'ok' && r.precision === 'f32' && r.size === n).sort((x, y) => (y.gflops ?? 0) - (x.gflops ?? 0))[0];
  return { size: n, naive, best: best?.kernel, bestGflops: best?.gflops, ratio: naive && best?.gflops ? best.gflops / naive : undefined };
});
/** Wasm SIMD over its TS twin, per precision and size. */
const simdVsTs = cpuSizes.flatMap((n) =>
  (['f64', 'f32'] as const).map((p) => {
    const simd = gf((r) => r.backend === 'wasm-simd' && r.precision === p && r.size === n);
    const ts = gf((r) => r.backend === 'ts' && r.precision === p && r.size === n);
    return { size: n, precision: p, simd, ts, ratio: simd && ts ? simd / ts : undefined };
  }),
);
const bestBy = (backend: string) => report.best.filter((b) => b.backend === backend && b.precision === 'f32')[0];
const backends = { webgpu: bestBy('webgpu'), 'wasm-simd': bestBy('wasm-simd'), ts: bestBy('ts') };

const out = { report, bestVsNaive, simdVsTs, bestF32ByBackend: backends };
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/calibrate.json', `${JSON.stringify(out, null, 2)}\n`);

const f = (x: number | undefined, d = 2) => (x === undefined ? '–' : x.toFixed(d));
const a = report.webgpu.adapter;
const md = [
  '# Calibration kernels',
  '',
  a ? `Adapter: ${[a.vendor, a.architecture, a.description].filter(Boolean).join(' / ')}${a.representative ? '' : ' — **software adapter: numbers NOT representative of any GPU**'}` : `WebGPU: ${report.webgpu.status} ${report.webgpu.reason ?? ''}`,
  `Runtime: ${report.environment.version}; ${report.createdAt}`,
  '',
  formatCalibration(report, true),
  '',
  '## Best vs naive (WebGPU f32)',
  '',
  '| n | naive GFLOP/s | best kernel | best GFLOP/s | ratio |',
  '|---|---|---|---|---|',
  ...bestVsNaive.map((r) => `| ${r.size} | ${f(r.naive)} | ${r.best ?? '–'} | ${f(r.bestGflops)} | ${f(r.ratio, 1)}× |`),
  '',
  '## Wasm SIMD vs TS twin (single thread)',
  '',
  '| n | precision | SIMD GFLOP/s | TS GFLOP/s | ratio |',
  '|---|---|---|---|---|',
  ...simdVsTs.map((r) => `| ${r.size} | ${r.precision} | ${f(r.simd)} | ${f(r.ts)} | ${f(r.ratio, 1)}× |`),
  '',
  '## Best f32 per backend',
  '',
  ...Object.entries(backends).map(([k, b]) => `- ${k}: ${b ? `${f(b.gflops)} GFLOP/s (${b.kernel}, n=${b.size})` : '–'}`),
  '',
].join('\n');
writeFileSync('bench/results/calibrate.md', md);
process.stdout.write(`${md}\n`);
export type { CalibrationReport };
