/**
 * Property test: on random transportation-style networks, both network simplex backends reach
 * glpk.js's LP optimum (relative 1e-7), and every result is a feasible flow with potentials that
 * certify it (complementary slackness).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addColumn, addRow, type LpModel } from '../src/formulate/lp-model.js';
import { networkSimplexTS } from '../src/flow/network-simplex.js';
import { networkSimplexWasm } from '../src/flow/network-simplex-wasm.js';
import { FLOW_COST_TOL, type FlowNetwork, type FlowResult } from '../src/flow/types.js';
import { solveWithGlpk } from '../src/solve/glpk.js';
import { type Kernels, loadKernels } from '../src/wasm/kernels.js';

const RUNS = 400;

/**
 * Supply nodes 0 … S−1 (the demand points of the placement problem), sinks S … S+T−1, and a
 * slack node X = S+T with supply Σ demand − Σ supply: arcs i → X (surplus) and X → j (unmet) at a
 * high penalty keep every network feasible. Arcs i → j exist for a random subset of pairs.
 */
interface Spec {
  readonly supply: readonly number[];
  readonly demand: readonly number[];
  readonly pairs: readonly { readonly on: boolean; readonly cost: number; readonly cap: number }[];
  readonly penalty: number;
  /** Round supplies, demands and capacities to integers (costs stay as drawn). */
  readonly integral: boolean;
}

const amount = fc.oneof(
  fc.integer({ min: 0, max: 60 }),
  fc.double({ min: 0, max: 60, noNaN: true, noDefaultInfinity: true }),
);
const cost = fc.oneof(
  fc.integer({ min: 0, max: 30 }),
  fc.double({ min: -5, max: 30, noNaN: true, noDefaultInfinity: true }),
);
const cap = fc.oneof(
  fc.constant(Infinity),
  fc.integer({ min: 0, max: 40 }),
  fc.double({ min: 0, max: 40, noNaN: true, noDefaultInfinity: true }),
);
const specArb: fc.Arbitrary<Spec> = fc
  .record({ nS: fc.integer({ min: 2, max: 8 }), nT: fc.integer({ min: 2, max: 6 }) })
  .chain(({ nS, nT }) =>
    fc.record({
      supply: fc.array(amount, { minLength: nS, maxLength: nS }),
      demand: fc.array(amount, { minLength: nT, maxLength: nT }),
      pairs: fc.array(fc.record({ on: fc.double({ min: 0, max: 1, noNaN: true }).map((p) => p < 0.7), cost, cap }), {
        minLength: nS * nT,
        maxLength: nS * nT,
      }),
      penalty: fc.double({ min: 40, max: 500, noNaN: true, noDefaultInfinity: true }),
      integral: fc.boolean(),
    }),
  );

function toNetwork(spec: Spec): FlowNetwork {
  const nS = spec.supply.length;
  const nT = spec.demand.length;
  const x = nS + nT;
  const src: number[] = [];
  const tgt: number[] = [];
  const caps: number[] = [];
  const costs: number[] = [];
  const round = (v: number) => (spec.integral ? Math.round(v) : v);
  const arc = (s: number, t: number, c: number, u: number) => {
    src.push(s);
    tgt.push(t);
    costs.push(c);
    caps.push(round(u));
  };
  spec.pairs.forEach((p, k) => {
    if (p.on) arc(Math.floor(k / nT), nS + (k % nT), p.cost, p.cap);
  });
  for (let i = 0; i < nS; i++) arc(i, x, spec.penalty, Infinity);
  for (let j = 0; j < nT; j++) arc(x, nS + j, spec.penalty, Infinity);
  const supply = new Float64Array(x + 1);
  let sum = 0;
  for (let i = 0; i < nS; i++) sum += supply[i] = round(spec.supply[i]!);
  for (let j = 0; j < nT; j++) sum += supply[nS + j] = -round(spec.demand[j]!);
  supply[x] = -sum;
  return {
    nodes: x + 1,
    source: Int32Array.from(src),
    target: Int32Array.from(tgt),
    capacity: Float64Array.from(caps),
    cost: Float64Array.from(costs),
    supply,
  };
}

/** The same problem as an LP: one column per arc, one equality row per node. */
function toLp(net: FlowNetwork): LpModel {
  const m: LpModel = { name: 'mcf', cols: [], rows: [] };
  const m0 = net.source.length;
  // glpk names columns and rows after their meanings, so each needs a distinct one: arc a is
  // tagged as slack a, node v's row as the demand row of v.
  for (let a = 0; a < m0; a++) addColumn(m, net.cost[a]!, net.capacity[a]!, { kind: 'slack', row: a });
  for (let v = 0; v < net.nodes; v++) {
    const cols: number[] = [];
    const coefs: number[] = [];
    for (let a = 0; a < m0; a++) {
      if (net.source[a] === v) {
        cols.push(a);
        coefs.push(1);
      } else if (net.target[a] === v) {
        cols.push(a);
        coefs.push(-1);
      }
    }
    const b = net.supply[v]!;
    addRow(m, { cols, coefs, lb: b, ub: b, meaning: { kind: 'demand', demand: v, hour: null } });
  }
  return m;
}

