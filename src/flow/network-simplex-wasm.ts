/**
 * The wasm network simplex (assembly/mcf.ts) behind the same API as its TS twin
 * ({@link networkSimplexTS}). Every array lives in wasm memory after the kernels' static data, laid
 * out by one `Workspace.reserve()` per problem size: memory grows only when a bigger network
 * arrives, and repeated solves of the same or smaller size reuse it. Inputs are copied in with
 * typed-array `.set`, outputs copied out into fresh arrays owned by the result.
 */
import { WasmError } from '../errors.js';
import { type Kernels, loadKernels, MAX_WASM_MEMORY_BYTES, Workspace } from '../wasm/kernels.js';
import { flowResultFromCode, MCF_OPTIMAL, MCF_PAUSED, NetworkSimplexTS, networkSimplexTS, sameArcs, SteppedSolver } from './network-simplex.js';
import type { FlowRunOptions } from './interruptible.js';
import type { FlowNetwork, FlowResult } from './types.js';

/** Byte offsets of one problem's arrays inside the workspace. */
interface Layout {
  readonly bytes: number;
  readonly work: number;
  readonly cap: number;
  readonly cost: number;
  readonly supply: number;
  readonly flow: number;
  readonly pot: number;
  readonly info: number;
  readonly src: number;
  readonly tgt: number;
}

const align8 = (x: number) => Math.ceil(x / 8) * 8;
const noop = () => {};

/** Per kernel instance: the sliced solve running now (the next waits for it to settle). */
const turns = new WeakMap<Kernels, Promise<void>>();

/**
 * A network simplex solver bound to one kernel instance; it keeps its workspace between solves.
 * Results are copies: nothing returned aliases wasm memory.
 */
export class NetworkSimplexWasm extends SteppedSolver {
  readonly kernels: Kernels;
  private readonly ws: Workspace;
  /** Workspace epoch and size right after the last call that ended optimal or paused (its tree is still there), else null. */
  private lastTree: { epoch: number; nodes: number; arcs: number; optimal: boolean } | null = null;
  /** Layout of the last call, for reading its outputs. */
  private lastLayout: Layout | null = null;

  constructor(kernels: Kernels) {
    super();
    this.kernels = kernels;
    this.ws = new Workspace(kernels);
  }

  /** Bytes of wasm memory (after the workspace base) a network of this size needs. */
  bytesFor(nodes: number, arcs: number): number {
    return this.layout(nodes, arcs).bytes;
  }

  /**
   * Makes room for a network of this size now (solves of this size or smaller will not grow memory).
   * @throws WasmError naming the size when it does not fit in 2 GiB of wasm memory.
   */
  reserve(nodes: number, arcs: number): void {
    this.reserveLayout(nodes, arcs);
  }

  /**
   * As {@link SteppedSolver.solveAsync}, but one sliced solve at a time per kernel instance: all
   * solvers of a kernel share its workspace, so two solves taking turns between slices would wipe
   * each other's tree at every resume and never finish. The next one waits for the current one.
   */
  override solveAsync(net: FlowNetwork, options: FlowRunOptions = {}): Promise<FlowResult> {
    const prev = turns.get(this.kernels) ?? Promise.resolve();
    const run = prev.then(() => super.solveAsync(net, options));
    turns.set(this.kernels, run.then(noop, noop));
    return run;
  }

  /** @internal One kernel call on validated input; MCF_PAUSED when `budget` pivots ran out. */
  step(net: FlowNetwork, warmStart: boolean, resume: boolean, budget: number): number {
    const n = net.nodes;
    const m = net.source.length;
    const prev = this.lastTree;
    this.lastTree = null;
    const L = this.layout(n, m);
    const { memory } = this.kernels;
    // The last arcs are still in wasm memory when no reserve happened since: compare in place.
    const kept = prev !== null && prev.epoch === this.ws.epoch && prev.nodes === n && prev.arcs === m && (resume ? !prev.optimal : warmStart && prev.optimal);
    const warm = kept && sameArcs({ nodes: n, src: new Int32Array(memory.buffer, L.src, m), tgt: new Int32Array(memory.buffer, L.tgt, m) }, net);
    this.reserveLayout(n, m);
    // Views only after reserve(): a grow detaches earlier ones.
    const buf = memory.buffer;
    new Int32Array(buf, L.src, m).set(net.source);
    new Int32Array(buf, L.tgt, m).set(net.target);
    new Float64Array(buf, L.cap, m).set(net.capacity);
    new Float64Array(buf, L.cost, m).set(net.cost);
    new Float64Array(buf, L.supply, n).set(net.supply);
    const code = this.kernels.mcfSolve(n, m, L.src, L.tgt, L.cap, L.cost, L.supply, L.flow, L.pot, L.work, L.info, warm ? 1 : 0, budget);
    this.lastLayout = L;
    if (code === MCF_OPTIMAL || code === MCF_PAUSED) this.lastTree = { epoch: this.ws.epoch, nodes: n, arcs: m, optimal: code === MCF_OPTIMAL };
    return code;
  }

