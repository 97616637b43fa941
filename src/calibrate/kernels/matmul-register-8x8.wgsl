// Register-blocked f32 matmul, 8×8 outputs per invocation (16 vec4 accumulators): a workgroup of
// WG×WG invocations covers a (8·WG)² tile of C; BK-deep slices of A (transposed, vec4 along rows)
// and B (vec4 along columns) are staged in shared memory. More work per barrier than 4×4 suits
// CPUs-as-GPUs (SwiftShader) and wide GPUs alike. M, N, K must be multiples of 4 (vec4 loads).
override WG: u32 = 8;
override BK: u32 = 16;

struct Dims { M: u32, N: u32, K: u32, pad: u32 }

@group(0) @binding(0) var<storage, read> A: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> B: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> C: array<vec4<f32>>;
@group(0) @binding(3) var<uniform> dims: Dims;

// Tile of 8·WG rows = 2·WG vec4 per k; As[k * 2WG + r4] = A[tileRow + 4·r4 … +3][k0 + k].
var<workgroup> As: array<vec4<f32>, BK * WG * 2u>;
var<workgroup> Bs: array<vec4<f32>, BK * WG * 2u>;

@compute @workgroup_size(WG, WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let tid = lid.y * WG + lid.x;
  let nThreads = WG * WG;
  let span = WG * 8u;
  let w2 = WG * 2u;
  let rowBase = wid.y * span;
  let colBase = wid.x * span;
  let kq = BK / 4u;
  var acc: array<vec4<f32>, 16>; // acc[2i + h]: row 8·ly + i, columns 8·lx + 4h … +3
  for (var i = 0u; i < 16u; i++) {
    acc[i] = vec4<f32>(0.0);
  }
  for (var k0 = 0u; k0 < dims.K; k0 += BK) {
    for (var i = tid; i < span * kq; i += nThreads) {
      let r = i / kq;
      let q = i % kq;
      let gr = rowBase + r;
      let gk = k0 + q * 4u;
      var v = vec4<f32>(0.0);
      if (gr < dims.M && gk < dims.K) {
        v = A[(gr * dims.K + gk) / 4u];
      }
      let r4 = r / 4u;
      let rc = r % 4u;
      As[(q * 4u + 0u) * w2 + r4][rc] = v.x;
      As[(q * 4u + 1u) * w2 + r4][rc] = v.y;
      As[(q * 4u + 2u) * w2 + r4][rc] = v.z;
      As[(q * 4u + 3u) * w2 + r4][rc] = v.w;
    }
    for (var i = tid; i < BK * w2; i += nThreads) {
      let kk = i / w2;
      let c4 = i % w2;
      let gk = k0 + kk;
      let gc = colBase + c4 * 4u;
      var v = vec4<f32>(0.0);
      if (gk < dims.K && gc < dims.N) {
        v = B[(gk * dims.N + gc) / 4u];
      }
      Bs[i] = v;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < BK; kk++) {
      let a0 = As[kk * w2 + lid.y * 2u];
      let a1 = As[kk * w2 + lid.y * 2u + 1u];
      let b0 = Bs[kk * w2 + lid.x * 2u];
      let b1 = Bs[kk * w2 + lid.x * 2u + 1u];
      acc[0] += a0.x * b0; acc[1] += a0.x * b1;
      acc[2] += a0.y * b0; acc[3] += a0.y * b1;
      acc[4] += a0.z * b0; acc[5] += a0.z * b1;
      acc[6] += a0.w * b0; acc[7] += a0.w * b1;
      acc[8] += a1.x * b0; acc[9] += a1.x * b1;
      acc[10] += a1.y * b0; acc[11] += a1.y * b1;
      acc[12] += a1.z * b0; acc[13] += a1.z * b1;
      acc[14] += a1.w * b0; acc[15] += a1.w * b1;
    }
    workgroupBarrier();
  }
  let n4 = dims.N / 4u;
  for (var i = 0u; i < 8u; i++) {
    let gr = rowBase + lid.y * 8u + i;
    if (gr >= dims.M) {
      break;
    }
    for (var h = 0u; h < 2u; h++) {
      let gc = colBase + lid.x * 8u + h * 4u;
      if (gc < dims.N) {
        C[gr * n4 + gc / 4u] = acc[2u * i + h];
      }
    }
  }
}