/** Feasibility and complementary slackness of `r` for `net`; returns a list of failures. */
function certify(net: FlowNetwork, r: FlowResult): string[] {
  const bad: string[] = [];
  let scale = 1;
  for (const b of net.supply) scale = Math.max(scale, Math.abs(b));
  const tolFlow = 1e-9 * scale;
  let maxCost = 0;
  for (const c of net.cost) maxCost = Math.max(maxCost, Math.abs(c));
  const eps = FLOW_COST_TOL * Math.max(1, maxCost);
  const balance = new Float64Array(net.nodes);
  let obj = 0;
  for (let a = 0; a < net.source.length; a++) {
    const f = r.flow[a]!;
    const u = net.capacity[a]!;
    if (!(f >= 0 && f <= u)) bad.push(`arc ${a}: flow ${f} outside [0, ${u}]`);
    balance[net.source[a]!]! += f;
    balance[net.target[a]!]! -= f;
    obj += net.cost[a]! * f;
    const rc = net.cost[a]! + r.potential[net.source[a]!]! - r.potential[net.target[a]!]!;
    if (f === 0 && u > 0 && rc < -eps) bad.push(`arc ${a}: at 0 with reduced cost ${rc}`);
    else if (f === u && u > 0 && rc > eps) bad.push(`arc ${a}: at capacity with reduced cost ${rc}`);
    else if (f > 0 && f < u && Math.abs(rc) > eps) bad.push(`arc ${a}: between bounds with reduced cost ${rc}`);
  }
  for (let v = 0; v < net.nodes; v++) {
    if (Math.abs(balance[v]! - net.supply[v]!) > tolFlow) bad.push(`node ${v}: balance ${balance[v]} ≠ ${net.supply[v]}`);
  }
  if (Math.abs(obj - r.objective) > 1e-9 * Math.max(1, Math.abs(obj))) bad.push(`objective ${r.objective} ≠ Σ c·f ${obj}`);
  return bad;
}

const relGap = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

/**
 * D demands × S sites, every demand connected to every site at a non-integer cost, fractional
 * amounts, unmet arcs at 50, site capacities 90% of the demand in total.
 */
function denseTransportation(D: number, S: number, seed: number): FlowNetwork {
  let st = seed >>> 0;
  const next = () => (st = (Math.imul(st, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const sink = D + S;
  const src: number[] = [];
  const tgt: number[] = [];
  const caps: number[] = [];
  const costs: number[] = [];
  const supply = new Float64Array(D + S + 1);
  let total = 0;
  for (let d = 0; d < D; d++) {
    total += supply[d] = Math.round(1000 * (0.5 + 20 * next())) / 1000;
    for (let s = 0; s < S; s++) {
      src.push(d);
      tgt.push(D + s);
      caps.push(Infinity);
      costs.push(1 + 9 * next());
    }
    src.push(d);
    tgt.push(sink);
    caps.push(Infinity);
    costs.push(50);
  }
  for (let s = 0; s < S; s++) {
    src.push(D + s);
    tgt.push(sink);
    caps.push(Math.round((0.9 * total) / S));
    costs.push(0);
  }
  supply[sink] = -total;
  return {
    nodes: D + S + 1,
    source: Int32Array.from(src),
    target: Int32Array.from(tgt),
    capacity: Float64Array.from(caps),
    cost: Float64Array.from(costs),
    supply,
  };
}

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernels();
});

describe('network simplex vs glpk.js', () => {
  it(`${RUNS} random transportation networks: same optimum, feasible flows, certified by potentials`, async () => {
    let integral = 0;
    await fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        const net = toNetwork(spec);
        const lp = await solveWithGlpk(toLp(net), 30);
        expect(lp.status).toBe('optimal');
        const ts = networkSimplexTS(net);
        const wasm = networkSimplexWasm(kernels, net);
        for (const r of [ts, wasm]) {
          expect(r.status).toBe('optimal');
          expect(relGap(r.objective, lp.z), `objective ${r.objective} vs glpk ${lp.z}`).toBeLessThanOrEqual(1e-7);
          expect(certify(net, r)).toEqual([]);
        }
        // The twins run the same f64 operations in the same order.
        expect(Object.is(wasm.objective, ts.objective)).toBe(true);
        expect(wasm.iterations).toBe(ts.iterations);
        // Integer supplies and capacities give integer flows.
        const ints = (xs: ArrayLike<number>) => Array.prototype.every.call(xs, (v: number) => v === Infinity || Number.isInteger(v));
        if (ints(net.supply) && ints(net.capacity)) {
          integral++;
          expect(ts.flow.every((f) => Number.isInteger(f))).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: 20261128 },
    );
    expect(integral).toBeGreaterThan(RUNS / 4);
  });

  it('medium networks (thousands of pivots, so nodes get renumbered several times) match glpk', async () => {
    for (const [D, S, seed] of [
      [900, 30, 1], // the crash start (most nodes have supply) saves pivots: 600 × 30 took 1,869
      [1200, 20, 2],
    ] as const) {
      const net = denseTransportation(D, S, seed);
      const lp = await solveWithGlpk(toLp(net), 60);
      expect(lp.status).toBe('optimal');
      const ts = networkSimplexTS(net);
      const wasm = networkSimplexWasm(kernels, net);
      expect(ts.iterations).toBeGreaterThan(2000); // renumbered every 1,000 pivots at this size
      for (const r of [ts, wasm]) {
        expect(r.status).toBe('optimal');
        expect(relGap(r.objective, lp.z)).toBeLessThanOrEqual(1e-7);
        expect(certify(net, r)).toEqual([]);
      }
      expect(wasm.flow.every((f, a) => Object.is(f, ts.flow[a]))).toBe(true);
      expect(wasm.potential.every((p, v) => Object.is(p, ts.potential[v]))).toBe(true);
    }
  });

  it('scaling every cost by a positive factor keeps the flow and scales the optimum', () => {
    fc.assert(
      fc.property(specArb, fc.constantFrom(0.001, 3, 1000), (spec, k) => {
        const net = toNetwork(spec);
        const a = networkSimplexTS(net);
        const b = networkSimplexWasm(kernels, { ...net, cost: net.cost.map((c) => c * k) });
        expect(relGap(b.objective, a.objective * k)).toBeLessThanOrEqual(1e-7);
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
