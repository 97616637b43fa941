/**
 * Built-in scenario: the one-day "East Data, West Computing" system under the target of > 80%
 * green electricity for new hub data centres (DESIGN §2: public plans 2021–2024, by end-2025).
 *
 * Assumption (stated, not sourced): the target is applied as `sites[].minGreenShare = 0.8` at
 * the five clusters that have contracted green supply in the built-in data (Zhangjiakou and the
 * four western clusters), over the day; the other clusters buy grid power as before (they have no
 * green supply in the data, so a share there would only shut them down). No green supply is added:
 * the scenario shows what the rule costs with the supply as it is, and where work then goes.
 */
import type { Scenario } from '../types.js';
import { eastDataWestComputing } from './east-data-west-computing.js';

/** Share of green energy required at clusters with contracted green supply. */
export const GREEN_HUB_SHARE = 0.8;

/** The built-in day with the 80% green-share rule at the clusters that have green supply. */
export function eastDataWestComputingGreenHubs(): Scenario {
  const base = eastDataWestComputing;
  return {
    ...base,
    name: 'east-data-west-computing-green-hubs',
    description: `${base.description ?? ''} Green-hub variant: at least ${100 * GREEN_HUB_SHARE}% green energy over the day at every cluster with contracted green supply.`.trim(),
    sites: base.sites.map((s) => (s.greenSupplyMW !== undefined ? { ...s, minGreenShare: GREEN_HUB_SHARE } : s)),
  };
}
