import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runWithBudget } from '../src/calibrate/budget.js';
import { runCpuKernel, tsCpuKernel, wasmCpuKernel, type CpuKernel } from '../src/calibrate/cpu-runner.js';
import { matmulTsF32, matmulTsF64 } from '../src/calibrate/cpu-ts.js';
import { instantiateCalibrateWasm, layoutMatrices, loadCalibrateWasm } from '../src/calibrate/cpu-wasm.js';
import { checkMatmul, fillRandom } from '../src/calibrate/reference.js';

/** Textbook triple loop in f64 for an M×K by K×N product. */
function reference(a: ArrayLike<number>, b: ArrayLike<number>, M: number, N: number, K: number): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += (a[i * K + k] as number) * (b[k * N + j] as number);
    c[i * N + j] = s;
  }
  return c;
}

function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs((x[i] as number) - (y[i] as number)));
  return m;
}

const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [17, 9, 130], [65, 67, 63], [2, 131, 3], [130, 257, 65]];

describe('CPU matmul kernels against the f64 reference (odd and non-square shapes)', () => {
  for (const [M, N, K] of shapes) {
    it(`TS f64 and f32, ${M}×${K}·${K}×${N}`, () => {
      const a = new Float64Array(M * K);
      const b = new Float64Array(K * N);
      fillRandom(a, 3);
      fillRandom(b, 4);
      const want = reference(a, b, M, N, K);
      const c = new Float64Array(M * N).fill(Number.NaN);
      matmulTsF64(a, b, c, M, N, K);
      expect(maxAbsDiff(c, want)).toBeLessThan(1e-12 * K);
      const a32 = Float32Array.from(a);
      const b32 = Float32Array.from(b);
      const c32 = new Float32Array(M * N);
      matmulTsF32(a32, b32, c32, M, N, K);
      expect(maxAbsDiff(c32, reference(a32, b32, M, N, K))).toBeLessThan(1e-5 * K);
    });
    it(`wasm SIMD f64 and f32, ${M}×${K}·${K}×${N}`, async () => {
      const w = await loadCalibrateWasm();
      const n = Math.max(M, N, K);
      const a = new Float64Array(M * K);
      const b = new Float64Array(K * N);
      fillRandom(a, 5);
      fillRandom(b, 6);
      let p = layoutMatrices(w, n, 8);
      new Float64Array(w.memory.buffer, p.a, M * K).set(a);
      new Float64Array(w.memory.buffer, p.b, K * N).set(b);
      new Float64Array(w.memory.buffer, p.c, M * N).fill(Number.NaN);
      w.matmulF64(p.a, p.b, p.c, M, N, K);
      expect(maxAbsDiff(new Float64Array(w.memory.buffer, p.c, M * N), reference(a, b, M, N, K))).toBeLessThan(1e-12 * K);
      const a32 = Float32Array.from(a);
      const b32 = Float32Array.from(b);
      p = layoutMatrices(w, n, 4);
      new Float32Array(w.memory.buffer, p.a, M * K).set(a32);
      new Float32Array(w.memory.buffer, p.b, K * N).set(b32);
      w.matmulF32(p.a, p.b, p.c, M, N, K);
      expect(maxAbsDiff(new Float32Array(w.memory.buffer, p.c, M * N), reference(a32, b32, M, N, K))).toBeLessThan(1e-5 * K);
    });
  }

  it('loads the embedded module once', async () => {
    expect(loadCalibrateWasm()).toBe(loadCalibrateWasm());
  });

  it.skipIf(!existsSync('build/calibrate-debug.wasm'))('debug build (with assertions) gives the same result', async () => {
    const w = await instantiateCalibrateWasm(readFileSync('build/calibrate-debug.wasm'));
    const n = 33;
    const a = new Float64Array(n * n);
    const b = new Float64Array(n * n);
    fillRandom(a, 7);
    fillRandom(b, 8);
    const p = layoutMatrices(w, n, 8);
    new Float64Array(w.memory.buffer, p.a, n * n).set(a);
    new Float64Array(w.memory.buffer, p.b, n * n).set(b);
    w.matmulF64(p.a, p.b, p.c, n, n, n);
    expect(checkMatmul(a, b, new Float64Array(w.memory.buffer, p.c, n * n), n, 'f64').pass).toBe(true);
  });
});

