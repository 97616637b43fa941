/**
 * How the ranking of strategies changes between the average and the marginal carbon signal
 * (issue 14): strategies ordered by carbon and by total cost on each signal, least first.
 */
import type { StrategyMetrics, StrategyName } from './types.js';

/** Orders of the strategies (those with a plan, least first; equal figures keep report order) on each signal. */
export interface SignalRanking {
  /**
   * By carbon on the average signal: tonnes of `policy.carbonAccounting` with `gridCarbon`
   * (market- or location-based).
   */
  readonly carbonAverage: readonly StrategyName[];
  /** By `marginalTonnes` (grid energy × `marginalCarbon`). */
  readonly carbonMarginal: readonly StrategyName[];
  /** By total cost with carbon priced at `prices.carbonPerTonne` on the average tonnes above. */
  readonly costAverage: readonly StrategyName[];
  /** By total cost with carbon priced at `prices.carbonPerTonne` on the marginal tonnes. */
  readonly costMarginal: readonly StrategyName[];
  /** Whether the carbon order or the cost order differs between the two signals. */
  readonly changed: boolean;
}

/** Ties within this relative difference keep report order. */
const TIE = 1e-9;

function order(items: readonly { name: StrategyName; value: number }[]): StrategyName[] {
  return [...items]
    .sort((a, b) => {
      const d = a.value - b.value;
      return Math.abs(d) <= TIE * Math.max(1, Math.abs(a.value), Math.abs(b.value)) ? 0 : d;
    })
    .map((x) => x.name);
}

const same = (a: readonly StrategyName[], b: readonly StrategyName[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Rankings of `strategies` (in report order) on both signals; null when a strategy with a plan has
 * no marginal tonnes (not every site gives `marginalCarbon`). `carbonPerTonne`: the scenario's price.
 */
export function signalRanking(strategies: readonly { name: StrategyName; metrics: StrategyMetrics | null }[], carbonPerTonne: number): SignalRanking | null {
  const withPlan = strategies.filter((s): s is { name: StrategyName; metrics: StrategyMetrics } => s.metrics !== null);
  if (withPlan.some((s) => s.metrics.marginalTonnes === null)) return null;
  const avgTonnes = (m: StrategyMetrics) => (m.accounting === 'location' ? m.locationTonnes : m.marketTonnes);
  // Total cost less the carbon the scenario priced, plus carbon priced on one signal.
  const costOn = (m: StrategyMetrics, tonnes: number) => m.totalCost - m.carbonCost + carbonPerTonne * tonnes;
  const carbonAverage = order(withPlan.map((s) => ({ name: s.name, value: avgTonnes(s.metrics) })));
  const carbonMarginal = order(withPlan.map((s) => ({ name: s.name, value: s.metrics.marginalTonnes! })));
  const costAverage = order(withPlan.map((s) => ({ name: s.name, value: costOn(s.metrics, avgTonnes(s.metrics)) })));
  const costMarginal = order(withPlan.map((s) => ({ name: s.name, value: costOn(s.metrics, s.metrics.marginalTonnes!) })));
  return { carbonAverage, carbonMarginal, costAverage, costMarginal, changed: !same(carbonAverage, carbonMarginal) || !same(costAverage, costMarginal) };
}
