// WGSL kernels on a real WebGPU adapter (SwiftShader here: run with
// VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json). Skipped visibly without an adapter;
// SUANFLOW_REQUIRE_WEBGPU=1 turns the skip into a failure.
import { describe, expect, it } from 'vitest';
import { calibrate } from '../src/calibrate/calibrate.js';
import { CalibrationError } from '../src/calibrate/errors.js';
import { GPU_KERNELS, naiveKernel, register4x4Kernel, tiledKernel, type GpuKernelSpec } from '../src/calibrate/gpu-kernels.js';
import { openGpu, releaseCalibrationDevice } from '../src/calibrate/gpu-device.js';
import { liveGpuResources } from '../src/calibrate/gpu-runner.js';
import type { KernelResult } from '../src/calibrate/types.js';
import { gate, nodeWebgpuMissing } from './calibrate-gate.js';

const fast = { cpu: false, minSamples: 2, maxSamples: 3, maxMsPerSize: 200, targetSpread: 1, budgetMsPerKernel: 20_000 } as const;

describe('missing WebGPU (no adapter needed)', () => {
  it('a GPU without adapters gives a typed error with webgpu: require, a status otherwise', async () => {
    const gpu = { requestAdapter: async () => null };
    await expect(calibrate({ ...fast, gpu, webgpu: 'require' })).rejects.toSatisfy(
      (e) => e instanceof CalibrationError && e.code === 'no-adapter' && /VK_ICD_FILENAMES/.test(e.message),
    );
    const r = await calibrate({ ...fast, gpu });
    expect(r.webgpu.status).toBe('unavailable');
    expect(r.webgpu.reason).toMatch(/^no-adapter/);
    expect(r.webgpu.results).toEqual([]);
  });

  it('openGpu rejects with CalibrationError when requestAdapter throws', async () => {
    const gpu = { requestAdapter: async () => { throw new Error('driver crashed'); } };
    await expect(openGpu(gpu)).rejects.toBeInstanceOf(CalibrationError);
  });
});

const missing = await nodeWebgpuMissing();
const skip = gate('WebGPU kernel tests (Node)', missing);

