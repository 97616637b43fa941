/// <reference types="@webgpu/types" />
/** Times one WGSL kernel over sizes on an open device; every result is checked on the CPU. */
import { runWithBudget, type SizeOutcome } from './budget.js';
import { finish, type RunOptions } from './cpu-runner.js';
import { CalibrationError } from './errors.js';
import type { GpuKernelSpec } from './gpu-kernels.js';
import type { GpuSession } from './gpu-device.js';
import { f16BitsToF32, f32ToF16Bits } from './half.js';
import { checkMatmul, fillRandom } from './reference.js';
import { sampleUntilStable, summarize, timestampDeltaMs } from './stats.js';
import type { KernelResult, TimingMethod } from './types.js';

// GPUBufferUsage / GPUMapMode values (Dawn for Node defines no such globals unless asked).
const MAP_READ = 0x1;
const COPY_SRC = 0x4;
const COPY_DST = 0x8;
const UNIFORM = 0x40;
const STORAGE = 0x80;
const QUERY_RESOLVE = 0x200;
const MAP_MODE_READ = 0x1;

let liveBuffers = 0;

/** GPU buffers and query sets calibration has created and not yet destroyed (0 between runs). */
export function liveGpuResources(): number {
  return liveBuffers;
}

/** Creates buffers and query sets for one size and destroys all of them in `release()`. */
class Resources {
  private readonly items: { destroy(): void }[] = [];
  constructor(private readonly device: GPUDevice) {}
  buffer(size: number, usage: number): GPUBuffer {
    const b = this.device.createBuffer({ size, usage });
    this.items.push(b);
    liveBuffers++;
    return b;
  }
  querySet(count: number): GPUQuerySet {
    const q = this.device.createQuerySet({ type: 'timestamp', count });
    this.items.push(q);
    liveBuffers++;
    return q;
  }
  release(): void {
    for (const it of this.items.splice(0)) {
      it.destroy();
      liveBuffers--;
    }
  }
}

/** GPU run options: the CPU ones plus a hook that lets tests corrupt timestamps. */
export interface GpuRunOptions extends RunOptions {
  /** Test hook: rewrites each (begin, end) timestamp pair before the delta is taken. */
  readonly timestampHook?: (begin: bigint, end: bigint) => readonly [bigint, bigint];
}

/** Why `spec` cannot run at order n on this device, or undefined when it can. */
export function sizeProblem(spec: GpuKernelSpec, n: number, limits: GPUSupportedLimits): string | undefined {
  if (!Number.isInteger(n) || n < 1) return `size ${n} is not a positive integer`;
  if (n % spec.multipleOf !== 0) return `n = ${n} is not a multiple of ${spec.multipleOf} (vec4 loads)`;
  const bytes = n * n * (spec.precision === 'f16' ? 2 : 4);
  if (bytes > limits.maxStorageBufferBindingSize) return `a ${n}×${n} matrix (${bytes} bytes) exceeds maxStorageBufferBindingSize ${limits.maxStorageBufferBindingSize}`;
  if (bytes > limits.maxBufferSize) return `a ${n}×${n} matrix (${bytes} bytes) exceeds maxBufferSize ${limits.maxBufferSize}`;
  const [wx, wy] = spec.workgroup;
  const gx = Math.ceil(n / (wx * spec.perThread[0]));
  const gy = Math.ceil(n / (wy * spec.perThread[1]));
  if (Math.max(gx, gy) > limits.maxComputeWorkgroupsPerDimension) return `${Math.max(gx, gy)} workgroups exceed maxComputeWorkgroupsPerDimension ${limits.maxComputeWorkgroupsPerDimension}`;
  if (wx * wy > limits.maxComputeInvocationsPerWorkgroup) return `${wx * wy} invocations per workgroup exceed maxComputeInvocationsPerWorkgroup ${limits.maxComputeInvocationsPerWorkgroup}`;
  if (wx > limits.maxComputeWorkgroupSizeX || wy > limits.maxComputeWorkgroupSizeY) return `workgroup ${wx}×${wy} exceeds maxComputeWorkgroupSize`;
  if (spec.workgroupStorageBytes > limits.maxComputeWorkgroupStorageSize) return `${spec.workgroupStorageBytes} bytes of shared memory exceed maxComputeWorkgroupStorageSize ${limits.maxComputeWorkgroupStorageSize}`;
  return undefined;
}

function assertAlive(s: GpuSession): void {
  if (s.lost !== undefined) throw new CalibrationError('device-lost', `the WebGPU device was lost (${s.lost})`);
}

