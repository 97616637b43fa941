/** Mean Earth radius, km (DESIGN.md §3). */
export const EARTH_RADIUS_KM = 6371;

/** Round-trip ms per km: fiber at 200 km/ms, route factor 1.5, there and back. */
export const MS_PER_KM = 0.015;

const RAD = Math.PI / 180;

/** Great-circle distance in km between two lon/lat points (degrees), haversine formula in f64. */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const h = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Round-trip latency in ms derived from geography: 0.015 · great-circle km. */
export function geoLatencyMs(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return MS_PER_KM * haversineKm(lon1, lat1, lon2, lat2);
}

/** A pair is usable when latency ≤ limit + this (DESIGN.md §3). */
export const LATENCY_EPS_MS = 1e-9;
