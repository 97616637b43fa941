// Raw-export wasm kernels: numbers and byte offsets only, no allocation (runtime "stub").

const EARTH_RADIUS_KM: f64 = 6371;
const MS_PER_KM: f64 = 0.015;
const RAD: f64 = Math.PI / 180;

/** First free byte after static data, 16-aligned: JS lays its buffers out from here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/**
 * out[i*nS + j] = 0.015 · haversine km (origin i, site j), f64 arrays at the given byte offsets.
 * Same operations in the same order as src/geo/haversine.ts, so results match its TS twin.
 */
export function latencyMatrix(
  oLon: usize,
  oLat: usize,
  nO: i32,
  sLon: usize,
  sLat: usize,
  nS: i32,
  out: usize,
): void {
  if (nO <= 0 || nS <= 0) return;
  const n = <usize>nS;
  // The last output row doubles as scratch for cos(site lat): no extra buffer, and each cosine
  // is computed once per call instead of once per pair. That row is filled last, in place.
  const last = out + ((<usize>(nO - 1) * n) << 3);
  for (let j: usize = 0; j < n; j++) {
    store<f64>(last + (j << 3), Math.cos(load<f64>(sLat + (j << 3)) * RAD));
  }
  for (let i: usize = 0, m = <usize>nO; i < m; i++) {
    const lon1 = load<f64>(oLon + (i << 3));
    const lat1 = load<f64>(oLat + (i << 3));
    const c1 = Math.cos(lat1 * RAD);
    const row = out + ((i * n) << 3);
    for (let j: usize = 0; j < n; j++) {
      const k = j << 3;
      const dLat = (load<f64>(sLat + k) - lat1) * RAD;
      const dLon = (load<f64>(sLon + k) - lon1) * RAD;
      const s1 = Math.sin(dLat / 2);
      const s2 = Math.sin(dLon / 2);
      const h = s1 * s1 + c1 * load<f64>(last + k) * s2 * s2;
      store<f64>(row + k, MS_PER_KM * (2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))));
    }
  }
}
export { mcfSolve, mcfWorkBytes } from './mcf';
export { csPhase } from './cost-scaling';
export { csRefine } from './cost-scaling-refine';
