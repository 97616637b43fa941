import { describe, expect, it } from 'vitest';
import { applyCalibration } from '../src/calibrate/apply.js';
import { CalibrationError } from '../src/calibrate/errors.js';
import type { AdapterDescription, CalibrationReport, KernelResult } from '../src/calibrate/types.js';
import { eastDataWestComputing } from '../src/datasets/index.js';
import { validateScenario } from '../src/scenario/validate.js';

function result(over: Partial<KernelResult>): KernelResult {
  return { kernel: 'k', backend: 'webgpu', precision: 'f32', size: 1024, status: 'ok', samples: 5, droppedSamples: 0, gflops: 1, ...over };
}

const adapter = (representative: boolean): AdapterDescription => ({
  vendor: 'acme', architecture: representative ? 'rdna9' : 'swiftshader', device: '', description: representative ? 'Acme X' : 'SwiftShader Device',
  isFallbackAdapter: false, software: !representative, representative, features: [],
  limits: { maxStorageBufferBindingSize: 1, maxBufferSize: 1, maxComputeWorkgroupsPerDimension: 1, maxComputeInvocationsPerWorkgroup: 1, maxComputeWorkgroupStorageSize: 1 },
});

function report(webgpu: KernelResult[], cpu: KernelResult[], representative = true): CalibrationReport {
  return {
    version: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    environment: { runtime: 'node', version: 'v20' },
    webgpu: { status: 'ok', adapter: adapter(representative), timing: 'timestamp-query', results: webgpu, notes: [] },
    cpu: { status: 'ok', results: cpu, notes: [] },
    best: [],
  };
}

const sc = eastDataWestComputing;
const site = sc.sites[0]!;

describe('applyCalibration', () => {
  const rep = report(
    [result({ precision: 'f32', gflops: 20_000 }), result({ precision: 'f16', gflops: 80_000, kernel: 'register-4x4-f16' }), result({ precision: 'f16', gflops: 1e9, status: 'wrong' })],
    [result({ backend: 'wasm-simd', precision: 'f64', gflops: 8, kernel: 'blocked-simd' }), result({ backend: 'ts', precision: 'f64', gflops: 3 })],
  );

  it('intelligent: best checked f16 GFLOP/s × devices / 1e6 = PFLOPS-hours per hour; previous value kept', () => {
    const out = applyCalibration(sc, rep, { site: site.id, class: 'intelligent', devices: 1000 });
    const s = out.sites.find((x) => x.id === site.id)!;
    expect(s.capacity.intelligent).toBeCloseTo((80_000 * 1000) / 1e6, 12); // 80 TFLOP/s × 1000 = 80 PFLOP/s
    expect(s.capacitySource).toMatch(/register-4x4-f16/);
    expect(s.capacitySource).toContain(`previous ${JSON.stringify(site.capacity.intelligent)}`);
    if (site.capacitySource) expect(s.capacitySource).toContain(site.capacitySource);
    expect(sc.sites[0]).toBe(site); // input untouched
    expect(out).not.toBe(sc);
    expect(out.sites.slice(1)).toEqual(sc.sites.slice(1));
    expect(() => validateScenario(out)).not.toThrow();
  });

  it('intelligent falls back to f32 and says so', () => {
    const out = applyCalibration(sc, report([result({ gflops: 5000 })], []), { site: site.id, class: 'intelligent', devices: 2 });
    const s = out.sites[0]!;
    expect(s.capacity.intelligent).toBeCloseTo(0.01, 12);
    expect(s.capacitySource).toMatch(/no shader-f16/);
  });

  it('super: CPU f64, wasm SIMD preferred', () => {
    const target = sc.sites.find((x) => x.capacity.super !== undefined)!;
    const out = applyCalibration(sc, rep, { site: target.id, class: 'super', devices: 1e6 });
    expect(out.sites.find((x) => x.id === target.id)!.capacity.super).toBeCloseTo(8, 12);
  });

  it('general: racks need gflopsPerUnit', () => {
    expect(() => applyCalibration(sc, rep, { site: site.id, class: 'general', devices: 64 })).toThrow(/gflopsPerUnit/);
    const out = applyCalibration(sc, rep, { site: site.id, class: 'general', devices: 64, gflopsPerUnit: 256 });
    expect(out.sites[0]!.capacity.general).toBeCloseTo(2, 12); // 8 GFLOP/s × 64 cores / 256 per rack
  });

  it('bad site, class, devices and software adapters give typed errors that name them', () => {
    const bad = (o: Parameters<typeof applyCalibration>[2], r = rep) => () => applyCalibration(sc, r, o);
    expect(bad({ site: 'atlantis', class: 'intelligent', devices: 1 })).toThrow(CalibrationError);
    expect(bad({ site: 'atlantis', class: 'intelligent', devices: 1 })).toThrow(/unknown site "atlantis"/);
    expect(bad({ site: site.id, class: 'quantum' as never, devices: 1 })).toThrow(/unknown compute class "quantum" for site/);
    expect(bad({ site: site.id, class: 'intelligent', devices: 0 })).toThrow(/devices/);
    const soft = report([result({ gflops: 2 })], [], false);
    expect(bad({ site: site.id, class: 'intelligent', devices: 1 }, soft)).toThrow(/not representative/);
    expect(applyCalibration(sc, soft, { site: site.id, class: 'intelligent', devices: 1, allowNotRepresentative: true }).sites[0]!.capacity.intelligent).toBeCloseTo(2e-6, 15);
    expect(bad({ site: site.id, class: 'intelligent', devices: 1 }, report([result({ status: 'wrong', gflops: undefined })], []))).toThrow(/no checked WebGPU result/);
    const noSuper = sc.sites.find((x) => x.powerKW.super === undefined)!;
    expect(() => applyCalibration(sc, rep, { site: noSuper.id, class: 'super', devices: 1 })).toThrow(/powerKW\.super/);
  });
});
