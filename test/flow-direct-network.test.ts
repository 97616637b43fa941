import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDirectNetwork, buildDirectNetworkAsync, unhandledFeature } from '../src/formulate/network-direct.js';
import { countModel, type ModelCounts } from '../src/formulate/estimate.js';
import { formulatePlacement, pairLatencies } from '../src/formulate/placement.js';
import { mergeIdenticalDemands } from '../src/formulate/presolve.js';
import { modelToNetwork, notNetworkReason } from '../src/formulate/to-network.js';
import { latencyMatrix } from '../src/geo/latency-matrix.js';
import { verifyPlan } from '../src/plan/verify.js';
import type { Demand, Expansion, Scenario, Site } from '../src/scenario/types.js';
import { setResultFaultForTesting } from '../src/solve/backend-seam.js';
import { solve } from '../src/solve/solve.js';
import { generateScenario } from '../src/bench/generate.js';
import { scenarios } from '../src/datasets/index.js';
import { validateScenario } from '../src/scenario/validate.js';

/**
 * The direct builder (scenario → typed arrays) must give the very network of the LP model path
 * (modelToNetwork ∘ formulatePlacement), arc for arc and bit for bit, and `solve` the same plan.
 */

const RUNS = Number(process.env.SUANFLOW_PROPERTY_RUNS ?? 200);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    H: fc.integer({ min: 1, max: 4 }),
    sites: fc.array(
      fc.record({
        lon: fc.double({ min: 100, max: 122, noNaN: true }),
        lat: fc.double({ min: 22, max: 42, noNaN: true }),
        capG: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }),
        capI: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        price: fc.array(fc.double({ min: 0.1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        cost: fc.double({ min: 0, max: 5, noNaN: true }),
        grid: fc.double({ min: 0, max: 0.9, noNaN: true }),
        green: fc.boolean(),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    origins: fc.array(fc.record({ lon: fc.double({ min: 100, max: 122, noNaN: true }), lat: fc.double({ min: 22, max: 42, noNaN: true }) }), { minLength: 1, maxLength: 3 }),
    demands: fc.array(
      fc.record({
        origin: fc.nat(),
        intelligent: fc.boolean(),
        amount: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 4, maxLength: 4 }),
        windowed: fc.boolean(),
        release: fc.nat(),
        mph: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        data: fc.constantFrom(0, 0.5, 2),
        latency: fc.constantFrom(8, 15, 30, 100),
        allowed: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { nil: undefined }),
        twin: fc.boolean(),
        res: fc.option(fc.constantFrom<'west' | 'east'>('west', 'east'), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    linkCost: fc.option(fc.double({ min: 0, max: 0.3, noNaN: true }), { nil: undefined }),
    carbonPrice: fc.constantFrom(0, 50, 300),
    penalty: fc.integer({ min: 5, max: 200 }),
    allowUnmet: fc.boolean(),
    mu: fc.constantFrom(1, 0.9),
    location: fc.boolean(),
  })
  .map(({ H, sites, origins, demands, linkCost, carbonPrice, penalty, allowUnmet, mu, location }) => {
    const ss: Site[] = sites.map((s, i) => ({
      id: `s${i}`,
      name: `s${i}`,
      hub: 'h',
      region: i % 2 === 0 ? 'west' : 'east',
      lon: s.lon,
      lat: s.lat,
      pue: 1.3,
      capacity: { general: s.capG.slice(0, H).map((c, t) => (i === 0 && t === 0 ? Math.max(1, c) : c)), ...(s.capI !== undefined ? { intelligent: s.capI } : {}) },
      powerKW: { general: 2.5, intelligent: 1.2 },
      electricityPrice: s.price.slice(0, H),
      gridCarbon: s.grid,
      unitCost: { general: s.cost, intelligent: 2 * s.cost },
      ...(s.green ? { greenSupplyMW: 0.01 } : {}),
    }));
    const ds: Demand[] = demands.flatMap((d, i) => {
      const release = d.release % H;
      const one: Demand = {
        id: `d${i}`,
        origin: `o${d.origin % origins.length}`,
        class: d.intelligent && ss.some((s) => s.capacity.intelligent !== undefined) ? 'intelligent' : 'general',
        maxLatencyMs: d.latency,
        dataGBPerUnit: d.data,
        ...(d.res ? { residency: { regions: [d.res] } } : {}),
        ...(d.allowed ? { allowedSites: [...new Set(d.allowed.map((k) => `s${k % ss.length}`))] } : {}),
        ...(d.windowed
          ? { amount: d.amount.reduce((a, b) => a + b, 0), window: { release, deadline: H, ...(d.mph !== undefined ? { maxPerHour: d.mph } : {}) } }
          : { amount: d.amount.slice(0, H) }),
      };
      // A twin exercises the presolve's merge.
      return d.twin ? [one, { ...one, id: `d${i}b` }] : [one];
    });
    return {
      version: 1,
      name: 'random',
      horizonHours: H,
      sites: ss,
      origins: origins.map((o, i) => ({ id: `o${i}`, name: `o${i}`, province: 'p', lon: o.lon, lat: o.lat })),
      ...(linkCost !== undefined ? { links: [{ from: 'o0', to: 's0', costPerGB: linkCost, latencyMs: 5 }] } : {}),
      demands: ds,
      prices: { carbonPerTonne: carbonPrice, unmetPenalty: penalty, transferPerGB: 0.05 },
      policy: { maxUtilization: mu, allowUnmet, carbonAccounting: location ? 'location' : 'market' },
    } satisfies Scenario;
  })
  .filter((sc) => {
    try {
      validateScenario(sc);
      return true;
    } catch {
      return false;
    }
  });

async function latencyOf(sc: Scenario): Promise<Float64Array> {
  return pairLatencies(sc, await latencyMatrix(sc.origins, sc.sites));
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The plan without the fields that differ by construction (times, the reason's suffix). */
function comparable(p: Awaited<ReturnType<typeof solve>>) {
  const { ms: _ms, selfCheckMs: _s, reason: _r, ...solver } = p.solver;
  return { ...p, solver };
}

afterEach(() => setResultFaultForTesting(undefined));

describe('direct network builder = LP model → network', () => {
  it(`the size estimate from the builder's first pass equals countModel (${RUNS} random scenarios)`, async () => {
    let sized = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (raw) => {
        const sc = mergeIdenticalDemands(raw).scenario;
        const lat = await latencyOf(sc);
        let counts: ModelCounts | undefined;
        const built = await buildDirectNetworkAsync(sc, lat, () => undefined, undefined, (c) => (counts = c));
        // The estimate is handed over before the arrays exist, exactly when the builder goes on to build.
        expect(counts !== undefined).toBe(built.ok);
        if (counts === undefined) return;
        sized++;
        expect(counts).toEqual(countModel(sc, lat));
      }),
      { numRuns: RUNS, seed: 7 },
    );
    expect(sized).toBeGreaterThan(RUNS / 4);
    // The bench generator, dense and sparse, with windows off and on hours.
    for (const [reach, hours] of [[0.85, 1], [0.3, 3]] as const) {
      const sc = mergeIdenticalDemands(generateScenario({ demands: 400, sites: 20, hours, seed: 3, reach })).scenario;
      const lat = await latencyOf(sc);
      let counts: ModelCounts | undefined;
      await buildDirectNetworkAsync(sc, lat, () => undefined, undefined, (c) => (counts = c));
      expect(counts).toEqual(countModel(sc, lat));
    }
    // Green supply under a carbon price only in hours without columns: a network for the builder,
    // but countModel counts green columns there (and calls the model coupled); so must the builder.
    const site = (id: string, lon: number): Site => ({
      id, name: id, hub: 'h', region: 'west', lon, lat: 30, pue: 1.2,
      capacity: { general: [10, 0, 10] }, powerKW: { general: 2 }, electricityPrice: 0.5, gridCarbon: 0.5,
      unitCost: { general: 1 }, greenSupplyMW: [0, 5, 0],
    });
    const green: Scenario = {
      version: 1, name: 'green off-hours', horizonHours: 3,
      sites: [site('s0', 105), site('s1', 106)],
      origins: [{ id: 'o0', name: 'o0', province: 'p', lon: 105.5, lat: 30 }],
      demands: [{ id: 'd0', origin: 'o0', class: 'general', amount: [4, 0, 3], maxLatencyMs: 100 }, { id: 'd1', origin: 'o0', class: 'general', amount: 6, maxLatencyMs: 100, window: { release: 0, deadline: 1, maxPerHour: 4 } }],
      prices: { carbonPerTonne: 50, unmetPenalty: 100, transferPerGB: 0.05 },
    };
    const gl = await latencyOf(validateScenario(green));
    let gc: ModelCounts | undefined;
    const gb = await buildDirectNetworkAsync(green, gl, () => undefined, undefined, (c) => (gc = c));
    expect(gb.ok).toBe(true);
    expect(gc).toEqual(countModel(green, gl));
    expect(gc!.coupled).toBe(true);
  });

  it(`same nodes, arcs, capacities, costs and supplies, bit for bit (${RUNS} random scenarios)`, async () => {
    let built = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (raw) => {
        const sc = mergeIdenticalDemands(raw).scenario;
        const lat = await latencyOf(sc);
        const m = formulatePlacement(sc, lat);
        const direct = buildDirectNetwork(sc, lat);
        const reason = notNetworkReason(m);
        if (reason !== undefined) {
          // Coupling rows: the builder must refuse, never build something else.
          expect(direct.ok).toBe(false);
          return;
        }
        if (!direct.ok) {
          // It may refuse only for bandwidth (conservative); here no link has a bandwidth.
          throw new Error(`refused a network: ${direct.reason}`);
        }
        built++;
        const { net } = modelToNetwork(m);
        const d = direct.network.net;
        expect(d.nodes).toBe(net.nodes);
        expect(sameBits(d.source, net.source)).toBe(true);
        expect(sameBits(d.target, net.target)).toBe(true);
        expect(sameBits(d.capacity, net.capacity)).toBe(true);
        expect(sameBits(d.cost, net.cost)).toBe(true);
        expect(sameBits(d.supply, net.supply)).toBe(true);
        expect(direct.network.variables).toBe(m.cols.length);
        expect(direct.network.constraints).toBe(m.rows.length);
      }),
      { numRuns: RUNS, seed: 20261201 },
    );
    expect(built).toBeGreaterThan(RUNS / 4);
  });

  it('solve: the direct plan equals the LP model path plan (objective bit-identical) and verifies', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const direct = await solve(sc, { backend: 'auto' });
        // An installed (identity) fault sends solve down the LP model path.
        setResultFaultForTesting((_b, res) => res);
        const viaModel = await solve(sc, { backend: 'auto' });
        setResultFaultForTesting(undefined);
        expect(direct.status).toBe(viaModel.status);
        expect(Object.is(direct.objective, viaModel.objective)).toBe(true);
        expect(comparable(direct)).toEqual(comparable(viaModel));
        if (direct.objective !== null) expect(verifyPlan(sc, direct).violations).toEqual([]);
      }),
      { numRuns: Math.max(30, RUNS / 4), seed: 7 },
    );
  });

  it('the bench generator and the built-in day: same plan by both paths, and the direct one is taken', async () => {
    const day: Scenario = { ...scenarios.eastDataWestComputing, prices: { ...scenarios.eastDataWestComputing.prices, carbonPerTonne: 0 }, policy: {} };
    // Residency only prunes arcs: it stays on the direct path.
    const resident: Scenario = { ...day, demands: day.demands.map((d, i) => (i % 7 === 0 && d.window ? { ...d, residency: { regions: ['west', 'central'] } } : d)) };
    expect(resident.demands.some((d) => d.residency)).toBe(true);
    for (const sc of [generateScenario({ demands: 300, sites: 12, hours: 3, seed: 5, reach: 0.9 }), day, resident]) {
      const direct = await solve(sc, { backend: 'flow' });
      expect(direct.status).toBe('optimal');
      expect(direct.solver.reason).toMatch(/network built directly from the scenario$/);
      setResultFaultForTesting((_b, res) => res);
      const viaModel = await solve(sc, { backend: 'flow' });
      expect(viaModel.solver.reason).not.toMatch(/directly/);
      setResultFaultForTesting(undefined);
      expect(comparable(direct)).toEqual(comparable(viaModel));
    }
  });
});

