/** The weighted-sum frontier: carbon prices from 0 to just past the steepest marginal abatement cost. */
import type { Scenario } from '../scenario/types.js';
import { sweep } from '../solve/sweep.js';
import { tonnesOf } from './min-carbon.js';
import type { CheckedParetoOptions } from './options.js';
import { differ, fmt, FrontierRun, withCap, withPrice } from './run.js';
import type { ParetoFrontier } from './types.js';

/** Where between the least carbon and the price-0 carbon the probe cap sits (inside the last segment). */
const PROBE = 1e-5;

/** x rounded up to two significant digits (a readable top price that is still ≥ x). */
export function ceil2(x: number): number {
  if (!(x > 0)) return 0;
  const e = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Number((Math.ceil(x / e) * e).toPrecision(2));
}

/**
 * Prices p_k = k · P / (n − 1), k = 0 … n − 1. P is where carbon stops falling: the cost-minimizing
 * carbon under price p sits where the frontier's slope passes p, and the frontier is convex, so
 * its steepest slope is at the least-carbon end. That slope is the cap price of a cap just above
 * the least carbon, at carbon price 0 (a cap strictly inside the last linear piece has a unique
 * dual, the piece's slope); P is 1% above it, rounded up to two significant digits.
 */
export async function priceFrontier(sc: Scenario, latencyScale: number, o: CheckedParetoOptions): Promise<ParetoFrontier> {
  const run = new FrontierRun(sc, latencyScale, o);
  const ownCap = sc.policy?.carbonCapTonnes ?? null;
  // Price 0 gives the cheapest plan without carbon: the high-carbon end of this frontier.
  const base = await run.solve(withPrice(sc, 0));
  const ends = await run.ends('price 0 CNY/t', 'price-0', base, ownCap, 0);
  if (!('high' in ends)) return ends;
  const { high: c0, low: cMin } = ends;

  const probeCap = cMin + PROBE * (c0 - cMin);
  const probe = await run.solve(withPrice(withCap(sc, ownCap === null ? probeCap : Math.min(probeCap, ownCap)), 0), run.helperOptions);
  const steepest = probe.policyPrices?.carbonCap;
  if (probe.status !== 'optimal' || steepest === undefined) {
    run.notes.push(`the probe for the top price ended "${probe.status}" without a cap price, so no prices were swept`);
    return run.finish(c0, cMin);
  }
  // A flat frontier (abatement costs nothing) still needs a positive price to pick the clean plan.
  const top = steepest > 0 ? ceil2(1.01 * steepest) : 1;
  const n = o.points;
  const prices = Array.from({ length: n - 1 }, (_, i) => (i + 1 === n - 1 ? top : ((i + 1) * top) / (n - 1)));
  run.notes.push(`prices 0 … ${fmt(top)} CNY/t in ${n - 1} equal steps: the top is 1% above the marginal abatement cost at the least-carbon end (${fmt(steepest)} CNY/t)`);
  if (run.aborted) {
    run.notes.push(`aborted: ${prices.length} price${prices.length === 1 ? '' : 's'} not solved`);
    return run.finish(c0, cMin);
  }
  const swept = await sweep(sc, { carbonPrice: prices }, o.solve);
  run.solves += swept.points.length;
  for (const { carbonPerTonne, plan } of swept.points) {
    run.record(plan);
    run.add(`price ${fmt(carbonPerTonne)} CNY/t`, plan, ownCap, carbonPerTonne);
  }
  const last = swept.points.at(-1)?.plan;
  if (last?.carbon && differ(tonnesOf(last, run.accounting), cMin) && tonnesOf(last, run.accounting) > cMin) {
    run.notes.push(`the top price stopped at ${fmt(tonnesOf(last, run.accounting))} t, above the least carbon ${fmt(cMin)} t (the probe missed the last linear piece)`);
  }
  return run.finish(c0, cMin);
}
