/**
 * `sweep(scenario, { carbonPrice })`: one plan per carbon price. When the model stays a network
 * at every price (no green supply under market accounting, no coupling rows), it is validated,
 * presolved and formulated once; only arc costs change between points (by carbon price × kgCO2
 * per unit / 1000), and each network simplex starts from the previous point's optimal tree.
 * Otherwise every point is a full `solve`.
 */
import { OptionsError } from '../errors.js';
import { NetworkSimplexWasm } from '../flow/network-simplex-wasm.js';
import { mergeIdenticalDemands } from '../formulate/presolve.js';
import { flowToLp, modelToNetwork, notNetworkReason } from '../formulate/to-network.js';
import type { Plan } from '../plan/types.js';
import { valueAt } from '../scenario/hourly.js';
import type { Scenario } from '../scenario/types.js';
import { validateScenario } from '../scenario/validate.js';
import { loadKernels } from '../wasm/kernels.js';
import { buildModel, solve, type SolveOptions } from './solve.js';
import { planFromSolution, unmergePlan } from './to-plan.js';

/** What `sweep` varies. */
export interface SweepGrid {
  /** Carbon prices, CNY per tonne, each ≥ 0; one plan per entry, in this order. */
  readonly carbonPrice: readonly number[];
}

/** Plans of a sweep and how they were obtained. */
export interface SweepResult {
  readonly points: readonly { readonly carbonPerTonne: number; readonly plan: Plan }[];
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

const withPrice = (sc: Scenario, p: number): Scenario => ({ ...sc, prices: { ...sc.prices, carbonPerTonne: p } });

/** Solves `scenario` at every carbon price of the grid (see the module comment for when it is warm). */
export async function sweep(scenario: Scenario, grid: SweepGrid, options: SweepOptions = {}): Promise<SweepResult> {
  const t0 = performance.now();
  const prices = grid.carbonPrice;
  if (!Array.isArray(prices) || prices.length === 0) throw new OptionsError('carbonPrice', 'must be a non-empty array of prices');
  prices.forEach((p, i) => {
    if (!(typeof p === 'number' && Number.isFinite(p) && p >= 0)) throw new OptionsError(`carbonPrice[${i}]`, `must be a finite number ≥ 0, got ${String(p)}`);
  });
  const sc = validateScenario(scenario);
  const backend = options.backend ?? 'auto';
  const warmStart = options.warmStart ?? true;
  const pre = mergeIdenticalDemands(sc);

  // Warm only where flow runs at every price: the most expensive point has the most coupling.
  const top = await buildModel(withPrice(pre.scenario, Math.max(...prices)));
  const coupling = notNetworkReason(top);
  if (coupling || !(backend === 'auto' || backend === 'flow')) {
    const points = [];
    for (const p of prices) points.push({ carbonPerTonne: p, plan: await solve(withPrice(sc, p), options) });
    const reason = coupling ? `cold: ${coupling} couple the model, so each point is a full solve` : `cold: backend "${backend}" was requested`;
    return { points, warm: false, reason, ms: performance.now() - t0 };
  }

  // One network; per x column the carbon term's weight: kgCO2 per unit / 1000.
  const sites = pre.scenario.sites;
  const demands = pre.scenario.demands;
  const carbonPerUnit = Float64Array.from(top.cols, (c) => {
    if (c.meaning.kind !== 'x') return 0;
    const site = sites[c.meaning.site]!;
    const cls = demands[c.meaning.demand]!.class;
    return (site.pue * site.powerKW[cls]! * valueAt(site.gridCarbon, c.meaning.hour)) / 1000;
  });
  const pTop = Math.max(...prices);
  const base = Float64Array.from(top.cols, (c, j) => c.cost - pTop * carbonPerUnit[j]!);
  const mn = modelToNetwork(top);
  const solver = new NetworkSimplexWasm(await loadKernels());
  const presolve = { demands: sc.demands.length, solved: demands.length, merged: pre.merged };
  const points = [];
  for (const [i, p] of prices.entries()) {
    if (options.signal?.aborted) {
      // solve() turns an aborted signal into an `aborted` plan, so every price still has a plan.
      points.push({ carbonPerTonne: p, plan: await solve(withPrice(sc, p), options) });
      continue;
    }
    const t = performance.now();
    for (let j = 0; j < top.cols.length; j++) mn.net.cost[mn.colArc[j]!] = base[j]! + p * carbonPerUnit[j]!;
    const res = solver.solve(mn.net, { warmStart: warmStart && i > 0 });
    if (res.status !== 'optimal') {
      // A network that is infeasible at one price is infeasible at all: the full solve explains it.
      points.push({ carbonPerTonne: p, plan: await solve(withPrice(sc, p), options) });
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
      reason: res.warmStarted ? 'sweep: network simplex warm-started from the previous price' : 'sweep: network simplex, cold start',
    };
    const plan = planFromSolution(withPrice(pre.scenario, p), top, values, duals, 'optimal', 'optimal', info, presolve);
    points.push({ carbonPerTonne: p, plan: unmergePlan(withPrice(sc, p), pre, plan) });
  }
  const reason = warmStart
    ? 'warm: formulated once, each network simplex starts from the previous optimal tree'
    : 'formulated once; warmStart: false, so each network simplex starts cold';
  return { points, warm: warmStart, reason, ms: performance.now() - t0 };
}
