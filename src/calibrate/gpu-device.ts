/// <reference types="@webgpu/types" />
/** Finds WebGPU (browser `navigator.gpu` or the optional npm package `webgpu`) and opens a device. */
import { CalibrationError } from './errors.js';
import type { AdapterDescription } from './types.js';

/** The parts of a GPU object calibration uses (`navigator.gpu`, or `create([])` of npm webgpu). */
export interface GpuLike {
  requestAdapter(options?: object): Promise<unknown>;
}

let nodeGpu: Promise<GPU> | undefined;

/**
 * `navigator.gpu` when present, else the npm package `webgpu` (Dawn) loaded by dynamic import and
 * created once per process. The Node package needs a Vulkan driver; without a GPU, SwiftShader:
 * `VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json`.
 * @throws CalibrationError `no-webgpu` when neither exists.
 */
export async function findGpu(): Promise<GPU> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (!isNode) throw new CalibrationError('no-webgpu', 'this browser has no navigator.gpu (WebGPU needs a secure context: https or http://127.0.0.1 / localhost)');
  nodeGpu ??= (async () => {
    const name = 'webgpu'; // a variable: bundlers must not try to resolve this optional package
    let mod: { create(flags: string[]): GPU };
    try {
      mod = (await import(/* @vite-ignore */ name)) as typeof mod;
    } catch (err) {
      throw new CalibrationError('no-webgpu', webgpuMissingMessage(err), { cause: err });
    }
    return mod.create([]);
  })();
  nodeGpu.catch(() => (nodeGpu = undefined));
  return nodeGpu;
}

/**
 * What to tell a Node user whose `import('webgpu')` failed: the package is an optional peer
 * dependency (not installed with suanflow), and only version 0.6.2 runs on Debian 12's glibc.
 */
export function webgpuMissingMessage(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const install = 'npm install webgpu@0.6.2';
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return `WebGPU in Node needs the optional peer package "webgpu", which is not installed: run \`${install}\` (or calibrate with --no-webgpu / webgpu: 'off')`;
  }
  return `WebGPU in Node needs the optional peer package "webgpu" at exactly 0.6.2, and it could not be loaded (${(err as Error)?.message ?? String(err)}): run \`${install}\``;
}

/** An open device and what calibration learned about it. */
export interface GpuSession {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  readonly description: AdapterDescription;
  readonly timestamps: boolean;
  readonly f16: boolean;
  /** Set when `device.lost` resolves. */
  lost: string | undefined;
  /** Messages of uncaptured errors. */
  readonly uncaptured: string[];
  /** Whether calibration created the device (then it destroys it at the end). */
  readonly owned: boolean;
}

const SOFTWARE = /swiftshader|lavapipe|llvmpipe|softpipe|software|warp|basic render|subzero/i;

/** Vendor, architecture, description and the software/fallback flag of an adapter. */
export function describeAdapter(adapter: GPUAdapter): AdapterDescription {
  const info = (adapter as { info?: GPUAdapterInfo }).info;
  const fallback = Boolean((info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter);
  const vendor = info?.vendor ?? '';
  const architecture = info?.architecture ?? '';
  const device = info?.device ?? '';
  const description = info?.description ?? '';
  const software = fallback || SOFTWARE.test(`${vendor} ${architecture} ${device} ${description}`);
  const l = adapter.limits;
  return {
    vendor,
    architecture,
    device,
    description,
    isFallbackAdapter: fallback,
    software,
    representative: !software,
    features: [...adapter.features].map(String).sort(),
    limits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    },
  };
}

/**
 * Opens a device on the first adapter (high-performance preference) with `timestamp-query` and
 * `shader-f16` when the adapter has them and its largest buffer limits; installs `lost` and
 * `uncapturederror` handlers. `owned`: whether calibration destroys the device when done.
 * @throws CalibrationError `no-webgpu`, `no-adapter` or `no-device`.
 */
export async function openGpu(gpu?: GpuLike, owned = true): Promise<GpuSession> {
  const g = (gpu ?? (await findGpu())) as GPU;
  let adapter: GPUAdapter | null;
  try {
    adapter = await g.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    throw new CalibrationError('no-adapter', `requestAdapter failed: ${(err as Error).message}`, { cause: err });
  }
  if (!adapter) {
    throw new CalibrationError('no-adapter', 'WebGPU found no adapter (no GPU driver; in Node without a GPU set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json)');
  }
  const timestamps = adapter.features.has('timestamp-query');
  const f16 = adapter.features.has('shader-f16');
  const requiredFeatures: GPUFeatureName[] = [];
  if (timestamps) requiredFeatures.push('timestamp-query');
  if (f16) requiredFeatures.push('shader-f16');
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredFeatures,
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
  } catch (err) {
    throw new CalibrationError('no-device', `requestDevice failed: ${(err as Error).message}`, { cause: err });
  }
  return watchDevice(adapter, device, owned);
}

/** Wraps a device the caller opened (not destroyed by calibration). */
export function watchDevice(adapter: GPUAdapter, device: GPUDevice, owned: boolean): GpuSession {
  const session: GpuSession = {
    adapter,
    device,
    description: describeAdapter(adapter),
    timestamps: device.features.has('timestamp-query'),
    f16: device.features.has('shader-f16'),
    lost: undefined,
    uncaptured: [],
    owned,
  };
  void device.lost.then((info) => {
    session.lost = `${info.reason}: ${info.message}`;
  });
  device.addEventListener('uncapturederror', (ev) => {
    session.uncaptured.push((ev as GPUUncapturedErrorEvent).error.message);
  });
  return session;
}

let shared: Promise<GpuSession> | undefined;

/**
 * The process-wide calibration device, opened on first use and reused by later `calibrate()` calls
 * (reopened after a loss). Reuse matters: each new Dawn device costs tens of MiB that
 * `device.destroy()` does not return (≈ 60 MiB on SwiftShader), while buffers are destroyed
 * after every run. `releaseCalibrationDevice()` destroys it.
 */
export async function sharedGpuSession(): Promise<GpuSession> {
  if (shared) {
    const s = await shared.catch(() => undefined);
    if (s && s.lost === undefined) return s;
    shared = undefined;
  }
  shared = openGpu(undefined, false);
  shared.catch(() => (shared = undefined));
  return shared;
}

/** Destroys the shared calibration device (if any); the next calibration opens a new one. */
export async function releaseCalibrationDevice(): Promise<void> {
  const p = shared;
  shared = undefined;
  const s = await p?.catch(() => undefined);
  s?.device.destroy();
}
