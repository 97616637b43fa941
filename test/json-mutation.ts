/**
 * Copy-on-write edits of JSON trees for the seeded mutation tests (fuzz-scenario, validate-fast-path).
 */

export type Json = unknown;
export type Path = (string | number)[];
export type Rng = () => number;

export const int = (r: Rng, n: number) => Math.floor(r() * n);
export const choose = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)]!;

/** Every path in a JSON tree (the root excluded), with its value; a Date is a leaf. */
export function paths(node: Json, prefix: Path = [], out: [Path, Json][] = []): [Path, Json][] {
  if (Array.isArray(node)) node.forEach((v, i) => (out.push([[...prefix, i], v]), paths(v, [...prefix, i], out)));
  else if (typeof node === 'object' && node !== null && !(node instanceof Date)) for (const [k, v] of Object.entries(node)) out.push([[...prefix, k], v]), paths(v, [...prefix, k], out);
  return out;
}

/** `update`'s marker for "remove the value at this path". */
export const DELETE = Symbol('delete');

/** `root` with the value at `path` replaced by `f(old)` (copy on write; `DELETE` removes it). */
export function update(root: Json, path: Path, f: (old: Json) => Json | typeof DELETE): Json {
  if (path.length === 0) return f(root);
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    const v = update(copy[head as number], rest, f);
    if (v === DELETE) copy.splice(head as number, 1);
    else copy[head as number] = v;
    return copy;
  }
  const copy = { ...(root as Record<string, Json>) };
  const v = update(copy[head as string], rest, f);
  if (v === DELETE) delete copy[head as string];
  else copy[head as string] = v;
  return copy;
}
