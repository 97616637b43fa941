/** Times the CPU matmul kernels (wasm SIMD and the plain-TS twin), single-threaded. */
import { runWithBudget, type SizeOutcome } from './budget.js';
import { layoutMatrices, type CalibrateWasm } from './cpu-wasm.js';
import { matmulTsF32, matmulTsF64 } from './cpu-ts.js';
import { checkMatmul, fillRandom, type MatrixLike } from './reference.js';
import { gflopsOf, sampleUntilStable, summarize, type SamplingOptions } from './stats.js';
import type { CalibrationBackend, KernelResult, Precision } from './types.js';

/** A CPU kernel ready for one size: `run` multiplies the fixed inputs, `output` reads C. */
export interface PreparedCpuKernel {
  run(): void;
  output(): MatrixLike;
}

/** A CPU kernel: the runner gives it A and B (n×n, row-major) and times `run()`. */
export interface CpuKernel {
  readonly name: string;
  readonly backend: CalibrationBackend;
  readonly precision: Exclude<Precision, 'f16'>;
  prepare(a: Float32Array | Float64Array, b: Float32Array | Float64Array, n: number): PreparedCpuKernel;
}

/** The wasm SIMD kernel of `precision`. */
export function wasmCpuKernel(w: CalibrateWasm, precision: 'f32' | 'f64'): CpuKernel {
  const bytesPer = precision === 'f64' ? 8 : 4;
  const View = precision === 'f64' ? Float64Array : Float32Array;
  const mm = precision === 'f64' ? w.matmulF64 : w.matmulF32;
  return {
    name: 'blocked-simd',
    backend: 'wasm-simd',
    precision,
    prepare(a, b, n) {
      const p = layoutMatrices(w, n, bytesPer);
      new View(w.memory.buffer, p.a, n * n).set(a);
      new View(w.memory.buffer, p.b, n * n).set(b);
      return {
        run: () => mm(p.a, p.b, p.c, n, n, n),
        output: () => new View(w.memory.buffer, p.c, n * n).slice(),
      };
    },
  };
}

/** The plain-TS twin of `precision`. */
export function tsCpuKernel(precision: 'f32' | 'f64'): CpuKernel {
  return {
    name: 'blocked',
    backend: 'ts',
    precision,
    prepare(a, b, n) {
      const c = precision === 'f64' ? new Float64Array(n * n) : new Float32Array(n * n);
      const run =
        precision === 'f64'
          ? () => matmulTsF64(a as Float64Array, b as Float64Array, c as Float64Array, n, n, n)
          : () => matmulTsF32(a as Float32Array, b as Float32Array, c as Float32Array, n, n, n);
      return { run, output: () => c };
    },
  };
}

/** Budget and sampling of one kernel. */
export interface RunOptions extends SamplingOptions {
  /** Time for this kernel over all sizes, ms. */
  readonly budgetMs: number;
  /** Called after each size. */
  readonly onResult?: (r: KernelResult) => void;
}

/** Runs one CPU kernel over the sizes: warm-up, samples, then the check of the last output. */
export async function runCpuKernel(kernel: CpuKernel, sizes: readonly number[], opts: RunOptions): Promise<KernelResult[]> {
  const id = { kernel: kernel.name, backend: kernel.backend, precision: kernel.precision };
  return runWithBudget(id, sizes, opts.budgetMs, opts.minSamples, async (n, remainingMs): Promise<SizeOutcome> => {
    const Arr = kernel.precision === 'f64' ? Float64Array : Float32Array;
    const a = new Arr(n * n);
    const b = new Arr(n * n);
    fillRandom(a, 1 + n);
    fillRandom(b, 2 + n);
    let result: KernelResult;
    let msPerRun: number | undefined;
    try {
      const k = kernel.prepare(a, b, n);
      const t0 = performance.now();
      k.run(); // warm-up: compiles, touches memory
      const warmMs = performance.now() - t0;
      const { samplesMs, dropped } = await sampleUntilStable(
        async () => {
          const s = performance.now();
          k.run();
          return performance.now() - s;
        },
        { ...opts, maxMs: Math.min(opts.maxMs, Math.max(0, remainingMs - warmMs)) },
      );
      const check = checkMatmul(a, b, k.output(), n, kernel.precision);
      const sum = summarize(samplesMs);
      msPerRun = sum?.medianMs ?? warmMs;
      result = finish({ ...id, size: n, timing: 'wall-clock' as const, samples: samplesMs.length, droppedSamples: dropped }, sum, check);
    } catch (err) {
      result = { ...id, size: n, status: 'error', reason: (err as Error).message, samples: 0, droppedSamples: 0 };
    }
    opts.onResult?.(result);
    return msPerRun === undefined ? { result } : { result, msPerRun };
  });
}

/** Result with status from the samples and the check: throughput only when the check passed. */
export function finish(
  base: Omit<KernelResult, 'status'>,
  sum: ReturnType<typeof summarize>,
  check: KernelResult['check'] & object,
): KernelResult {
  if (!check.pass) {
    const err = Number.isFinite(check.maxRelError) ? check.maxRelError.toExponential(2) : String(check.maxRelError);
    return { ...base, status: 'wrong', reason: `output differs from the CPU reference: max relative error ${err} > ${check.tolerance}`, check };
  }
  if (sum === undefined) return { ...base, status: 'no-timing', reason: base.reason ?? 'no usable time sample', check };
  return {
    ...base,
    status: 'ok',
    medianMs: sum.medianMs,
    p10Ms: sum.p10Ms,
    p90Ms: sum.p90Ms,
    spread: sum.spread,
    gflops: gflopsOf(base.size, sum.medianMs),
    check,
  };
}
