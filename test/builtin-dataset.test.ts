import { describe, expect, it } from 'vitest';
import { geoLatencyMs, LATENCY_EPS_MS } from '../src/geo/haversine.js';
import { buildEastDataWestComputing } from '../src/datasets/east-data-west-computing.js';
import { eastDataWestComputing, scenarios } from '../src/datasets/index.js';
import { COMPUTE_CLASSES, type ComputeClass, type Demand, type Hourly, type Site } from '../src/scenario/types.js';
import { scenarioIssues } from '../src/scenario/validate.js';

const sc = eastDataWestComputing;
const H = sc.horizonHours;
const maxUtil = sc.policy?.maxUtilization ?? 1;
const at = (v: Hourly, t: number): number => (typeof v === 'number' ? v : (v[t] ?? Number.NaN));
const capAt = (s: Site, c: ComputeClass, t: number): number => {
  const v = s.capacity[c];
  return v === undefined ? 0 : at(v, t);
};
const originOf = new Map(sc.origins.map((o) => [o.id, o]));
const latency = (d: Demand, s: Site): number => {
  const o = originOf.get(d.origin);
  if (!o) throw new Error(`demand ${d.id}: unknown origin ${d.origin}`);
  return geoLatencyMs(o.lon, o.lat, s.lon, s.lat);
};
/** Sites that can serve `d`: within its latency limit and with capacity of its class. */
const usable = (d: Demand): Site[] =>
  sc.sites.filter((s) => s.capacity[d.class] !== undefined && latency(d, s) <= d.maxLatencyMs + LATENCY_EPS_MS);
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Max flow (Dinic) on a small graph with float capacities. */
class MaxFlow {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];
  constructor(private readonly n: number) {
    this.head = new Array<number>(n).fill(-1);
  }
  edge(u: number, v: number, c: number): void {
    for (const [a, b, w] of [[u, v, c], [v, u, 0]] as const) {
      this.to.push(b);
      this.cap.push(w);
      this.next.push(this.head[a]!);
      this.head[a] = this.to.length - 1;
    }
  }
  run(s: number, t: number): number {
    let flow = 0;
    for (;;) {
      const level = new Array<number>(this.n).fill(-1);
      level[s] = 0;
      const queue = [s];
      for (let i = 0; i < queue.length; i++) {
        const u = queue[i]!;
        for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
          if (this.cap[e]! > 1e-9 && level[this.to[e]!] === -1) {
            level[this.to[e]!] = level[u]! + 1;
            queue.push(this.to[e]!);
          }
        }
      }
      if (level[t] === -1) return flow;
      const it = [...this.head];
      const push = (u: number, f: number): number => {
        if (u === t) return f;
        for (; it[u] !== -1; it[u] = this.next[it[u]!]!) {
          const e = it[u]!;
          const v = this.to[e]!;
          if (this.cap[e]! > 1e-9 && level[v] === level[u]! + 1) {
            const got = push(v, Math.min(f, this.cap[e]!));
            if (got > 0) {
              this.cap[e]! -= got;
              this.cap[e ^ 1]! += got;
              return got;
            }
          }
        }
        return 0;
      };
      for (let f = push(s, Infinity); f > 0; f = push(s, Infinity)) flow += f;
    }
  }
}

