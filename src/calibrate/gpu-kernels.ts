/** The WGSL matmul kernels: source text, override constants and how they are dispatched. */
import naiveSource from './kernels/matmul-naive.wgsl';
import tiledSource from './kernels/matmul-tiled.wgsl';
import register4x4Source from './kernels/matmul-register-4x4.wgsl';
import register8x8Source from './kernels/matmul-register-8x8.wgsl';
import register4x4F16Source from './kernels/matmul-register-4x4-f16.wgsl';

/**
 * A WGSL kernel computing C = A·B (row-major) with bindings 0 A, 1 B, 2 C (storage) and
 * 3 dims {M, N, K, pad} (uniform), entry point `main`.
 */
export interface GpuKernelSpec {
  readonly name: string;
  readonly precision: 'f32' | 'f16';
  readonly code: string;
  /** Values for the shader's `override` constants. */
  readonly constants: Readonly<Record<string, number>>;
  /** Invocations per workgroup along x (columns of C) and y (rows). */
  readonly workgroup: readonly [number, number];
  /** Entries of C per invocation along x and y. */
  readonly perThread: readonly [number, number];
  /** n must be a multiple of this (vec4 loads need 4). */
  readonly multipleOf: number;
  /** Shared memory per workgroup, bytes (checked against the device limit). */
  readonly workgroupStorageBytes: number;
}

/** Naive: one entry of C per invocation, 16×16 workgroups. */
export const naiveKernel: GpuKernelSpec = {
  name: 'naive',
  precision: 'f32',
  code: naiveSource,
  constants: { WG_X: 16, WG_Y: 16 },
  workgroup: [16, 16],
  perThread: [1, 1],
  multipleOf: 1,
  workgroupStorageBytes: 0,
};

/** Shared-memory tiles of 16×16. */
export const tiledKernel: GpuKernelSpec = {
  name: 'tiled-16',
  precision: 'f32',
  code: tiledSource,
  constants: { TILE: 16 },
  workgroup: [16, 16],
  perThread: [1, 1],
  multipleOf: 1,
  workgroupStorageBytes: 2 * 16 * 16 * 4,
};

function register(name: string, precision: 'f32' | 'f16', code: string, wx: number, wy: number, bk: number): GpuKernelSpec {
  const bytes = precision === 'f16' ? 2 : 4;
  return {
    name,
    precision,
    code,
    constants: { WG_X: wx, WG_Y: wy, BK: bk },
    workgroup: [wx, wy],
    perThread: [4, 4],
    multipleOf: 4,
    workgroupStorageBytes: bk * (wx + wy) * 4 * bytes,
  };
}

/** 4×4 outputs per invocation in vec4 registers, 16×16 invocations (64×64 tile), BK = 16. */
export const register4x4Kernel: GpuKernelSpec = register('register-4x4', 'f32', register4x4Source, 16, 16, 16);

/** 8×8 outputs per invocation (16 vec4 accumulators), 8×8 invocations (64×64 tile), BK = 16. */
export const register8x8Kernel: GpuKernelSpec = {
  name: 'register-8x8',
  precision: 'f32',
  code: register8x8Source,
  constants: { WG: 8, BK: 16 },
  workgroup: [8, 8],
  perThread: [8, 8],
  multipleOf: 4,
  workgroupStorageBytes: 2 * 16 * 8 * 2 * 16,
};

/** The f16 twin of `register4x4Kernel`; runs only when the adapter has `shader-f16`. */
export const register4x4F16Kernel: GpuKernelSpec = register('register-4x4-f16', 'f16', register4x4F16Source, 16, 16, 16);

/** Every built-in kernel, naive first (the ratio best/naive is against it). */
export const GPU_KERNELS: readonly GpuKernelSpec[] = [naiveKernel, tiledKernel, register4x4Kernel, register8x8Kernel, register4x4F16Kernel];
