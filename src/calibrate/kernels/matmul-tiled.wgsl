// Workgroup-tiled f32 matmul: each workgroup stages TILE×TILE blocks of A and B in shared memory,
// each invocation computes one entry of C. Any M, N, K (edges are zero-padded).
override TILE: u32 = 16;

struct Dims { M: u32, N: u32, K: u32, pad: u32 }

@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> B: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@group(0) @binding(3) var<uniform> dims: Dims;

var<workgroup> As: array<f32, TILE * TILE>;
var<workgroup> Bs: array<f32, TILE * TILE>;

@compute @workgroup_size(TILE, TILE)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * TILE + lid.y;
  let col = wid.x * TILE + lid.x;
  let tiles = (dims.K + TILE - 1u) / TILE;
  var acc = 0.0;
  for (var t = 0u; t < tiles; t++) {
    let ka = t * TILE + lid.x;
    var av = 0.0;
    if (row < dims.M && ka < dims.K) {
      av = A[row * dims.K + ka];
    }
    As[lid.y * TILE + lid.x] = av;
    let kb = t * TILE + lid.y;
    var bv = 0.0;
    if (kb < dims.K && col < dims.N) {
      bv = B[kb * dims.N + col];
    }
    Bs[lid.y * TILE + lid.x] = bv;
    workgroupBarrier();
    for (var k = 0u; k < TILE; k++) {
      acc += As[lid.y * TILE + k] * Bs[k * TILE + lid.x];
    }
    workgroupBarrier();
  }
  if (row < dims.M && col < dims.N) {
    C[row * dims.N + col] = acc;
  }
}
