// Loads and stores of u8, i32 and f64 at element i of an array at byte address p (no bounds checks:
// the callers lay out their arrays and keep indices inside them). Shared by the flow kernels.

@inline export function gi(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}
@inline export function si(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>i << 2), v);
}
@inline export function gf(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}
@inline export function sf(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}
@inline export function gb(p: usize, i: i32): i32 {
  return <i32>load<u8>(p + <usize>i);
}
@inline export function sb(p: usize, i: i32, v: i32): void {
  store<u8>(p + <usize>i, <u8>v);
}
