/**
 * Types of the researcher-facing min-cost-flow API (`suanflow/flow`): a network with arc lower
 * bounds, and a result with status, witness, flow, potentials, objective and pivots.
 *
 * Problem: minimize Σ cost[a]·flow[a] subject to
 *   Σ_{a out of v} flow[a] − Σ_{a into v} flow[a] = supply[v]   for every node v,
 *   lower[a] ≤ flow[a] ≤ capacity[a]                              for every arc a.
 */

/** A min-cost-flow network; arrays are read, never written. */
export interface McfNetwork {
  /** Number of nodes; nodes are 0 … nodes − 1. */
  readonly nodes: number;
  /** Tail of each arc. */
  readonly source: Int32Array;
  /** Head of each arc. */
  readonly target: Int32Array;
  /** Lower bound of each arc's flow (finite, ≤ capacity). @default all 0 */
  readonly lower?: Float64Array;
  /** Upper bound of each arc's flow (≥ lower; `Infinity` or ≥ 2^53: uncapacitated). */
  readonly capacity: Float64Array;
  /** Cost per unit of flow (finite, any sign). */
  readonly cost: Float64Array;
  /** Net supply of each node (> 0 a source, < 0 a sink); must sum to 0. */
  readonly supply: Float64Array;
}

/** Algorithms of {@link McfOptions.algorithm}. */
export type McfAlgorithm = 'auto' | 'network-simplex' | 'cost-scaling';

/** Options of `minCostFlow`. */
export interface McfOptions {
  /**
   * `network-simplex`: the primal network simplex (wasm, sliced: honours the time limit and the
   * signal between slices). `cost-scaling`: push–relabel cost scaling (wasm, with a TS twin; synchronous:
   * the time limit is checked between its phases, the signal only before it starts; integer
   * data only). `auto`: the network simplex, which was faster than cost scaling (LEMON's native
   * one included) on every family of `npm run bench:mcf`. @default 'auto'
   */
  readonly algorithm?: McfAlgorithm;
  /** Wall-clock limit, seconds; past it the status is `time_limit`. @default none */
  readonly timeLimitSeconds?: number;
  /** Stops the solve with status `aborted` (checked between slices of pivots). */
  readonly signal?: AbortSignal;
  /**
   * Require exact arithmetic: every supply, bound and cost an integer and every partial sum
   * below 2^53 (else an OptionsError naming the arc or node). Integer data are always checked
   * for the 2^53 bound; with `exact: false` fractional data are solved in f64 with tolerances.
   * @default false
   */
  readonly exact?: boolean;
}

/** `optimal`, `infeasible` (with a cut), `unbounded` (with a cycle), `time_limit`, `aborted`. */
export type McfStatus = 'optimal' | 'infeasible' | 'unbounded' | 'time_limit' | 'aborted';

/** Why an `infeasible` network has no flow: supply[S] exceeds what can leave S. */
export interface McfCut {
  /** The node set S (sorted). */
  readonly nodes: Int32Array;
  /** Σ supply over S, net of the lower bounds into and out of S. */
  readonly supply: number;
  /** Σ (capacity − lower) over the arcs leaving S: what can leave S beyond the lower bounds. */
  readonly capacityOut: number;
}

/** Why a feasible network has no optimum: a cycle of negative cost and infinite capacity. */
export interface McfCycle {
  /** Arc indices of the cycle, in order along it. */
  readonly arcs: Int32Array;
  /** Σ cost over the cycle (< 0). */
  readonly cost: number;
}

/** Outcome of `minCostFlow` (outcomes are statuses, never thrown). */
export interface McfResult {
  readonly status: McfStatus;
  /** Flow per arc (lower bounds included); meaningful when `optimal`. */
  readonly flow: Float64Array;
  /** Node potentials with reduced cost cost[a] + π[tail] − π[head] ≥ 0 at lower, ≤ 0 at upper bounds; when `optimal`. */
  readonly potential: Float64Array;
  /** Σ cost·flow including the flow on lower bounds; +Infinity when infeasible, −Infinity when unbounded, NaN when stopped. */
  readonly objective: number;
  /** Pivots (network simplex; 0 for cost scaling). */
  readonly pivots: number;
  /** The algorithm that ran. */
  readonly algorithm: Exclude<McfAlgorithm, 'auto'>;
  /** `infeasible`: the cut. */
  readonly cut?: McfCut;
  /** `unbounded`: the cycle. */
  readonly cycle?: McfCycle;
  /** Wall time of the solve, ms. */
  readonly ms: number;
}
