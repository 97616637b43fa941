import { describe, expect, it } from 'vitest';
import { OptionsError } from '../src/errors.js';
import { EARTH_RADIUS_KM, geoLatencyMs, haversineKm } from '../src/geo/haversine.js';
import { latencyMatrix, latencyMatrixTS, latencyMatrixWasm } from '../src/geo/latency-matrix.js';
import { loadKernels } from '../src/wasm/kernels.js';
import { mulberry32 } from '../src/util/prng.js';

function randomPoints(rand: () => number, n: number, world: boolean) {
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lon[i] = world ? -180 + 360 * rand() : 73 + 62 * rand(); // China box otherwise
    lat[i] = world ? -90 + 180 * rand() : 18 + 36 * rand();
  }
  return { lon, lat };
}

/** Largest relative difference and how many entries differ in any bit. */
function compare(a: Float64Array, b: Float64Array) {
  expect(a.length).toBe(b.length);
  let maxRel = 0;
  let differ = 0;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    if (!Object.is(x, y)) {
      differ++;
      maxRel = Math.max(maxRel, Math.abs(x - y) / Math.max(Math.abs(y), Number.MIN_VALUE));
    }
  }
  return { maxRel, differ };
}

const SHANGHAI = { lon: 121.47, lat: 31.23 };
const ZHONGWEI = { lon: 105.13, lat: 37.32 };
const BEIJING = { lon: 116.4, lat: 39.9 };

describe('haversine against known distances', () => {
  it('Beijing–Shanghai is about 1,067 km', () => {
    expect(haversineKm(BEIJING.lon, BEIJING.lat, SHANGHAI.lon, SHANGHAI.lat)).toBeGreaterThan(1057);
    expect(haversineKm(BEIJING.lon, BEIJING.lat, SHANGHAI.lon, SHANGHAI.lat)).toBeLessThan(1077);
  });

  it('London–Paris is about 344 km and antipodes are half a great circle', () => {
    expect(haversineKm(-0.1278, 51.5074, 2.3522, 48.8566)).toBeCloseTo(343.6, 0);
    expect(haversineKm(0, 0, 180, 0)).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 9);
  });

  it('Shanghai–Zhongwei is about 1,600 km, about 24 ms (DESIGN.md §2)', () => {
    const km = haversineKm(SHANGHAI.lon, SHANGHAI.lat, ZHONGWEI.lon, ZHONGWEI.lat);
    expect(km).toBeGreaterThan(1600);
    expect(km).toBeLessThan(1700);
    const ms = geoLatencyMs(SHANGHAI.lon, SHANGHAI.lat, ZHONGWEI.lon, ZHONGWEI.lat);
    expect(ms).toBeGreaterThan(24);
    expect(ms).toBeLessThan(25.5);
  });
});

