/**
 * Replicas (issue 16): the placement LP gives each replicated demand k · amount of work y[d,s]
 * with at most `amount` in any group of its `replicaScope` (README, "Replicas"). McNaughton's
 * wrap-around rule turns that into k copies: lay the groups' work end to end on one line
 * 0 … k · amount and cut it every `amount`; piece r of the line is copy r. A group's work is one
 * interval of length ≤ amount, so it meets at most two copies, and where it does (copy r's end,
 * copy r + 1's start) the two parts sit at different points of the copy line [0, amount): at no
 * point of the work do two copies share a group. Interactive demand is cut per hour; windowed
 * demand on the window's total, each group's interval laid out hour by hour, so every piece keeps
 * its site and hour.
 */
import { valueAt } from '../scenario/hourly.js';
import { replicaGroupOf, replicasOf } from '../scenario/lookups.js';
import type { Scenario } from '../scenario/types.js';

/** What the split needs of an assignment (structural, so safety/ does not depend on plan/'s types). */
export interface PlacedUnit {
  readonly demand: string;
  readonly site: string;
  readonly hour: number;
  readonly amount: number;
}

/** An assignment with its copy and its part of the copy line. */
export type ReplicaUnit<A extends PlacedUnit> = A & { readonly replica: number; readonly replicaSlice: readonly [number, number] };

/**
 * Splits the work of every demand with `replicas` > 1 into its copies (see the module comment);
 * other assignments are returned as they are. A piece that crosses a cut becomes two entries.
 */
export function splitReplicas<A extends PlacedUnit>(sc: Scenario, assignments: readonly A[]): (A | ReplicaUnit<A>)[] {
  const siteIdx = new Map(sc.sites.map((s, i) => [s.id, i]));
  const replicated = new Map<string, number>();
  sc.demands.forEach((d, i) => {
    if (replicasOf(d).k > 1) replicated.set(d.id, i);
  });
  if (replicated.size === 0) return [...assignments];
  const out: (A | ReplicaUnit<A>)[] = [];
  // Work of one demand in one hour (interactive) or one window (windowed: key hour −1).
  const buckets = new Map<string, A[]>();
  for (const a of assignments) {
    if (!replicated.has(a.demand)) {
      out.push(a);
      continue;
    }
    const d = sc.demands[replicated.get(a.demand)!]!;
    const key = `${a.demand}\u0000${d.window ? -1 : a.hour}`;
    const b = buckets.get(key);
    if (b) b.push(a);
    else buckets.set(key, [a]);
  }
  for (const pieces of buckets.values()) {
    const d = sc.demands[replicated.get(pieces[0]!.demand)!]!;
    const { k, scope } = replicasOf(d);
    const D = d.window ? (d.amount as number) : valueAt(d.amount, pieces[0]!.hour);
    // Groups in the order of their first site; inside a group by hour, then site.
    const groupRank = new Map<string, number>();
    sc.sites.forEach((s) => {
      const g = replicaGroupOf(s, scope);
      if (!groupRank.has(g)) groupRank.set(g, groupRank.size);
    });
    const rank = (a: A) => groupRank.get(replicaGroupOf(sc.sites[siteIdx.get(a.site)!]!, scope))!;
    const sorted = [...pieces].sort((p, q) => rank(p) - rank(q) || p.hour - q.hour || siteIdx.get(p.site)! - siteIdx.get(q.site)!);
    out.push(...wrapAround(sorted, D, k));
  }
  return out;
}

/** McNaughton's cut of pieces laid end to end into copies of length D (the last copy takes any rounding surplus). */
function wrapAround<A extends PlacedUnit>(pieces: readonly A[], D: number, k: number): ReplicaUnit<A>[] {
  const out: ReplicaUnit<A>[] = [];
  // Cuts closer than this to a piece's end are rounding noise of the LP: no sliver entries.
  const eps = 1e-9 * Math.max(1, D);
  let pos = 0;
  for (const a of pieces) {
    let left = a.amount;
    while (left > 0) {
      let r = D > 0 ? Math.floor(pos / D) : k - 1;
      if (r < k - 1 && (r + 1) * D - pos <= eps) r++;
      r = Math.min(r, k - 1);
      let take = r === k - 1 ? left : Math.min(left, (r + 1) * D - pos);
      if (left - take <= eps || !(take > 0)) take = left;
      const start = pos - r * D;
      out.push({ ...a, amount: take, replica: r, replicaSlice: [Math.max(0, start), Math.max(0, start) + take] });
      pos += take;
      left -= take;
    }
  }
  return out;
}
