/**
 * The hub backbone as data: hubs, each origin's entry hub, and the fixed shortest routes between
 * hubs (README "Backbone"). Pure functions of a valid scenario, shared by validation, the
 * formulation, reports and the verifier (like the latency model, routing is part of the scenario's
 * meaning, not of a solver).
 */
import { geoLatencyMs, haversineKm } from '../geo/haversine.js';
import type { Origin, Scenario } from './types.js';

/** One directed use of a backbone link: `link` indexes `backbone.links`; `reverse` means to → from. */
export interface LinkUse {
  readonly link: number;
  readonly reverse: boolean;
}

/** A route between two hubs: the links crossed in order, and its latency (ms). */
export interface HubRoute {
  readonly uses: readonly LinkUse[];
  readonly latencyMs: number;
  /** Hub names from the first to the last. */
  readonly hubs: readonly string[];
}

/** Hub names of the sites, sorted (code-unit order), each once. */
export function hubNames(sc: Pick<Scenario, 'sites'>): string[] {
  return [...new Set(sc.sites.map((s) => s.hub))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Mean lon and lat of each hub's sites (the hub's centroid). */
export function hubCentroids(sc: Pick<Scenario, 'sites'>): Map<string, { lon: number; lat: number }> {
  const acc = new Map<string, { lon: number; lat: number; n: number }>();
  for (const s of sc.sites) {
    const a = acc.get(s.hub) ?? { lon: 0, lat: 0, n: 0 };
    acc.set(s.hub, { lon: a.lon + s.lon, lat: a.lat + s.lat, n: a.n + 1 });
  }
  return new Map([...acc].map(([h, a]) => [h, { lon: a.lon / a.n, lat: a.lat / a.n }]));
}

/**
 * The hub where an origin's traffic enters the backbone: `origin.hub` when given, else the hub of
 * the nearest cluster by great-circle distance (ties: the hub name first in code-unit order).
 * `stated` says whether the scenario gave it.
 */
export function originHub(sc: Pick<Scenario, 'sites'>, o: Origin): { hub: string; stated: boolean } {
  if (o.hub !== undefined) return { hub: o.hub, stated: true };
  let best = Infinity;
  let hub = '';
  for (const s of sc.sites) {
    const km = haversineKm(o.lon, o.lat, s.lon, s.lat);
    if (km < best || (km === best && s.hub < hub)) [best, hub] = [km, s.hub];
  }
  return { hub, stated: false };
}

/** Latency of each backbone link, ms: its `latencyMs`, else 0.015 · km between the hubs' centroids. */
export function linkLatencies(sc: Scenario): number[] {
  const c = hubCentroids(sc);
  return (sc.backbone?.links ?? []).map((l) => {
    if (l.latencyMs !== undefined) return l.latencyMs;
    const a = c.get(l.from);
    const b = c.get(l.to);
    return a && b ? geoLatencyMs(a.lon, a.lat, b.lon, b.lat) : Infinity;
  });
}

interface Label {
  readonly ms: number;
  readonly hubs: readonly string[];
  readonly uses: readonly LinkUse[];
}

/** a better than b: less latency (beyond 1e-9 ms), then fewer links, then smaller hub names in order. */
function better(a: Label, b: Label | undefined): boolean {
  if (!b) return true;
  if (a.ms < b.ms - 1e-9) return true;
  if (a.ms > b.ms + 1e-9) return false;
  if (a.uses.length !== b.uses.length) return a.uses.length < b.uses.length;
  for (let i = 0; i < a.hubs.length; i++) if (a.hubs[i] !== b.hubs[i]) return a.hubs[i]! < b.hubs[i]!;
  return false;
}

/**
 * Shortest routes from every hub to every hub it can reach (`routes.get(from)?.get(to)`; a hub
 * reaches itself by the empty route). Least latency; ties: fewest links, then the hub names along
 * the route compared in order. Links are used in both directions.
 */
export function backboneRoutes(sc: Scenario): Map<string, Map<string, HubRoute>> {
  const links = sc.backbone?.links ?? [];
  const ms = linkLatencies(sc);
  const hubs = new Set([...hubNames(sc), ...links.flatMap((l) => [l.from, l.to])]);
  const out = new Map<string, Map<string, HubRoute>>();
  for (const src of hubs) {
    const label = new Map<string, Label>([[src, { ms: 0, hubs: [src], uses: [] }]]);
    // Bellman-Ford rounds: every route has at most |hubs| − 1 links.
    for (let round = 0; round < hubs.size; round++) {
      let changed = false;
      links.forEach((l, i) => {
        for (const reverse of [false, true]) {
          const [u, v] = reverse ? [l.to, l.from] : [l.from, l.to];
          const at = label.get(u);
          if (!at || at.hubs.includes(v)) continue;
          const cand: Label = { ms: at.ms + ms[i]!, hubs: [...at.hubs, v], uses: [...at.uses, { link: i, reverse }] };
          if (better(cand, label.get(v))) {
            label.set(v, cand);
            changed = true;
          }
        }
      });
      if (!changed) break;
    }
    out.set(src, new Map([...label].map(([h, l]) => [h, { uses: l.uses, latencyMs: l.ms, hubs: l.hubs }])));
  }
  return out;
}
