import { WasmError } from '../errors.js';
import { KERNELS_WASM_BASE64 } from './kernels.generated.js';

/** The AssemblyScript kernels (assembly/index.ts), raw exports: numbers and byte offsets only. */
export interface Kernels {
  /** The module's own memory; its `buffer` is replaced whenever it grows. */
  readonly memory: WebAssembly.Memory;
  /** First free byte after the module's static data (16-aligned). */
  readonly heapBase: number;
  /** out[i·nS + j] = 0.015 · haversine km; all pointers are byte offsets of f64 arrays. */
  latencyMatrix(
    oLon: number,
    oLat: number,
    nO: number,
    sLon: number,
    sLat: number,
    nS: number,
    out: number,
  ): void;
  /** Scratch bytes mcfSolve needs for n nodes and m arcs (assembly/mcf.ts). */
  mcfWorkBytes(n: number, m: number): number;
  /** One refine phase of cost scaling over byte offsets; returns pushes + relabels (assembly/cost-scaling.ts). */
  csPhase(
    n: number,
    first: number,
    head: number,
    res: number,
    cost: number,
    pair: number,
    excess: number,
    pi: number,
    current: number,
    queue: number,
    inQueue: number,
    rank: number,
    buckets: number,
    maxRank: number,
    bucketNext: number,
    bucketPrev: number,
    path: number,
    pathArc: number,
    counters: number,
    eps: number,
  ): number;
  /** Price refinement of cost scaling over byte offsets; 1 when the flow is ε-optimal (assembly/cost-scaling.ts). */
  csRefine(
    n: number,
    first: number,
    head: number,
    res: number,
    cost: number,
    pair: number,
    pi: number,
    current: number,
    rank: number,
    buckets: number,
    maxRank: number,
    bucketNext: number,
    bucketPrev: number,
    reached: number,
    processed: number,
    pred: number,
    stack: number,
    eps: number,
  ): number;
  /** Network simplex min-cost flow over byte offsets; returns a status code (assembly/mcf.ts). */
  mcfSolve(
    n: number,
    m: number,
    src: number,
    tgt: number,
    cap: number,
    cost: number,
    supply: number,
    flowOut: number,
    potOut: number,
    work: number,
    info: number,
    /** 1: start from the tree left in `work` by the last optimal (or paused) solve of the same arcs. */
    warm: number,
    /** Most pivots in this call (Infinity: up to the guard); past it the call returns 4 (paused). */
    budget: number,
  ): number;
}

/** Wasm pages are 64 KiB. */
export const WASM_PAGE_BYTES = 65536;

/** Largest memory the workspace will grow to: pointers must stay positive i32. */
export const MAX_WASM_MEMORY_BYTES = 2 ** 31;

let pending: Promise<Kernels> | undefined;
let loaded: Kernels | undefined;

/** Loads the embedded release kernels once; later calls return the same promise. */
export function loadKernels(): Promise<Kernels> {
  pending ??= instantiateKernels(decodeBase64(KERNELS_WASM_BASE64)).then((k) => (loaded = k));
  return pending;
}

/** The kernels if `loadKernels()` has already resolved, for callers that must stay synchronous. */
export function kernelsIfLoaded(): Kernels | undefined {
  return loaded;
}

/**
 * Instantiates kernels from a given module (e.g. build/debug.wasm in tests); not cached.
 * @throws WasmError when WebAssembly is missing, the bytes do not compile, or an export is absent.
 */
