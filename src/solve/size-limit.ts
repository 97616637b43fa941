/**
 * Size refusals before a model is built: the counts of formulate/estimate.ts turned into bytes per
 * backend and compared with the JS heap allowed (`maxMemoryMB`) and the backend's wasm memory.
 * The byte costs are estimates measured on Node 20 (V8) with glpk.js 5; they err on the high side.
 */
import { ModelSizeError, type ModelSizeEstimate } from '../errors.js';
import { modelHeapBytes, type ModelCounts } from '../formulate/estimate.js';
import type { SolverInfo } from '../plan/types.js';

/** glpk.js 5 and the network-simplex kernel are built with a 2 GiB wasm memory ceiling. */
export const WASM_MEMORY_LIMIT_BYTES = 2 ** 31;

export { BROWSER_MAX_MEMORY_MB, defaultMaxMemoryMB } from './heap-limit.js';

const MB = 2 ** 20;

type Backend = SolverInfo['backend'];

/** Bytes of the network-simplex kernel's memory for a network (kernel scratch estimated per item). */
export type FlowBytes = (nodes: number, arcs: number) => number;

/** The estimate of one backend's needs. */
export function estimateFor(c: ModelCounts, backend: Backend, flowBytes: FlowBytes): ModelSizeEstimate {
  const model = modelHeapBytes(c);
  let heap = model;
  let wasm = 0;
  if (backend === 'glpk' || backend === 'highs') {
    // glpk: packed arrays here, glpk.js's JSON form in the worker; HiGHS: the LP text (UTF-16).
    heap += backend === 'glpk' ? 82 * c.nonzeros + 76 * c.columns + 24 * c.rows : 80 * c.nonzeros + 60 * c.columns;
    wasm = 150 * c.nonzeros + 300 * (c.columns + c.rows);
  } else {
    // Network arrays, LP values and duals read back; decompose also copies the model without g,
    // keeps a pool of flows (at most 40, 48 MB) and its coupling coefficients (12 bytes a nonzero).
    heap += 24 * c.arcs + 8 * c.nodes + 8 * (c.columns + c.rows) + (backend === 'decompose' ? 60 * c.columns + 20 * c.nonzeros + Math.min(48 * 2 ** 20, 320 * c.columns) : 0);
    wasm = flowBytes(c.nodes, c.arcs);
  }
  return { columns: c.columns, rows: c.rows, nonzeros: c.nonzeros, arcs: c.arcs, heapBytes: heap, wasmBytes: wasm };
}

const mb = (b: number) => `${Math.ceil(b / MB).toLocaleString('en-US')} MB`;

/** What to do instead, for a refused model. */
function advice(backend: Backend, c: ModelCounts): string {
  const tips: string[] = [];
  if ((backend === 'glpk' || backend === 'highs') && c.coupled) tips.push('backend "decompose" (network subproblems, far smaller: green, cap, share and bandwidth rows are priced in)');
  tips.push('a shorter horizonHours', 'fewer hours per solve with simulate (lookaheadHours)', 'fewer demands (merge similar ones)');
  return tips.join(', or ');
}

/**
 * Throws {@link ModelSizeError} when the model of these counts would not fit: its JS heap estimate
 * over `maxMemoryMB`, or its wasm memory over the backend's 2 GiB. Returns the estimate otherwise.
 */
export function checkModelSize(c: ModelCounts, backend: Backend, maxMemoryMB: number, flowBytes: FlowBytes): ModelSizeEstimate {
  const e = estimateFor(c, backend, flowBytes);
  const what = `${c.columns.toLocaleString('en-US')} columns, ${c.rows.toLocaleString('en-US')} rows, ${c.nonzeros.toLocaleString('en-US')} nonzeros, ${c.arcs.toLocaleString('en-US')} arcs`;
  const limit = maxMemoryMB * MB;
  if (e.heapBytes > limit) {
    throw new ModelSizeError(
      `model too large for the JS heap: ${what} need about ${mb(e.heapBytes)} with backend "${backend}", more than maxMemoryMB = ${maxMemoryMB.toLocaleString('en-US')} MB; use ${advice(backend, c)}; or raise maxMemoryMB (and node --max-old-space-size)`,
      e,
      limit,
      'heap',
      backend,
    );
  }
  if (e.wasmBytes > WASM_MEMORY_LIMIT_BYTES) {
    const engine = backend === 'glpk' ? 'glpk.js' : backend === 'highs' ? 'HiGHS' : 'the network simplex';
    throw new ModelSizeError(
      `model too large for ${engine}: ${what} need about ${mb(e.wasmBytes)} of WebAssembly memory, more than its limit of ${mb(WASM_MEMORY_LIMIT_BYTES)}; use ${advice(backend, c)}`,
      e,
      WASM_MEMORY_LIMIT_BYTES,
      'wasm',
      backend,
    );
  }
  return e;
}