describe.skipIf(skip)(`WGSL kernels on the Node adapter${missing ? ` — SKIPPED: ${missing}` : ''}`, () => {
  it('every f32 kernel matches the CPU reference (≤ 1e-4) at 64, 100 and 192; software adapter flagged', async () => {
    const report = await calibrate({ ...fast, sizes: [64, 100, 192], webgpu: 'require' });
    const a = report.webgpu.adapter;
    expect(a).toBeDefined();
    if (/swiftshader/i.test(`${a?.vendor} ${a?.architecture} ${a?.description}`)) {
      expect(a?.software).toBe(true);
      expect(a?.representative).toBe(false);
      expect(report.webgpu.notes.join('\n')).toMatch(/NOT representative/);
    }
    const f32 = GPU_KERNELS.filter((k) => k.precision === 'f32');
    for (const k of f32) {
      for (const n of [64, 100, 192]) {
        const r = report.webgpu.results.find((x) => x.kernel === k.name && x.size === n);
        expect(r, `${k.name} ${n}`).toBeDefined();
        expect(r?.status, `${k.name} ${n}: ${r?.reason}`).toBe('ok');
        expect(r?.check?.maxRelError).toBeLessThanOrEqual(1e-4);
        expect(r?.gflops).toBeGreaterThan(0);
        expect(r?.timing).toBe(report.webgpu.timing);
      }
    }
    if (!report.webgpu.adapter?.features.includes('shader-f16')) expect(report.webgpu.notes.join('\n')).toMatch(/lacks shader-f16/);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(liveGpuResources()).toBe(0);
  });

  it('a size the vec4 kernel cannot run is reported unsupported, the others still run', async () => {
    const report = await calibrate({ ...fast, sizes: [66], gpuKernels: [tiledKernel, register4x4Kernel] });
    const byName = Object.fromEntries(report.webgpu.results.map((r) => [r.kernel, r]));
    expect(byName['tiled-16']?.status).toBe('ok');
    expect(byName['register-4x4']).toMatchObject({ status: 'unsupported-size' });
    expect(byName['register-4x4']?.reason).toMatch(/multiple of 4/);
  });

  it('a kernel with deliberately wrong output reports no throughput', async () => {
    const wrong: GpuKernelSpec = { ...naiveKernel, name: 'naive-plus-one', code: naiveKernel.code.replace('C[row * dims.N + col] = acc;', 'C[row * dims.N + col] = acc + select(0.0, 1.0, row == 5u && col == 9u);') };
    expect(wrong.code).not.toBe(naiveKernel.code);
    const report = await calibrate({ ...fast, sizes: [64, 300], gpuKernels: [wrong] });
    for (const r of report.webgpu.results) {
      expect(r.status).toBe('wrong');
      expect(r.gflops).toBeUndefined();
      expect(r.medianMs).toBeUndefined();
    }
    expect(report.best).toEqual([]);
  });

  it('a kernel that does not compile reports an error status, not a number', async () => {
    const broken: GpuKernelSpec = { ...naiveKernel, name: 'broken', code: 'fn main( {' };
    const report = await calibrate({ ...fast, sizes: [64], gpuKernels: [broken] });
    expect(report.webgpu.results[0]).toMatchObject({ kernel: 'broken', status: 'error' });
    expect(report.webgpu.results[0]?.gflops).toBeUndefined();
  });

  it('zero or negative timestamp deltas are dropped (wall clock takes over when none is left)', async () => {
    const probe = await calibrate({ ...fast, sizes: [64], gpuKernels: [naiveKernel] });
    if (probe.webgpu.timing !== 'timestamp-query') return; // adapter without timestamps: nothing to corrupt
    let call = 0;
    const some = await calibrate({ ...fast, maxSamples: 6, minSamples: 6, sizes: [64], gpuKernels: [naiveKernel], timestampHook: (b, e) => (call++ % 2 === 0 ? [e, b] : [b, e]) });
    const r1 = some.webgpu.results[0] as KernelResult;
    expect(r1.status).toBe('ok');
    expect(r1.droppedSamples).toBeGreaterThanOrEqual(1);
    expect(r1.timing).toBe('timestamp-query');
    expect(r1.reason).toMatch(/dropped/);
    const none = await calibrate({ ...fast, sizes: [64], gpuKernels: [naiveKernel], timestampHook: (b) => [b, b] });
    const r2 = none.webgpu.results[0] as KernelResult;
    expect(r2.status).toBe('ok');
    expect(r2.timing).toBe('wall-clock');
    expect(r2.reason).toMatch(/zero or negative/);
    expect(r2.medianMs).toBeGreaterThan(0);
  });

  it('repeated calibrations destroy their buffers and do not grow memory', async () => {
    const opts = { ...fast, sizes: [128], gpuKernels: [naiveKernel, register4x4Kernel] };
    await calibrate(opts);
    await calibrate(opts);
    const rss0 = process.memoryUsage().rss;
    for (let i = 0; i < 6; i++) {
      await calibrate(opts);
      expect(liveGpuResources()).toBe(0);
    }
    const grownMiB = (process.memoryUsage().rss - rss0) / 2 ** 20;
    expect(grownMiB).toBeLessThan(32); // one shared device: a new Dawn device would cost ≈ 60 MiB each
    await releaseCalibrationDevice();
    expect(liveGpuResources()).toBe(0);
  });

  it('a device lost mid-run keeps the checked results and drops the rest', async () => {
    const session = await openGpu();
    let seen = 0;
    const report = await calibrate({
      ...fast,
      sizes: [64, 96, 128],
      gpuKernels: [naiveKernel, tiledKernel],
      device: { adapter: session.adapter, device: session.device },
      onResult: () => {
        if (++seen === 1) session.device.destroy();
      },
    });
    expect(report.webgpu.status).toBe('device-lost');
    expect(report.webgpu.reason).toMatch(/lost/);
    expect(report.webgpu.results).toHaveLength(1);
    expect(report.webgpu.results[0]?.status).toBe('ok');
    expect(liveGpuResources()).toBe(0);
  });
});
