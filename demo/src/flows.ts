/** Plan figures the map and the tests read: flows of an hour, utilization and load per site (pure). */
import type { Plan } from '../../src/plan/types.js';
import type { ComputeClass } from '../../src/scenario/types.js';
import type { ScenarioView } from './protocol.js';

/** Flow of one origin, site and class in one hour. */
export interface Flow {
  readonly origin: string;
  readonly site: string;
  readonly class: ComputeClass;
  readonly amount: number;
}

/** Flows of an hour: assignments summed per origin, site and class. */
export function flowsAt(plan: Plan, view: ScenarioView, hour: number): Flow[] {
  const m = new Map<string, Flow>();
  for (const a of plan.assignments) {
    if (a.hour !== hour || !(a.amount > 0)) continue;
    const d = view.demands[a.demand];
    if (!d) continue;
    const key = `${d.origin}|${a.site}|${d.class}`;
    const f = m.get(key);
    m.set(key, { origin: d.origin, site: a.site, class: d.class, amount: (f?.amount ?? 0) + a.amount });
  }
  return [...m.values()];
}

/** Per site: the busiest class's used / usable capacity at an hour. */
export function utilizationAt(plan: Plan, hour: number): Map<string, number> {
  const m = new Map<string, number>();
  for (const u of plan.utilization) {
    if (u.hour !== hour || !(u.capacity > 0)) continue;
    m.set(u.site, Math.max(m.get(u.site) ?? 0, u.used / u.capacity));
  }
  return m;
}

/** Per site: units placed over the horizon, all classes. */
export function siteLoad(plan: Plan): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of plan.assignments) m.set(a.site, (m.get(a.site) ?? 0) + a.amount);
  return m;
}
