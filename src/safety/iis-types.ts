/** Types of `explain`: why a scenario with hard rules has no plan. */
import type { ComputeClass } from '../scenario/types.js';
import type { RuleKind } from './iis-groups.js';

export type { RuleKind } from './iis-groups.js';

/** Options of `explain`. */
export interface ExplainOptions {
  /**
   * Wall-clock limit of the search, seconds. When it ends the search, the rules found so far come
   * back with `partial: true` (an infeasible set not yet reduced, or, if the elastic filter did
   * not finish, the rules that had given way so far).
   * @default 60
   */
  readonly timeLimitSeconds?: number;
}

/** One rule of the explanation, in data and in words. */
export interface ExplainedRule {
  readonly kind: RuleKind;
  /** Demand id (demand conservation, latency limit, maxPerHour). */
  readonly demand?: string;
  /** Site id (capacity, site green share). */
  readonly site?: string;
  /** Compute class (demand, capacity). */
  readonly class?: ComputeClass;
  /** Link `from → to` (bandwidth). */
  readonly link?: { readonly from: string; readonly to: string };
  /** Hours the rule concerns, first and last (null: the whole horizon or none). */
  readonly hours: { readonly from: number; readonly to: number } | null;
  /** Units the rule asks for (demand) or allows (capacity, in the demand's hours), where it has one. */
  readonly amount?: number;
  /** One sentence. */
  readonly message: string;
}

/** Outcome of `explain`. */
export interface Explanation {
  /** Whether the scenario has a plan (then there is nothing to explain and `rules` is empty). */
  readonly feasible: boolean;
  /**
   * `min-cut`: the model is a network (no policy or bandwidth rows), so a max flow decides and its
   * min cut names the demands and what their reachable sites offer; `elastic-deletion`: Chinneck's
   * elastic filter then deletion filter over LP re-solves; null when feasible.
   */
  readonly method: 'min-cut' | 'elastic-deletion' | null;
  /** The rules that cannot all hold together. */
  readonly rules: readonly ExplainedRule[];
  /** Whether dropping any one rule makes the rest feasible (proved by re-solving). */
  readonly irreducible: boolean;
  /** Whether the time limit cut the search (the rules are then not proved irreducible). */
  readonly partial: boolean;
  /** The explanation in words. */
  readonly summary: string;
  /**
   * Where the rules are demand, capacity, latency and maxPerHour only: the demands' work, what
   * the sites they may use can take of it (max flow), and the shortfall, units.
   */
  readonly cut?: { readonly need: number; readonly offer: number; readonly shortfall: number };
  /** Feasibility tests run (LP solves or max flows). */
  readonly tests: number;
  /** Wall time, ms. */
  readonly ms: number;
}
