/** Loads the SIMD matmul module (assembly/calibrate, embedded as base64) once and runs it. */
import { CalibrationError } from './errors.js';
import { CALIBRATE_WASM_BASE64 } from './calibrate-wasm.generated.js';

/** Raw exports of assembly/calibrate/index.ts: byte offsets and sizes only. */
export interface CalibrateWasm {
  readonly memory: WebAssembly.Memory;
  /** First free byte after static data (16-aligned). */
  readonly heapBase: number;
  matmulF64(a: number, b: number, c: number, M: number, N: number, K: number): void;
  matmulF32(a: number, b: number, c: number, M: number, N: number, K: number): void;
}

let pending: Promise<CalibrateWasm> | undefined;

/** The embedded release module, instantiated on first call; later calls share the promise. */
export function loadCalibrateWasm(): Promise<CalibrateWasm> {
  pending ??= instantiateCalibrateWasm(decodeBase64(CALIBRATE_WASM_BASE64));
  pending.catch(() => (pending = undefined)); // a failed load may be retried
  return pending;
}

/**
 * Instantiates a calibration module from bytes (e.g. build/calibrate-debug.wasm); not cached.
 * @throws CalibrationError (`wasm`) when WebAssembly or wasm SIMD is missing or an export is absent.
 */
export async function instantiateCalibrateWasm(bytes: Uint8Array): Promise<CalibrateWasm> {
  if (typeof WebAssembly === 'undefined') throw new CalibrationError('wasm', 'WebAssembly is not available in this JavaScript engine');
  let instance: WebAssembly.Instance;
  try {
    const source = new Uint8Array(bytes).buffer;
    const imports = {
      env: {
        abort(_msg: number, _file: number, line: number, col: number): never {
          throw new CalibrationError('wasm', `calibration wasm aborted at line ${line}:${col}`);
        },
      },
    };
    ({ instance } = await WebAssembly.instantiate(source, imports));
  } catch (err) {
    throw new CalibrationError('wasm', `could not instantiate the calibration wasm (needs wasm SIMD): ${(err as Error).message}`, { cause: err });
  }
  const ex = instance.exports;
  const memory = ex['memory'];
  const heapBase = ex['heapBase'];
  const matmulF64 = ex['matmulF64'];
  const matmulF32 = ex['matmulF32'];
  if (!(memory instanceof WebAssembly.Memory) || typeof heapBase !== 'function' || typeof matmulF64 !== 'function' || typeof matmulF32 !== 'function') {
    throw new CalibrationError('wasm', 'the calibration wasm lacks an export (rebuild: asc --config asconfig.calibrate.json)');
  }
  return {
    memory,
    heapBase: (heapBase as () => number)() >>> 0,
    matmulF64: matmulF64 as CalibrateWasm['matmulF64'],
    matmulF32: matmulF32 as CalibrateWasm['matmulF32'],
  };
}

/** Byte offsets of A, B and C for an n×n problem of `bytesPer`-byte elements, memory grown to fit. */
export function layoutMatrices(w: CalibrateWasm, n: number, bytesPer: 4 | 8): { a: number; b: number; c: number } {
  const bytes = n * n * bytesPer;
  const a = (w.heapBase + 15) & ~15;
  const b = a + ((bytes + 15) & ~15);
  const c = b + ((bytes + 15) & ~15);
  const end = c + bytes;
  if (end > 2 ** 31) throw new CalibrationError('bad-option', `n = ${n} needs ${end} bytes of wasm memory, more than 2 GiB`);
  const have = w.memory.buffer.byteLength;
  if (end > have) {
    try {
      w.memory.grow(Math.ceil((end - have) / 65536));
    } catch (err) {
      throw new CalibrationError('wasm', `could not grow wasm memory to ${end} bytes: ${(err as Error).message}`, { cause: err });
    }
  }
  return { a, b, c };
}

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
