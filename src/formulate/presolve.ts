/**
 * Presolve: demands identical in everything that affects cost or feasibility (origin, class,
 * latency limit, allowed sites, data per unit, window) are one commodity: merge them, adding their
 * amounts, solve once, and split the result back in proportion to each member's amount (per hour
 * for interactive demand, per window for deferrable work). The split plan has the same cost and
 * meets every member's rows, because each unit of the merged demand costs the same for every member.
 * Demands with `window.maxPerHour` are left alone (a proportional split could break a member's cap).
 */
import { valueAt } from '../scenario/hourly.js';
import type { Demand, Scenario } from '../scenario/types.js';

/** How the presolve changed the scenario. */
export interface Presolved {
  /** The scenario actually solved (the input itself when nothing merged). */
  readonly scenario: Scenario;
  /** Merged demand id → its members (only groups of two or more). */
  readonly groups: ReadonlyMap<string, readonly Demand[]>;
  /** Demands removed by merging: input count − solved count. */
  readonly merged: number;
}

/** Whether a demand may merge with others (see the module comment). */
function mergeable(d: Demand): boolean {
  if (d.window?.maxPerHour !== undefined) return false;
  // Dataset and model demands keep their own gate rows; residency is part of what may serve them.
  return d.dataset === undefined && d.model === undefined && d.residency === undefined;
}

/**
 * The rare parts of a demand's equivalence class as one string ('' when it has none): sorted
 * allowedSites (a JSON string list, so no separator can occur unescaped inside), window, replicas;
 * each optional part has its own marker.
 */
function restKey(d: Demand): string {
  let key = '';
  if (d.allowedSites) key += `|a${JSON.stringify([...d.allowedSites].sort())}`;
  if (d.window) key += `|w${d.window.release},${d.window.deadline}`;
  const k = d.replicas ?? 1;
  if (k > 1) key += `|r${k},${d.replicaScope ?? 'hub'}`;
  return key;
}

type Level<K, V> = Map<K, V>;

/** The map at `key` of `m`, made when missing. */
function child<K, V>(m: Map<K, V>, key: K, make: () => V): V {
  let c = m.get(key);
  if (c === undefined) {
    c = make();
    m.set(key, c);
  }
  return c;
}

/** Merges identical demands of a valid scenario. */
export function mergeIdenticalDemands(sc: Scenario): Presolved {
  // Demands are equal in the tuple (origin, class, maxLatencyMs, dataGBPerUnit, sorted allowedSites,
  // window, replicas) exactly when they reach the same leaf of these nested maps (numbers compared
  // as numbers; no key string per demand: building and hashing one was the presolve's main cost).
  const byKey: Level<string, Level<string, Level<number, Level<number, Demand[]>>>> = new Map();
  const out: (Demand | Demand[])[] = [];
  for (const d of sc.demands) {
    if (!mergeable(d)) {
      out.push(d);
      continue;
    }
    const byRest = child(byKey, d.origin, () => new Map());
    const byLatency = child(byRest, `${d.class}${restKey(d)}`, () => new Map());
    const byData = child(byLatency, d.maxLatencyMs, () => new Map());
    const data = d.dataGBPerUnit ?? 0;
    const group = byData.get(data);
    if (group) group.push(d);
    else {
      const g = [d];
      byData.set(data, g);
      out.push(g);
    }
  }
  const groups = new Map<string, readonly Demand[]>();
  const demands = out.map((item): Demand => {
    if (!Array.isArray(item)) return item;
    const first = item[0]!;
    if (item.length === 1) return first;
    groups.set(first.id, item);
    const amount = first.window
      ? item.reduce((a, d) => a + (d.amount as number), 0)
      : Array.from({ length: sc.horizonHours }, (_, t) => item.reduce((a, d) => a + valueAt(d.amount, t), 0));
    return { ...first, amount, description: `merged: ${item.map((d) => d.id).join(', ')}` };
  });
  const merged = sc.demands.length - demands.length;
  return { scenario: merged === 0 ? sc : { ...sc, demands }, groups, merged };
}

/** What the split needs of a plan's assignment or unmet entry (structural: formulate/ imports nothing from plan/). */
interface PlacedWork {
  readonly demand: string;
  readonly hour: number | null;
  readonly amount: number;
}

/** Each member's share of a merged amount in an hour (null: the whole window). */
function shares(sc: Scenario, members: readonly Demand[], hour: number | null): number[] {
  const amounts = members.map((d) => (hour === null ? (d.amount as number) : valueAt(d.amount, hour)));
  const total = amounts.reduce((a, b) => a + b, 0);
  return amounts.map((a) => (total > 0 ? a / total : 0));
}

/** Splits assignments and unmet entries of merged demands back onto their members. */
export function splitMerged<A extends PlacedWork & { readonly hour: number }, U extends PlacedWork>(
  sc: Scenario,
  pre: Presolved,
  assignments: readonly A[],
  unmet: readonly U[],
): { assignments: A[]; unmet: U[] } {
  if (pre.merged === 0) return { assignments: [...assignments], unmet: [...unmet] };
  const split = <T extends { demand: string; amount: number }>(items: readonly T[], hourOf: (x: T) => number | null): T[] => {
    // A loop with one output array (flatMap made an array per entry, most of them unmerged).
    const out: T[] = [];
    for (const x of items) {
      const members = pre.groups.get(x.demand);
      if (!members) {
        out.push(x);
        continue;
      }
      const w = members[0]!.window ? shares(sc, members, null) : shares(sc, members, hourOf(x));
      for (let i = 0; i < members.length; i++) if (w[i]! > 0) out.push({ ...x, demand: members[i]!.id, amount: x.amount * w[i]! });
    }
    return out;
  };
  return { assignments: split(assignments, (a) => a.hour), unmet: split(unmet, (u) => u.hour) };
}