describe('CPU runner', () => {
  const fast = { budgetMs: 5000, maxMs: 50, minSamples: 2, maxSamples: 3, targetSpread: 0.5 };

  it('reports checked throughput for every built-in kernel', async () => {
    const w = await loadCalibrateWasm();
    for (const k of [wasmCpuKernel(w, 'f64'), wasmCpuKernel(w, 'f32'), tsCpuKernel('f64'), tsCpuKernel('f32')]) {
      const [r] = await runCpuKernel(k, [48], fast);
      expect(r?.status, `${k.backend} ${k.precision}`).toBe('ok');
      expect(r?.gflops).toBeGreaterThan(0);
      expect(r?.check?.pass).toBe(true);
      expect(r?.check?.maxRelError).toBeLessThanOrEqual(k.precision === 'f64' ? 1e-12 : 1e-4);
      expect(r?.timing).toBe('wall-clock');
    }
  });

  it('a kernel with wrong output reports no throughput', async () => {
    const wrong: CpuKernel = {
      name: 'off-by-one',
      backend: 'ts',
      precision: 'f64',
      prepare(a, b, n) {
        const c = new Float64Array(n * n);
        return {
          run: () => {
            matmulTsF64(a as Float64Array, b as Float64Array, c, n, n, n);
            c[n + 1] = (c[n + 1] ?? 0) + 1e-3; // one entry slightly off
          },
          output: () => c,
        };
      },
    };
    const [r] = await runCpuKernel(wrong, [40], fast);
    expect(r?.status).toBe('wrong');
    expect(r?.gflops).toBeUndefined();
    expect(r?.medianMs).toBeUndefined();
    expect(r?.check?.pass).toBe(false);
    expect(r?.reason).toMatch(/max relative error/);
  });

  it('a kernel that throws reports an error, not a number', async () => {
    const broken: CpuKernel = { name: 'broken', backend: 'ts', precision: 'f32', prepare: () => { throw new Error('boom'); } };
    const [r] = await runCpuKernel(broken, [8], fast);
    expect(r).toMatchObject({ status: 'error', reason: 'boom' });
    expect(r?.gflops).toBeUndefined();
  });
});

describe('reference check', () => {
  it('sampled mode (n > 256) catches one wrong entry outside the sampled rows (Freivalds)', () => {
    const n = 300;
    const a = new Float32Array(n * n);
    const b = new Float32Array(n * n);
    fillRandom(a, 1);
    fillRandom(b, 2);
    const c = new Float32Array(n * n);
    matmulTsF32(a, b, c, n, n, n);
    const good = checkMatmul(a, b, c, n, 'f32');
    expect(good).toMatchObject({ method: 'sampled', pass: true, entriesChecked: 16 * n });
    c[7 * n + 123] = (c[7 * n + 123] ?? 0) + 0.5; // row 7 is not a sampled row
    expect(checkMatmul(a, b, c, n, 'f32').pass).toBe(false);
    c[7 * n + 123] = Number.NaN;
    expect(checkMatmul(a, b, c, n, 'f32').maxRelError).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('time budget', () => {
  it('skips sizes whose estimate from the previous size does not fit', async () => {
    let t = 0;
    const id = { kernel: 'k', backend: 'ts' as const, precision: 'f64' as const };
    const ran: number[] = [];
    const rs = await runWithBudget(id, [512, 256, 1024, 2048], 10_000, 4, async (n) => {
      ran.push(n);
      const ms = (n / 256) ** 3 * 100; // 100 ms at 256, 800 ms at 512, 6.4 s at 1024
      t += ms * 5;
      return { result: { ...id, size: n, status: 'ok', samples: 5, droppedSamples: 0 }, msPerRun: ms };
    }, undefined, () => t);
    expect(ran).toEqual([256, 512]);
    expect(rs.map((r) => r.status)).toEqual(['ok', 'ok', 'skipped-budget', 'skipped-budget']);
    expect(rs[2]?.reason).toMatch(/estimated at 6\.4 s from n = 512/);
  });
});
