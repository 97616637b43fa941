import { SuanflowError } from '../errors.js';

/**
 * Why a calibration could not run (each is a fault or misuse, never a measurement outcome;
 * outcomes such as a wrong kernel or a skipped size are `KernelResult.status` values).
 */
export type CalibrationErrorCode =
  /** Neither `navigator.gpu` nor the optional npm package `webgpu` is present. */
  | 'no-webgpu'
  /** WebGPU exists but `requestAdapter()` returned null (no driver: e.g. set VK_ICD_FILENAMES). */
  | 'no-adapter'
  /** `requestDevice()` failed. */
  | 'no-device'
  /** The device was lost (driver reset, `destroy()`, out of memory) while a kernel ran. */
  | 'device-lost'
  /** A validation or out-of-memory error from WebGPU. */
  | 'gpu-error'
  /** The WebAssembly calibration kernel could not be loaded. */
  | 'wasm'
  /** A bad option: sizes, budgets. */
  | 'bad-option'
  /** `applyCalibration` was asked for a site, class or conversion it cannot do. */
  | 'bad-target';

/** Calibration could not run or be applied; `code` says why. */
export class CalibrationError extends SuanflowError {
  override readonly name = 'CalibrationError';
  readonly code: CalibrationErrorCode;
  constructor(code: CalibrationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
