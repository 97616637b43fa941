import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { WasmError } from '../src/errors.js';
import { latencyMatrixWasm } from '../src/geo/latency-matrix.js';
import {
  instantiateKernels,
  kernelsIfLoaded,
  loadKernels,
  MAX_WASM_MEMORY_BYTES,
  WASM_PAGE_BYTES,
  Workspace,
} from '../src/wasm/kernels.js';

/** Deterministic inputs: a small LCG is enough here (values only need to vary). */
function points(n: number, seed: number) {
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < n; i++) {
    lon[i] = 73 + 62 * next();
    lat[i] = 18 + 36 * next();
  }
  return { lon, lat };
}

/** Bit-for-bit equality; vitest's toEqual is slow on 200k-element typed arrays. */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

describe('kernel loading', () => {
  it('loads once and is then available synchronously', async () => {
    expect(kernelsIfLoaded()).toBeUndefined();
    const p = loadKernels();
    expect(loadKernels()).toBe(p);
    const k = await p;
    expect(kernelsIfLoaded()).toBe(k);
    expect(k.heapBase % 16).toBe(0);
    expect(k.heapBase).toBeGreaterThan(0);
    expect(k.heapBase).toBeLessThanOrEqual(k.memory.buffer.byteLength);
  });

  it('bad bytes fail with WasmError', async () => {
    await expect(instantiateKernels(Uint8Array.of(0, 1, 2, 3))).rejects.toThrow(WasmError);
  });
});

describe('wasm memory discipline', () => {
  it('1,000 repeated calls of one size do not grow memory after the first', async () => {
    const k = await loadKernels();
    const o = points(200, 1); // 8·(400 + 100 + 10,000) B: more than the initial page
    const s = points(50, 2);
    const out = new Float64Array(200 * 50);
    latencyMatrixWasm(k, o.lon, o.lat, s.lon, s.lat, out);
    const first = Float64Array.from(out);
    const buffer = k.memory.buffer;
    const bytes = buffer.byteLength;
    for (let r = 0; r < 1000; r++) latencyMatrixWasm(k, o.lon, o.lat, s.lon, s.lat, out);
    expect(k.memory.buffer.byteLength).toBe(bytes);
    expect(k.memory.buffer).toBe(buffer); // never detached, so never grown
    expect(sameBits(out, first)).toBe(true);
  });

  it('a bigger problem grows memory once, then stays', async () => {
    const k = await loadKernels();
    const grow = vi.spyOn(k.memory, 'grow');
    try {
      const before = k.memory.buffer.byteLength;
      const o = points(2000, 3); // ≈ 1.6 MB of output
      const s = points(100, 4);
      const needed = k.heapBase + 8 * (2 * 2000 + 2 * 100 + 2000 * 100);
      expect(needed).toBeGreaterThan(before);
      const a = latencyMatrixWasm(k, o.lon, o.lat, s.lon, s.lat);
      expect(grow).toHaveBeenCalledTimes(1);
      const after = k.memory.buffer.byteLength;
      expect(after).toBeGreaterThanOrEqual(needed);
      expect(after - needed).toBeLessThan(WASM_PAGE_BYTES); // grew by just enough pages
      for (let r = 0; r < 20; r++) {
        expect(sameBits(latencyMatrixWasm(k, o.lon, o.lat, s.lon, s.lat), a)).toBe(true);
      }
      latencyMatrixWasm(k, o.lon.subarray(0, 10), o.lat.subarray(0, 10), s.lon, s.lat); // smaller
      expect(grow).toHaveBeenCalledTimes(1);
      expect(k.memory.buffer.byteLength).toBe(after);
    } finally {
      grow.mockRestore();
    }
  });

  it('Workspace.reserve grows only when needed and refuses more than 2 GiB', async () => {
    const k = await loadKernels();
    const ws = new Workspace(k);
    const have = k.memory.buffer.byteLength;
    expect(ws.reserve(have - ws.base)).toBe(ws.base);
    expect(k.memory.buffer.byteLength).toBe(have);
    const tooBig = MAX_WASM_MEMORY_BYTES - ws.base + 1;
    expect(() => ws.reserve(tooBig)).toThrow(WasmError);
    expect(() => ws.reserve(tooBig)).toThrow(String(MAX_WASM_MEMORY_BYTES + 1));
    expect(() => ws.reserve(-1)).toThrow(WasmError);
    expect(k.memory.buffer.byteLength).toBe(have);
  });

  it('a problem too big for 2 GiB throws WasmError before allocating the result', async () => {
    const k = await loadKernels();
    const o = points(20_000, 5);
    const s = points(14_000, 6); // 2.24e9 bytes of output
    expect(() => latencyMatrixWasm(k, o.lon, o.lat, s.lon, s.lat)).toThrow(WasmError);
  });
});

describe('debug build', () => {
  it('build/debug.wasm gives the same result as the release build, bit for bit', async () => {
    const debug = await instantiateKernels(
      readFileSync(new URL('../build/debug.wasm', import.meta.url)),
    );
    const release = await loadKernels();
    expect(debug.memory).not.toBe(release.memory);
    const o = points(123, 7);
    const s = points(17, 8);
    const a = latencyMatrixWasm(debug, o.lon, o.lat, s.lon, s.lat);
    const b = latencyMatrixWasm(release, o.lon, o.lat, s.lon, s.lat);
    expect(sameBits(a, b)).toBe(true);
  });
});
