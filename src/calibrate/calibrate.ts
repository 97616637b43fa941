/** `calibrate()`: WebGPU matmul kernels and the CPU (wasm SIMD, TS) kernels → CalibrationReport. */
import { optionNames, rejectUnknownOptions } from '../options.js';
import { runCpuKernel, tsCpuKernel, wasmCpuKernel, type CpuKernel } from './cpu-runner.js';
import { loadCalibrateWasm } from './cpu-wasm.js';
import { CalibrationError } from './errors.js';
import { GPU_KERNELS, type GpuKernelSpec } from './gpu-kernels.js';
import { openGpu, sharedGpuSession, watchDevice, type GpuLike, type GpuSession } from './gpu-device.js';
import { runGpuKernel } from './gpu-runner.js';
import type { BestResult, CalibrationReport, CpuSection, KernelResult, WebgpuSection } from './types.js';

/** Options of `calibrate`; every field is optional (see `defaultCalibrateOptions`). */
export interface CalibrateOptions {
  /** Matrix orders for the WebGPU kernels (each kernel stops at the first size over budget). @default [256, 512, 1024, 2048, 4096] */
  readonly sizes?: readonly number[];
  /** Matrix orders for the CPU kernels. @default [256, 512, 1024] */
  readonly cpuSizes?: readonly number[];
  /** `auto`: use WebGPU when there is an adapter, else report it unavailable; `require`: throw instead; `off`. @default "auto" */
  readonly webgpu?: 'auto' | 'require' | 'off';
  /** Run the CPU kernels (wasm SIMD and TS, f64 and f32). @default true */
  readonly cpu?: boolean;
  /** Time budget of one kernel over all its sizes, ms. @default 20000 */
  readonly budgetMsPerKernel?: number;
  /** Sampling time of one kernel at one size, ms. @default 2000 */
  readonly maxMsPerSize?: number;
  /** Samples wanted before the spread may stop sampling. @default 5 */
  readonly minSamples?: number;
  /** Most samples per kernel and size. @default 30 */
  readonly maxSamples?: number;
  /** Stop sampling when (p90 − p10) / median is at most this. @default 0.05 */
  readonly targetSpread?: number;
  /** WGSL kernels to run. @default GPU_KERNELS */
  readonly gpuKernels?: readonly GpuKernelSpec[];
  /** CPU kernels to run. @default wasm SIMD and TS, f64 then f32 */
  readonly cpuKernels?: readonly CpuKernel[];
  /**
   * A GPU object to use instead of `navigator.gpu` / npm `webgpu` (e.g. one with flags); its device
   * is destroyed at the end. Without it, one device per process is kept and reused
   * (`releaseCalibrationDevice()` frees it).
   */
  readonly gpu?: GpuLike;
  /** An open device to use (not destroyed afterwards): `{ adapter, device }`. */
  readonly device?: { readonly adapter: unknown; readonly device: unknown };
  /** Called after each kernel and size, e.g. for a progress line. */
  readonly onResult?: (result: KernelResult) => void;
  /** Test hook: rewrites each GPU (begin, end) timestamp pair. */
  readonly timestampHook?: (begin: bigint, end: bigint) => readonly [bigint, bigint];
}

/** Defaults of `CalibrateOptions` (the kernel lists and callbacks excepted). */
export const defaultCalibrateOptions = {
  sizes: [256, 512, 1024, 2048, 4096] as readonly number[],
  cpuSizes: [256, 512, 1024] as readonly number[],
  webgpu: 'auto' as 'auto' | 'require' | 'off',
  cpu: true,
  budgetMsPerKernel: 20_000,
  maxMsPerSize: 2_000,
  minSamples: 5,
  maxSamples: 30,
  targetSpread: 0.05,
} as const;

/** Largest matrix order accepted (a 16384² f32 matrix is 1 GiB). */
export const MAX_SIZE = 16384;

const OPTION_NAMES = optionNames<CalibrateOptions>()(
  'sizes', 'cpuSizes', 'webgpu', 'cpu', 'budgetMsPerKernel', 'maxMsPerSize', 'minSamples', 'maxSamples', 'targetSpread', 'gpuKernels', 'cpuKernels', 'gpu', 'device', 'onResult', 'timestampHook',
);

