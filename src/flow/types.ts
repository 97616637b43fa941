/**
 * Min-cost flow: plain data in, plain data out. Solved by the primal network simplex method
 * (src/flow/network-simplex.ts in TS, assembly/mcf.ts in wasm: the same algorithm).
 *
 * Problem: minimize Σ cost[a]·flow[a] subject to
 *   Σ_{a out of u} flow[a] − Σ_{a into u} flow[a] = supply[u]   for every node u,
 *   0 ≤ flow[a] ≤ capacity[a]                                    for every arc a.
 */

/**
 * A directed network with arc capacities and costs and node supplies (equality constraints).
 * Arrays are read, never written.
 */
export interface FlowNetwork {
  /** Number of nodes; nodes are 0 … nodes − 1. */
  readonly nodes: number;
  /** Tail of each arc (a node index). */
  readonly source: Int32Array;
  /** Head of each arc (a node index); `source[a] === target[a]` (a loop) is allowed. */
  readonly target: Int32Array;
  /**
   * Upper bound of each arc's flow, ≥ 0 (lower bounds are 0). `Infinity`, or any value
   * ≥ {@link FLOW_INFINITE_CAPACITY} (e.g. `Number.MAX_SAFE_INTEGER`, `Number.MAX_VALUE`), means
   * uncapacitated.
   */
  readonly capacity: Float64Array;
  /** Cost per unit of flow on each arc; finite, any sign. */
  readonly cost: Float64Array;
  /**
   * Net supply of each node (> 0 a source, < 0 a demand). Σ supply must be 0 within
   * {@link FLOW_SUPPLY_BALANCE_TOL} · max(1, Σ |supply|).
   */
  readonly supply: Float64Array;
}

/**
 * `optimal`: flow and potentials are an optimal primal/dual pair.
 * `infeasible`: no flow meets the supplies within the capacities (artificial arcs kept flow).
 * `unbounded`: a cycle of negative cost and infinite capacity was found.
 * `time_limit` / `aborted`: `solveAsync` stopped at its deadline or signal (no flow: all zeros,
 * objective NaN).
 */
export type FlowStatus = 'optimal' | 'infeasible' | 'unbounded' | 'time_limit' | 'aborted';

/** Outcome of one min-cost-flow solve (outcomes are statuses, never thrown). */
export interface FlowResult {
  readonly status: FlowStatus;
  /**
   * Flow per arc, indexed like the network's arcs. `optimal`: an optimal flow. `unbounded`: a
   * feasible flow (from the phase-1 solve that showed the problem feasible). `infeasible`: the
   * last basis's flow, which does not meet the supplies.
   */
  readonly flow: Float64Array;
  /**
   * Node potentials π (the optimal dual, up to a constant per connected component), with reduced
   * cost rc[a] = cost[a] + π[source[a]] − π[target[a]]:
   * rc ≥ −eps where flow = 0, rc ≤ eps where flow = capacity, |rc| ≤ eps strictly between,
   * eps = {@link FLOW_COST_TOL} (or {@link FLOW_COST_TOL_FINE} for a wide span of costs) · max(1, max |cost|).
   * The LP dual of node u's row (Σ out − Σ in = supply[u]) is −π[u] plus a constant, so
   * π[v] − π[u] is the marginal cost of shipping one more unit from u to v. Values are those of
   * the final spanning tree with the solver's artificial root at 0 (nodes attached to it by a
   * big-M artificial arc carry that offset). Meaningful only when `status` is `optimal`.
   */
  readonly potential: Float64Array;
  /** Σ cost·flow when `optimal`; +Infinity when `infeasible`; −Infinity when `unbounded`. */
  readonly objective: number;
  /** Simplex pivots done (including degenerate ones and bound flips). */
  readonly iterations: number;
  /** Whether the solve started from the previous optimal tree (solver objects with `warmStart`). */
  readonly warmStarted?: boolean;
}

/**
 * Reduced-cost tolerance factor: an arc enters the basis only when its reduced cost is below
 * −eps, eps = 1e-9 · max(1, max |cost|); optimality holds to the same eps. Where the nonzero
 * costs span more than {@link FLOW_WIDE_COST_RANGE} (max |cost| over the smallest nonzero |cost|),
 * {@link FLOW_COST_TOL_FINE} replaces it: with 1e-9, one dear arc (a penalty of 1e8 beside unit
 * costs of 10) blurred every cheaper difference and the objective ended 1e-4 above the optimum;
 * with 1e-12 it is exact to 1e-15 up to a span of 1e9, at up to twice the pivots (measured on
 * the built-in day and the bench's generated networks), so narrow spans keep the faster 1e-9.
 */
export const FLOW_COST_TOL = 1e-9;

/** The reduced-cost tolerance factor of networks whose costs span more than {@link FLOW_WIDE_COST_RANGE}. */
export const FLOW_COST_TOL_FINE = 1e-12;

/** Span of nonzero arc costs above which {@link FLOW_COST_TOL_FINE} is used. */
export const FLOW_WIDE_COST_RANGE = 1e4;

/**
 * Capacities at or above this are treated as infinite (f64 flows are no longer exact to one unit
 * near 2^53 ≈ 9e15, so such a bound carries no information anyway).
 */
export const FLOW_INFINITE_CAPACITY = 1e15;

/**
 * Feasibility tolerance factor: the problem is infeasible when an artificial arc keeps flow above
 * 1e-9 · max(1, Σ |supply|) at the optimum of the big-M problem.
 */
export const FLOW_FEASIBILITY_TOL = 1e-9;

/**
 * Flows within 1e-12 · max(1, max |supply|) of a bound are snapped to it after each augmentation,
 * so that rounding does not turn a degenerate pivot into a tiny non-degenerate one (the strongly
 * feasible tree rule relies on exact zeros). Integer data never trigger it.
 */
export const FLOW_SNAP_TOL = 1e-12;

/** |Σ supply| may be at most 1e-9 · max(1, Σ |supply|). */
export const FLOW_SUPPLY_BALANCE_TOL = 1e-9;

/** Options of one solve on a solver object (wasm or TS). */
export interface FlowSolveOptions {
  /**
   * Start from the previous solve's optimal spanning tree when the network has the same nodes and
   * arcs (costs, capacities and supplies may differ): nonbasic arcs stay at their bounds, tree
   * flows follow from the new supplies, potentials from the new costs, and pivoting resumes.
   * After a cost-only change that tree is always kept; after other changes only while it is
   * still a strongly feasible basis. Otherwise (or with no previous optimal solve) the solve
   * starts cold; `FlowResult.warmStarted` says which happened. @default false
   */
  readonly warmStart?: boolean;
}