export async function instantiateKernels(bytes: Uint8Array): Promise<Kernels> {
  if (typeof WebAssembly === 'undefined') {
    throw new WasmError('WebAssembly is not available in this JavaScript engine');
  }
  let instance: WebAssembly.Instance;
  try {
    // Copy into a plain ArrayBuffer: the typings (and some engines) reject shared/offset views.
    const source = new Uint8Array(bytes).buffer;
    let memoryRef: WebAssembly.Memory | undefined;
    const imports = {
      env: {
        // Only debug builds with assertions call this; the release kernels import nothing.
        abort(msg: number, file: number, line: number, col: number): never {
          const where = `${readAsString(memoryRef, file)}:${line}:${col}`;
          throw new WasmError(`wasm kernel aborted: ${readAsString(memoryRef, msg)} at ${where}`);
        },
      },
    };
    ({ instance } = await WebAssembly.instantiate(source, imports));
    const mem = instance.exports['memory'];
    if (mem instanceof WebAssembly.Memory) memoryRef = mem;
  } catch (err) {
    if (err instanceof WasmError) throw err;
    throw new WasmError(`could not instantiate the wasm kernels: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const ex = instance.exports;
  const memory = ex['memory'];
  const heapBase = ex['heapBase'];
  const latencyMatrix = ex['latencyMatrix'];
  const mcfWorkBytes = ex['mcfWorkBytes'];
  const mcfSolve = ex['mcfSolve'];
  const csPhase = ex['csPhase'];
  const csRefine = ex['csRefine'];
  if (!(memory instanceof WebAssembly.Memory)) throw missingExport('memory');
  if (typeof heapBase !== 'function') throw missingExport('heapBase');
  if (typeof latencyMatrix !== 'function') throw missingExport('latencyMatrix');
  if (typeof mcfWorkBytes !== 'function') throw missingExport('mcfWorkBytes');
  if (typeof mcfSolve !== 'function') throw missingExport('mcfSolve');
  if (typeof csPhase !== 'function') throw missingExport('csPhase');
  if (typeof csRefine !== 'function') throw missingExport('csRefine');
  return {
    memory,
    heapBase: (heapBase as () => number)() >>> 0,
    latencyMatrix: latencyMatrix as Kernels['latencyMatrix'],
    mcfWorkBytes: mcfWorkBytes as Kernels['mcfWorkBytes'],
    mcfSolve: mcfSolve as Kernels['mcfSolve'],
    csPhase: csPhase as Kernels['csPhase'],
    csRefine: csRefine as Kernels['csRefine'],
  };
}

function missingExport(name: string): WasmError {
  return new WasmError(`the wasm kernels lack the export "${name}" (rebuild with npm run asbuild)`);
}

/** Reads an AssemblyScript string (UTF-16, byte length stored 4 bytes before it). */
function readAsString(memory: WebAssembly.Memory | undefined, ptr: number): string {
  if (!memory || ptr === 0) return '?';
  try {
    const buf = memory.buffer;
    const bytes = new Uint32Array(buf, ptr - 4, 1)[0] ?? 0;
    return String.fromCharCode(...new Uint16Array(buf, ptr, Math.min(bytes >>> 1, 1024)));
  } catch {
    return '?'; // a bad pointer must not hide the abort itself
  }
}

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Per kernel instance: how many times any workspace was reserved (each reserve may overwrite). */
const epochs = new WeakMap<Kernels, number>();

/**
 * Scratch memory after the kernels' static data. Contents are valid until the next kernel call
 * that uses the workspace; views are created fresh on demand because growth detaches the buffer.
 */
export class Workspace {
  readonly kernels: Kernels;
  /** First usable byte offset (16-aligned). */
  readonly base: number;

  constructor(kernels: Kernels) {
    this.kernels = kernels;
    this.base = (kernels.heapBase + 15) & ~15;
  }

  /**
   * Count of reserves on this kernel instance by any workspace. Every user of the workspace
   * reserves before writing, so an unchanged epoch means the memory still holds what the last
   * user left (what a warm start relies on).
   */
  get epoch(): number {
    return epochs.get(this.kernels) ?? 0;
  }

  /**
   * Makes `bytes` bytes available from `base`, growing memory only when it is too small.
   * @returns `base`
   * @throws WasmError when the total would exceed 2 GiB or the engine refuses to grow.
   */
  reserve(bytes: number): number {
    epochs.set(this.kernels, this.epoch + 1);
    if (!Number.isSafeInteger(bytes) || bytes < 0) {
      throw new WasmError(`workspace size must be a non-negative integer, got ${bytes}`);
    }
    const needed = this.base + bytes;
    if (needed > MAX_WASM_MEMORY_BYTES) {
      throw new WasmError(
        `problem needs ${needed} bytes of wasm memory, more than the 2 GiB limit (${MAX_WASM_MEMORY_BYTES})`,
      );
    }
    const { memory } = this.kernels;
    const have = memory.buffer.byteLength;
    if (needed > have) {
      const pages = Math.ceil((needed - have) / WASM_PAGE_BYTES);
      try {
        memory.grow(pages);
      } catch (err) {
        throw new WasmError(
          `could not grow wasm memory to ${have + pages * WASM_PAGE_BYTES} bytes (${needed} needed): ${(err as Error).message}`,
          { cause: err },
        );
      }
    }
    return this.base;
  }

  /** A fresh Float64Array view of `length` f64 at byte offset `ptr`; do not keep it across a grow. */
  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.kernels.memory.buffer, ptr, length);
  }
}
