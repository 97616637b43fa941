/**
 * Plain-TypeScript twins of the wasm SIMD calibration kernels (assembly/calibrate/index.ts):
 * same k/j blocking and 2-row register blocks, scalar arithmetic. The bench compares the two.
 */

/** k-block and j-block sizes, as in the wasm kernel. */
const KB = 64;
const JB = 128;
/** Columns per register block (the wasm kernel uses two v128 of f64x2; the f32 one 2 of f32x4). */
const W = 4;

/** C[M×N] = A[M×K]·B[K×N] in f64; same blocking and loop order as `matmulF64` in assembly/calibrate. */
export function matmulTsF64(a: Float64Array, b: Float64Array, c: Float64Array, M: number, N: number, K: number): void {
  c.fill(0, 0, M * N);
  for (let kb = 0; kb < K; kb += KB) {
    const kEnd = Math.min(kb + KB, K);
    for (let jb = 0; jb < N; jb += JB) {
      const jEnd = Math.min(jb + JB, N);
      let i = 0;
      for (; i + 1 < M; i += 2) {
        const a0 = i * K;
        const a1 = a0 + K;
        const c0 = i * N;
        const c1 = c0 + N;
        let j = jb;
        for (; j + W <= jEnd; j += W) {
          let s00 = c[c0 + j]!, s01 = c[c0 + j + 1]!, s02 = c[c0 + j + 2]!, s03 = c[c0 + j + 3]!;
          let s10 = c[c1 + j]!, s11 = c[c1 + j + 1]!, s12 = c[c1 + j + 2]!, s13 = c[c1 + j + 3]!;
          for (let k = kb; k < kEnd; k++) {
            const x0 = a[a0 + k]!;
            const x1 = a[a1 + k]!;
            const bp = k * N + j;
            const y0 = b[bp]!, y1 = b[bp + 1]!, y2 = b[bp + 2]!, y3 = b[bp + 3]!;
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
          }
          c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c0 + j + 2] = s02; c[c0 + j + 3] = s03;
          c[c1 + j] = s10; c[c1 + j + 1] = s11; c[c1 + j + 2] = s12; c[c1 + j + 3] = s13;
        }
        for (; j < jEnd; j++) {
          let s0 = c[c0 + j]!;
          let s1 = c[c1 + j]!;
          for (let k = kb; k < kEnd; k++) {
            const y = b[k * N + j]!;
            s0 += a[a0 + k]! * y;
            s1 += a[a1 + k]! * y;
          }
          c[c0 + j] = s0;
          c[c1 + j] = s1;
        }
      }
      if (i < M) {
        const a0 = i * K;
        const c0 = i * N;
        for (let j = jb; j < jEnd; j++) {
          let s0 = c[c0 + j]!;
          for (let k = kb; k < kEnd; k++) s0 += a[a0 + k]! * b[k * N + j]!;
          c[c0 + j] = s0;
        }
      }
    }
  }
}

/** C[M×N] = A[M×K]·B[K×N] in f32 (accumulating in JS doubles within a k-block); same blocking and loop order as `matmulF32` in assembly/calibrate. */
export function matmulTsF32(a: Float32Array, b: Float32Array, c: Float32Array, M: number, N: number, K: number): void {
  c.fill(0, 0, M * N);
  for (let kb = 0; kb < K; kb += KB) {
    const kEnd = Math.min(kb + KB, K);
    for (let jb = 0; jb < N; jb += JB) {
      const jEnd = Math.min(jb + JB, N);
      let i = 0;
      for (; i + 1 < M; i += 2) {
        const a0 = i * K;
        const a1 = a0 + K;
        const c0 = i * N;
        const c1 = c0 + N;
        let j = jb;
        for (; j + W <= jEnd; j += W) {
          let s00 = c[c0 + j]!, s01 = c[c0 + j + 1]!, s02 = c[c0 + j + 2]!, s03 = c[c0 + j + 3]!;
          let s10 = c[c1 + j]!, s11 = c[c1 + j + 1]!, s12 = c[c1 + j + 2]!, s13 = c[c1 + j + 3]!;
          for (let k = kb; k < kEnd; k++) {
            const x0 = a[a0 + k]!;
            const x1 = a[a1 + k]!;
            const bp = k * N + j;
            const y0 = b[bp]!, y1 = b[bp + 1]!, y2 = b[bp + 2]!, y3 = b[bp + 3]!;
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
          }
          c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c0 + j + 2] = s02; c[c0 + j + 3] = s03;
          c[c1 + j] = s10; c[c1 + j + 1] = s11; c[c1 + j + 2] = s12; c[c1 + j + 3] = s13;
        }
        for (; j < jEnd; j++) {
          let s0 = c[c0 + j]!;
          let s1 = c[c1 + j]!;
          for (let k = kb; k < kEnd; k++) {
            const y = b[k * N + j]!;
            s0 += a[a0 + k]! * y;
            s1 += a[a1 + k]! * y;
          }
          c[c0 + j] = s0;
          c[c1 + j] = s1;
        }
      }
      if (i < M) {
        const a0 = i * K;
        const c0 = i * N;
        for (let j = jb; j < jEnd; j++) {
          let s0 = c[c0 + j]!;
          for (let k = kb; k < kEnd; k++) s0 += a[a0 + k]! * b[k * N + j]!;
          c[c0 + j] = s0;
        }
      }
    }
  }
}