/** Compiles the kernel; a compile or validation error is returned as a message. */
const pipelines = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

async function pipelineFor(s: GpuSession, spec: GpuKernelSpec): Promise<GPUComputePipeline | string> {
  const { device } = s;
  const key = `${spec.name}\n${JSON.stringify(spec.constants)}\n${spec.code}`;
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  const made = await compile(s, spec);
  if (typeof made !== 'string') cache.set(key, made);
  return made;
}

async function compile(s: GpuSession, spec: GpuKernelSpec): Promise<GPUComputePipeline | string> {
  const { device } = s;
  device.pushErrorScope('validation');
  let pipeline: GPUComputePipeline | undefined;
  let failure: string | undefined;
  try {
    const module = device.createShaderModule({ code: spec.code, label: spec.name });
    pipeline = await device.createComputePipelineAsync({
      label: spec.name,
      layout: 'auto',
      compute: { module, entryPoint: 'main', constants: { ...spec.constants } },
    });
  } catch (err) {
    failure = (err as Error).message;
  }
  const scoped = await device.popErrorScope();
  assertAlive(s);
  if (scoped) failure ??= scoped.message;
  return failure !== undefined || !pipeline ? `could not compile ${spec.name}: ${failure ?? 'no pipeline'}` : pipeline;
}

/**
 * Runs `spec` at each size: limits check, upload, warm-up, timed samples (timestamp-query when the
 * device has it, else wall-clock to `onSubmittedWorkDone`), read-back and CPU check, then destroys
 * every buffer. Throws CalibrationError `device-lost` when the device goes away (results already
 * passed to `onResult` stay valid).
 */
export async function runGpuKernel(s: GpuSession, spec: GpuKernelSpec, sizes: readonly number[], opts: GpuRunOptions): Promise<KernelResult[]> {
  const id = { kernel: spec.name, backend: 'webgpu' as const, precision: spec.precision };
  const pipeline = await pipelineFor(s, spec);
  if (typeof pipeline === 'string') {
    const rs = sizes.map((n): KernelResult => ({ ...id, size: n, status: 'error', reason: pipeline, samples: 0, droppedSamples: 0 }));
    rs.forEach((r) => opts.onResult?.(r));
    return rs;
  }
  const runOne = async (n: number, remainingMs: number): Promise<SizeOutcome> => {
    const problem = sizeProblem(spec, n, s.device.limits);
    if (problem !== undefined) {
      const result: KernelResult = { ...id, size: n, status: 'unsupported-size', reason: problem, samples: 0, droppedSamples: 0 };
      opts.onResult?.(result);
      return { result };
    }
    let out: SizeOutcome;
    try {
      out = await timeOneSize(s, spec, pipeline, n, remainingMs, opts);
    } catch (err) {
      if (err instanceof CalibrationError && err.code === 'device-lost') throw err;
      out = { result: { ...id, size: n, status: 'error', reason: (err as Error).message, samples: 0, droppedSamples: 0 } };
    }
    opts.onResult?.(out.result);
    return out;
  };
  return runWithBudget(id, sizes, opts.budgetMs, opts.minSamples, runOne);
}

