/**
 * `sweep(scenario, { carbonPrice })`, `sweep(scenario, { capacity: { site?, factors } })` or
 * `sweep(scenario, { outage: [[siteId, …], …] })`: one
 * plan per grid point. When the model stays a network at every point (no green supply under market
 * accounting, no coupling rows), it is validated, presolved and formulated once; between points
 * only arc costs (carbon price × kgCO2 per unit / 1000) or the capacity arcs (nominal × factor ×
 * maxUtilization) change, and each network simplex starts from the previous point's tree (kept
 * after a capacity change only while it is still a feasible basis). Otherwise every point is a
 * full `solve`.
 */
import { OptionsError } from '../errors.js';
import { networkSimplexSolver } from '../flow/network-simplex-wasm.js';
import { unitEnergyKWh } from '../formulate/placement.js';
import { mergeIdenticalDemands } from '../formulate/presolve.js';
import { flowToLp, modelToNetwork, notNetworkReason } from '../formulate/to-network.js';
import type { Plan } from '../plan/types.js';
import { valueAt } from '../scenario/hourly.js';
import { pricedCarbon } from '../scenario/carbon-signal.js';
import { COMPUTE_CLASSES, type ComputeClass, type Hourly, type Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { rejectUnknownOptions } from '../options.js';
import { selfCheckPlan } from './self-check.js';
import { buildModel, solveVariant, SOLVE_OPTION_NAMES, type SolveOptions } from './solve.js';
import { planFromSolution, unmergePlan } from './to-plan.js';

/** What `sweep` varies: carbon prices, or capacities (of one site or all) by factors. Exactly one. */
export interface SweepGrid {
  /** Carbon prices, CNY per tonne, each ≥ 0; one plan per entry, in this order. */
  readonly carbonPrice?: readonly number[];
  /**
   * Capacity factors, each ≥ 0 (0: an outage, 1: as given), applied to every class and hour of
   * `site` (a site id), or of every site when `site` is absent; one plan per factor, in order.
   */
  readonly capacity?: { readonly site?: string; readonly factors: readonly number[] };
  /**
   * Outages: one plan per entry, with every listed site's capacity set to 0 (every class and
   * hour); each entry is a non-empty list of site ids. A demand left with no site has its work
   * unmet (validation would refuse such a scenario; a sweep point does not re-validate).
   */
  readonly outage?: readonly (readonly string[])[];
}

/** One point of a sweep: what it varied and its plan (for the scenario as varied). */
export interface SweepPoint {
  readonly carbonPerTonne: number;
  /** The capacity factor of a capacity sweep (absent in a price sweep). */
  readonly capacityFactor?: number;
  /** The sites out at this point of an outage sweep. */
  readonly outage?: readonly string[];
  readonly plan: Plan;
}

/** Plans of a sweep and how they were obtained. */
export interface SweepResult {
  readonly points: readonly SweepPoint[];
  /** Whether formulation was shared and each flow solve started from the previous tree. */
  readonly warm: boolean;
  /** Why (not) warm. */
  readonly reason: string;
  /** Wall time of the whole sweep, ms. */
  readonly ms: number;
}

/** Options of `sweep`: those of `solve`, plus whether network simplex solves start warm. */
export interface SweepOptions extends SolveOptions {
  /**
   * Start each network simplex from the previous point's optimal tree (false: formulation is
   * still shared, but every point's flow solve starts cold; for measuring what warm starts give).
   * @default true
   */
  readonly warmStart?: boolean;
}

interface GridPoint {
  readonly price: number;
  readonly factor?: number;
  readonly outage?: readonly string[];
}

const withPrice = (sc: Scenario, p: number): Scenario => ({ ...sc, prices: { ...sc.prices, carbonPerTonne: p } });

/** `sc` with the capacity of `site` (every site when undefined; the listed sites) times `f`. */
export function withCapacity(sc: Scenario, site: string | readonly string[] | undefined, f: number): Scenario {
  const hit = (id: string) => (site === undefined ? true : typeof site === 'string' ? id === site : site.includes(id));
  const scale = (c: Hourly | undefined) => (c === undefined ? undefined : typeof c === 'number' ? c * f : c.map((x) => x * f));
  return {
    ...sc,
    sites: sc.sites.map((s) => {
      if (!hit(s.id)) return s;
      const capacity: Partial<Record<ComputeClass, Hourly>> = {};
      for (const cls of COMPUTE_CLASSES) {
        const c = scale(s.capacity[cls]);
        if (c !== undefined) capacity[cls] = c;
      }
      return { ...s, capacity };
    }),
  };
}

function checkGrid(sc: Scenario, grid: SweepGrid): GridPoint[] {
  const list = (name: string, xs: unknown): number[] => {
    if (!Array.isArray(xs) || xs.length === 0) throw new OptionsError(name, 'must be a non-empty array of numbers');
    xs.forEach((x, i) => {
      if (!(typeof x === 'number' && Number.isFinite(x) && x >= 0)) throw new OptionsError(`${name}[${i}]`, `must be a finite number ≥ 0, got ${String(x)}`);
    });
    return xs as number[];
  };
  if ([grid.carbonPrice, grid.capacity, grid.outage].filter((g) => g !== undefined).length !== 1) {
    throw new OptionsError('grid', 'give exactly one of carbonPrice, capacity and outage');
  }
  if (grid.carbonPrice !== undefined) return list('carbonPrice', grid.carbonPrice).map((price) => ({ price }));
  if (grid.outage !== undefined) return checkOutages(sc, grid.outage, 'outage').map((outage) => ({ price: sc.prices.carbonPerTonne, outage }));
  const { site, factors } = grid.capacity!;
  if (site !== undefined && !sc.sites.some((s) => s.id === site)) {
    throw new OptionsError('capacity.site', `no site "${site}" (sites: ${sc.sites.map((s) => s.id).join(', ')})`);
  }
  return list('capacity.factors', factors).map((factor) => ({ price: sc.prices.carbonPerTonne, factor }));
}

/**
 * Checks a list of outages (each a non-empty list of distinct site ids of `sc`); `name` is the
 * option's path in errors (`outage[2][0]`).
 */
export function checkOutages(sc: Scenario, outages: unknown, name: string): string[][] {
  if (!Array.isArray(outages) || outages.length === 0) throw new OptionsError(name, 'must be a non-empty array of site-id lists');
  const ids = new Set(sc.sites.map((s) => s.id));
  return outages.map((o: unknown, i) => {
    if (!Array.isArray(o) || o.length === 0) throw new OptionsError(`${name}[${i}]`, 'must be a non-empty array of site ids');
    const seen = new Set<string>();
    o.forEach((id: unknown, k) => {
      if (typeof id !== 'string' || !ids.has(id)) {
        throw new OptionsError(`${name}[${i}][${k}]`, `no site ${JSON.stringify(id)} (sites: ${[...ids].join(', ')})`);
      }
      if (seen.has(id)) throw new OptionsError(`${name}[${i}][${k}]`, `site "${id}" is listed twice`);
      seen.add(id);
    });
    return [...seen];
  });
}

/** Solves `scenario` at every point of the grid (see the module comment for when it is warm). */
export async function sweep(scenario: Scenario, grid: SweepGrid, options: SweepOptions = {}): Promise<SweepResult> {
  const t0 = performance.now();
  rejectUnknownOptions('sweep', options, [...SOLVE_OPTION_NAMES, 'warmStart']);
  const { warmStart: warmOption, ...solveOptions } = options;
  const sc = validateScenario(scenario);
  const grid0 = checkGrid(sc, grid);
  const site = grid.capacity?.site;
  // The scenario as a point varies it (validated once, above; a factor only scales capacity).
  const variant = (base: Scenario, g: GridPoint) => {
    const priced = withPrice(base, g.price);
    if (g.outage !== undefined) return withCapacity(priced, g.outage, 0);
    return g.factor === undefined ? priced : withCapacity(priced, site, g.factor);
  };
  const point = (g: GridPoint, plan: Plan): SweepPoint => ({
    carbonPerTonne: g.price,
    ...(g.factor !== undefined ? { capacityFactor: g.factor } : {}),
    ...(g.outage !== undefined ? { outage: g.outage } : {}),
    plan,
  });
  const backend = options.backend ?? 'auto';
  const warmStart = warmOption ?? true;
  const pre = mergeIdenticalDemands(sc);

  // Warm only where flow runs at every point: the most expensive price has the most coupling.
  const pTop = Math.max(...grid0.map((g) => g.price));
  const top = await buildModel(withPrice(pre.scenario, pTop));
  // N-1 recourse blocks are added by `solve`'s constraint generation, not by buildModel: cold too.
  const coupling = sc.policy?.survive !== undefined ? 'N-1 recourse blocks (policy.survive)' : notNetworkReason(top);
  if (coupling || !(backend === 'auto' || backend === 'flow')) {
    const points = [];
    // Decompose points start from the previous point's multipliers (by row name).
    let mult: Map<string, number> | undefined;
    let carried = 0;
    for (const g of grid0) {
      const warm = { ...(mult ? { initialMultipliers: mult } : {}), onMultipliers: (m: Map<string, number>) => (mult = m) };
      if (mult) carried++;
      points.push(point(g, await solveVariant(variant(sc, g), solveOptions, warm)));
    }
    const viaMultipliers = carried > 0 ? `; decompose starts each point from the previous point's multipliers` : '';
    const reason = (coupling ? `cold: ${coupling} couple the model, so each point is a full solve` : `cold: backend "${backend}" was requested`) + viaMultipliers;
    return { points, warm: false, reason, ms: performance.now() - t0 };
  }

  // One network; per x column the carbon term's weight: kgCO2 per unit / 1000.
  const sites = pre.scenario.sites;
  const demands = pre.scenario.demands;
  const carbonPerUnit = Float64Array.from(top.cols, (c) => {
    if (c.meaning.kind !== 'x') return 0;
    const s = sites[c.meaning.site]!;
    const cls = demands[c.meaning.demand]!.class;
    return (unitEnergyKWh(s, cls) * valueAt(pricedCarbon(pre.scenario, s), c.meaning.hour)) / 1000;
  });
  const base = Float64Array.from(top.cols, (c, j) => c.cost - pTop * carbonPerUnit[j]!);
  const mn = modelToNetwork(top);
  // Capacity arcs the grid scales, with their bound as formulated (factor 1).
  const siteIndex = site === undefined ? -1 : sites.findIndex((s) => s.id === site);
  const capArcs: number[] = [];
  const capSite: number[] = [];
  top.rows.forEach((r, i) => {
    if (r.meaning.kind === 'capacity' && (grid.outage !== undefined || siteIndex < 0 || r.meaning.site === siteIndex)) {
      capArcs.push(mn.rowArc[i]!);
      capSite.push(r.meaning.site);
    }
  });
  const capBase = Float64Array.from(capArcs, (a) => mn.net.capacity[a]!);
  const siteIndexOf = new Map(sites.map((s, i) => [s.id, i]));
  // The shared solver (TS twin where there is no WebAssembly); warm starts check it is still ours.
  const solver = await networkSimplexSolver();
  const presolve = { demands: sc.demands.length, solved: demands.length, merged: pre.merged };
  const what = grid.carbonPrice !== undefined ? 'price' : grid.outage !== undefined ? 'outage' : 'capacity factor';
  const points: SweepPoint[] = [];
  for (const [i, g] of grid0.entries()) {
    if (options.signal?.aborted) {
      // solve() turns an aborted signal into an `aborted` plan, so every point still has a plan.
      points.push(point(g, await solveVariant(variant(sc, g), solveOptions)));
      continue;
    }
    const t = performance.now();
    for (let j = 0; j < top.cols.length; j++) mn.net.cost[mn.colArc[j]!] = base[j]! + g.price * carbonPerUnit[j]!;
    if (g.factor !== undefined) capArcs.forEach((a, k) => (mn.net.capacity[a] = capBase[k]! * g.factor!));
    if (g.outage !== undefined) {
      const out = new Set(g.outage.map((id) => siteIndexOf.get(id)!));
      capArcs.forEach((a, k) => (mn.net.capacity[a] = out.has(capSite[k]!) ? 0 : capBase[k]!));
    }
    const res = solver.solve(mn.net, { warmStart: warmStart && i > 0 });
    if (res.status !== 'optimal') {
      // Unmet arcs keep every point feasible unless demand is hard: the full solve explains it.
      points.push(point(g, await solveVariant(variant(sc, g), solveOptions)));
      continue;
    }
    const { values, duals } = flowToLp(mn, res);
    const info = {
      backend: 'flow' as const,
      ms: performance.now() - t,
      variables: top.cols.length,
      constraints: top.rows.length,
      iterations: res.iterations,
      lpObjective: res.objective,
      reason: res.warmStarted ? `sweep: network simplex warm-started from the previous ${what}` : 'sweep: network simplex, cold start',
    };
    const plan = unmergePlan(variant(sc, g), pre, planFromSolution(variant(pre.scenario, g), top, values, duals, 'optimal', 'optimal', info, presolve));
    // The self-check of solve(): a plan that fails it is re-solved in full (which retries with glpk).
    const check = selfCheckPlan(variant(sc, g), plan);
    points.push(point(g, check.ok ? { ...plan, solver: { ...plan.solver, selfCheckMs: check.ms } } : await solveVariant(variant(sc, g), solveOptions)));
  }
  const reason = warmStart
    ? 'warm: formulated once, each network simplex starts from the previous tree where it is still a feasible basis'
    : 'formulated once; warmStart: false, so each network simplex starts cold';
  return { points, warm: warmStart, reason, ms: performance.now() - t0 };
}
