/**
 * The single outages an N-1-secure plan must survive (`policy.survive`): each site (`any-site`)
 * or all sites of each hub (`any-hub`), per protected class. Outages that take down the same set
 * of sites are one outage, protecting the union of their classes.
 */
import { COMPUTE_CLASSES, type ComputeClass, type Scenario, type SurviveScope } from '../scenario/types.js';

/** One outage: the site indices down together and the classes whose work must be re-routed. */
export interface Outage {
  readonly sites: readonly number[];
  readonly classes: readonly ComputeClass[];
}

/** The scope protecting class `cls`, or undefined when `policy.survive` leaves it unprotected. */
export function surviveScopeOf(sc: Scenario, cls: ComputeClass): SurviveScope | undefined {
  const s = sc.policy?.survive;
  return s === undefined ? undefined : typeof s === 'string' ? s : s[cls];
}

/** Every single outage of the scenario's `policy.survive`, in site order (empty without it). */
export function outagesOf(sc: Scenario): Outage[] {
  const byKey = new Map<string, { sites: number[]; classes: ComputeClass[] }>();
  const add = (sites: number[], cls: ComputeClass) => {
    const key = sites.join(',');
    const o = byKey.get(key);
    if (!o) byKey.set(key, { sites, classes: [cls] });
    else if (!o.classes.includes(cls)) o.classes.push(cls);
  };
  for (const cls of COMPUTE_CLASSES) {
    const scope = surviveScopeOf(sc, cls);
    if (scope === 'any-site') sc.sites.forEach((_, s) => add([s], cls));
    else if (scope === 'any-hub') {
      const hubs = new Map<string, number[]>();
      sc.sites.forEach((site, s) => (hubs.get(site.hub) ?? hubs.set(site.hub, []).get(site.hub)!).push(s));
      for (const sites of hubs.values()) add(sites, cls);
    }
  }
  return [...byKey.values()];
}
