/**
 * The wasm network simplex (assembly/mcf.ts) behind the same API as its TS twin
 * ({@link networkSimplexTS}). Every array lives in wasm memory after the kernels' static data, laid
 * out by one `Workspace.reserve()` per problem size: memory grows only when a bigger network
 * arrives, and repeated solves of the same or smaller size reuse it. Inputs are copied in with
 * typed-array `.set` (or written in place into {@link NetworkSimplexWasm.arcViews}), outputs copied
 * out into fresh arrays owned by the result.
 */
import { WasmError } from '../errors.js';
import { type Kernels, loadKernels, MAX_WASM_MEMORY_BYTES, Workspace } from '../wasm/kernels.js';
import { flowResultFromCode, MCF_OPTIMAL, MCF_PAUSED, NetworkSimplexTS, networkSimplexTS, sameArcs, SteppedSolver } from './network-simplex.js';
import type { FlowReader, FlowRunOptions } from './interruptible.js';
import type { FlowNetwork, FlowResult } from './types.js';

/**
 * The arrays of a network given by {@link NetworkSimplexWasm.arcViews} were overwritten (another
 * user of the kernels' memory reserved it) before or while they were solved: build the network
 * again in plain arrays. Internal; never reaches a caller of `solve`.
 */
export class ArcViewsLostError extends WasmError {}

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
  /** The network of the last {@link arcViews} call and the workspace epoch its views were taken at. */
  private views: { net: FlowNetwork; epoch: number; nodes: number; arcs: number } | null = null;
  /** Every network {@link arcViews} handed out (an earlier one passed to a solve is lost, not plain input). */
  private readonly issued = new WeakSet<FlowNetwork>();

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
   * A network of `nodes` nodes and `arcs` arcs whose five arrays are views into wasm memory, at
   * the offsets where the kernel reads its input: fill every entry in place (they hold whatever
   * memory held) and pass this object to a solve, which then copies nothing in. Memory is reserved
   * first, so taking the views never grows it later. The views are lost when anything else
   * reserves the kernels' memory before the solve (another solve, the latency kernel): the solve
   * then throws {@link ArcViewsLostError}. A later `arcViews` call replaces these views.
   * @throws WasmError naming the size when it does not fit in 2 GiB of wasm memory.
   */
  arcViews(nodes: number, arcs: number): FlowNetwork {
    const L = this.reserveLayout(nodes, arcs);
    const buf = this.kernels.memory.buffer;
    const net: FlowNetwork = {
      nodes,
      source: new Int32Array(buf, L.src, arcs),
      target: new Int32Array(buf, L.tgt, arcs),
      capacity: new Float64Array(buf, L.cap, arcs),
      cost: new Float64Array(buf, L.cost, arcs),
      supply: new Float64Array(buf, L.supply, nodes),
    };
    this.views = { net, epoch: this.ws.epoch, nodes, arcs };
    this.issued.add(net);
    return net;
  }

  /**
   * Call before writing into the {@link arcViews} views again after other code may have run (a
   * builder that yields between chunks): reserves the memory again (no growth), so that any other
   * user of it (a sliced solve between two slices) sees that it changed; when someone else
   * reserved since the views were last written, they are marked lost (their solve throws
   * {@link ArcViewsLostError}).
   */
  touchViews(): void {
    const v = this.views;
    if (!v) return;
    const intact = this.ws.epoch === v.epoch;
    this.reserveLayout(v.nodes, v.arcs);
    v.epoch = intact ? this.ws.epoch : -1;
  }

  /**
   * As {@link SteppedSolver.solveAsync}, but one sliced solve at a time per kernel instance: all
   * solvers of a kernel share its workspace, so two solves taking turns between slices would wipe
   * each other's tree at every resume and never finish. The next one waits for the current one.
   */
  override solveAsync(net: FlowNetwork, options: FlowRunOptions = {}): Promise<FlowResult> {
    return this.inTurn(() => super.solveAsync(net, options));
  }

  /** @internal {@link solveAsync} of a network a trusted builder made (checked by construction): no validation pass. */
  override solveTrustedAsync(net: FlowNetwork, options: FlowRunOptions = {}, read?: FlowReader): Promise<FlowResult> {
    return this.inTurn(() => super.solveTrustedAsync(net, options, read));
  }

  private inTurn(f: () => Promise<FlowResult>): Promise<FlowResult> {
    const prev = turns.get(this.kernels) ?? Promise.resolve();
    const run = prev.then(f);
    turns.set(this.kernels, run.then(noop, noop));
    return run;
  }

  /**
   * @internal One kernel call on validated input; MCF_PAUSED when `budget` pivots ran out. A
   * resume of a kept tree copies nothing in (memory still holds the input of the first step; the
   * arcs are those of the same solveInSlices call), and neither does a network from {@link arcViews}.
   * @throws ArcViewsLostError when `net` is from {@link arcViews} and its memory was reserved by another user since.
   */
  step(net: FlowNetwork, warmStart: boolean, resume: boolean, budget: number): number {
    const prev = this.lastTree;
    this.lastTree = null;
    const views = this.views !== null && this.views.net === net ? this.views : null;
    if (!views && this.issued.has(net)) throw new ArcViewsLostError('the network\'s arrays in wasm memory were replaced by a later arcViews call before the solve');
    // Sizes from the record: the views of a grown memory are detached (length 0).
    const n = views ? views.nodes : net.nodes;
    const m = views ? views.arcs : net.source.length;
    const L = this.layout(n, m);
    const { memory } = this.kernels;
    // The last arcs are still in wasm memory when no reserve happened since.
    const kept = prev !== null && prev.epoch === this.ws.epoch && prev.nodes === n && prev.arcs === m && (resume ? !prev.optimal : warmStart && prev.optimal);
    if (views && !(resume ? kept : this.ws.epoch === views.epoch)) {
      this.views = null;
      throw new ArcViewsLostError(`the network's arrays in wasm memory were overwritten before the solve ${resume ? 'resumed' : 'started'}`);
    }
    // On a resume the arcs are the same by contract (one solveInSlices call); a warm start compares
    // them in place (not on views: those are the memory itself, so they cannot be compared).
    const warm = kept && (resume || (views === null && sameArcs({ nodes: n, src: new Int32Array(memory.buffer, L.src, m), tgt: new Int32Array(memory.buffer, L.tgt, m) }, net)));
    this.reserveLayout(n, m);
    if (views) {
      // reserve() moved the epoch on: record it, so a later first step of the same views is still recognised.
      views.epoch = this.ws.epoch;
    } else if (!(resume && kept)) {
      // Views only after reserve(): a grow detaches earlier ones.
      const buf = memory.buffer;
      new Int32Array(buf, L.src, m).set(net.source);
      new Int32Array(buf, L.tgt, m).set(net.target);
      new Float64Array(buf, L.cap, m).set(net.capacity);
      new Float64Array(buf, L.cost, m).set(net.cost);
      new Float64Array(buf, L.supply, n).set(net.supply);
    }
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

  /**
   * @internal The result of the last step (its code), copied out of wasm memory; with `read` and
   * an optimal code the flow is not copied: `read` gets views of the flow and potentials in place
   * and the result's `flow` is empty.
   */
  finish(code: number, read?: FlowReader): FlowResult {
    const L = this.lastLayout!;
    const buf = this.kernels.memory.buffer; // the kernel never grows memory, but do not rely on it
    const m = (L.tgt - L.src) / 4;
    const n = (L.info - L.pot) / 8;
    const inPlace = read !== undefined && code === MCF_OPTIMAL;
    if (inPlace) read(new Float64Array(buf, L.flow, m), new Float64Array(buf, L.pot, n));
    const flow = new Float64Array(inPlace ? 0 : m);
    if (!inPlace) flow.set(new Float64Array(buf, L.flow, m));
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
