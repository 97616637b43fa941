// Calibration matmul kernels (CPU side): C = A·B, row-major, raw byte offsets, no allocation.
// Separate module from assembly/index.ts; built by asconfig.calibrate.json with SIMD enabled.
// The plain-TS twin (src/calibrate/cpu-ts.ts) runs the same blocking and loop order in scalar
// code, so the ratio of the two measures what wasm SIMD adds.

/** k-block and j-block sizes: a KB×JB block of B (64 KiB in f64) stays in L2 while rows stream. */
const KB: i32 = 64;
const JB: i32 = 128;

/** First free byte after static data, 16-aligned: JS lays its matrices out from here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/** C[M×N] = A[M×K] · B[K×N], f64; f64x2 lanes, 2 rows × 4 columns per register block. */
export function matmulF64(a: usize, b: usize, c: usize, M: i32, N: i32, K: i32): void {
  memory.fill(c, 0, <usize>M * <usize>N * 8);
  for (let kb = 0; kb < K; kb += KB) {
    const kEnd = min(kb + KB, K);
    for (let jb = 0; jb < N; jb += JB) {
      const jEnd = min(jb + JB, N);
      let i = 0;
      for (; i + 1 < M; i += 2) {
        const a0 = a + (<usize>(i * K) << 3);
        const a1 = a0 + (<usize>K << 3);
        const c0 = c + (<usize>(i * N) << 3);
        const c1 = c0 + (<usize>N << 3);
        let j = jb;
        for (; j + 4 <= jEnd; j += 4) {
          const o = <usize>j << 3;
          let s00 = v128.load(c0 + o);
          let s01 = v128.load(c0 + o, 16);
          let s10 = v128.load(c1 + o);
          let s11 = v128.load(c1 + o, 16);
          for (let k = kb; k < kEnd; k++) {
            const x0 = f64x2.splat(load<f64>(a0 + (<usize>k << 3)));
            const x1 = f64x2.splat(load<f64>(a1 + (<usize>k << 3)));
            const bp = b + (<usize>(k * N + j) << 3);
            const y0 = v128.load(bp);
            const y1 = v128.load(bp, 16);
            s00 = f64x2.add(s00, f64x2.mul(x0, y0));
            s01 = f64x2.add(s01, f64x2.mul(x0, y1));
            s10 = f64x2.add(s10, f64x2.mul(x1, y0));
            s11 = f64x2.add(s11, f64x2.mul(x1, y1));
          }
          v128.store(c0 + o, s00);
          v128.store(c0 + o, s01, 16);
          v128.store(c1 + o, s10);
          v128.store(c1 + o, s11, 16);
        }
        for (; j < jEnd; j++) {
          let s0 = load<f64>(c0 + (<usize>j << 3));
          let s1 = load<f64>(c1 + (<usize>j << 3));
          for (let k = kb; k < kEnd; k++) {
            const y = load<f64>(b + (<usize>(k * N + j) << 3));
            s0 += load<f64>(a0 + (<usize>k << 3)) * y;
            s1 += load<f64>(a1 + (<usize>k << 3)) * y;
          }
          store<f64>(c0 + (<usize>j << 3), s0);
          store<f64>(c1 + (<usize>j << 3), s1);
        }
      }
      if (i < M) {
        const a0 = a + (<usize>(i * K) << 3);
        const c0 = c + (<usize>(i * N) << 3);
        for (let j = jb; j < jEnd; j++) {
          let s0 = load<f64>(c0 + (<usize>j << 3));
          for (let k = kb; k < kEnd; k++) {
            s0 += load<f64>(a0 + (<usize>k << 3)) * load<f64>(b + (<usize>(k * N + j) << 3));
          }
          store<f64>(c0 + (<usize>j << 3), s0);
        }
      }
    }
  }
}

/** C[M×N] = A[M×K] · B[K×N], f32; f32x4 lanes, 2 rows × 8 columns per register block. */
export function matmulF32(a: usize, b: usize, c: usize, M: i32, N: i32, K: i32): void {
  memory.fill(c, 0, <usize>M * <usize>N * 4);
  for (let kb = 0; kb < K; kb += KB) {
    const kEnd = min(kb + KB, K);
    for (let jb = 0; jb < N; jb += JB) {
      const jEnd = min(jb + JB, N);
      let i = 0;
      for (; i + 1 < M; i += 2) {
        const a0 = a + (<usize>(i * K) << 2);
        const a1 = a0 + (<usize>K << 2);
        const c0 = c + (<usize>(i * N) << 2);
        const c1 = c0 + (<usize>N << 2);
        let j = jb;
        for (; j + 8 <= jEnd; j += 8) {
          const o = <usize>j << 2;
          let s00 = v128.load(c0 + o);
          let s01 = v128.load(c0 + o, 16);
          let s10 = v128.load(c1 + o);
          let s11 = v128.load(c1 + o, 16);
          for (let k = kb; k < kEnd; k++) {
            const x0 = f32x4.splat(load<f32>(a0 + (<usize>k << 2)));
            const x1 = f32x4.splat(load<f32>(a1 + (<usize>k << 2)));
            const bp = b + (<usize>(k * N + j) << 2);
            const y0 = v128.load(bp);
            const y1 = v128.load(bp, 16);
            s00 = f32x4.add(s00, f32x4.mul(x0, y0));
            s01 = f32x4.add(s01, f32x4.mul(x0, y1));
            s10 = f32x4.add(s10, f32x4.mul(x1, y0));
            s11 = f32x4.add(s11, f32x4.mul(x1, y1));
          }
          v128.store(c0 + o, s00);
          v128.store(c0 + o, s01, 16);
          v128.store(c1 + o, s10);
          v128.store(c1 + o, s11, 16);
        }
        for (; j < jEnd; j++) {
          let s0 = load<f32>(c0 + (<usize>j << 2));
          let s1 = load<f32>(c1 + (<usize>j << 2));
          for (let k = kb; k < kEnd; k++) {
            const y = load<f32>(b + (<usize>(k * N + j) << 2));
            s0 += load<f32>(a0 + (<usize>k << 2)) * y;
            s1 += load<f32>(a1 + (<usize>k << 2)) * y;
          }
          store<f32>(c0 + (<usize>j << 2), s0);
          store<f32>(c1 + (<usize>j << 2), s1);
        }
      }
      if (i < M) {
        const a0 = a + (<usize>(i * K) << 2);
        const c0 = c + (<usize>(i * N) << 2);
        for (let j = jb; j < jEnd; j++) {
          let s0 = load<f32>(c0 + (<usize>j << 2));
          for (let k = kb; k < kEnd; k++) {
            s0 += load<f32>(a0 + (<usize>k << 2)) * load<f32>(b + (<usize>(k * N + j) << 2));
          }
          store<f32>(c0 + (<usize>j << 2), s0);
        }
      }
    }
  }
}