async function timeOneSize(s: GpuSession, spec: GpuKernelSpec, pipeline: GPUComputePipeline, n: number, remainingMs: number, opts: GpuRunOptions): Promise<SizeOutcome> {
  const id = { kernel: spec.name, backend: 'webgpu' as const, precision: spec.precision, size: n };
  const { device } = s;
  const f16 = spec.precision === 'f16';
  const elemBytes = f16 ? 2 : 4;
  const bytes = n * n * elemBytes;
  // Inputs: f32 values (rounded to f16 for the f16 kernel, so the reference sees what the GPU sees).
  const a = new Float32Array(n * n);
  const b = new Float32Array(n * n);
  fillRandom(a, 11 + n);
  fillRandom(b, 12 + n);
  let upA: Float32Array<ArrayBuffer> | Uint16Array<ArrayBuffer> = a;
  let upB: Float32Array<ArrayBuffer> | Uint16Array<ArrayBuffer> = b;
  if (f16) {
    upA = Uint16Array.from(a, f32ToF16Bits);
    upB = Uint16Array.from(b, f32ToF16Bits);
    a.set(Array.from(upA, f16BitsToF32));
    b.set(Array.from(upB, f16BitsToF32));
  }
  const res = new Resources(device);
  try {
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    const bufA = res.buffer(bytes, STORAGE | COPY_DST);
    const bufB = res.buffer(bytes, STORAGE | COPY_DST);
    const bufC = res.buffer(bytes, STORAGE | COPY_SRC);
    const dims = res.buffer(16, UNIFORM | COPY_DST);
    const readC = res.buffer(bytes, MAP_READ | COPY_DST);
    device.queue.writeBuffer(bufA, 0, upA);
    device.queue.writeBuffer(bufB, 0, upB);
    device.queue.writeBuffer(dims, 0, new Uint32Array([n, n, n, 0]));
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [bufA, bufB, bufC, dims].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const gx = Math.ceil(n / (spec.workgroup[0] * spec.perThread[0]));
    const gy = Math.ceil(n / (spec.workgroup[1] * spec.perThread[1]));
    const encodePass = (enc: GPUCommandEncoder, timestampWrites?: GPUComputePassTimestampWrites): void => {
      const pass = enc.beginComputePass(timestampWrites ? { timestampWrites } : {});
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(gx, gy);
      pass.end();
    };
    const wallSample = async (): Promise<number> => {
      const enc = device.createCommandEncoder();
      encodePass(enc);
      const t0 = performance.now();
      device.queue.submit([enc.finish()]);
      await device.queue.onSubmittedWorkDone();
      assertAlive(s);
      return performance.now() - t0;
    };
    // Warm-up (also the first estimate of this size), inside the error scopes.
    const warmMs = await wallSample();
    const validation = await device.popErrorScope();
    const oom = await device.popErrorScope();
    assertAlive(s);
    const scoped = validation ?? oom;
    if (scoped) return { result: { ...id, status: 'error', reason: `WebGPU error: ${scoped.message}`, samples: 0, droppedSamples: 0 } };

    const sampling = { ...opts, maxMs: Math.min(opts.maxMs, Math.max(0, remainingMs - warmMs)) };
    let timing: TimingMethod = 'wall-clock';
    let reason: string | undefined;
    let samplesMs: number[] = [];
    let dropped = 0;
    if (s.timestamps) {
      const qs = res.querySet(2);
      const resolve = res.buffer(16, QUERY_RESOLVE | COPY_SRC);
      const readTs = res.buffer(16, MAP_READ | COPY_DST);
      const tsSample = async (): Promise<number | null> => {
        const enc = device.createCommandEncoder();
        encodePass(enc, { querySet: qs, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 });
        enc.resolveQuerySet(qs, 0, 2, resolve, 0);
        enc.copyBufferToBuffer(resolve, 0, readTs, 0, 16);
        device.queue.submit([enc.finish()]);
        await mapRead(s, readTs);
        const t = new BigInt64Array(readTs.getMappedRange().slice(0));
        readTs.unmap();
        let begin = t[0] ?? 0n;
        let end = t[1] ?? 0n;
        if (opts.timestampHook) [begin, end] = opts.timestampHook(begin, end);
        return timestampDeltaMs(begin, end);
      };
      ({ samplesMs, dropped } = await sampleUntilStable(tsSample, sampling));
      timing = 'timestamp-query';
      if (samplesMs.length === 0) {
        reason = `all ${dropped} timestamp deltas were zero or negative; timed by wall clock instead`;
        timing = 'wall-clock';
        ({ samplesMs } = await sampleUntilStable(wallSample, sampling));
      } else if (dropped > 0) {
        reason = `${dropped} zero or negative timestamp deltas dropped`;
      }
    } else {
      ({ samplesMs, dropped } = await sampleUntilStable(wallSample, sampling));
    }
    // Read back C (written identically by every run) and check it.
    const enc = device.createCommandEncoder();
    enc.copyBufferToBuffer(bufC, 0, readC, 0, bytes);
    device.queue.submit([enc.finish()]);
    await mapRead(s, readC);
    const raw = readC.getMappedRange().slice(0);
    readC.unmap();
    const c = f16 ? Float32Array.from(new Uint16Array(raw), f16BitsToF32) : new Float32Array(raw);
    const check = checkMatmul(a, b, c, n, spec.precision);
    const sum = summarize(samplesMs);
    const base = { ...id, timing, samples: samplesMs.length, droppedSamples: dropped, ...(reason !== undefined ? { reason } : {}) };
    return { result: finish(base, sum, check), msPerRun: sum?.medianMs ?? warmMs };
  } finally {
    res.release();
  }
}

async function mapRead(s: GpuSession, buf: GPUBuffer): Promise<void> {
  try {
    await buf.mapAsync(MAP_MODE_READ);
  } catch (err) {
    assertAlive(s);
    throw new CalibrationError('gpu-error', `mapAsync failed: ${(err as Error).message}`, { cause: err });
  }
  assertAlive(s);
}