describe('built-in scenario: East Data, West Computing', () => {
  it('is a valid scenario: version 1, 24 hours, named', () => {
    expect(scenarioIssues(sc)).toEqual([]);
    expect(sc.version).toBe(1);
    expect(sc.horizonHours).toBe(24);
    expect(sc.name).toBe('east-data-west-computing');
    expect(scenarios.eastDataWestComputing).toBe(sc);
  });

  it('has the 10 clusters of the 8 hubs and the 31 provincial capitals, with unique kebab-case ids', () => {
    expect(sc.sites).toHaveLength(10);
    expect(new Set(sc.sites.map((s) => s.hub)).size).toBe(8);
    expect(sc.origins).toHaveLength(31);
    expect(new Set(sc.origins.map((o) => o.province)).size).toBe(31);
    for (const items of [sc.sites, sc.origins, sc.demands]) {
      const ids = items.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(KEBAB);
    }
    expect(sc.sites.map((s) => s.id)).toEqual(
      expect.arrayContaining(['zhangjiakou', 'wuhu', 'yrd-demo-zone', 'shaoguan', 'tianfu', 'chongqing', 'helingeer', 'guian', 'qingyang', 'zhongwei']),
    );
  });

  it('keeps PUE within the policy limits: 1.25 east and Chengdu-Chongqing, 1.2 west', () => {
    for (const s of sc.sites) {
      expect(s.pue).toBeGreaterThanOrEqual(1);
      expect(s.pue, s.id).toBeLessThanOrEqual(s.region === 'west' ? 1.2 : 1.25);
    }
  });

  it('gives every per-hour array exactly 24 values', () => {
    const arrays: [string, Hourly | undefined][] = [];
    for (const s of sc.sites) {
      arrays.push([`${s.id}.electricityPrice`, s.electricityPrice], [`${s.id}.gridCarbon`, s.gridCarbon], [`${s.id}.greenSupplyMW`, s.greenSupplyMW]);
      for (const c of COMPUTE_CLASSES) arrays.push([`${s.id}.capacity.${c}`, s.capacity[c]]);
    }
    for (const d of sc.demands) if (!d.window) arrays.push([`${d.id}.amount`, d.amount]);
    for (const [path, v] of arrays) if (Array.isArray(v)) expect(v, path).toHaveLength(24);
    expect(sc.sites.filter((s) => Array.isArray(s.greenSupplyMW)).length).toBeGreaterThanOrEqual(5);
    expect(sc.demands.filter((d) => !d.window).every((d) => Array.isArray(d.amount))).toBe(true);
  });

  it('lets every demand reach a site with capacity of its class; AI serving and deferrable work have a choice', () => {
    for (const d of sc.demands) {
      const sites = usable(d);
      expect(sites.length, d.id).toBeGreaterThanOrEqual(1);
      if (d.window) expect(sites.length, d.id).toBeGreaterThanOrEqual(3);
    }
    // AI serving: at least 2 clusters wherever some tier allows it (all capitals here).
    for (const d of sc.demands.filter((x) => x.id.endsWith('-ai-serving'))) expect(usable(d).length, d.id).toBeGreaterThanOrEqual(2);
  });

  it('picks interactive latency limits from the tiers, the smallest that works', () => {
    const tiers = [5, 10, 20, 30, 40];
    for (const d of sc.demands.filter((x) => !x.window)) {
      expect(tiers, d.id).toContain(d.maxLatencyMs);
      const lower = tiers.filter((t) => t < d.maxLatencyMs).at(-1);
      if (lower === undefined) continue;
      const reachLower = sc.sites.filter((s) => s.capacity[d.class] !== undefined && latency(d, s) <= lower + LATENCY_EPS_MS).length;
      expect(reachLower, d.id).toBeLessThan(d.id.endsWith('-ai-serving') ? 2 : 1);
    }
  });

  it('keeps interactive demand of each class and hour within 90% of that class capacity', () => {
    for (const c of COMPUTE_CLASSES) {
      for (let t = 0; t < H; t++) {
        const demand = sc.demands.filter((d) => d.class === c && !d.window).reduce((a, d) => a + at(d.amount, t), 0);
        const cap = sc.sites.reduce((a, s) => a + capAt(s, c, t), 0);
        expect(demand, `${c} hour ${t}`).toBeLessThanOrEqual(cap * 0.9);
      }
    }
  });

  it('can serve all demand, interactive and deferrable, within latency and usable capacity (max flow)', () => {
    for (const c of COMPUTE_CLASSES) {
      const demands = sc.demands.filter((d) => d.class === c);
      if (demands.length === 0) continue;
      const siteHour = (si: number, t: number) => 2 + si * H + t;
      let next = 2 + sc.sites.length * H;
      const g = new MaxFlow(next + demands.length * (H + 1));
      let total = 0;
      sc.sites.forEach((s, si) => {
        for (let t = 0; t < H; t++) g.edge(siteHour(si, t), 1, capAt(s, c, t) * maxUtil);
      });
      for (const d of demands) {
        const sites = usable(d).map((s) => sc.sites.indexOf(s));
        if (d.window) {
          const node = next++;
          const w = at(d.amount, 0);
          total += w;
          g.edge(0, node, w);
          for (const si of sites) for (let t = d.window.release; t < d.window.deadline; t++) g.edge(node, siteHour(si, t), Infinity);
        } else {
          for (let t = 0; t < H; t++) {
            const node = next++;
            const a = at(d.amount, t);
            total += a;
            g.edge(0, node, a);
            for (const si of sites) g.edge(node, siteHour(si, t), Infinity);
          }
        }
      }
      expect(g.run(0, 1), c).toBeCloseTo(total, 3);
    }
  });

  it('sizes demand for a 60–80% system-wide peak and keeps deferrable work movable', () => {
    for (const c of ['general', 'intelligent'] as const) {
      const cap = sc.sites.reduce((a, s) => a + capAt(s, c, 0), 0);
      const deferrable = sc.demands.filter((d) => d.class === c && d.window).reduce((a, d) => a + at(d.amount, 0), 0);
      let peak = 0;
      for (let t = 0; t < H; t++) peak = Math.max(peak, sc.demands.filter((d) => d.class === c && !d.window).reduce((a, d) => a + at(d.amount, t), 0));
      const share = (peak + deferrable / H) / cap;
      expect(share, c).toBeGreaterThan(0.6);
      expect(share, c).toBeLessThan(0.8);
    }
  });

  it('is plain JSON data: survives stringify/parse unchanged (no undefined, NaN, functions or -0)', () => {
    const copy: unknown = JSON.parse(JSON.stringify(sc));
    expect(copy).toStrictEqual(sc);
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'number') expect(Number.isFinite(v) && !Object.is(v, -0), path).toBe(true);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
      else expect(['string', 'boolean'], path).toContain(typeof v);
    };
    walk(sc, 'scenario');
  });

  it('is built by a pure function: a fresh, equal scenario on every call', () => {
    const again = buildEastDataWestComputing();
    expect(again).not.toBe(sc);
    expect(again).toStrictEqual(sc);
  });

  it('puts Urumqi more than 24 ms from its nearest cluster', () => {
    const urumqi = sc.origins.find((o) => o.id === 'urumqi');
    expect(urumqi).toBeDefined();
    if (!urumqi) return;
    const nearest = Math.min(...sc.sites.map((s) => geoLatencyMs(urumqi.lon, urumqi.lat, s.lon, s.lat)));
    expect(nearest).toBeGreaterThan(24);
  });
});
