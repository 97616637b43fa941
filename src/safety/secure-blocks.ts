/**
 * Recourse rows of N-1-secure plans added to the placement LP (README, "N-1-secure plans"), one
 * sub-block per outage o, hour t and protected class c:
 *   Σ_{s∉o, usable} z^o[d,s,t] − Σ_{s'∈o} x[d,s',t] = 0           for each demand d of class c,
 *   Σ_{d of c} (x[d,s,t] + z^o[d,s,t]) ≤ capacity[s,c,t] · maxUtilization   for each site s ∉ o
 *   (written use[s,c,t] + Σ_d z^o[d,s,t] ≤ …, with one row use[s,c,t] = Σ_{d of c} x[d,s,t] shared by all outages),
 * with z ≥ 0 at zero cost; demands with the same usable sites outside o share their z (one
 * commodity: the same transportation problem, so the same feasible set of x). The blocks of different hours and classes share no column, so adding
 * them one (o, t, c) at a time is the same LP as adding outage o's whole block once they are all in.
 */
import { addColumn, addRow, type LpModel } from '../formulate/lp-model.js';
import { valueAt } from '../scenario/hourly.js';
import { COMPUTE_CLASSES, type ComputeClass, type Scenario } from '../scenario/types.js';
import type { Outage } from './outages.js';

const NC = COMPUTE_CLASSES.length;

/** Where the placement columns and capacity rows of a model are. */
export interface ModelIndex {
  /** (demand · nSites + site) · H + hour → x column. */
  readonly xCol: Map<number, number>;
  /** (site · 3 + class) · H + hour → capacity row. */
  readonly capRow: Map<number, number>;
  /** Per hour and class: demand indices with an x column in that hour. */
  readonly demandsAt: Map<number, number[]>;
  /** (site · 3 + class) · H + hour → the `use` column, once a recourse block needs it. */
  readonly useCol: Map<number, number>;
}

/** Indexes `m`'s x columns and capacity rows. */
export function indexModel(sc: Scenario, m: LpModel): ModelIndex {
  const H = sc.horizonHours;
  const nS = sc.sites.length;
  const xCol = new Map<number, number>();
  const capRow = new Map<number, number>();
  const seen = new Set<number>();
  const demandsAt = new Map<number, number[]>();
  m.cols.forEach((c, j) => {
    const x = c.meaning;
    if (x.kind !== 'x') return;
    xCol.set((x.demand * nS + x.site) * H + x.hour, j);
    const key = COMPUTE_CLASSES.indexOf(sc.demands[x.demand]!.class) * H + x.hour;
    const dk = x.demand * H * NC + key;
    if (seen.has(dk)) return;
    seen.add(dk);
    (demandsAt.get(key) ?? demandsAt.set(key, []).get(key)!).push(x.demand);
  });
  m.rows.forEach((r, i) => {
    const c = r.meaning;
    if (c.kind === 'capacity') capRow.set((c.site * NC + COMPUTE_CLASSES.indexOf(c.cls)) * H + c.hour, i);
  });
  return { xCol, capRow, demandsAt, useCol: new Map() };
}

/** Appends the recourse sub-block of outage `o` (index `oi`), class `cls`, hour `t` to `m`. */
export function addRecourseBlock(m: LpModel, sc: Scenario, index: ModelIndex, usable: readonly (readonly number[])[], o: Outage, oi: number, cls: ComputeClass, t: number): void {
  const H = sc.horizonHours;
  const nS = sc.sites.length;
  const mu = sc.policy?.maxUtilization ?? 1;
  const ci = COMPUTE_CLASSES.indexOf(cls);
  const down = new Set(o.sites);
  const zAt = new Map<number, number[]>();
  // Demands whose usable sites outside the outage are the same are one commodity of the
  // transportation problem (the same spare capacity serves them alike): one z per such set and
  // site, fed by all their lost work. Feasibility is unchanged, and the model much smaller.
  const sets = new Map<string, { first: number; targets: number[]; lost: number[] }>();
  for (const d of index.demandsAt.get(ci * H + t) ?? []) {
    const lostCols: number[] = [];
    for (const s of o.sites) {
      const c = index.xCol.get((d * nS + s) * H + t);
      if (c !== undefined) lostCols.push(c);
    }
    if (lostCols.length === 0) continue;
    const targets = usable[d]!.filter((s) => !down.has(s) && valueAt(sc.sites[s]!.capacity[cls]!, t) > 0);
    const key = targets.join(',');
    const set = sets.get(key);
    if (set) set.lost.push(...lostCols);
    else sets.set(key, { first: d, targets, lost: lostCols });
  }
  for (const { first, targets, lost } of sets.values()) {
    const zs: number[] = [];
    for (const s of targets) {
      const z = addColumn(m, 0, Infinity, { kind: 'z', outage: oi, demand: first, site: s, hour: t });
      zs.push(z);
      (zAt.get(s) ?? zAt.set(s, []).get(s)!).push(z);
    }
    // No usable site outside the outage: the row forces x at the outage to 0 (left unmet instead).
    addRow(m, { cols: [...zs, ...lost], coefs: [...zs.map(() => 1), ...lost.map(() => -1)], lb: 0, ub: 0, meaning: { kind: 'recourse', outage: oi, demand: first, hour: t } });
  }
  for (const [s, zs] of zAt) {
    const key = (s * NC + ci) * H + t;
    // The plan's own use of (s, c, t) as one column, defined once and read by every outage's row:
    // a recourse-capacity row then has 1 + |z| entries instead of every x of the site-class-hour.
    let use = index.useCol.get(key);
    if (use === undefined) {
      const r = index.capRow.get(key);
      if (r !== undefined) {
        const xs = m.rows[r]!.cols;
        use = addColumn(m, 0, Infinity, { kind: 'use', site: s, cls, hour: t });
        addRow(m, { cols: [use, ...xs], coefs: [1, ...xs.map(() => -1)], lb: 0, ub: 0, meaning: { kind: 'use', site: s, cls, hour: t } });
        index.useCol.set(key, use);
      }
    }
    const cols = use === undefined ? zs : [use, ...zs];
    addRow(m, { cols, coefs: cols.map(() => 1), lb: -Infinity, ub: valueAt(sc.sites[s]!.capacity[cls]!, t) * mu, meaning: { kind: 'recourseCapacity', outage: oi, site: s, cls, hour: t } });
  }
}