describe('latency matrix: wasm vs TS twin', () => {
  it('known pairs: both match geoLatencyMs per pair', async () => {
    const k = await loadKernels();
    const pts = [SHANGHAI, ZHONGWEI, BEIJING];
    const lon = Float64Array.from(pts, (p) => p.lon);
    const lat = Float64Array.from(pts, (p) => p.lat);
    const ts = latencyMatrixTS(lon, lat, lon, lat);
    const wasm = latencyMatrixWasm(k, lon, lat, lon, lat);
    for (let i = 0; i < pts.length; i++) {
      for (let j = 0; j < pts.length; j++) {
        const want = geoLatencyMs(pts[i]!.lon, pts[i]!.lat, pts[j]!.lon, pts[j]!.lat);
        expect(ts[i * pts.length + j]).toBe(want); // the twin is geoLatencyMs itself
        expect(wasm[i * pts.length + j]).toBeCloseTo(want, 10);
      }
      expect(wasm[i * pts.length + i]).toBe(0); // same point: exactly zero in both
    }
    expect(wasm[0 * 3 + 1]).toBeGreaterThan(24);
    expect(wasm[0 * 3 + 1]).toBeLessThan(25.5);
  });

  // Measured on Node 20 (V8 11.3): NOT bit-identical. About 1 in 80 entries differs by 1–2 ulp
  // (max relative ≈ 2e-15) because AssemblyScript's Math.sin/cos (musl) and V8's (glibc-derived)
  // round differently; Math.asin and sqrt agree. Hence the relative 1e-12 tolerance.
  it.each([
    { seed: 1, nO: 31, nS: 10, world: false },
    { seed: 7, nO: 500, nS: 40, world: false },
    { seed: 42, nO: 300, nS: 64, world: true },
  ])('random seeded inputs agree to relative 1e-12 (seed $seed, $nO×$nS)', async (c) => {
    const k = await loadKernels();
    const rand = mulberry32(c.seed);
    const o = randomPoints(rand, c.nO, c.world);
    const s = randomPoints(rand, c.nS, c.world);
    const ts = latencyMatrixTS(o.lon, o.lat, s.lon, s.lat);
    const wasm = latencyMatrixWasm(k, o.lon, o.lat, s.lon, s.lat);
    const { maxRel } = compare(wasm, ts);
    expect(maxRel).toBeLessThanOrEqual(1e-12);
  });

  it('edge points: poles, antimeridian, antipodes, coincident points', async () => {
    const k = await loadKernels();
    const lon = Float64Array.of(0, 180, -180, 0, 0, 121.47, -58.53, 179.999);
    const lat = Float64Array.of(0, 0, 0, 90, -90, 31.23, -31.23, -0.001);
    const ts = latencyMatrixTS(lon, lat, lon, lat);
    const wasm = latencyMatrixWasm(k, lon, lat, lon, lat);
    expect(compare(wasm, ts).maxRel).toBeLessThanOrEqual(1e-12);
    for (const v of wasm) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(0.015 * Math.PI * EARTH_RADIUS_KM * (1 + 1e-12));
    }
  });

  it('writes into a given out array and reuses it', async () => {
    const k = await loadKernels();
    const rand = mulberry32(3);
    const o = randomPoints(rand, 5, false);
    const s = randomPoints(rand, 4, false);
    const out = new Float64Array(20).fill(Number.NaN);
    expect(latencyMatrixWasm(k, o.lon, o.lat, s.lon, s.lat, out)).toBe(out);
    expect(compare(out, latencyMatrixTS(o.lon, o.lat, s.lon, s.lat)).maxRel).toBeLessThanOrEqual(
      1e-12,
    );
    const out2 = new Float64Array(20).fill(Number.NaN);
    expect(latencyMatrixTS(o.lon, o.lat, s.lon, s.lat, out2)).toBe(out2);
    expect(out2.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('empty problems give empty matrices', async () => {
    const k = await loadKernels();
    const none = new Float64Array(0);
    const one = Float64Array.of(1);
    expect(latencyMatrixWasm(k, none, none, one, one)).toHaveLength(0);
    expect(latencyMatrixWasm(k, one, one, none, none)).toHaveLength(0);
    expect(latencyMatrixTS(none, none, one, one)).toHaveLength(0);
  });

  it('rejects mismatched lengths with OptionsError', async () => {
    const k = await loadKernels();
    const two = Float64Array.of(1, 2);
    const one = Float64Array.of(1);
    expect(() => latencyMatrixTS(two, one, one, one)).toThrow(OptionsError);
    expect(() => latencyMatrixWasm(k, one, one, two, one)).toThrow(OptionsError);
    expect(() => latencyMatrixWasm(k, two, two, one, one, new Float64Array(3))).toThrow(/out/);
  });

  it('latencyMatrix() takes lon/lat objects and returns the row-major matrix', async () => {
    const m = await latencyMatrix([SHANGHAI, BEIJING], [ZHONGWEI, SHANGHAI, BEIJING]);
    expect(m).toHaveLength(6);
    expect(m[0]).toBeCloseTo(geoLatencyMs(121.47, 31.23, 105.13, 37.32), 10);
    expect(m[1]).toBe(0);
    expect(m[5]).toBe(0);
    expect(m[2]).toBeCloseTo(m[4]!, 10); // symmetric pair
  });
});