function checkOptions(o: CalibrateOptions): void {
  rejectUnknownOptions('calibrate', o, OPTION_NAMES);
  for (const key of ['sizes', 'cpuSizes'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.length === 0) throw new CalibrationError('bad-option', `${key} must be a non-empty list of matrix orders`);
    for (const n of v) {
      if (!Number.isInteger(n) || n < 1 || n > MAX_SIZE) throw new CalibrationError('bad-option', `${key}: ${String(n)} is not an integer in 1 … ${MAX_SIZE}`);
    }
  }
  for (const key of ['budgetMsPerKernel', 'maxMsPerSize', 'targetSpread'] as const) {
    const v = o[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new CalibrationError('bad-option', `${key} must be a finite number ≥ 0, got ${String(v)}`);
  }
  for (const key of ['minSamples', 'maxSamples'] as const) {
    const v = o[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) throw new CalibrationError('bad-option', `${key} must be an integer ≥ 1, got ${String(v)}`);
  }
}

/**
 * Measures matmul throughput: each WGSL kernel on the WebGPU adapter (when there is one) and the
 * CPU kernels, every result checked against an f64 CPU reference. A missing adapter is a
 * `webgpu.status` of `unavailable` unless `webgpu: 'require'`.
 * @throws CalibrationError `bad-option`; with `webgpu: 'require'`: `no-webgpu`, `no-adapter`, `no-device`.
 * @example const report = await calibrate({ sizes: [256, 512], cpuSizes: [256] });
 */
export async function calibrate(options: CalibrateOptions = {}): Promise<CalibrationReport> {
  checkOptions(options);
  const o = { ...defaultCalibrateOptions, ...stripUndefined(options) };
  const createdAt = new Date().toISOString();
  const run = {
    budgetMs: o.budgetMsPerKernel,
    maxMs: o.maxMsPerSize,
    minSamples: o.minSamples,
    maxSamples: Math.max(o.maxSamples, o.minSamples),
    targetSpread: o.targetSpread,
    ...(options.onResult ? { onResult: options.onResult } : {}),
    ...(options.timestampHook ? { timestampHook: options.timestampHook } : {}),
  };

  const webgpu = o.webgpu === 'off' ? offSection() : await runWebgpu(options, o.webgpu, o.sizes, run);

  let cpu: CpuSection = { status: 'off', results: [], notes: [] };
  if (o.cpu) {
    const kernels = options.cpuKernels ?? (await defaultCpuKernels());
    const results: KernelResult[] = [];
    for (const k of kernels) results.push(...(await runCpuKernel(k, o.cpuSizes, run)));
    cpu = {
      status: 'ok',
      results,
      notes: ['single thread; FP64 ("super") and general-purpose capacity come from these kernels, since WGSL has no f64'],
    };
  }
  return { version: 1, createdAt, environment: environment(), webgpu, cpu, best: bestOf([...webgpu.results, ...cpu.results]) };
}

async function defaultCpuKernels(): Promise<CpuKernel[]> {
  const w = await loadCalibrateWasm();
  return [wasmCpuKernel(w, 'f64'), tsCpuKernel('f64'), wasmCpuKernel(w, 'f32'), tsCpuKernel('f32')];
}

function offSection(): WebgpuSection {
  return { status: 'off', results: [], notes: [] };
}

async function runWebgpu(
  options: CalibrateOptions,
  mode: 'auto' | 'require',
  sizes: readonly number[],
  run: Parameters<typeof runGpuKernel>[3],
): Promise<WebgpuSection> {
  let session: GpuSession;
  try {
    session = options.device
      ? watchDevice(options.device.adapter as GPUAdapter, options.device.device as GPUDevice, false)
      : options.gpu
        ? await openGpu(options.gpu)
        : await sharedGpuSession();
  } catch (err) {
    if (mode === 'require' || !(err instanceof CalibrationError)) throw err;
    return { status: 'unavailable', reason: `${err.code}: ${err.message}`, results: [], notes: [] };
  }
  const notes: string[] = [];
  const d = session.description;
  if (!d.representative) {
    notes.push(`software or fallback adapter (${[d.vendor, d.architecture, d.description].filter(Boolean).join(', ') || 'unnamed'}): correct, but its throughput is NOT representative of any GPU`);
  }
  notes.push(session.timestamps
    ? 'timed with timestamp-query (compute-pass begin/end); zero or negative deltas are dropped'
    : 'timed by wall clock from submit to onSubmittedWorkDone (no timestamp-query): includes submission overhead');
  notes.push('WGSL f16 runs on shader cores, not tensor cores: FP16 figures are a lower bound for AI accelerators');
  const results: KernelResult[] = [];
  let status: WebgpuSection['status'] = 'ok';
  let reason: string | undefined;
  try {
    for (const spec of options.gpuKernels ?? GPU_KERNELS) {
      if (spec.precision === 'f16' && !session.f16) {
        notes.push(`${spec.name} not run: the adapter lacks shader-f16`);
        continue;
      }
      const onResult = (r: KernelResult): void => {
        results.push(r);
        run.onResult?.(r);
      };
      await runGpuKernel(session, spec, sizes, { ...run, onResult });
    }
  } catch (err) {
    if (!(err instanceof CalibrationError && err.code === 'device-lost')) throw err;
    status = 'device-lost';
    reason = `${err.message}; results before the loss are kept, the kernel in flight is dropped`;
  } finally {
    if (session.owned) session.device.destroy();
  }
  const uncaptured = session.uncaptured.splice(0);
  if (uncaptured.length > 0) notes.push(`uncaptured WebGPU errors: ${uncaptured.slice(0, 3).join(' | ')}`);
  return {
    status,
    ...(reason !== undefined ? { reason } : {}),
    adapter: d,
    timing: session.timestamps ? 'timestamp-query' : 'wall-clock',
    results,
    notes,
  };
}

/** Highest checked throughput per backend and precision. */
export function bestOf(results: readonly KernelResult[]): BestResult[] {
  const best = new Map<string, BestResult>();
  for (const r of results) {
    if (r.status !== 'ok' || r.gflops === undefined) continue;
    const key = `${r.backend}/${r.precision}`;
    const cur = best.get(key);
    if (!cur || r.gflops > cur.gflops) best.set(key, { backend: r.backend, precision: r.precision, kernel: r.kernel, size: r.size, gflops: r.gflops });
  }
  return [...best.values()];
}

function environment(): CalibrationReport['environment'] {
  if (typeof process !== 'undefined' && typeof process.versions?.node === 'string') return { runtime: 'node', version: process.version };
  const nav = (globalThis as { navigator?: { userAgent?: string } }).navigator;
  if (nav?.userAgent) return { runtime: 'browser', version: nav.userAgent };
  return { runtime: 'other', version: '' };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