describe('direct network builder: fields it does not know send solve to the LP model path', () => {
  it('names an unknown field at any level, and solve still answers (through the LP model)', async () => {
    const sc = generateScenario({ demands: 20, sites: 4, hours: 2, seed: 3 });
    const withDemandField = { ...sc, demands: sc.demands.map((d, i) => (i === 2 ? { ...d, replicas: 2 } : d)) } as unknown as Scenario;
    expect(unhandledFeature(withDemandField)).toBe('the direct network builder does not handle $.demands[2].replicas');
    expect(unhandledFeature({ ...sc, policy: { survive: 'n-1' } } as unknown as Scenario)).toBe('the direct network builder does not handle $.policy.survive');
    expect(unhandledFeature(sc)).toBeUndefined();
    const lat = await latencyOf(sc);
    const refused = buildDirectNetwork({ ...sc, backbone: {} } as unknown as Scenario, lat);
    expect(refused).toEqual({ ok: false, reason: 'the direct network builder does not handle $.backbone' });
  });

  it('an expansion block (read by expand only) stays on the direct path: the same network and plan as the LP model path', async () => {
    const sc = generateScenario({ demands: 40, sites: 5, hours: 3, seed: 11, reach: 0.8 });
    const expansion: Expansion = {
      candidates: [{ site: sc.sites[0]!.id, class: 'general', moduleCapacity: 50, fixedCost: 1000, maxModules: 2 }],
      scenarios: [
        { name: 'base', probability: 0.5 },
        { name: 'high', probability: 0.5, demandScale: 1.5 },
      ],
    };
    const withExpansion: Scenario = { ...sc, expansion };
    expect(unhandledFeature(withExpansion)).toBeUndefined();
    const lat = await latencyOf(withExpansion);
    const a = buildDirectNetwork(withExpansion, lat);
    const b = buildDirectNetwork(sc, lat);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(sameBits(a.network.net.cost, b.network.net.cost)).toBe(true);
    expect(sameBits(a.network.net.capacity, b.network.net.capacity)).toBe(true);
    const direct = await solve(withExpansion, { backend: 'flow' });
    expect(direct.status).toBe('optimal');
    expect(direct.solver.reason).toMatch(/network built directly from the scenario$/);
    setResultFaultForTesting((_b, res) => res);
    const viaModel = await solve(withExpansion, { backend: 'flow' });
    setResultFaultForTesting(undefined);
    expect(viaModel.solver.reason).not.toMatch(/directly/);
    expect(Object.is(direct.objective, viaModel.objective)).toBe(true);
    expect(comparable(direct)).toEqual(comparable(viaModel));
    // solve ignores the block: the plan without it is the same.
    expect(comparable(await solve(sc, { backend: 'flow' }))).toEqual(comparable(direct));
    expect(verifyPlan(withExpansion, direct).violations).toEqual([]);
  });

  it('refuses coupling rows with the reason', async () => {
    const sc = generateScenario({ demands: 20, sites: 4, hours: 2, seed: 3 });
    const lat = await latencyOf(sc);
    expect(buildDirectNetwork({ ...sc, policy: { carbonCapTonnes: 5 } }, lat)).toEqual({ ok: false, reason: 'a carbon-cap row' });
    expect(buildDirectNetwork({ ...sc, policy: { minGreenShare: 0.2 } }, lat)).toEqual({ ok: false, reason: 'a green-share row' });
    const green = generateScenario({ demands: 20, sites: 4, hours: 2, seed: 3, green: true });
    const g = buildDirectNetwork(green, await latencyOf(green));
    expect(g.ok).toBe(notNetworkReason(formulatePlacement(green, await latencyOf(green))) === undefined);
  });
});
