/**
 * The carbon signal (`prices.carbonSignal`): which factor the carbon price and cap use on grid
 * energy. One place decides it, so that the LP, the direct network, sweeps and studies agree.
 */
import type { CarbonSignal, Hourly, Scenario, Site } from './types.js';

/** The scenario's carbon signal (`"average"` unless `prices.carbonSignal` says otherwise). */
export function carbonSignalOf(sc: Scenario): CarbonSignal {
  return sc.prices.carbonSignal ?? 'average';
}

/**
 * The factor, kgCO2/kWh, that the carbon price and cap apply to at `site`: `marginalCarbon` under
 * the marginal signal (validation makes every site give it), else `gridCarbon`.
 */
export function pricedCarbon(sc: Scenario, site: Site): Hourly {
  return carbonSignalOf(sc) === 'marginal' && site.marginalCarbon !== undefined ? site.marginalCarbon : site.gridCarbon;
}
