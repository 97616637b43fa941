import { OptionsError } from '../errors.js';
import { type Kernels, loadKernels, Workspace } from '../wasm/kernels.js';
import { geoLatencyMs } from './haversine.js';

/** A point in degrees. */
export interface LonLat {
  readonly lon: number;
  readonly lat: number;
}

/** Checks paired lengths and the length of `out` when given; returns nO·nS. */
function checkShapes(
  oLon: Float64Array,
  oLat: Float64Array,
  sLon: Float64Array,
  sLat: Float64Array,
  out: Float64Array | undefined,
): number {
  if (oLon.length !== oLat.length) {
    throw new OptionsError('oLat', `must have the length of oLon (${oLon.length}), got ${oLat.length}`);
  }
  if (sLon.length !== sLat.length) {
    throw new OptionsError('sLat', `must have the length of sLon (${sLon.length}), got ${sLat.length}`);
  }
  const size = oLon.length * sLon.length;
  if (out !== undefined && out.length !== size) {
    throw new OptionsError('out', `must have origins × sites = ${size} entries, got ${out.length}`);
  }
  return size;
}

/**
 * Origin × site latency matrix in plain TS: out[i·nS + j] = geoLatencyMs(origin i, site j).
 * The oracle and benchmark baseline of {@link latencyMatrixWasm}.
 */
export function latencyMatrixTS(
  oLon: Float64Array,
  oLat: Float64Array,
  sLon: Float64Array,
  sLat: Float64Array,
  out?: Float64Array,
): Float64Array {
  const size = checkShapes(oLon, oLat, sLon, sLat, out);
  const res = out ?? new Float64Array(size);
  const nO = oLon.length;
  const nS = sLon.length;
  for (let i = 0; i < nO; i++) {
    const lon1 = oLon[i]!;
    const lat1 = oLat[i]!;
    const row = i * nS;
    for (let j = 0; j < nS; j++) res[row + j] = geoLatencyMs(lon1, lat1, sLon[j]!, sLat[j]!);
  }
  return res;
}

/**
 * The same matrix from the wasm kernel. Inputs are copied into wasm memory after `heapBase`,
 * the result is copied out into `out`; memory grows only when a bigger problem needs it.
 * @throws WasmError when the problem does not fit in 2 GiB of wasm memory.
 */
export function latencyMatrixWasm(
  kernels: Kernels,
  oLon: Float64Array,
  oLat: Float64Array,
  sLon: Float64Array,
  sLat: Float64Array,
  out?: Float64Array,
): Float64Array {
  const size = checkShapes(oLon, oLat, sLon, sLat, out);
  const nO = oLon.length;
  const nS = sLon.length;
  if (size === 0) return out ?? new Float64Array(0);
  const ws = new Workspace(kernels);
  // Reserve first: a problem too big for wasm memory fails before `out` is allocated.
  // f64 blocks back to back from a 16-aligned base, so each is 8-byte aligned.
  const pOLon = ws.reserve(8 * (2 * nO + 2 * nS + nO * nS));
  const res = out ?? new Float64Array(size);
  const pOLat = pOLon + 8 * nO;
  const pSLon = pOLat + 8 * nO;
  const pSLat = pSLon + 8 * nS;
  const pOut = pSLat + 8 * nS;
  // Views only after reserve(): a grow detaches earlier ones.
  ws.f64(pOLon, nO).set(oLon);
  ws.f64(pOLat, nO).set(oLat);
  ws.f64(pSLon, nS).set(sLon);
  ws.f64(pSLat, nS).set(sLat);
  kernels.latencyMatrix(pOLon, pOLat, nO, pSLon, pSLat, nS, pOut);
  res.set(ws.f64(pOut, nO * nS));
  return res;
}

/**
 * Latency matrix (ms, row-major origins × sites) for lon/lat points. Uses the wasm kernel and
 * falls back to the TS twin only where the engine has no WebAssembly.
 */
export async function latencyMatrix(
  origins: readonly LonLat[],
  sites: readonly LonLat[],
): Promise<Float64Array> {
  const oLon = Float64Array.from(origins, (p) => p.lon);
  const oLat = Float64Array.from(origins, (p) => p.lat);
  const sLon = Float64Array.from(sites, (p) => p.lon);
  const sLat = Float64Array.from(sites, (p) => p.lat);
  if (typeof WebAssembly === 'undefined') return latencyMatrixTS(oLon, oLat, sLon, sLat);
  return latencyMatrixWasm(await loadKernels(), oLon, oLat, sLon, sLat);
}
