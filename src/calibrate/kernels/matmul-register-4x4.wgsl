// Register-blocked f32 matmul: each invocation computes a 4×4 block of C held in four vec4
// registers; a workgroup of WG_X×WG_Y invocations covers a (4·WG_Y)×(4·WG_X) tile of C and
// stages BK-deep slices of A (transposed, vec4 along rows) and B (vec4 along columns) in shared
// memory. Global loads are vec4, so M, N and K must be multiples of 4 (the runner checks).
override WG_X: u32 = 16;
override WG_Y: u32 = 16;
override BK: u32 = 16;

struct Dims { M: u32, N: u32, K: u32, pad: u32 }

@group(0) @binding(0) var<storage, read> A: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> B: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> C: array<vec4<f32>>;
@group(0) @binding(3) var<uniform> dims: Dims;

// As[k * WG_Y + r4] = A[tileRow + 4·r4 … +3][k0 + k]; Bs[k * WG_X + c4] = B[k0 + k][tileCol + 4·c4 … +3]
var<workgroup> As: array<vec4<f32>, BK * WG_Y>;
var<workgroup> Bs: array<vec4<f32>, BK * WG_X>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let tid = lid.y * WG_X + lid.x;
  let nThreads = WG_X * WG_Y;
  let rowBase = wid.y * WG_Y * 4u;
  let colBase = wid.x * WG_X * 4u;
  let kq = BK / 4u;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var k0 = 0u; k0 < dims.K; k0 += BK) {
    for (var i = tid; i < WG_Y * 4u * kq; i += nThreads) {
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
      As[(q * 4u + 0u) * WG_Y + r4][rc] = v.x;
      As[(q * 4u + 1u) * WG_Y + r4][rc] = v.y;
      As[(q * 4u + 2u) * WG_Y + r4][rc] = v.z;
      As[(q * 4u + 3u) * WG_Y + r4][rc] = v.w;
    }
    for (var i = tid; i < BK * WG_X; i += nThreads) {
      let kk = i / WG_X;
      let c4 = i % WG_X;
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
      let a = As[kk * WG_Y + lid.y];
      let b = Bs[kk * WG_X + lid.x];
      acc0 += a.x * b;
      acc1 += a.y * b;
      acc2 += a.z * b;
      acc3 += a.w * b;
    }
    workgroupBarrier();
  }
  let gc = colBase + lid.x * 4u;
  let gr = rowBase + lid.y * 4u;
  if (gc < dims.N) {
    let n4 = dims.N / 4u;
    let c = gc / 4u;
    if (gr + 0u < dims.M) { C[(gr + 0u) * n4 + c] = acc0; }
    if (gr + 1u < dims.M) { C[(gr + 1u) * n4 + c] = acc1; }
    if (gr + 2u < dims.M) { C[(gr + 2u) * n4 + c] = acc2; }
    if (gr + 3u < dims.M) { C[(gr + 3u) * n4 + c] = acc3; }
  }
}