  /** @internal Pivots of the last step and whether it kept the previous tree. */
  stepInfo(): { pivots: number; warm: boolean } {
    const info = new Float64Array(this.kernels.memory.buffer, this.lastLayout!.info, 3);
    return { pivots: info[0]!, warm: info[2] === 1 };
  }

  /** @internal The result of the last step (its code), copied out of wasm memory. */
  finish(code: number): FlowResult {
    const L = this.lastLayout!;
    const buf = this.kernels.memory.buffer; // the kernel never grows memory, but do not rely on it
    const m = (L.tgt - L.src) / 4;
    const n = (L.info - L.pot) / 8;
    const flow = new Float64Array(m);
    flow.set(new Float64Array(buf, L.flow, m));
    const potential = new Float64Array(n);
    potential.set(new Float64Array(buf, L.pot, n));
    const info = new Float64Array(buf, L.info, 3);
    return { ...flowResultFromCode(code, flow, potential, info[1]!, info[0]!), warmStarted: info[2] === 1 };
  }

  private reserveLayout(nodes: number, arcs: number): Layout {
    const L = this.layout(nodes, arcs);
    if (this.ws.base + L.bytes > MAX_WASM_MEMORY_BYTES) {
      throw new WasmError(
        `a network of ${nodes} nodes and ${arcs} arcs needs ${L.bytes} bytes of wasm memory, ` +
          `more than the 2 GiB limit (${MAX_WASM_MEMORY_BYTES} bytes, ${this.ws.base} already used)`,
      );
    }
    this.ws.reserve(L.bytes);
    return L;
  }

  /** f64 blocks first (8-aligned from the 16-aligned base), i32 blocks last. */
  private layout(n: number, m: number): Layout {
    const work = this.ws.base;
    const cap = work + align8(this.kernels.mcfWorkBytes(n, m));
    const cost = cap + 8 * m;
    const supply = cost + 8 * m;
    const flow = supply + 8 * n;
    const pot = flow + 8 * m;
    const info = pot + 8 * n;
    const src = info + 24;
    const tgt = src + 4 * m;
    const end = tgt + 4 * m;
    return { bytes: end - work, work, cap, cost, supply, flow, pot, info, src, tgt };
  }
}

const solvers = new WeakMap<Kernels, NetworkSimplexWasm>();

/**
 * The cached solver of the shared kernels (the TS twin where the engine has no WebAssembly), for
 * callers that want `solveAsync`.
 */
export async function networkSimplexSolver(): Promise<NetworkSimplexWasm | NetworkSimplexTS> {
  if (typeof WebAssembly === 'undefined') return new NetworkSimplexTS();
  return solverFor(await loadKernels());
}

function solverFor(kernels: Kernels): NetworkSimplexWasm {
  let solver = solvers.get(kernels);
  if (!solver) {
    solver = new NetworkSimplexWasm(kernels);
    solvers.set(kernels, solver);
  }
  return solver;
}

/**
 * Solves with the wasm kernel, through one cached {@link NetworkSimplexWasm} per kernel instance
 * (so its workspace is reused).
 * @throws OptionsError when the network is malformed; WasmError when it does not fit in wasm memory.
 */
export function networkSimplexWasm(kernels: Kernels, net: FlowNetwork): FlowResult {
  return solverFor(kernels).solve(net);
}

/**
 * Min-cost flow with the wasm kernel, falling back to the TS twin only where the engine has no
 * WebAssembly.
 */
export async function networkSimplex(net: FlowNetwork): Promise<FlowResult> {
  if (typeof WebAssembly === 'undefined') return networkSimplexTS(net);
  return networkSimplexWasm(await loadKernels(), net);
}
