/**
 * Calibration report: plain JSON data. Every throughput figure in it comes from a run whose
 * output matched a CPU reference; a result that failed the check has no `gflops`.
 */

/** Where a kernel ran. */
export type CalibrationBackend = 'webgpu' | 'wasm-simd' | 'ts';

/** Arithmetic of a kernel: WGSL has f32 and (with `shader-f16`) f16; the CPU kernels f32 and f64. */
export type Precision = 'f16' | 'f32' | 'f64';

/** How a GPU kernel was timed. */
export type TimingMethod = 'timestamp-query' | 'wall-clock';

/**
 * Outcome of one kernel at one size.
 * - `ok`: checked and timed; `gflops` is set.
 * - `wrong`: output differs from the CPU reference beyond the tolerance; no throughput.
 * - `unsupported-size`: the kernel or the adapter's limits cannot run this size (see `reason`).
 * - `skipped-budget`: the time estimated from the previous size does not fit the budget.
 * - `error`: WebGPU or wasm failed on this kernel (compile, validation, out of memory).
 * - `no-timing`: the output was right but no usable time sample was taken.
 */
export type KernelStatus = 'ok' | 'wrong' | 'unsupported-size' | 'skipped-budget' | 'error' | 'no-timing';

/** Correctness check of one output against the f64 CPU reference. */
export interface CorrectnessCheck {
  /** `full`: every entry; `sampled`: whole rows at fixed positions plus a Freivalds test of all entries. */
  readonly method: 'full' | 'sampled';
  /** Entries compared one by one. */
  readonly entriesChecked: number;
  /**
   * Largest |C − C_ref| / Σ_k |A_ik·B_kj| over the checked entries (and the Freivalds residual,
   * normalised by the mean term size, see reference.ts): error relative to the size of the terms summed.
   */
  readonly maxRelError: number;
  /** Tolerance for this precision (f32 1e-4, f16 2e-2, f64 1e-12). */
  readonly tolerance: number;
  readonly pass: boolean;
}

/** One kernel at one size n (C = A·B, all n×n). */
export interface KernelResult {
  /** Kernel name, e.g. `naive`, `tiled`, `register-4x4`, `register-4x4-f16`, `blocked`. */
  readonly kernel: string;
  readonly backend: CalibrationBackend;
  readonly precision: Precision;
  /** Matrix order n: the run computes 2·n³ floating-point operations. */
  readonly size: number;
  readonly status: KernelStatus;
  /** Why the status is not `ok` (or a note on timing). */
  readonly reason?: string;
  /** GPU kernels: how the samples were timed; CPU kernels: `wall-clock`. */
  readonly timing?: TimingMethod;
  /** Time samples kept. */
  readonly samples: number;
  /** Samples dropped (zero or negative timestamp deltas). */
  readonly droppedSamples: number;
  /** Median time of one multiply, ms. */
  readonly medianMs?: number;
  /** 10th percentile, ms. */
  readonly p10Ms?: number;
  /** 90th percentile, ms. */
  readonly p90Ms?: number;
  /** (p90 − p10) / median. */
  readonly spread?: number;
  /** 2·n³ / median time, 10⁹ per second. Present only when `status` is `ok`. */
  readonly gflops?: number;
  readonly check?: CorrectnessCheck;
}

/** The WebGPU adapter the kernels ran on. */
export interface AdapterDescription {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter: boolean;
  /** A software rasteriser (SwiftShader, lavapipe, llvmpipe, WARP) or a fallback adapter. */
  readonly software: boolean;
  /** False for software and fallback adapters: their numbers say nothing about a site. */
  readonly representative: boolean;
  readonly features: readonly string[];
  /** The limits the size caps used. */
  readonly limits: {
    readonly maxStorageBufferBindingSize: number;
    readonly maxBufferSize: number;
    readonly maxComputeWorkgroupsPerDimension: number;
    readonly maxComputeInvocationsPerWorkgroup: number;
    readonly maxComputeWorkgroupStorageSize: number;
  };
}

/** WebGPU part of a report. */
export interface WebgpuSection {
  /**
   * `ok`; `off` (not requested); `unavailable` (no WebGPU or no adapter, see `reason`);
   * `device-lost` (results before the loss are kept, the kernel in flight is dropped).
   */
  readonly status: 'ok' | 'off' | 'unavailable' | 'device-lost';
  readonly reason?: string;
  readonly adapter?: AdapterDescription;
  /** Timing used for the kernels: `timestamp-query` when the adapter has it. */
  readonly timing?: TimingMethod;
  readonly results: readonly KernelResult[];
  readonly notes: readonly string[];
}

/** CPU part of a report (single thread). */
export interface CpuSection {
  readonly status: 'ok' | 'off';
  readonly results: readonly KernelResult[];
  readonly notes: readonly string[];
}

/** Best checked throughput per backend and precision. */
export interface BestResult {
  readonly backend: CalibrationBackend;
  readonly precision: Precision;
  readonly kernel: string;
  readonly size: number;
  readonly gflops: number;
}

/** What `calibrate()` returns: JSON-serialisable. */
export interface CalibrationReport {
  readonly version: 1;
  /** ISO time the calibration started. */
  readonly createdAt: string;
  readonly environment: {
    readonly runtime: 'node' | 'browser' | 'other';
    /** `process.version` or `navigator.userAgent`. */
    readonly version: string;
  };
  readonly webgpu: WebgpuSection;
  readonly cpu: CpuSection;
  readonly best: readonly BestResult[];
}
