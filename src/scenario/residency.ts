/** Data residency by place (README "Residency"): which sites a demand's `residency` allows. */
import type { Demand, Site } from './types.js';

/** Whether a site matches a demand's residency (every list given). */
export function residencyAllows(r: Demand['residency'], site: Site): boolean {
  if (!r) return true;
  if (r.regions && !r.regions.includes(site.region)) return false;
  if (r.hubs && !r.hubs.includes(site.hub)) return false;
  if (r.provinces && (site.province === undefined || !r.provinces.includes(site.province))) return false;
  return true;
}
